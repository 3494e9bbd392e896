"""The `callsheet` command line: extract, eval, info."""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from callsheet import __version__
from callsheet.interfaces import hooks_cli, knowledge_cli
from callsheet.interfaces.batch import ExtractionFailure, extract_each
from callsheet.interfaces.options import PublishedOption
from callsheet.interfaces.progress import progress_bar
from callsheet.reading import DEFAULT_MAX_BYTES, Inputs, describe_skipped, read_article
from callsheet.schema import Extraction

def _flags_as_flags() -> None:
    """Typer's rich help gives a flag a type (`--json <bool>`), as if it took
    a value; its plain help does not. Here a flag shows no type in either."""
    from typer.core import TyperOption
    shown = TyperOption.display_type_rich
    if getattr(shown, "flags_as_flags", False):
        return

    def display_type_rich(self, ctx):
        return None if self.is_flag or self.count else shown(self, ctx)
    display_type_rich.flags_as_flags = True
    TyperOption.display_type_rich = display_type_rich


_flags_as_flags()
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Sourced facts about film and TV projects from entertainment news.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

PipelineOption = Annotated[Optional[str], typer.Option(
    "--pipeline", envvar="CALLSHEET_PIPELINE",
    help="Pipeline folder written by `callsheet train` (default: the model shipped in the package).")]
CorpusOption = Annotated[Path, typer.Option(
    "--corpus", envvar="CALLSHEET_CORPUS",
    help="Annotated corpus: a folder holding dev/ and train/, each with gold/ and text/.")]
DEFAULT_CORPUS = Path("../shared/corpus")
WorkersOption = Annotated[int, typer.Option(
    "--workers", min=1, help="Processes that read and extract (each loads the pipeline once); output order is kept.")]
MaxBytesOption = Annotated[int, typer.Option(
    "--max-bytes", min=1, help="Largest article read: a file, or one record of a JSONL dump or WARC archive.")]
RecogniserCacheOption = Annotated[Optional[Path], typer.Option(
    "--recogniser-cache", help="Keep each trained entity recogniser in this folder and reuse it while its "
                               "training data and config are unchanged (to re-measure a change of the rules).")]


def _fail(message: str) -> None:
    err.print(Text(f"callsheet: error: {message}"))


def _extractor(pipeline: Optional[str]):
    from callsheet.extraction import Extractor, ModelError
    try:
        return Extractor(pipeline=pipeline)
    except ModelError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None


