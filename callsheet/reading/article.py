"""Turns files into `Article`s.

Two text shapes are understood (see the corpus): the web-corpus shape, whose
first line is ` date YYYY-MM-DD` plus optional site boilerplate, and the
headline shape, a headline, a blank line, then the body. The text is kept
verbatim (after decoding and NFC) so that evidence spans stay exact.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from callsheet.schema import Article

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ""}

_DATE_LINE = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$")
_SITE = re.compile(r"\b([A-Z][A-Za-z0-9]+)\.(?:com|co\.uk|net|org|tv)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”]?\s")


class ReadError(Exception):
    """A file that cannot be read as an article; `str()` names file and reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def iter_input_files(paths: list[str]) -> Iterator[str | ReadError]:
    """Expands the command line's paths into article files, in a stable order.

    Yields a path, "-" for stdin, or a `ReadError` for a path that yields no
    article, so that the caller can report it and carry on with the rest.
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and not p.name.startswith(".")
                           and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                yield ReadError(raw, "directory holds no articles (*.txt)")
            yield from (str(p) for p in files)
        elif path.is_file():
            yield raw
        elif path.exists():
            yield ReadError(raw, "not a regular file")
        else:
            yield ReadError(raw, "no such file or directory")


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Reads a file (or stdin for "-") without ever holding more than the limit."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise ReadError(path, f"file is larger than the {max_bytes:,}-byte limit")
    return data


def decode(data: bytes, path: str) -> str:
    """Detects the encoding of real-world bytes and returns NFC text."""
    if not data.strip():
        raise ReadError(path, "file is empty")
    if b"\x00" in data[:8192]:
        raise ReadError(path, "file looks binary (NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        match = from_bytes(data).best()
        if match is None:
            raise ReadError(path, "cannot decode the bytes in any known text encoding") from None
        text = str(match)
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(4, len(text) // 100):
        raise ReadError(path, "file looks binary (control characters), not an article")
    if not any(ch.isalpha() for ch in text):
        raise ReadError(path, "file holds no words")
    return unicodedata.normalize("NFC", text)


def read_article(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 published: str | None = None, doc_id: str | None = None) -> Article:
    data = read_bytes(path, max_bytes)
    text = decode(data, path)
    if doc_id is None:
        doc_id = "stdin" if path == "-" else Path(path).stem
    return parse_article(text, doc_id, published=published, path=None if path == "-" else path)


def parse_article(text: str, doc_id: str, *, published: str | None = None,
                  path: str | None = None) -> Article:
    """Finds date, title, source and where the body starts; never alters `text`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line, _, rest = text.partition("\n")
    match = _DATE_LINE.match(first_line)
    source = None
    if match:
        published = published or match.group(1)
        boilerplate = match.group(2)
        site = _SITE.search(boilerplate)
        source = site.group(1) if site else None
        body_start = len(first_line) + 1
        body = text[body_start:]
        lead = body.lstrip()
        first_para = lead.split("\n", 1)[0].strip()
        title = _SENTENCE_END.split(first_para, maxsplit=1)[0].strip() or None
    else:
        body_start = 0
        stripped = text.lstrip()
        head, sep, _ = stripped.partition("\n")
        title = head.strip() or None
    return Article(id=doc_id, text=text, published=published, title=title, source=source,
                   path=path, body_start=body_start)
