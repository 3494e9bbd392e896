"""Ingest throughput against extraction alone, side by side in one run: the
database may cost at most a fifth (ratio >= 0.8).

    .venv/bin/python bench/ingest.py [--copies 4]

Texts: ../shared/corpus/dev and extra, each copied --copies times with a
marker so that every copy is a new article (a new content hash).
"""
from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from callsheet.extraction import Extractor
from callsheet.knowledge import KnowledgeBase
from callsheet.reading import read_article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    base = [read_article(str(p)) for p in sorted(CORPUS.glob("*/text/*.txt"))]
    articles = [dataclasses.replace(a, id=f"{a.id}_{n}", path=f"{a.path}#{n}", text=a.text + f"\n\nCopy {n}.")
                for n in range(args.copies) for a in base]
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
