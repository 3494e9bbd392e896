"""What one article's extraction knows while it runs: the entities made so
far, every mention of them (by name, pronoun, anaphor or implication), the
project the article is about at each point, and the facts decided.

The candidate builder, the relation models and the rules all read the parse
through this object; none keeps state of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from callsheet.extraction.vocabulary import Vocabulary
from callsheet.keys import norm
from callsheet.schema import Article, Entity, Extraction, Fact

PREFIXES = {"person": "p", "work": "w", "company": "c", "place": "l", "outlet": "o",
            "award": "a", "event": "v"}
SAME_TITLE_LINKS = {"adaptation_of", "remake_of"}
# a person named in full beside a title makes it count once more in the focus; counting
# surnames as well ("Quill also produces it") lost trade credits held out (F1 0.395 -> 0.384)
PERSON_NAMED = ("name",)
OPENING_QUOTES = ("'", "‘", "“", '"')
CLOSING_QUOTES = ("'", "’", "”", '"')
SENTENCE_ENDS = (".", "!", "?", "…", "...", ":")
LIST_CONNECTIVES = ("as well as", "along with", "alongside", "plus", "also", "and", "not to mention")


def clean_title(text: str) -> str:
    """A title without the quote marks or possessive ending around it."""
    text = text.strip()
    for ending in ("'s", "’s"):
        if text.endswith(ending):
            text = text[: -len(ending)]
    return text.strip("'‘’\"“”").strip()


@dataclass
class Mention:
    """One place where the article refers to an entity.

    `start`/`end` are token offsets (`end` exclusive; equal for an implicit
    mention, which has no words of its own). `how` says how the reference is
    made: name, alias (a shorter form), pronoun, descriptor ("the actor"),
    anaphor ("the film"), untitled ("a sequel to X", before its link is
    decided) or implicit (the project in focus, never named in the sentence).
    """
    start: int
    end: int
    label: str
    entity: str | None
    how: str
    sent: int
    source: str | None = None  # untitled: what the link noun's phrase names
    link: str | None = None    # untitled: the predicate its noun suggests

    @property
    def explicit(self) -> bool:
        return self.how not in ("implicit",)


@dataclass
class Decision:
    """A fact the models (or a rule) accepted, with where it was stated."""
    fact: Fact
    sent: int
    probability: float
    features: dict = field(default_factory=dict)


class Context:
    """The state of one article's extraction (see the module docstring)."""

    def __init__(self, doc: Doc, article: Article, vocab: Vocabulary):
        self.doc = doc
        self.article = article
        self.vocab = vocab
        self.sents: list[Span] = split_at_line_breaks(doc)
        self.continuations: dict[int, int] = {}  # first token of a list fragment → its sentence's start
        self._join_list_fragments()
        self.sent_of: list[int] = [0] * len(doc)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        self.entities: dict[str, Entity] = {}
        self._made: dict[str, int] = {}  # ids made per prefix: an id is never reused after a deletion
        self.keys: dict[tuple[str, str], str] = {}
        self._mentions: list[Mention] = []
        self._index: dict | None = None
        self.untitled: dict[tuple[str, str], str] = {}
        self.project: str | None = None  # the untitled project with no link (`untitled_project`)
        self.link_of: dict[str, tuple[str, str]] = {}
        self.facts: dict[tuple, Fact] = {}
        self.fact_sent: dict[tuple, int] = {}
        self.attribution: dict[int, str] = {}  # sentence → outlet id
        self.released: set[str] = set()  # works the article shows to be out already
        self.work_contexts: dict[str, dict[str, float]] = {}  # features.work_context, once per work
        self.lead_words: list[str] | None = None  # features.lead_context, once per article
        self.roles: dict[int, str | None] = {}  # grammar.role_of, once per token
        self.sentence_cues: dict[tuple[int, int], list[tuple[int, str]]] = {}  # features._cues, once per span
        self.lead_end = self.sents[min(1, len(self.sents) - 1)].end if self.sents else 0

    def unpunctuated_line(self, n: int) -> bool:
        """Sentence `n` is a line of its own that no full stop, question or
        exclamation mark or colon ends, inside closing quotes or not
        (`SENTENCE_ENDS`; a quoted title at the end is no end): a
        headline or a standfirst mostly, whose capitals say little (every
        word may be capitalised) and whose grammar is clipped ("Lighthouse
        Keepers adds two stars")."""
        words = [t for t in self.sents[n] if not t.is_space]
        core = list(words)
        while core and core[-1].text in CLOSING_QUOTES:
            core.pop()  # '... "It is a dream."' ends; "... HBO's 'Night Ferry'" does not
        if not core or core[-1].text in SENTENCE_ENDS:
            return False
        after = self.doc[words[-1].i + 1:self.sents[n].end + 1]
        return words[-1].i + 1 >= len(self.doc) or "\n" in words[-1].whitespace_ + "".join(
            t.text_with_ws for t in after if t.is_space)

    def _join_list_fragments(self) -> None:
        """"The film starred A and B. As well as C and D.": a sentence with no
        verb that opens with a list connective goes on with the list before
        it, so it joins that sentence (its evidence then shows both)."""
        joined: list[Span] = []
        for sent in self.sents:
            words = [t for t in sent if not t.is_space and not t.is_punct]
            opening = " ".join(t.lower_ for t in words[:3])
            fragment = bool(words) and not any(t.pos_ in ("VERB", "AUX") for t in words) and \
                any(opening.startswith(c) for c in LIST_CONNECTIVES)
            if fragment and joined and "\n\n" not in self.doc[joined[-1].end - 1].text_with_ws:
                self.continuations[sent.start] = joined[-1].start
                joined[-1] = self.doc[joined[-1].start:sent.end]
            else:
                joined.append(sent)
        self.sents = joined

    # --- entities -----------------------------------------------------------
    def entity(self, type_: str, name: str | None, *, kind: str | None = None,
               year: int | None = None, alias: str | None = None) -> str:
        """The id of the entity of this type and (normalised) name, made on
        first sight; a later mention adds its alias, kind or year."""
        key = (type_, norm(name)) if name else None
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
        self._made[prefix] = self._made.get(prefix, 0) + 1
        ent_id = f"{prefix}{self._made[prefix]}"
        self.entities[ent_id] = Entity(ent_id, type_, name, kind=kind, year=year)
        if alias and alias != name:
            self.entities[ent_id].aliases.append(alias)
        if key:
            self.keys[key] = ent_id
        return ent_id

    def untitled_work(self, predicate: str, source: str, kind: str | None) -> str:
        """One untitled work per (link, source), however often it is mentioned."""
        key = (predicate, source)
        if key not in self.untitled:
            work = self.entity("work", None, kind=kind or "film")
            self.untitled[key] = work
            self.link_of[work] = key
        return self.untitled[key]

    def untitled_project(self, kind: str) -> str:
        """The one untitled work the article announces without linking it to
        a named one ("the next film from Lee Daniels", "an untitled drama"),
        however often it is mentioned. It has no key (`key_of`): GUIDELINES
        leaves such a project out of the gold, so facts on it are not scored,
        and the knowledge base, which cannot tell it from another article's,
        stores none of them, unless the link model links it to a named work
        ("his next film, a sequel to X"): then it is that untitled sequel."""
        if self.project is None:
            self.project = self.entity("work", None, kind=kind)
        return self.project

    def unkeyed_project(self, ent_id: str | None) -> bool:
        """Whether `ent_id` is the article's `untitled_project`."""
        return ent_id is not None and ent_id == self.project

    def type_of(self, ent_id: str | None) -> str | None:
        return self.entities[ent_id].type if ent_id in self.entities else None

    def key_of(self, ent_id: str) -> str | None:
        """The entity's scoring key (keys.entity_keys): its normalised name,
        or for an untitled work its link ("sequel_of:night ferry")."""
        ent = self.entities[ent_id]
        if ent.name:
            return norm(ent.name)
        if ent_id in self.link_of:
            predicate, source = self.link_of[ent_id]
            source_key = self.key_of(source)
            if source_key is None:
                return None
            return source_key if predicate in SAME_TITLE_LINKS else f"{predicate}:{source_key}"
        return None

    def titled_works_extending(self, short: str) -> list[str]:
        """Full titles of which `short` is the part before ' - ', ':' or a
        possessive ("Romy and Michele" of "Romy and Michele's High School
        Reunion"); never a numbered sequel ("Sinister" of "Sinister 2")."""
        out = []
        for (type_, _), ent_id in self.keys.items():
            name = self.entities[ent_id].name or ""
            if type_ == "work" and name != short and re.match(re.escape(short) + r"(?:\s*[-–:]|['’]s\s)", name):
                out.append(ent_id)
        return out

    # --- mentions -----------------------------------------------------------
    @property
    def mentions(self) -> list[Mention]:
        return self._mentions

    @mentions.setter
    def mentions(self, mentions: list[Mention]) -> None:
        self._mentions = mentions
        self._index = None

    def add_mention(self, mention: Mention) -> Mention:
        self._mentions.append(mention)
        self._index = None
        return mention

    def changed(self) -> None:
        """Call after changing a mention in place (its entity or kind)."""
        self._index = None

    def _indexed(self) -> dict:
        """Mentions by sentence and by token, the topical works, and the
        focus at each point, computed once per state of the mentions."""
        if self._index is None:
            by_sent: dict[int, list[Mention]] = {}
            at: dict[tuple[int, str], Mention] = {}
            person_named: set[int] = set()  # sentences that name a person (for the focus)
            for m in self._mentions:
                by_sent.setdefault(m.sent, []).append(m)
                if m.explicit and m.entity:
                    for i in range(m.start, m.end):
                        at.setdefault((i, m.label), m)
                if m.label == "PERSON" and m.how in PERSON_NAMED:
                    person_named.add(m.sent)
            self._index = {"sent": by_sent, "at": at, "works": None, "person_named": person_named}
        return self._index

    def per_mentions(self, name: str, compute):
        """`compute()`'s result, worked out once per state of the mentions
        (what reads every mention, such as `grammar.occupations`, is kept
        until a mention changes)."""
        computed = self._indexed().setdefault("computed", {})
        if name not in computed:
            computed[name] = compute()
        return computed[name]

    def mention_at(self, i: int, label: str) -> Mention | None:
        """The explicit mention of this label that covers token i."""
        return self._indexed()["at"].get((i, label))

    def in_sentence(self, n: int, label: str | None = None) -> list[Mention]:
        return [m for m in self._indexed()["sent"].get(n, ()) if label is None or m.label == label]

    def topical_works(self) -> list[Mention]:
        """Named work mentions in text order, less those that only describe a
        person ("Friends actress Lisa Kudrow")."""
        index = self._indexed()
        if index["works"] is None:
            index["works"] = sorted((m for m in self._mentions if m.label == "WORK" and m.entity
                                     and m.how in ("name", "alias", "untitled") and not self.descriptive(m)),
                                    key=lambda m: m.start)
        return index["works"]

    def descriptive(self, mention: Mention) -> bool:
        """A title that only describes a person: "Friends actress Lisa
        Kudrow", "Rowan Pike (Glass Season)", and every title of a list the
        role noun follows ("The Big Bang Theory and Young Sheldon co-EP Tara
        Hernandez"). A list needs its "and": "After Salt Road, Glass Season
        star Mara Quill ..." leaves Salt Road a topic of its own. So does a
        title whose possessive is a person's name ("Ozark's Laura Linney",
        "Black Books' Tamsin Greig"), as the trade press lists a cast by
        their best-known work."""
        doc = self.doc
        if self._possessed_person(mention):
            return True
        last, titles, has_and = mention, 1, False
        while True:
            j = last.end
            while j < len(doc) and (doc[j].text in CLOSING_QUOTES or
                                    doc[j].text in ("'s", "’s", "head", "lead", "executive", "co", "-")):
                j += 1
            if j < len(doc) and doc[j].lower_ in self.vocab.role_nouns:
                if titles == 1 or has_and:
                    return True
                break
            following, joined_by_and = self._joined_title(j)
            if following is None:
                break
            last, titles, has_and = following, titles + 1, has_and or joined_by_and
        k = mention.start - 1
        while k >= 0 and (doc[k].text in OPENING_QUOTES or doc[k].text == ",") and k > mention.start - 3:
            k -= 1
        return k >= 1 and doc[k].text == "(" and self.mention_at(k - 1, "PERSON") is not None

    def _possessed_person(self, mention: Mention) -> bool:
        """Whether a person's name follows the title's possessive mark
        ("Ozark's Laura Linney"); a bare apostrophe only after a title that
        ends in "s" and opens with no quote mark ("Black Books' Tamsin
        Greig", not "'Salt Road' Lena Marr")."""
        doc = self.doc
        j = mention.end
        if j + 1 >= len(doc) or mention.end <= mention.start:
            return False
        mark = doc[j].text
        if mark in ("'", "’"):
            opened = mention.start > 0 and doc[mention.start - 1].text in OPENING_QUOTES
            if opened or not doc[j - 1].lower_.endswith("s") or doc[j].whitespace_ == "":
                return False
        elif mark not in ("'s", "’s"):
            return False
        person = self.mention_at(j + 1, "PERSON")
        return person is not None and person.start == j + 1 and person.how == "name"

    def _joined_title(self, j: int) -> tuple[Mention | None, bool]:
        """The title that ", ", "and", "&" or ", and" at token `j` joins to the
        one before, and whether an "and" joined it; (None, False) if none."""
        doc = self.doc
        first, joined_by_and = j, False
        if j < len(doc) and doc[j].text == ",":
            j += 1
        if j < len(doc) and doc[j].lower_ in ("and", "&"):
            j, joined_by_and = j + 1, True
        if j == first:
            return None, False
        k = j
        while k < len(doc) and doc[k].text in OPENING_QUOTES:
            k += 1
        following = self.mention_at(k, "WORK") if k < len(doc) else None
        if following is None or not first < following.start <= k:
            return None, False
        return following, joined_by_and

    def focus(self, index: int) -> str | None:
        """The project the article is about (the same at every token
        `index`): among the works the whole article names, the one named
        most often, a work named in the lead counting double and one named
        beside a person (in full) one more (the project is what people are
        attached to; a title named alone is more often a slate, a franchise
        or a channel); an untitled project made in the lead beside a person
        wins outright (it is what "the sequel" and "the film" mean there:
        "Kudrow and Sorvino are in talks for a 'Romy' sequel"). In 255
        held-out sentences that state a credit on a work they do not name,
        counting only the works named before `index`, as earlier versions
        did, picked the gold work 165 times; counting the whole article,
        179 (later names counting half, 181, but cross-validated that lost
        BBC credits and links)."""
        cache = self._indexed()
        if "focus" not in cache:
            cache["focus"] = self._focus()
        return cache["focus"]

    def _focus(self) -> str | None:
        works = self.topical_works()
        if not works:
            return None
        person_named = self._indexed()["person_named"]
        lead_untitled = [m.entity for m in works
                         if m.how == "untitled" and m.start < self.lead_end and m.sent in person_named]
        if lead_untitled:
            return lead_untitled[-1]
        score: dict[str, float] = {}
        first: dict[str, int] = {}
        for m in works:
            weight = (2.0 if m.start < self.lead_end else 1.0) + (1.0 if m.sent in person_named else 0.0)
            score[m.entity] = score.get(m.entity, 0.0) + weight
            first.setdefault(m.entity, m.start)
        return max(score, key=lambda w: (score[w], -first[w]))

    def recent_work(self, index: int, kind: str | None = None) -> str | None:
        """The latest work named before `index`, of a fitting kind if any fits."""
        works = [m for m in self.topical_works() if m.start < index]
        if kind:
            fitting = [m for m in works if _kind_fits(self.entities[m.entity].kind, kind)]
            works = fitting or works
        return works[-1].entity if works else None

    # --- facts --------------------------------------------------------------
    def evidence(self, n: int) -> str:
        """Sentence `n`, verbatim."""
        return self.sents[n].text.strip()

    def add_fact(self, subject: str, predicate: str, n: int, *, obj: str | None = None,
                 value: str | None = None, status: str | None = None,
                 character: str | None = None, confidence: float = 0.5) -> Fact | None:
        """Records a fact stated in sentence `n`; the same fact stated again
        keeps its first evidence and its highest confidence."""
        if subject is None or (obj is None and value is None) or subject == obj:
            return None
        key = (subject, predicate, obj, value)
        if key in self.facts:
            fact = self.facts[key]
            if confidence > fact.confidence:
                fact.confidence = confidence
            if character and not fact.character:
                fact.character = character
            return fact
        fact = Fact(subject=subject, predicate=predicate, evidence=self.evidence(n),
                    object=obj, value=value, status=status, character=character,
                    attribution=self.attribution.get(n), confidence=confidence)
        self.facts[key] = fact
        self.fact_sent[key] = n
        return fact

    def result(self) -> Extraction:
        return Extraction(self.article, list(self.entities.values()), list(self.facts.values()))


def split_at_line_breaks(doc: Doc) -> list[Span]:
    """spaCy's sentences, cut again wherever the text breaks a line: the
    parser does not end a sentence at a blank line, so a headline would run
    into the lead's first sentence."""
    out: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text_with_ws and (tok.is_space or tok.whitespace_):
                end = tok.i + 1
                if any(not t.is_space for t in doc[start:end]):
                    out.append(doc[start:end])
                start = end
        if start < sent.end and any(not t.is_space for t in doc[start:sent.end]):
            out.append(doc[start:sent.end])
        elif start < sent.end and out:
            out[-1] = doc[out[-1].start:sent.end]
    return out


def _kind_fits(have: str | None, want: str | None) -> bool:
    if have is None or want is None:
        return True
    if want in ("tv_series", "tv_special"):
        return have in ("tv_series", "tv_special")
    if want == "film":
        return have in ("film", "documentary", "short")
    return have == want
