"""Entity ruler over the trade vocabulary (studios, streamers, networks,
outlets, awards, events) from `data/names.tsv`.

It runs before spaCy's NER, whose predictions then respect these spans. The
canonical name ("Oscar" → "Academy Award") travels as the span's `ent_id_`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler

from callsheet.tables import load_table

COMPANY_KINDS: dict[str, str] = {}


def trade_patterns() -> list[dict]:
    patterns = []
    for pattern, label, canonical, company_kind in load_table("callsheet.language", "names.tsv"):
        canonical = canonical or pattern
        patterns.append({"label": label, "pattern": pattern, "id": canonical})
        if company_kind:
            COMPANY_KINDS[canonical] = company_kind
    return patterns


def company_kind(name: str) -> str | None:
    if not COMPANY_KINDS:
        trade_patterns()
    return COMPANY_KINDS.get(name)


@Language.factory("callsheet_trade_names")
def make_trade_names(nlp: Language, name: str) -> EntityRuler:
    ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="ORTH", overwrite_ents=True)
    ruler.add_patterns(trade_patterns())
    return ruler
