#!/usr/bin/env bash
# bench/load_bench.sh: time `tradestat load` on the peer harness's generated CSV (MB/s, peak RSS).
#
#   bench/load_bench.sh --rows 1000000 [--seed 42] [--data-dir /tmp/trade-bench] [--reps 3]
#
# Uses (or generates with ../shared/bench/gen_trade.py) $DATA/trade-<rows>-s<seed>.csv, the same
# file run_peers.sh gives DuckDB and ClickHouse, loads it into a fresh store `--reps` times and
# prints one line per run plus the median. Run it right after compare_peers.sh so both numbers
# come from the same machine state.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=1000000 SEED=42 DATA=/tmp/trade-bench REPS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --data-dir) DATA="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
BIN="${TRADESTAT_BIN:-$ROOT/build/src/cli/tradestat}"
HARNESS="${TRADESTAT_PEER_HARNESS:-$ROOT/../shared/bench}"
CSV="$DATA/trade-$ROWS-s$SEED.csv"
mkdir -p "$DATA"
if [ ! -s "$CSV" ]; then
  echo "== generating $CSV"
  /usr/bin/python3 "$HARNESS/gen_trade.py" --rows "$ROWS" --seed "$SEED" --out "$CSV"
fi
BYTES=$(stat -c %s "$CSV")
times=()
for ((i = 1; i <= REPS; i++)); do
  STORE="$DATA/tradestat-load-$ROWS"
  rm -rf "$STORE"
  "$BIN" init "$STORE" >/dev/null
  /usr/bin/time -f "%e %M" -o "$DATA/load.time" "$BIN" load "$STORE" --dataset bench --quiet "$CSV"
  read -r secs kb < "$DATA/load.time"
  size=$(du -sb "$STORE" | cut -f1)
  awk -v i="$i" -v r="$ROWS" -v b="$BYTES" -v s="$secs" -v kb="$kb" -v z="$size" 'BEGIN {
    printf "tradestat load run %d: %s rows, %.1f MB in %.2f s = %.0f MB/s, peak RSS %.0f MiB, store %.1f MB\n",
      i, r, b / 1e6, s, b / 1e6 / s, kb / 1024, z / 1e6 }'
  times+=("$secs")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
awk -v b="$BYTES" -v s="$median" 'BEGIN { printf "tradestat load median: %.2f s, %.0f MB/s\n", s, b / 1e6 / s }'
