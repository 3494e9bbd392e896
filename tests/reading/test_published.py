"""One check for a publication date the user gives, whichever way in."""
import pytest

from callsheet.reading.published import check_published


def test_a_real_day_passes_unchanged():
    assert check_published("2024-02-29") == "2024-02-29"


@pytest.mark.parametrize("value, problem", [
    ("2026-13-45", "'2026-13-45' is not a real date"),
    ("2025-02-29", "'2025-02-29' is not a real date"),
    ("yesterday", "'yesterday' is not a date in the form YYYY-MM-DD"),
    ("30/01/2025", "'30/01/2025' is not a date in the form YYYY-MM-DD"),
    ("2025-1-30", "'2025-1-30' is not a date in the form YYYY-MM-DD"),
])
def test_anything_else_is_refused_with_a_reason(value, problem):
    with pytest.raises(ValueError) as error:
        check_published(value)
    assert str(error.value).startswith(problem)
