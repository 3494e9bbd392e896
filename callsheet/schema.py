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
    """One article as read: `text` is the whole file (or the text a web page,
    feed entry or archive record gives), verbatim after NFC normalisation, and
    `body_start` is where the article proper begins. `path` is the file it
    came from, `url` the page's address, and `record` where in a file of many
    articles (a JSON Lines dump, a feed, a WARC archive) it lies, such as
    "line 4" or "record at offset 1536"."""
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    path: str | None = None
    body_start: int = 0
    url: str | None = None
    record: str | None = None

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    @property
    def location(self) -> str | None:
        """Where the article came from, for the knowledge base: its URL, else
        its file (with its id, for one of a file's many articles), else None
        (text given alone)."""
        if self.url:
            return self.url
        if self.path:
            return f"{self.path}#{self.id}" if self.record else self.path
        return None


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

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """The format-v1 object. `doc.url` is added when the article has one;
        `with_text` adds `doc.text` and `doc.body_start` (optional keys), so
        that a batch shard can be ingested later without the articles."""
        a = self.article
        doc: dict[str, Any] = {"id": a.id, "published": a.published, "title": a.title, "source": a.source}
        if a.url:
            doc["url"] = a.url
        if with_text:
            doc["text"] = a.text
            doc["body_start"] = a.body_start
        return {
            "format": FORMAT_VERSION,
            "doc": doc,
            "entities": [e.to_dict() for e in self.entities],
            "facts": [f.to_dict() for f in self.facts],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, path: str | None = None, record: str | None = None) -> Extraction:
        """An `Extraction` from its format-v1 object (as `to_dict` writes it).
        Raises `ValueError` (or `KeyError`/`TypeError`) when the object is not
        format v1 or lacks a required key."""
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"not a {FORMAT_VERSION} object")
        doc = data["doc"]
        text = doc.get("text")
        article = Article(id=str(doc["id"]), text=text if isinstance(text, str) else "",
                          published=doc.get("published"), title=doc.get("title"), source=doc.get("source"),
                          path=path, body_start=int(doc.get("body_start") or 0), url=doc.get("url"),
                          record=record)
        entities = [Entity(id=e["id"], type=e["type"], name=e.get("name"), kind=e.get("kind"), year=e.get("year"),
                           aliases=list(e.get("aliases") or [])) for e in data["entities"]]
        facts = [Fact(subject=f["subject"], predicate=f["predicate"], evidence=f["evidence"], object=f.get("object"),
                      value=f.get("value"), status=f.get("status"),
                      character=(f.get("qualifiers") or {}).get("character"), attribution=f.get("attribution"),
                      confidence=float(f.get("confidence", 0.5))) for f in data["facts"]]
        return cls(article=article, entities=entities, facts=facts)
