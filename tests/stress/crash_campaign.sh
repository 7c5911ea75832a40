#!/usr/bin/env bash
# tests/stress/crash_campaign.sh: SIGKILL loads, replaces and reference imports at random points
# and check after each kill that the store is exactly at the previous or the next committed state.
#
#   tests/stress/crash_campaign.sh TRADESTAT_BINARY [KILLS=1000] [SEED=1]
#
# Not part of the test command (it takes minutes). Each round: copy a prepared store, start one
# write (load into a new dataset, load --replace, or ref groups import), SIGKILL it after a random
# 0-40 ms, then require `tradestat check` to pass, the dataset totals (`tradestat query`) and the
# registered reference files to equal the state before or after the write, and a further load to
# succeed. Prints a summary line "N passed, N failed" and exits 1 on any failure.
set -uo pipefail

BIN="${1:?usage: crash_campaign.sh TRADESTAT_BINARY [KILLS] [SEED]}"
KILLS="${2:-1000}"
RANDOM="${3:-1}"
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
declare -A NEW
for op in "${ops[@]}"; do
  cp -a "$BASE" "$WORK/expect-$op"
  (run_op "$op" "$WORK/expect-$op") >/dev/null 2>&1 || { echo "op $op failed without a kill"; exit 1; }
  NEW[$op]="$(state "$WORK/expect-$op")"
done

passed=0 failed=0 killed_mid=0
for ((k = 1; k <= KILLS; k++)); do
  op="${ops[$((RANDOM % 3))]}"
  s="$WORK/round"
  rm -rf "$s"
  cp -a "$BASE" "$s"
  (run_op "$op" "$s") >/dev/null 2>&1 &
  pid=$!
  sleep "0.0$(printf '%02d' $((RANDOM % 40)))"
  if kill -KILL "$pid" 2>/dev/null; then killed_mid=$((killed_mid + 1)); fi
  wait "$pid" 2>/dev/null
  why=""
  if ! "$BIN" check "$s" >/dev/null 2>"$WORK/check.err"; then
    why="check failed: $(head -c 300 "$WORK/check.err")"
  else
    got="$(state "$s")"
    if [[ "$got" != "$OLD" && "$got" != "${NEW[$op]}" ]]; then why="state is neither old nor new"; fi
  fi
  if [[ -z "$why" ]] && ! "$BIN" load "$s" -d c -q "$WORK/base.csv" 2>"$WORK/next.err"; then
    why="next load failed: $(head -c 300 "$WORK/next.err")"
  fi
  if [[ -n "$why" ]]; then
    failed=$((failed + 1))
    echo "round $k ($op): $why"
    cp -a "$s" "$WORK/../tradestat-crash-failure-$k" 2>/dev/null && echo "  kept in ${TMPDIR:-/tmp}/tradestat-crash-failure-$k"
  else
    passed=$((passed + 1))
  fi
done
echo "crash campaign: $KILLS rounds, $killed_mid killed while running"
echo "$passed passed, $failed failed"
((failed == 0))
