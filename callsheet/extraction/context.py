"""What one article's extraction knows while its rules run: the entities made
so far, how a token maps to one of them, and the facts found.

Rules (credits, links, companies, places and dates, people) read the parse
through this object and add facts to it; none keeps state of its own.
"""
from __future__ import annotations

from collections.abc import Iterable

import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from callsheet.extraction.vocabulary import Vocabulary
from callsheet.schema import Article, Entity, Extraction, Fact

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")

PREFIXES = {"person": "p", "work": "w", "company": "c", "place": "l", "outlet": "o",
            "award": "a", "event": "v"}
DEFINITE = {"the", "this", "that", "its", "his", "her", "their"}
COMPANY_SUFFIXES = {"Films", "Pictures", "Studios", "Studio", "Productions", "Entertainment",
                    "Records", "Media", "Channel", "Network", "Animation", "Television", "TV"}
COMPANY_NOUNS = {"company", "studio", "studios", "broadcaster", "channel", "network", "label",
                 "distributor", "streamer"}
OUTLET_NOUNS = {"magazine", "newspaper", "journal", "website", "paper", "tabloid", "weekly"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
TV_KINDS = {"tv_series", "tv_special"}


def normalise(name: str) -> str:
    """The scorer's normalisation: ids never matter, normalised names do."""
    s = unicodedata.normalize("NFKC", name)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ").casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def clean_title(text: str) -> str:
    return text.strip().strip("'‘’\"“”").strip()


@dataclass
class WorkMention:
    index: int
    work: str
    topical: bool  # False for a title used only to describe a person ("Friends actress")


class Context:
    def __init__(self, doc: Doc, article: Article, vocab: Vocabulary, offset: int = 0):
        self.doc = doc
        self.article = article
        self.vocab = vocab
        self.offset = offset
        self.entities: dict[str, Entity] = {}
        self.keys: dict[tuple[str, str], str] = {}
        self.facts: list[Fact] = []
        self.fact_index: dict[tuple, Fact] = {}
        self.fact_sent: dict[int, Span] = {}
        self.ent_at: dict[int, Span] = {t.i: e for e in doc.ents for t in e}
        self.coref: dict[int, str] = doc._.coref or {}
        self.hints: dict[tuple[int, int], dict] = doc._.work_hints or {}
        self.characters: set[int] = set()
        self.character_names: set[str] = set()
        self.work_mentions: list[WorkMention] = []
        self.untitled: dict[tuple[str, str], str] = {}
        self.untitled_at: list[tuple[int, str]] = []
        self.link_of: dict[str, tuple[str, str]] = {}
        self.named_at: list[tuple[int, str]] = []  # "the production is called X" from here on
        self.attribution: dict[int, str] = {}  # sentence start → outlet id
        self.lead_end = self._lead_end()

    def _lead_end(self) -> int:
        sents = list(self.doc.sents)
        return sents[min(1, len(sents) - 1)].end if sents else 0

    # --- entities -----------------------------------------------------------
    def entity(self, type_: str, name: str | None, *, kind: str | None = None,
               year: int | None = None, alias: str | None = None) -> str:
        key = (type_, normalise(name)) if name else None
        if key and key in self.keys:
            ent = self.entities[self.keys[key]]
            if alias and alias != ent.name and alias not in ent.aliases:
                ent.aliases.append(alias)
            if kind and type_ == "work" and ent.kind is None:
                ent.kind = kind
            if year and ent.year is None:
                ent.year = year
            return ent.id
        prefix = PREFIXES[type_]
        ent_id = f"{prefix}{sum(1 for e in self.entities if e.startswith(prefix)) + 1}"
        self.entities[ent_id] = Entity(ent_id, type_, name, kind=kind, year=year)
        if alias and alias != name:
            self.entities[ent_id].aliases.append(alias)
        if key:
            self.keys[key] = ent_id
        return ent_id

    def untitled_work(self, predicate: str, target: str, kind: str | None, at: int) -> str:
        """One untitled work per (link, source), however often it is mentioned."""
        key = (predicate, target)
        if key not in self.untitled:
            work = self.entity("work", None, kind=kind or "film")
            self.untitled[key] = work
            self.link_of[work] = key
            self.untitled_at.append((at, work))
        return self.untitled[key]

    def span_entity(self, span: Span) -> str | None:
        """The entity a named-entity span stands for, made on first sight."""
        label = span.label_
        if label == "PERSON":
            name = self.coref.get(span.start)
            if span.start in self.characters or name in self.character_names:
                return None
            if not name or not any(ch.isalpha() for ch in name):
                return None
            if normalise(name) in {k[1] for k in self.keys if k[0] in ("outlet", "company")}:
                return None
            return self.entity("person", name, alias=None if name == span.text else _surface(span))
        if label == "WORK":
            hint = self.hints.get((span.start, span.end), {})
            name = clean_title(span.text)
            for full in self._titles_extending(name):
                return self.entity("work", full, alias=name)
            return self.entity("work", name, kind=hint.get("kind"), year=hint.get("year"))
        if label == "COMPANY" or (label == "ORG" and self._looks_like_company(span)):
            return self.entity("company", span.ent_id_ or span.text)
        if label == "OUTLET" or (label == "ORG" and self._looks_like_outlet(span)):
            return self.entity("outlet", span.ent_id_ or span.text)
        if label == "AWARD":
            return self.entity("award", span.ent_id_ or span.text)
        if label == "EVENT":
            return self.entity("event", span.ent_id_ or span.text)
        return None

    def _titles_extending(self, short: str) -> list[str]:
        """Full titles of which `short` is the part before ' - ' or ':'."""
        out = []
        for (type_, _), ent_id in self.keys.items():
            name = self.entities[ent_id].name or ""
            if type_ == "work" and name != short and re.match(re.escape(short) + r"\s*[-–:]", name):
                out.append(name)
        return out

    def _looks_like_company(self, span: Span) -> bool:
        if span[-1].text in COMPANY_SUFFIXES:
            return True
        before = self.doc[span.start - 1] if span.start else None
        return before is not None and before.lower_ in COMPANY_NOUNS

    def _looks_like_outlet(self, span: Span) -> bool:
        after = self.doc[span.end] if span.end < len(self.doc) else None
        before = self.doc[span.start - 1] if span.start else None
        return (after is not None and after.lower_ in OUTLET_NOUNS) or \
            (before is not None and before.lower_ in OUTLET_NOUNS)

    def place(self, span: Span) -> str:
        return self.entity("place", span.text)

    # --- tokens to entities -------------------------------------------------
    def entity_type(self, ent_id: str | None) -> str | None:
        return self.entities[ent_id].type if ent_id in self.entities else None

    def resolve(self, tok: Token) -> str | None:
        """The entity a token refers to: a name, a pronoun, or "the sequel"."""
        span = self.ent_at.get(tok.i)
        if span is not None:
            ent = self.span_entity(span)
            if ent:
                return ent
        if tok.i in self.coref and tok.i not in self.characters and \
                self.coref[tok.i] not in self.character_names:
            return self.entity("person", self.coref[tok.i])
        return self.work_anaphor(tok)

    def resolve_person(self, tok: Token) -> str | None:
        ent = self.resolve(tok)
        return ent if self.entity_type(ent) == "person" else None

    def titled_works(self, tokens: Iterable[Token]) -> list[str]:
        """The works titled among these tokens, each once, in order."""
        works: list[str] = []
        for t in tokens:
            span = self.ent_at.get(t.i)
            if span is not None and span.label_ == "WORK" and span.start == t.i:
                work = self.resolve_work(t)
                if work and work not in works:
                    works.append(work)
        return works

    def resolve_work(self, tok: Token) -> str | None:
        ent = self.resolve(tok)
        return ent if self.entity_type(ent) == "work" else None

    def appositive_work(self, noun: Token) -> str | None:
        """The title a noun stands in apposition to ("Ocean's Twelve, the sequel")."""
        if noun.dep_ == "appos":
            work = self.resolve_work(noun.head)
            if work:
                return work
        for c in noun.children:
            if c.dep_ == "appos":
                work = self.resolve_work(c)
                if work:
                    return work
        return None

    def work_anaphor(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        if lemma not in self.vocab.anaphors or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        refers, kind = self.vocab.anaphors[lemma]
        modifiers = self.doc[tok.left_edge.i:tok.i].text.lower().replace(" - ", "-")
        linked = any(link in modifiers.split() for link in self.vocab.links)
        if not linked and not any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in tok.children):
            return None
        if linked:
            refers = "focus"
        if refers == "source":
            focus = self.focus(tok.i)
            link = self.link_of.get(focus) if focus else None
            return link[1] if link else None
        if refers == "focus":
            return self.focus(tok.i) or self.recent_work(tok.i, None)
        return self.recent_work(tok.i, kind or None)

    def focus(self, index: int) -> str | None:
        """The project the article is about at this point.

        A title the article gave it ("the production is called X") wins; then
        its latest untitled project if that project belongs to the lead (made
        there, or derived from the lead's work); then the lead's first work;
        then any untitled project.
        """
        named = [w for at, w in self.named_at if at <= index]
        if named:
            return named[-1]
        lead = [m.work for m in self.work_mentions if m.index < self.lead_end and m.topical]
        earlier = [(at, w) for at, w in self.untitled_at if at <= index]
        for at, work in reversed(earlier):
            if at < self.lead_end or not lead or self.link_of[work][1] == lead[0]:
                return work
        if lead:
            return lead[0]
        return earlier[-1][1] if earlier else None

    def recent_work(self, index: int, kind: str | None) -> str | None:
        candidates = [m for m in self.work_mentions if m.index < index and m.topical]
        candidates += [WorkMention(at, w, True) for at, w in self.untitled_at if at < index]
        candidates.sort(key=lambda m: m.index)
        if kind:
            fitting = [m for m in candidates if self._kind_fits(self.entities[m.work].kind, kind)]
            if fitting:
                return fitting[-1].work
        return candidates[-1].work if candidates else None

    @staticmethod
    def _kind_fits(have: str | None, want: str) -> bool:
        if have is None:
            return True
        if want in TV_KINDS:
            return have in TV_KINDS
        if want == "film":
            return have in ("film", "documentary", "short")
        return have == want

    def conjuncts(self, tok: Token) -> list[Token]:
        """The token and everything coordinated with it ("A, B and C")."""
        out = [tok]
        for t in tok.subtree:
            if t.dep_ in ("conj", "appos") and t.i != tok.i and t.head in out and t.i not in self.characters:
                out.append(t)
        return out

    def persons(self, tok: Token) -> list[str]:
        found = []
        for t in self.conjuncts(tok):
            person = self.resolve_person(t)
            if person and person not in found:
                found.append(person)
        return found

    # --- facts --------------------------------------------------------------
    def evidence(self, sent: Span, *tokens: Token) -> str:
        """The sentence that states the fact, verbatim from the article."""
        text = sent.text.strip()
        return text if text else " ".join(t.text for t in tokens)

    def _paragraph_naming(self, evidence: str, *ids: str | None) -> str:
        """spaCy does not end a sentence at a blank line, so a headline can run
        into the lead's first sentence: keep the paragraph that names the fact's
        entities (the later one on a tie), verbatim."""
        if "\n\n" not in evidence:
            return evidence
        pieces = [p.strip() for p in PARAGRAPH_BREAK.split(evidence) if p.strip()]
        names = [n for i in ids if i in self.entities
                 for n in (self.entities[i].name, *self.entities[i].aliases) if n]
        score, _, best = max((sum(n in p for n in names), i, p) for i, p in enumerate(pieces))
        return best if score else evidence

    def add(self, subject: str | None, predicate: str, evidence: str, *, obj: str | None = None,
            value: str | None = None, status: str | None = None, character: str | None = None,
            confidence: float = 0.6, sent: Span | None = None) -> Fact | None:
        if subject is None or (obj is None and value is None) or subject == obj:
            return None
        key = (subject, predicate, obj, value)
        attribution = self.attribution.get(sent.start) if sent is not None else None
        if key in self.fact_index:
            fact = self.fact_index[key]
            if character and not fact.character:
                fact.character = character
            fact.confidence = max(fact.confidence, confidence)
            return fact
        evidence = self._paragraph_naming(evidence, subject, obj)
        fact = Fact(subject=subject, predicate=predicate, evidence=evidence, object=obj,
                    value=value, status=status, character=character,
                    attribution=attribution, confidence=confidence)
        self.facts.append(fact)
        self.fact_index[key] = fact
        if sent is not None:
            self.fact_sent[id(fact)] = sent
        return fact

    def result(self) -> Extraction:
        return Extraction(self.article, list(self.entities.values()), self.facts)


def _surface(span: Span) -> str:
    text = span.text
    for ending in ("'s", "’s", "'", "’"):
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text.strip()
