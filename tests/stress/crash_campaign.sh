#!/usr/bin/env bash
# tests/stress/crash_campaign.sh: SIGKILL loads, replaces and reference imports at random points
# and check after each kill that the store is exactly at the previous or the next committed state.
#
#   tests/stress/crash_campaign.sh TRADESTAT_BINARY [KILLS=1000] [SEED=1] [FIRST_ROUND=1]
#
# Round k's choices come from (SEED, k) alone, so a failing round is replayed by itself with
# `crash_campaign.sh BINARY 1 SEED k`.
#
# Not part of the test command (1,000 rounds take minutes; CTest runs 20 as stress.crash_campaign).
# Each round: copy a prepared store, start one write (load into a new dataset, load --replace, or
# ref groups import), SIGKILL it after a random delay spread over the whole run of that write (0 to
# 1.3 x its measured duration, so kills land before, during and after the commit point), then
# require `tradestat check` to pass, the dataset totals (`tradestat query`) and the registered
# reference files to equal the state before or after the write, and a further load to succeed.
# Prints how many kills landed mid-write and how many rounds ended at the old / the new state, then
# "N passed, N failed"; exits 1 on any failure (the failing store is kept, with the round's seed).
set -uo pipefail

BIN="${1:?usage: crash_campaign.sh TRADESTAT_BINARY [KILLS] [SEED]}"
KILLS="${2:-1000}"
SEED="${3:-1}"
FIRST="${4:-1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tradestat-crash-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Inputs: a base load and a larger revision (so the kill lands inside the write often).
gen_csv() {  # gen_csv FILE ROWS VALUE
  awk -v n="$2" -v v="$3" 'BEGIN {
    print "period,flow,reporter,partner,commodity,trade_mode,enterprise_type,value_cny,value_usd"
    split("USA JPN KOR DEU VNM AUS FRA GBR IND BRA", p, " ")
    for (i = 0; i < n; i++)
      printf "2023-%02d,%s,430100,%s,%08d,0110,PRIVATE,%d.00,%d.00\n", i % 12 + 1, (i % 2 ? "M" : "X"),
             p[i % 10 + 1], 85000000 + i % 500, v + i, int(v / 7) + i
  }' >"$1"
}
gen_csv "$WORK/base.csv" 2000 1000
gen_csv "$WORK/revision.csv" 60000 5000
gen_csv "$WORK/extra.csv" 30000 300
printf 'group_code,group_name_en,group_name_zh,iso3,member_from,member_to,note\nXTEST,Test group,测试,USA,2000-01-01,,\n' >"$WORK/groups.csv"

BASE="$WORK/base-store"
"$BIN" init "$BASE" >/dev/null || exit 1
"$BIN" load "$BASE" -d a -q "$WORK/base.csv" || exit 1

state() {  # state STORE: what a reader sees (totals of every dataset, reference files)
  local s="$1"
  for d in a b; do
    "$BIN" query "$s" --dataset "$d" --period 2023 --by flow --format csv 2>/dev/null || echo "no $d"
  done
  "$BIN" info "$s" --json 2>/dev/null | grep -o '"reference_files":[^]]*' | sed 's/"time":"[^"]*"//g'
}

ops=(new_dataset replace ref_import)
run_op() {  # run_op OP STORE
  case "$1" in
    new_dataset) exec "$BIN" load "$2" -d b -q "$WORK/extra.csv" ;;
    replace) exec "$BIN" load "$2" -d a --replace -q "$WORK/revision.csv" ;;
    ref_import) exec "$BIN" ref groups import "$WORK/groups.csv" --store "$2" ;;
  esac
}

# Expected states: before every op, and after each op run to completion.
OLD="$(state "$BASE")"
declare -A NEW SPAN_US
now_us() { local t="$EPOCHREALTIME"; echo $((${t/./} )); }
for op in "${ops[@]}"; do
  cp -a "$BASE" "$WORK/expect-$op"
  best=""
  for try in 1 2 3; do  # the fastest of three runs, so one slow start does not stretch the span
    rm -rf "$WORK/expect-$op"; cp -a "$BASE" "$WORK/expect-$op"
    t0="$(now_us)"
    (run_op "$op" "$WORK/expect-$op") >/dev/null 2>&1 || { echo "op $op failed without a kill"; exit 1; }
    t=$(($(now_us) - t0))
    [[ -z "$best" || $t -lt $best ]] && best=$t
  done
  SPAN_US[$op]=$((best * 13 / 10 + 1000))
  NEW[$op]="$(state "$WORK/expect-$op")"
done
echo "kill delays: new_dataset 0-${SPAN_US[new_dataset]} us, replace 0-${SPAN_US[replace]} us, ref_import 0-${SPAN_US[ref_import]} us"

passed=0 failed=0 killed_mid=0 at_old=0 at_new=0
for ((k = FIRST; k < FIRST + KILLS; k++)); do
  RANDOM=$((SEED * 100003 + k))
  op="${ops[$((RANDOM % 3))]}"
  delay_us=$(( (RANDOM * 32768 + RANDOM) % SPAN_US[$op] ))
  s="$WORK/round"
  rm -rf "$s"
  cp -a "$BASE" "$s"
  (run_op "$op" "$s") >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  (($? == 137)) && killed_mid=$((killed_mid + 1))
  why=""
  if ! "$BIN" check "$s" >/dev/null 2>"$WORK/check.err"; then
    why="check failed: $(head -c 300 "$WORK/check.err")"
  else
    got="$(state "$s")"
    if [[ "$got" == "$OLD" ]]; then at_old=$((at_old + 1))
    elif [[ "$got" == "${NEW[$op]}" ]]; then at_new=$((at_new + 1))
    else why="state is neither old nor new"; fi
  fi
  if [[ -z "$why" ]] && ! "$BIN" load "$s" -d c -q "$WORK/base.csv" 2>"$WORK/next.err"; then
    why="next load failed: $(head -c 300 "$WORK/next.err")"
  fi
  if [[ -n "$why" ]]; then
    failed=$((failed + 1))
    echo "round $k ($op, kill after ${delay_us} us; replay: crash_campaign.sh BINARY 1 $SEED $k): $why"
    cp -a "$s" "$WORK/../tradestat-crash-failure-$k" 2>/dev/null && echo "  kept in ${TMPDIR:-/tmp}/tradestat-crash-failure-$k"
  else
    passed=$((passed + 1))
  fi
done
echo "crash campaign: $KILLS rounds, $killed_mid killed while running; $at_old at the old state, $at_new at the new"
echo "$passed passed, $failed failed"
((failed == 0))
