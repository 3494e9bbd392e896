"""--workers N and `callsheet batch` through the real entry point: the same
output as one worker's, in input order; resumable shards; the Ray engine on
a local instance on 127.0.0.1 gives the local engine's shards."""
import json
import os
import subprocess
import sys
from pathlib import Path

import made_up
import pytest
from corpus_paths import DEV, SAMPLES

CALLSHEET = str(Path(sys.executable).parent / "callsheet")


def run(*args, **kwargs):
    return subprocess.run([CALLSHEET, *args], capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Text, pages, a section front, a feed, a dump with a bad line and a WARC, in one folder."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in sorted((DEV / "text").glob("*.txt"))[:8]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "page.html").write_text(made_up.page(0))
    (folder / "front.html").write_text(made_up.section_front())
    (folder / "news.rss").write_bytes(made_up.rss())
    (folder / "dump.jsonl").write_text("\n".join([made_up.jsonl_lines()[0], "{broken", *made_up.jsonl_lines()[1:]]) + "\n")
    (folder / "crawl.warc.gz").write_bytes(made_up.warc())
    return folder


def test_extract_with_two_workers_prints_what_one_worker_prints_in_the_same_order(mixed):
    one = run("extract", "--json", str(mixed))
    two = run("extract", "--json", "--workers", "2", str(mixed))
    assert one.returncode == two.returncode == 1  # the broken line
    assert one.stdout == two.stdout and one.stderr == two.stderr
    docs = [json.loads(line) for line in one.stdout.splitlines()]
    assert len(docs) == 8 + 1 + 3 + 3 + 3
    assert docs[0]["doc"]["id"] == sorted(p.stem for p in mixed.glob("*.txt"))[0]
    errors = one.stderr.strip().splitlines()
    assert errors[0] == f"callsheet: error: {mixed / 'dump.jsonl'}: line 2: not JSON (Expecting property name " \
                        f"enclosed in double quotes at column 2)"
    assert errors[1] == "callsheet: skipped 2 WARC records that are no HTML page, 1 listing page"


def test_ingest_with_two_workers_builds_the_same_knowledge_base(mixed, tmp_path):
    kbs = []
    for workers in ("1", "2"):
        db = f"sqlite:///{tmp_path / f'kb{workers}.db'}"
        result = run("ingest", "--db", db, "--workers", workers, str(mixed))
        assert result.returncode == 1 and "1 failed" in result.stdout, result.stdout + result.stderr
        kbs.append((result.stdout, run("stats", "--db", db, "--json").stdout,
                    run("export", "--format", "jsonl", "--db", db).stdout))
    assert kbs[0] == kbs[1]
    assert json.loads(kbs[0][1])["documents"] == 11  # the feed, the dump and the crawl repeat some texts


def test_bad_input_never_loses_what_is_stored(tmp_path):
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    assert run("ingest", "--db", db, str(SAMPLES)).returncode == 0
    before = run("export", "--format", "csv", "--db", db).stdout
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "cut.warc.gz").write_bytes(made_up.warc()[:-300])
    (bad / "broken.rss").write_bytes(b"<rss><channel><title>x</title><item><title>y</title>")
    (bad / "empty.jsonl").write_text('{"title": "no text here"}\n')
    result = run("ingest", "--db", db, str(bad))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("cut.warc.gz: record at offset" in line and "truncated" in line for line in lines), lines
    assert any("broken.rss: line 1" in line for line in lines) and any("empty.jsonl: line 1" in line for line in lines)
    after = set(run("export", "--format", "csv", "--db", db).stdout.splitlines())
    assert set(before.splitlines()) <= after  # every assertion stored before is still there, unchanged
    assert json.loads(run("stats", "--db", db, "--json").stdout)["documents"] == 12 + 2  # the two whole pages


def test_progress_shows_on_a_terminal_and_never_in_a_pipe(tmp_path):
    piped = run("extract", "--json", str(SAMPLES))
    assert "articles/s" not in piped.stderr and piped.stderr == ""
    import pty
    leader, follower = pty.openpty()
    proc = subprocess.Popen([CALLSHEET, "extract", "--json", str(SAMPLES)], stdout=subprocess.PIPE,
                            stderr=follower, env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read().decode()
    proc.wait(timeout=300)
    os.close(leader)
    assert b"articles/s" in shown and b"ETA" in shown
    assert out == piped.stdout


def test_batch_writes_resumable_shards_that_ingest_merges(mixed, tmp_path):
    out = tmp_path / "shards"
    first = run("batch", str(mixed), "--out", str(out), "--shard-size", "4")
    assert first.returncode == 1 and "line 2: not JSON" in first.stderr
    shards = sorted(out.glob("*.jsonl"))
    # in name order: 8 texts by 4, the crawl, the dump, the front page alone (the feed follows), the feed, the page
    assert len(shards) == 2 + 1 + 1 + 1 + 1 + 1
    done = {p.name: p.stat().st_mtime_ns for p in shards}
    lines = [json.loads(line) for p in shards for line in p.read_text().splitlines()]
    assert len(lines) == 18 and all(d["format"] == "callsheet/1" and d["doc"]["text"] for d in lines)
    again = run("batch", str(mixed), "--out", str(out), "--shard-size", "4")
    assert "0 shards written" in again.stdout and "7 already done" in again.stdout
    assert {p.name: p.stat().st_mtime_ns for p in sorted(out.glob("*.jsonl"))} == done
    (mixed / "page.html").write_text(made_up.page(1))  # a changed input: its shard is done again
    try:
        third = run("batch", str(mixed), "--out", str(out), "--shard-size", "4")
        assert "1 shard written" in third.stdout and "6 already done" in third.stdout
    finally:
        (mixed / "page.html").write_text(made_up.page(0))
    run("batch", str(mixed), "--out", str(out), "--shard-size", "4")
    direct, merged = f"sqlite:///{tmp_path / 'direct.db'}", f"sqlite:///{tmp_path / 'merged.db'}"
    run("ingest", "--db", direct, str(mixed))
    result = run("ingest", "--db", merged, str(out))
    assert result.returncode == 0, result.stderr
    assert run("stats", "--db", merged, "--json").stdout == run("stats", "--db", direct, "--json").stdout
    assert run("export", "--format", "jsonl", "--db", merged).stdout == \
        run("export", "--format", "jsonl", "--db", direct).stdout


def test_the_ray_engine_writes_the_local_engines_shards(mixed, tmp_path):
    pytest.importorskip("ray")
    local, ray = tmp_path / "local", tmp_path / "ray"
    assert run("batch", str(mixed), "--out", str(local), "--shard-size", "4").returncode == 1
    result = run("batch", str(mixed), "--out", str(ray), "--shard-size", "4", "--engine", "ray", "--workers", "2",
                 env={k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"})
    assert result.returncode == 1 and "line 2: not JSON" in result.stderr, result.stderr
    assert "7 shards written (18 articles)" in result.stdout
    names = sorted(p.name for p in local.glob("*.jsonl"))
    assert names == sorted(p.name for p in ray.glob("*.jsonl"))
    for name in names:
        assert (local / name).read_bytes() == (ray / name).read_bytes(), name
