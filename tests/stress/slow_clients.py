#!/usr/bin/env python3
"""tests/stress/slow_clients.py: `tradestat serve` under slow clients and expensive queries.

    tests/stress/slow_clients.py --binary build/src/cli/tradestat [--clients 150] [--seconds 20]
                                 [--expensive 8] [--http-threads 96] [--check]

Builds a small store (generated CSV), starts the server, then holds CLIENTS slowloris connections
(each sends a header one byte a second and reconnects when the server drops it) and fires a burst
of EXPENSIVE six-dimension queries, while one client measures the latency of a cheap query.
Prints latency (p50/p95/max), how the slow and expensive requests were answered and the server's
peak RSS. With --check it exits 1 unless every cheap query was answered 200 within 2 s (ctest runs
it this way with fewer clients). Not part of the default test command at full size: it takes
SECONDS plus setup.
"""
import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def gen_csv(path, rows):
    partners = "USA JPN KOR DEU VNM AUS FRA GBR IND BRA".split()
    with open(path, "w") as f:
        f.write("period,flow,reporter,partner,commodity,trade_mode,enterprise_type,value_cny,value_usd\n")
        for i in range(rows):
            f.write("2023-%02d,%s,430100,%s,%08d,%s,%s,%d.00,%d.00\n" % (
                i % 12 + 1, "M" if i % 2 else "X", partners[i % 10], 85000000 + (i * 7) % 3000,
                ("0110", "0214", "0615", "1210")[i % 4], ("PRIVATE", "SOE", "FIE")[i % 3], 1000 + i, 150 + i))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def peak_rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--clients", type=int, default=150)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--expensive", type=int, default=8)
    ap.add_argument("--http-threads", type=int, default=96)
    ap.add_argument("--header-timeout-ms", type=int, default=10000)
    ap.add_argument("--rows", type=int, default=60000)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="tradestat-slow-")
    server = None
    try:
        store = os.path.join(work, "store")
        csv = os.path.join(work, "trade.csv")
        gen_csv(csv, args.rows)
        subprocess.run([args.binary, "init", store], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([args.binary, "load", store, "-d", "trade", "-q", csv], check=True)
        port = free_port()
        server = subprocess.Popen([args.binary, "serve", store, "--port", str(port), "--http-threads",
                                   str(args.http_threads), "--header-timeout-ms", str(args.header_timeout_ms)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = "http://127.0.0.1:%d" % port
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/info", timeout=1).read()
                break
            except Exception:
                time.sleep(0.1)
        else:
            print("server did not start")
            return 1

        stop = threading.Event()
        stats = {"slow_connects": 0, "slow_dropped": 0, "slow_408": 0}
        lock = threading.Lock()
        request = b"GET /api/v1/info HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 4000 + b"\r\n\r\n"

        def slow_client():
            while not stop.is_set():
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=2)
                except OSError:
                    time.sleep(0.2)
                    continue
                with lock:
                    stats["slow_connects"] += 1
                s.settimeout(1.0)
                try:
                    for b in request:
                        if stop.is_set():
                            break
                        s.send(bytes([b]))
                        try:
                            got = s.recv(4096)
                            with lock:
                                stats["slow_dropped"] += 1
                                stats["slow_408"] += b" 408 " in got
                            break
                        except socket.timeout:
                            pass
                except OSError:
                    with lock:
                        stats["slow_dropped"] += 1
                finally:
                    s.close()

        slow = [threading.Thread(target=slow_client, daemon=True) for _ in range(args.clients)]
        for t in slow:
            t.start()
        time.sleep(1.5)  # every slow client connected and mid-header

        expensive_results = []

        def expensive():
            url = base + "/api/v1/query?period=2023&by=partner,hs8,trade_mode,enterprise_type,flow,period"
            t0 = time.time()
            try:
                with urllib.request.urlopen(url, timeout=60) as r:
                    expensive_results.append((r.status, time.time() - t0))
            except urllib.error.HTTPError as e:
                expensive_results.append((e.code, time.time() - t0))
            except Exception as e:  # noqa: BLE001 - reported
                expensive_results.append((str(e)[:40], time.time() - t0))

        burst = [threading.Thread(target=expensive, daemon=True) for _ in range(args.expensive)]
        for t in burst:
            t.start()

        latencies, failures = [], []
        end = time.time() + args.seconds
        n = 0
        while time.time() < end:
            n += 1
            url = base + "/api/v1/query?period=2023-%02d&by=flow" % (n % 12 + 1)
            t0 = time.time()
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    r.read()
                    if r.status != 200:
                        failures.append(r.status)
            except Exception as e:  # noqa: BLE001 - reported
                failures.append(str(e)[:60])
            latencies.append(time.time() - t0)
            time.sleep(0.05)
        for t in burst:
            t.join(timeout=60)
        rss = peak_rss_mb(server.pid)
        stop.set()

        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
        print("slow clients: %d held, %d connections made, %d dropped by the server (%d with 408)" % (
            args.clients, stats["slow_connects"], stats["slow_dropped"], stats["slow_408"]))
        print("cheap queries: %d sent, %d failed; latency p50 %.0f ms, p95 %.0f ms, max %.0f ms" % (
            len(latencies), len(failures), p(0.5), p(0.95), p(1.0)))
        codes = {}
        for code, _ in expensive_results:
            codes[code] = codes.get(code, 0) + 1
        slowest = max((s for _, s in expensive_results), default=0)
        print("expensive queries: %d sent, answered %s, slowest %.1f s" % (args.expensive, codes, slowest))
        print("server peak RSS: %.0f MB" % rss)
        if args.check and (failures or not latencies or p(1.0) > 2000):
            print("FAIL: failures %s" % failures[:5])
            return 1
        return 0
    finally:
        if server:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
