"""The extraction stage's tables (data/*.tsv), loaded once into lookups."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from callsheet.language.entity_repairs import kind_nouns
from callsheet.schema import CREDIT_PREDICATES, WORK_KINDS
from callsheet.tables import load_table

PACKAGE = "callsheet.extraction"


@dataclass(frozen=True)
class StatusPhrase:
    words: tuple[str, ...]
    by_lemma: bool
    status: str
    rank: int
    decides: str = ""  # who the phrase decides the status of outright (DECIDES; credit_statements.deciding_status)

    @property
    def name(self) -> str:
        """The phrase as features name it: "in_final_talks"."""
        return "_".join(self.words)


# statuses.tsv's `decides`: "route", the person whose verb leads through the
# phrase to the role verb ("is in talks to star"); "subject", the person who
# does it to the work ("has dropped out of Y"); "object", the person it is
# done to ("replacing Lena Marsh"); empty, the status model weighs it.
DECIDES = ("", "route", "subject", "object")


# the forms of date_words.tsv: how a word joins a date to a work
DATE_FORMS = ("verb", "noun", "start", "move")
# what company_verbs.tsv may say a company is to a work
COMPANY_SENSES = ("studio", "network", "distributor", "acquisition")


@dataclass(frozen=True)
class Vocabulary:
    role_verbs: dict[str, str]
    role_nouns: dict[str, str]
    role_agents: dict[str, str]
    appearances: dict[str, str]
    role_objects: dict[str, dict[str, str]]  # verb lemma → object lemma → predicate
    statuses: tuple[StatusPhrase, ...]
    links: dict[str, tuple[str, str]]
    anaphors: dict[str, tuple[str, str]]
    company_cues: tuple[tuple[tuple[str, ...], str], ...]
    work_nouns: frozenset[str]
    released: tuple[str, ...]
    fact_cues: dict[str, tuple[str, ...]]
    deciding: dict[str, str]  # phrase name → whose status it decides (DECIDES), for the phrases that decide
    stated_links: frozenset[str]  # link nouns whose own phrase settles the link (links.tsv `decides`)
    adaptations: dict[str, frozenset[str]]  # verb lemma → the prepositions that make it adapt (adaptations.tsv)
    stating: frozenset[str]  # verb and agent lemmas that state a credit outright (roles.tsv `states`)
    company_verbs: dict[str, str]  # verb lemma ("pick up" with its particle) → what its company is to the work
    company_nouns: dict[str, str]  # noun lemma ("order", "rights") → the same, for the company's verb it is object of
    date_words: dict[str, dict[str, str]]  # form (verb, noun, start, move) → lemma → the date it says (date_words.tsv)
    owner_roles: dict[str, str]  # work kind → the credit "Name's Title" gives one the article names no role of
    owner_kinds: dict[str, str]  # word of the sentence → the kind of an owned title of no stated kind
    source_nouns: dict[str, str]  # noun lemma → the kind of the work adapted it names ("novel": book)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    verbs, nouns, agents, appearances, objects = {}, {}, {}, {}, {}
    stating = set()
    for word, form, predicate, states in load_table(PACKAGE, "roles.tsv"):
        if states not in ("", "yes") or states and form not in ("verb", "agent"):
            raise ValueError(f"roles.tsv: '{word}' ({form}) has states '{states}'; "
                             "use 'yes' on a verb or agent row, or leave it empty")
        if states:
            stating.add(word.lower())
        if form == "object":
            verb, obj = word.lower().split()
            objects.setdefault(verb, {})[obj] = predicate
            continue
        {"verb": verbs, "noun": nouns, "agent": agents, "appearance": appearances}[form][word.lower()] = predicate
    statuses = []
    for phrase, match, status, rank, decides in load_table(PACKAGE, "statuses.tsv"):
        if decides not in DECIDES:
            raise ValueError(f"statuses.tsv: '{phrase}' has decides '{decides}'; "
                             f"use one of {', '.join(repr(d) for d in DECIDES)}")
        statuses.append(StatusPhrase(tuple(phrase.lower().split()), match == "lemma", status, int(rank), decides))
    statuses.sort(key=lambda s: -s.rank)
    links, stated_links = {}, set()
    for noun, predicate, kind, decides in load_table(PACKAGE, "links.tsv"):
        if decides not in ("", "yes"):
            raise ValueError(f"links.tsv: '{noun}' has decides '{decides}'; use 'yes' or leave it empty")
        links[noun] = (predicate, kind)
        if decides:
            stated_links.add(noun)
    adaptations: dict[str, frozenset[str]] = {}
    for verb, preposition in load_table(PACKAGE, "adaptations.tsv"):
        adaptations[verb] = adaptations.get(verb, frozenset()) | {preposition}
    anaphors = {noun: (refers, kind) for noun, refers, kind in load_table(PACKAGE, "anaphors.tsv")}
    company_cues = tuple((tuple(phrase.split()), predicate)
                         for phrase, predicate in load_table(PACKAGE, "company_cues.tsv"))
    work_nouns = frozenset(anaphors) | kind_nouns()
    released = tuple(phrase for (phrase,) in load_table(PACKAGE, "released.tsv"))
    fact_cues: dict[str, tuple[str, ...]] = {}
    for word, predicate in load_table(PACKAGE, "fact_cues.tsv"):
        fact_cues[word] = fact_cues.get(word, ()) + (predicate,)
    deciding = {phrase.name: phrase.decides for phrase in statuses if phrase.decides}
    company_words: dict[str, dict[str, str]] = {"verb": {}, "noun": {}}
    for word, form, predicate in load_table(PACKAGE, "company_verbs.tsv"):
        if form not in company_words or predicate not in COMPANY_SENSES:
            raise ValueError(f"company_verbs.tsv: '{word}' has form '{form}' and predicate '{predicate}'; "
                             f"use verb or noun, and one of {', '.join(COMPANY_SENSES)}")
        company_words[form][word.lower()] = predicate
    date_words: dict[str, dict[str, str]] = {form: {} for form in DATE_FORMS}
    for word, form, predicate in load_table(PACKAGE, "date_words.tsv"):
        if form not in DATE_FORMS or predicate not in ("", "release_date", "filming_start") \
                or bool(predicate) == (form == "start"):
            raise ValueError(f"date_words.tsv: '{word}' has form '{form}' and predicate '{predicate}'; use one of "
                             f"{', '.join(DATE_FORMS)}, with release_date or filming_start (none for start)")
        date_words[form][word.lower()] = predicate
    owner_roles: dict[str, str] = {}
    for kind, predicate in load_table(PACKAGE, "owner_roles.tsv"):
        if kind not in WORK_KINDS or predicate not in CREDIT_PREDICATES:
            raise ValueError(f"owner_roles.tsv: '{kind}' has predicate '{predicate}'; use a work kind of "
                             f"FORMAT.md ({', '.join(WORK_KINDS)}) and a credit predicate")
        owner_roles[kind] = predicate
    return Vocabulary(verbs, nouns, agents, appearances, objects, tuple(statuses), links, anaphors, company_cues,
                      work_nouns, released, fact_cues, deciding, frozenset(stated_links),
                      adaptations, frozenset(stating), company_words["verb"], company_words["noun"], date_words,
                      owner_roles, _kinds("owner_kind_words.tsv"), _kinds("source_nouns.tsv"))


def _kinds(table: str) -> dict[str, str]:
    """A table of words and the work kind each names (lower-cased word →
    kind). Raises `ValueError` for a kind FORMAT.md does not have."""
    kinds: dict[str, str] = {}
    for word, kind in load_table(PACKAGE, table):
        if kind not in WORK_KINDS:
            raise ValueError(f"{table}: '{word}' has kind '{kind}'; use a work kind of "
                             f"FORMAT.md ({', '.join(WORK_KINDS)})")
        kinds[word.lower()] = kind
    return kinds
