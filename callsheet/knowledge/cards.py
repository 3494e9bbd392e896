"""Reading the knowledge base: cards for a project, person or company, a
project's timeline, full-text search, counts and exports.

A statement's *current* status is the one its latest-published assertion
gives (an undated article is dated by the day it was ingested, and its
history entries say `date_inferred`), then the order of ingestion; the
history keeps every assertion. Single-valued facts of a project (director,
studio, filming location...) that different articles give differently are
flagged as conflicts, side by side, never overwritten.

Reading is set-based: a card costs a handful of queries however many facts
it holds, so that it stays fast on a KB of a hundred thousand articles.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, func, select, text

from callsheet.knowledge import names
from callsheet.knowledge.store import SINGLE_VALUED, AmbiguousName, KnowledgeBase, KnowledgeError, report_order
from callsheet.knowledge.tables import aliases, assertions, document_locations, document_stories, documents, entities, statements
from callsheet.schema import CREDIT_PREDICATES, LINK_PREDICATES

TYPES = {"project": "work", "work": "work", "person": "person", "company": "company"}
CHUNK = 500  # ids per IN (...) list, well under any database's limit on bound parameters


def chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted(set(ids))
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


class Reader:
    """One connection's view of entities, loaded in batches and kept for the
    length of one request."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.rows: dict[int, object] = {}
        self._links: dict[int, list[dict]] = {}

    def load(self, ids: Iterable[int | None]) -> None:
        missing = [i for i in ids if i is not None and i not in self.rows]
        while missing:
            for chunk in chunks(missing):
                for row in self.conn.execute(select(entities).where(entities.c.id.in_(chunk))):
                    self.rows[row.id] = row
            # an untitled work is named after the work it follows
            missing = [r.link_target for r in (self.rows.get(i) for i in missing)
                       if r is not None and r.name is None and r.link_target and r.link_target not in self.rows]

    def row(self, ent_id: int):
        self.load([ent_id])
        return self.rows.get(ent_id)

    def display(self, ent_id: int) -> str:
        row = self.row(ent_id)
        if row is None:
            return "(unknown)"
        if row.name:
            return row.name
        if row.link_predicate and row.link_target:
            return f"(untitled {row.link_predicate.replace('_of', '')} of {self.display(row.link_target)})"
        return "(untitled)"

    def load_links(self, work_ids: Iterable[int]) -> None:
        missing = [i for i in set(work_ids) if i not in self._links]
        found: dict[int, list] = defaultdict(list)
        for chunk in chunks(missing):
            for st in self.conn.execute(select(statements).where(
                    statements.c.subject_id.in_(chunk) & statements.c.predicate.in_(LINK_PREDICATES))):
                found[st.subject_id].append(st)
        self.load(st.object_id for sts in found.values() for st in sts)
        for ent_id in missing:
            self._links[ent_id] = sorted(
                ({"predicate": st.predicate, "work": self.brief(st.object_id)} for st in found.get(ent_id, [])),
                key=lambda link: (link["predicate"], link["work"]["id"]))

    def brief(self, ent_id: int) -> dict:
        row = self.row(ent_id)
        return {"id": row.id, "name": row.name, "kind": row.kind, "year": row.year}

    def work_ref(self, ent_id: int) -> dict:
        self.load_links([ent_id])
        return {**self.brief(ent_id), "display": self.display(ent_id), "links": self._links[ent_id]}

    def histories(self, statement_ids: Iterable[int]) -> dict[int, list[dict]]:
        """Every assertion of each statement, oldest first."""
        out: dict[int, list] = defaultdict(list)
        for chunk in chunks(statement_ids):
            for r in self.conn.execute(
                    select(assertions, documents.c.doc_key, documents.c.ingested_seq, documents.c.source,
                           documents.c.date_inferred, document_stories.c.story_id)
                    .join(documents, documents.c.id == assertions.c.document_id)
                    .outerjoin(document_stories, document_stories.c.document_id == documents.c.id)
                    .where(assertions.c.statement_id.in_(chunk))):
                out[r.statement_id].append(r)
        urls = self.urls(r.document_id for rows in out.values() for r in rows)
        return {sid: [{"status": r.status, "published": r.published, "date_inferred": bool(r.date_inferred),
                       "doc": r.doc_key, "source": r.source, "url": urls.get(r.document_id),
                       "evidence": r.evidence, "attribution": r.attribution,
                       "character": r.character, "story": r.story_id or r.document_id, "_document": r.document_id,
                       "_order": report_order(r.published, r.ingested_seq, r.id)}
                      for r in sorted(rows, key=lambda r: report_order(r.published, r.ingested_seq, r.id))]
                for sid, rows in out.items()}


    def urls(self, document_ids: Iterable[int]) -> dict[int, str]:
        """Each document's web address, where it came from one (the first
        recorded); files and text given alone have none."""
        out: dict[int, str] = {}
        for chunk in chunks(document_ids):
            for r in self.conn.execute(select(document_locations.c.document_id, document_locations.c.location)
                                       .where(document_locations.c.document_id.in_(chunk)
                                              & (document_locations.c.location.like("http://%")
                                                 | document_locations.c.location.like("https://%")))
                                       .order_by(document_locations.c.id)):
                out.setdefault(r.document_id, r.location)
        return out


