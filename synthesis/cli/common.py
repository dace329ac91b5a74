"""Shared helpers of the CLI commands: opening workspaces, reporting user errors without tracebacks, and
printing user text (titles, names, transcript words) safely: never read as rich markup, and with control
characters (ANSI escape sequences included) shown as escapes instead of reaching the terminal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from models.database import WorkspaceError, open_workspace, storage_problem
from synthesis.tasks import Progress as ProgressCallback

console = Console()
err_console = Console(stderr=True)

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters but tab and newline, and the bidirectional overrides that reorder what is shown."""


def visible(text: object) -> str:
    """``text`` with every control character written as its escape (ESC as ``\\x1b``)."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), str(text))


def shown(text: object) -> str:
    """User text to put into a markup string: control characters made visible, rich markup escaped."""
    return escape(visible(text))


def plain(*values: object) -> list[Text]:
    """Table cells of user text: printed as they are (no markup), control characters made visible."""
    return [Text(visible(value)) for value in values]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a user-facing error (plain text, never markup) and return the exit to raise."""
    err_console.print(f"[bold red]Error:[/] {shown(message)}", highlight=False)
    return typer.Exit(code)


@contextmanager
def progress_bar(
    first_stage: str, *, out: Console = console, percent: bool = False, transient: bool = True, width: int = 0
) -> Iterator[ProgressCallback]:
    """A bar for one long task; yields the ``progress(fraction, stage)`` callback that moves it.

    ``percent`` adds the percentage done; ``width`` (when not 0) cuts stage names to that many characters.
    Stage names are user text (file and company names): they are shown, never read as markup.
    """
    columns = [TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()]
    if percent:
        columns.insert(2, TaskProgressColumn())
    with Progress(*columns, console=out, transient=transient) as bar:
        task = bar.add_task(first_stage, total=1.0)

        def progress(fraction: float, stage: str) -> None:
            bar.update(task, completed=fraction, description=shown(stage[:width] if width else stage))

        yield progress


@contextmanager
def workspace(path: Path) -> Iterator[Engine]:
    """Open a workspace for one command, turning workspace and storage errors into a clean exit."""
    try:
        engine = open_workspace(path)
    except WorkspaceError as exc:
        raise fail(str(exc)) from None
    try:
        yield engine
    except OperationalError as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        raise fail(f"{path}: {problem}. Nothing half-written was kept.") from None
    finally:
        engine.dispose()
