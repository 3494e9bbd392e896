"""Reading the knowledge base: cards for a project, person or company, a
project's timeline, full-text search, counts and exports.

A statement's *current* status is the one its latest-published assertion
gives (undated articles count as oldest, then the order of ingestion); the
history keeps every assertion. Single-valued facts of a project (director,
studio, filming location...) that different articles give differently are
flagged as conflicts, side by side, never overwritten.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, func, select, text

from callsheet.knowledge import names
from callsheet.knowledge.store import SINGLE_VALUED, AmbiguousName, KnowledgeBase, KnowledgeError
from callsheet.knowledge.tables import aliases, assertions, documents, entities, statements
from callsheet.schema import CREDIT_PREDICATES, LINK_PREDICATES

TYPES = {"project": "work", "work": "work", "person": "person", "company": "company"}


def find(kb: KnowledgeBase, kind: str, name: str) -> int:
    """The one entity of that kind the name (or an alias) means, case- and accent-blind."""
    type_ = TYPES[kind]
    norm = names.normalise(name)
    with kb.engine.connect() as conn:
        if name.isdigit():
            row = conn.execute(select(entities).where((entities.c.id == int(name)) & (entities.c.type == type_))).first()
            if row is not None:
                return row.id
        ids = {r.id for r in conn.execute(select(entities.c.id).where(
            (entities.c.type == type_) & (entities.c.norm == norm)))}
        if not ids:
            ids = {r.entity_id for r in conn.execute(
                select(aliases.c.entity_id).join(entities, entities.c.id == aliases.c.entity_id)
                .where((entities.c.type == type_) & (aliases.c.norm == norm)))}
        if not ids:
            raise KnowledgeError(f"no {kind} named {name!r}")
        if len(ids) > 1:
            raise AmbiguousName(name, [work_ref(conn, i) for i in sorted(ids)])
        return ids.pop()


def display_name(conn: Connection, ent_id: int) -> str:
    row = conn.execute(select(entities).where(entities.c.id == ent_id)).first()
    if row.name:
        return row.name
    if row.link_predicate:
        target = display_name(conn, row.link_target)
        return f"(untitled {row.link_predicate.replace('_of', '')} of {target})"
    return "(untitled)"


def work_ref(conn: Connection, ent_id: int) -> dict:
    row = conn.execute(select(entities).where(entities.c.id == ent_id)).first()
    return {"id": row.id, "name": row.name, "display": display_name(conn, ent_id), "type": row.type,
            "kind": row.kind, "year": row.year, "links": _links(conn, ent_id)}


def _links(conn: Connection, ent_id: int) -> list[dict]:
    out = []
    for st in conn.execute(select(statements).where(
            (statements.c.subject_id == ent_id) & statements.c.predicate.in_(LINK_PREDICATES))):
        target = conn.execute(select(entities).where(entities.c.id == st.object_id)).first()
        out.append({"predicate": st.predicate, "work": {"id": target.id, "name": target.name,
                                                        "kind": target.kind, "year": target.year}})
    return out


def _history(conn: Connection, statement_id: int) -> list[dict]:
    rows = conn.execute(
        select(assertions, documents.c.doc_key, documents.c.ingested_seq, documents.c.source)
        .join(documents, documents.c.id == assertions.c.document_id)
        .where(assertions.c.statement_id == statement_id)).all()
    rows.sort(key=lambda r: (r.published or "", r.ingested_seq, r.id))
    return [{"status": r.status, "published": r.published, "doc": r.doc_key, "source": r.source,
             "evidence": r.evidence, "attribution": r.attribution, "character": r.character} for r in rows]


def _fact(conn: Connection, st, role_key: str, other: int | None) -> dict:
    history = _history(conn, st.id)
    latest = history[-1] if history else {}
    character = next((h["character"] for h in reversed(history) if h["character"]), None)
    fact = {"predicate": st.predicate, "status": latest.get("status"), "character": character,
            "conflict": False, "history": [{k: h[k] for k in ("status", "published", "doc", "evidence",
                                                               "attribution", "source")} for h in history],
            "_statement": st.id}
    if other is None:
        fact["value"] = st.value
    elif role_key == "work":
        fact["work"] = work_ref(conn, other)
        fact["work"].pop("type")
    else:
        fact[role_key] = display_name(conn, other)
        fact[f"{role_key}_id"] = other
    return fact


def _documents_of(conn: Connection, statement_id: int) -> set[int]:
    return {r.document_id for r in conn.execute(
        select(assertions.c.document_id).where(assertions.c.statement_id == statement_id))}


def _flag_conflicts(conn: Connection, facts: list[dict]) -> None:
    """Single-valued facts from articles that never state them together disagree."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for fact in facts:
        if fact["predicate"] in SINGLE_VALUED and fact["status"] != "exited":
            groups[fact["predicate"]].append(fact)
    for group in groups.values():
        docs = [_documents_of(conn, f["_statement"]) for f in group]
        for i, fact in enumerate(group):
            if any(not (docs[i] & docs[j]) for j in range(len(group)) if j != i):
                fact["conflict"] = True


def _aliases(conn: Connection, ent_id: int, name: str | None) -> list[str]:
    return sorted({r.alias for r in conn.execute(select(aliases.c.alias).where(aliases.c.entity_id == ent_id))}
                  - {name})


