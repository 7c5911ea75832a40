#!/usr/bin/env bash
# bench/serve_load.sh: bounded load test of `tradestat serve` on loopback (not part of ctest).
#
#   bench/serve_load.sh [BUILD_DIR] [SECONDS]     default: ./build, 5 seconds
#
# Builds the demo store once (BUILD_DIR/bench-serve/demo), starts the server on a free port and
# runs wrk (Debian package `wrk`) with 64 connections on 2 threads against a typical dashboard
# query (H1 2023 partners with ASEAN and the EU as units, top 10) and the headline query (two
# datasets), first with the response cache off (every request runs the engine), then on.
# Prints requests/s, p50/p99 latency and non-2xx responses; fails if any request errored.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${1:-$ROOT/build}"
SECONDS_RUN="${2:-5}"
BIN="$BUILD_DIR/src/cli/tradestat"
WORK="$BUILD_DIR/bench-serve"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 2; }
mkdir -p "$WORK"
[[ -f "$WORK/demo/store/MANIFEST" ]] || "$BIN" demo --dir "$WORK/demo" --quiet >/dev/null

PID=""
start() {  # start the server with extra options "$@"
  [[ -n "$PID" ]] && { kill "$PID"; wait "$PID" 2>/dev/null || true; }
  : >"$WORK/serve.out"
  "$BIN" serve "$WORK/demo/store" --port 0 "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
  PID=$!
  for _ in $(seq 100); do grep -q http "$WORK/serve.out" && break; sleep 0.1; done
  URL="$(grep -o 'http://[^ ]*' "$WORK/serve.out" | sed 's#/$##')"
}
trap '[[ -n "$PID" ]] && kill $PID 2>/dev/null; wait 2>/dev/null || true' EXIT

run() {
  local name="$1" path="$2"
  curl -sf "$URL$path" >/dev/null || { echo "$name: request failed: $path" >&2; exit 1; }
  local out
  out="$(wrk -t2 -c64 -d"${SECONDS_RUN}s" --latency "$URL$path")"
  local rps p50 p99 non2xx errors
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  errors="$(awk '/Socket errors/ {print $0}' <<<"$out")"
  printf '%-10s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  %s\n' "$name" "$rps" "$p50" "$p99" "${non2xx:-0}" "${errors:-no socket errors}"
  [[ -z "$non2xx" && -z "$errors" ]]
}

PARTNERS="/api/v1/query?dataset=hunan&reporter=430000&period=2023H1&by=partner&units=ASEAN,EU&top=10"
HEADLINE="/api/v1/query?dataset=hunan&reporter=430000&period=2023H1&by=flow&benchmark=china"
status=0
echo "64 connections, ${SECONDS_RUN}s each, $(nproc) cores"
echo "-- every request executes the query (--cache-entries 0)"
start --cache-entries 0
run partners "$PARTNERS" || status=1
run headline "$HEADLINE" || status=1
echo "-- default: repeated requests answered from the response cache"
start
run partners "$PARTNERS" || status=1
run headline "$HEADLINE" || status=1
run dashboard "/" || status=1
exit $status