class Run:
    """What one run of `extract`, `ingest` or `batch` met besides articles:
    the inputs that failed (each reported on stderr as it is met) and what was
    passed over, by kind."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.skipped: Counter = Counter()

    def fail(self, error) -> None:
        self.failures.append(error.path)
        _fail(str(error))

    def finish(self, summary: str | None = None) -> None:
        """Prints the summary (stdout) and what was skipped (stderr); exits 1 if anything failed."""
        if summary:
            out.print(Text(summary))
        if describe_skipped(self.skipped):
            err.print(Text(f"callsheet: skipped {describe_skipped(self.skipped)}"))
        raise typer.Exit(1 if self.failures else 0)


def _extractions(paths: list[str], run: Run, *, published: Optional[str], max_bytes: int,
                 pipeline: Optional[str], workers: int, label: str = "extracting", recognise=None):
    """The extraction of every article the paths hold, in input order; errors
    and skips go to `run`. With `recognise` (see `process`), an article it
    knows comes as its `Article`, not extracted. A pipeline that cannot be
    loaded ends the command (exit 2)."""
    from callsheet.language import PipelineError
    from callsheet.processing import process
    inputs = Inputs(paths, max_bytes=max_bytes, skipped=run.skipped)
    done = 0
    with progress_bar(err, inputs.total_bytes, lambda: inputs.bytes_read, label) as tick:
        try:
            for outcome in process(inputs, pipeline=pipeline, workers=workers, published=published,
                                   recognise=recognise):
                if outcome.error is not None:
                    run.fail(outcome.error)
                elif outcome.skipped is not None:
                    run.skipped[outcome.skipped] += 1
                elif outcome.recognised is not None:
                    done += 1
                    yield outcome.recognised
                else:
                    done += 1
                    yield outcome.extraction
                tick(done)
        except PipelineError as exc:
            _fail(str(exc))
            raise typer.Exit(2) from None


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.", metavar="PATH")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article (format v1).")] = False,
    published: PublishedOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    pipeline: PipelineOption = None,
    workers: WorkersOption = 1,
) -> None:
    """Extract entities and sourced facts from articles: text files, web pages,
    RSS/Atom feeds, JSON Lines dumps and WARC archives (kind told by content)."""
    run = Run()
    for extraction in _extractions(paths, run, published=published, max_bytes=max_bytes, pipeline=pipeline,
                                   workers=workers):
        if as_json:
            sys.stdout.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            _print_extraction(extraction)
    run.finish()


def _name(extraction: Extraction, ent_id: Optional[str]) -> Text:
    if ent_id is None:
        return Text("")
    ent = extraction.entity(ent_id)
    if ent.name:
        return Text(ent.name)
    link = next((f for f in extraction.facts if f.subject == ent_id and f.object and
                 f.predicate.endswith("_of")), None)
    label = f"untitled {ent.kind or 'work'}"
    if link:
        label += f" ({link.predicate.replace('_', ' ')} {extraction.entity(link.object).name})"
    return Text(label, style="italic")


def _print_extraction(extraction: Extraction) -> None:
    article = extraction.article
    heading = Text(f"{article.id}", style="bold")
    heading.append(f"  {article.published or 'undated'}  {article.title or ''}", style="dim")
    out.print(heading)
    entities = Table("id", "type", "name", "kind", "year", title="Entities", title_justify="left")
    for ent in extraction.entities:
        entities.add_row(ent.id, ent.type, _name(extraction, ent.id), ent.kind or "",
                         str(ent.year or ""))
    out.print(entities)
    facts = Table("subject", "predicate", "object / value", "status", "evidence", "attributed to",
                  title="Facts", title_justify="left", show_lines=True)
    for fact in extraction.facts:
        obj = _name(extraction, fact.object) if fact.object else Text(str(fact.value))
        if fact.character:
            obj.append(f" as {fact.character}")
        facts.add_row(_name(extraction, fact.subject), fact.predicate, obj, fact.status or "",
                      Text(fact.evidence), _name(extraction, fact.attribution))
    out.print(facts)
    out.print()


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Optional[Path], typer.Argument(help="Folder of <doc_id>.json gold files.")] = None,
    text_dir: Annotated[Optional[Path], typer.Argument(help="Folder of <doc_id>.txt articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    show: Annotated[bool, typer.Option("--show", help="List misses and false positives on stderr.")] = False,
    pred: Annotated[Optional[Path], typer.Option("--pred", help="Score this JSONL instead of extracting.")] = None,
    cv: Annotated[Optional[int], typer.Option(
        "--cv", min=2, help="Cross-validate: K folds by article over the whole annotated corpus.")] = None,
    corpus: CorpusOption = DEFAULT_CORPUS,
    limit: Annotated[int, typer.Option("--limit", min=0, help="With --cv: only the first N articles "
                                       "of each group (a quick check).")] = 0,
    ner_epochs: Annotated[Optional[int], typer.Option(
        "--ner-epochs", min=1, help="With --cv: epochs of the entity recogniser (default: its config's).")] = None,
    save: Annotated[bool, typer.Option(
        "--save", help="With --cv: keep the figures as crossval.json in the pipeline folder "
                       "(the README and the floors test read them), and the fact-confidence "
                       "model fitted on the held-out facts in the pipeline.")] = False,
    recogniser_cache: RecogniserCacheOption = None,
    predictions_out: Annotated[Optional[Path], typer.Option(
        "--predictions", help="With --cv: write every article's held-out extraction to this JSONL file "
                              "(one line per article, as `extract --json` gives it).")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="With --cv: folds trained and extracted at once, each in its own process "
                                 "(about 2 GB each).")] = 1,
    pipeline: PipelineOption = None,
) -> None:
    """Score the extractor on a gold set, with the referee scorer's figures;
    or, with --cv K, train and score K times so that every article is scored
    by a model that never saw it."""
    if cv is not None:
        _cross_validate(corpus, cv, limit, ner_epochs, as_json, Path(pipeline) if pipeline else None, save,
                        recogniser_cache, predictions_out, workers)
        return
    if gold_dir is None or text_dir is None:
        _fail("eval needs GOLD_DIR and TEXT_DIR, or --cv K")
        raise typer.Exit(2)
    from callsheet.evaluation import load_gold, score
    for folder in (gold_dir, text_dir):
        if not folder.is_dir():
            _fail(f"{folder}: not a directory")
            raise typer.Exit(2)
    gold = load_gold(gold_dir)
    if not gold:
        _fail(f"{gold_dir}: no gold files (*.json)")
        raise typer.Exit(2)
    texts = {}
    for did in gold:
        path = text_dir / f"{did}.txt"
        if path.exists():
            texts[did] = path.read_text(encoding="utf-8")
    if pred is not None:
        preds = {}
        for n, line in enumerate(pred.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as exc:
                    _fail(f"{pred}:{n}: not JSON ({exc.msg})")
                    raise typer.Exit(2) from None
                preds[doc["doc"]["id"]] = doc
    else:
        articles = (read_article(str(text_dir / f"{did}.txt")) for did in gold if did in texts)
        preds = {}
        for extraction in extract_each(lambda: _extractor(pipeline), articles):
            if isinstance(extraction, ExtractionFailure):
                _fail(f"{extraction}; scored as predicting nothing")
            else:
                preds[extraction.article.id] = extraction.to_dict()
    report: list[str] = []
    result = score(gold, preds, texts, report)
    if show:
        err.print(Text("\n".join(sorted(report))))
    if as_json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:16} {value}")


def _measures(pipeline: Path, corpus: Path, limit: int) -> bool:
    """Whether a cross-validation of `corpus` (first `limit` articles per
    group) measures the pipeline at `pipeline`: same training data digest
    and same configs, as its `meta.json` records them."""
    from callsheet.extraction.model import model_meta
    from callsheet.extraction.training.corpus import CorpusError, limited, load_corpus
    from callsheet.extraction.training.train import config_digests, corpus_digest
    meta = model_meta(pipeline).get("callsheet", {})
    try:
        digest = corpus_digest(limited(load_corpus(corpus), limit))
    except CorpusError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None
    return meta.get("training_data", {}).get("sha256") == digest and meta.get("configs") == config_digests()


def _cross_validate(corpus: Path, k: int, limit: int, ner_epochs: Optional[int], as_json: bool,
                    folder: Optional[Path], save: bool, recogniser_cache: Optional[Path],
                    predictions_out: Optional[Path], workers: int) -> None:
    from callsheet.evaluation.crossval import cross_validate, precision_at
    from callsheet.extraction.model import MODEL_DIR
    from callsheet.extraction.relations import COMPONENT, CONFIDENCE_FILE
    from callsheet.extraction.training.corpus import CorpusError
    target = folder or MODEL_DIR
    component = target / COMPONENT
    if predictions_out is not None and not predictions_out.parent.is_dir():
        _fail(f"{predictions_out}: no folder {predictions_out.parent} to write the predictions in")
        raise typer.Exit(2)
    if save and not component.is_dir():
        _fail(f"{target}: no trained pipeline to keep the figures beside; run `callsheet train`")
        raise typer.Exit(2)
    if save and not _measures(target, corpus, limit):
        _fail(f"{target}: that pipeline was trained on other articles or configs than this "
              f"cross-validation measures; train it with the same --corpus and --limit first")
        raise typer.Exit(2)
    try:
        result, confidence, predictions = cross_validate(corpus, k, limit=limit, ner_epochs=ner_epochs,
                                            recogniser_cache=recogniser_cache, jobs=workers,
                                            log=lambda m: err.print(Text(m), style="dim"))
    except CorpusError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None
    if predictions_out is not None:
        try:
            with predictions_out.open("w", encoding="utf-8") as sink:
                for doc_id in sorted(predictions):
                    sink.write(json.dumps(predictions[doc_id], ensure_ascii=False) + "\n")
        except OSError as exc:
            _fail(f"{predictions_out}: cannot write the predictions ({exc.strerror})")
            raise typer.Exit(2) from None
        err.print(Text(f"wrote {len(predictions)} held-out extractions to {predictions_out}"), style="dim")
    if save:
        if confidence is not None:
            data = confidence.to_bytes()
            (component / CONFIDENCE_FILE).write_bytes(data)
            result["confidence_sha256"] = hashlib.sha256(data).hexdigest()
            err.print(Text(f"saved the fact-confidence model to {component / CONFIDENCE_FILE}"), style="dim")
        elif (component / CONFIDENCE_FILE).exists():
            (component / CONFIDENCE_FILE).unlink()  # fitted on another cross-validation
        (target / "crossval.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        err.print(Text(f"saved the figures to {target / 'crossval.json'}"), style="dim")
    if as_json:
        print(json.dumps(result))
        return
    table = Table("set", "all F1", "entity F1", "credit F1", "status acc.", "character F1", "link F1",
                  "attribute F1", "bad evidence", "docs", title=f"{k}-fold cross-validation by article",
                  title_justify="left")
    rows = [("all", result)] + list(result["by_group"].items())
    for name, scores in rows:
        table.add_row(name, *(f"{scores[f]['f1']:.3f}" for f in ("all", "entity", "credit")),
                      f"{scores['status_accuracy'] or 0:.3f}",
                      *(f"{scores[f]['f1']:.3f}" for f in ("character", "link", "attribute")),
                      str(scores["bad_evidence"]), str(scores["docs"]))
    out.print(table)
    reliability = Table("confidence", "facts", "share correct", title="Reliability", title_justify="left")
    for row in result["reliability"]:
        reliability.add_row(row["confidence"], str(row["facts"]),
                            "" if row["correct"] is None else f"{row['correct']:.3f}")
    out.print(reliability)
    out.print(f"precision of facts with confidence >= 0.8: {precision_at(result['reliability'], 0.8)} "
              f"(relation probabilities before recalibration: {precision_at(result['reliability_raw'], 0.8)})")


@app.command()
def train(
    corpus: CorpusOption = DEFAULT_CORPUS,
    out_dir: Annotated[Optional[Path], typer.Option(
        "--out", help="Where to write the pipeline (default: the package's shipped model).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Only the first N articles of each "
                                       "group (a smoke run).")] = 0,
    ner_epochs: Annotated[Optional[int], typer.Option(
        "--ner-epochs", min=1, help="Epochs of the entity recogniser (default: its config's).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of every model.")] = 0,
    recogniser_cache: RecogniserCacheOption = None,
) -> None:
    """Rebuild the extraction models from the annotated corpus (about 15
    minutes on 2 cores): the entity recogniser with spaCy, the relation and
    status models with scikit-learn."""
    from callsheet.extraction.model import MODEL_DIR
    from callsheet.extraction.training.corpus import CorpusError
    from callsheet.extraction.training.train import TrainSettings
    from callsheet.extraction.training.train import train as train_pipeline
    target = out_dir or MODEL_DIR
    try:
        train_pipeline(TrainSettings(corpus, seed=seed, limit=limit, ner_epochs=ner_epochs), target,
                       log=lambda m: err.print(Text(m), style="dim"), recogniser_cache=recogniser_cache)
    except CorpusError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None


@app.command()
def info(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    pipeline: PipelineOption = None,
) -> None:
    """Version of callsheet and of the pipeline in use (a folder plain spaCy can load)."""
    import spacy

    from callsheet.extraction.model import MODEL_DIR, model_meta
    folder = Path(pipeline) if pipeline else MODEL_DIR
    meta = model_meta(folder)
    if not meta:
        _fail(f"no trained pipeline at {folder}; run `callsheet train`")
        raise typer.Exit(2)
    provenance = meta.get("callsheet", {})
    details = {"version": __version__, "pipeline": str(folder), "pipeline_name": meta.get("name"),
               "pipeline_version": meta.get("version"), "components": meta.get("pipeline", []),
               "base_pipeline": provenance.get("base_pipeline"),
               "trained_on": provenance.get("training_data", {}).get("articles"),
               "training_data": provenance.get("training_data"), "configs": provenance.get("configs"),
               "seed": provenance.get("seed"), "spacy": spacy.__version__}
    if as_json:
        print(json.dumps(details))
    else:
        for key, value in details.items():
            print(f"{key:18} {_info_value(value)}")


def _info_value(value) -> str:
    """One line of `info`: a list joined by commas, a mapping as key=value
    pairs (nested ones flattened: "by_split_and_group=train/bbc=170 ...")."""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return " ".join(f"{k}={_info_value(v)}" for k, v in value.items())
    return str(value)


knowledge_cli.register(app, out, _fail, Run, _extractions)
hooks_cli.register(app, out, _fail)


@app.command()
def serve(
    db: knowledge_cli.DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    base_url: Annotated[Optional[str], typer.Option(
        "--base-url", envvar="CALLSHEET_BASE_URL",
        help="Where users reach the server, for links in feeds; default http://HOST:PORT.")] = None,
    allowed_hosts: Annotated[Optional[list[str]], typer.Option(
        "--allowed-host", help="A host name requests may name (repeat for more; * for any). "
                               "Default: 127.0.0.1, localhost, the --host address and the base URL's host.")] = None,
    max_body: Annotated[int, typer.Option("--max-body", envvar="CALLSHEET_MAX_BODY", min=1024,
                                          help="Largest request body in bytes (413 above).")] = 2 * 1024 * 1024,
    log_level: Annotated[str, typer.Option(help="debug, info (with the access log), warning or error.")] = "info",
    deliver_hooks: Annotated[bool, typer.Option(
        "--deliver-hooks/--no-deliver-hooks",
        help="Post webhook deliveries from this server (or leave them to `callsheet hooks deliver`).")] = True,
) -> None:
    """Serve the web pages and the JSON API (browse it at /docs) and deliver webhooks.
    Writing needs $CALLSHEET_TOKEN."""
    import os
    from urllib.parse import urlsplit

    from callsheet.interfaces.web import server
    from callsheet.interfaces.web.app import DEFAULT_ALLOWED_HOSTS, create_app
    from callsheet.knowledge import KnowledgeError, database_url, redacted
    if log_level not in server.LEVELS:
        raise typer.BadParameter(f"{log_level!r}: choose one of {', '.join(server.LEVELS)}")
    url = database_url(db)
    shown_host = f"[{host}]" if ":" in host else host
    base_url = (base_url or f"http://{shown_host}:{port}").rstrip("/")
    try:
        parts = urlsplit(base_url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed bracketed host
        usable = False
    if not usable:
        _fail(f"--base-url {base_url!r}: give an http(s) URL such as https://callsheet.example.org")
        raise typer.Exit(2)
    hosts = allowed_hosts or [*DEFAULT_ALLOWED_HOSTS, urlsplit(base_url).hostname,
                              *([host] if host not in ("0.0.0.0", "::", "") else [])]
    try:
        create_app(url).state.callsheet.kb.close()  # open (and migrate) once, before any worker starts
    except KnowledgeError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None
    os.environ.update(CALLSHEET_DB=url, CALLSHEET_BASE_URL=base_url, CALLSHEET_ALLOWED_HOSTS=",".join(hosts),
                      CALLSHEET_MAX_BODY=str(max_body), CALLSHEET_DELIVER_HOOKS="1" if deliver_hooks else "0")
    writes = "writes need the token" if os.environ.get("CALLSHEET_TOKEN") else "no CALLSHEET_TOKEN: read only"
    err.print(Text(f"callsheet serving {redacted(url)} on http://{shown_host}:{port}/ with {workers} worker(s); "
                   f"{writes}; API docs at /docs, health at /api/v1/health"))
    server.run(host, port, workers, log_level)


class _WarningLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return " ".join(f"callsheet: warning: {record.getMessage()}".split("\n"))


# the exit status of a fault in callsheet itself (sysexits.h EX_SOFTWARE), apart
# from 1 (some inputs failed) and 2 (bad usage), so that a script can tell a bug
INTERNAL_ERROR = 70
# a write that failed for the place written to, not for callsheet: exit 1, one line (none for a closed pipe)
OUTPUT_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE}


def main() -> None:
    """The `callsheet` entry point: warnings (an unsure encoding...) go to
    stderr, one line each; an exception no command handles (a bug) prints
    its traceback and a line saying so, and exits `INTERNAL_ERROR`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_WarningLine())
    logger = logging.getLogger("callsheet")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # here, not at exit, so that a full disk is told like any failed write
    except Exception as exc:  # noqa: BLE001  (every command's own errors are handled: this is a bug)
        if isinstance(exc, OSError) and exc.errno in OUTPUT_FAILURES:  # a full disk or a closed pipe: no bug
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
            if exc.errno != errno.EPIPE:
                err.print(f"callsheet: error: cannot write the output: {exc.strerror or exc}", markup=False)
            sys.exit(1)
        sys.excepthook(type(exc), exc, exc.__traceback__)
        err.print(f"callsheet: internal error ({type(exc).__name__}): this is a bug in callsheet; "
                  "please report it with the traceback above", markup=False)
        sys.exit(INTERNAL_ERROR)
