"""The `ray` engine of `callsheet batch`: Ray Data reads the shards' files in
parallel tasks (`flat_map`, one row per record) and extracts them with
`map_batches` over an actor pool, each actor loading the pipeline once.
Rows keep their order (`preserve_order`), so the shards are the same, line
for line, as the local engine's.

Needs the `ray` extra: `pip install 'callsheet[ray]'`. With no address a
local Ray instance is started on 127.0.0.1 with `workers` CPUs and stopped at
the end; with one (`ray://host:10001`, `auto`) the running cluster is used.
"""
from __future__ import annotations

import logging
import os
import pickle
from collections import Counter
from collections.abc import Iterator

from callsheet.processing.runner import Outcome, process_chunk
from callsheet.reading import Inputs

BATCH = 8


class RayMissing(RuntimeError):
    """Ray is not installed."""


def _read_file(row: dict, max_bytes: int) -> list[dict]:
    """One row per record of one input file, and one per kind of thing skipped."""
    skipped: Counter = Counter()
    rows = [{"shard": row["shard"], "file": row["file"], "seq": n, "item": pickle.dumps(record)}
            for n, record in enumerate(Inputs([row["path"]], max_bytes=max_bytes, skipped=skipped))]
    for key, count in sorted(skipped.items()):
        if count:
            rows.append({"shard": row["shard"], "file": row["file"], "seq": len(rows),
                         "item": pickle.dumps(Outcome(skipped=key, count=count))})
    return rows


class _Extract:
    """One actor: loads the pipeline once, then reads and extracts batches of records."""

    def __init__(self, pipeline: str | None, published: str | None):
        from callsheet.extraction import Extractor
        self.extractor = Extractor(pipeline=pipeline)
        self.published = published

    def __call__(self, batch: dict) -> dict:
        items = [pickle.loads(b) for b in batch["item"]]
        records = [i for i in items if not isinstance(i, Outcome)]
        done = iter(process_chunk(records, self.published, self.extractor) if records else [])
        outcomes = [i if isinstance(i, Outcome) else next(done) for i in items]
        return {"shard": batch["shard"], "outcome": [pickle.dumps(o) for o in outcomes]}


def start(workers: int, address: str | None):
    """Connects to the cluster at `address`, else starts a local instance on 127.0.0.1."""
    try:
        import ray
    except ImportError:
        raise RayMissing("the ray engine needs Ray: pip install 'callsheet[ray]'") from None
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if ray.is_initialized():
        return ray
    if address:
        ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
    else:
        # a node of its own on the loopback address: Ray then never looks for an outside interface
        os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                 _node_ip_address="127.0.0.1")
    return ray


def ray_outcomes(shards, *, workers: int, pipeline: str | None, published: str | None, max_bytes: int,
                 address: str | None = None, stop: bool = True) -> Iterator[tuple[int, Outcome]]:
    """(shard index, outcome) for every record of the shards, in order."""
    ray = start(workers, address)
    started_here = not address
    try:
        from ray.data import ActorPoolStrategy, DataContext, TaskPoolStrategy
        for name in ("ray", "ray.data"):  # Ray Data sets its own levels on import
            logging.getLogger(name).setLevel(logging.ERROR)
        context = DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        files = [{"shard": i, "file": j, "path": path} for i, shard in enumerate(shards)
                 for j, path in enumerate(shard.inputs)]
        dataset = ray.data.from_items(files, override_num_blocks=max(1, min(len(files), 200)))
        # reading is light and must not wait for a CPU the extracting actors hold
        dataset = dataset.flat_map(_read_file, fn_kwargs={"max_bytes": max_bytes}, num_cpus=0,
                                   compute=TaskPoolStrategy(size=max(1, workers)))
        dataset = dataset.map_batches(_Extract, fn_constructor_kwargs={"pipeline": pipeline, "published": published},
                                      batch_size=BATCH, compute=ActorPoolStrategy(size=workers), num_cpus=1)
        for row in dataset.iter_rows():
            yield int(row["shard"]), pickle.loads(row["outcome"])
    finally:
        if started_here and stop:
            ray.shutdown()
