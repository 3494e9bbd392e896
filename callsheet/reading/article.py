"""Turns files into `Article`s.

Two text shapes are understood (see the corpus): the web-corpus shape, whose
first line is ` date YYYY-MM-DD` plus optional site boilerplate, and the
headline shape, a headline, a blank line, then the body. The text is kept
verbatim (after decoding and NFC) so that evidence spans stay exact.
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from callsheet.reading.kinds import suffix_kind
from callsheet.reading.published import check_published
from callsheet.schema import Article
from callsheet.tables import load_table

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_DATE_LINE = re.compile(r"^[ \t]*date[ \t]+([0-9]{4}-[0-9]{2}-[0-9]{2})\b[ \t]*(.*)$")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # what no article holds and no database stores
_SITE = re.compile(r"\b([A-Z][A-Za-z0-9]+)\.(?:com|co\.uk|net|org|tv)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”]?\s")
log = logging.getLogger(__name__)
_DATELINE = re.compile(r"^[A-Z][\w .’'-]{0,40},\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*[:.–-]?$")


class Located(Exception):
    """Something about one input, or one record of it: `str()` names the file,
    the record ("line 4", "record at offset 1536") and the reason."""

    def __init__(self, path: str, reason: str, record: str | None = None):
        super().__init__(f"{path}: {record}: {reason}" if record else f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.record = record

    def __reduce__(self):  # so that worker processes can hand it back
        return type(self), (self.path, self.reason, self.record)


class ReadError(Located):
    """A file (or one record of it) that cannot be read as an article."""


def iter_input_files(paths: list[str], skipped: Counter | None = None) -> Iterator[str | ReadError]:
    """Expands the command line's paths into input files, in a stable order.

    Yields a path, "-" for stdin, or a `ReadError` for a path that yields no
    input, so that the caller can report it and carry on with the rest. A
    folder is scanned for files of a known kind (see `kinds.KIND_OF_SUFFIX`);
    hidden folders and files, and files of no known kind, are passed over and
    counted in `skipped` ("hidden" and "unknown kind"). A file named on the
    command line is always read, whatever its name.
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        if not raw:
            yield ReadError("''", "an empty path names no file (give '.' for the working directory)")
            continue
        path = Path(raw)
        try:
            is_dir, is_file, exists = path.is_dir(), path.is_file(), path.exists()
        except OSError as exc:  # a name over 255 bytes (ENAMETOOLONG), a path through a file
            yield ReadError(raw, exc.strerror or str(exc))
            continue
        if is_dir:
            files = _scan(path, skipped if skipped is not None else Counter())
            if not files:
                yield ReadError(raw, "directory holds no articles (*.txt, *.html, *.jsonl, *.warc, feeds)")
            yield from files
        elif is_file:
            yield raw
        elif exists:
            yield ReadError(raw, "not a regular file")
        else:
            yield ReadError(raw, "no such file or directory")


def _scan(folder: Path, skipped: Counter) -> list[str]:
    found = []
    for root, dirs, names in os.walk(folder):
        hidden = [d for d in dirs if d.startswith(".")]
        skipped["hidden"] += len(hidden)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                skipped["hidden"] += 1
            elif suffix_kind(name) is None:
                skipped["unknown kind"] += 1
            elif os.path.isfile(os.path.join(root, name)):
                found.append(os.path.join(root, name))
    return sorted(found, key=lambda p: Path(p).parts)


