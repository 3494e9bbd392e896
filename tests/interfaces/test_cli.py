"""The command line through its real entry point, as a user runs it."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_paths import DEV, ROOT, SHARED
from callsheet.extraction.model import model_meta

CALLSHEET = str(Path(sys.executable).parent / "callsheet")


def run(*args, stdin: str | None = None):
    return subprocess.run([CALLSHEET, *args], capture_output=True, text=True, input=stdin, timeout=300)


def test_extract_json_processes_good_files_and_reports_each_bad_one(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00ELF" * 100)
    (tmp_path / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 40 + b"\x00")
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(b"Headline\n\n" + b"x" * (50 * 1024 * 1024))
    (tmp_path / "nothing").mkdir()
    good = ROOT / "samples" / "01_harbor_rumor.txt"
    result = run("extract", "--json", str(tmp_path / "empty.txt"), str(good), str(tmp_path / "binary.txt"),
                 str(tmp_path / "undecodable.txt"), str(big), str(tmp_path / "nothing"),
                 str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["doc"]["id"] for d in docs] == ["01_harbor_rumor"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 6
    for name, reason in [("empty.txt", "empty"), ("binary.txt", "binary"), ("undecodable.txt", "binary"),
                         ("big.txt", "larger than"), ("nothing", "no articles"), ("missing.txt", "no such file")]:
        assert any(name in line and reason in line for line in errors), (name, errors)
    assert "Traceback" not in result.stderr


STDIN_TEXT = "Sequel news\n\nFilming of the 'Romy' sequel could get underway as early as June."


def test_extract_reads_stdin_and_takes_a_publication_date():
    result = run("extract", "--json", "--published", "2025-01-30", "-", stdin=STDIN_TEXT)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["doc"]["published"] == "2025-01-30" and doc["format"] == "callsheet/1"
    assert all(f["evidence"] in STDIN_TEXT for f in doc["facts"])


def test_bad_published_date_is_a_usage_error():
    result = run("extract", "--published", "30/01/2025", str(ROOT / "samples"))
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_table_output_shows_article_text_literally(tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text("Markup [bold]test[/bold]\n\nThe film starred Friends actress Lisa Kudrow [red]x[/red].")
    result = run("extract", str(path))
    assert result.returncode == 0, result.stderr
    assert "[bold]test[/bold]" in result.stdout and "Lisa Kudrow" in result.stdout


def test_eval_prints_the_referee_figures(tmp_path):
    pred = tmp_path / "pred.jsonl"
    extracted = run("extract", "--json", str(DEV / "text"))
    pred.write_text(extracted.stdout)
    ours = run("eval", str(DEV / "gold"), str(DEV / "text"), "--json")
    referee = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(DEV / "gold"), str(pred),
                              str(DEV / "text"), "--json"], capture_output=True, text=True)
    assert json.loads(ours.stdout) == json.loads(referee.stdout)


def test_info_names_the_pipeline():
    info = json.loads(run("info", "--json").stdout)
    assert {"version", "pipeline", "pipeline_name", "pipeline_version", "base_pipeline", "trained_on",
            "spacy"} <= info.keys()
    assert info["pipeline_name"] == "callsheet_en" and info["spacy"].startswith("3.8")
    assert info["base_pipeline"].startswith("en_core_web_md") and info["trained_on"] == 307
    meta = model_meta()["callsheet"]  # the README: info prints the training data's digest, the configs' and the seed
    assert info["training_data"]["sha256"] == meta["training_data"]["sha256"]
    assert info["configs"] == meta["configs"] and info["seed"] == meta["seed"]
    table = run("info").stdout
    assert meta["training_data"]["sha256"] in table and "relations.cfg=" in table
    missing = run("info", "--json", "--pipeline", "no_such_pipeline")
    assert missing.returncode == 2 and "no trained pipeline at no_such_pipeline" in missing.stderr


THEY = "Twin directors Ana Ruiz and Ben Ruiz are back.\n\nThey will direct the sequel to Night Ferry for Focus Features.\n"


def test_the_they_article_and_the_seed_are_both_written(tmp_path):
    """Issue 10: `extract --json they.txt seed_romy.txt` ended in a RecursionError and wrote nothing."""
    they = tmp_path / "they.txt"
    they.write_text(THEY)
    result = run("extract", "--json", str(they), str(DEV / "text" / "seed_romy.txt"))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["doc"]["id"] for line in result.stdout.splitlines()] == ["they", "seed_romy"]


class BreaksOnNightFerry:
    """The real extractor, except that an article naming Night Ferry raises
    inside the batch, as the recursion did: spaCy's stream ends there."""

    real = None

    def __init__(self, nlp=None, pipeline=None):
        pass

    def extract(self, article):
        if "Night Ferry" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return self.real.extract(article)

    def extract_many(self, articles):
        for extraction in self.real.extract_many(articles):
            self.extract(extraction.article) if "Night Ferry" in extraction.article.text else None
            yield extraction


