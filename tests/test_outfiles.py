"""`export --out` and `dump --out`: a file made whole, never a device or a
link replaced, and a full disk or a folder told as an error."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from callsheet.outfiles import written

CALLSHEET = str(Path(sys.executable).parent / "callsheet")


def test_a_file_is_made_whole_or_left_as_it_was(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with written(target) as handle:
            handle.write("half")
            raise RuntimeError("stopped half way")
    assert target.read_text() == "old" and not (tmp_path / "out.csv.partial").exists()
    with written(target, mode=0o600) as handle:
        handle.write("new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_link_is_followed_and_kept(tmp_path):
    (tmp_path / "real.csv").write_text("old")
    (tmp_path / "link.csv").symlink_to("real.csv")
    with written(tmp_path / "link.csv") as handle:
        handle.write("new")
    assert (tmp_path / "link.csv").is_symlink() and (tmp_path / "real.csv").read_text() == "new"


def test_a_link_planted_at_the_partial_name_is_never_written_through(tmp_path):
    (tmp_path / "victim").write_text("VICTIM")
    (tmp_path / "out.csv.partial").symlink_to("victim")
    with written(tmp_path / "out.csv") as handle:
        handle.write("new")
    assert (tmp_path / "victim").read_text() == "VICTIM" and (tmp_path / "out.csv").read_text() == "new"
    assert not (tmp_path / "out.csv").is_symlink()


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    with written(fifo) as handle:
        handle.write("through the pipe")
    reader.join(timeout=60)
    assert got == ["through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("where", ["", "/", "."])
def test_a_folder_is_no_file_to_write(where):
    with pytest.raises(IsADirectoryError):
        with written(Path(where)):
            pass


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="Linux's /dev/full tells every write the disk is full")
def test_a_full_disk_is_an_error_and_the_device_stays_a_device(tmp_path):
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    from callsheet.knowledge import KnowledgeBase
    from callsheet.schema import Article, Entity, Extraction, Fact
    kb = KnowledgeBase(db)
    kb.ingest(Extraction(Article(id="a", text="Nadia Orlov is eyed.", published="2026-01-12"),
                         [Entity("p1", "person", "Nadia Orlov"), Entity("w1", "work", "Salt Road", "film")],
                         [Fact(subject="p1", predicate="cast", object="w1", status="rumored",
                               evidence="Nadia Orlov is eyed.")]))
    kb.close()
    for command in (["export", "--format", "jsonl", "--db", db, "--out", "/dev/full"],
                    ["dump", "--db", db, "--out", "/dev/full"]):
        done = subprocess.run([CALLSHEET, *command], capture_output=True, text=True, timeout=300)
        assert done.returncode == 1 and "/dev/full: cannot write there: No space left on device" in done.stderr
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    with open("/dev/full", "w") as full:
        done = subprocess.run([CALLSHEET, "export", "--format", "jsonl", "--db", db], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 1 and "cannot write the output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
