"""The API's objects as OpenAPI schemas, so that /openapi.json says exactly
what every response holds (the test suite checks live responses against
it with schemathesis). They document; the routes still answer with the
plain dicts the knowledge base builds, the very objects `--json` prints,
so that the API and the CLI cannot drift apart. Every object forbids keys
it does not name: a new key must be added here too."""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from callsheet.knowledge.stages import STAGES
from callsheet.schema import ENTITY_TYPES, STATUSES, WORK_KINDS

Stage = Literal[STAGES]  # type: ignore[valid-type]
Status = Optional[Literal[STATUSES]]  # type: ignore[valid-type]
Kind = Optional[Literal[WORK_KINDS]]  # type: ignore[valid-type]


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorItem(Closed):
    loc: list[Union[str, int]] = Field(description="where: query, path or body, then the parameter or field")
    msg: str


class Error(Closed):
    """Every error, whatever its status: a message and the status again."""
    detail: str = Field(description="what is wrong, in a sentence")
    status: int
    errors: list[ErrorItem] = Field(default=None, description="bad parameters or fields, one by one (422 only)")


class WorkBrief(Closed):
    id: int
    name: Optional[str] = Field(description="null for a work the articles leave untitled")
    kind: Kind
    year: Optional[int]


class Link(Closed):
    predicate: str = Field(description="sequel_of, prequel_of, remake_of, spinoff_of, adaptation_of")
    work: WorkBrief


class WorkRef(WorkBrief):
    display: str = Field(description="the name, or '(untitled sequel of X)' for an untitled work")
    links: list[Link]


class LinkedWork(WorkBrief):
    display: str


class LinkFrom(Closed):
    predicate: str
    work: LinkedWork


class Report(Closed):
    """One article's statement of a fact."""
    status: Status
    published: Optional[str] = Field(description="the article's date, YYYY-MM-DD")
    date_inferred: bool = Field(description="the article gave no date: it is the day callsheet ingested it")
    doc: str = Field(description="the article's id")
    source: Optional[str] = Field(description="the outlet that published it")
    url: Optional[str] = Field(default=None, description="where the article can be read, when it came from a web page")
    story: int = Field(description="the story this article tells: syndicated copies share one")
    evidence: str = Field(description="the sentence that states the fact, verbatim")
    attribution: Optional[str] = Field(description="whom the article credits for it")


class ReportCounts(Closed):
    """How widely a fact is reported: a story and its syndicated copies count once."""
    articles: int
    stories: int
    outlets: int


class CardLink(Link):
    """A project's own link, with the articles that state it."""
    reports: ReportCounts
    history: list[Report] = Field(description="every report, oldest first")


class CardFact(Closed):
    predicate: str
    status: Status = Field(description="the latest report's status")
    character: Optional[str]
    conflict: bool = Field(description="another article gives this single-valued fact differently")
    reports: ReportCounts
    history: list[Report] = Field(description="every report, oldest first")
    value: Optional[str] = Field(default=None, description="a date or other literal")
    work: Optional[WorkRef] = None
    person: Optional[str] = None
    person_id: Optional[int] = None
    company: Optional[str] = None
    company_id: Optional[int] = None
    place: Optional[str] = Field(default=None, description="a place, outlet, award or event")
    place_id: Optional[int] = None


class Card(Closed):
    """A project's, person's or company's card (`callsheet show ... --json`)."""
    type: Literal[ENTITY_TYPES]  # type: ignore[valid-type]
    id: int
    name: Optional[str]
    display: str
    aliases: list[str]
    facts: list[CardFact]
    kind: Kind = None
    year: Optional[int] = None
    stage: Optional[Stage] = None
    links: list[CardLink] = None
    linked_from: list[LinkFrom] = None


class CompanyRef(Closed):
    predicate: str
    id: int
    name: str


class ProjectSummary(WorkRef):
    stage: Optional[Stage]
    companies: list[CompanyRef]


class ProjectList(Closed):
    items: list[ProjectSummary]
    page: int
    per_page: int
    total: int
    pages: int


