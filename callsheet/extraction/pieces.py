"""Long texts in bounded pieces, so that the cost of an article grows
linearly with its length and no text is too long for spaCy.

A language pipeline's cost per word grows with the length of the document
it is given (spaCy refuses more than `nlp.max_length` characters outright,
error E088), so an article longer than `PIECE_CHARS` is cut into pieces of
at most that many characters, each cut at the last paragraph break before
the limit (else a line break, a sentence end, a space). Each piece goes
through the extractor as an article of its own, and their `Extraction`s
are merged into one:

- entities are one entity when they have the same type and normalised name
  (`callsheet.naming.normalise`); a person named by surname alone in one
  piece is the one person of that surname named in full in another; an
  untitled work is one work per link ("the sequel of X");
- facts are one fact when subject, predicate and object (or value) agree;
  the first piece to state it gives its evidence and status, as within one
  article, and a later piece adds a character or an attribution it lacked;
- evidence is never rewritten: a piece is a slice of the article's text, so
  every evidence stays a verbatim span of the article.

An article no longer than `PIECE_CHARS` (every article of the corpus) goes
through whole and comes out exactly as the extractor gives it. This module
knows only the plain types of `callsheet.schema`, never the extractor's
internals.
"""
from __future__ import annotations

import dataclasses
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from callsheet.naming import is_surname_of, normalise
from callsheet.schema import LINK_PREDICATES, Article, Entity, Extraction, Fact

# Characters per piece: above the longest article of the corpus (19,138), and
# short enough that the rules' cost per word is still flat (bench/long_text.py).
PIECE_CHARS = 20_000
# where a piece may end, best first: a paragraph, a line, a sentence, a word
CUTS = ("\n\n", "\n", ". ", "? ", "! ", "\u201d ", " ")

Run = Callable[[Iterable[Article], int], Iterable[Extraction]]


