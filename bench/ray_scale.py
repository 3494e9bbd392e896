"""`callsheet batch --engine ray` on a local Ray instance with 2 CPUs against
1, on the same archive, side by side in one run (target: at least 1.6
times as fast). Ray's start-up (the instance, the actors, each loading the
pipeline) is reported apart: it is the time to the first extracted article,
and the speed-up is worked out on the time after it.

    .venv/bin/python bench/ray_scale.py [--copies 2]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pages import corpus_articles

from callsheet.processing.batch import plan
from callsheet.processing.ray_engine import ray_outcomes


def run(folder: Path, cpus: int) -> tuple[float, float, int]:
    shards = plan([str(folder)], shard_size=100)
    start = time.perf_counter()
    first = None
    n = 0
    for _, outcome in ray_outcomes(shards, workers=cpus, pipeline=None, published=None, max_bytes=10 << 20):
        if outcome.extraction is not None:
            n += 1
            if first is None:
                first = time.perf_counter() - start
    return first or 0.0, time.perf_counter() - start, n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    articles = corpus_articles()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for c in range(args.copies):
            for i, a in enumerate(articles):
                (folder / f"{c}_{i:04d}.txt").write_text(a.text + f"\n\nCopy {c}.", encoding="utf-8")
        results = {cpus: run(folder, cpus) for cpus in (1, 2)}
    for cpus, (startup, total, n) in results.items():
        print(f"{cpus} CPU{'s' if cpus > 1 else ' '}   start-up {startup:6.1f} s   total {total:6.1f} s   "
              f"{n / (total - startup):6.1f} articles/s after start-up   ({n} articles)")
    one, two = results[1], results[2]
    print(f"speed-up   {(one[1] - one[0]) / (two[1] - two[0]):.2f}  (target >= 1.6); "
          f"with start-up {one[1] / two[1]:.2f}")


if __name__ == "__main__":
    main()
