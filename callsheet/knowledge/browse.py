"""Lists over the knowledge base for the API and the pages: projects by
stage, studio, kind or name (paginated), and the feed of changes (every new
fact and every status change, in the order callsheet learned them)."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timezone

from sqlalchemy import and_, func, select

from callsheet.knowledge.cards import Reader, chunks, named
from callsheet.knowledge.names import normalise
from callsheet.knowledge.stages import STAGES
from callsheet.knowledge.store import KnowledgeBase
from callsheet.knowledge.tables import assertions, documents, entities, statements

COMPANY_PREDICATES = ("studio", "network", "distributor", "streaming_on")
MAX_PER_PAGE = 100


def utc_iso(moment: datetime) -> str:
    """The form `documents.ingested_at` is stored in, so that strings compare as times."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def list_projects(kb: KnowledgeBase, *, q: str | None = None, stage: str | None = None,
                  studio: str | None = None, kind: str | None = None, page: int = 1, per_page: int = 25) -> dict:
    """Projects, most recently changed first."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    with kb.engine.connect() as conn:
        cond = entities.c.type == "work"
        if stage:
            cond &= entities.c.stage == stage
        if kind:
            cond &= entities.c.kind == kind
        if q and normalise(q):
            cond &= entities.c.norm.like(f"%{normalise(q)}%")
        if studio:
            companies = sorted(named(conn, "company", studio))
            cond &= entities.c.id.in_(select(statements.c.subject_id).where(
                statements.c.predicate.in_(COMPANY_PREDICATES) & statements.c.object_id.in_(companies)))
        total = conn.execute(select(func.count()).select_from(entities).where(cond)).scalar()
        ids = [r.id for r in conn.execute(
            select(entities.c.id).where(cond).order_by(entities.c.updated_seq.desc(), entities.c.id.desc())
            .limit(per_page).offset((max(page, 1) - 1) * per_page))]
        items = _summaries(Reader(conn), ids)
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "pages": max(1, math.ceil(total / per_page))}


def _summaries(reader: Reader, ids: list[int]) -> list[dict]:
    reader.load(ids)
    reader.load_links(ids)
    companies: dict[int, list[dict]] = defaultdict(list)
    if ids:
        rows = reader.conn.execute(select(statements.c.subject_id, statements.c.predicate, statements.c.object_id)
                                   .where(statements.c.subject_id.in_(ids)
                                          & statements.c.predicate.in_(COMPANY_PREDICATES))
                                   .order_by(statements.c.id)).all()
        reader.load(r.object_id for r in rows)
        for r in rows:
            companies[r.subject_id].append({"predicate": r.predicate, "id": r.object_id,
                                            "name": reader.display(r.object_id)})
    out = []
    for ent_id in ids:
        row = reader.rows[ent_id]
        out.append({**reader.work_ref(ent_id), "stage": row.stage, "companies": companies.get(ent_id, [])})
    return out


def projects_by_stage(kb: KnowledgeBase, per_stage: int = 6) -> dict[str, dict]:
    """For the home page: per stage, how many projects and the latest changed."""
    out = {}
    with kb.engine.connect() as conn:
        reader = Reader(conn)
        counts = dict(conn.execute(select(entities.c.stage, func.count()).where(entities.c.type == "work")
                                   .group_by(entities.c.stage)).all())
        for stage in STAGES:
            ids = [r.id for r in conn.execute(select(entities.c.id).where(
                (entities.c.type == "work") & (entities.c.stage == stage))
                .order_by(entities.c.updated_seq.desc(), entities.c.id.desc()).limit(per_stage))]
            out[stage] = {"count": counts.get(stage, 0), "projects": _summaries(reader, ids)}
    return out


def changes(kb: KnowledgeBase, *, since: datetime | None = None, entity: int | None = None,
            entities: Sequence[int] = (), limit: int = 50) -> list[dict]:
    """New facts and status changes, newest first. An assertion is a change when
    its statement had no assertion before it, or a different status.

    `entity` (or several `entities`) keeps the changes to statements about
    it (about all of them: a person and a project give that person's
    credits on that project; three entities, no statement)."""
    limit = max(1, min(limit, 500))
    followed = sorted({*entities, *([entity] if entity is not None else [])})
    out: list[dict] = []
    if len(followed) > 2:
        return out
    with kb.engine.connect() as conn:
        reader = Reader(conn)
        for rows in _newest_assertions(conn, since, followed, batch=max(limit, 50)):
            for change in describe_changes(conn, reader, rows):
                out.append(change)
                if len(out) == limit:
                    return out
    return out


def assertion_rows():
    """The query behind a change: an assertion with its document and statement."""
    return (select(assertions.c.id, assertions.c.statement_id, assertions.c.status, assertions.c.evidence,
                   assertions.c.published, assertions.c.attribution, assertions.c.character,
                   documents.c.doc_key, documents.c.source, documents.c.ingested_at, documents.c.ingested_seq,
                   documents.c.date_inferred,
                   statements.c.subject_id, statements.c.predicate, statements.c.object_id, statements.c.value)
            .join(documents, documents.c.id == assertions.c.document_id)
            .join(statements, statements.c.id == assertions.c.statement_id))


def describe_changes(conn, reader: Reader, rows) -> list[dict]:
    """The rows of `assertion_rows` that are changes (a fact first seen, or
    its status changing from what earlier-ingested articles said), in the
    shape of /api/v1/changes, in the order given."""
    earlier = _earlier_statuses(conn, rows)
    reader.load([r.subject_id for r in rows] + [r.object_id for r in rows])
    out = []
    for r in rows:
        before = earlier.get(r.id, ())
        if before and before[-1] == r.status:
            continue
        out.append({"id": r.id, "change": "status" if before else "new",
                    "previous": before[-1] if before else None, "status": r.status,
                    "predicate": r.predicate, "subject": reader.display(r.subject_id),
                    "subject_id": r.subject_id, "subject_type": reader.rows[r.subject_id].type,
                    "object": reader.display(r.object_id) if r.object_id else None,
                    "object_id": r.object_id,
                    "object_type": reader.rows[r.object_id].type if r.object_id else None,
                    "value": r.value, "character": r.character, "evidence": r.evidence,
                    "published": r.published, "date_inferred": bool(r.date_inferred),
                    "attribution": r.attribution, "doc": r.doc_key,
                    "source": r.source, "ingested_at": r.ingested_at})
    return out


def _newest_assertions(conn, since: datetime | None, followed: list[int], batch: int):
    """Assertions newest-ingested first, in batches. Walks the documents by
    their ingestion index (or the followed entities' statements), never
    sorting every assertion in the KB."""
    query = assertion_rows()
    newest_first = (lambda r: (r.ingested_seq, r.id))
    if followed:
        about = [(statements.c.subject_id == e) | (statements.c.object_id == e) for e in followed]
        ids = [r.id for r in conn.execute(select(statements.c.id).where(and_(*about)))]
        rows = []
        for chunk in chunks(ids):
            part = query.where(assertions.c.statement_id.in_(chunk))
            if since is not None:
                part = part.where(documents.c.ingested_at >= utc_iso(since))
            rows += conn.execute(part).all()
        rows.sort(key=newest_first, reverse=True)
        for start in range(0, len(rows), batch):
            yield rows[start:start + batch]
        return
    below = None
    while True:
        docs = select(documents.c.id, documents.c.ingested_seq).order_by(documents.c.ingested_seq.desc()).limit(batch)
        if below is not None:
            docs = docs.where(documents.c.ingested_seq < below)
        if since is not None:
            docs = docs.where(documents.c.ingested_at >= utc_iso(since))
        found = conn.execute(docs).all()
        if not found:
            return
        below = found[-1].ingested_seq
        rows = conn.execute(query.where(assertions.c.document_id.in_([d.id for d in found]))).all()
        yield sorted(rows, key=newest_first, reverse=True)


def _earlier_statuses(conn, rows) -> dict[int, tuple]:
    """For each assertion, the statuses its statement had from earlier-ingested assertions."""
    by_statement: dict[int, list] = defaultdict(list)
    for chunk in chunks(r.statement_id for r in rows):
        for a in conn.execute(select(assertions.c.id, assertions.c.statement_id, assertions.c.status,
                                     documents.c.ingested_seq)
                              .join(documents, documents.c.id == assertions.c.document_id)
                              .where(assertions.c.statement_id.in_(chunk))):
            by_statement[a.statement_id].append(a)
    for history in by_statement.values():
        history.sort(key=lambda a: (a.ingested_seq, a.id))
    return {r.id: tuple(a.status for a in by_statement[r.statement_id]
                        if (a.ingested_seq, a.id) < (r.ingested_seq, r.id)) for r in rows}
