"""Reads while heavy writes run: the latency of project and search pages on
`callsheet serve`, alone and while a client posts 100 KB articles one after
another, side by side in one run. Writes wait in one queue and run in a
worker process, so reads should stay about as fast (target: p95 under load
within 2x of p95 alone, zero errors).

    .venv/bin/python bench/write_load.py [--clients 8] [--seconds 20]

The KB is the bundled samples; the articles posted are bench/long_text.py's
fictional 100 KB digests.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from long_text import article_text
from query import percentile
from serve import free_port, load, start_server

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token"


def writer(port: int, stop: threading.Event, done: list[float]) -> None:
    """Posts 100 KB articles one after another until told to stop."""
    n = 0
    while not stop.is_set():
        n += 1
        start = time.perf_counter()
        got = httpx.post(f"http://127.0.0.1:{port}/api/v1/articles", timeout=600,
                         headers={"Authorization": f"Bearer {TOKEN}"},
                         json={"text": article_text(100_000, 10_000 + n), "published": "2026-01-01"})
        if got.status_code != 201:
            raise SystemExit(f"write failed: {got.status_code} {got.text[:300]}")
        done.append(time.perf_counter() - start)


def report(label: str, latencies: dict[str, list[float]], errors: list[str]) -> float:
    every = [x for xs in latencies.values() for x in xs]
    p95 = percentile(every, 0.95)
    print(f"{label:<22} {len(every):6d} reads  p50 {statistics.median(every):6.1f} ms  p95 {p95:6.1f} ms  "
          f"errors {len(errors)}", flush=True)
    return p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'kb.db'}"
        callsheet = str(Path(sys.executable).parent / "callsheet")
        subprocess.run([callsheet, "ingest", "--db", db, str(ROOT / "samples")], check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = start_server(db, port, 1, env={"CALLSHEET_TOKEN": TOKEN})
        try:
            projects = httpx.get(f"http://127.0.0.1:{port}/api/v1/projects", params={"per_page": 100}).json()
            urls = [f"/projects/{p['id']}" for p in projects["items"]]
            urls += [str(httpx.URL("/search", params={"q": q})) for q in ("sequel", "Orlov", "Lisbon", "series")]
            warm = httpx.post(f"http://127.0.0.1:{port}/api/v1/articles", timeout=600,
                              headers={"Authorization": f"Bearer {TOKEN}"},
                              json={"text": "Warm-up\n\nAda Quist will star in 'The Tin Comet'."})
            assert warm.status_code == 201, warm.text  # the worker has loaded its pipeline
            alone = report("reads alone", *asyncio.run(load(port, urls, args.clients, args.seconds))[:2])
            stop, writes = threading.Event(), []
            thread = threading.Thread(target=writer, args=(port, stop, writes), daemon=True)
            thread.start()
            busy = report("reads during writes", *asyncio.run(load(port, urls, args.clients, args.seconds))[:2])
            stop.set()
            thread.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"writes of 100 KB done: {len(writes)}, {statistics.mean(writes):.1f} s each")
    print(f"p95 during writes / alone: {busy / alone:.2f}  (target <= 2)")


if __name__ == "__main__":
    main()
