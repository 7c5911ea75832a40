#!/usr/bin/env python3
"""bench/clickhouse_bench.py: tradestat on the embedded store against tradestat on a 2-shard ClickHouse cluster.

Usage: nice python3 bench/clickhouse_bench.py --binary build/src/cli/tradestat --csv FILE [--reps 3]
       [--workdir /tmp/trade-bench/chbench] [--no-hand-sql]

In one run, on one generated CSV (../shared/bench/gen_trade.py):
  1. `tradestat load` into (a) an embedded store and (b) a clickhouse:// store on two private
     clickhouse-server processes on loopback (tests/clickhouse/chcluster.py; stopped by their own
     PIDs): seconds, MB/s, peak RSS of the tradestat process and of the servers (VmHWM);
  2. the bulletin workload Q1-Q7 (../shared/bench/workload.json, as bench/query_bench.cc maps it
     to query requests) as `tradestat query ... --format json` processes on both stores: median
     seconds and peak RSS; the two JSON outputs must be byte-identical;
  3. the harness's hand-written SQL for Q1-Q7 on a plain Distributed table of the raw CSV
     (loaded with INSERT ... FORMAT CSVWithNames, insert_distributed_sync=1), and its answers
     cross-checked against tradestat's (whole yuan, exact);
  4. the SQL tradestat generated for each query (TRADESTAT_SQL_LOG), long literal arrays cut.
A benchmark, never a test: the machine is shared, so read ratios within the run (the load
average is printed before and after).
"""
import argparse
import decimal
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "clickhouse"))
import chcluster  # noqa: E402

WORKLOAD = os.path.join(HERE, "..", "..", "shared", "bench", "workload.json")

# Q1-Q7 as bench/query_bench.cc builds them.
QUERIES = [
    ("Q1", ["--by", "flow"]),
    ("Q2", ["--by", "partner", "--top", "10"]),
    ("Q3", ["--where", "partner_group=ASEAN"]),
    ("Q4", ["--by", "reporter", "--sort", "reporter"]),
    ("Q5", ["--flow", "X", "--compare", "none", "--where", "commodity=84,85"]),
    ("Q6", ["--flow", "X", "--where", "commodity=850760,854142,854143,870380", "--by", "hs6", "--sort", "hs6"]),
    ("Q7", ["--compare", "none"]),
]


def say(s):
    print(s, flush=True)


def loadavg():
    return open("/proc/loadavg").read().split()[:3]


def timed(cmd, env=None):
    """(seconds, peak RSS MiB, CompletedProcess) of one process under /usr/bin/time."""
    tf = "/tmp/tradestat-chbench-time.txt"
    t = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", tf] + cmd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t
    rss = int(open(tf).read().split()[-1]) / 1024.0
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd[:4]), r.stderr.decode()[:1000]))
    return dt, rss, r


