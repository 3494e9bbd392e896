"""Many articles through the extractor, so that one article can never stop a run.

spaCy processes articles in batches, and an exception inside a batch ends
the whole stream. `extract_each` notes which articles are in flight, and
when the stream breaks it extracts those again one by one: the one that
fails comes out as an `ExtractionFailure`, every other article as its
`Extraction`, in the order they went in, and the run goes on with the rest.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from callsheet.processing.runner import describe_error
from callsheet.schema import Article, Extraction

__all__ = ["ExtractionFailure", "describe_error", "extract_each"]


@dataclass
class ExtractionFailure:
    """An article whose extraction raised `error`; `str()` names the file and the problem."""
    article: Article
    error: Exception

    def __str__(self) -> str:
        where = self.article.path or self.article.id
        return f"{where}: cannot extract facts from this article ({describe_error(self.error)})"


class _ArticlesFailed(Exception):
    """The caller's own article iterator raised: not an extraction failure."""


def extract_each(make_extractor: Callable[[], object],
                 articles: Iterable[Article]) -> Iterator[Extraction | ExtractionFailure]:
    """Extracts every article, batched, containing failures to their article.

    `make_extractor` is called once, on the first article, so that a run
    with nothing to extract never loads a pipeline; it must return an object
    with `extract(article)` and `extract_many(articles)` (an `Extractor`).
    An exception from `articles` itself is the caller's: it propagates once
    the articles already read are extracted."""
    source = iter(articles)
    first = next(source, None)
    if first is None:
        return
    extractor = make_extractor()
    in_flight: deque[Article] = deque()

    def feed() -> Iterator[Article]:
        in_flight.append(first)
        yield first
        while True:
            try:
                article = next(source)
            except StopIteration:
                return
            except Exception as exc:
                raise _ArticlesFailed() from exc
            in_flight.append(article)
            yield article

    stream = feed()
    while True:
        upstream: BaseException | None = None
        try:
            for extraction in extractor.extract_many(stream):
                in_flight.popleft()
                yield extraction
            return
        except _ArticlesFailed as exc:
            upstream = exc.__cause__
        except Exception:  # noqa: BLE001  (a bug in any rule, for one article)
            pass
        retry = list(in_flight)
        in_flight.clear()
        for article in retry:
            try:
                extraction = extractor.extract(article)
            except Exception as exc:  # noqa: BLE001
                yield ExtractionFailure(article, exc)
            else:
                yield extraction
        if upstream is not None:
            raise upstream
