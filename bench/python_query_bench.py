#!/usr/bin/python3
# bench/python_query_bench.py: a query from Python (tradestat package) vs the same query by the CLI.
#
#   PYTHONPATH=build/python /usr/bin/python3 bench/python_query_bench.py --binary build/src/cli/tradestat
#       [--store STORE --dataset D] [--rows 200000] [--repeat 5]
#
# Without --store it generates a canonical CSV of --rows rows into a temporary store (loaded by the
# CLI). For each query it reports the median wall time of: the CLI (`tradestat query ... --format
# json`, a process per run: start, open, scan, JSON), Python cold (ts.open + query -> DataFrame),
# Python warm (an open Store: JSON from the engine, then the DataFrame built from it).
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import tradestat as ts

QUERIES = [
    ["--period", "2023H1"],
    ["--period", "2023H1", "--by", "partner"],
    ["--period", "2023H1", "--by", "partner", "--units", "ASEAN,EU", "--top", "10"],
    ["--period", "2023", "--by", "hs4"],
    ["--period", "2023", "--by", "reporter", "--by", "partner"],
]


def as_kwargs(args):
    kw, i = {}, 0
    while i < len(args):
        key, value = args[i][2:], args[i + 1]
        i += 2
        if key in ("by", "where", "units"):
            kw.setdefault(key, []).append(value)
        elif key == "top":
            kw[key] = int(value)
        else:
            kw[key] = value
    return kw


def generate(path, rows, seed=1):
    rnd = random.Random(seed)
    reporters = ["430100", "430200", "430300", "430400", "430500", "430600", "430700", "431000"]
    partners = ["USA", "VNM", "DEU", "JPN", "KOR", "IDN", "MYS", "THA", "GBR", "FRA", "AUS", "BRA", "IND", "SGP",
                "NLD", "ITA", "ESP", "RUS", "ZAF", "MEX", "CAN", "PHL", "KHM", "LAO", "MMR", "BRN", "ZZZ"]
    hs = [f"{rnd.randrange(1, 97):02d}{rnd.randrange(1, 99):02d}{rnd.randrange(0, 99):02d}00" for _ in range(400)]
    months = [f"{y}-{m:02d}" for y in (2022, 2023) for m in range(1, 13)]
    with open(path, "w") as f:
        f.write("period,flow,reporter,partner,commodity,trade_mode,enterprise_type,value_cny,value_usd\n")
        for _ in range(rows):
            v = rnd.randrange(1, 10_000_000_00)
            f.write(f"{rnd.choice(months)},{rnd.choice('XM')},{rnd.choice(reporters)},{rnd.choice(partners)},"
                    f"{rnd.choice(hs)},0110,PRIVATE,{v // 100}.{v % 100:02d},{v // 700}.{v % 100:02d}\n")


def median_seconds(fn, repeat, clock=time.perf_counter):
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--store")
    ap.add_argument("--dataset", default="bench")
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()

    tmp = None
    store = a.store
    if store is None:
        tmp = tempfile.TemporaryDirectory(prefix="tradestat-pybench-")
        store = os.path.join(tmp.name, "store")
        csv = os.path.join(tmp.name, "bench.csv")
        generate(csv, a.rows)
        subprocess.run([a.binary, "init", store], check=True, capture_output=True)
        subprocess.run([a.binary, "load", store, "--dataset", a.dataset, "--quiet", csv], check=True)
        print(f"generated store: {a.rows:,} rows in {store}")

    s = ts.open(store)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; medians of {a.repeat} runs, wall ms "
          f"(frame cpu: CPU time of the DataFrame construction)")
    print(f"{'query':<58} {'CLI':>8} {'py cold':>8} {'py warm':>8} {'= json':>8} {'+ frame':>8} {'frame cpu':>9} "
          f"{'rows':>6}")
    for q in QUERIES:
        args = ["--dataset", a.dataset] + q
        kw = as_kwargs(args)
        cli = [a.binary, "query", store, *args, "--format", "json"]
        expected = subprocess.run(cli, check=True, capture_output=True, text=True).stdout
        assert s.query_json(**kw) == expected, "Python and CLI disagree"
        t_cli = median_seconds(lambda: subprocess.run(cli, check=True, stdout=subprocess.DEVNULL), a.repeat)
        t_cold = median_seconds(lambda: ts.open(store).query(**kw), a.repeat)
        t_warm = median_seconds(lambda: s.query(**kw), a.repeat)
        t_json = median_seconds(lambda: s.query_json(**kw), a.repeat)
        text = s.query_json(**kw)
        t_frame = median_seconds(lambda: ts.frame_from_json(text), a.repeat)
        c_frame = median_seconds(lambda: ts.frame_from_json(text), a.repeat, clock=time.process_time)
        rows = len(ts.frame_from_json(text))
        print(f"{' '.join(q):<58} {t_cli * 1e3:8.1f} {t_cold * 1e3:8.1f} {t_warm * 1e3:8.1f} {t_json * 1e3:8.1f} "
              f"{t_frame * 1e3:8.1f} {c_frame * 1e3:9.1f} {rows:6d}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
