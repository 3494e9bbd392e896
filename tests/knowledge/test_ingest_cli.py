"""The knowledge-base commands through the real entry point, including an
ingest killed with SIGKILL halfway and then run again."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from corpus_paths import DEV
from db_backend import on_postgres
from sqlalchemy import create_engine, text

CALLSHEET = str(Path(sys.executable).parent / "callsheet")
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run(*args, env=None):
    return subprocess.run([CALLSHEET, *args], capture_output=True, text=True, env=env, timeout=600)


def test_ingest_show_search_stats_export(tmp_path, db_url):
    db = db_url
    first = run("ingest", "--db", db, str(SAMPLES))
    assert first.returncode == 0, first.stderr
    assert "12 added" in first.stdout
    assert "12 unchanged" in run("ingest", "--db", db, str(SAMPLES)).stdout
    card = json.loads(run("show", "project", "the orchard thieves", "--db", db, "--json").stdout)
    assert card["type"] == "work" and card["name"] == "The Orchard Thieves"
    stats = run("stats", "--db", db, "--json").stdout
    assert json.loads(stats)["documents"] == 12
    assert stats == run("stats", "--db", db, "--json").stdout
    assert json.loads(run("search", "Lantern", "--db", db, "--json").stdout)
    missing = run("show", "person", "Nobody At All", "--db", db)
    assert missing.returncode == 1 and "no person named 'Nobody At All'" in missing.stderr
    out = tmp_path / "kb.jsonld"
    assert run("export", "--format", "jsonld", "--db", db, "--out", str(out)).returncode == 0
    assert json.loads(out.read_text())["@graph"]


def test_database_url_comes_from_the_environment(db_url):
    env = {**os.environ, "CALLSHEET_DB": db_url}
    assert run("ingest", str(SAMPLES / "01_harbor_rumor.txt"), env=env).returncode == 0
    assert json.loads(run("stats", "--db", db_url, "--json").stdout)["documents"] == 1


def stored_documents(engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar()
    except Exception:  # noqa: BLE001  (not created yet, or locked for the moment)
        return 0


def test_an_ingest_killed_midway_leaves_a_consistent_database(tmp_path, db_url, databases):
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(6):
        for path in sorted((DEV / "text").glob("*.txt")):
            text_ = path.read_text(encoding="utf-8")
            (articles / f"{path.stem}_{n}.txt").write_text(text_ + f"\n\nCopy {n}.", encoding="utf-8")
    db = db_url
    engine = create_engine(db)
    proc = subprocess.Popen([CALLSHEET, "ingest", "--db", db, str(articles)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and stored_documents(engine) < 5:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with engine.connect() as conn:
        if not on_postgres():
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        orphans = conn.execute(text("SELECT count(*) FROM assertions a LEFT JOIN documents d "
                                    "ON a.document_id = d.id WHERE d.id IS NULL")).scalar()
        assert orphans == 0
    engine.dispose()
    assert run("ingest", "--db", db, str(articles)).returncode == 0
    clean = databases.new("clean")
    assert run("ingest", "--db", clean, str(articles)).returncode == 0
    assert run("stats", "--db", db, "--json").stdout == run("stats", "--db", clean, "--json").stdout
    if not on_postgres():  # the search index agrees with the rows it indexes
        engine = create_engine(db)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO search_names(search_names) VALUES ('integrity-check')"))
            conn.execute(text("INSERT INTO search_evidence(search_evidence) VALUES ('integrity-check')"))
        engine.dispose()


def test_readers_work_while_an_ingest_is_writing(tmp_path, db_url):
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(4):
        for path in sorted(SAMPLES.glob("*.txt")) + sorted((DEV / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (articles / f"{path.stem}_{n}.txt").write_text(text + f"\n\nCopy {n}.", encoding="utf-8")
    db = db_url
    assert run("ingest", "--db", db, str(SAMPLES / "01_harbor_rumor.txt")).returncode == 0
    proc = subprocess.Popen([CALLSHEET, "ingest", "--db", db, str(articles)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reads, seen = 0, set()
    try:
        while proc.poll() is None and reads < 40:
            shown = run("show", "project", "Midnight Harbor", "--db", db, "--json")
            assert shown.returncode == 0, shown.stderr
            found = run("search", "Orlov", "--db", db, "--json")
            assert found.returncode == 0, found.stderr
            seen.add(json.loads(run("stats", "--db", db, "--json").stdout)["documents"])
            reads += 1
    finally:
        proc.wait(timeout=600)
    assert proc.returncode == 0, proc.stderr.read().decode()
    assert reads >= 2 and len(seen) >= 2  # the reads really overlapped the writing


def run_in(cwd, *args):
    return subprocess.run([CALLSHEET, *args], capture_output=True, text=True, timeout=600, cwd=cwd)


def test_one_file_under_three_spellings_is_one_document(tmp_path, db_url):
    """Issue 10: samples/01_harbor_rumor.txt, ./samples/01_harbor_rumor.txt and
    its absolute path stored three documents and showed "3 reports" of one sentence."""
    db = db_url
    root = SAMPLES.parent
    first = run_in(root, "ingest", "--db", db, "samples/01_harbor_rumor.txt", "./samples/01_harbor_rumor.txt",
                   str(SAMPLES / "01_harbor_rumor.txt"))
    assert first.returncode == 0, first.stderr
    assert "ingested: 1 added, 0 replaced, 2 unchanged, 0 failed" in first.stdout
    assert json.loads(run("stats", "--db", db, "--json").stdout)["documents"] == 1
    card = json.loads(run("show", "person", "Nadia Orlov", "--db", db, "--json").stdout)
    assert card["facts"] and all(len(f["history"]) == 1 for f in card["facts"])  # not "3 reports"
    # unchanged files are never extracted again: a pipeline that cannot load is never loaded
    again = run_in(root, "ingest", "--db", db, "--pipeline", "no_such_pipeline", "samples/01_harbor_rumor.txt")
    assert again.returncode == 0, again.stderr
    assert "ingested: 0 added, 0 replaced, 1 unchanged, 0 failed" in again.stdout


def evidence_of(json_lines: list[str]) -> set[str]:
    """Every evidence sentence in `extract --json` or `export --format jsonl` output."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            found.update([node["evidence"]] if isinstance(node.get("evidence"), str) else [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for line in json_lines:
        walk(json.loads(line))
    return found


