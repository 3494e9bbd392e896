"""WARC archives (plain or record-gzipped, as Common Crawl's CC-NEWS): each
HTML response is a web page read by the HTML reader (warcio).

The page's URL is the record's `WARC-Target-URI`; its date is the page's
own, else the record's `WARC-Date`. Other records (requests, metadata,
images, redirects, errors) are passed over and counted. A corrupt record is
reported by its offset and reading goes on at the next record found after
it; a truncated record is reported and not read.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from callsheet.reading.article import ReadError, first_line
from callsheet.reading.dates import iso_day
from callsheet.reading.records import Record

HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_RECORDS = ("response", "resource")
SCAN_BLOCK = 1 << 20


class NotAPage:
    """A record that is no HTML page: counted, not read."""

    def __init__(self, size: int):
        self.size = size


def warc_records(stream: BinaryIO, origin: str, max_bytes: int, gzipped: bool) -> Iterator[Record | ReadError | NotAPage]:
    """Records of a seekable WARC stream, in order; one `ReadError` per damaged record."""
    start = 0
    last_seen = -1
    while True:
        stream.seek(start)
        iterator = ArchiveIterator(stream)
        offset = start
        try:
            for record in iterator:
                offset = iterator.offset  # absolute: the stream was positioned before the iterator began
                if record.rec_headers.get_header("Content-Length") is None:  # warcio would read the rest as its body
                    raise ValueError("the record's header has no Content-Length")
                item = _read(record, origin, offset, max_bytes)
                length = iterator.get_record_length()
                if offset <= last_seen:  # read already, before a resynchronisation
                    continue
                last_seen = offset
                offset += length
                if isinstance(item, (Record, NotAPage)):
                    item.size = length
                yield item
            last = max(last_seen, start)
            told = last_seen >= 0 and isinstance(item, ReadError)  # "record is truncated" already
            if gzipped and not told and not _member_ends_whole(stream, last):  # warcio ends a cut member quietly
                yield ReadError(origin, "the compressed file is cut short: its last record is incomplete",
                                f"record at offset {last}")
            return
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError, TypeError,
                KeyError, IndexError, OverflowError) as exc:  # warcio's parsing fails as it goes: a response with no URI is an AttributeError
            yield ReadError(origin, f"damaged WARC record ({first_line(exc)})", f"record at offset {offset}")
            following = _next_record_start(stream, max(last_seen, start, offset) + 1, gzipped)
            if following is None:
                return
            start = following


def _member_ends_whole(stream: BinaryIO, position: int) -> bool:
    """Whether the gzip member at `position` (the last record's) ends with
    its trailer: a WARC cut short in a download does not. Decompresses that
    member only, a megabyte at a time."""
    stream.seek(position)
    member = zlib.decompressobj(wbits=31)
    try:
        while not member.eof:
            data = member.unconsumed_tail or stream.read(1 << 16)
            if not data:
                return False
            member.decompress(data, 1 << 20)
    except zlib.error:
        return False
    return True


def _read(record, origin: str, offset: int, max_bytes: int) -> Record | ReadError | NotAPage:
    where = f"record at offset {offset}"
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type not in PAGE_RECORDS:
        return NotAPage(0)
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        status, content_type = "200", record.rec_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or not any(t in content_type.lower() for t in HTML_TYPES):
        return NotAPage(0)
    try:
        content = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # a broken chunked or compressed HTTP body
        return ReadError(origin, f"cannot decode the HTTP body ({exc})", where)
    if len(content) > max_bytes:
        return ReadError(origin, f"record is larger than the {max_bytes:,}-byte limit", where)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return ReadError(origin, f"record is truncated ({missing:,} bytes missing)", where)
    return Record(origin=origin, where=where, kind="html", content=content, url=url,
                  fallback_date=iso_day(record.rec_headers.get_header("WARC-Date")))


def _next_record_start(stream: BinaryIO, position: int, gzipped: bool) -> int | None:
    """The offset of the next record at or after `position`: a line starting
    `WARC/1.`, or a gzip member that opens with one."""
    signature = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    stream.seek(position)
    carry = b""
    base = position
    while True:
        block = stream.read(SCAN_BLOCK)
        if not block:
            return None
        data = carry + block
        at = data.find(signature)
        while at != -1:
            candidate = base + at
            if _opens_record(stream, candidate, gzipped, data, at):
                return candidate
            at = data.find(signature, at + 1)
        keep = len(signature) - 1
        base += len(data) - keep
        carry = data[-keep:]
        stream.seek(base + keep)


def _opens_record(stream: BinaryIO, candidate: int, gzipped: bool, data: bytes, at: int) -> bool:
    if not gzipped:
        return at == 0 or data[at - 1:at] == b"\n" or candidate == 0
    here = stream.tell()
    stream.seek(candidate)
    head = stream.read(4096)
    stream.seek(here)
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
    except zlib.error:
        return False
