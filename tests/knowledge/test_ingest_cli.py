"""The knowledge-base commands through the real entry point, including an
ingest killed with SIGKILL halfway and then run again."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from corpus_paths import DEV

CALLSHEET = str(Path(sys.executable).parent / "callsheet")
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run(*args, env=None):
    return subprocess.run([CALLSHEET, *args], capture_output=True, text=True, env=env, timeout=600)


def test_ingest_show_search_stats_export(tmp_path):
    db = f"sqlite:///{tmp_path / 'kb.db'}"
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


def test_database_url_comes_from_the_environment(tmp_path):
    env = {**os.environ, "CALLSHEET_DB": f"sqlite:///{tmp_path / 'env.db'}"}
    assert run("ingest", str(SAMPLES / "01_harbor_rumor.txt"), env=env).returncode == 0
    assert (tmp_path / "env.db").exists()


def test_an_ingest_killed_midway_leaves_a_consistent_database(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(6):
        for path in sorted((DEV / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (articles / f"{path.stem}_{n}.txt").write_text(text + f"\n\nCopy {n}.", encoding="utf-8")
    db_path = tmp_path / "kb.db"
    db = f"sqlite:///{db_path}"
    proc = subprocess.Popen([CALLSHEET, "ingest", "--db", db, str(articles)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                stored = 0
            if stored >= 5:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute("SELECT count(*) FROM assertions a LEFT JOIN documents d "
                               "ON a.document_id = d.id WHERE d.id IS NULL").fetchone()[0]
        assert orphans == 0
    assert run("ingest", "--db", db, str(articles)).returncode == 0
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    assert run("ingest", "--db", clean, str(articles)).returncode == 0
    assert run("stats", "--db", db, "--json").stdout == run("stats", "--db", clean, "--json").stdout
    with sqlite3.connect(db_path) as conn:  # the search index agrees with the rows it indexes
        conn.execute("INSERT INTO search_names(search_names) VALUES ('integrity-check')")
        conn.execute("INSERT INTO search_evidence(search_evidence) VALUES ('integrity-check')")


def test_readers_work_while_an_ingest_is_writing(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(4):
        for path in sorted(SAMPLES.glob("*.txt")) + sorted((DEV / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (articles / f"{path.stem}_{n}.txt").write_text(text + f"\n\nCopy {n}.", encoding="utf-8")
    db_path = tmp_path / "kb.db"
    db = f"sqlite:///{db_path}"
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
