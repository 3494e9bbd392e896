"""Plain data types for the extraction format, version 1 (../shared/FORMAT.md).

These are the boundary between stages: the reader produces an `Article`, the
extractor turns it into an `Extraction`, and the CLI, evaluation and later the
knowledge base only ever see these types or their JSON form.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = "callsheet/1"

ENTITY_TYPES = ("person", "work", "company", "place", "outlet", "award", "event")
WORK_KINDS = ("film", "tv_series", "tv_special", "short", "documentary", "song",
              "album", "book", "play", "video_game", "other")
CREDIT_PREDICATES = ("cast", "director", "writer", "producer", "executive_producer",
                     "showrunner", "creator", "composer", "cinematographer", "editor", "host")
LINK_PREDICATES = ("sequel_of", "prequel_of", "remake_of", "spinoff_of", "adaptation_of")
STATUSES = ("rumored", "in_talks", "attached", "confirmed", "exited", "credited")


@dataclass
class Article:
    """One article as read from disk: `text` is the whole file, verbatim after
    NFC normalisation, and `body_start` is where the article proper begins."""
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    path: str | None = None
    body_start: int = 0

    @property
    def body(self) -> str:
        return self.text[self.body_start:]


@dataclass
class Entity:
    id: str
    type: str
    name: str | None
    kind: str | None = None
    year: int | None = None
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name}
        if self.type in ("work", "event"):
            if self.type == "work":
                out["kind"] = self.kind
            out["year"] = self.year
        if self.aliases:
            out["aliases"] = list(self.aliases)
        return out


@dataclass
class Fact:
    subject: str
    predicate: str
    evidence: str
    object: str | None = None
    value: str | None = None
    status: str | None = None
    character: str | None = None
    attribution: str | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"subject": self.subject, "predicate": self.predicate}
        if self.object is not None:
            out["object"] = self.object
        else:
            out["value"] = self.value
        out["status"] = self.status
        out["qualifiers"] = {"character": self.character} if self.character else {}
        out["evidence"] = self.evidence
        out["attribution"] = self.attribution
        out["confidence"] = round(self.confidence, 2)
        return out


@dataclass
class Extraction:
    """Everything extracted from one article."""
    article: Article
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "format": FORMAT_VERSION,
            "doc": {"id": a.id, "published": a.published, "title": a.title, "source": a.source},
            "entities": [e.to_dict() for e in self.entities],
            "facts": [f.to_dict() for f in self.facts],
        }
