"""Benchmark: requests per second and latency of the hot storefront pages under concurrent load.

Start the server first (`make run`, gunicorn with 2 workers on the demo data), then:
    .venv/bin/python bench/catalogue_load.py [--base http://127.0.0.1:8000] [--clients 8] [--seconds 20]
Each client is a thread with its own HTTP connection, requesting the pages in turn.
"""

import argparse
import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

PAGES = ["/", "/catalogue/", "/catalogue/?page=5", "/shops/", "/search/?q=tr%C3%A0"]


def client_loop(base, stop_at, results, errors):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    i = 0
    while time.perf_counter() < stop_at:
        path = PAGES[i % len(PAGES)]
        i += 1
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except OSError:
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        elapsed = time.perf_counter() - started
        (results if ok else errors).append((path, elapsed))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    results, errors = [], []
    stop_at = time.perf_counter() + args.seconds
    threads = [
        threading.Thread(target=client_loop, args=(args.base, stop_at, results, errors))
        for _ in range(args.clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = len(results) + len(errors)
    print(f"{args.clients} clients for {args.seconds:.0f} s: {total} requests, {len(errors)} errors")
    print(f"throughput: {len(results) / args.seconds:.1f} requests/s")
    for path in PAGES:
        times = sorted(e for p, e in results if p == path)
        if times:
            p95 = times[int(len(times) * 0.95) - 1] if len(times) >= 20 else times[-1]
            p50 = statistics.median(times)
            print(f"  {path:<22} n={len(times):<5} p50={p50 * 1000:6.1f} ms  p95={p95 * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
