"""`callsheet serve` as a process on a free port of 127.0.0.1, for the tests
that need a real server (browser, schemathesis, workers)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

CALLSHEET = shutil.which("callsheet", path=str(Path(sys.executable).parent))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db_url: str, *args: str, env: dict[str, str] | None = None):
    """Yields the base URL of `callsheet serve --db db_url *args` once it
    answers; stops it (and its workers) afterwards."""
    port = free_port()
    proc = subprocess.Popen([CALLSHEET, "serve", "--db", db_url, "--port", str(port), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/projects").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"callsheet serve did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
