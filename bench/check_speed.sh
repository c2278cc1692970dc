#!/usr/bin/env bash
# Issue 16's bar for `l10n check`: at most twice the CPU of `l10n extract` on
# the same Dutch pages. Builds a site whose source language is Dutch from the
# Dutch pages of ../shared/corpus (Ubuntu-NL, QGIS, Warzone 2100, each eight
# times: 520 pages), then times `check --lang nl` on its pages and `extract`
# of the site and prints the median CPU seconds (user + system, /usr/bin/time)
# of a run of each and their ratio, for -j1 and for one job per core. On a
# busy machine CPU time is the steadier figure.
#
# usage: bash bench/check_speed.sh [RUNS] [CORPUS]
#   RUNS    samples of each command, ten runs each (default 21)
#   CORPUS  default ../shared/corpus
# Times $L10N_BINARY, else build/l10n.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
corpus=${2:-../shared/corpus}
l10n=$(realpath "${L10N_BINARY:-build/l10n}")
site=$(mktemp -d "${TMPDIR:-/tmp}/l10n-check-speed.XXXXXX")
trap 'rm -rf "$site"' EXIT

mkdir -p "$site/content"
printf 'source = "nl"\nlanguages = ["en"]\nlayout = "filename"\nsourceDir = "content"\n' >"$site/l10n.toml"
for copy in 1 2 3 4 5 6 7 8; do
  for pair in u:ubuntu-nl-hugo/content q:qgis-website/content-translated/nl w:wz2100.net/content/nl; do
    mkdir -p "$site/content/${pair%%:*}$copy"
    cp -r "$corpus/${pair#*:}/." "$site/content/${pair%%:*}$copy/"
  done
done
"$l10n" extract -q --root "$site" # the catalogs exist: extract is timed in its steady state

# The median CPU seconds of one run of "$@", over RUNS samples of ten runs
# each: /usr/bin/time counts hundredths of a second, a run takes a few.
cpu_median() {
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%U %S' -o "$site/time" sh -c 'for n in 1 2 3 4 5 6 7 8 9 10; do "$@" >/dev/null 2>&1; done' sh "$@" || true
    # check exits 1 on findings, which time notes on a line of its own first.
    tail -n 1 "$site/time" | awk '{ printf "%.4f\n", ($1 + $2) / 10 }'
  done | sort -n | sed -n "$(((runs + 1) / 2))p"
}

echo "pages: $(find "$site/content" -name '*.md' | wc -l); medians of $runs samples of ten runs"
for jobs in 1 0; do
  check=$(cpu_median "$l10n" check -j "$jobs" -q --lang nl "$site/content")
  extract=$(cpu_median "$l10n" extract -j "$jobs" -q --root "$site")
  printf -- '-j%s  check %.4f s CPU  extract %.4f s CPU  check/extract %.2f (at most 2)\n' \
    "$jobs" "$check" "$extract" "$(echo "$check / $extract" | bc -l)"
done