class NameHit(Closed):
    match: Literal["name"]
    id: int
    type: Literal[ENTITY_TYPES]  # type: ignore[valid-type]
    name: Optional[str]
    display: str


class EvidenceHit(Closed):
    match: Literal["evidence"]
    evidence: str
    published: Optional[str]
    date_inferred: bool
    doc: str
    predicate: str
    status: Status
    subject: str
    subject_id: int
    object: Optional[str]
    object_id: Optional[int]
    value: Optional[str] = Field(description="a date or other literal the fact states")


class SearchResults(Closed):
    query: str
    results: list[Union[NameHit, EvidenceHit]]


class TimelineEvent(Closed):
    published: Optional[str]
    date_inferred: bool
    predicate: str
    what: str = Field(description="the fact's other side: a work, person, company, place or date")
    status: Status
    change: Literal["new", "status"]
    doc: str
    evidence: str
    attribution: Optional[str]


class Timeline(Closed):
    project: int
    events: list[TimelineEvent]


class Change(Closed):
    id: int
    change: Literal["new", "status"]
    previous: Status
    status: Status
    predicate: str
    subject: str
    subject_id: int
    subject_type: str
    object: Optional[str]
    object_id: Optional[int]
    object_type: Optional[str]
    value: Optional[str]
    character: Optional[str]
    evidence: str
    published: Optional[str]
    date_inferred: bool
    attribution: Optional[str]
    doc: str
    source: Optional[str]
    ingested_at: Optional[str] = Field(description="when callsheet learned it, UTC, ISO 8601")


class Changes(Closed):
    since: Optional[str]
    changes: list[Change]


class DocMeta(Closed):
    id: str
    published: Optional[str]
    title: Optional[str]
    source: Optional[str]
    url: Optional[str] = Field(default=None, description="the page's address, for an article posted as HTML")


class EntityOut(Closed):
    id: str
    type: Literal[ENTITY_TYPES]  # type: ignore[valid-type]
    name: Optional[str]
    kind: Kind = None
    year: Optional[int] = None
    aliases: list[str] = None


class FactOut(Closed):
    subject: str
    predicate: str
    object: str = None
    value: Optional[str] = None
    status: Status
    qualifiers: dict[str, Optional[str]]
    evidence: str
    attribution: Optional[str]
    confidence: float


class ExtractionOut(Closed):
    """One article in the extraction format, version 1 (FORMAT.md)."""
    format: Literal["callsheet/1"]
    doc: DocMeta
    entities: list[EntityOut]
    facts: list[FactOut]


class Written(Closed):
    outcome: Literal["added", "unchanged", "replaced"]
    facts_stored: int
    extraction: ExtractionOut


class QueueCounts(Closed):
    pending: int
    delivered: int
    failed: int = Field(description="given up after the last attempt")


class Health(Closed):
    status: Literal["ok"]
    version: str
    database: Literal["sqlite", "postgresql"]
    schema_: Optional[str] = Field(alias="schema", description="the Alembic revision the database is at")
    hooks: QueueCounts = Field(description="webhook deliveries by status")


class Followed(Closed):
    type: Literal["project", "person", "company"]
    id: int
    name: Optional[str]


class Hook(Closed):
    id: int
    url: str = Field(description="in full with the write token; else only its origin, as https://host/…")
    follows: Optional[Followed] = Field(description="null: every change")
    signed: bool = Field(description="whether a secret signs each body (the secret is never shown)")
    created_at: str
    deliveries: QueueCounts


class Hooks(Closed):
    hooks: list[Hook]


class Attempt(Closed):
    at: str
    http_status: Optional[int] = Field(description="null: no answer (refused, timed out)")
    error: Optional[str]
    duration_ms: int


class Delivery(Closed):
    id: int = Field(description="sent as X-Callsheet-Delivery")
    hook: int
    event: Literal["fact.new", "fact.status"]
    change: int = Field(description="the change's id, as in /api/v1/changes")
    status: Literal["pending", "delivered", "failed"]
    attempts: list[Attempt]
    created_at: str
    next_attempt_at: Optional[str]
    delivered_at: Optional[str]


class Deliveries(Closed):
    hook: int
    deliveries: list[Delivery]
