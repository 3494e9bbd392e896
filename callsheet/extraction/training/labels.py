"""Gold labels for candidate facts.

A candidate (subject mention, object mention, sentence) is labelled by the
keys the scorer uses (`callsheet.keys`): it is a positive example of a
predicate when the gold file has that fact and the gold evidence lies in the
candidate's sentence; when the gold fact is stated elsewhere in the article
(or is optional) the candidate is left out of that predicate's training, as
the sentence may or may not say it; otherwise it is a negative example.
"""
from __future__ import annotations

import re

from callsheet.extraction.context import Context
from callsheet.extraction.relations import Candidate
from callsheet.keys import alt_name_map, entity_keys
from callsheet.schema import LINK_PREDICATES

_QUOTE_CLASS = {"'": "['‘’]", "‘": "['‘’]", "’": "['‘’]", '"': "[\"“”]", "“": "[\"“”]", "”": "[\"“”]"}
SAME_TITLE_LINKS = {"adaptation_of", "remake_of"}


def _evidence_pattern(evidence: str) -> re.Pattern:
    parts = []
    for word in evidence.split():
        parts.append("".join(_QUOTE_CLASS.get(ch, re.escape(ch)) for ch in word))
    return re.compile(r"\s+".join(parts))


class GoldLabels:
    """The gold facts of one article, keyed as the scorer keys them, with
    where in the text (character offsets of `text`) each is stated."""

    def __init__(self, gold: dict, text: str):
        self.alt = alt_name_map(gold)
        ents, keys = entity_keys(gold)
        self.ents = ents
        self.facts: dict[tuple, list[tuple[int, int]]] = {}
        self.optional: set[tuple] = set()
        self.status: dict[tuple, str] = {}
        self.untitled_links: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for fact in gold.get("facts", []):
            predicate = fact.get("predicate")
            s = keys.get(fact.get("subject"))
            if fact.get("object") is not None:
                o = keys.get(fact["object"])
            else:
                o = "=" + str(fact.get("value"))
            if s is None or o is None:
                continue
            spans = self._locate(text, fact.get("evidence") or "")
            key = (s, predicate, o)
            if fact.get("optional"):
                self.optional.add(key)
                continue
            self.facts.setdefault(key, []).extend(spans)
            if fact.get("status"):
                self.status.setdefault(key, fact["status"])
            if predicate in LINK_PREDICATES and not ents.get(fact["subject"], {}).get("name"):
                self.untitled_links.setdefault((predicate, o), []).extend(spans)

    @staticmethod
    def _locate(text: str, evidence: str) -> list[tuple[int, int]]:
        if not evidence.strip():
            return []
        found = [(m.start(), m.end()) for m in _evidence_pattern(evidence).finditer(text)]
        return found or [(-1, -1)]

    def key(self, ctx: Context, ent_id: str | None) -> str | None:
        if ent_id is None:
            return None
        k = ctx.key_of(ent_id)
        return self.alt.get(k, k) if k is not None else None

    def targets(self, ctx: Context, cand: Candidate) -> dict[str, int | None]:
        """predicate → 1 (stated here), 0 (not a fact), None (left out)."""
        sent = ctx.sents[cand.subject.sent]
        here = (sent.start_char, sent.end_char)
        family = cand.family.name
        s = self.key(ctx, cand.subject.entity)
        if family == "date":
            o = "=" + str(cand.object.source)
        else:
            o = self.key(ctx, cand.object.entity)
        out: dict[str, int | None] = {}
        for predicate in cand.family.predicates:
            if family == "untitled":
                spans = self.untitled_links.get((predicate, o))
                out[predicate] = self._label(spans, here, False)
                continue
            if ctx.unkeyed_project(cand.subject.entity) or ctx.unkeyed_project(cand.object.entity):
                out[predicate] = None  # GUIDELINES leaves an untitled project with no link out of the gold
                continue
            if s is None or o is None:
                out[predicate] = 0
                continue
            key = (s, predicate, o)
            if predicate in SAME_TITLE_LINKS and s == o:
                out[predicate] = None
                continue
            out[predicate] = self._label(self.facts.get(key), here, key in self.optional)
            if out[predicate] == 0 and cand.object.how in ("implicit", "anaphor") and \
                    self._stated_here(s, predicate, here):
                # the sentence states this relation for the subject, about a work the
                # rules resolved wrongly: not evidence that the relation is absent
                out[predicate] = None
        return out

    def _stated_here(self, subject: str, predicate: str, here: tuple[int, int]) -> bool:
        lo, hi = here
        return any(s == subject and p == predicate and any(a < hi and b > lo for a, b in spans)
                   for (s, p, _), spans in self.facts.items())

    def status_of(self, ctx: Context, cand: Candidate, predicate: str) -> str | None:
        s = self.key(ctx, cand.subject.entity)
        o = "=" + str(cand.object.source) if cand.family.name == "date" else self.key(ctx, cand.object.entity)
        return self.status.get((s, predicate, o))

    @staticmethod
    def _label(spans, here: tuple[int, int], optional: bool) -> int | None:
        if spans is None:
            return None if optional else 0
        lo, hi = here
        if any(start < hi and end > lo for start, end in spans):
            return 1
        return None