def named(conn: Connection, type_: str, name: str) -> set[int]:
    """The entities of a type that bear the name, else those that have it as an alias."""
    norm = names.normalise(name)
    ids = {r.id for r in conn.execute(select(entities.c.id).where(
        (entities.c.type == type_) & (entities.c.norm == norm)))}
    if not ids:  # by primary key, the type checked here: given `type = ?`, SQLite would scan the type's index
        ids = {r.id for r in conn.execute(select(entities.c.id, entities.c.type).where(
            entities.c.id.in_(select(aliases.c.entity_id).where(aliases.c.norm == norm)))) if r.type == type_}
    return ids


MAX_ID = 2 ** 63 - 1  # ids are 64-bit signed integers


def find(kb: KnowledgeBase, kind: str, name: str) -> int:
    """The one entity of that kind the name means, case- and accent-blind:
    an id; a name or alias; what pages show for an untitled work ("(untitled
    sequel of Midnight Harbor)", or "the Midnight Harbor sequel"); else the
    names search finds, all of whose words it holds ("zurcher" for Anna Zürcher).

    Raises `KnowledgeError` when none is found, `AmbiguousName` (with the
    candidates) when several are."""
    type_ = TYPES[kind]
    with kb.engine.connect() as conn:
        if name.strip().isascii() and name.strip().isdigit() and int(name) <= min(MAX_ID, kb.max_id):
            row = conn.execute(select(entities.c.id).where((entities.c.id == int(name)) & (entities.c.type == type_))).first()
            if row is not None:
                return row.id
        ids = named(conn, type_, name)
        if not ids and type_ == "work":
            ids = _untitled_named(conn, name)
        if not ids:
            ids = _holding_words(conn, type_, name)
        if not ids:
            raise KnowledgeError(f"no {kind} named {name!r}")
        if len(ids) > 1:
            reader = Reader(conn)
            raise AmbiguousName(name, [{**reader.work_ref(i), "type": type_} for i in sorted(ids)])
        return ids.pop()


UNTITLED_PHRASE = re.compile(r"^(?:the |an? )?(?P<source>.+?)(?:'s)? (?P<link>sequel|prequel|remake|spin-?off|adaptation)$",
                             re.IGNORECASE)
UNTITLED_DISPLAY = re.compile(r"^\(untitled (?P<link>sequel|prequel|remake|spin-?off|adaptation) of (?P<source>.+)\)$",
                              re.IGNORECASE)


def _untitled_named(conn: Connection, phrase: str) -> set[int]:
    """"(untitled sequel of Midnight Harbor)", as pages show it, or "the
    Midnight Harbor sequel": the untitled sequel of Midnight Harbor."""
    phrase = phrase.strip()
    match = UNTITLED_DISPLAY.match(phrase) or \
        UNTITLED_PHRASE.match(re.sub(r"[\"“”‘]|(?<!\w)['’]|['’](?!\w)", "", phrase).strip())
    if match is None:
        return set()
    predicate = match["link"].lower().replace("-", "") + "_of"
    sources = named(conn, "work", match["source"]) or _untitled_named(conn, match["source"])
    return {r.id for r in conn.execute(select(entities.c.id).where(
        (entities.c.link_predicate == predicate) & entities.c.link_target.in_(sources) & entities.c.name.is_(None)))}


