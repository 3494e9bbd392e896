"""Command-line options that more than one command takes, checked the same way everywhere."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from callsheet.reading.published import check_published


def _published(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return check_published(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


PublishedOption = Annotated[Optional[str], typer.Option(
    "--published", callback=_published, help="Publication date YYYY-MM-DD, for articles that give none.")]
