"""Peak resident memory of `callsheet ingest` on 1,000 and on 20,000
articles, each in a fresh process, in one run: memory must stay flat (the
ratio at most 1.5).

    .venv/bin/python bench/memory.py [--small 1000] [--large 20000] [--extract] [--workers 2]

By default the articles are format-v1 shard lines (what `callsheet batch`
writes): the corpus is extracted once, then each article is retold with a
closing line (`Copy n.`), its own id and URL, and its entities renamed
("Nadia Orlov 412"), so that every line is a new document about new
people and works; the ingest then reads, files each retelling under its
story (MinHash LSH), and writes, with no spaCy in the process. With `--extract` the
articles are text files and the run extracts them too (`--workers` processes;
at about 5 articles/s per core here, 20,000 take over an hour).

Peak memory is the largest resident set of any one process of the run (the
writer or a worker), as the kernel reports it to the parent (getrusage,
RUSAGE_CHILDREN). Files are kept in bench/.cache/memory/.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CACHE = ROOT / "bench" / ".cache" / "memory"
CALLSHEET = str(Path(sys.executable).parent / "callsheet")
PEAK = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")


def texts(count: int) -> Path:
    folder = CACHE / f"texts-{count}"
    if folder.exists() and len(list(folder.glob("*.txt"))) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    originals = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/text/*.txt"))]
    for n in range(count):
        (folder / f"a{n:06d}.txt").write_text(originals[n % len(originals)] + f"\n\nCopy {n}.", encoding="utf-8")
    return folder


def shard_lines(count: int) -> Path:
    path = CACHE / f"shard-{count}.jsonl"
    if path.exists():
        return path
    base = CACHE / "corpus-extracted.jsonl"
    if not base.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([CALLSHEET, "batch", str(CORPUS), "--out", tmp, "--workers", "2"],
                           capture_output=True, check=False)
            lines = [line for p in sorted(Path(tmp).glob("*.jsonl")) for line in p.read_text().splitlines()]
        base.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = [json.loads(line) for line in base.read_text(encoding="utf-8").splitlines()]
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            doc = json.loads(json.dumps(docs[n % len(docs)]))
            doc["doc"]["id"] = f"{doc['doc']['id']}-{n}"
            doc["doc"]["url"] = f"https://news.example/{n}"
            doc["doc"]["text"] += f"\n\nCopy {n}."
            if n >= len(docs):  # each retelling names its own people, works and companies, so the KB grows
                for entity in doc["entities"]:
                    if entity.get("name"):
                        entity["name"] = f"{entity['name']} {n}"
                    entity["aliases"] = [f"{a} {n}" for a in entity.get("aliases", [])]
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def peak_kib(source: Path, workers: int) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", PEAK, CALLSHEET, "ingest", "--db", f"sqlite:///{tmp}/kb.db",
                              "--workers", str(workers), str(source)], capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - start
    peak, rc = out.stdout.split()
    if rc not in ("0", "1"):  # 1: some articles failed (reported), the others were ingested
        raise SystemExit(f"ingest failed ({rc})")
    return int(peak), elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--extract", action="store_true", help="text files, extracted in the run")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    make = texts if args.extract else shard_lines
    workers = args.workers if args.extract else 1
    small, large = make(args.small), make(args.large)
    small_peak, small_s = peak_kib(small, workers)
    large_peak, large_s = peak_kib(large, workers)
    what = "text files, extracted" if args.extract else "shard lines, extracted beforehand"
    print(f"ingest of {what}")
    print(f"{args.small:>7} articles   peak {small_peak / 1024:8.1f} MiB   {small_s:7.1f} s")
    print(f"{args.large:>7} articles   peak {large_peak / 1024:8.1f} MiB   {large_s:7.1f} s")
    print(f"ratio                {large_peak / small_peak:8.2f}  (target <= 1.5)")


if __name__ == "__main__":
    main()
