"""Loads the domain tables (tab-separated, `#` comments) that hold the trade
vocabulary, so that teaching callsheet a new word is one line in a data file."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_table(package: str, name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of `package/data/name`, each a tuple of its tab-separated cells.

    The first non-comment line is the header and is skipped; missing trailing
    cells come back as empty strings so that every row has the header's width.
    """
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    rows: list[tuple[str, ...]] = []
    width = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if width is None:
            width = len(cells)
            continue
        cells += [""] * (width - len(cells))
        rows.append(tuple(cells[:width]))
    return tuple(rows)
