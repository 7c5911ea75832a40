#!/usr/bin/env python3
"""tests/clickhouse/cluster_test.py BINARY SOURCE_DIR: tradestat on a private 2-shard ClickHouse cluster.

Starts two clickhouse-server processes on loopback (tests/clickhouse/chcluster.py: own config,
ports and data directories under a temporary directory, stopped by their own PIDs), then checks:
  1. the demo (hunan + china) loaded into the cluster gives the same Hunan bulletin as the
     embedded demo store, and the issue's query prints the same bytes;
  1b. `copy` embedded -> cluster -> embedded (info --json, query, bulletin, check equal), a second
     copy refused; `serve`, `check`, `verify` on the URL; two vintages: `--as-of` and `diff` on
     the embedded store, the cluster and a copy, byte for byte; check's partners/World and
     months/year lines on the cluster equal the embedded store's, for a good and a broken store;
  2. every golden case of tests/golden gives the same output on the cluster as recorded;
  3. a load SIGKILLed half way is invisible, and the next load removes its rows; a second load
     meanwhile is refused by the writer lock, and the next load takes the dead writer's lock over;
  4. with one shard stopped a query fails naming the cluster and the shard, and prints nothing.
Fails (never skips) when clickhouse-server is missing: tools/bootstrap.sh installs it.
"""
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

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


def norm_info(out):
    """info --json with what must differ between stores taken out: the store's name and bytes on disk."""
    j = json.loads(out)
    j["store"] = "STORE"
    j["disk_bytes"] = 0
    for d in j["datasets"]:
        d["disk_bytes"] = 0
    return j


