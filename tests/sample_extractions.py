"""The bundled samples as fixed extractions, for tests of what the knowledge
base, the CLI and the web layer do with facts whatever the shipped model's
accuracy (the model has its own tests).

`tests/data/samples.extractions.jsonl` (format v1) is what the rule-based
extractor that preceded the learned model made of `samples/`."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from corpus_paths import SAMPLES

SAMPLE_EXTRACTIONS = Path(__file__).resolve().parent / "data" / "samples.extractions.jsonl"


def sample_extractions(*ids: str) -> list:
    """`Extraction`s of the named samples (all when none is named), in file
    order, each with its article as read from `samples/` (format v1 holds no text)."""
    from callsheet.reading import read_article
    from callsheet.schema import Extraction
    out = []
    for line in SAMPLE_EXTRACTIONS.read_text(encoding="utf-8").splitlines():
        extraction = Extraction.from_dict(json.loads(line))
        if ids and extraction.article.id not in ids:
            continue
        out.append(replace(extraction, article=read_article(str(SAMPLES / f"{extraction.article.id}.txt"))))
    return out


def sample_shard(folder: Path, *ids: str) -> Path:
    """A `batch` shard (JSON Lines of extractions with their text) of the
    named samples, which `callsheet ingest` merges without extracting."""
    path = folder / f"samples-{'-'.join(ids) or 'all'}.jsonl"
    path.write_text("".join(json.dumps(e.to_dict(with_text=True)) + "\n" for e in sample_extractions(*ids)),
                    encoding="utf-8")
    return path
