"""Ingest throughput against extraction alone, side by side in one run: the
database may cost at most a fifth (ratio >= 0.8). Then the same articles read
as HTML pages, as one WARC and as one JSON Lines dump, against plain text,
through the command line's path (Inputs, process, ingest): each format's
articles/s at least 0.8 of plain text's.

    .venv/bin/python bench/ingest.py [--copies 4] [--rounds 2]

Texts: ../shared/corpus, each copied --copies times with a marker so that
every copy is a new article (a new content hash); the formats use each
corpus article once, in every shape (bench/pages.py), --rounds times in
turn, and keep each format's best round.
"""
from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from pages import write_shapes

from callsheet.extraction import Extractor
from callsheet.knowledge import KnowledgeBase
from callsheet.processing import process
from callsheet.reading import Inputs, read_article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--formats-only", action="store_true")
    args = parser.parse_args()
    if not args.formats_only:
        database_cost(args.copies)
    formats(args.rounds)


def formats(rounds: int) -> None:
    base = [read_article(str(p)) for p in sorted(CORPUS.glob("*/text/*.txt"))]
    extractor = Extractor()
    list(extractor.extract_many(base[:4]))
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        shapes = write_shapes(base, Path(tmp))
        for r in range(rounds):
            for name, path in shapes.items():
                kb = KnowledgeBase(f"sqlite:///{tmp}/{r}-{name.replace(' ', '_')}.db")
                start = time.perf_counter()
                n = 0
                for outcome in process(Inputs([str(path)]), extractor=extractor):
                    if outcome.extraction is not None:
                        kb.ingest(outcome.extraction)
                        n += 1
                rate = n / (time.perf_counter() - start)
                kb.close()
                best[name] = max(best.get(name, 0.0), rate)
                counts[name] = n
    plain = best["plain text"]
    print(f"formats, extract + ingest, best of {rounds} rounds")
    for name, rate in best.items():
        print(f"  {name:12} {counts[name]:5} articles {rate:8.1f} articles/s   ratio {rate / plain:5.2f}"
              + ("" if name == "plain text" else "  (target >= 0.8)"))


def database_cost(copies: int) -> None:
    base = [read_article(str(p)) for p in sorted(CORPUS.glob("*/text/*.txt"))]
    articles = [dataclasses.replace(a, id=f"{a.id}_{n}", path=f"{a.path}#{n}", text=a.text + f"\n\nCopy {n}.")
                for n in range(copies) for a in base]
    extractor = Extractor()
    list(extractor.extract_many(base[:4]))  # warm up

    start = time.perf_counter()
    for _ in extractor.extract_many(articles):
        pass
    extract_only = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(f"sqlite:///{tmp}/bench.db")
        start = time.perf_counter()
        for extraction in extractor.extract_many(articles):
            kb.ingest(extraction)
        ingest = time.perf_counter() - start
        size = Path(tmp, "bench.db").stat().st_size
        kb.close()
    n = len(articles)
    print(f"articles               {n}")
    print(f"extraction alone       {n / extract_only:8.1f} articles/s")
    print(f"extract + ingest       {n / ingest:8.1f} articles/s")
    print(f"ratio                  {extract_only / ingest:8.2f}  (target >= 0.8)")
    print(f"database per article   {size / n / 1024:8.1f} KiB")


if __name__ == "__main__":
    main()