@pytest.fixture()
def breaking(monkeypatch, extractor):
    monkeypatch.setattr(BreaksOnNightFerry, "real", extractor)
    monkeypatch.setattr("callsheet.extraction.Extractor", BreaksOnNightFerry)
    from typer.testing import CliRunner

    from callsheet.interfaces.cli import app
    return lambda *args: CliRunner().invoke(app, [str(a) for a in args])


def three_articles(folder):
    (folder / "they.txt").write_text(THEY)
    return [ROOT / "samples" / "01_harbor_rumor.txt", folder / "they.txt", ROOT / "samples" / "02_harbor_talks.txt"]


def test_an_article_that_breaks_extraction_is_one_error_line_and_the_rest_is_written(tmp_path, breaking):
    result = breaking("extract", "--json", *three_articles(tmp_path))
    assert result.exit_code == 1
    assert [json.loads(line)["doc"]["id"] for line in result.stdout.splitlines()] == [
        "01_harbor_rumor", "02_harbor_talks"]
    assert result.stderr.splitlines() == [
        f"callsheet: error: {tmp_path / 'they.txt'}: cannot extract facts from this article "
        "(RecursionError: maximum recursion depth exceeded)"]


def test_an_article_that_breaks_extraction_is_not_ingested_and_the_rest_is(tmp_path, breaking):
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    result = breaking("ingest", "--db", db, *three_articles(tmp_path))
    assert result.exit_code == 1
    assert "ingested: 2 added, 0 replaced, 0 unchanged, 1 failed" in result.stdout
    assert [line for line in result.stderr.splitlines() if "they.txt" in line] == [
        f"callsheet: error: {tmp_path / 'they.txt'}: cannot extract facts from this article "
        "(RecursionError: maximum recursion depth exceeded)"]
    assert json.loads(run("stats", "--db", db, "--json").stdout)["documents"] == 2


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("value, problem", [("2026-13-45", "not a real date"),
                                            ("yesterday", "not a date in the form YYYY-MM-DD")])
def test_published_is_checked_alike_by_extract_and_ingest(tmp_path, command, value, problem):
    """Issue 10: `ingest --published 2026-13-45` was stored, `yesterday` gave a traceback."""
    db = tmp_path / "kb.db"
    extra = ["--db", f"sqlite:///{db}"] if command == "ingest" else []
    result = run(command, *extra, "--published", value, str(ROOT / "samples" / "04_harbor_confirmed.txt"))
    assert result.returncode == 2
    message = " ".join(result.stderr.replace("│", " ").split())  # as Rich wraps it in a box
    assert f"Invalid value for '--published': '{value}' is {problem}" in message
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not db.exists()  # nothing stored, not even an empty database


def test_nothing_to_extract_never_loads_the_pipeline(tmp_path):
    """A missing path (3 s and 425 MB before, loading spaCy for nothing): an
    unloadable pipeline named here would be a usage error if it were loaded."""
    for command in (["extract"], ["ingest", "--db", f"sqlite:///{tmp_path / 'kb.db'}"]):
        result = run(*command, "--pipeline", "no_such_pipeline", str(tmp_path / "missing.txt"))
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines() == [
            f"callsheet: error: {tmp_path / 'missing.txt'}: no such file or directory"]


def test_the_gitignore_keeps_sqlite_side_files_out():
    import fnmatch
    patterns = [p.strip() for p in (ROOT / ".gitignore").read_text().splitlines() if p.strip()]
    for name in ("callsheet.db", "callsheet.db-wal", "callsheet.db-shm"):
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name