def short_hash(value: str) -> str:
    """A 16-hex-digit SHA-256 prefix: the stable id of an article known only by its URL or text."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


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
    """Real-world bytes to NFC text, the way a careful reader would guess them.

    In order: a byte-order mark decides (UTF-8, UTF-16 or UTF-32, either byte
    order); else UTF-8, the web's encoding, if the bytes are valid UTF-8;
    else UTF-8 with a few stray single bytes, which are read as cp1252;
    else charset-normalizer's detection, taking cp1252 (Windows-1252, the
    code page of older Western news sites, a superset of latin-1's
    printable characters) whenever it reads the bytes as cleanly as the
    best guess. When another code page would read them just as cleanly
    into different text, the guess is logged as a warning on the
    ``callsheet.reading`` logger, naming the file and a word that differs.

    Raises `ReadError` (naming `path`) for empty, binary or undecodable bytes.
    """
    text = _decode_by_bom(data, path)
    if text is None:
        if not data.strip():
            raise ReadError(path, "file is empty")
        if b"\x00" in data[:8192]:
            raise ReadError(path, "file looks binary (NUL bytes), not an article")
        text = _decode_by_detection(data, path)
    if not text.strip():
        raise ReadError(path, "file is empty")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(4, len(text) // 100):
        raise ReadError(path, "file looks binary (control characters), not an article")
    if not any(ch.isalpha() for ch in text):
        raise ReadError(path, "file holds no words")
    return unicodedata.normalize("NFC", text)


# UTF-32 first: its little-endian mark begins with UTF-16's
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
                     (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
                     (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))
PREFERRED_CODE_PAGE = "cp1252"
_PLAUSIBLE = 0.1  # charset-normalizer's "chaos" (share of odd characters) beyond the best reading's
# what cp1252 text in English news holds beyond ASCII: Latin letters and the typographer's punctuation
_NEWS_PUNCTUATION = set("\u00a0’‘“”–—…•€©®™°·«»¡¿£§¶†‡")
_STRAY_BYTES = "callsheet-stray-cp1252"


def _stray_byte_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    stray = error.object[error.start:error.end]
    return stray.decode(PREFERRED_CODE_PAGE, errors="replace"), error.end


codecs.register_error(_STRAY_BYTES, _stray_byte_as_cp1252)


def _decode_by_bom(data: bytes, path: str) -> str | None:
    for mark, codec, name in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"not valid {name} although it starts with a {name} byte-order mark "
                                      f"(bad bytes at offset {exc.start + len(mark)})") from None
    return None


def _decode_by_detection(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    valid = data.decode("utf-8", errors="ignore")
    mixed = data.decode("utf-8", errors=_STRAY_BYTES)
    strays = len(mixed) - len(valid)  # each stray byte is one character of `mixed`
    if strays < sum(1 for ch in valid if ord(ch) > 0x7F):  # fewer than the real UTF-8 characters
        log.warning("%s: mostly UTF-8; %d stray byte(s) read as %s", path, strays, PREFERRED_CODE_PAGE)
        return mixed
    readings = [_Reading(m, data) for m in from_bytes(data)]
    if not readings:
        raise ReadError(path, "cannot decode the bytes in any known text encoding")
    plausible = [r for r in readings if r.chaos <= readings[0].chaos + _PLAUSIBLE]
    latin = [r for r in plausible if _reads_as_latin_news(r.text)]
    chosen = next((r for r in latin if r.name == PREFERRED_CODE_PAGE), latin[0] if latin else plausible[0])
    if chosen.name != PREFERRED_CODE_PAGE or chosen not in latin:
        rival = next((r for r in plausible if r.text != chosen.text), None)
        if rival is not None:
            log.warning("%s: encoding unsure, read as %s%s", path, chosen.name, _first_difference(chosen, rival))
    return chosen.text


class _Reading:
    """One way charset-normalizer can read the bytes: cp1252 named as such
    when it is one of the code pages that give this text."""

    def __init__(self, match, data: bytes):
        self.chaos = match.chaos
        self.name, self.text = match.encoding, str(match)
        if PREFERRED_CODE_PAGE in match.could_be_from_charset:
            try:
                self.name, self.text = PREFERRED_CODE_PAGE, data.decode(PREFERRED_CODE_PAGE)
            except UnicodeDecodeError:
                pass


def _reads_as_latin_news(text: str) -> bool:
    """A reading that looks like an English article: beyond ASCII only Latin
    letters and news punctuation, and no word of three letters or more with
    no ASCII letter (the mark of Cyrillic or Greek read through a Western
    code page: "Ïðèâåò")."""
    for ch in set(text):
        if ord(ch) > 0x7F and ch not in _NEWS_PUNCTUATION and not (
                ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")):
            return False
    return not any(len(letters) >= 3 and not any(ch.isascii() for ch in letters)
                   for letters in ("".join(ch for ch in word if ch.isalpha()) for word in text.split()))


def _first_difference(chosen: _Reading, rival: _Reading) -> str:
    """A word as read, and as the rival code page would read it: "('Paweł'; cp1252 reads 'Pawe³')"."""
    ours, theirs, their_name = chosen.text, rival.text, rival.name
    if len(ours) != len(theirs):
        return f" (also readable as {their_name})"
    at = next(i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b)
    start = max(ours.rfind(" ", 0, at), ours.rfind("\n", 0, at)) + 1
    end = min((i for i in (ours.find(" ", at), ours.find("\n", at)) if i != -1), default=len(ours))
    return f" ({ours[start:end]!r}; {their_name} reads {theirs[start:end]!r})"


def first_line(exc: BaseException) -> str:
    """What an error from a library says, on one line of at most 120 characters (its type if nothing)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]