def _holding_words(conn: Connection, type_: str, name: str, limit: int = 50) -> set[int]:
    """Entities of the type whose name holds every word given, as whole words
    ("zurcher" is the surname of "Anna Zürcher"), at most `limit`."""
    words = names.normalise(name).split()
    if not words:
        return set()
    cond = entities.c.type == type_
    for word in words:
        cond &= entities.c.norm.like(f"%{word}%")
    return {r.id for r in conn.execute(select(entities.c.id, entities.c.norm).where(cond).limit(limit * 4))
            if set(words) <= set(r.norm.split())}


def _flag_conflicts(facts: list[dict]) -> None:
    """Single-valued facts from articles that never state them together disagree."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for fact in facts:
        if fact["predicate"] in SINGLE_VALUED and fact["status"] != "exited":
            groups[fact["predicate"]].append(fact)
    for group in groups.values():
        docs = [{h["_document"] for h in f["history"]} for f in group]
        for i, fact in enumerate(group):
            if any(not (docs[i] & docs[j]) for j in range(len(group)) if j != i):
                fact["conflict"] = True


def report_counts(history: list[dict]) -> dict:
    """How widely a fact is reported: distinct articles, stories (a story and
    its syndicated copies count once) and outlets. An article whose outlet is
    unknown counts as one outlet per story, so copies never inflate the count."""
    return {"articles": len({h["_document"] for h in history}),
            "stories": len({h["story"] for h in history}),
            "outlets": len({h["source"] or f"story {h['story']}" for h in history})}


def counted(n: int, one: str, many: str | None = None) -> str:
    """"1 story", "2 stories", "0 articles": `n` with the noun in its number
    (`many` defaults to `one` + "s")."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def reports_label(reports: dict) -> str:
    """"2 stories · 3 outlets, 4 articles": corroboration counts stories, not syndicated copies."""
    return (f"{counted(reports['stories'], 'story', 'stories')} · {counted(reports['outlets'], 'outlet')}, "
            f"{counted(reports['articles'], 'article')}")


def what_of(fact: dict) -> str:
    """The other side of a card's fact, as text: a work, person, company, place or value."""
    if fact.get("work"):
        return fact["work"]["display"]
    return fact.get("person") or fact.get("company") or fact.get("place") or fact.get("value") or ""


def shown_date(entry: dict) -> str:
    """A history entry's, timeline event's or change's date as text:
    "2026-11-30 (inferred)" when the article gave none and callsheet dated it
    by the day it was ingested."""
    if not entry.get("published"):
        return "undated"
    return entry["published"] + (" (inferred)" if entry.get("date_inferred") else "")


def _sort_key(fact: dict) -> tuple:
    return fact["predicate"], what_of(fact)


def card(kb: KnowledgeBase, ent_id: int) -> dict:
    with kb.engine.connect() as conn:
        return _card(Reader(conn), ent_id)


HIDDEN = ("_document", "_order", "character")  # what a card's history entries keep for internal use only


