"""`callsheet extract --workers 2` against `--workers 1` on the same
articles, side by side in one run (target: at least 1.7 times as fast on
this 2-core machine). Each command's start-up (loading the pipeline) is
measured apart, on one article, and taken off.

    .venv/bin/python bench/workers.py [--copies 2]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CALLSHEET = str(Path(sys.executable).parent / "callsheet")


def timed(workers: int, folder: Path) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([CALLSHEET, "extract", "--json", "--workers", str(workers), str(folder)],
                         capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/text/*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        many, one = Path(tmp, "many"), Path(tmp, "one")
        many.mkdir()
        one.mkdir()
        for n in range(args.copies):
            for i, text in enumerate(texts):
                (many / f"{n}_{i:04d}.txt").write_text(text + f"\n\nCopy {n}.", encoding="utf-8")
        (one / "a.txt").write_text(texts[0], encoding="utf-8")
        count = len(texts) * args.copies
        start_1, _ = timed(1, one)
        start_2, _ = timed(2, one)
        total_1, out_1 = timed(1, many)
        total_2, out_2 = timed(2, many)
    work_1, work_2 = total_1 - start_1, total_2 - start_2
    print(f"articles                {count}")
    print(f"start-up                1 worker {start_1:6.1f} s   2 workers {start_2:6.1f} s")
    print(f"--workers 1             {total_1:6.1f} s   {count / work_1:6.1f} articles/s after start-up")
    print(f"--workers 2             {total_2:6.1f} s   {count / work_2:6.1f} articles/s after start-up")
    print(f"speed-up                {work_1 / work_2:6.2f}  (target >= 1.7); with start-up {total_1 / total_2:.2f}")
    print(f"same output             {out_1 == out_2}")


if __name__ == "__main__":
    main()