@pytest.mark.parametrize("command", ["extract", "ingest", "show", "serve", "export"])
def test_help_shows_flags_as_flags(command):
    done = subprocess.run([CALLSHEET, command, "--help"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert "--help" in done.stdout and "<bool>" not in done.stdout
    if command in ("extract", "show"):
        assert re.search(r"--json\s+(One|Print)", done.stdout)


def test_eval_cv_save_keeps_the_figures_and_the_recalibration_in_the_pipeline(tmp_path, monkeypatch):
    """What `eval --cv K --save` writes, with the cross-validation itself
    stood in for (its training runs are tested in tests/extraction/training)."""
    import hashlib

    from typer.testing import CliRunner

    from callsheet.evaluation.crossval import CrossValidation
    from callsheet.extraction.confidence import fit_confidence
    from callsheet.extraction.relations import CONFIDENCE_FILE, RelationModels
    from callsheet.interfaces.cli import app
    pipeline = tmp_path / "pipeline"
    RelationModels().to_disk(pipeline / "callsheet_relations")
    refused = CliRunner().invoke(app, ["eval", "--cv", "5", "--save", "--pipeline", str(pipeline)])
    assert refused.exit_code == 2 and "trained on other articles or configs" in refused.output
    from callsheet.extraction.training.corpus import load_corpus
    from callsheet.extraction.training.train import config_digests, corpus_digest
    meta = {"callsheet": {"training_data": {"sha256": corpus_digest(load_corpus(SHARED / "corpus"))},
                          "configs": config_digests()}}
    (pipeline / "meta.json").write_text(json.dumps(meta))
    rows = [{"p=9": 1.0}, {"p=5": 1.0}] * 10
    model = fit_confidence(rows, [True, False] * 10)
    table = [{"confidence": "0.8-0.9", "facts": 20, "correct": 0.5}]
    figures = {"reliability": table, "reliability_raw": table, "by_group": {}}
    monkeypatch.setattr("callsheet.evaluation.crossval.cross_validate",
                        lambda *a, **k: CrossValidation(dict(figures), model, {}))
    result = CliRunner().invoke(app, ["eval", "--cv", "5", "--save", "--json", "--pipeline", str(pipeline)])
    assert result.exit_code == 0, result.output
    kept = json.loads((pipeline / "crossval.json").read_text())
    stored = (pipeline / "callsheet_relations" / CONFIDENCE_FILE).read_bytes()
    assert kept["confidence_sha256"] == hashlib.sha256(stored).hexdigest()
    assert RelationModels.from_disk(pipeline / "callsheet_relations").confidence.probabilities(
        [{"p=9": 1.0}])[0] > 0.5
    monkeypatch.setattr("callsheet.evaluation.crossval.cross_validate",
                        lambda *a, **k: CrossValidation(dict(figures), None, {}))
    assert CliRunner().invoke(app, ["eval", "--cv", "5", "--save", "--json", "--pipeline", str(pipeline)]).exit_code == 0
    assert not (pipeline / "callsheet_relations" / CONFIDENCE_FILE).exists()  # none fitted: none kept
    assert "confidence_sha256" not in json.loads((pipeline / "crossval.json").read_text())


def test_eval_cv_writes_the_held_out_extractions_it_scored(tmp_path, monkeypatch):
    """`eval --cv K --predictions FILE`: one JSON line per article, in doc id
    order; a file in a missing folder is refused before any training."""
    from typer.testing import CliRunner

    from callsheet.evaluation.crossval import CrossValidation
    from callsheet.interfaces.cli import app
    runs = []
    held_out = {"tp_2": {"doc": {"id": "tp_2"}, "facts": []},
                "bbc_1": {"doc": {"id": "bbc_1"}, "facts": [{"subject": "p1", "note": "Ó’Brien \u201cX\u201d"}]}}

    def cross_validate(*args, **kwargs):
        runs.append(kwargs)
        return CrossValidation({"reliability": [], "reliability_raw": [], "by_group": {}}, None, held_out)

    monkeypatch.setattr("callsheet.evaluation.crossval.cross_validate", cross_validate)
    missing = tmp_path / "nowhere" / "heldout.jsonl"
    refused = CliRunner().invoke(app, ["eval", "--cv", "5", "--json", "--predictions", str(missing)])
    assert refused.exit_code == 2 and str(missing) in refused.output and not runs
    out = tmp_path / "heldout.jsonl"
    result = CliRunner().invoke(app, ["eval", "--cv", "5", "--json", "--predictions", str(out),
                                      "--recogniser-cache", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == \
        [held_out["bbc_1"], held_out["tp_2"]]
    assert runs[0]["recogniser_cache"] == tmp_path / "cache"


def test_a_projects_card_in_the_terminal_quotes_the_sentence_stating_its_link():
    from rich.console import Console

    from callsheet.interfaces.knowledge_cli import _print_card
    history = [{"status": None, "published": "2026-02-20", "date_inferred": False, "doc": "a", "source": None,
                "story": 1, "evidence": "Lantern is making a [bold]Midnight Harbor[/bold] sequel.",
                "attribution": None}]
    data = {"type": "work", "display": "(untitled sequel of Midnight Harbor)", "kind": "film", "year": None,
            "stage": None, "aliases": [], "facts": [], "linked_from": [],
            "links": [{"predicate": "sequel_of", "work": {"id": 1, "name": "Midnight Harbor"},
                       "reports": {"articles": 1, "outlets": 0, "stories": 1}, "history": history}]}
    console = Console(record=True, width=200)
    _print_card(console, data)
    shown = console.export_text()
    assert "sequel_of: Midnight Harbor" in shown
    assert '"Lantern is making a [bold]Midnight Harbor[/bold] sequel."' in shown  # verbatim, no markup


def test_a_fault_in_callsheet_itself_exits_70_with_its_traceback(tmp_path, monkeypatch, capsys):
    """1 means some inputs failed, 2 bad usage: a bug must be told apart."""
    import callsheet.knowledge.cards as cards
    from callsheet.interfaces import cli

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the statistics")

    from callsheet.knowledge import KnowledgeBase
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    KnowledgeBase(db).close()  # stats reads a knowledge base that exists
    monkeypatch.setattr(cards, "stats", broken)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # Typer installs its own: put it back after
    monkeypatch.setattr(sys, "argv", ["callsheet", "stats", "--db", db])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == cli.INTERNAL_ERROR == 70
    said = capsys.readouterr().err
    assert "a bug in the statistics" in said and "callsheet: internal error (RuntimeError)" in said
