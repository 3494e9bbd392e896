"""The publication date a user gives for articles that state none (the CLI's
`--published`, the API's `published`): one check for every way in."""
from __future__ import annotations

import re
from datetime import date

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_published(value: str) -> str:
    """Returns `value` when it is a real day written YYYY-MM-DD.

    Raises `ValueError` whose message quotes the value and says what is
    wrong: not that form ("yesterday", "30/01/2025"), or no such day
    ("2026-13-45")."""
    if not _ISO_DAY.fullmatch(value):
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date (YYYY-MM-DD)") from None
    return value
