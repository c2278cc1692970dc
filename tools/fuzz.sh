#!/usr/bin/env bash
# Fuzzes the readers: builds the libFuzzer targets fuzz/fuzz_*.cpp with
# clang-14 under ASan+UBSan into build-fuzz/ and runs each one for
# FUZZ_SECONDS (default 30). The seed corpus is made at run time, in a temp
# dir, from the example site (content/, po/) and ../shared/corpus; nothing is
# copied into the repository.
#
# usage: tools/fuzz.sh [TARGET...]    (default: every fuzz/fuzz_*.cpp)
#
# A crash, leak, hang (10 s on one input) or broken invariant fails the run;
# libFuzzer leaves the input in build-fuzz/artifacts/ to reproduce it with
# `build-fuzz/TARGET FILE`. Inputs that found new paths accumulate in
# build-fuzz/corpus/ between local runs.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-fuzz}
seconds=${FUZZ_SECONDS:-30}
# FUZZ_RUNS=N instead runs N inputs per target from seed 1 and an empty
# working corpus: as much fuzzing on a slow CI machine as on a fast one.
runs=${FUZZ_RUNS:-}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DL10N_SANITIZE=ON -DL10N_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
if (($#)); then
  targets=("$@")
else
  targets=()
  for f in fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
cmake --build "$build" --target "${targets[@]}"

# Seeds: every page and catalog of the example site and the corpus sites,
# copied into a temp dir for this run (named by content hash, so a page that
# is in several places is one seed).
seeds=$(mktemp -d "${TMPDIR:-/tmp}/l10n-fuzz-seeds.XXXXXX")
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/pages" "$seeds/po"
copy_seeds() {  # DIR PATTERN...
  local into=$1; shift
  find content po ../shared/corpus ../shared/seeds \( "$@" \) -type f -print0 2>/dev/null |
    while IFS= read -r -d '' f; do cp "$f" "$into/$(sha1sum < "$f" | cut -c1-16)"; done
}
copy_seeds "$seeds/pages" -name '*.md'
copy_seeds "$seeds/po" -name '*.po' -o -name '*.pot'
echo "seeds: $(ls "$seeds/pages" | wc -l) pages, $(ls "$seeds/po" | wc -l) catalogs"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tools/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  kind=pages
  [ "$t" = fuzz_po ] && kind=po
  mkdir -p "$build/artifacts/$t"
  if [ -n "$runs" ]; then
    corpus="$seeds/work-$t"
    bound=(-runs="$runs" -seed=1)
    echo "== $t: $runs inputs from seed 1"
  else
    corpus="$build/corpus/$t"
    bound=(-max_total_time="$seconds")
    echo "== $t: ${seconds}s"
  fi
  mkdir -p "$corpus"
  if ! "$build/$t" "${bound[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=32768 \
      -dict=fuzz/l10n.dict -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
      "$corpus" "$seeds/$kind" >"$build/$t.log" 2>&1; then
    failed+=("$t")
    tail -n 60 "$build/$t.log"
  fi
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|Done )' "$build/$t.log" || true
done
if ((${#failed[@]})); then
  echo "fuzzing failed: ${failed[*]} (inputs in $build/artifacts/)"
  exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${runs:-${seconds}s} ${runs:+inputs} each, no failure"
