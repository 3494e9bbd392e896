"""The knowledge-base commands: ingest, show, timeline, search, stats, export, dump, load.

Everything shown comes from articles and is untrusted: it is printed as Rich
`Text`, never parsed as markup.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from callsheet.interfaces.options import PublishedOption
from callsheet.outfiles import written
from callsheet.reading import DEFAULT_MAX_BYTES

DbOption = Annotated[Optional[str], typer.Option(
    "--db", help="SQLAlchemy URL; else $CALLSHEET_DB, else sqlite:///callsheet.db.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print as JSON.")]


def opened(db: Optional[str], fail, *, create: bool):
    """The knowledge base at `db` (see database_url), or exit 2 with the reason (no password in it);
    `create` = False for the commands that only read (a missing SQLite file is an error, not a new KB)."""
    from callsheet.knowledge import KnowledgeBase, KnowledgeError
    try:
        return KnowledgeBase(db, create=create)
    except KnowledgeError as exc:
        fail(str(exc))
        raise typer.Exit(2) from None


def resolved(kb, kind: str, name: str, fail) -> int:
    """The id of the one entity of that kind the name (or alias, or id) means, or exit 1 saying why."""
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


def register(app: typer.Typer, out: Console, fail, run_type, extractions) -> None:
    def open_kb(db: Optional[str], *, create: bool):
        return opened(db, fail, create=create)

    def resolve(kb, kind: str, name: str) -> int:
        return resolved(kb, kind, name, fail)

    @app.command()
    def ingest(
        paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.", metavar="PATH")],
        db: DbOption = None,
        published: PublishedOption = None,
        pipeline: Annotated[Optional[str], typer.Option("--pipeline", envvar="CALLSHEET_PIPELINE")] = None,
        workers: Annotated[int, typer.Option("--workers", min=1, help="Processes that read and extract; "
                                             "one writer, the same KB as one worker's.")] = 1,
        max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Largest article read.")] = DEFAULT_MAX_BYTES,
    ) -> None:
        """Extract articles (any kind `extract` reads, or `batch` shards) and merge
        their facts into the knowledge base, one transaction each.

        A text already stored is not extracted again, and the language
        pipeline is loaded only when some article needs extracting."""
        from callsheet.processing.runner import describe_error, process_chunk
        from callsheet.reading import ReadError
        from callsheet.schema import Article
        kb = open_kb(db, create=True)
        run = run_type()
        counts = {"added": 0, "unchanged": 0, "replaced": 0}
        copies = 0
        for extraction in extractions(paths, run, published=published, max_bytes=max_bytes, pipeline=pipeline,
                                      workers=workers, label="ingesting", recognise=kb.stored):
            try:
                if isinstance(extraction, Article):  # a text already stored: not extracted again
                    known = kb.recognise(extraction)
                    if known is not None:
                        counts[known.outcome] += 1
                        continue
                    # forgotten since it was read (its location now names another text): extract it here
                    outcome = process_chunk([extraction], published)[0]
                    if outcome.error is not None:
                        run.fail(outcome.error)
                        continue
                    extraction = outcome.extraction
                result = kb.ingest(extraction)
            except Exception as exc:  # noqa: BLE001  (one article must never stop a run)
                article = extraction if isinstance(extraction, Article) else extraction.article
                run.fail(ReadError(article.path or "-", f"cannot store this article ({describe_error(exc)})",
                                   article.record))
                continue
            counts[result.outcome] += 1
            copies += result.copy_of is not None
        line = (f"ingested: {counts['added']} added, {counts['replaced']} replaced, "
                f"{counts['unchanged']} unchanged, {len(run.failures)} failed")
        if copies:
            line += f"; {copies} of them copies of a story already known"
        run.finish(line)

    @app.command()
    def batch(
        paths: Annotated[list[str], typer.Argument(help="Folders, JSON Lines dumps, WARC files, feeds.")],
        out_dir: Annotated[Path, typer.Option("--out", help="Folder for the shards (created).")],
        engine: Annotated[str, typer.Option("--engine", help="local (worker processes) or ray.")] = "local",
        workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes, or Ray CPUs/actors.")] = 1,
        address: Annotated[Optional[str], typer.Option(
            "--address", envvar="RAY_ADDRESS", help="Ray cluster to use; else a local one on 127.0.0.1.")] = None,
        shard_size: Annotated[int, typer.Option("--shard-size", min=1, help="Single-article files per shard.")] = 1000,
        published: PublishedOption = None,
        pipeline: Annotated[Optional[str], typer.Option("--pipeline", envvar="CALLSHEET_PIPELINE")] = None,
        max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Largest article read.")] = DEFAULT_MAX_BYTES,
    ) -> None:
        """Extract an archive into format-v1 JSON Lines shards in --out, resumably
        (a re-run skips finished shards); `callsheet ingest DIR` merges them."""
        from callsheet.knowledge.cards import counted
        from callsheet.language import PipelineError
        from callsheet.processing.batch import ENGINES, run_batch
        from callsheet.processing.ray_engine import RayMissing
        if engine not in ENGINES:
            raise typer.BadParameter(f"{engine!r}: choose local or ray", param_hint="--engine")
        run = run_type()
        try:
            report = run_batch(paths, out_dir, engine=engine, workers=workers, pipeline=pipeline, published=published,
                               max_bytes=max_bytes, shard_size=shard_size, address=address, on_error=run.fail)
        except (PipelineError, RayMissing) as exc:
            fail(str(exc))
            raise typer.Exit(2) from None
        run.skipped.update(report.skipped)
        for shard in report.done:
            run.skipped.update(shard.skipped)
        articles = sum(s.articles for s in report.done)
        line = (f"batch: {counted(len(report.done), 'shard')} written ({counted(articles, 'article')}), "
                f"{len(report.resumed)} already done, {len(run.failures)} failed")
        if report.stale:
            line += f"; {counted(report.stale, 'shard')} of inputs no longer in the batch removed"
        run.finish(line)

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
        kb = open_kb(db, create=False)
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
        kb = open_kb(db, create=False)
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
        hits = kb_search(open_kb(db, create=False), query)
        if as_json:
            _print_json(hits)
            return
        table = Table("match", "what", "evidence", "doc")
        for h in hits:
            what = f"{h['type']} #{h['id']}: {h['display']}" if h["match"] == "name" else \
                f"{h['subject']} {h['predicate']} {h['object'] or h['value'] or ''}".strip()
            table.add_row(Text(h["match"]), Text(what), Text(h.get("evidence") or ""), Text(h.get("doc") or ""))
        out.print(table)

    @app.command()
    def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
        """Counts: documents, entities by type, facts by predicate, conflicts."""
        from callsheet.knowledge.cards import stats as kb_stats
        data = kb_stats(open_kb(db, create=False))
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
        kb = open_kb(db, create=False)
        if out_path is None:
            kb_export(kb, fmt, sys.stdout)
            return
        try:
            with written(out_path, newline="") as handle:
                kb_export(kb, fmt, handle)
        except OSError as exc:
            fail(f"{out_path}: cannot write there: {exc.strerror or exc}")
            raise typer.Exit(1) from None

    @app.command()
    def dump(
        db: DbOption = None,
        out_path: Annotated[Optional[Path], typer.Option("--out", help="File to write; else stdout.")] = None,
    ) -> None:
        """The whole knowledge base as versioned JSON Lines (documents with their
        extractions), to back it up or move it to another backend with `load`."""
        from callsheet.knowledge.dump import dump as kb_dump, write_dump
        if out_path is not None and not out_path.parent.is_dir():
            fail(f"{out_path}: cannot write there: no folder {str(out_path.parent)!r}")
            raise typer.Exit(1)
        kb = open_kb(db, create=False)
        if out_path is None:
            kb_dump(kb, sys.stdout)
            return
        try:
            counts = write_dump(kb, out_path)
        except OSError as exc:
            fail(f"{out_path}: cannot write there: {exc.strerror or exc}")
            raise typer.Exit(1) from None
        out.print(Text(f"dumped: {_counted(counts)} to {out_path}"))

    @app.command()
    def load(
        path: Annotated[str, typer.Argument(help="A file written by `callsheet dump`, or - for stdin.")],
        db: DbOption = None,
    ) -> None:
        """Loads a dump (plain or gzip-compressed) into an empty knowledge base,
        all or nothing; the two may be on different backends (SQLite, PostgreSQL)."""
        from callsheet.knowledge.dump import DumpError, load as kb_load
        try:
            handle = _text_stream(sys.stdin.buffer) if path == "-" else _text_file(path)
        except OSError as exc:
            fail(f"{path}: cannot read this file ({exc.strerror or exc})")
            raise typer.Exit(1) from None
        kb = open_kb(db, create=True)
        try:
            with handle:
                counts = kb_load(kb, handle, path)
        except DumpError as exc:
            kb.discard_new_file()
            fail(str(exc))
            raise typer.Exit(1) from None
        except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:  # EOFError, zlib.error: a cut or damaged gzip
            kb.discard_new_file()
            fail(f"{path}: cannot read this file ({getattr(exc, 'strerror', None) or exc})")
            raise typer.Exit(1) from None
        out.print(Text(f"loaded: {_counted(counts)} into {kb.shown_url}"))


GZIP_MAGIC = b"\x1f\x8b"


def _text_file(path: str):
    """A UTF-8 text handle on the file, through gzip when it starts with
    gzip's magic bytes (`callsheet dump | gzip`). Raises `OSError`."""
    with open(path, "rb") as raw:
        compressed = raw.read(2) == GZIP_MAGIC
    return gzip.open(path, "rt", encoding="utf-8") if compressed else open(path, encoding="utf-8")