def test_an_edited_file_under_another_spelling_replaces_its_old_version(tmp_path, db_url):
    db = db_url
    story = tmp_path / "story.txt"
    story.write_text((SAMPLES / "01_harbor_rumor.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert run_in(tmp_path, "ingest", "--db", db, "story.txt").returncode == 0
    story.write_text((SAMPLES / "02_harbor_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    edited = run_in(tmp_path, "ingest", "--db", db, str(story))
    assert "ingested: 0 added, 1 replaced, 0 unchanged, 0 failed" in edited.stdout, edited.stderr
    # what the KB holds is what the new version says, and nothing only the old one said
    said = evidence_of(run_in(tmp_path, "extract", "--json", "story.txt").stdout.splitlines())
    stored = evidence_of(run("export", "--format", "jsonl", "--db", db).stdout.splitlines())
    assert said and stored == said
    assert json.loads(run("stats", "--db", db, "--json").stdout)["documents"] == 1


def _casting_report(doc_id: str, published: str | None, sentence: str, status: str) -> dict:
    """A format-v1 extraction with its text (a `batch` shard's line): `sentence`
    says Mara Quint will star in Salt Road, with `status`."""
    return {"format": "callsheet/1",
            "doc": {"id": doc_id, "published": published, "title": None, "source": None,
                    "text": sentence + "\n", "body_start": 0},
            "entities": [{"id": "p1", "type": "person", "name": "Mara Quint"},
                         {"id": "w1", "type": "work", "name": "Salt Road", "kind": "film", "year": None}],
            "facts": [{"subject": "p1", "predicate": "cast", "object": "w1", "status": status, "qualifiers": {},
                       "evidence": sentence, "attribution": None, "confidence": 0.9}]}


def test_an_undated_confirmation_is_the_latest_report_and_its_date_says_inferred(tmp_path, db_url):
    """Issue 10: an undated "the studio has confirmed X will star" ranked as
    oldest: X stayed in_talks and the timeline read confirmed → rumored → in_talks.
    The reports are stored extractions, so that the test is about the order the
    knowledge base keeps whatever the shipped model reads (its wording tests are
    in tests/extraction)."""
    from datetime import datetime, timezone
    shard = tmp_path / "reports.jsonl"
    reports = [_casting_report("a_rumor", "2001-01-10",
                               "Mara Quint is being eyed to star in the thriller Salt Road, sources said.", "rumored"),
               _casting_report("b_talks", "2001-02-20",
                               "Mara Quint is in final talks to star in the thriller Salt Road.", "in_talks"),
               _casting_report("c_confirmed", None,
                               "The studio has confirmed Mara Quint will star in the thriller Salt Road.", "confirmed")]
    shard.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    db = db_url
    before = datetime.now(timezone.utc).date().isoformat()
    ingested = run("ingest", "--db", db, str(shard))
    assert ingested.returncode == 0, ingested.stderr
    after = datetime.now(timezone.utc).date().isoformat()
    fact = json.loads(run("show", "person", "Mara Quint", "--db", db, "--json").stdout)["facts"][0]
    assert fact["status"] == "confirmed"
    assert [(h["status"], h["date_inferred"]) for h in fact["history"]] == [
        ("rumored", False), ("in_talks", False), ("confirmed", True)]
    assert fact["history"][-1]["published"] in (before, after)
    events = json.loads(run("timeline", "Salt Road", "--db", db, "--json").stdout)
    assert [(e["status"], e["published"]) for e in events[:2]] == [("rumored", "2001-01-10"), ("in_talks", "2001-02-20")]
    assert [e["status"] for e in events] == ["rumored", "in_talks", "confirmed"]
    assert events[-1]["published"] in (before, after)
    shown = run("timeline", "Salt Road", "--db", db, env={**os.environ, "COLUMNS": "200"}).stdout
    assert f"{fact['history'][-1]['published']} (inferred)" in " ".join(shown.split())


def test_a_status_said_again_makes_no_timeline_event(tmp_path, db_url):
    shard = tmp_path / "reports.jsonl"
    reports = [_casting_report("a_talks", "2001-02-20",
                               "Mara Quint is in final talks to star in the thriller Salt Road.", "in_talks"),
               _casting_report("b_talks", "2001-03-01",
                               "Mara Quint is still in talks to star in the thriller Salt Road.", "in_talks")]
    shard.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    assert run("ingest", "--db", db_url, str(shard)).returncode == 0
    events = json.loads(run("timeline", "Salt Road", "--db", db_url, "--json").stdout)
    assert [(e["status"], e["published"]) for e in events] == [("in_talks", "2001-02-20")]


def test_export_into_a_missing_folder_is_a_clear_error(tmp_path, db_url):
    db = db_url
    result = run("export", "--format", "jsonl", "--db", db, "--out", str(tmp_path / "nowhere" / "kb.jsonl"))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"callsheet: error: {tmp_path / 'nowhere' / 'kb.jsonl'}: cannot write there: "
                                     f"no folder '{tmp_path / 'nowhere'}'")



def test_a_shard_line_python_cannot_hold_is_an_error_naming_its_line_and_the_rest_is_stored(tmp_path, db_url):
    shard = tmp_path / "reports.jsonl"
    good = json.dumps(_casting_report("a_talks", "2001-02-20", "Mara Quint is in talks to star in Salt Road.",
                                      "in_talks"))
    huge = json.dumps(_casting_report("b_huge", "2001-03-01", "Mara Quint will star in Salt Road.", "attached"))
    huge = huge.replace('"confidence": 0.9', '"confidence": ' + "9" * 400)  # no float holds it
    shard.write_text(huge + "\n" + good + "\n", encoding="utf-8")
    done = run("ingest", "--db", db_url, str(shard))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "reports.jsonl: line 1: not a valid callsheet/1 extraction (OverflowError" in done.stderr
    assert json.loads(run("stats", "--db", db_url, "--json").stdout)["documents"] == 1


def test_a_closed_standard_input_is_an_error_not_a_crash(tmp_path):
    done = subprocess.run([CALLSHEET, "extract", "-"], capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: os.close(0))
    assert done.returncode == 1 and "-: standard input is closed" in done.stderr and "Traceback" not in done.stderr


def test_a_read_command_on_a_missing_sqlite_file_says_so_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo.db"
    url = f"sqlite:///{missing}"
    for args in (("stats",), ("show", "project", "Salt Road"), ("timeline", "Salt Road"), ("search", "Salt"),
                 ("export", "--format", "jsonl"), ("dump",), ("hooks", "list"), ("hooks", "deliveries"),
                 ("hooks", "remove", "1"), ("hooks", "deliver")):
        result = run(*args, "--db", url)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.strip() == (f"callsheet: error: no knowledge base at {missing}: the file does not "
                                         f"exist (`callsheet ingest` or `callsheet load` creates one)"), args
        assert not missing.exists(), args
    assert run("ingest", "--db", url, str(SAMPLES / "01_harbor_rumor.txt")).returncode == 0
    assert json.loads(run("stats", "--db", url, "--json").stdout)["documents"] == 1

    uri = run("stats", "--db", f"sqlite:///file:{tmp_path / 'typo2.db'}?mode=rwc&uri=true")
    assert uri.returncode == 2 and f"no knowledge base at {tmp_path / 'typo2.db'}" in uri.stderr
    assert not (tmp_path / "typo2.db").exists()


def test_an_empty_file_is_no_knowledge_base_to_read_and_a_folder_none_at_all(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for args in (("stats",), ("show", "project", "Salt Road"), ("dump",)):
        result = run(*args, "--db", f"sqlite:///{empty}")
        assert result.returncode == 2, (args, result.stderr)
        assert f"no knowledge base at {empty}: the file is empty" in result.stderr, args
        assert empty.stat().st_size == 0, args  # no schema written into it
    assert run("ingest", "--db", f"sqlite:///{empty}", str(SAMPLES / "01_harbor_rumor.txt")).returncode == 0
    assert json.loads(run("stats", "--db", f"sqlite:///{empty}", "--json").stdout)["documents"] == 1

    folder = tmp_path / "kbs"
    folder.mkdir()
    for args in (("stats",), ("ingest", str(SAMPLES / "01_harbor_rumor.txt"))):
        result = run(*args, "--db", f"sqlite:///{folder}")
        assert result.returncode == 2, (args, result.stderr)
        assert f"cannot open database {folder}: it is a folder" in result.stderr, args
    assert list(folder.iterdir()) == []
