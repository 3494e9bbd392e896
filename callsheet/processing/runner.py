"""Reading and extraction of a stream of records, in one process or in N
worker processes, with results in input order.

Each worker loads the language pipeline once, the first time it has an
article to extract. Records go out in chunks, at most a few chunks per
worker in flight, so memory stays flat however long the input. One article
that cannot be read or extracted becomes one `Outcome` with its error; the
others go on.
"""
from __future__ import annotations

import hashlib
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from callsheet.reading import ExtractedLine, NotAnArticle, ReadError, Record, to_article
from callsheet.schema import Article, Extraction

CHUNK = 8  # records per task: enough to amortise the hand-over, small enough to keep workers even
IN_FLIGHT_PER_WORKER = 3


def describe_error(exc: BaseException) -> str:
    """An exception as one line: its type and the first line of its message."""
    message = str(exc).strip().splitlines()
    return type(exc).__name__ + (f": {message[0]}" if message else "")


@dataclass
class Outcome:
    """What became of one input record: an extraction, an error, or a note
    that it was passed over (`skipped` names why, e.g. "listing page")."""
    extraction: Extraction | None = None
    error: ReadError | None = None
    skipped: str | None = None
    count: int = 1  # how many were skipped for that reason
    recognised: Article | None = None  # an article `recognise` knows: read, not extracted


class _Worker:
    """The per-process state: the pipeline's name, and the extractor once loaded."""
    pipeline: str | None = None
    extractor = None

    @classmethod
    def get(cls):
        if cls.extractor is None:
            from callsheet.extraction import Extractor
            cls.extractor = Extractor(pipeline=cls.pipeline)
        return cls.extractor


def _init_worker(pipeline: str | None) -> None:
    _Worker.pipeline = pipeline
    _Worker.extractor = None


def read_record(item, published: str | None = None) -> Article | Outcome:
    """The article a record holds, or the `Outcome` that says why there is none."""
    if isinstance(item, (Article, Outcome)):
        return item
    if isinstance(item, ReadError):
        return Outcome(error=item)
    if isinstance(item, ExtractedLine):
        return _from_shard(item)
    try:
        return to_article(item, published)
    except ReadError as exc:
        return Outcome(error=exc)
    except NotAnArticle as exc:
        return Outcome(skipped=exc.kind)
    except Exception as exc:  # noqa: BLE001  (a reader library failing on hostile input)
        return Outcome(error=ReadError(item.origin, f"cannot read this file ({describe_error(exc)})", item.where))


def process_chunk(items: list, published: str | None = None, extractor=None) -> list[Outcome]:
    """Reads and extracts a chunk of records (see `Inputs`), articles already
    read, or outcomes already known; one `Outcome` per item, in order."""
    outcomes: list[Outcome | None] = [None] * len(items)
    articles = []
    for n, item in enumerate(items):
        read = read_record(item, published)
        if isinstance(read, Outcome):
            outcomes[n] = read
        else:
            articles.append((n, read))
    if articles:
        extractor = extractor or _Worker.get()
        for n, outcome in zip([n for n, _ in articles], _extract(extractor, [a for _, a in articles])):
            outcomes[n] = outcome
    return outcomes  # type: ignore[return-value]


def _extract(extractor, articles) -> list[Outcome]:
    try:
        return [Outcome(extraction=e) for e in extractor.extract_many(articles)]
    except Exception:  # noqa: BLE001  (find the article that failed, and extract the others one by one)
        outcomes = []
        for article in articles:
            try:
                outcomes.append(Outcome(extraction=extractor.extract(article)))
            except Exception as exc:  # noqa: BLE001  (a bug in any rule, for one article)
                outcomes.append(Outcome(error=ReadError(
                    article.path or "-", f"cannot extract facts from this article ({describe_error(exc)})",
                    article.record)))
        return outcomes


def _from_shard(item: ExtractedLine) -> Outcome:
    try:
        return Outcome(extraction=Extraction.from_dict(item.data, path=None if item.origin == "-" else item.origin,
                                                       record=item.where))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:  # Overflow: a 400-digit number
        return Outcome(error=ReadError(item.origin, f"not a valid callsheet/1 extraction ({exc!r})", item.where))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _recognised(records: Iterable, recognise: Callable, published: str | None) -> Iterator[Article | Outcome]:
    """Records read here, each article first offered to `recognise`: one it
    knows is not extracted. An article whose text an earlier one of this run
    also has is never offered (that one may not be stored yet), so that what
    is extracted does not depend on how far reading runs ahead."""
    earlier: set[bytes] = set()  # digests, not texts: memory stays flat
    for item in records:
        read = read_record(item, published)
        if isinstance(read, Article):
            text = hashlib.sha256(read.text.encode("utf-8", "surrogatepass")).digest()
            try:
                known = text not in earlier and recognise(read)
            except Exception as exc:  # noqa: BLE001  (one article must never stop a run)
                read = Outcome(error=ReadError(read.path or "-", f"cannot store this article ({describe_error(exc)})",
                                               read.record))
            else:
                earlier.add(text)
                read = Outcome(recognised=read) if known else read
        yield read


def process(records: Iterable[Record | ReadError | ExtractedLine], *, pipeline: str | None = None,
            workers: int = 1, published: str | None = None, extractor=None, chunk: int = CHUNK,
            recognise: Callable[[Article], bool] | None = None) -> Iterator[Outcome]:
    """One `Outcome` per record, in input order. With `workers` > 1 the
    reading and extraction run in that many processes (the caller's process
    only splits the inputs and collects); `extractor` serves a single worker.
    With `recognise`, records are read in the caller's process and an
    article for which it returns true is not extracted: its outcome carries
    the article (`recognised`). The pipeline is loaded only when an article
    needs extracting. Raises `PipelineError` when it cannot be loaded."""
    _Worker.pipeline = pipeline  # also for an article the caller extracts here (see process_chunk)
    if recognise is not None:
        records = _recognised(records, recognise, published)
    if workers <= 1:
        for items in _chunks(records, chunk):
            yield from process_chunk(items, published, extractor)
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=(pipeline,)) as pool:
        pending: deque = deque()
        try:
            for items in _chunks(records, chunk):
                pending.append(pool.submit(process_chunk, items, published))
                while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
