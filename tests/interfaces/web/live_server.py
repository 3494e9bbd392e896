"""`callsheet serve` as a process on a free port of 127.0.0.1, for the tests
that need a real server (browser, schemathesis, workers, webhooks). Its log
goes to a file (a pipe nobody reads would fill and stall the server)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
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
def serving(db_url: str, *args: str, env: dict[str, str] | None = None, log: Path | None = None):
    """Yields the base URL of `callsheet serve --db db_url *args` once it
    answers; stops it (and its workers) afterwards. Its stderr goes to `log`
    (default: a file of its own, removed afterwards)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = log or Path(folder) / "serve.log"
        with open(log, "w") as handle:
            proc = subprocess.Popen([CALLSHEET, "serve", "--db", db_url, "--port", str(port), *args],
                                    stdout=subprocess.DEVNULL, stderr=handle, env={**os.environ, **(env or {})})
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/api/v1/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"callsheet serve did not start: {log.read_text()[-2000:]}")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=30)