def vmhwm_mib(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return 0.0


def cut_arrays(sql):
    def cut(m):
        items = m.group(1).split(",")
        return "[%s]" % m.group(1) if len(items) <= 8 else "[%s,... %d more]" % (",".join(items[:6]), len(items) - 6)
    return re.sub(r"\[([^\[\]]*)\]", cut, sql)


def yuan(text):  # "8749.00" -> 8749 (the workload's whole yuan)
    return int(decimal.Decimal(text).to_integral_value(rounding=decimal.ROUND_DOWN))


def from_tradestat(q, j):
    """The figures of the hand-written SQL's answer, from tradestat's JSON."""
    t = j["share_base"]["total"] if q != "Q3" else None
    if q == "Q1":
        rows = {r["flow"]: r for r in j["rows"]}
        return [yuan(t["value"]), yuan(rows["X"]["value"]), yuan(rows["M"]["value"]),
                yuan(t["value_prev"]), yuan(rows["X"]["value_prev"]), yuan(rows["M"]["value_prev"])]
    if q in ("Q2", "Q4"):
        key = "partner" if q == "Q2" else "reporter"
        return [[r[key], yuan(r["value"]), yuan(r["value_prev"])] for r in j["rows"]]
    if q == "Q3":
        return [yuan(j["total"]["value"]), yuan(j["total"]["value_prev"])]
    if q == "Q5":
        return [yuan(j["total"]["value"]), yuan(j["share_base"]["total"]["value"])]
    if q == "Q6":
        return [[r["hs6"], yuan(r["value"]), yuan(r["value_prev"])] for r in j["rows"]]
    if q == "Q7":
        return [int(j["total"]["partners"])]


def from_hand_sql(q, rows):
    if q == "Q1":
        return [int(x) for x in rows[0][:6]]
    if q in ("Q2", "Q4"):
        return [[r[0], int(r[1]), int(r[2])] for r in rows]
    if q == "Q3":
        return [int(rows[0][0]), int(rows[0][1])]
    if q == "Q5":
        return [int(rows[0][0]), int(rows[0][1])]
    if q == "Q6":
        return [[r[0], int(r[1]), int(r[2])] for r in rows]
    if q == "Q7":
        return [int(rows[0][0])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--workdir", default="/tmp/trade-bench/chbench")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--no-hand-sql", action="store_true")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    mb = os.path.getsize(a.csv) / 1e6
    if os.path.exists(a.workdir):
        shutil.rmtree(a.workdir)
    os.makedirs(a.workdir)
    say("# bench/clickhouse_bench.py %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    say("csv=%s (%.1f MB) binary=%s cpus=%d loadavg_start=%s" % (a.csv, mb, binary, os.cpu_count(),
                                                                "/".join(loadavg())))
    store = os.path.join(a.workdir, "store")
    subprocess.run([binary, "init", store], check=True)
    dt, rss, _ = timed([binary, "load", store, "--dataset", "trade", "--quiet", a.csv])
    say("embedded LOAD seconds=%.2f MB/s=%.1f tradestat_peak_rss_mib=%.0f store_mib=%.0f" % (
        dt, mb / dt, rss, sum(os.path.getsize(os.path.join(p, f)) for p, _, fs in os.walk(store) for f in fs) / 2**20))

    cluster = chcluster.Cluster(os.path.join(a.workdir, "cluster"), n=2)
    try:
        cluster.start()
        s0, s1 = cluster.servers
        say("cluster two_shards: clickhouse-server %s, pids %d,%d, http %d,%d" % (
            s0.query("SELECT version()").strip(), s0.proc.pid, s1.proc.pid, s0.http_port, s1.http_port))
        url = cluster.url("bench")
        subprocess.run([binary, "init", url], check=True)
        idle = [vmhwm_mib(s.proc.pid) for s in cluster.servers]
        dt, rss, _ = timed([binary, "load", url, "--dataset", "trade", "--quiet", a.csv])
        rows = [int(s.query("SELECT count() FROM bench.trade_local")) for s in cluster.servers]
        size = sum(int(s.query("SELECT sum(bytes) FROM system.parts WHERE active AND database = 'bench'"))
                   for s in cluster.servers)
        say("cluster LOAD seconds=%.2f MB/s=%.1f tradestat_peak_rss_mib=%.0f server_peak_rss_mib=%s "
            "(idle %s) rows_per_shard=%s storage_mib=%.0f" % (
                dt, mb / dt, rss, ",".join("%.0f" % vmhwm_mib(s.proc.pid) for s in cluster.servers),
                ",".join("%.0f" % x for x in idle), rows, size / 2**20))

        sql_log = os.path.join(a.workdir, "sql.log")
        answers = {}
        totals = {"embedded": 0.0, "cluster": 0.0}
        for q, extra in QUERIES:
            args = ["query", None, "--dataset", "trade", "--period", "2023H1"] + extra + ["--format", "json"]
            out = {}
            for name, target in (("embedded", store), ("cluster", url)):
                times, rsss = [], []
                for rep in range(a.reps):
                    env = dict(os.environ)
                    if name == "cluster" and rep == 0:
                        if os.path.exists(sql_log):
                            os.remove(sql_log)
                        env["TRADESTAT_SQL_LOG"] = sql_log
                    cmd = [binary] + [target if x is None else x for x in args]
                    dt, rss, r = timed(cmd, env)
                    times.append(dt)
                    rsss.append(rss)
                    out.setdefault(name, r.stdout)
                    if r.stdout != out[name]:
                        say("WARN %s %s: output changed between runs" % (q, name))
                med = statistics.median(times)
                totals[name] += med
                say("%s %s seconds=%.4f runs=%s peak_rss_mib=%.0f" % (
                    q, name, med, ",".join("%.3f" % x for x in times), max(rsss)))
            same = out["embedded"] == out["cluster"]
            say("%s identical_json=%s (%d bytes)" % (q, "OK" if same else "FAIL", len(out["embedded"])))
            answers[q] = from_tradestat(q, json.loads(out["embedded"]))
            cube = [s for s in open(sql_log).read().split(";\n") if "GROUP BY slot" in s]
            for s in cube:
                say("%s tradestat_sql: %s" % (q, cut_arrays(s.split("\n", 1)[1].strip())))
        say("Q1-Q7 total embedded=%.3f cluster=%.3f ratio=%.1fx" % (
            totals["embedded"], totals["cluster"], totals["cluster"] / totals["embedded"]))
        say("server_peak_rss_mib_after_queries=%s" % ",".join("%.0f" % vmhwm_mib(s.proc.pid) for s in cluster.servers))

        if not a.no_hand_sql:
            w = json.load(open(WORKLOAD))
            cols = ", ".join("%s %s" % (n, {"s": "String", "i": "Int64", "f": "Float64"}[t]) for n, t in w["columns"])
            for s in cluster.servers:
                s.query("CREATE TABLE bench.raw_local (%s) ENGINE = MergeTree() PARTITION BY substring(period, 1, 4) "
                        "ORDER BY (period, flow, region, partner, hs, trade_mode)" % cols)
                s.query("CREATE TABLE bench.raw AS bench.raw_local ENGINE = Distributed(%s, bench, raw_local, "
                        "cityHash64(partner, hs))" % cluster.name)
            t = time.perf_counter()
            p = subprocess.run(["curl", "-sS", "--fail", "--data-binary", "@" + a.csv,
                                "http://127.0.0.1:%d/?insert_distributed_sync=1&query=%s" % (
                                    s0.http_port, "INSERT%20INTO%20bench.raw%20FORMAT%20CSVWithNames")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            dt = time.perf_counter() - t
            if p.returncode != 0:
                raise RuntimeError("raw load: " + p.stderr.decode())
            say("hand-sql LOAD (INSERT CSVWithNames into the Distributed table) seconds=%.2f MB/s=%.1f" % (dt, mb / dt))
            total = 0.0
            for qd in w["queries"]:
                sql = qd["sql"].replace(" FROM trade ", " FROM bench.raw ")
                times, body = [], None
                for _ in range(a.reps):
                    t = time.perf_counter()
                    body = s0.query(sql + " FORMAT TabSeparated", timeout=600)
                    times.append(time.perf_counter() - t)
                med = statistics.median(times)
                total += med
                got = from_hand_sql(qd["id"], [l.split("\t") for l in body.splitlines()])
                ok = got == answers[qd["id"]]
                say("%s hand_sql seconds=%.4f runs=%s agrees_with_tradestat=%s%s" % (
                    qd["id"], med, ",".join("%.3f" % x for x in times), "OK" if ok else "FAIL",
                    "" if ok else " hand=%s tradestat=%s" % (str(got)[:300], str(answers[qd["id"]])[:300])))
            say("Q1-Q7 total hand_sql=%.3f" % total)
    finally:
        cluster.stop()
    say("loadavg_end=%s" % "/".join(loadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
