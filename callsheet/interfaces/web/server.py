"""Running the application under uvicorn, on one process or several.

Several workers each listen on their own socket bound with SO_REUSEPORT, so
the kernel spreads connections over them. (uvicorn's own --workers share one
socket, and one worker can end up accepting every kept-alive connection while
the others idle.) Where SO_REUSEPORT or fork is missing, uvicorn's workers
are used instead.

Logs go to stderr, one line each, with the time (UTC), level and source:
uvicorn's access log at info, callsheet's own events (webhook deliveries,
hooks added or removed, errors). No line holds the write token, a webhook's
secret or a database password: the URL is shown with *** for it.
"""
from __future__ import annotations

import logging
import logging.config
import os
import signal
import socket
import time

import uvicorn

FACTORY = "callsheet.interfaces.web.app:app_from_environment"
LEVELS = ("debug", "info", "warning", "error")


class _UTC(logging.Formatter):
    converter = time.gmtime


def logging_config(level: str = "info") -> dict:
    """uvicorn's and callsheet's loggers, one format: `2026-11-30T10:00:00Z INFO callsheet.knowledge.hooks: ...`."""
    handler = {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stderr"}
    logger = {"handlers": ["stderr"], "level": level.upper(), "propagate": False}
    return {"version": 1, "disable_existing_loggers": False,
            "formatters": {"line": {"()": _UTC, "fmt": "%(asctime)s %(levelname)s %(name)s: %(message)s",
                                    "datefmt": "%Y-%m-%dT%H:%M:%SZ"}},
            "handlers": {"stderr": handler},
            "loggers": {"uvicorn": logger, "uvicorn.error": {**logger, "propagate": False},
                        "uvicorn.access": logger, "callsheet": logger}}


def run(host: str, port: int, workers: int = 1, log_level: str = "info") -> None:
    """Serves the KB named by $CALLSHEET_DB until interrupted."""
    config = logging_config(log_level)
    logging.config.dictConfig(config)
    if workers == 1:
        uvicorn.run(FACTORY, factory=True, host=host, port=port, log_config=config, log_level=log_level)
        return
    if not hasattr(socket, "SO_REUSEPORT") or not hasattr(os, "fork"):
        uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers, log_config=config,
                    log_level=log_level)
        return
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            _worker(host, port, config, log_level)
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


def _worker(host: str, port: int, log_config: dict, log_level: str) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    config = uvicorn.Config(FACTORY, factory=True, log_config=log_config, log_level=log_level)
    uvicorn.Server(config).run(sockets=[sock])
