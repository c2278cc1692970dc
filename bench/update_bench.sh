#!/usr/bin/env bash
# Benchmark of `l10n update` against `msgmerge --previous` on the same inputs.
#
# usage: bash bench/update_bench.sh [N] [RUNS]
#   N     messages in each generated catalog, default 20000
#   RUNS  runs of each tool (the median is reported), default 1: msgmerge
#         takes minutes on 20,000 messages
# Builds l10n (Release) into $BUILD_DIR (default build-bench/) unless
# $L10N_BINARY names a binary to time instead. PAIRS="prose small" (the
# default) chooses the pairs.
#
# Two pairs from bench/gen_catalogs.py, each an OLD.po of N messages (most
# translated, some fuzzy, some plural) and a NEW.pot in which 20% of the
# msgids had one word edited, 1% were deleted and 1% are new:
#   prose  sentence-like messages over a large vocabulary;
#   small  the same shape over a 26-word vocabulary, where every message
#          looks like every other: the hard case for a fuzzy search.
# Both tools update each pair in the same run; the script prints wall-clock
# and CPU (user + system) seconds and peak RSS of each, the ratios, and how
# many entries l10n decides as msgmerge does (bench/po_decisions.py: same
# exact match, same fuzzy match from the same old msgid, same untranslated or
# obsolete entry). On a busy machine the CPU ratio is the steadier figure.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
runs=${2:-1}
pairs=${PAIRS:-prose small}
if [[ -z ${L10N_BINARY:-} ]]; then
  build=${BUILD_DIR:-build-bench}
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$build" --target l10n >/dev/null
  L10N_BINARY=$build/l10n
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/l10n-update-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# "wall cpu rss_mb" of the median (by wall time) of $runs runs of "$@".
timed() {
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@"
    # At least 0.01 s each, so that a tiny N cannot divide by zero.
    awk '{ w = $1; c = $2 + $3; printf "%.2f %.2f %.1f\n", (w < 0.01 ? 0.01 : w), (c < 0.01 ? 0.01 : c), $4 / 1024 }' \
      "$work/time"
  done | sort -n | sed -n "$(((runs + 1) / 2))p"
}

row() { printf '  %-21s %9s %9s %10s\n' "$@"; }

for pair in $pairs; do
  dir=$work/$pair
  case $pair in
    prose) python3 bench/gen_catalogs.py "$n" "$dir" ;;
    small) python3 bench/gen_catalogs.py --vocabulary 26 "$n" "$dir" ;;
    *) echo "unknown pair: $pair" >&2; exit 2 ;;
  esac
  read -r ours_wall ours_cpu ours_rss < <(timed "$L10N_BINARY" update "$dir/OLD.po" "$dir/NEW.pot" -o "$dir/ours.po")
  read -r mm_wall mm_cpu mm_rss < <(timed msgmerge -q --previous "$dir/OLD.po" "$dir/NEW.pot" -o "$dir/msgmerge.po")

  echo "$pair pair: $n old messages, $(($(grep -c "^msgid " "$dir/NEW.pot") - 1)) in the new template"
  row "" "wall s" "CPU s" "peak RSS"
  row "l10n update" "$ours_wall" "$ours_cpu" "$ours_rss MB"
  row "msgmerge --previous" "$mm_wall" "$mm_cpu" "$mm_rss MB"
  row "msgmerge / l10n" "$(printf '%.1fx' "$(echo "$mm_wall / $ours_wall" | bc -l)")" \
    "$(printf '%.1fx' "$(echo "$mm_cpu / $ours_cpu" | bc -l)")" \
    "$(printf '%.2fx' "$(echo "$mm_rss / $ours_rss" | bc -l)")"
  echo "  decisions: $(python3 bench/po_decisions.py --show 0 "$dir/ours.po" "$dir/msgmerge.po")"
  for f in ours msgmerge; do
    printf '  %-21s %s\n' "$f:" "$(msgfmt --statistics -o /dev/null "$dir/$f.po" 2>&1)"
  done
done
