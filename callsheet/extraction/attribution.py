"""Whom an article credits for a claim: "Sources told The Hollywood
Reporter", "according to Variety", "Deadline reported". Precise wording, so
these stay rules: each sentence that credits an outlet this way attributes
every fact it states to that outlet."""
from __future__ import annotations

from callsheet.extraction.context import Context

REPORTING_LEMMAS = {"report", "say", "reveal", "confirm", "learn", "break"}
SOURCE_WORDS = {"source", "sources", "insider", "insiders", "individual", "person"}


def find_attributions(ctx: Context) -> None:
    """Fills `ctx.attribution` (sentence index → outlet id)."""
    for m in ctx.mentions:
        if m.label != "OUTLET" or m.entity is None:
            continue
        sent = ctx.sents[m.sent]
        doc = ctx.doc
        before = doc[max(sent.start, m.start - 6):m.start].text.lower()
        root = doc[m.start:m.end].root
        told = root.dep_ in ("dobj", "dative", "pobj") and root.head.lemma_.lower() in ("tell", "to") and \
            any(t.lower_ in SOURCE_WORDS for t in sent)
        reported = root.dep_ == "nsubj" and root.head.lemma_.lower() in REPORTING_LEMMAS
        if "according to" in before or "per " in before + " " or told or reported:
            ctx.attribution[m.sent] = m.entity
