#!/usr/bin/env python3
"""tests/clickhouse/cluster_test.py BINARY SOURCE_DIR: tradestat on a private 2-shard ClickHouse cluster.

Starts two clickhouse-server processes on loopback (tests/clickhouse/chcluster.py: own config,
ports and data directories under a temporary directory, stopped by their own PIDs), then checks:
  1. the demo (hunan + china) loaded into the cluster gives the same Hunan bulletin as the
     embedded demo store, and the issue's query prints the same bytes;
  2. every golden case of tests/golden gives the same output on the cluster as recorded;
  3. a load SIGKILLed half way is invisible, and the next load removes its rows;
  4. with one shard stopped a query fails naming the cluster and the shard, and prints nothing.
Fails (never skips) when clickhouse-server is missing: tools/bootstrap.sh installs it.
"""
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import chcluster  # noqa: E402

failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what, flush=True)
    if not ok:
        failures.append(what)


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def golden(bin_, case_dir, cluster, tmp):
    """Runs one tests/golden case against a fresh database of the cluster, like run_golden.sh."""
    name = os.path.basename(case_dir)
    url = cluster.url("g_" + name)
    r = run([bin_, "init", url])
    if r.returncode != 0:
        return ["init: " + r.stderr.decode()]
    for csv in sorted(glob.glob(os.path.join(case_dir, "*.csv"))):
        ds = os.path.basename(csv)[:-4]
        r = run([bin_, "load", url, "--dataset", ds, "--quiet", csv])
        if r.returncode != 0:
            return ["loading %s: %s" % (csv, r.stderr.decode())]
    problems = []
    steps = sorted(glob.glob(os.path.join(case_dir, "*.args")) + glob.glob(os.path.join(case_dir, "*.cmd")))
    for step in steps:
        q = os.path.splitext(os.path.basename(step))[0]
        env = dict(os.environ, STORE=url, BIN=bin_, STEP=step)
        if step.endswith(".cmd"):
            script = 'eval "set -- $(cat "$STEP")"; exec "$BIN" "$@"'
            cwd = case_dir
        else:
            script = 'eval "set -- $(cat "$STEP")"; exec "$BIN" query "$STORE" "$@"'
            cwd = None
        r = run(["bash", "-c", script], env=env, cwd=cwd)
        want_rc = 0
        if os.path.exists(os.path.join(case_dir, q + ".exit")):
            want_rc = int(open(os.path.join(case_dir, q + ".exit")).read().strip())
        want_out = open(os.path.join(case_dir, q + ".out"), "rb").read()
        if r.returncode != want_rc:
            problems.append("%s: exit %d, expected %d: %s" % (q, r.returncode, want_rc, r.stderr.decode()[:300]))
        elif r.stdout != want_out:
            problems.append("%s: standard output differs" % q)
    return problems