def readable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (which Python keeps as
    lone surrogates, "bad\\udcff") become U+FFFD, so that an article's id
    taken from its name can be stored and shown."""
    return os.fsencode(name).decode("utf-8", errors="replace")


def read_article(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 published: str | None = None, doc_id: str | None = None) -> Article:
    data = read_bytes(path, max_bytes)
    text = decode(data, path)
    if doc_id is None:
        doc_id = short_hash(text) if path == "-" else readable_name(Path(path).stem)
    return parse_article(text, doc_id, published=published, path=None if path == "-" else path)


def unstorable(value: str) -> str | None:
    """Says where `value` holds a character no article has and no database
    stores (NUL, or a lone surrogate that JSON's "\\ud800" can make), e.g.
    "a NUL character (U+0000) at character 15"; None when it holds none."""
    refused = _UNSTORABLE.search(value)
    if refused is None:
        return None
    char = refused.group()
    what = "a NUL character" if char == "\x00" else "a lone surrogate, which is no character,"
    return f"{what} (U+{ord(char):04X}) at character {refused.start()}"


def parse_article(text: str, doc_id: str, *, published: str | None = None,
                  path: str | None = None) -> Article:
    """Finds date, title, source and where the body starts; never alters `text`.

    In the web-corpus shape the rest of the date line is usually the article's
    lead sentence and stays in the body; only a line that reads as site
    boilerplate (`is_boilerplate`) is left out. Raises `ReadError` (naming
    `path`, else `doc_id`) for a text holding a NUL character, which no
    article has and no database stores, a lone surrogate (JSON can
    escape half of a UTF-16 pair, "\\ud800"), which is no character, or a
    date line whose day does not exist ("date 2026-13-45").
    """
    refused = unstorable(text)
    if refused:
        raise ReadError(path or doc_id, f"the text holds {refused}; an article has none")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line, _, rest = text.partition("\n")
    match = _DATE_LINE.match(first_line)
    source = None
    if match:
        try:
            published = check_published(match.group(1))
        except ValueError as exc:
            raise ReadError(path or doc_id, f"bad date line: {exc}") from None
        remainder = match.group(2)
        site = _SITE.search(remainder)
        source = site.group(1) if site else None
        if remainder.strip() and not is_boilerplate(remainder):
            body_start = match.start(2)
        else:
            body_start = len(first_line) + 1
        body = text[body_start:]
        paragraphs = [p for p in (line.strip() for line in body.split("\n"))
                      if p and not is_boilerplate(p)]
        first_para = paragraphs[0] if paragraphs else ""
        title = _SENTENCE_END.split(first_para, maxsplit=1)[0].strip() or None
    else:
        body_start = 0
        stripped = text.lstrip()
        head, sep, _ = stripped.partition("\n")
        title = head.strip() or None
    return Article(id=doc_id, text=text, published=published, title=title, source=source,
                   path=path, body_start=body_start)


def _boilerplate_words() -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {"call": set(), "caption": set(), "byline": set()}
    for word, kind in load_table("callsheet.reading", "boilerplate.tsv"):
        kinds[kind].add(word)
    return kinds


def is_boilerplate(line: str) -> bool:
    """A line that is the site talking, not the article: stray symbols ("×"),
    a call to action ("Watch more of our videos on ShotsTV.com"), a photo
    credit ("... /File photo"), a desk byline ("Monitoring Desk") or a bare
    dateline ("Mumbai, September 12"). Decided by what the line is, never by
    which site it comes from; the kinds are in `data/boilerplate.tsv`."""
    words = re.findall(r"[^\W\d_]+(?:[’'][^\W\d_]+)?", line)
    if not words:
        return True
    kinds = _boilerplate_words()
    low = line.casefold()
    if line.split()[0].strip(":,.!").casefold() in kinds["call"]:
        return True
    if any(marker in low for marker in kinds["caption"]):
        return True
    if len(words) <= 4 and words[-1].casefold() in kinds["byline"]:
        return True
    return bool(_DATELINE.match(line.strip()))