def _card(reader: Reader, ent_id: int, hidden: tuple[str, ...] = HIDDEN) -> dict:
    conn = reader.conn
    row = reader.row(ent_id)
    if row is None:
        raise KnowledgeError(f"no entity {ent_id}")
    out = {"type": row.type, "id": row.id, "name": row.name, "display": reader.display(ent_id),
           "aliases": sorted({r.alias for r in conn.execute(select(aliases.c.alias).where(
               aliases.c.entity_id == ent_id))} - {row.name})}
    if row.type == "work":
        inbound = list(conn.execute(select(statements).where(statements.c.object_id == ent_id)))
        later = [st for st in inbound if st.predicate in LINK_PREDICATES]
        reader.load(st.subject_id for st in later)
        out.update(kind=row.kind, year=row.year, stage=row.stage, links=_evidenced_links(reader, ent_id, hidden),
                   linked_from=sorted(({"predicate": st.predicate, "work": {**reader.brief(st.subject_id),
                                                                             "display": reader.display(st.subject_id)}}
                                       for st in later), key=lambda link: (link["predicate"], link["work"]["id"])))
        sts = [st for st in inbound if st.predicate in CREDIT_PREDICATES]
        sts += [st for st in conn.execute(select(statements).where(statements.c.subject_id == ent_id))
                if st.predicate not in LINK_PREDICATES]
    elif row.type == "person":
        sts = list(conn.execute(select(statements).where(statements.c.subject_id == ent_id)))
    else:
        sts = list(conn.execute(select(statements).where(statements.c.object_id == ent_id)))
    others = {st.id: (st.subject_id if st.object_id == ent_id else st.object_id) for st in sts}
    reader.load(others.values())
    works = [o for o in others.values() if o is not None and reader.rows[o].type == "work"]
    reader.load_links(works)
    histories = reader.histories(others)
    facts = []
    for st in sts:
        history = histories.get(st.id, [])
        if not history:
            continue
        other = others[st.id]
        fact = {"predicate": st.predicate, "status": history[-1]["status"],
                "character": next((h["character"] for h in reversed(history) if h["character"]), None),
                "conflict": False, "reports": report_counts(history), "history": history}
        if other is None:
            fact["value"] = st.value
        elif reader.rows[other].type == "work":
            fact["work"] = reader.work_ref(other)
        else:
            key = reader.rows[other].type if reader.rows[other].type in ("person", "company") else "place"
            fact[key] = reader.display(other)
            fact[f"{key}_id"] = other
        facts.append(fact)
    if row.type == "work":
        _flag_conflicts(facts)
    for fact in facts:
        fact["history"] = [{k: v for k, v in h.items() if k not in hidden} for h in fact["history"]]
    out["facts"] = sorted(facts, key=_sort_key)
    return out


def _evidenced_links(reader: Reader, ent_id: int, hidden: tuple[str, ...]) -> list[dict]:
    """A work's own links ("sequel_of" X), in `Reader.work_ref`'s order and
    shape, each with its reports and the history of its assertions, so that
    a card shows the sentence stating a link as it does for every fact."""
    sts = list(reader.conn.execute(select(statements).where(
        (statements.c.subject_id == ent_id) & statements.c.predicate.in_(LINK_PREDICATES))))
    reader.load(st.object_id for st in sts)
    histories = reader.histories(st.id for st in sts)
    out = []
    for st in sorted(sts, key=lambda st: (st.predicate, st.object_id)):
        history = histories.get(st.id, [])
        out.append({"predicate": st.predicate, "work": reader.brief(st.object_id), "reports": report_counts(history),
                    "history": [{k: v for k, v in h.items() if k not in hidden} for h in history]})
    return out


def timeline(kb: KnowledgeBase, work_id: int) -> list[dict]:
    """Every dated change of a project: a fact first seen, or its status
    changing; in the order of `report_order` (date, then ingestion), the
    order that decides a fact's current status."""
    with kb.engine.connect() as conn:
        project = _card(Reader(conn), work_id, hidden=("_document", "character"))
    events = []
    for fact in project["facts"]:
        what = what_of(fact)
        for n, h in enumerate(fact["history"]):
            if n == 0 or h["status"] != fact["history"][n - 1]["status"]:  # a fact said again is no event
                events.append({"published": h["published"], "date_inferred": h["date_inferred"],
                               "predicate": fact["predicate"], "what": what, "status": h["status"],
                               "change": "new" if n == 0 else "status", "doc": h["doc"],
                               "evidence": h["evidence"], "attribution": h["attribution"], "_order": h["_order"]})
    events.sort(key=lambda e: e["_order"])
    return [{k: v for k, v in e.items() if k != "_order"} for e in events]


WEB_TERMS = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def web_terms(query: str) -> list[tuple[list[str], list[str]]]:
    """A query in the search syntax of PostgreSQL's `websearch_to_tsquery`:
    every word must appear, "quoted words" as a phrase, `or` between two
    terms for either one, `-word` (or `-"a phrase"`) to exclude. Returns the
    alternatives, each as (terms that must appear, terms that must not); an
    alternative with nothing that must appear is dropped, since it could only
    be answered by reading every row."""
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    for match in WEB_TERMS.finditer(query.replace("\x00", " ")):  # no database stores a NUL
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            negated, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
            if phrase.lower() == "or":
                if groups[-1][0] or groups[-1][1]:
                    groups.append(([], []))
                continue
        if any(ch.isalnum() for ch in phrase):
            groups[-1][1 if negated else 0].append(phrase)
    return [group for group in groups if group[0]]


