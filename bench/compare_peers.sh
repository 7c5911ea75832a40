#!/usr/bin/env bash
# bench/compare_peers.sh: the shared peer harness (DuckDB, ClickHouse, pandas, SQLite) with
# tradestat added as the `cpp` peer, all measured in one run, then tradestat's own load timing.
#
#   bench/compare_peers.sh --rows 1000000 [--peers "duckdb clickhouse cpp"] [run_peers.sh options]
#
# The harness is read from ../shared/bench (or $TRADESTAT_PEER_HARNESS) and run from a writable
# copy; nothing of it is committed here. The cpp peer is build/bench/query_bench: it loads the
# CSV through the same code as `tradestat load` and runs Q1-Q7 (results cross-checked exactly
# against every other peer by the harness's report).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HARNESS="${TRADESTAT_PEER_HARNESS:-$ROOT/../shared/bench}"
BENCH_BIN="${TRADESTAT_QUERY_BENCH:-$ROOT/build/bench/query_bench}"
[ -x "$BENCH_BIN" ] || { echo "build first: $BENCH_BIN missing (tools/bootstrap.sh build)" >&2; exit 1; }
[ -f "$HARNESS/run_peers.sh" ] || { echo "peer harness not found at $HARNESS" >&2; exit 1; }

COPY=/tmp/tradestat-peer-harness
mkdir -p "$COPY"
cp -r "$HARNESS/." "$COPY/"
chmod -R u+w "$COPY"
# One case line for the cpp peer, inserted before the harness's catch-all.
if ! grep -q '^    cpp)' "$COPY/run_peers.sh"; then
  sed -i "s|^    \*) echo \"unknown peer|    cpp)        run_peer cpp \"$BENCH_BIN\" --csv \"\$CSV\" --reps \"\$REPS\" --store \"\$DATA/tradestat/\$ROWS\" ;;\n&|" \
    "$COPY/run_peers.sh"
fi
ARGS=("$@")
has_peers=0
for a in "${ARGS[@]}"; do [ "$a" = "--peers" ] && has_peers=1; done
((has_peers)) || ARGS+=(--peers "duckdb clickhouse cpp")
TRADE_BENCH_COPIED=1 bash "$COPY/run_peers.sh" "${ARGS[@]}"

rows=1000000
for ((i = 0; i < ${#ARGS[@]}; i++)); do [ "${ARGS[$i]}" = "--rows" ] && rows="${ARGS[$((i + 1))]}"; done
echo
echo "== tradestat load alone (same CSV, CLI, peak RSS of the load only)"
"$ROOT/bench/load_bench.sh" --rows "$rows" --reps 1
