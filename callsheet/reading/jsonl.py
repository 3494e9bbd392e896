"""JSON Lines dumps: one article per line, as news crawlers write them.

Keys understood (the first one present wins):

| article field | keys |
| --- | --- |
| text | `text`, `maintext` (news-please), `raw_text` (trafilatura); or `html`, read as a web page |
| id | `id` |
| url | `url` |
| published | `published`, `date`, `date_publish` (news-please) |
| title | `title` |
| source | `source`, `sitename`, `source_domain` (news-please), `hostname` |

A line is read at most `max_bytes` long, so one giant line cannot fill the
memory; a line that is not JSON, not an object, or has no text is reported
by its line number and the rest are still read.
"""
from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from callsheet.reading.article import ReadError, first_line
from callsheet.reading.dates import iso_day
from callsheet.reading.records import Record
from callsheet.schema import FORMAT_VERSION

TEXT_KEYS = ("text", "maintext", "raw_text")
DATE_KEYS = ("published", "date", "date_publish")
SOURCE_KEYS = ("source", "sitename", "source_domain", "hostname")
MAX_ID_LENGTH = 200
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class ExtractedLine:
    """A line that is already a format-v1 extraction (a `batch` shard's line)."""

    def __init__(self, data: dict, origin: str, where: str, size: int):
        self.data, self.origin, self.where, self.size = data, origin, where, size


def jsonl_records(stream: BinaryIO, origin: str, max_bytes: int) -> Iterator[Record | ReadError | ExtractedLine]:
    """One `Record` per line that holds an article, a `ReadError` per bad line,
    in the file's order. A truncated or corrupt gzip stream ends the file with
    an error naming the line it stopped at."""
    number = 0
    while True:
        number += 1
        where = f"line {number}"
        try:
            line = stream.readline(max_bytes + 1)
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the giant line
                    line = stream.readline(1 << 20)
                yield ReadError(origin, f"line is larger than the {max_bytes:,}-byte limit", where)
                continue
        except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip stream
            yield ReadError(origin, f"the compressed file is damaged ({exc})", where)
            return
        if not line:
            return
        if not line.strip():
            continue
        yield _record(line, origin, where)


def _record(line: bytes, origin: str, where: str) -> Record | ReadError | ExtractedLine:
    try:
        obj = json.loads(line)
    except UnicodeDecodeError:
        return ReadError(origin, "line is not UTF-8 text", where)
    except json.JSONDecodeError as exc:
        return ReadError(origin, f"not JSON ({exc.msg} at column {exc.colno})", where)
    except (ValueError, RecursionError) as exc:  # an integer of over 4,300 digits; arrays nested too deep
        return ReadError(origin, f"JSON that Python cannot hold ({type(exc).__name__}: {first_line(exc)})", where)
    if not isinstance(obj, dict):
        return ReadError(origin, f"a JSON {type(obj).__name__}, not an object", where)
    if obj.get("format") == FORMAT_VERSION:
        return ExtractedLine(obj, origin, where, len(line))
    url = _string(obj.get("url"))
    kind, content = "text", None
    for key in TEXT_KEYS:
        if _string(obj.get(key)):
            content = obj[key]
            break
    if content is None and _string(obj.get("html")):
        kind, content = "html", obj["html"]
    if content is None:
        return ReadError(origin, "no article text (none of text, maintext, raw_text, html)", where)
    doc_id = obj.get("id")
    doc_id = str(doc_id).strip() if isinstance(doc_id, (str, int)) and str(doc_id).strip() else None
    if doc_id is not None and len(doc_id) > MAX_ID_LENGTH:
        doc_id = None
    source = next((_string(obj.get(k)) for k in SOURCE_KEYS if _string(obj.get(k))), None)
    if source and _URL.match(source):
        from callsheet.reading.html import host_of
        source = host_of(source)
    return Record(origin=origin, where=where, kind=kind, content=content, id=doc_id, url=url,
                  published=next((iso_day(obj.get(k)) for k in DATE_KEYS if iso_day(obj.get(k))), None),
                  title=_string(obj.get("title")), source=source, size=len(line))


def _string(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