def fts_query(query: str) -> str | None:
    """The query (see `web_terms`) as FTS5 syntax, every term quoted so that
    no input can break it; None when nothing in it can match."""
    def quoted(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'
    ors = [" ".join(map(quoted, positive)) + "".join(f" NOT {quoted(t)}" for t in negative)
           for positive, negative in web_terms(query)]
    return " OR ".join(ors) or None


def tsquery_sql(query: str) -> tuple[str, dict] | None:
    """The query (see `web_terms`) as SQL that makes a PostgreSQL tsquery with
    `websearch_to_tsquery`, each term folded (`callsheet_fold`, migration
    0006) as the indexed text is, and bound as a parameter, then quoted, so
    that its punctuation can never be read as syntax. None when nothing in
    it can match."""
    parts, params = [], {}
    for n, (positive, negative) in enumerate(web_terms(query)):
        if n:
            parts.append("'or'")
        for sign, terms in (("", positive), ("-", negative)):
            for term in terms:
                name = f"t{len(params)}"
                params[name] = term
                parts.append(f"'{sign}\"' || callsheet_fold(:{name}) || '\"'")
    if not parts:
        return None
    return f"websearch_to_tsquery('simple'::regconfig, concat_ws(' ', {', '.join(parts)}))", params


EVIDENCE_PROBE = 1000  # matches read in any order first; a word with no more is sorted here


def _newest_evidence(conn: Connection, tsquery: str, limit: int) -> list[int]:
    """The newest assertions whose evidence matches, on PostgreSQL. Walking
    the assertions newest first until enough match is fast for a common word
    and reads the whole table for a word no statistics know (the planner
    guesses it common); the GIN index is fast for a rare word and reads
    every match of a common one. So the matches are first read in any order
    up to EVIDENCE_PROBE (the planner then picks the GIN index for a rare
    word and stops early for a common one); only a word with more is walked
    newest first."""
    probe = [r.id for r in conn.execute(text(
        "SELECT id FROM assertions WHERE search_evidence @@ CAST(:q AS tsquery) LIMIT :p"),
        {"q": tsquery, "p": EVIDENCE_PROBE + 1})]
    if len(probe) <= EVIDENCE_PROBE:
        return sorted(probe, reverse=True)[:limit]
    return [r.id for r in conn.execute(text(
        "SELECT id FROM assertions WHERE search_evidence @@ CAST(:q AS tsquery) ORDER BY id DESC LIMIT :n"),
        {"q": tsquery, "n": limit})]


def _search_ids(conn: Connection, query: str, limit: int) -> tuple[list[int], list[int]]:
    """Entities whose name matches, best first, and assertions whose evidence
    matches, newest first: FTS5 (bm25 rank) on SQLite; on PostgreSQL the
    tsvector columns and their GIN indexes, with `websearch_to_tsquery` and
    `ts_rank` divided by the log of the name's length (as bm25 favours the
    shorter of two names that match alike), text folded the same way
    (migration 0006)."""
    if conn.dialect.name == "postgresql":
        made = tsquery_sql(query)
        if made is None:
            return [], []
        # the tsquery is made first and given as a value, so that the planner
        # weighs how common its words are (a common word: walk the newest
        # assertions; a rare one: the GIN index), as it cannot for an expression
        q = conn.execute(text(f"SELECT CAST({made[0]} AS text)"), made[1]).scalar()
        names_ = conn.execute(text(
            "SELECT id FROM entities WHERE search_name @@ CAST(:q AS tsquery) "
            "ORDER BY ts_rank(search_name, CAST(:q AS tsquery), 1) DESC, id LIMIT :n"), {"q": q, "n": limit})
        return [r.id for r in names_], _newest_evidence(conn, q, limit)
    q = fts_query(query)
    if q is None:
        return [], []
    names_ = conn.execute(text(
        "SELECT rowid FROM search_names WHERE search_names MATCH :q ORDER BY rank, rowid LIMIT :n"),
        {"q": q, "n": limit})
    evidence = conn.execute(text(
        "SELECT rowid FROM search_evidence WHERE search_evidence MATCH :q ORDER BY rowid DESC LIMIT :n"),
        {"q": q, "n": limit})
    return [r.rowid for r in names_], [r.rowid for r in evidence]


def search(kb: KnowledgeBase, query: str, limit: int = 20) -> list[dict]:
    """Names first (most relevant first), then evidence sentences, newest
    first; `query` in the websearch syntax (see `web_terms`). Bytes of a
    command line that are not UTF-8 (held as lone surrogates), or a lone
    surrogate a JSON escape made, search as U+FFFD: SQLite cannot take them."""
    query = re.sub("[\ud800-\udfff]", "\ufffd", query)
    if not query.strip():
        return []
    with kb.engine.connect() as conn:
        reader = Reader(conn)
        name_ids, evidence_ids = _search_ids(conn, query, limit)
        reader.load(name_ids)
        out = [{"match": "name", "id": i, "type": reader.rows[i].type, "name": reader.rows[i].name,
                "display": reader.display(i)} for i in name_ids if i in reader.rows]
        rows = conn.execute(
            select(assertions.c.id, assertions.c.evidence, assertions.c.published, assertions.c.status,
                   documents.c.doc_key, documents.c.date_inferred, statements.c.subject_id, statements.c.predicate,
                   statements.c.object_id, statements.c.value)
            .join(statements, statements.c.id == assertions.c.statement_id)
            .join(documents, documents.c.id == assertions.c.document_id)
            .where(assertions.c.id.in_(evidence_ids))).all() if evidence_ids else []
        reader.load([r.subject_id for r in rows] + [r.object_id for r in rows])
        order = {ref: n for n, ref in enumerate(evidence_ids)}
        for r in sorted(rows, key=lambda r: order[r.id]):
            out.append({"match": "evidence", "evidence": r.evidence, "published": r.published,
                        "date_inferred": bool(r.date_inferred), "doc": r.doc_key,
                        "predicate": r.predicate, "status": r.status,
                        "subject": reader.display(r.subject_id), "subject_id": r.subject_id,
                        "object": reader.display(r.object_id) if r.object_id else None, "object_id": r.object_id,
                        "value": r.value})
    return out[:limit]


def count_conflicts(conn: Connection) -> int:
    """How many project facts a card would flag, read in one pass over the single-valued statements."""
    rows = conn.execute(
        select(statements.c.id, statements.c.subject_id, statements.c.object_id, statements.c.predicate,
               assertions.c.document_id,
               assertions.c.status, assertions.c.published, documents.c.ingested_seq, assertions.c.id.label("aid"))
        .join(assertions, assertions.c.statement_id == statements.c.id)
        .join(documents, documents.c.id == assertions.c.document_id)
        .where(statements.c.predicate.in_(SINGLE_VALUED))).all()
    by_statement: dict[int, list] = defaultdict(list)
    for r in rows:
        by_statement[r.id].append(r)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for sid, rs in by_statement.items():
        rs.sort(key=lambda r: report_order(r.published, r.ingested_seq, r.aid))
        if rs[-1].status != "exited":
            work = rs[0].object_id if rs[0].predicate in CREDIT_PREDICATES else rs[0].subject_id
            groups[(work, rs[0].predicate)].append(
                {"predicate": rs[0].predicate, "status": rs[-1].status, "conflict": False,
                 "history": [{"_document": r.document_id} for r in rs]})
    total = 0
    for facts in groups.values():
        _flag_conflicts(facts)
        total += sum(f["conflict"] for f in facts)
    return total


def stats(kb: KnowledgeBase) -> dict:
    with kb.engine.connect() as conn:
        by_type = dict(conn.execute(select(entities.c.type, func.count()).group_by(entities.c.type)).all())
        by_predicate = dict(conn.execute(select(statements.c.predicate, func.count())
                                         .group_by(statements.c.predicate)).all())
        filed = conn.execute(select(func.count(), func.count(document_stories.c.story_id.distinct()))
                             .select_from(document_stories)).one()
        documents_n = conn.execute(select(func.count()).select_from(documents)).scalar()
        out = {"documents": documents_n,
               "stories": documents_n - filed[0] + filed[1],
               "assertions": conn.execute(select(func.count()).select_from(assertions)).scalar(),
               "entities": dict(sorted(by_type.items())), "facts": dict(sorted(by_predicate.items())),
               "conflicts": count_conflicts(conn)}
    return dict(sorted(out.items()))
