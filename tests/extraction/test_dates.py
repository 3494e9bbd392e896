import pytest

from callsheet.extraction.dates import resolve_date


@pytest.mark.parametrize("text, published, expected", [
    ("as early as June", "2025-01-30", "2025-06"),
    ("in March", "2025-11-02", "2026-03"),
    ("next year", "2025-01-30", "2026"),
    ("last year", "2025-01-30", "2024"),
    ("27 February 2005", None, "2005-02-27"),
    ("September 2026", None, "2026-09"),
    ("19 May", "2024-04-01", "2024-05-19"),
])
def test_dates_resolve_to_the_stated_precision(text, published, expected):
    assert resolve_date(text, published) == expected


def test_relative_dates_without_a_publication_date_are_not_guessed():
    assert resolve_date("next year", None) is None
    assert resolve_date("in June", None) is None
