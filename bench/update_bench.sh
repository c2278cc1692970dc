#!/usr/bin/env bash
# Benchmark of `l10n update` against `msgmerge --previous` on the same inputs.
#
# usage: bash bench/update_bench.sh [N] [RUNS]
#   N     messages in the generated catalog, default 20000
#   RUNS  runs of each tool (the median is reported), default 1: msgmerge
#         takes minutes on 20,000 messages
# Builds l10n (Release) into $BUILD_DIR (default build-bench/) unless
# $L10N_BINARY names a binary to time instead.
#
# bench/gen_catalogs.py writes OLD.po with N sentence-like messages (most
# translated, some fuzzy, some plural) and NEW.pot in which 20% of the msgids
# had one word edited, 1% were deleted and 1% are new. Both tools update that
# pair in the same run; the script prints wall-clock and CPU (user + system)
# seconds of each, the ratios, and msgfmt --statistics of both outputs. On a
# busy machine the CPU ratio is the steadier figure.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
runs=${2:-1}
if [[ -z ${L10N_BINARY:-} ]]; then
  build=${BUILD_DIR:-build-bench}
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$build" --target l10n >/dev/null
  L10N_BINARY=$build/l10n
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/l10n-update-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 bench/gen_catalogs.py "$n" "$work"

# "wall cpu" seconds of the median (by wall time) of $runs runs of "$@".
timed() {
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@"
    # At least 0.01 s each, so that a tiny N cannot divide by zero.
    awk '{ w = $1; c = $2 + $3; printf "%.2f %.2f\n", (w < 0.01 ? 0.01 : w), (c < 0.01 ? 0.01 : c) }' "$work/time"
  done | sort -n | sed -n "$(((runs + 1) / 2))p"
}

read -r ours_wall ours_cpu < <(timed "$L10N_BINARY" update "$work/OLD.po" "$work/NEW.pot" -o "$work/ours.po")
read -r mm_wall mm_cpu < <(timed msgmerge -q --previous "$work/OLD.po" "$work/NEW.pot" -o "$work/msgmerge.po")

echo "messages:             $n old, $(($(grep -c "^msgid " "$work/NEW.pot") - 1)) in the new template"
printf 'l10n update:          %8.2f s wall %8.2f s CPU\n' "$ours_wall" "$ours_cpu"
printf 'msgmerge --previous:  %8.2f s wall %8.2f s CPU\n' "$mm_wall" "$mm_cpu"
printf 'speed-up:             %8.1fx wall %7.1fx CPU\n' \
  "$(echo "$mm_wall / $ours_wall" | bc -l)" "$(echo "$mm_cpu / $ours_cpu" | bc -l)"
for f in ours msgmerge; do
  printf '%-21s %s\n' "$f:" "$(msgfmt --statistics -o /dev/null "$work/$f.po" 2>&1)"
done
