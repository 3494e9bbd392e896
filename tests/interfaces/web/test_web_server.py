"""`callsheet serve` as a process: several workers answer, and stopping the
server stops every worker."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from live_server import CALLSHEET, free_port


def test_two_workers_serve_and_all_stop_with_the_server(kb_url):
    port = free_port()
    proc = subprocess.Popen([CALLSHEET, "serve", "--db", kb_url, "--port", str(port), "--workers", "2"],
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
    done = subprocess.run([CALLSHEET, "serve", "--db", f"sqlite:///{bad}", "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "cannot open database" in done.stderr and "notes.db" in done.stderr
    assert bad.read_text() == "not a database"


@pytest.mark.parametrize("base_url", ["ftp://callsheet.example", "https://[]/", "https://[not-ipv6]"])
def test_serve_refuses_a_base_url_that_is_no_http_url_with_a_host(tmp_path, base_url):
    done = subprocess.run([CALLSHEET, "serve", "--db", f"sqlite:///{tmp_path / 'kb.db'}", "--port", str(free_port()),
                           "--base-url", base_url], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--base-url" in done.stderr and "Traceback" not in done.stderr


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _gone(pid: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
def test_the_write_worker_answers_writes_and_ends_with_its_server(tmp_path, stop):
    port = free_port()
    proc = subprocess.Popen([CALLSHEET, "serve", "--db", f"sqlite:///{tmp_path / 'w.db'}", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "CALLSHEET_TOKEN": "s3cret"})
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/v1/projects")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        got = httpx.post(f"{base}/api/v1/articles", timeout=300, headers={"Authorization": "Bearer s3cret"},
                         json={"text": "Casting news\n\nAda Quist is set to star in 'The Tin Comet'."})
        assert got.status_code == 201, got.text
        assert httpx.get(f"{base}/api/v1/search", params={"q": "Quist"}).json()["results"]
        workers = _children(proc.pid)
        assert workers, "writes run in a worker process"
    finally:
        proc.send_signal(stop)
        proc.wait(timeout=30)
    assert all(_gone(pid, time.monotonic() + 30) for pid in workers)
