"""Every input the command line names, as a stream of records in input order.

`Inputs` expands paths (files, folders, `-` for stdin), decides each file's
kind by its first bytes (`kinds.sniff`), and hands each file to its reader:
one record for a text file or a web page, one per entry of a feed, per line
of a JSON Lines dump, per HTML response of a WARC archive. Bad files and bad
records come out as `ReadError`s in their place; what is passed over (hidden
or unknown files in folders, records that are no HTML page) is counted in
`skipped`. Archives are streamed: memory does not grow with their size.
"""
from __future__ import annotations

import gzip
import io
import logging
import os
import shutil
import sys
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from callsheet.reading.article import DEFAULT_MAX_BYTES, ReadError, iter_input_files, readable_name
from callsheet.reading.feeds import feed_records
from callsheet.reading.jsonl import ExtractedLine, jsonl_records
from callsheet.reading.kinds import SNIFF_BYTES, sniff
from callsheet.reading.records import Record
from callsheet.reading.warc import NotAPage, warc_records

# what was passed over, by key: (one, many)
SKIP_LABELS = {
    "hidden": ("hidden file or folder", "hidden files and folders"),
    "unknown kind": ("file of unknown kind", "files of unknown kind"),
    "not html": ("WARC record that is no HTML page", "WARC records that are no HTML page"),
    "listing page": ("listing page", "listing pages"),
}

log = logging.getLogger(__name__)


def describe_skipped(skipped: Counter) -> str:
    """"3 listing pages, 1 hidden file or folder": the counts, in a stable order."""
    parts = []
    for key in list(SKIP_LABELS) + sorted(set(skipped) - set(SKIP_LABELS)):
        n = skipped.get(key, 0)
        if n:
            one, many = SKIP_LABELS.get(key, (key, key))
            parts.append(f"{n:,} {one if n == 1 else many}")
    return ", ".join(parts)


class Inputs:
    """The records of `paths`, in order. `total_bytes` is the size of the
    named files (stdin unknown) and `bytes_read` how far reading has got, for
    a progress bar; `skipped` counts what was passed over."""

    def __init__(self, paths: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES, skipped: Counter | None = None):
        self.paths = paths
        self.max_bytes = max_bytes
        self.skipped = skipped if skipped is not None else Counter()
        self.bytes_read = 0
        self._files = list(iter_input_files(paths, self.skipped))
        self.total_bytes = sum(_size(f) for f in self._files if isinstance(f, str))

    def __iter__(self) -> Iterator[Record | ReadError | ExtractedLine]:
        for item in self._files:
            if isinstance(item, ReadError):
                yield item
                continue
            done = self.bytes_read
            for record in self._read(item):
                if isinstance(record, NotAPage):
                    self.skipped["not html"] += 1
                    self.bytes_read += record.size
                    continue
                self.bytes_read += getattr(record, "size", 0)
                yield record
            self.bytes_read = done + _size(item)

    def _read(self, path: str) -> Iterator[Record | ReadError | ExtractedLine | NotAPage]:
        if path == "-" and sys.stdin is None:  # started with stdin closed ("<&-")
            yield ReadError(path, "standard input is closed")
            return
        try:
            handle = sys.stdin.buffer if path == "-" else open(path, "rb")
        except OSError as exc:
            yield ReadError(path, exc.strerror or str(exc))
            return
        try:
            head = _read_head(handle)
            kind, gzipped = sniff(head, "" if path == "-" else Path(path).name)
            stream = io.BufferedReader(_Prefixed(head, handle), buffer_size=1 << 16)
            if kind == "warc":
                yield from self._warc(path, stream, handle, gzipped)
            elif kind == "jsonl":
                source = gzip.GzipFile(fileobj=stream) if gzipped else stream
                yield from jsonl_records(source, path, self.max_bytes)
            else:
                yield from self._whole(path, stream, kind, gzipped)
        except OSError as exc:
            yield ReadError(path, exc.strerror or str(exc))
        except Exception as exc:  # noqa: BLE001  (a parser's fault on hostile input ends this file, not the run)
            log.debug("cannot read %s", path, exc_info=True)
            yield ReadError(path, f"cannot read the rest of this file ({type(exc).__name__}: {exc})")
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()

    def _warc(self, path, stream, handle, gzipped):
        if path != "-":
            handle.seek(0)
            yield from warc_records(handle, path, self.max_bytes, gzipped)
            return
        with tempfile.SpooledTemporaryFile(max_size=64 << 20) as spool:  # warcio resynchronises by seeking
            shutil.copyfileobj(stream, spool)
            yield from warc_records(spool, path, self.max_bytes, gzipped)

    def _whole(self, path: str, stream: BinaryIO, kind: str, gzipped: bool):
        try:
            data = (gzip.GzipFile(fileobj=stream) if gzipped else stream).read(self.max_bytes + 1)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield ReadError(path, f"the compressed file is damaged ({exc})")
            return
        if len(data) > self.max_bytes:
            yield ReadError(path, f"file is larger than the {self.max_bytes:,}-byte limit")
            return
        size = _size(path)
        if kind == "feed":
            yield from feed_records(data, path)
            return
        doc_id = None if path == "-" else _stem(path)
        yield Record(origin=path, where=None, kind=kind, content=data, id=doc_id, size=size)


def _stem(path: str) -> str:
    name = Path(path).name
    for suffix in (".gz",):
        name = name.removesuffix(suffix)
    return readable_name(Path(name).stem)


def _size(path: str) -> int:
    if path == "-":
        return 0
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _read_head(handle: BinaryIO) -> bytes:
    head = b""
    while len(head) < SNIFF_BYTES:
        chunk = handle.read(SNIFF_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read for sniffing."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)
