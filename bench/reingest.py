"""Re-ingesting unchanged articles against their first ingest, side by side in
one run, through the real command line (start-up, reading and pipeline
loading included): target ratio >= 20.

    .venv/bin/python bench/reingest.py [--articles 200]

Texts: the first --articles of ../shared/corpus/train/text, ingested into a
fresh database, then ingested again unchanged. The second run compares
content hashes and never loads the language pipeline.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CALLSHEET = str(Path(sys.executable).parent / "callsheet")
TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "train" / "text"


def timed_ingest(db: str, folder: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([CALLSHEET, "ingest", "--db", db, str(folder)], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    texts = sorted(TRAIN.glob("*.txt"))[:args.articles]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        for path in texts:
            shutil.copy(path, folder / path.name)
        db = f"sqlite:///{tmp}/bench.db"
        first, first_said = timed_ingest(db, folder)
        again, again_said = timed_ingest(db, folder)
    print(f"articles               {len(texts)}")
    print(f"first ingest           {first:8.2f} s   ({first_said})")
    print(f"unchanged re-ingest    {again:8.2f} s   ({again_said})")
    print(f"ratio                  {first / again:8.1f}  (target >= 20)")


if __name__ == "__main__":
    main()
