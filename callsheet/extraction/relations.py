"""The `callsheet_relations` component: candidate facts between mentions,
decided by learned linear models, turned into the article's `Extraction`.

Every candidate is a (subject mention, object mention) pair in one sentence
of one family below. A family's model gives each of its predicates a
probability; a fact is taken when the highest probability over the
sentences that state it reaches the family's threshold, and that
probability is the fact's `confidence` (until `eval --cv K --save` has
fitted the end-to-end recalibration of `confidence.py`, which then gives
it). The status of a credit (and of a filming place or date) comes from a
second model over status features.

Work-to-work links go first, because they make the untitled works ("a
sequel to X") that credits and companies then attach to; the rules that
stay rules (dates, attribution, the project in focus, anaphors) are in
`mentions.py`, `context.py` and `attribution.py`.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from callsheet.extraction import attribution
from callsheet.extraction.characters import link_characters
from callsheet.extraction.attribute_statements import DECIDED_ATTRIBUTE, company_statement, date_statement
from callsheet.extraction.confidence import FactConfidence, recalibrate
from callsheet.extraction.context import Context, Mention
from callsheet.extraction.credit_statements import (DECIDED_CREDIT, DECIDED_LINK, credits_the_source, deciding_credit,
                                                    deciding_link, deciding_status, denied, describes_another)
from callsheet.extraction.features import in_fragment, pair_features, status_features
from callsheet.extraction.linear import Features, LinearModel
from callsheet.extraction.source_statements import add_source_credits
from callsheet.extraction.mentions import (KIND_NOUNS, SEQUEL_MODIFIERS, add_implicit_works, copula_subjects,
                                          find_mentions, find_work_anaphors)
from callsheet.extraction.vocabulary import vocabulary
from callsheet.schema import CREDIT_PREDICATES, LINK_PREDICATES, STATUSES, Article, Extraction

COMPONENT = "callsheet_relations"

if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)
if not Doc.has_extension("extraction"):
    Doc.set_extension("extraction", default=None)


@dataclass(frozen=True)
class Family:
    """A kind of candidate fact: subject and object mention labels and the
    predicates its model decides between."""
    name: str
    subject: str
    object: str
    predicates: tuple[str, ...]
    has_status: bool = False


FAMILIES = {f.name: f for f in (
    Family("untitled", "WORK", "WORK", LINK_PREDICATES),
    Family("link", "WORK", "WORK", LINK_PREDICATES),
    Family("credit", "PERSON", "WORK", CREDIT_PREDICATES, has_status=True),
    Family("company", "WORK", "COMPANY", ("studio", "network", "distributor", "streaming_on")),
    Family("place", "WORK", "PLACE", ("filming_location",), has_status=True),
    Family("date", "WORK", "DATE", ("filming_start", "release_date"), has_status=True),
    Family("award", "PERSON", "AWARD", ("award",)),
    Family("quote", "PERSON", "OUTLET", ("quoted_in",)),
)}
DEFAULT_THRESHOLD = 0.5
CONFIDENCE_FILE = "confidence.npz"


@dataclass
class Candidate:
    """One candidate pair with its features."""
    family: Family
    subject: Mention
    object: Mention
    features: Features
    probabilities: dict[str, float] = field(default_factory=dict)


def candidates(ctx: Context, family: Family) -> list[Candidate]:
    """Every (subject, object) pair of the family's labels in one sentence."""
    out = []
    for n in range(len(ctx.sents)):
        mentions = ctx.in_sentence(n)
        subjects = [m for m in mentions if m.label == family.subject]
        objects = [m for m in mentions if m.label == family.object]
        for s in subjects:
            for o in objects:
                if s.entity is not None and s.entity == o.entity:
                    continue
                if not _fits(family, s, o):
                    continue
                if o.label == "WORK" and in_fragment(ctx, s) is not None and ctx.descriptive(o):
                    continue  # "As well as C": C shares the clause's credit, not A's descriptor
                if family.name == "credit" and describes_another(ctx, s, o):
                    continue  # "Friends actress A and Rae star B": Friends is A's, not B's
                if family.name == "credit" and credits_the_source(ctx, s, o):
                    continue  # "A will produce a sequel to X": the sequel's credit, not X's
                out.append(Candidate(family, s, o, pair_features(ctx, s, o)))
    return out