def cut_points(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) offsets of consecutive slices that cover `text`, each at
    most `limit` characters, cut at the best break in the second half of
    the limit (see `CUTS`; a hard cut only in a run of `limit // 2`
    characters with no space). Slices of white space alone are left out.

    Raises `ValueError` for a limit under 2."""
    if limit < 2:
        raise ValueError(f"a piece needs at least 2 characters, not {limit}")
    spans, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        cut = next((at + len(mark) for mark in CUTS if (at := text.rfind(mark, start + limit // 2, end)) != -1),
                   end)
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def pieces_of(article: Article, limit: int = PIECE_CHARS) -> list[Article]:
    """The article itself when its body fits the limit, else one `Article`
    per slice of its body (same id, date, title, source and path), in order."""
    body = article.body
    if len(body) <= limit:
        return [article]
    return [dataclasses.replace(article, text=body[a:b], body_start=0) for a, b in cut_points(body, limit)] \
        or [dataclasses.replace(article, text=body[:limit], body_start=0)]


def extract_in_pieces(run: Run, articles: Iterable[Article], *, batch_size: int = 16,
                      limit: int = PIECE_CHARS) -> Iterator[Extraction]:
    """One `Extraction` per article, in order: `run(articles, batch_size)`
    (the extractor's own batch, yielding one extraction per article given)
    sees every article that fits the limit whole and the pieces of every
    other, and the pieces' extractions are merged (`merge`).

    Lazy: articles are read as the extractor asks for them, so memory is
    bounded by the batch, not by the stream. An exception from `run`
    propagates."""
    pending: deque[tuple[Article, int]] = deque()

    def fed() -> Iterator[Article]:
        for article in articles:
            if len(article.body) <= limit:
                pending.append((article, 0))  # whole: its extraction is the article's
                yield article
            else:
                parts = pieces_of(article, limit)
                pending.append((article, len(parts)))
                yield from parts

    done: list[Extraction] = []
    for extraction in run(fed(), batch_size):
        article, count = pending[0]
        if count == 0:
            pending.popleft()
            yield extraction
            continue
        done.append(extraction)
        if len(done) == count:
            pending.popleft()
            yield merge(article, done)
            done = []


def merge(article: Article, parts: list[Extraction]) -> Extraction:
    """The pieces' extractions of one article as one `Extraction` of `article`,
    with entity ids renumbered per type ("p1", "w1"...), in order of first mention."""
    keys = [_entity_keys(part, n) for n, part in enumerate(parts)]
    entities: dict[tuple, Entity] = {}
    for part, key_of in zip(parts, keys):
        for ent in part.entities:
            key = key_of[ent.id]
            if key in entities:
                _absorb(entities[key], ent)
            else:
                entities[key] = dataclasses.replace(ent, aliases=[a for a in ent.aliases if a != ent.name])
    folded = _fold_surnames(entities)
    new_id, kept = _renumber(entities, folded)
    facts: dict[tuple, Fact] = {}
    for part, key_of in zip(parts, keys):
        for fact in part.facts:
            subject = new_id[folded.get(key_of[fact.subject], key_of[fact.subject])]
            obj = new_id[folded.get(key_of[fact.object], key_of[fact.object])] if fact.object else None
            if subject == obj:
                continue
            attribution = new_id[folded.get(key_of[fact.attribution], key_of[fact.attribution])] \
                if fact.attribution in key_of else None
            key = (subject, fact.predicate, obj, fact.value)
            if key not in facts:
                facts[key] = dataclasses.replace(fact, subject=subject, object=obj, attribution=attribution)
                continue
            first = facts[key]
            first.character = first.character or fact.character
            first.attribution = first.attribution or attribution
            first.confidence = max(first.confidence, fact.confidence)
    return Extraction(article, kept, list(facts.values()))


def _entity_keys(part: Extraction, n: int) -> dict[str, tuple]:
    """Entity id → what it is across pieces: (type, normalised name); an
    untitled work by its link, ("work", None, predicate, key of the work it
    links to); an untitled work with no link is its piece's alone."""
    keys = {e.id: (e.type, normalise(e.name) or e.name) for e in part.entities if e.name or e.type != "work"}
    untitled = {e.id for e in part.entities if e.id not in keys}
    for _ in range(len(untitled)):  # a sequel of a sequel needs its source's key first
        for fact in part.facts:
            if fact.subject in untitled and fact.predicate in LINK_PREDICATES and fact.object in keys:
                keys[fact.subject] = ("work", None, fact.predicate, keys[fact.object])
                untitled.discard(fact.subject)
    keys.update({ent_id: ("work", None, n, ent_id) for ent_id in untitled})
    return keys


def _absorb(kept: Entity, other: Entity) -> None:
    """What another piece says of the same entity: its spelling and aliases,
    a kind or year `kept` lacks ("film" is also the guess for no stated kind)."""
    for alias in ([other.name] if other.name else []) + other.aliases:
        if alias != kept.name and alias not in kept.aliases:
            kept.aliases.append(alias)
    if kept.kind is None or (kept.kind == "film" and other.kind not in (None, "film")):
        kept.kind = other.kind
    kept.year = kept.year or other.year


def _fold_surnames(entities: dict[tuple, Entity]) -> dict[tuple, tuple]:
    """A person one piece names by surname alone ("Orlov") is the one person
    another piece names in full ("Nadia Orlov"): key of the surname → key of the full name."""
    people = [key for key in entities if key[0] == "person" and key[1]]
    folded = {}
    for key in people:
        fulls = [full for full in people if is_surname_of(key[1], full[1])]
        if len(fulls) == 1:
            folded[key] = fulls[0]
            _absorb(entities[fulls[0]], entities[key])
    return folded


def _renumber(entities: dict[tuple, Entity], folded: dict[tuple, tuple]) -> tuple[dict[tuple, str], list[Entity]]:
    counters: dict[str, int] = {}
    new_id, kept = {}, []
    for key, ent in entities.items():
        if key in folded:
            continue
        prefix = re.sub(r"[^A-Za-z]", "", ent.id) or ent.type[0]
        counters[prefix] = counters.get(prefix, 0) + 1
        new_id[key] = f"{prefix}{counters[prefix]}"
        kept.append(dataclasses.replace(ent, id=new_id[key]))
    return new_id, kept