def copy_section(bin_, src, demo, cluster, tmp, q, want_query):
    store = os.path.join(demo, "store")
    curl = cluster.url("copied")
    r = run([bin_, "init", curl])
    r = run([bin_, "copy", store, curl])
    check(r.returncode == 0 and b"copied hunan" in r.stdout, "copy embedded -> cluster: " + (r.stdout + r.stderr).decode()[:300])
    info = run([bin_, "info", store, "--json"])
    b = run([bin_, "info", curl, "--json"])
    check(info.returncode == 0 and b.returncode == 0 and norm_info(info.stdout) == norm_info(b.stdout),
          "info --json of the copy on the cluster equals the embedded store's (but for name and bytes) " +
          b.stderr.decode()[:300])
    b = run([bin_, "query", curl] + q)
    check(b.returncode == 0 and b.stdout == want_query, "the issue's query on the copy: same bytes")
    spec = os.path.join(src, "src", "demo", "bulletin_spec.toml")
    args = ["--dataset", "hunan", "--reporter", "430000", "--period", "2023H1", "--benchmark", "china",
            "--spec", spec, "--lang", "en", "--format", "json", "--date", "2023-07-13"]
    a = run([bin_, "bulletin", store] + args)
    b = run([bin_, "bulletin", curl] + args)
    check(a.returncode == 0 and a.stdout.replace(store.encode(), b"S") == b.stdout.replace(curl.encode(), b"S"),
          "bulletin on the copy equals the embedded store's " + b.stderr.decode()[:300])
    r = run([bin_, "copy", store, curl, "--dataset", "hunan"])
    check(r.returncode != 0 and b"already holds a dataset" in r.stderr, "a second copy is refused: " + r.stderr.decode()[:300])
    back = os.path.join(tmp, "back")
    r = run([bin_, "copy", curl, back])
    check(r.returncode == 0, "copy cluster -> embedded " + r.stderr.decode()[:300])
    c = run([bin_, "info", back, "--json"])
    check(c.returncode == 0 and norm_info(c.stdout) == norm_info(info.stdout),
          "info --json of the copy back equals the original's (but for name and bytes)")
    c = run([bin_, "query", back] + q)
    check(c.stdout == want_query, "the issue's query on the copy back: same bytes")
    c = run([bin_, "check", back])
    check(c.returncode == 0, "check passes on the copy back " + c.stderr.decode()[:300])

    # serve on the URL: the API answers as `tradestat query` does on the embedded store.
    sp = subprocess.Popen([bin_, "serve", curl, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = sp.stdout.readline().decode()
        base = line.strip().split(" ")[-1].rstrip("/")
        qs = "dataset=hunan&period=2023H1&by=partner&units=ASEAN,EU&top=5"
        with urllib.request.urlopen(base + "/api/v1/query?" + qs, timeout=60) as resp:
            body = resp.read()
        check(body == want_query, "serve on the cluster: /api/v1/query gives the query's bytes (%s)" % line.strip())
        with urllib.request.urlopen(base + "/api/v1/info", timeout=60) as resp:
            info_api = resp.read()
        check(norm_info(info_api) == norm_info(info.stdout), "serve on the cluster: /api/v1/info")
    finally:
        sp.terminate()
        sp.wait(timeout=30)

    # check: row counts and totals per segment on the shards.
    c = run([bin_, "check", curl])
    check(c.returncode == 0 and b"row counts and recorded totals verified on the shards" in c.stdout
          and b"OK: 0 violations" in c.stdout, "check on the cluster " + (c.stdout + c.stderr).decode()[:400])
    # verify: the embedded store's bulletin checked against both stores, the same report.
    rel = os.path.join(tmp, "release.txt")
    args_txt = [x if x != "json" else "txt" for x in args]
    with open(rel, "wb") as f:
        f.write(run([bin_, "bulletin", store] + args_txt).stdout)
    va = run([bin_, "verify", store, rel, "--format", "json"])
    vb = run([bin_, "verify", curl, rel, "--format", "json"])
    # The report names the query behind each figure with its STORE (a URL is shell-quoted).
    vb_out = vb.stdout.replace(b"'" + curl.encode() + b"'", b"S").replace(curl.encode(), b"S")
    check(va.returncode == 0 and va.stdout.replace(store.encode(), b"S") == vb_out,
          "verify on the cluster gives the embedded store's report (exit %d/%d) %s" % (
              va.returncode, vb.returncode, vb.stderr.decode()[:300]))

    # Two vintages (a load, then --replace of one month): --as-of on both backends, and copied.
    base = os.path.join(src, "tests", "golden", "basic_h1", "hunan.csv")
    fix = os.path.join(tmp, "fix.csv")
    lines = open(base).read().splitlines()
    with open(fix, "w") as f:
        f.write(lines[0] + "\n")
        for line in lines[1:]:
            if line.startswith("2023-01,"):
                f.write(line.replace(",0110,", ",0214,") + "\n")
    vs = os.path.join(tmp, "vint")
    vurl = cluster.url("vint")
    run([bin_, "init", vs])
    run([bin_, "init", vurl])
    for target in (vs, vurl):
        r1 = run([bin_, "load", target, "--dataset", "d", "--quiet", base])
        r2 = run([bin_, "load", target, "--dataset", "d", "--quiet", "--replace", fix])
        check(r1.returncode == 0 and r2.returncode == 0, "two vintages loaded into %s %s" % (
            target, (r1.stderr + r2.stderr).decode()[:300]))
    curl2 = cluster.url("vint_copy")
    run([bin_, "init", curl2])
    r = run([bin_, "copy", vs, curl2])
    check(r.returncode == 0 and b"2 vintage(s)" in r.stdout, "copy of a dataset with two vintages " + r.stderr.decode()[:300])
    for as_of in ([], ["--as-of", "1"], ["--as-of", "2"]):
        qa = ["--period", "2023H1", "--by", "trade_mode", "--format", "json"] + as_of
        e = run([bin_, "query", vs] + qa)
        outs = [run([bin_, "query", t] + qa) for t in (vurl, curl2)]
        check(e.returncode == 0 and all(o.stdout == e.stdout for o in outs),
              "query %s: same bytes on the embedded store, the cluster and the copy %s" % (
                  " ".join(as_of) or "(current)", " ".join(o.stderr.decode()[:200] for o in outs)))
    d0 = run([bin_, "diff", vs, "--dataset", "d", "--from", "1", "--to", "2"])
    d1 = run([bin_, "diff", curl2, "--dataset", "d", "--from", "1", "--to", "2"])
    d2 = run([bin_, "diff", vurl, "--dataset", "d", "--from", "1", "--to", "2"])
    check(d0.returncode == 0 and d0.stdout.count(b"\n") > 3 and d1.stdout == d0.stdout,
          "diff of two vintages on the copy: same bytes " + d1.stderr.decode()[:300])
    # Loaded separately, the vintages' times differ: the header line names them.
    check(d2.returncode == 0 and d2.stdout.split(b"\n", 1)[1] == d0.stdout.split(b"\n", 1)[1],
          "diff of two vintages on the cluster: same cells " + d2.stderr.decode()[:300])
    v1 = run([bin_, "query", vs, "--period", "2023H1", "--by", "trade_mode", "--format", "json", "--as-of", "1"])
    v2 = run([bin_, "query", vs, "--period", "2023H1", "--by", "trade_mode", "--format", "json"])
    check(v1.stdout != v2.stdout, "the two vintages answer differently")
    r = run([bin_, "query", vurl, "--period", "2023H1", "--as-of", "7"])
    check(r.returncode != 0 and b"has no vintage 7" in r.stderr, "--as-of a missing vintage on the cluster: " + r.stderr.decode()[:200])


def invariants_csv(march_world):
    """Each month of 2023: USA 100 and World 100 (January also DEU 50, World 150); the year 2023:
    USA 1200, DEU 50, World 1250. 13 groups hold World and partners, 1 year holds both."""
    rows = ["period,flow,reporter,partner,commodity,value_cny,value_usd"]
    for m in range(1, 13):
        p = "2023-%02d" % m
        world = 150 if m == 1 else march_world if m == 3 else 100
        rows.append("%s,X,430100,USA,85076000,100,100" % p)
        rows.append("%s,X,430100,WLD,85076000,%d,%d" % (p, world, world))
        if m == 1:
            rows.append("%s,X,430100,DEU,85076000,50,50" % p)
    rows += ["2023,X,430100,USA,85076000,1200,1200", "2023,X,430100,DEU,85076000,50,50",
             "2023,X,430100,WLD,85076000,1250,1250"]
    return "\n".join(rows) + "\n"


def invariants_section(bin_, cluster, tmp):
    """check's partners/World and months/year invariants computed on the cluster: the same lines as
    the embedded store's check, for a good store and one whose March World disagrees."""
    for name, march, want_rc in (("inv_good", 100, 0), ("inv_bad", 130, 1)):
        csv = os.path.join(tmp, name + ".csv")
        with open(csv, "w") as f:
            f.write(invariants_csv(march))
        store, url = os.path.join(tmp, name), cluster.url(name)
        outs = []
        for target in (store, url):
            run([bin_, "init", target])
            r = run([bin_, "load", target, "--dataset", "d", "--quiet", csv])
            check(r.returncode == 0, "invariants fixture loaded into %s %s" % (target, r.stderr.decode()[:300]))
            c = run([bin_, "check", target])
            outs.append(c)
        lines = [[ln for ln in c.stdout.decode().splitlines() if "partners" in ln or "months" in ln or "violation" in ln]
                 for c in outs]
        check(all(c.returncode == want_rc for c in outs) and lines[0] == lines[1] and b"skip" not in outs[1].stdout,
              "check %s: the cluster's invariant lines equal the embedded store's (exit %d/%d) %s / %s" % (
                  name, outs[0].returncode, outs[1].returncode, lines[0], lines[1]))
        if march == 100:
            check("  ok   partners add up to World in 13 groups holding both" in lines[1]
                  and "  ok   months add up to years in 1 year holding both" in lines[1],
                  "check on the cluster: 13 groups and 1 year hold both: %s" % lines[1])
        else:
            p = ("  FAIL partners: 2023-03 X reporter 430100 commodity 85076000: World 130.00 but 1 partners sum to "
                 "100.00 (diff 30.00)")
            m = "  FAIL months: 2023 X 430100 WLD 85076000: year 1250.00 but months sum to 1280.00 (diff -30.00)"
            check(lines[1] == [p, p, m, m, "FAILED: 4 violations"],
                  "check on the cluster reports March's World and the year, in both currencies: %s" % lines[1])


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

        # 1b. copy embedded -> cluster -> embedded, with vintages; info --json and --as-of on a URL.
        copy_section(bin_, src, demo, cluster, tmp, q, a.stdout)
        invariants_section(bin_, cluster, tmp)

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
        small = sorted(glob.glob(os.path.join(src, "tests", "golden", "basic_h1", "*.csv")))
        local = "demo.trade_local"
        before = sum(int(s.query("SELECT count() FROM %s" % local)) for s in cluster.servers)
        p = subprocess.Popen([bin_, "load", url, "--dataset", "killed", "--quiet", big],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        killed_mid = False
        t0 = time.time()
        while time.time() - t0 < 120 and p.poll() is None:
            now = sum(int(s.query("SELECT count() FROM %s" % local)) for s in cluster.servers)
            if now > before:
                # A second writer meanwhile: refused, naming the holder, nothing changed.
                r2 = run([bin_, "load", url, "--dataset", "second", "--quiet", small[0]])
                os.kill(p.pid, signal.SIGKILL)
                killed_mid = True
                check(r2.returncode != 0 and b"another writer holds the store's writer lock" in r2.stderr
                      and b"pid %d" % p.pid in r2.stderr,
                      "a second load during a load is refused by the writer lock: " + r2.stderr.decode()[:300])
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
        r = run([bin_, "load", url, "--dataset", "after_kill", "--quiet"] + small)
        stray = sum(int(s.query("SELECT count() FROM %s WHERE dataset = 'killed'" % local)) for s in cluster.servers)
        check(r.returncode == 0 and stray == 0, "the next load removed the killed load's rows (%d left) %s" % (
            stray, r.stderr.decode()[:200]))
        check(b"taking over the writer lock of load on host" in r.stderr and b"no longer runs" in r.stderr,
              "the next load took over the SIGKILLed writer's lock, saying so: " + r.stderr.decode()[:300])
        r = run([bin_, "info", url])
        check(r.returncode == 0 and b"second" not in r.stdout, "the refused second load left nothing")

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
