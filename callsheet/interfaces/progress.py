"""A Rich progress bar on stderr for long runs (articles, articles/s, ETA),
and nothing at all when stderr is not a terminal, so that logs and pipes get
only the lines they asked for."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn


@contextmanager
def progress_bar(console: Console, total_bytes: int, position: Callable[[], int],
                 label: str = "reading") -> Iterator[Callable[[int], None]]:
    """Yields `tick(articles)`, to call after each article. The bar advances
    by input bytes read (`position()` of `total_bytes`), which gives the ETA
    even for archives whose article count is unknown until the end."""
    if not console.is_terminal:
        yield lambda articles: None
        return
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[articles]:,} articles"), TextColumn("{task.fields[rate]:.1f} articles/s"),
               TextColumn("ETA"), TimeRemainingColumn()]
    start = time.monotonic()
    # what the command prints goes to stdout untouched; only when stdout is the
    # same terminal is it routed above the bar, so that the two do not garble
    with Progress(*columns, console=console, transient=True, redirect_stdout=sys.stdout.isatty(),
                  redirect_stderr=False) as bar:
        task = bar.add_task(label, total=total_bytes or None, articles=0, rate=0.0)

        def tick(articles: int) -> None:
            elapsed = max(time.monotonic() - start, 1e-6)
            bar.update(task, completed=position(), articles=articles, rate=articles / elapsed)

        yield tick