def _text_stream(binary):
    """`_text_file` for a binary stream (standard input): its first bytes are
    looked at without being consumed."""
    buffered = binary if hasattr(binary, "peek") else io.BufferedReader(binary)
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        buffered = gzip.GzipFile(fileobj=buffered)
    return io.TextIOWrapper(buffered, encoding="utf-8")


def _counted(counts: dict) -> str:
    from callsheet.knowledge.cards import counted
    return (f"{counted(counts['documents'], 'document')}, {counted(counts['entities'], 'entity', 'entities')}, "
            f"{counted(counts['assertions'], 'assertion')}, {counted(counts['rows'], 'other row')}")


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _print_card(out: Console, data: dict) -> None:
    from callsheet.knowledge.cards import reports_label, shown_date, what_of
    head = Text(data["display"], style="bold")
    if data["type"] == "work":
        head.append(f"  {data.get('kind') or ''} {data.get('year') or ''}  stage: {data.get('stage') or '?'}")
        for link in data.get("links", []):
            head.append(f"\n{link['predicate']}: {link['work']['name']}")
            if link.get("history"):
                head.append(f"  \"{link['history'][-1]['evidence']}\"", style="dim")
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
                (f" <{h['url']}>" if h.get("url") else "") + \
                (f"; credited to {h['attribution']}" if h["attribution"] else "")
            first = Text(fact["predicate"])
            if len(fact["history"]) > 1:
                first.append("\n" + reports_label(fact["reports"]), style="dim")
            table.add_row(first if n == 0 else Text(""), Text(other if n == 0 else ""),
                          Text(status if n == len(fact["history"]) - 1 else h["status"] or ""),
                          Text(h["evidence"]), Text(shown_date(h)), Text(source))
    out.print(table)