def card(kb: KnowledgeBase, ent_id: int) -> dict:
    with kb.engine.connect() as conn:
        row = conn.execute(select(entities).where(entities.c.id == ent_id)).first()
        if row is None:
            raise KnowledgeError(f"no entity {ent_id}")
        out = {"type": row.type, "id": row.id, "name": row.name, "display": display_name(conn, ent_id),
               "aliases": _aliases(conn, ent_id, row.name)}
        facts = []
        if row.type == "work":
            out.update(kind=row.kind, year=row.year, links=_links(conn, ent_id))
            for st in conn.execute(select(statements).where(statements.c.object_id == ent_id)):
                if st.predicate in CREDIT_PREDICATES:
                    facts.append(_fact(conn, st, "person", st.subject_id))
            for st in conn.execute(select(statements).where(statements.c.subject_id == ent_id)):
                if st.predicate in LINK_PREDICATES:
                    continue
                kind = entity_type(conn, st.object_id) if st.object_id else None
                facts.append(_fact(conn, st, "company" if kind == "company" else "place", st.object_id))
            _flag_conflicts(conn, facts)
        elif row.type == "person":
            for st in conn.execute(select(statements).where(statements.c.subject_id == ent_id)):
                kind = entity_type(conn, st.object_id) if st.object_id else None
                key = "work" if kind == "work" else (kind or "value")
                facts.append(_fact(conn, st, key, st.object_id))
        else:
            for st in conn.execute(select(statements).where(statements.c.object_id == ent_id)):
                facts.append(_fact(conn, st, "work", st.subject_id))
        for fact in facts:
            fact.pop("_statement")
        out["facts"] = sorted(facts, key=lambda f: (f["predicate"], str(f.get("work") or f.get("person")
                                                                          or f.get("company") or f.get("value"))))
        return out


def entity_type(conn: Connection, ent_id: int) -> str | None:
    return conn.execute(select(entities.c.type).where(entities.c.id == ent_id)).scalar()


def timeline(kb: KnowledgeBase, work_id: int) -> list[dict]:
    """Every dated change of a project: a fact first seen, or its status changing."""
    project = card(kb, work_id)
    events = []
    for fact in project["facts"]:
        what = fact.get("person") or fact.get("company") or fact.get("place") or fact.get("value")
        previous = None
        for h in fact["history"]:
            if previous is None or h["status"] != previous:
                events.append({"published": h["published"], "predicate": fact["predicate"], "what": what,
                               "status": h["status"], "change": "new" if previous is None else "status",
                               "doc": h["doc"], "evidence": h["evidence"], "attribution": h["attribution"]})
            previous = h["status"]
    events.sort(key=lambda e: (e["published"] or "", e["doc"]))
    return events


def fts_query(query: str) -> str:
    """User words as FTS5 phrases: no operator in a query can break the syntax."""
    words = [w.replace('"', '""') for w in query.split()]
    return " ".join(f'"{w}"' for w in words)


def search(kb: KnowledgeBase, query: str, limit: int = 20) -> list[dict]:
    if not query.strip():
        return []
    out = []
    with kb.engine.connect() as conn:
        if kb.fts:
            rows = conn.execute(text("SELECT kind, ref FROM search_index WHERE search_index MATCH :q "
                                     "ORDER BY rank LIMIT :n"), {"q": fts_query(query), "n": limit}).all()
        else:
            like = f"%{query}%"
            rows = [("entity", r.id) for r in conn.execute(select(entities.c.id).where(entities.c.name.ilike(like)).limit(limit))]
            rows += [("assertion", r.id) for r in conn.execute(select(assertions.c.id).where(assertions.c.evidence.ilike(like)).limit(limit))]
        for kind, ref in rows:
            if kind == "entity":
                row = conn.execute(select(entities).where(entities.c.id == ref)).first()
                if row is not None:
                    out.append({"match": "name", "id": row.id, "type": row.type, "name": row.name})
            else:
                row = conn.execute(
                    select(assertions.c.evidence, assertions.c.published, documents.c.doc_key,
                           statements.c.subject_id, statements.c.predicate, statements.c.object_id)
                    .join(statements, statements.c.id == assertions.c.statement_id)
                    .join(documents, documents.c.id == assertions.c.document_id)
                    .where(assertions.c.id == ref)).first()
                if row is not None:
                    out.append({"match": "evidence", "evidence": row.evidence, "published": row.published,
                                "doc": row.doc_key, "predicate": row.predicate,
                                "subject": display_name(conn, row.subject_id),
                                "object": display_name(conn, row.object_id) if row.object_id else None})
    return out


def stats(kb: KnowledgeBase) -> dict:
    with kb.engine.connect() as conn:
        by_type = dict(conn.execute(select(entities.c.type, func.count()).group_by(entities.c.type)).all())
        by_predicate = dict(conn.execute(select(statements.c.predicate, func.count())
                                         .group_by(statements.c.predicate)).all())
        out = {"documents": conn.execute(select(func.count()).select_from(documents)).scalar(),
               "assertions": conn.execute(select(func.count()).select_from(assertions)).scalar(),
               "entities": dict(sorted(by_type.items())), "facts": dict(sorted(by_predicate.items()))}
        work_ids = [r.id for r in conn.execute(select(entities.c.id).where(entities.c.type == "work"))]
    out["conflicts"] = sum(1 for w in work_ids for f in card(kb, w)["facts"] if f["conflict"])
    return dict(sorted(out.items()))
