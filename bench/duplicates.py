"""Syndicated-copy detection measured: false merges among every article of
../shared/corpus (and the samples), and how many edited copies of each are
recognised, through the knowledge base's ingest.

    .venv/bin/python bench/duplicates.py
"""
from __future__ import annotations

from pathlib import Path

from callsheet.evaluation.copies import measure
from callsheet.knowledge.stories import CANDIDATE_THRESHOLD, NUM_PERM, SHINGLE, THRESHOLD
from callsheet.reading import read_article

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    paths = sorted(CORPUS.glob("*/text/*.txt")) + sorted((ROOT / "samples").glob("*.txt"))
    report = measure([read_article(str(p)) for p in paths])
    print(f"MinHash {NUM_PERM} permutations, {SHINGLE}-word shingles, copy at resemblance >= {THRESHOLD} "
          f"(LSH bands cut for {CANDIDATE_THRESHOLD})")
    print(f"distinct articles          {report.articles}")
    print(f"stories filed              {report.stories}")
    print(f"false merges               {report.false_merges}")
    print(f"closest distinct pair      {report.closest:.3f}")
    for name, (hits, made) in report.recognised.items():
        print(f"copies {name:22} {hits}/{made} recognised  (lowest resemblance {report.lowest[name]:.3f})")


if __name__ == "__main__":
    main()
