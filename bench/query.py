"""Latency of `show project` and `search` on a KB of 100,000 synthetic
articles (bench/synthetic.py; built once and cached under bench/.cache).

    .venv/bin/python bench/query.py [--db URL] [--articles 100000] [--queries 500]

Without --db, the SQLite cache; with a PostgreSQL URL, that database, filled
from the cache the first time (see synthetic.knowledge_base).

Each query runs the library calls the CLI makes (find + card + JSON, or
search + JSON) on a fresh connection, as a CLI call would. Target: p95 < 50 ms.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from sqlalchemy import select

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.cards import card, find, search
from callsheet.knowledge.tables import entities

from synthetic import knowledge_base


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(calls) -> list[float]:
    out = []
    for call in calls:
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(label: str, ms: list[float]) -> None:
    print(f"{label:<22} n={len(ms):<5} p50 {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms"
          f"   max {max(ms):6.1f} ms   (target p95 < 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--db", help="a SQLAlchemy URL (default: the SQLite cache)")
    args = parser.parse_args()
    kb = KnowledgeBase(knowledge_base(args.db, args.articles))
    rng = random.Random(11)
    with kb.engine.connect() as conn:
        titles = [r.name for r in conn.execute(select(entities.c.name).where(
            (entities.c.type == "work") & entities.c.name.is_not(None)))]
        people = [r.name for r in conn.execute(select(entities.c.name).where(entities.c.type == "person"))]
        documents = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
    projects = rng.sample(titles, min(args.queries, len(titles)))
    words = ["sequel", "director", "Lisbon", "confirmed", "talks", "series", "remake", "streaming"]
    queries = [rng.choice([rng.choice(people), rng.choice(titles), rng.choice(words),
                           " ".join(rng.choice(titles).split()[1:3])]) for _ in range(args.queries)]

    def show(name: str):
        return lambda: json.dumps(card(kb, find(kb, "project", name)))

    def show_person(name: str):
        return lambda: json.dumps(card(kb, find(kb, "person", name)))

    def look(query: str):
        return lambda: json.dumps(search(kb, query))

    timed([show(p) for p in projects[:20]] + [look(q) for q in queries[:20]])  # warm the page cache
    with kb.engine.connect() as conn:
        size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar() \
            if kb.dialect == "postgresql" else Path(kb.engine.url.database).stat().st_size
    print(f"knowledge base         {kb.dialect}: {documents:,} articles, {len(titles):,} titled works, "
          f"{len(people):,} people")
    print(f"database size          {size / 2**20:,.1f} MiB, {size / documents / 1024:.2f} KiB per article")
    report("show project", timed(show(p) for p in projects))
    report("search", timed(look(q) for q in queries))
    report("show person", timed(show_person(name) for name in rng.sample(people, min(200, len(people)))))
    kb.close()


if __name__ == "__main__":
    main()
