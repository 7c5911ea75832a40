#!/usr/bin/env bash
# tests/golden/run_golden.sh BINARY CASE_DIR: one golden case of `tradestat query`.
#
# A case directory holds input CSVs (<dataset>.csv, loaded into a fresh store as dataset
# <dataset>) and one or more queries: NAME.args (the arguments after STORE, shell words),
# NAME.out (expected standard output), optionally NAME.exit (expected exit status, default 0)
# and NAME.err (expected standard error). NAME.cmd instead of NAME.args holds a whole command
# line for any subcommand, run from the case directory with $STORE set to the case's store
# (e.g. `load $STORE --dataset d bad_rows.data`), so messages name files relatively. UPDATE_GOLDEN=1 rewrites NAME.out/NAME.err from the
# current binary instead of comparing (review the diff before committing it).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" init "$tmp/store" > /dev/null || exit 1
for csv in "$dir"/*.csv; do
  [ -e "$csv" ] || continue
  name=$(basename "$csv" .csv)
  "$bin" load "$tmp/store" --dataset "$name" --quiet "$csv" || { echo "FAIL: loading $csv"; exit 1; }
done
status=0
export STORE="$tmp/store"
for args in "$dir"/*.args "$dir"/*.cmd; do
  [ -e "$args" ] || continue
  q=$(basename "${args%.*}")
  if [ "${args##*.}" = cmd ]; then
    eval "set -- $(cat "$args")"
    (cd "$dir" && "$bin" "$@") > "$tmp/$q.out" 2> "$tmp/$q.err"
  else
    eval "set -- $(cat "$args")"
    "$bin" query "$tmp/store" "$@" > "$tmp/$q.out" 2> "$tmp/$q.err"
  fi
  rc=$?
  want_rc=0
  [ -f "$dir/$q.exit" ] && want_rc=$(cat "$dir/$q.exit")
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/$q.out" "$dir/$q.out"
    if [ -s "$tmp/$q.err" ] || [ -f "$dir/$q.err" ]; then cp "$tmp/$q.err" "$dir/$q.err"; fi
    if [ "$rc" != 0 ]; then echo "$rc" > "$dir/$q.exit"; else rm -f "$dir/$q.exit"; fi
    continue
  fi
  if [ "$rc" != "$want_rc" ]; then
    echo "FAIL: $q: exit status $rc, expected $want_rc"; cat "$tmp/$q.err"; status=1
  fi
  if ! diff -u "$dir/$q.out" "$tmp/$q.out"; then echo "FAIL: $q: standard output differs"; status=1; fi
  if [ -f "$dir/$q.err" ] && ! diff -u "$dir/$q.err" "$tmp/$q.err"; then
    echo "FAIL: $q: standard error differs"; status=1
  fi
  [ "$status" = 0 ] && echo "ok: $q"
done
exit $status
