#!/usr/bin/env bash
# tools/fuzz.sh: build the libFuzzer targets (clang-14, build-fuzz/) and run them.
#
#   tools/fuzz.sh TARGET MINUTES     run fuzz_TARGET for MINUTES (long runs, by hand)
#   tools/fuzz.sh all SECONDS        run every target SECONDS each, JOBS (default: all cores) at a
#                                    time (what the test command does)
#
# Targets (tests/fuzz/fuzz_*.cc): period, manifest, segment, dictionary (store decoders); csv
# (canonical CSV reader + row converter), comtrade, cn_customs (format readers); query_parse
# (--where / --by / --period ...); spec (TOML bulletin spec); params (HTTP parameters). Seeds come from
# tests/fuzz/corpus/TARGET (small, committed); new inputs go to a scratch copy, so the committed
# corpus does not grow. A crash is saved as build-fuzz/crash-TARGET-*: copy it into
# tests/fuzz/regressions/TARGET/ and fix the bug; every file there is replayed on each run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ_DIR="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
TARGETS=(period manifest segment dictionary csv comtrade cn_customs query_parse spec params)
what="${1:?usage: tools/fuzz.sh TARGET|all MINUTES|SECONDS}"
amount="${2:?usage: tools/fuzz.sh TARGET|all MINUTES|SECONDS}"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$ROOT" -B "$FUZZ_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DTRADESTAT_FUZZ=ON -DTRADESTAT_BUILD_TESTS=OFF -DTRADESTAT_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
if [[ "$what" == all ]]; then
  targets=("${TARGETS[@]}"); seconds="$amount"
else
  targets=("$what"); seconds=$((amount * 60))
fi
cmake --build "$FUZZ_DIR" -j "${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

# One target: replay its regressions, then fuzz a scratch copy of its corpus. Prints its result;
# returns non-zero (after printing the log's tail) when a regression fails or a crash is found.
run_target() {
  local t="$1" bin="$FUZZ_DIR/tests/fuzz/fuzz_$1" reg="$ROOT/tests/fuzz/regressions/$1" scratch
  if [[ -d "$reg" ]] && compgen -G "$reg/*" >/dev/null; then
    "$bin" "$reg"/* >/dev/null 2>&1 || { echo "== fuzz_$t: a regression fails"; "$bin" "$reg"/*; return 1; }
  fi
  scratch="$(mktemp -d)"
  cp -r "$ROOT/tests/fuzz/corpus/$t/." "$scratch/"
  if ! (cd "$FUZZ_DIR" && "$bin" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
      -artifact_prefix="$FUZZ_DIR/crash-$t-" -print_final_stats=1 "$scratch" 2>"$FUZZ_DIR/fuzz_$t.log"); then
    echo "== fuzz_$t: FAILED after up to ${seconds} s"; tail -40 "$FUZZ_DIR/fuzz_$t.log"; rm -rf "$scratch"; return 1
  fi
  echo "== fuzz_$t: ${seconds} s, $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$FUZZ_DIR/fuzz_$t.log" | grep -Eo '[0-9]+$') runs, nothing found"
  rm -rf "$scratch"
}

# Targets run side by side, one per core (each is single-threaded), so "a minute each" costs
# TARGETS x SECONDS / cores of wall time. Every target runs even after one fails; the exit status
# says whether any did.
parallel="${JOBS:-$(nproc)}"
failed=0 running=0
for t in "${targets[@]}"; do
  if (( running >= parallel )); then wait -n || failed=1; running=$((running - 1)); fi
  run_target "$t" & running=$((running + 1))
done
while (( running > 0 )); do wait -n || failed=1; running=$((running - 1)); done
exit "$failed"
