"""`callsheet serve` as a process: several workers answer, and stopping the
server stops every worker."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_workers_serve_and_all_stop_with_the_server(kb_url):
    port = free_port()
    callsheet = shutil.which("callsheet", path=str(Path(sys.executable).parent))
    proc = subprocess.Popen([callsheet, "serve", "--db", kb_url, "--port", str(port), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        answered = 0
        while answered < 20 and time.monotonic() < deadline:
            try:
                got = httpx.get(f"http://127.0.0.1:{port}/api/v1/projects", headers={"Connection": "close"})
                assert got.status_code == 200
                answered += 1
            except httpx.TransportError:
                time.sleep(0.2)
        assert answered == 20
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    with socket.socket() as s:  # no worker is left listening (REUSEADDR only passes TIME_WAIT)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen()


def test_serve_refuses_a_file_that_is_no_database(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    callsheet = shutil.which("callsheet", path=str(Path(sys.executable).parent))
    done = subprocess.run([callsheet, "serve", "--db", f"sqlite:///{bad}", "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "cannot open database" in done.stderr and "notes.db" in done.stderr
    assert bad.read_text() == "not a database"
