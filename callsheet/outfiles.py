"""Writing an output file the user names (`export --out`, `dump --out`):
whole or not at all, and never by replacing what is not a regular file."""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def written(path: Path, *, mode: int = 0o644, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text handle whose contents end up at `path`.

    A regular file (or a new one) is written beside the target as
    "NAME.partial" and renamed over it when the block ends without an
    exception, so a reader never sees half a file; a symbolic link is
    followed and its target replaced so, the link kept. Anything else that
    exists there (a device such as /dev/null, a FIFO) is written in place:
    renaming over it would replace the device with a file. `mode` is the
    new file's permission bits. Raises `OSError` (`IsADirectoryError` for a
    path that names a folder, "" and "/" included; ENOSPC and the like as
    they come), after removing the partial file."""
    target = Path(os.path.realpath(path))
    try:
        found = target.stat()
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
    if found is not None and not stat.S_ISREG(found.st_mode):
        with open(target, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        return
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # a stale one, or a link planted there: never written through
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    try:
        with open(descriptor, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
