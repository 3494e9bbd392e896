"""`callsheet batch`: an archive (folders of articles, JSON Lines dumps, WARC
files, feeds) extracted into format-v1 JSON Lines shards, on this machine
(`local`, N worker processes) or on a Ray cluster (`ray`, Ray Data with an
actor pool that loads the pipeline once per actor).

A shard is one archive file, or up to `shard_size` single-article files of
one folder. It is written as `NAME.jsonl.partial` and renamed when complete,
then `.batch/NAME.json` records what went into it (the inputs' paths, sizes and
times), how many articles, which errors and what was skipped. A re-run skips
every shard whose record matches its inputs, so a killed run resumes where
it stopped; a shard whose inputs changed is done again. Each line carries the
article's text (`doc.text`, `doc.body_start`, optional keys of format v1), so
that `callsheet ingest DIR` can merge the shards, and find syndicated copies,
without the archive.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from callsheet.processing.runner import Outcome, process
from callsheet.reading import DEFAULT_MAX_BYTES, Inputs, ReadError, iter_input_files
from callsheet.reading.kinds import SNIFF_BYTES, sniff

SHARD_SIZE = 1000
ENGINES = ("local", "ray")


@dataclass
class Shard:
    name: str
    inputs: list[str]
    fingerprint: str = ""
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)


@dataclass
class BatchReport:
    done: list[Shard] = field(default_factory=list)      # written in this run
    resumed: list[Shard] = field(default_factory=list)   # finished earlier, skipped
    errors: list[str] = field(default_factory=list)      # inputs that are no shard at all
    skipped: Counter = field(default_factory=Counter)
    stale: int = 0                                       # shards of inputs no longer there, removed


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_.")[:80] or "input"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _fingerprint(paths: list[str]) -> str:
    parts = []
    for p in paths:
        st = os.stat(p)
        parts.append(f"{os.path.abspath(p)}\t{st.st_size}\t{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _is_archive(path: str) -> bool:
    with open(path, "rb") as fh:
        kind, _ = sniff(fh.read(SNIFF_BYTES), Path(path).name)
    return kind in ("jsonl", "warc", "feed")


def plan(paths: list[str], shard_size: int = SHARD_SIZE, skipped: Counter | None = None,
         errors: list[ReadError] | None = None) -> list[Shard]:
    """The shards the paths make, in input order: one per archive file, and
    runs of up to `shard_size` single-article files of one folder. A shard's
    name starts with its path's place on the command line and its first
    file's path, so that the shards sort in input order (`ingest DIR` then
    merges them in the order a direct ingest would)."""
    skipped = skipped if skipped is not None else Counter()
    shards: list[Shard] = []
    for position, raw in enumerate(paths):
        base = Path(raw) if Path(raw).is_dir() else Path(raw).parent
        group: list[str] = []

        def close_group() -> None:
            if group:
                shards.append(Shard(_name(position, base, group[0]), list(group)))
                group.clear()

        for item in iter_input_files([raw], skipped):
            problem = _unfit(item)
            if problem is not None:
                if errors is not None:
                    errors.append(problem)
                continue
            if _is_archive(item):
                close_group()
                shards.append(Shard(_name(position, base, item), [item]))
                continue
            if group and (os.path.dirname(item) != os.path.dirname(group[0]) or len(group) >= shard_size):
                close_group()
            group.append(item)
        close_group()
    for shard in shards:
        shard.fingerprint = _fingerprint(shard.inputs)
    return shards


def _unfit(item) -> ReadError | None:
    if isinstance(item, ReadError):
        return item
    if item == "-":
        return ReadError("-", "batch reads files and folders, not stdin")
    try:
        os.stat(item)
    except OSError as exc:
        return ReadError(item, exc.strerror or str(exc))
    return None


def _name(position: int, base: Path, first: str) -> str:
    relative = os.path.relpath(first, base)
    return f"{position:03d}-{_slug(relative)}-{_digest(os.path.abspath(first))}"


DONE_FOLDER = ".batch"  # hidden, so that `ingest DIR` reads only the shards


def _done_path(out: Path, shard: Shard) -> Path:
    return out / DONE_FOLDER / f"{shard.name}.json"


def _remove_stale(out: Path, current: set[str]) -> int:
    """Removes the shards this command wrote earlier (they have a record in
    `.batch/`) whose inputs are no longer part of the batch, so that `ingest
    DIR` does not merge an old version beside the new one."""
    removed = 0
    for record in sorted((out / DONE_FOLDER).glob("*.json")):
        name = record.stem
        if name not in current:
            for path in (out / f"{name}.jsonl", out / f"{name}.jsonl.partial", record):
                path.unlink(missing_ok=True)
            removed += 1
    return removed


def finished(out: Path, shard: Shard) -> bool:
    done = _done_path(out, shard)
    if not done.exists() or not (out / f"{shard.name}.jsonl").exists():
        return False
    try:
        record = json.loads(done.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if record.get("fingerprint") != shard.fingerprint:
        return False
    shard.articles = record.get("articles", 0)
    shard.errors = record.get("errors", [])
    shard.skipped = Counter(record.get("skipped", {}))
    return True


class ShardWriter:
    """Writes outcomes to their shard's `.partial` file; `close` renames it and records the shard as done."""

    def __init__(self, out: Path, shard: Shard, on_error: Callable[[ReadError], None]):
        self.out, self.shard, self.on_error = out, shard, on_error
        self.partial = out / f"{shard.name}.jsonl.partial"
        self.handle = open(self.partial, "w", encoding="utf-8")

    def write(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.shard.errors.append(str(outcome.error))
            self.on_error(outcome.error)
        elif outcome.skipped is not None:
            self.shard.skipped[outcome.skipped] += outcome.count
        else:
            self.handle.write(json.dumps(outcome.extraction.to_dict(with_text=True), ensure_ascii=False) + "\n")
            self.shard.articles += 1

    def close(self) -> None:
        self.handle.close()
        os.replace(self.partial, self.out / f"{self.shard.name}.jsonl")
        record = {"inputs": [os.path.abspath(p) for p in self.shard.inputs], "fingerprint": self.shard.fingerprint,
                  "articles": self.shard.articles, "errors": self.shard.errors,
                  "skipped": dict(sorted(self.shard.skipped.items()))}
        tmp = _done_path(self.out, self.shard).with_suffix(".partial")
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, _done_path(self.out, self.shard))