def _fits(family: Family, s: Mention, o: Mention) -> bool:
    if family.name == "untitled":
        return s.how == "untitled" and s.entity is None and o.entity is not None and o.how != "untitled"
    if s.entity is None:
        return False
    if family.name == "link":  # a link's source is a named work; a credit may name an untitled one
        return o.how not in ("implicit", "untitled") and s.entity != o.entity
    if "WORK" in (family.subject, family.object):
        return True
    return s.how != "implicit" and o.how != "implicit"


class RelationModels:
    """The learned part: one `LinearModel` per family, the status model, the
    thresholds, and (once `callsheet eval --cv K --save` has fitted it) the
    fact-confidence model of `confidence.py`. Stored as `<family>.npz` files,
    `status.npz`, `confidence.npz` and `thresholds.json`."""

    def __init__(self, families: dict[str, LinearModel] | None = None,
                 status: LinearModel | None = None, thresholds: dict[str, float] | None = None,
                 confidence: FactConfidence | None = None):
        self.families = families or {}
        self.status = status
        self.thresholds = thresholds or {}
        self.confidence = confidence

    def threshold(self, family: str) -> float:
        return self.thresholds.get(family, DEFAULT_THRESHOLD)

    def score(self, found: list[Candidate]) -> None:
        """Fills each candidate's `probabilities` from its family's model."""
        if not found:
            return
        model = self.families.get(found[0].family.name)
        if model is None:
            return
        probs = model.predict_proba([c.features for c in found])
        for cand, row in zip(found, probs):
            cand.probabilities = dict(zip(model.labels, map(float, row)))

    def to_disk(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        for name, model in self.families.items():
            (path / f"{name}.npz").write_bytes(model.to_bytes())
        if self.status is not None:
            (path / "status.npz").write_bytes(self.status.to_bytes())
        confidence = path / CONFIDENCE_FILE
        if self.confidence is not None:
            confidence.write_bytes(self.confidence.to_bytes())
        elif confidence.exists():
            confidence.unlink()  # fitted on the cross-validation of models this one replaces
        srsly.write_json(path / "thresholds.json", self.thresholds)

    @classmethod
    def from_disk(cls, path: Path) -> "RelationModels":
        families = {name: _read_model(path / f"{name}.npz")
                    for name in FAMILIES if (path / f"{name}.npz").exists()}
        status = _read_model(path / "status.npz") if (path / "status.npz").exists() else None
        thresholds = srsly.read_json(path / "thresholds.json") if (path / "thresholds.json").exists() else {}
        confidence = _read_model(path / CONFIDENCE_FILE, FactConfidence.from_bytes) \
            if (path / CONFIDENCE_FILE).exists() else None
        return cls(families, status, thresholds, confidence)


def _read_model(path: Path, read=LinearModel.from_bytes):
    """One stored model (a `LinearModel`, or what `read` makes of the
    file's bytes). Raises `ValueError` naming the file when it is not one
    (truncated, overwritten, not an .npz at all)."""
    try:
        return read(path.read_bytes())
    except (ValueError, KeyError, TypeError, EOFError, OSError, zipfile.BadZipFile, zlib.error) as exc:
        raise ValueError(f"{path}: not a callsheet model file ({exc})") from exc


def prepare(doc: Doc, article: Article) -> Context:
    """The article's mentions and attributions, before any model runs."""
    ctx = Context(doc, article, vocabulary())
    find_mentions(ctx)
    attribution.find_attributions(ctx)
    return ctx


def link_candidates(ctx: Context) -> list[Candidate]:
    """Candidate links that would make an untitled work ("a sequel to X")."""
    return candidates(ctx, FAMILIES["untitled"])


def apply_links(ctx: Context, accepted: Iterable[tuple[Candidate, str, float]]) -> None:
    """Untitled mentions become the untitled work of their best link, with
    that link as a fact; untitled mentions with no link are dropped."""
    best: dict[int, tuple[float, Candidate, str]] = {}
    for cand, predicate, prob in accepted:
        key = id(cand.subject)
        if key not in best or prob > best[key][0]:
            best[key] = (prob, cand, predicate)
    for prob, cand, predicate in sorted(best.values(), key=lambda b: -b[0]):
        source = cand.object.entity
        named = said_to_be(ctx, cand.subject) or (
            numbered_sequel(ctx, source) if predicate == "sequel_of" and _refers_back(ctx, cand.subject) else None)
        if named and named != source:
            cand.subject.entity, cand.subject.how = named, "anaphor"
            ctx.changed()
            ctx.add_fact(named, predicate, cand.subject.sent, obj=source, confidence=prob)
            continue
        kind = ctx.entities[source].kind if predicate == "remake_of" else _kind_of(ctx, cand.subject)
        work = ctx.untitled_work(predicate, source, kind)
        cand.subject.entity = work
        cand.subject.how = "untitled"
        ctx.changed()
        ctx.add_fact(work, predicate, cand.subject.sent, obj=source, confidence=prob)
    ctx.mentions = [m for m in ctx.mentions if m.entity is not None or m.label in ("DATE", "CHARACTER")]


NUMBERED = r":? (?:Part |Chapter )?(?:[2-9]|[1-9][0-9]+|II|III|IV|V|VI|VII|VIII|IX|X)$"


def numbered_sequel(ctx: Context, source: str) -> str | None:
    """The one work the article names as the source's numbered instalment
    ("Moana 2", "Night Ferry: Part II", "Salt Road 3"); None when there is
    none or several."""
    name = ctx.entities[source].name
    if not name:
        return None
    numbered = re.compile(re.escape(name) + NUMBERED)
    found = [e.id for e in ctx.entities.values() if e.type == "work" and e.name and numbered.match(e.name)]
    return found[0] if len(found) == 1 else None


def _refers_back(ctx: Context, mention: Mention) -> bool:
    """"the sequel to X", "Disney's X sequel", a headline's "'X' Sequel
    Scares Up Director": a link noun that is not indefinite and has no word
    of a new instalment ("a sequel", "a new sequel", "another sequel" are
    new works)."""
    tok = ctx.doc[mention.start]
    words = {c.lower_ for c in tok.children}
    return not words & ({"a", "an"} | SEQUEL_MODIFIERS)


def said_to_be(ctx: Context, mention: Mention) -> str | None:
    """"Night Ferry is the sequel to X": the named work a copula says the
    link noun is, which then takes the link itself."""
    tok = ctx.doc[mention.start]
    subjects = copula_subjects(tok)
    if not subjects or denied(ctx, tok):
        return None
    for subject in subjects:
        named = ctx.mention_at(subject.i, "WORK")
        if named is not None and named.how in ("name", "alias") and named.entity:
            return named.entity
    return None


def _kind_of(ctx: Context, mention: Mention) -> str:
    tok = ctx.doc[mention.start]
    kind = ctx.vocab.links.get(tok.lower_, (None, ""))[1] or KIND_NOUNS.get(tok.lower_)
    return kind or "film"


def complete_mentions(ctx: Context) -> None:
    """After links: anaphors, implicit mentions of the project in focus, and
    which works the article shows to be out already."""
    find_work_anaphors(ctx)
    add_implicit_works(ctx)
    ctx.released = released_works(ctx)


def released_works(ctx: Context) -> set[str]:
    """The works named in a sentence with a cue of being out already
    (`released.tsv`). Untitled works are never among them: "a sequel is in
    the making 28 years after the movie was released" speaks of the source."""
    out = set()
    for m in ctx.mentions:
        if m.label == "WORK" and m.explicit and m.entity and m.how != "untitled":
            text = ctx.sents[m.sent].text.lower().replace("\n", " ")
            if any(cue in text for cue in ctx.vocab.released):
                out.add(m.entity)
    return out


def fact_candidates(ctx: Context) -> dict[str, list[Candidate]]:
    return {name: candidates(ctx, fam) for name, fam in FAMILIES.items() if name != "untitled"}


def decide(ctx: Context, models: RelationModels, found: dict[str, list[Candidate]]) -> None:
    """Takes the facts whose best candidate reaches its family's threshold,
    best first, gives statuses and characters (`characters.py`), and prunes
    what no fact uses."""
    taken: list[tuple[Candidate, str, float]] = []
    for name, cands in found.items():
        models.score(cands)
        if name == "credit":
            stated_credits(ctx, cands)
        elif name == "company":
            stated_companies(ctx, cands)
        elif name == "date":
            stated_dates(ctx, cands)
        threshold = models.threshold(name)
        for cand in cands:
            for predicate, prob in cand.probabilities.items():
                if prob >= threshold:
                    taken.append((cand, predicate, prob))
    taken = _named_before_implicit(taken)
    taken.sort(key=lambda t: -t[2])
    decided = decided_statuses(ctx, found.get("credit", []))
    for cand, predicate, prob in taken:
        if cand.family.name == "link" and not _link_fits(ctx, cand.subject.entity, cand.object.entity, predicate):
            continue
        status = None
        if cand.family.has_status:
            status = decided.get((cand.family.name, cand.subject.sent, cand.subject.entity, cand.object.entity)) \
                or _status(ctx, models, cand)
        if cand.family.name == "date":
            ctx.add_fact(cand.subject.entity, predicate, cand.subject.sent, value=cand.object.source,
                         status=status, confidence=prob)
        else:
            ctx.add_fact(cand.subject.entity, predicate, cand.subject.sent, obj=cand.object.entity,
                         status=status, confidence=prob)
    link_characters(ctx)
    add_source_credits(ctx)
    _settle(ctx)


def stated_credits(ctx: Context, cands: list[Candidate]) -> None:
    """Raises to `DECIDED_CREDIT` the probability of each credit the
    sentence's grammar states outright (`deciding_credit`: "Vance is in
    talks to star in 'Salt Road'"). The model learns from whole articles,
    where a work named once is seldom credited, and held out it let such
    plain statements fall below its threshold. A person so credited on an
    untitled work has no credit from the same sentence on its source but
    those stated there too: "Orlov will star in the 'Midnight Harbor'
    sequel, with Adeyemi directing" casts neither in Midnight Harbor."""
    stated = set()
    for cand in cands:
        if cand.subject.entity and cand.object.entity:
            for role in deciding_credit(ctx, cand.subject, cand.object):
                cand.probabilities[role] = max(cand.probabilities.get(role, 0.0), DECIDED_CREDIT)
                stated.add((cand.subject.sent, cand.subject.entity, cand.object.entity, role))
    sources = {(sent, person, ctx.link_of[work][1]) for sent, person, work, _ in stated if work in ctx.link_of}
    for cand in cands:
        if (cand.subject.sent, cand.subject.entity, cand.object.entity) in sources:
            for role in list(cand.probabilities):
                if (cand.subject.sent, cand.subject.entity, cand.object.entity, role) not in stated:
                    cand.probabilities[role] = 0.0


def stated_companies(ctx: Context, cands: list[Candidate]) -> None:
    """Sets the probability of each company fact the sentence's grammar
    states (`company_statement`: "Lumen has acquired rights to 'Salt
    Road'") to at least `DECIDED_ATTRIBUTE`, and that pair's other predicates
    in that sentence to 0: the sentence says what the company is to the
    work."""
    for cand in cands:
        if cand.subject.entity and cand.object.entity:
            stated = company_statement(ctx, cand.subject, cand.object)
            if stated:
                cand.probabilities = {predicate: max(prob, DECIDED_ATTRIBUTE) if predicate in stated else 0.0
                                      for predicate, prob in cand.probabilities.items()}


def stated_dates(ctx: Context, cands: list[Candidate]) -> None:
    """As `stated_companies`, for the dates of a work the sentence's grammar
    states (`date_statement`: "'Salt Road' will open on June 6")."""
    for cand in cands:
        if cand.subject.entity:
            stated = date_statement(ctx, cand.subject, cand.object)
            if stated:
                cand.probabilities = {predicate: max(prob, DECIDED_ATTRIBUTE) if predicate == stated else 0.0
                                      for predicate, prob in cand.probabilities.items()}


def _link_fits(ctx: Context, work: str, source: str, predicate: str) -> bool:
    """Links never run in a circle ("A sequel of B" rules out "B sequel of
    A", and longer rounds), and an untitled work keeps the source that
    defines it for its own link. Links are taken best first, so the likelier
    one stays."""
    if work in ctx.link_of and ctx.link_of[work][0] == predicate:
        return False
    linked = [(f.subject, f.object) for f in ctx.facts.values() if f.predicate in LINK_PREDICATES]
    reached, frontier = set(), [source]
    while frontier:
        current = frontier.pop()
        if current == work:
            return False
        if current not in reached:
            reached.add(current)
            frontier += [obj for subject, obj in linked if subject == current]
    return True


def _named_before_implicit(taken: list[tuple[Candidate, str, float]]) -> list[tuple[Candidate, str, float]]:
    """A fact about the project in focus that the sentence does not name
    (an implicit mention) gives way when the same sentence gives the same
    fact about a work it names: "The film starred A" credits A on the film
    named, not also on the article's main project."""
    named = {(c.family.name, _ends(c), c.subject.sent, predicate)
             for c, predicate, _ in taken if "implicit" not in (c.subject.how, c.object.how)}
    return [(c, predicate, prob) for c, predicate, prob in taken
            if "implicit" not in (c.subject.how, c.object.how)
            or (c.family.name, _ends(c), c.subject.sent, predicate) not in named]


def _ends(cand: Candidate) -> tuple:
    """The side of the pair that is not a work (its entity, else its span);
    work-to-work links have none to share."""
    if cand.family.subject == "WORK" and cand.family.object == "WORK":
        return (id(cand.subject), id(cand.object))
    other = cand.object if cand.family.subject == "WORK" else cand.subject
    return (other.entity, other.start, other.end) if other.entity is None else (other.entity,)


# Links that make a work not out yet while it has no title: of the 78 gold
# credits on an untitled sequel, prequel or remake in the annotated corpus,
# one is `credited` (a remake's); of the 112 on untitled adaptations, spinoffs
# and unlinked works, 44 are ("the 1946 film version").
UNRELEASED_LINKS = {"sequel_of", "prequel_of", "remake_of"}


def _status(ctx: Context, models: RelationModels, cand: Candidate) -> str:
    """The status model's status for a taken fact; never `credited` for a
    credit on an untitled sequel, prequel or remake (`UNRELEASED_LINKS`),
    whatever words about the original surround it ("a follow-up to the 1997
    original"), nor on the project an article announces untitled ("the
    next film from X", `Context.untitled_project`)."""
    if models.status is None:
        return "attached"
    feats = status_rows(ctx, [cand])[0]
    probs = models.status.predict_proba([feats])[0]
    work = cand.object.entity
    if (ctx.link_of.get(work, (None,))[0] in UNRELEASED_LINKS or ctx.unkeyed_project(work)) \
            and "credited" in models.status.labels:
        probs[models.status.labels.index("credited")] = -1.0
    return models.status.labels[int(probs.argmax())]


def decided_statuses(ctx: Context, cands: list[Candidate]) -> dict[tuple, str]:
    """(family, sentence, person, work) → the status a deciding phrase of the
    trade vocabulary gives that credit (`deciding_status`), from whichever
    of the sentence's mentions of the pair it stands by: "Reddy is in talks
    to star in Salt Road, which he will also produce" keeps the talks even
    when the pronoun's candidate scores higher."""
    decided: dict[tuple, str] = {}
    for cand in cands:
        if cand.subject.entity and cand.object.entity:
            status = deciding_status(ctx, cand.subject, cand.object)
            if status:
                decided[(cand.family.name, cand.subject.sent, cand.subject.entity, cand.object.entity)] = status
    return decided


def status_rows(ctx: Context, cands: list[Candidate]) -> list[Features]:
    rows = []
    for cand in cands:
        feats = status_features(ctx, cand.subject, cand.object, ctx.sents[cand.subject.sent])
        feats[f"family={cand.family.name}"] = 1.0
        feats.update({f"pair.{name}": value for name, value in cand.features.items()
                      if name.startswith(("pat.", "s.how", "o.how", "o.implicit", "s.dep", "path.gen",
                                          "path.role", "i.s.governing_role"))})
        rows.append(feats)
    return rows


def _settle(ctx: Context) -> None:
    """Awards, outlets and events are kept only where a fact or attribution
    uses them; a work of unknown kind is a film."""
    used = {f.subject for f in ctx.facts.values()} | {f.object for f in ctx.facts.values() if f.object}
    used |= {f.attribution for f in ctx.facts.values() if f.attribution}
    doubtful = _doubtful_names(ctx)
    for ent_id in list(ctx.entities):
        ent = ctx.entities[ent_id]
        if ent.type == "award" and ent_id not in used:
            del ctx.entities[ent_id]
        elif ent_id in doubtful and ent_id not in used:
            del ctx.entities[ent_id]
        elif ent.type == "work" and ent.kind is None:
            ent.kind = "film"
        elif ent.type == "work" and ent.name is None and ent_id not in used:
            del ctx.entities[ent_id]


def _doubtful_names(ctx: Context) -> set[str]:
    """One-word people that neither the base recogniser nor coreference
    backs: mostly characters, nicknames and stray capitals ("Crookshanks",
    "Queen"). Kept only when a fact needs them."""
    base_people = {(s.start, s.end) for s in ctx.doc.spans.get("base_ents", []) if s.label_ == "PERSON"}
    out = set()
    for ent_id, ent in ctx.entities.items():
        if ent.type != "person" or not ent.name or len(ent.name.split()) > 1:
            continue
        mentions = [m for m in ctx.mentions if m.entity == ent_id and m.how in ("name", "alias")]
        if mentions and not any((m.start, m.end) in base_people for m in mentions):
            out.add(ent_id)
    return out


def accept_links(ctx: Context, models: RelationModels,
                 found: list[Candidate]) -> list[tuple[Candidate, str, float]]:
    """The links to make untitled works of: those the untitled mention's own
    phrase states (`deciding_link`, at least `DECIDED_LINK` probable; the
    model's other links for that mention are dropped), then those the model
    puts at its threshold or above."""
    models.score(found)
    threshold = models.threshold("untitled")
    decided = {id(c): deciding_link(ctx, c.subject, c.object) for c in found}
    sources: dict[int, set[str]] = {}
    for cand in found:
        if decided[id(cand)]:
            sources.setdefault(id(cand.subject), set()).add(cand.object.entity)
    stated = {mention for mention, named in sources.items() if len(named) == 1}  # two: the parse is not trusted
    accepted = []
    for cand in found:
        predicate = decided[id(cand)]
        if id(cand.subject) not in stated:
            accepted += [(cand, p, prob) for p, prob in cand.probabilities.items() if prob >= threshold]
        elif predicate:
            accepted.append((cand, predicate, max(cand.probabilities.get(predicate, 0.0), DECIDED_LINK)))
    return accepted


def extract_facts(doc: Doc, article: Article, models: RelationModels) -> Extraction:
    """The whole relation stage for one parsed article."""
    ctx = prepare(doc, article)
    apply_links(ctx, accept_links(ctx, models, link_candidates(ctx)))
    complete_mentions(ctx)
    decide(ctx, models, fact_candidates(ctx))
    extraction = ctx.result()
    if models.confidence is not None:
        recalibrate(models.confidence, extraction)
    return extraction


class RelationExtractor:
    """spaCy component: reads `doc._.article`, writes `doc._.extraction`.

    Trainable in the sense of spaCy's pipeline components (its weights are
    saved and loaded with the pipeline), but fitted by `callsheet train`
    with scikit-learn rather than by `nlp.update`.
    """

    def __init__(self, nlp: Language, name: str = COMPONENT):
        self.name = name
        self.models = RelationModels()

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article or Article(id="doc", text=doc.text)
        doc._.extraction = extract_facts(doc, article, self.models)
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self.models.to_disk(ensure_path(path))

    def from_disk(self, path, *, exclude=tuple()) -> "RelationExtractor":
        self.models = RelationModels.from_disk(ensure_path(path))
        return self


@Language.factory(COMPONENT)
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)


__all__ = ["COMPONENT", "FAMILIES", "STATUSES", "Candidate", "RelationExtractor", "RelationModels",
           "extract_facts"]
