#!/usr/bin/env bash
# The speed benchmark: builds l10n (Release) into build-bench/, makes a
# synthetic site from the real pages of ../shared/corpus and content/
# (1,000 and 10,000 pages, about 5 KB each), and times l10n extract, merge
# and check against po4a and translate-toolkit doing the same work. Prints
# medians, MB/s, peak memory, the speed-ups and the growth 1,000 -> 10,000.
#
# usage: tools/bench.sh [bench/bench.py options]
#   e.g. tools/bench.sh --pages 1000,10000 --runs 3 --po4a-pages 1000 --ttk-pages 1000
#        tools/bench.sh --scale [--baseline OLD_L10N]   (issue 18: 10,000
#        pages x 17 languages and 50,000 x 1, l10n alone, beside another
#        build if given; about 15 GB in $TMPDIR and an hour with a baseline;
#        --scale 2000x17,10000x1 for less)
# Needs po4a and translate-toolkit (tools/install-deps.sh installs them) and
# about 1 GB in $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target l10n
work=$(mktemp -d "${TMPDIR:-/tmp}/l10n-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 bench/bench.py "$build/l10n" "$work" "$@"
