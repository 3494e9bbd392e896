"""`callsheet serve` under load: 20 concurrent clients on loopback for 30 s,
half on project pages and half on search pages, against the KB of 100,000
synthetic articles (bench/synthetic.py). Target: p95 < 100 ms, zero errors.

    .venv/bin/python bench/serve.py [--clients 20] [--seconds 30] [--workers 2]

The clients are closed-loop (each sends its next request when the last
answers) and share the machine with the server, as on a small host.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.tables import entities

from query import percentile
from synthetic import cached


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    callsheet = str(Path(sys.executable).parent / "callsheet")
    proc = subprocess.Popen([callsheet, "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/projects", timeout=5).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("callsheet serve did not start")


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    """One GET on a kept-alive connection; returns the status. A bare HTTP/1.1
    client, so that the load generator costs little of the CPU it shares."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    await reader.readexactly(length)
    return status


async def client(port: int, urls: list[str], until: float, rng: random.Random,
                 latencies: dict[str, list[float]], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < until:
            url = rng.choice(urls)
            kind = "project page" if url.startswith("/projects/") else "search page"
            start = time.perf_counter()
            try:
                status = await fetch(reader, writer, url)
            except (OSError, asyncio.IncompleteReadError, StopIteration, ValueError) as exc:
                errors.append(f"{type(exc).__name__} {url}")
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            if status != 200:
                errors.append(f"{status} {url}")
            latencies[kind].append((time.perf_counter() - start) * 1000)
    finally:
        writer.close()


async def load(port: int, urls: list[str], clients: int, seconds: float) -> tuple[dict, list, float]:
    latencies: dict[str, list[float]] = {"project page": [], "search page": []}
    errors: list[str] = []
    await client(port, urls[:40], time.monotonic() + 2, random.Random(0), {k: [] for k in latencies}, [])  # warm up
    start = time.monotonic()
    await asyncio.gather(*(client(port, urls, start + seconds, random.Random(n), latencies, errors)
                           for n in range(clients)))
    return latencies, errors, time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    path = cached(args.articles)
    db = f"sqlite:///{path}"
    kb = KnowledgeBase(db)
    rng = random.Random(5)
    with kb.engine.connect() as conn:
        works = [r.id for r in conn.execute(select(entities.c.id).where(entities.c.type == "work"))]
        names = [r.name for r in conn.execute(select(entities.c.name).where(
            entities.c.type.in_(("work", "person")) & entities.c.name.is_not(None)))]
    kb.close()
    words = ["sequel", "director", "Lisbon", "confirmed", "talks", "remake"]
    urls = [f"/projects/{w}" for w in rng.sample(works, min(2000, len(works)))]
    urls += [str(httpx.URL("/search", params={"q": rng.choice([rng.choice(names), rng.choice(words)])}))
             for _ in range(len(urls))]
    port = free_port()
    server = start_server(db, port, args.workers)
    try:
        latencies, errors, elapsed = asyncio.run(load(port, urls, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in latencies.values())
    print(f"knowledge base     {args.articles:,} synthetic articles; {args.workers} server worker(s), "
          f"{args.clients} clients for {elapsed:.0f} s")
    print(f"requests           {total:,} ok, {len(errors)} errors, {total / elapsed:,.1f} requests/s")
    for kind, ms in latencies.items():
        if ms:
            print(f"{kind:<18} n={len(ms):<6} p50 {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms"
                  f"   max {max(ms):7.1f} ms   (target p95 < 100 ms)")
    every = [m for ms in latencies.values() for m in ms]
    print(f"{'all':<18} n={len(every):<6} p95 {percentile(every, 0.95):6.1f} ms")
    if errors:
        print("first errors:", *errors[:5], sep="\n  ")


if __name__ == "__main__":
    main()
