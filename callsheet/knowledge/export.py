"""Exports: every card as JSON Lines, every assertion as CSV rows, or the
whole graph as schema.org JSON-LD with status and evidence kept under a
`callsheet:` extension.

In JSON-LD a fact becomes a schema.org property of its work only when it
holds as schema.org means it: a credit that is attached, confirmed or
credited (a rumoured actor, a director in talks, a producer who exited is
no `actor`, `director`, `producer`), a filming location that is settled,
and a release date once the work is out (a planned release month is no
`datePublished`). Every fact, whatever its status, is kept with its status
and evidence under `callsheet:statements`."""
from __future__ import annotations

import csv
import json
from typing import TextIO

from sqlalchemy import select

from callsheet.knowledge.cards import Reader, card
from callsheet.knowledge.store import KnowledgeBase, report_order
from callsheet.knowledge.tables import assertions, documents, entities, statements

SCHEMA_TYPES = {"person": "Person", "company": "Organization", "outlet": "Organization", "place": "Place",
                "award": "Thing", "event": "Event"}
WORK_TYPES = {"tv_series": "TVSeries", "tv_special": "TVEpisode", "book": "Book", "play": "CreativeWork",
              "song": "MusicRecording", "album": "MusicAlbum", "video_game": "VideoGame"}
SCHEMA_PROPERTIES = {"cast": "actor", "director": "director", "writer": "author", "producer": "producer",
                     "executive_producer": "producer", "composer": "musicBy", "creator": "creator",
                     "studio": "productionCompany", "network": "publisher", "distributor": "publisher",
                     "sequel_of": "sequelTo", "prequel_of": "callsheet:prequelOf", "remake_of": "isBasedOn",
                     "adaptation_of": "isBasedOn", "spinoff_of": "isBasedOn",
                     "filming_location": "locationCreated", "release_date": "datePublished"}
FIRM = {"attached", "confirmed", "credited", None}  # statuses under which a fact is a schema.org property
FORMATS = ("jsonl", "csv", "jsonld")


def _entity_ids(kb: KnowledgeBase, types=("work", "person", "company")) -> list[int]:
    with kb.engine.connect() as conn:
        return [r.id for r in conn.execute(select(entities.c.id).where(entities.c.type.in_(types))
                                           .order_by(entities.c.id))]


def export(kb: KnowledgeBase, fmt: str, out: TextIO) -> int:
    if fmt == "jsonl":
        ids = _entity_ids(kb)
        for ent_id in ids:
            out.write(json.dumps(card(kb, ent_id), ensure_ascii=False, sort_keys=True) + "\n")
        return len(ids)
    if fmt == "csv":
        return _csv(kb, out)
    if fmt == "jsonld":
        graph = _jsonld(kb)
        json.dump(graph, out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write("\n")
        return len(graph["@graph"])
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _csv(kb: KnowledgeBase, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(["subject", "predicate", "object", "value", "status", "character", "published",
                     "doc", "attribution", "evidence", "date_inferred"])
    n = 0
    with kb.engine.connect() as conn:
        rows = conn.execute(
            select(statements.c.subject_id, statements.c.predicate, statements.c.object_id, statements.c.value,
                   assertions.c.status, assertions.c.character, assertions.c.published, documents.c.doc_key,
                   assertions.c.attribution, assertions.c.evidence, documents.c.date_inferred)
            .join(assertions, assertions.c.statement_id == statements.c.id)
            .join(documents, documents.c.id == assertions.c.document_id)
            .order_by(statements.c.id, assertions.c.id)).all()
        reader = Reader(conn)
        reader.load([r.subject_id for r in rows] + [r.object_id for r in rows])
        for r in rows:
            writer.writerow([reader.display(r.subject_id), r.predicate,
                             reader.display(r.object_id) if r.object_id else "", r.value or "",
                             r.status or "", r.character or "", r.published or "", r.doc_key,
                             r.attribution or "", r.evidence, "yes" if r.date_inferred else ""])
            n += 1
    return n


def _node_id(ent_id: int) -> str:
    return f"callsheet:entity/{ent_id}"


def _schema_property(predicate: str, status: str | None, stage: str | None) -> str | None:
    """The property a fact of this status is on its work, or None when it
    holds only under `callsheet:statements` (see the module's docstring)."""
    if status not in FIRM or (predicate == "release_date" and stage != "released"):
        return None
    return SCHEMA_PROPERTIES.get(predicate, f"callsheet:{predicate}")


def _jsonld(kb: KnowledgeBase) -> dict:
    graph = []
    with kb.engine.connect() as conn:
        reader = Reader(conn)
        for ent in conn.execute(select(entities).order_by(entities.c.id)).all():
            type_ = WORK_TYPES.get(ent.kind, "Movie") if ent.type == "work" else SCHEMA_TYPES.get(ent.type, "Thing")
            node = {"@id": _node_id(ent.id), "@type": type_, "name": reader.display(ent.id)}
            if ent.year:
                node["dateCreated"] = str(ent.year)
            graph.append(node)
        nodes = {n["@id"]: n for n in graph}
        for st in conn.execute(select(statements).order_by(statements.c.id)).all():
            history = sorted(conn.execute(select(assertions, documents.c.doc_key, documents.c.date_inferred,
                                                 documents.c.ingested_seq)
                                          .join(documents, documents.c.id == assertions.c.document_id)
                                          .where(assertions.c.statement_id == st.id)).all(),
                             key=lambda h: report_order(h.published, h.ingested_seq, h.id))
            if not history:
                continue
            credit_like = st.object_id is not None and reader.row(st.object_id).type == "work" \
                and reader.row(st.subject_id).type == "person"
            work, other = (st.object_id, st.subject_id) if credit_like else (st.subject_id, st.object_id)
            status = history[-1].status
            claim = {"@id": _node_id(other)} if other else st.value
            entry = {"callsheet:value": claim, "callsheet:predicate": st.predicate, "callsheet:status": status,
                     "callsheet:evidence": [{"callsheet:quote": h.evidence, "callsheet:doc": h.doc_key,
                                             "callsheet:published": h.published,
                                             "callsheet:dateInferred": bool(h.date_inferred),
                                             "callsheet:attribution": h.attribution} for h in history]}
            node = nodes[_node_id(work)]
            prop = _schema_property(st.predicate, status, reader.row(work).stage)
            if prop is not None:
                node.setdefault(prop, []).append(claim)
            node.setdefault("callsheet:statements", []).append(entry)
    return {"@context": {"@vocab": "https://schema.org/", "callsheet": "https://callsheet.invalid/ns#"},
            "@graph": graph}
