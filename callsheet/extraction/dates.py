"""Dates as stated, to the precision stated, resolved against publication.

"as early as June" in an article of 2025-01-30 is "2025-06"; "next year" is
"2026"; "25 January 2005" is "2005-01-25". dateparser does the parsing; the
precision (year, month or day) comes from what the words actually give.
"""
from __future__ import annotations

import re
from datetime import date, datetime

import dateparser

MONTHS = ("january february march april may june july august september october "
          "november december").split()
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b", re.I)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DAY = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")
_RELATIVE_YEAR = {"next year": 1, "last year": -1, "this year": 0, "later this year": 0,
                  "early next year": 1, "late next year": 1}


def resolve_date(text: str, published: str | None) -> str | None:
    """ISO date at the stated precision, or None if the words give no date."""
    low = text.lower().strip()
    base = date.fromisoformat(published) if published else None
    for phrase, delta in _RELATIVE_YEAR.items():
        if phrase in low:
            return str(base.year + delta) if base else None
    month = _MONTH.search(low)
    year = _YEAR.search(low)
    if not month:
        return year.group(0) if year and len(low.split()) <= 3 else None
    rest = _MONTH.sub(" ", _YEAR.sub(" ", low))
    day = next((m for m in _DAY.finditer(rest) if 1 <= int(m.group(1)) <= 31), None)
    if not year and base is None:
        return None
    settings = {"PREFER_DATES_FROM": "future", "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    phrase = " ".join(p for p in (day.group(1) if day else "", month.group(0), year.group(0) if year else "") if p)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if not year and base is not None and (parsed.year, parsed.month) < (base.year, base.month):
        parsed = parsed.replace(year=base.year + 1)
    return parsed.strftime("%Y-%m-%d" if day else "%Y-%m")
