"""Shared helpers of the CLI commands: opening workspaces and reporting user errors without tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from models.database import WorkspaceError, open_workspace, storage_problem
from synthesis.tasks import Progress as ProgressCallback

console = Console()
err_console = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a user-facing error and return the exit to raise."""
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)


@contextmanager
def progress_bar(
    first_stage: str, *, out: Console = console, percent: bool = False, transient: bool = True, width: int = 0
) -> Iterator[ProgressCallback]:
    """A bar for one long task; yields the ``progress(fraction, stage)`` callback that moves it.

    ``percent`` adds the percentage done; ``width`` (when not 0) cuts stage names to that many characters.
    """
    columns = [TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()]
    if percent:
        columns.insert(2, TaskProgressColumn())
    with Progress(*columns, console=out, transient=transient) as bar:
        task = bar.add_task(first_stage, total=1.0)

        def progress(fraction: float, stage: str) -> None:
            bar.update(task, completed=fraction, description=stage[:width] if width else stage)

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