def main():
    bin_ = os.path.abspath(sys.argv[1])
    src = os.path.abspath(sys.argv[2])
    if not os.path.exists(chcluster.SERVER_BIN):
        print("FAIL: %s is missing; install it with tools/bootstrap.sh "
              "(apt-get install clickhouse-server clickhouse-client)" % chcluster.SERVER_BIN)
        return 1
    tmp = tempfile.mkdtemp(prefix="tradestat-ch-")
    cluster = chcluster.Cluster(os.path.join(tmp, "cluster"), n=2)
    try:
        cluster.start()
        print("servers: http %s" % [s.http_port for s in cluster.servers], flush=True)

        # 1. The demo on both backends.
        demo = os.path.join(tmp, "demo")
        r = run([bin_, "demo", "--dir", demo, "--quiet", "--keep-csv"])
        check(r.returncode == 0, "demo store built " + r.stderr.decode()[:300])
        url = cluster.url("demo")
        r = run([bin_, "init", url])
        check(r.returncode == 0, "init %s %s" % (url, r.stderr.decode()))
        for ds in ("hunan", "china"):
            files = sorted(glob.glob(os.path.join(demo, "csv", ds + "_*")))
            r = run([bin_, "load", url, "--dataset", ds, "--quiet"] + files)
            check(r.returncode == 0 and files, "demo dataset %s loaded into the cluster %s" % (ds, r.stderr.decode()[:500]))
        spec = os.path.join(src, "src", "demo", "bulletin_spec.toml")
        for lang in ("en", "zh"):
            for fmt in ("txt", "json"):
                args = ["bulletin", "--dataset", "hunan", "--reporter", "430000", "--period", "2023H1",
                        "--benchmark", "china", "--spec", spec, "--lang", lang, "--format", fmt,
                        "--date", "2023-07-13"]
                a = run([bin_, args[0], os.path.join(demo, "store")] + args[1:])
                b = run([bin_, args[0], url] + args[1:])
                # The JSON names the query behind each figure, with its STORE: the one difference.
                same = a.stdout.replace(os.path.join(demo, "store").encode(), b"STORE") == \
                    b.stdout.replace(url.encode(), b"STORE")
                check(a.returncode == 0 and same and len(a.stdout) > 1000,
                      "Hunan bulletin %s/%s identical on the cluster (%d bytes) %s" % (
                          lang, fmt, len(a.stdout), b.stderr.decode()[:300]))
        q = ["--dataset", "hunan", "--period", "2023H1", "--by", "partner", "--units", "ASEAN,EU",
             "--top", "5", "--format", "json"]
        a = run([bin_, "query", os.path.join(demo, "store")] + q)
        b = run([bin_, "query", url] + q)
        check(a.returncode == 0 and a.stdout == b.stdout, "the issue's query: same bytes on the cluster")
        r = run([bin_, "load", url, "--dataset", "hunan"] + sorted(glob.glob(os.path.join(demo, "csv", "hunan_*"))))
        check(r.returncode != 0 and b"already loaded" in r.stderr, "a double load is refused: " + r.stderr.decode()[:200])
        r = run([bin_, "info", url])
        check(r.returncode == 0 and b"hunan" in r.stdout, "info on the cluster " + r.stderr.decode()[:200])

        # 2. Golden cases.
        for case_dir in sorted(glob.glob(os.path.join(src, "tests", "golden", "*"))):
            if not os.path.isdir(case_dir):
                continue
            if not glob.glob(os.path.join(case_dir, "*.args")) + glob.glob(os.path.join(case_dir, "*.cmd")):
                continue
            problems = golden(bin_, case_dir, cluster, tmp)
            check(not problems, "golden %s on the cluster %s" % (os.path.basename(case_dir), "; ".join(problems)[:1500]))

        # 3. A load killed half way: invisible, then removed by the next writer.
        big = os.path.join(tmp, "big.csv")
        with open(big, "w") as out:
            first = True
            for f in sorted(glob.glob(os.path.join(demo, "csv", "hunan_*"))):
                with open(f) as inp:
                    header = inp.readline()
                    if first:
                        out.write(header)
                        first = False
                    shutil.copyfileobj(inp, out)
        local = "demo.trade_local"
        before = sum(int(s.query("SELECT count() FROM %s" % local)) for s in cluster.servers)
        p = subprocess.Popen([bin_, "load", url, "--dataset", "killed", "--quiet", big],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        killed_mid = False
        t0 = time.time()
        while time.time() - t0 < 120 and p.poll() is None:
            now = sum(int(s.query("SELECT count() FROM %s" % local)) for s in cluster.servers)
            if now > before:
                os.kill(p.pid, signal.SIGKILL)
                killed_mid = True
                break
            time.sleep(0.01)
        p.wait()
        check(killed_mid, "the load was SIGKILLed after some rows reached the shards")
        stray = sum(int(s.query("SELECT count() FROM %s WHERE dataset = 'killed'" % local)) for s in cluster.servers)
        r = run([bin_, "query", url, "--dataset", "killed", "--period", "2023H1", "--format", "json"])
        check(stray > 0 and r.returncode != 0 and b"no dataset" in r.stderr,
              "the killed load is invisible (%d stray rows on the shards): %s" % (stray, r.stderr.decode()[:200]))
        b2 = run([bin_, "query", url] + q)
        check(b2.stdout == a.stdout, "answers unchanged after the killed load")
        small = sorted(glob.glob(os.path.join(src, "tests", "golden", "basic_h1", "*.csv")))
        r = run([bin_, "load", url, "--dataset", "after_kill", "--quiet"] + small)
        stray = sum(int(s.query("SELECT count() FROM %s WHERE dataset = 'killed'" % local)) for s in cluster.servers)
        check(r.returncode == 0 and stray == 0, "the next load removed the killed load's rows (%d left) %s" % (
            stray, r.stderr.decode()[:200]))

        # 4. A shard down: an error naming it, no numbers.
        down = cluster.servers[1]
        down_port = down.tcp_port
        down.stop()
        r = run([bin_, "query", url] + q)
        err = r.stderr.decode()
        check(r.returncode != 0 and r.stdout == b"" and "two_shards" in err and str(down_port) in err,
              "a stopped shard gives a clear error and no output: " + err[:400])
    finally:
        cluster.stop()
        if not failures:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print("kept %s for inspection" % tmp)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
