"""`callsheet serve` under load: 20 concurrent clients on loopback for 30 s,
half on project pages and half on search pages, against the KB of 100,000
synthetic articles (bench/synthetic.py). Target: p95 < 100 ms, zero errors.

    .venv/bin/python bench/serve.py [--db URL] [--clients 20] [--seconds 30] [--workers 2]
    .venv/bin/python bench/serve.py --writer [--seconds 60] [--db URL]

With --writer, a writer also posts a new article every second
(POST /api/v1/articles, the server extracting and ingesting it) to a
throwaway copy of the KB, for 60 s by default. Target: zero errors, every
accepted article stored, read p95 < 150 ms.

The clients are closed-loop (each sends its next request when the last
answers) and share the machine with the server, as on a small host. Without
--db the KB is the SQLite cache; with a PostgreSQL URL, that database,
filled from the cache the first time (see synthetic.knowledge_base).
BENCH_SERVE_ARGS adds options to `callsheet serve` (e.g. "--log-level warning").
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.tables import documents, entities

from query import percentile
from synthetic import STUDIOS, knowledge_base, person_name, title_name

TOKEN = "bench-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    callsheet = str(Path(sys.executable).parent / "callsheet")
    proc = subprocess.Popen([callsheet, "serve", "--db", db, "--port", str(port), "--workers", str(workers),
                             *os.environ.get("BENCH_SERVE_ARGS", "").split()],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("callsheet serve did not start")


@contextmanager
def scratch_copy(url: str):
    """A throwaway copy of the KB for the writer to change: a file copy on
    SQLite, a database made from it as a template on PostgreSQL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory(dir=Path(parsed.database).parent) as folder:
            copy = Path(folder) / "scratch.db"
            shutil.copyfile(parsed.database, copy)
            yield f"sqlite:///{copy}"
        return
    name = f"{parsed.database}_scratch"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"'))
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


async def request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, method: str, url: str,
                  body: bytes = b"", headers: str = "") -> tuple[int, bytes]:
    """One request on a kept-alive connection; returns the status and body. A
    bare HTTP/1.1 client, so that the load generator costs little of the CPU
    it shares."""
    writer.write(f"{method} {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n{headers}"
                 f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    return status, await reader.readexactly(length)


async def client(port: int, urls: list[str], until: float, rng: random.Random,
                 latencies: dict[str, list[float]], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < until:
            url = rng.choice(urls)
            kind = "project page" if url.startswith("/projects/") else "search page"
            start = time.perf_counter()
            try:
                status, _ = await request(reader, writer, "GET", url)
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


def article(n: int) -> dict:
    """A made-up casting story, one new person and title each."""
    person, title = person_name(40_000 + n * 7), title_name(9_000 + n)
    studio = STUDIOS[n % len(STUDIOS)]
    return {"text": f"Casting news\n\n{person} is set to star in the thriller '{title}' for {studio}, "
                    f"sources said. It is story {n} of the serve benchmark.",
            "published": "2026-05-01"}


async def post_articles(port: int, until: float, posted: list[str], errors: list[str],
                        latencies: list[float]) -> None:
    """One article a second, on schedule (the next one is not held back by a slow answer)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    auth = f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
    n, start = 0, time.monotonic()
    try:
        while time.monotonic() < until:
            body = json.dumps(article(n)).encode()
            began = time.perf_counter()
            try:
                status, answer = await request(reader, writer, "POST", "/api/v1/articles", body, auth)
            except (OSError, asyncio.IncompleteReadError, StopIteration, ValueError) as exc:
                errors.append(f"{type(exc).__name__} POST")
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                status, answer = 0, b""
            latencies.append((time.perf_counter() - began) * 1000)
            if status == 201:
                posted.append(json.loads(answer)["extraction"]["doc"]["id"])
            elif status:
                errors.append(f"{status} POST")
            n += 1
            await asyncio.sleep(max(0.0, start + n - time.monotonic()))
    finally:
        writer.close()


async def load(port: int, urls: list[str], clients: int, seconds: float, with_writer: bool = False):
    latencies: dict[str, list[float]] = {"project page": [], "search page": []}
    errors: list[str] = []
    posted: list[str] = []
    writes: list[float] = []
    await client(port, urls[:40], time.monotonic() + 2, random.Random(0), {k: [] for k in latencies}, [])  # warm up
    start = time.monotonic()
    jobs = [client(port, urls, start + seconds, random.Random(n), latencies, errors) for n in range(clients)]
    if with_writer:
        jobs.append(post_articles(port, start + seconds, posted, errors, writes))
    await asyncio.gather(*jobs)
    return latencies, errors, time.monotonic() - start, posted, writes


def report(kind: str, ms: list[float], target: float | None = None) -> None:
    print(f"{kind:<18} n={len(ms):<6} p50 {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms"
          f"   max {max(ms):7.1f} ms" + (f"   (target p95 < {target:.0f} ms)" if target else ""))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=None, help="30, or 60 with --writer")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", help="a SQLAlchemy URL (default: the SQLite cache)")
    parser.add_argument("--writer", action="store_true", help="also post an article a second")
    args = parser.parse_args()
    seconds = args.seconds or (60.0 if args.writer else 30.0)
    target = 150.0 if args.writer else 100.0
    source = knowledge_base(args.db, args.articles)
    kb = KnowledgeBase(source)
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
    with scratch_copy(source) if args.writer else _same(source) as db:
        port = free_port()
        server = start_server(db, port, args.workers, env={"CALLSHEET_TOKEN": TOKEN})
        try:
            if args.writer:  # each worker loads the language pipeline before the clock starts
                for n in range(args.workers * 3):
                    httpx.post(f"http://127.0.0.1:{port}/api/v1/articles", json=article(-1 - n), timeout=120,
                               headers={"Authorization": f"Bearer {TOKEN}", "Connection": "close"})
            latencies, errors, elapsed, posted, writes = asyncio.run(
                load(port, urls, args.clients, seconds, args.writer))
        finally:
            server.terminate()
            server.wait(timeout=30)
        stored = 0
        if args.writer:
            kb = KnowledgeBase(db)
            with kb.engine.connect() as conn:
                stored = conn.execute(select(documents.c.doc_key).where(documents.c.doc_key.in_(posted))).all()
            kb.close()
    total = sum(len(v) for v in latencies.values())
    backend = make_url(source).get_backend_name()
    print(f"knowledge base     {backend}: {args.articles:,} synthetic articles; {args.workers} server worker(s), "
          f"{args.clients} readers" + (" and a writer (an article a second)" if args.writer else "")
          + f" for {elapsed:.0f} s")
    print(f"requests           {total:,} reads ok, {len(errors)} errors, {total / elapsed:,.1f} reads/s")
    for kind, ms in latencies.items():
        if ms:
            report(kind, ms, target)
    every = [m for ms in latencies.values() for m in ms]
    print(f"{'all reads':<18} n={len(every):<6} p95 {percentile(every, 0.95):6.1f} ms")
    if args.writer:
        report("article posts", writes)
        lost = len(posted) - len(stored)
        print(f"articles           {len(posted)} accepted, {len(stored)} stored, {lost} lost")
    if errors:
        print("first errors:", *errors[:5], sep="\n  ")


@contextmanager
def _same(url: str):
    yield url


if __name__ == "__main__":
    main()
