"""Publication dates as the containers give them, to ISO days (YYYY-MM-DD)."""
from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def iso_day(value) -> str | None:
    """The day of an ISO 8601 timestamp ("2017-02-07 14:24:56", news-please;
    "2025-01-30T10:00:00Z") or an RFC 2822 one ("Thu, 30 Jan 2025 10:00:00
    GMT", feeds); None for anything else or a day that does not exist."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO.match(value)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
