"""Running the application under uvicorn, on one process or several.

Several workers each listen on their own socket bound with SO_REUSEPORT, so
the kernel spreads connections over them. (uvicorn's own --workers share one
socket, and one worker can end up accepting every kept-alive connection while
the others idle.) Where SO_REUSEPORT or fork is missing, uvicorn's workers
are used instead.
"""
from __future__ import annotations

import os
import signal
import socket

import uvicorn

FACTORY = "callsheet.interfaces.web.app:app_from_environment"


def run(host: str, port: int, workers: int = 1) -> None:
    """Serves the KB named by $CALLSHEET_DB until interrupted."""
    if workers == 1:
        uvicorn.run(FACTORY, factory=True, host=host, port=port, log_level="warning")
        return
    if not hasattr(socket, "SO_REUSEPORT") or not hasattr(os, "fork"):
        uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning")
        return
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            _worker(host, port)
            os._exit(0)
        children.append(pid)

    def stop(signum, _frame):
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        os.waitpid(child, 0)


def _worker(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    config = uvicorn.Config(FACTORY, factory=True, log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])
