"""The knowledge-base commands: ingest, show, timeline, search, stats, export.

Everything shown comes from articles and is untrusted: it is printed as Rich
`Text`, never parsed as markup.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from callsheet.interfaces.options import PublishedOption
from callsheet.reading import DEFAULT_MAX_BYTES

DbOption = Annotated[Optional[str], typer.Option(
    "--db", help="SQLAlchemy URL; else $CALLSHEET_DB, else sqlite:///callsheet.db.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print as JSON.")]


def register(app: typer.Typer, out: Console, fail, articles, extractor) -> None:
    def open_kb(db: Optional[str]):
        from callsheet.knowledge import KnowledgeBase, KnowledgeError
        try:
            return KnowledgeBase(db)
        except KnowledgeError as exc:
            fail(str(exc))
            raise typer.Exit(2) from None

    def resolve(kb, kind: str, name: str) -> int:
        from callsheet.knowledge import AmbiguousName, KnowledgeError
        from callsheet.knowledge.cards import find
        try:
            return find(kb, kind, name)
        except AmbiguousName as exc:
            fail(f"{exc}; say which by id:")
            for c in exc.candidates:
                sys.stderr.write(f"  {c['id']}\t{c['display']}\t{c.get('kind') or ''}\t{c.get('year') or ''}\n")
            raise typer.Exit(1) from None
        except KnowledgeError as exc:
            fail(str(exc))
            raise typer.Exit(1) from None

    @app.command()
    def ingest(
        paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
        db: DbOption = None,
        published: PublishedOption = None,
        pipeline: Annotated[Optional[str], typer.Option("--pipeline", envvar="CALLSHEET_PIPELINE")] = None,
    ) -> None:
        """Extract articles and merge their facts into the knowledge base, one transaction each.

        A text already stored is not extracted again, and the language
        pipeline is loaded only when some article needs extracting."""
        from callsheet.interfaces.batch import ExtractionFailure, describe_error, extract_each
        kb = open_kb(db)
        failures: list[str] = []
        counts = {"added": 0, "unchanged": 0, "replaced": 0}

        def failed(article, problem: str) -> None:
            failures.append(article.path or "-")
            fail(f"{article.path or '-'}: {problem}")

        def needing_extraction():
            for article in articles(paths, published, DEFAULT_MAX_BYTES, failures):
                try:
                    known = kb.recognise(article)
                except Exception as exc:  # noqa: BLE001  (one article must never stop a run)
                    failed(article, f"cannot store this article ({describe_error(exc)})")
                    continue
                if known is None:
                    yield article
                else:
                    counts[known.outcome] += 1

        for extraction in extract_each(lambda: extractor(pipeline), needing_extraction()):
            if isinstance(extraction, ExtractionFailure):
                failures.append(extraction.article.path or "-")
                fail(str(extraction))
                continue
            try:
                counts[kb.ingest(extraction).outcome] += 1
            except Exception as exc:  # noqa: BLE001
                failed(extraction.article, f"cannot store this article ({describe_error(exc)})")
        out.print(Text(f"ingested: {counts['added']} added, {counts['replaced']} replaced, "
                       f"{counts['unchanged']} unchanged, {len(failures)} failed"))
        raise typer.Exit(1 if failures else 0)

    @app.command()
    def show(
        kind: Annotated[str, typer.Argument(help="project, person or company")],
        name: Annotated[str, typer.Argument(help="Name or alias (case- and accent-blind), or id.")],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """A project's, person's or company's card, every fact with its evidence."""
        from callsheet.knowledge.cards import TYPES, card
        if kind not in TYPES:
            raise typer.BadParameter(f"{kind!r}: choose project, person or company")
        kb = open_kb(db)
        data = card(kb, resolve(kb, kind, name))
        if as_json:
            _print_json(data)
            return
        _print_card(out, data)

    @app.command()
    def timeline(
        project: Annotated[str, typer.Argument(help="Project name, alias or id.")],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Every dated change of a project, oldest first."""
        from callsheet.knowledge.cards import shown_date, timeline as project_timeline
        kb = open_kb(db)
        events = project_timeline(kb, resolve(kb, "project", project))
        if as_json:
            _print_json(events)
            return
        table = Table("date", "fact", "status", "change", "evidence", "source")
        for e in events:
            table.add_row(Text(shown_date(e)), Text(f"{e['predicate']}: {e['what']}"),
                          Text(e["status"] or ""), Text(e["change"]), Text(e["evidence"]),
                          Text(e["doc"] + (f" ({e['attribution']})" if e["attribution"] else "")))
        out.print(table)

    @app.command()
    def search(
        query: Annotated[str, typer.Argument(help="Words to find in names and evidence.")],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Full-text search over names and evidence sentences."""
        from callsheet.knowledge.cards import search as kb_search
        hits = kb_search(open_kb(db), query)
        if as_json:
            _print_json(hits)
            return
        table = Table("match", "what", "evidence", "doc")
        for h in hits:
            what = f"{h['type']} #{h['id']}: {h['name']}" if h["match"] == "name" else \
                f"{h['subject']} {h['predicate']} {h['object'] or ''}".strip()
            table.add_row(Text(h["match"]), Text(what), Text(h.get("evidence") or ""), Text(h.get("doc") or ""))
        out.print(table)

    @app.command()
    def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
        """Counts: documents, entities by type, facts by predicate, conflicts."""
        from callsheet.knowledge.cards import stats as kb_stats
        data = kb_stats(open_kb(db))
        if as_json:
            print(json.dumps(data, sort_keys=True))
            return
        for key, value in data.items():
            if isinstance(value, dict):
                out.print(Text(f"{key}:"))
                for k, v in value.items():
                    out.print(Text(f"  {k:22} {v}"))
            else:
                out.print(Text(f"{key:24} {value}"))

    @app.command()
    def export(
        fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or jsonld")],
        db: DbOption = None,
        out_path: Annotated[Optional[Path], typer.Option("--out", help="File to write; else stdout.")] = None,
    ) -> None:
        """The whole knowledge base as JSON Lines cards, CSV assertions or schema.org JSON-LD."""
        from callsheet.knowledge.export import FORMATS, export as kb_export
        if fmt not in FORMATS:
            raise typer.BadParameter(f"{fmt!r}: choose one of {', '.join(FORMATS)}")
        if out_path is not None and not out_path.parent.is_dir():
            fail(f"{out_path}: cannot write there: no folder {str(out_path.parent)!r}")
            raise typer.Exit(1)
        kb = open_kb(db)
        if out_path is None:
            kb_export(kb, fmt, sys.stdout)
            return
        tmp = out_path.with_name(out_path.name + ".partial")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                kb_export(kb, fmt, handle)
            tmp.replace(out_path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            fail(f"{out_path}: cannot write there: {exc.strerror or exc}")
            raise typer.Exit(1) from None


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _print_card(out: Console, data: dict) -> None:
    from callsheet.knowledge.cards import shown_date, what_of
    head = Text(data["display"], style="bold")
    if data["type"] == "work":
        head.append(f"  {data.get('kind') or ''} {data.get('year') or ''}  stage: {data.get('stage') or '?'}")
        for link in data.get("links", []):
            head.append(f"\n{link['predicate']}: {link['work']['name']}")
        for link in data.get("linked_from", []):
            head.append(f"\n{link['predicate'].replace('_of', '')}: {link['work']['display']}")
    if data["aliases"]:
        head.append("\nalso: " + ", ".join(data["aliases"]))
    out.print(head)
    table = Table("fact", "who / what", "status", "evidence", "date", "source")
    for fact in data["facts"]:
        other = what_of(fact)
        if fact.get("character"):
            other += f" as {fact['character']}"
        status = (fact["status"] or "") + (" (conflict)" if fact["conflict"] else "")
        for n, h in enumerate(fact["history"]):
            source = h["doc"] + (f", {h['source']}" if h.get("source") else "") + \
                (f"; credited to {h['attribution']}" if h["attribution"] else "")
            table.add_row(Text(fact["predicate"] if n == 0 else ""), Text(other if n == 0 else ""),
                          Text(status if n == len(fact["history"]) - 1 else h["status"] or ""),
                          Text(h["evidence"]), Text(shown_date(h)), Text(source))
    out.print(table)
