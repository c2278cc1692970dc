#!/bin/sh
# Benchmark of `l10n update` against `msgmerge --previous`.
#
# usage: bench/update_bench.sh [L10N_BINARY] [N]
#   L10N_BINARY  default ./build/l10n; anything that accepts
#                `update OLD.po NEW.pot -o OUT.po` (until the CLI has the
#                command, build bench/update_driver.cpp against the library)
#   N            number of messages, default 20000
#
# bench/gen_catalogs.py writes a catalog pair of N sentence-like messages in
# which 20% of the msgids had one word edited, 1% were deleted and 1% are new.
# Both tools update the same pair 3 times; the script prints the median wall
# time of each, the ratio, and the translated/fuzzy/untranslated counts of
# both outputs (msgfmt --statistics).
set -eu

bin=${1:-./build/l10n}
n=${2:-20000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/l10n-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$here/gen_catalogs.py" "$n" "$work"

# Median of three wall-clock runs of "$@", in seconds.
median3() {
  for i in 1 2 3; do
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | sort -n | sed -n 2p
}

ours=$(median3 "$bin" update "$work/OLD.po" "$work/NEW.pot" -o "$work/ours.po")
theirs=$(median3 msgmerge -q --previous "$work/OLD.po" "$work/NEW.pot" -o "$work/msgmerge.po")

echo "messages:             $n"
printf 'l10n update:          %.2f s\n' "$ours"
printf 'msgmerge --previous:  %.2f s\n' "$theirs"
printf 'speed-up:             %.1fx\n' "$(echo "$theirs / $ours" | bc -l)"
for f in ours msgmerge; do
  printf '%-21s %s\n' "$f:" "$(msgfmt --statistics -o "$work/$f.mo" "$work/$f.po" 2>&1)"
done
