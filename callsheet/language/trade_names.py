"""Entity ruler over the trade vocabulary (studios, streamers, networks,
outlets, awards, events) from `data/names.tsv`.

It runs after the trade recogniser and overrides it on these names. The
canonical name ("Oscar" → "Academy Award") travels as the span's `ent_id_`.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from callsheet.tables import load_table

COMPANY_KINDS: dict[str, str] = {}


def trade_patterns() -> list[dict]:
    """The table's names as ruler patterns; a name of three words or more is
    also matched with its initials in brackets before its last word, as the
    press writes them ("Screen Actors Guild (SAG) Awards")."""
    patterns = []
    for pattern, label, canonical, company_kind in load_table("callsheet.language", "names.tsv"):
        canonical = canonical or pattern
        patterns.append({"label": label, "pattern": pattern, "id": canonical})
        words = pattern.split()
        if len(words) >= 3:
            tokens = [{"ORTH": w} for w in words[:-1]] + \
                [{"ORTH": "("}, {"IS_UPPER": True}, {"ORTH": ")"}, {"ORTH": words[-1]}]
            patterns.append({"label": label, "pattern": tokens, "id": canonical})
        if company_kind:
            COMPANY_KINDS[canonical] = company_kind
    return patterns


def company_kind(name: str) -> str | None:
    """What a company usually is to a work: "studio", "network", "streamer",
    "producer", "distributor" or "other"; None when nothing tells.

    A name of `names.tsv` ("Netflix" → streamer) has its own kind there;
    any other name is judged by its last word through the `kind` column of
    `company_words.tsv` ("Kestrel Films" → studio, "Lumen Channel" →
    network, "Bad Wolf Productions" → producer)."""
    listed = listed_company_kind(name)
    if listed is not None:
        return listed
    words = name.split()
    return _last_word_kinds().get(words[-1]) if words else None


def listed_company_kind(name: str) -> str | None:
    """The kind `names.tsv` gives the company by its name; None when the
    table does not name it (`company_kind` then judges its last word)."""
    if not COMPANY_KINDS:
        trade_patterns()
    return COMPANY_KINDS.get(name)


@lru_cache(maxsize=1)
def _last_word_kinds() -> dict[str, str]:
    return {word: kind for word, kind in load_table("callsheet.language", "company_words.tsv") if kind}


class TradeNames:
    """The ruler, less one-word awards that are someone's given name.

    "Tony" and "Emmy" are awards, but "Tony Wilson" is a person: a one-word
    award followed by a capitalised word is left for the NER to decide.
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="ORTH", overwrite_ents=True)
        # the patterns match on words alone (ORTH): no other component may run on
        # them, as the pipeline's weights are not loaded yet when this is built
        with nlp.select_pipes(disable=nlp.pipe_names):
            self.ruler.add_patterns(trade_patterns())

    def __call__(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        given_names = [e for e in doc.ents if e.label_ == "AWARD" and len(e) == 1 and e.end < len(doc)
                       and doc[e.end].is_title and doc[e.end].text not in ("Award", "Awards")]
        if given_names:
            doc.set_ents([], missing=given_names, default="unmodified")
        return doc


@Language.factory("callsheet_trade_names")
def make_trade_names(nlp: Language, name: str) -> TradeNames:
    return TradeNames(nlp, name)
