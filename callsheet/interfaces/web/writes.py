"""Writes (read an article, extract it, ingest it) queued one at a time, away from
the server's readers.

Extracting a long article takes seconds of CPU. Run in the server's own
process it would hold the interpreter's lock while pages and API reads
wait, so by default each write runs in one worker process, started on the
first write (it loads the language pipeline once), with its own connection
to the knowledge base: the server only awaits the answer, and reads stay
fast. Writes wait their turn in order; when `max_waiting` are already
waiting, the next is refused (`Busy`, a 503 with Retry-After) rather than
queued without bound.

Given an extractor (tests, or an application embedding callsheet), writes
run on one thread of this process instead.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from callsheet.interfaces.batch import describe_error
from callsheet.schema import Article

log = logging.getLogger(__name__)
MAX_WAITING = 8


class Busy(Exception):
    """Too many writes are waiting already; `str()` says so."""


class Refused(Exception):
    """The article cannot be read or extracted; nothing was stored. `str()` says why."""


def read_posted(posted: dict) -> Article:
    """The API's body (text or html, published, url, and the id given to it) as an `Article`.
    Raises `Refused` for a text with no words or a page with no article text."""
    from callsheet.reading import NotAnArticle, ReadError, article_from_html, parse_article
    try:
        if posted.get("html") is not None:
            return article_from_html(posted["html"], posted["id"], published=posted.get("published"),
                                     url=posted.get("url"))
        if not any(ch.isalpha() for ch in posted["text"]):
            raise ReadError(posted.get("url") or posted["id"], "the text holds no words")
        return parse_article(posted["text"], posted["id"], published=posted.get("published"),
                             path=posted.get("url"))
    except (ReadError, NotAnArticle) as exc:
        raise Refused(str(exc)) from None


class Writer:
    """What one write needs: an extractor and the knowledge base."""

    def __init__(self, db_url: str, extractor=None):
        self.db_url = db_url
        self.extractor = extractor
        self._kb = None

    def write(self, posted: dict) -> dict:
        """Reads, extracts and ingests one posted article (see `read_posted`);
        returns the API's answer (outcome, facts_stored, extraction). Raises `Refused`."""
        article = read_posted(posted)
        location = posted.get("url")
        if self.extractor is None:
            from callsheet.extraction import Extractor
            self.extractor = Extractor()
        if self._kb is None:
            from callsheet.knowledge import KnowledgeBase
            self._kb = KnowledgeBase(self.db_url)
        try:
            extraction = self.extractor.extract(article)
        except Exception as exc:  # noqa: BLE001  (a bug in a rule: this article fails, the server goes on)
            log.exception("cannot extract facts from %s", location or article.id)
            raise Refused(f"cannot extract facts from this article ({describe_error(exc)}); "
                                   "nothing was stored") from None
        result = self._kb.ingest(extraction, location=location)
        return {"outcome": result.outcome, "facts_stored": result.facts, "extraction": extraction.to_dict()}

    def close(self) -> None:
        if self._kb is not None:
            self._kb.close()


_worker: Writer | None = None


def _start_worker(db_url: str, server_pid: int) -> None:
    global _worker
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # a page with no article is a 422, not a log
    _worker = Writer(db_url)
    threading.Thread(target=_exit_with_server, args=(server_pid,), daemon=True).start()


def _exit_with_server(server_pid: int) -> None:
    """A worker whose server died (even by SIGKILL) has no one to answer: it exits."""
    while os.getppid() == server_pid:
        time.sleep(1)
    os._exit(0)


def _write_in_worker(posted: dict) -> dict:
    return _worker.write(posted)


class Writes:
    """The queue of writes of one server process (see the module's docstring)."""

    def __init__(self, db_url: str, extractor=None, max_waiting: int = MAX_WAITING):
        self.db_url = db_url
        self.max_waiting = max_waiting
        self.waiting = 0
        self.local = Writer(db_url, extractor) if extractor is not None else None
        self._executor: Executor | None = None

    def _pool(self) -> Executor:
        if self._executor is None:
            if self.local is not None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="callsheet-writes")
            else:
                self._executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=_start_worker, initargs=(self.db_url, os.getpid()))
        return self._executor

    async def write(self, posted: dict) -> dict:
        """Waits for this write's turn and its answer (`Writer.write`). Raises
        `Busy`, `Refused`, or `Busy` again when the worker process died (a
        new one starts with the next write)."""
        if self.waiting >= self.max_waiting:
            raise Busy(f"{self.waiting} writes are waiting already; retry in a while")
        self.waiting += 1
        try:
            if self.local is not None:
                job = self._pool().submit(self.local.write, posted)
            else:
                job = self._pool().submit(_write_in_worker, posted)
            return await asyncio.wrap_future(job)
        except BrokenProcessPool:
            log.error("the write worker stopped while writing %s; starting another", posted.get("url") or posted["id"])
            self._executor = None
            raise Busy("the write worker stopped while writing this article; nothing was stored; "
                       "retry in a while") from None
        finally:
            self.waiting -= 1

    def close(self) -> None:
        """Stops the worker at once: a write it was doing is rolled back, as if it never began."""
        if self._executor is not None:
            workers = list(getattr(self._executor, "_processes", {}).values())
            self._executor.shutdown(wait=False, cancel_futures=True)
            for process in workers:
                process.terminate()
            self._executor = None
        if self.local is not None:
            self.local.close()
