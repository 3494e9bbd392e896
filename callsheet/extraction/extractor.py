"""The fact extractor: a spaCy component that turns a parsed article into
entities and facts (FORMAT.md), and the `Extractor` that feeds it articles.

The rules run in a fixed order because later ones read what earlier ones
made: attribution first, then links (which create untitled projects that
"the sequel" refers to), credits, production facts, then people's facts, and
last the statuses that depend on the whole article.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from callsheet.extraction import credits, links, people, production, status
from callsheet.extraction.context import Context, WorkMention
from callsheet.extraction.pieces import PIECE_CHARS, extract_in_pieces
from callsheet.extraction.vocabulary import vocabulary
from callsheet.language import load_pipeline
from callsheet.schema import CREDIT_PREDICATES, Article, Extraction

if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)
if not Doc.has_extension("extraction"):
    Doc.set_extension("extraction", default=None)

FACTS_COMPONENT = "callsheet_facts"
UPGRADE_ROLES = {"producer", "showrunner"}


def _register_mentions(ctx: Context) -> None:
    """Makes the article's named entities, longest titles first so that a
    short form ("Kisna") joins its full title ("Kisna - the Warrior Poet")."""
    spans = sorted(ctx.doc.ents, key=lambda s: (s.label_ != "WORK", -len(s.text), s.start))
    for span in spans:
        if span.label_ in ("AWARD",):
            continue
        ctx.span_entity(span)
    for span in ctx.doc.ents:
        if span.label_ == "WORK":
            work = ctx.span_entity(span)
            if work:
                ctx.work_mentions.append(WorkMention(span.start, work, topical=not _descriptive(ctx, span)))


def _descriptive(ctx: Context, span) -> bool:
    """A title that only describes a person ("Friends actress Lisa Kudrow")."""
    doc = ctx.doc
    j = span.end
    while j < len(doc) and doc[j].text in ("'", "’", "'s", "’s", "head", "lead", "executive"):
        j += 1
    return j < len(doc) and (doc[j].lower_ in ctx.vocab.role_nouns)


def _released_works(ctx: Context) -> set[str]:
    """Works the article shows to be out already: named in a sentence about
    their box office, reviews or run."""
    out = set()
    for mention in ctx.work_mentions:
        sent = ctx.doc[mention.index].sent
        text = sent.text.lower().replace("\n", " ")
        if any(cue in text for cue in ctx.vocab.released):
            out.add(mention.work)
    return out


def _settle_statuses(ctx: Context) -> None:
    speakers = status.speakers(ctx)
    released = _released_works(ctx)
    producers: dict[str, set[str]] = {}
    for fact in ctx.facts:
        if fact.predicate in UPGRADE_ROLES:
            producers.setdefault(fact.object, set()).add(fact.subject)
    for fact in ctx.facts:
        if fact.predicate not in CREDIT_PREDICATES:
            continue
        work = ctx.entities.get(fact.object)
        if fact.status == "credited" and work is not None and work.name is None:
            fact.status = "attached"
        if fact.status == "attached" and fact.object in released:
            fact.status = "credited"
            continue
        if fact.status != "attached":
            continue
        sent = ctx.fact_sent.get(id(fact))
        if sent is None or status.hedged(sent):
            continue
        if status.official(sent) or fact.subject in speakers or \
                producers.get(fact.object, set()) & speakers - {fact.subject}:
            fact.status = "confirmed"


def _prune(ctx: Context) -> None:
    """Awards are kept only where won; a fact never points at nothing."""
    used = {f.subject for f in ctx.facts} | {f.object for f in ctx.facts if f.object}
    for ent_id in list(ctx.entities):
        ent = ctx.entities[ent_id]
        if ent.type == "award" and ent_id not in used:
            del ctx.entities[ent_id]
        elif ent.type == "work" and ent.kind is None:
            ent.kind = "film"


def extract_doc(doc: Doc, article: Article) -> Extraction:
    ctx = Context(doc, article, vocabulary())
    credits.mark_characters(ctx)
    _register_mentions(ctx)
    people.find_attributions(ctx)
    links.find_links(ctx)
    credits.find_credits(ctx)
    production.find_companies(ctx)
    production.find_places(ctx)
    production.find_dates(ctx)
    people.find_awards(ctx)
    people.find_quotes(ctx)
    _settle_statuses(ctx)
    _prune(ctx)
    return ctx.result()


class FactExtractor:
    """spaCy component: reads `doc._.article`, writes `doc._.extraction`."""

    def __init__(self, nlp: Language, name: str = FACTS_COMPONENT):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article or Article(id="doc", text=doc.text)
        doc._.extraction = extract_doc(doc, article)
        return doc


@Language.factory(FACTS_COMPONENT)
def make_fact_extractor(nlp: Language, name: str) -> FactExtractor:
    return FactExtractor(nlp, name)


class Extractor:
    """Articles in, `Extraction`s out, in batches through one spaCy pipeline."""

    def __init__(self, nlp: Language | None = None, pipeline: str | None = None):
        self.nlp = nlp or load_pipeline(pipeline)
        if FACTS_COMPONENT not in self.nlp.pipe_names:
            self.nlp.add_pipe(FACTS_COMPONENT, last=True)

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.body)
        doc._.article = article
        return doc

    def extract(self, article: Article) -> Extraction:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Extraction]:
        """One extraction per article, in order; a long article in bounded pieces (`pieces`)."""
        return extract_in_pieces(self._pipe, articles, batch_size=batch_size,
                                 limit=min(PIECE_CHARS, self.nlp.max_length))

    def _pipe(self, articles: Iterable[Article], batch_size: int) -> Iterator[Extraction]:
        docs = (self._doc(a) for a in articles)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield doc._.extraction
