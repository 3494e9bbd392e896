"""What kind of input a file is: decided by its first bytes, the extension
only breaking ties, so that a page saved as `.txt` or a feed saved as `.xml`
is still read as what it is.

Kinds: `text` (one article), `html` (one web page), `feed` (RSS or Atom,
many articles), `jsonl` (JSON Lines, one article per line) and `warc` (a WARC
archive of crawled pages). Each may be gzip-compressed.
"""
from __future__ import annotations

import re
import zlib
from pathlib import PurePath

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc",)
KIND_OF_SUFFIX = {**{s: "text" for s in TEXT_SUFFIXES}, **{s: "html" for s in HTML_SUFFIXES},
                  **{s: "feed" for s in FEED_SUFFIXES}, **{s: "jsonl" for s in JSONL_SUFFIXES},
                  **{s: "warc" for s in WARC_SUFFIXES}}
SNIFF_BYTES = 8192

_XML_PROLOGUE = re.compile(rb"^(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE(?:[^>\[]|\[.*?\])*>)*", re.DOTALL | re.IGNORECASE)
_JSON_OBJECT = re.compile(rb'\{\s*(?:"|\})')
_ROOT = re.compile(rb"<([A-Za-z][\w:.-]*)")
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"rdf"}
_HTML_TAGS = {b"html", b"head", b"body", b"div", b"p", b"article", b"main", b"section", b"meta", b"title",
              b"h1", b"h2", b"span", b"header", b"nav", b"table", b"ul", b"link", b"script", b"style"}


def suffix_kind(name: str) -> str | None:
    """The kind a file name announces (`.warc.gz` is `warc`), or None."""
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return KIND_OF_SUFFIX.get(suffixes[-1]) if suffixes else None


def gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of gzip data (possibly cut short), for sniffing."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def sniff(head: bytes, name: str = "") -> tuple[str, bool]:
    """(kind, gzipped) from a file's first bytes and, for ties, its name."""
    if head[:2] == b"\x1f\x8b":
        return sniff(gunzip_head(head), name[:-3] if name.lower().endswith(".gz") else name)[0], True
    by_name = suffix_kind(name)
    start = _lead(head)
    if not start and by_name in ("jsonl", "warc"):
        return by_name, False  # an empty dump or archive holds no article, which is no error
    if start.startswith(b"WARC/"):
        return "warc", False
    if _JSON_OBJECT.match(start) or (by_name == "jsonl" and start[:1] in b'{["-0123456789'):
        return "jsonl", False  # a dump whose first line is some other JSON value: each bad line an error
    if start.startswith(b"<"):
        rest = start[_XML_PROLOGUE.match(start).end():]
        root = _ROOT.match(rest)
        tag = root.group(1).lower() if root else b""
        if tag in _FEED_ROOTS:
            return "feed", False
        if tag in _HTML_TAGS or start[:14].lower().startswith(b"<!doctype html"):
            return "html", False
        return (by_name if by_name in ("feed", "html") else "html"), False
    if by_name == "html" and re.search(rb"<(?:p|div|br|article|body)\b", start, re.IGNORECASE):
        return "html", False
    return "text", False


def _lead(head: bytes) -> bytes:
    """The bytes with any byte-order mark and leading white space taken off,
    UTF-16 turned into UTF-8 so that the tests above see ASCII."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip()