def run_batch(paths: list[str], out: Path, *, engine: str = "local", workers: int = 1,
              pipeline: str | None = None, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              shard_size: int = SHARD_SIZE, address: str | None = None,
              on_error: Callable[[ReadError], None] = lambda e: None,
              on_article: Callable[[int], None] = lambda n: None) -> BatchReport:
    """Extracts every pending shard of `paths` into `out`. Errors are passed
    to `on_error` as they are met and kept in each shard's record."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    (out / DONE_FOLDER).mkdir(parents=True, exist_ok=True)
    report = BatchReport()
    plan_errors: list[ReadError] = []
    shards = plan(paths, shard_size, report.skipped, plan_errors)
    for error in plan_errors:
        report.errors.append(str(error))
        on_error(error)
    report.stale = _remove_stale(out, {shard.name for shard in shards})
    pending = []
    for shard in shards:
        (report.resumed if finished(out, shard) else pending).append(shard)
    if not pending:
        return report
    if engine == "local":
        tagged = _local(pending, workers=workers, pipeline=pipeline, published=published, max_bytes=max_bytes)
    else:
        from callsheet.processing.ray_engine import ray_outcomes
        tagged = ray_outcomes(pending, workers=workers, pipeline=pipeline, published=published, max_bytes=max_bytes,
                              address=address)
    writers: dict[int, ShardWriter] = {}
    articles = 0
    current = 0
    for index, outcome in tagged:
        while current < index:  # every shard before this one is complete, even an empty one
            _close(writers, current, out, pending, on_error, report)
            current += 1
        if index not in writers:
            writers[index] = ShardWriter(out, pending[index], on_error)
        writers[index].write(outcome)
        if outcome.extraction is not None:
            articles += 1
            on_article(articles)
    while current < len(pending):
        _close(writers, current, out, pending, on_error, report)
        current += 1
    return report


def _close(writers, index, out, pending, on_error, report) -> None:
    writer = writers.pop(index, None) or ShardWriter(out, pending[index], on_error)
    writer.close()
    report.done.append(pending[index])


def _local(shards: list[Shard], *, workers: int, pipeline, published, max_bytes) -> Iterator[tuple[int, Outcome]]:
    """(shard index, outcome) in order, through one pool of workers for all shards."""
    ends: list[int] = []  # cumulative record counts at each shard's end, as reading gets there
    skips: list[Counter] = []

    def records() -> Iterable:
        total = 0
        for shard in shards:
            skipped: Counter = Counter()
            for record in Inputs(shard.inputs, max_bytes=max_bytes, skipped=skipped):
                total += 1
                yield record
            ends.append(total)
            skips.append(skipped)

    index = 0
    for n, outcome in enumerate(process(records(), pipeline=pipeline, workers=workers, published=published)):
        while index < len(ends) and n >= ends[index]:
            yield from _skips(index, skips[index])
            index += 1
        yield index, outcome
    while index < len(shards):
        yield from _skips(index, skips[index] if index < len(skips) else Counter())
        index += 1


def _skips(index: int, skipped: Counter) -> Iterator[tuple[int, Outcome]]:
    for key, n in sorted(skipped.items()):
        if n:
            yield index, Outcome(skipped=key, count=n)
