"""Shared helpers of the CLI commands: opening workspaces and reporting user errors without tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from models.database import WorkspaceError, open_workspace, storage_problem

console = Console()
err_console = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a user-facing error and return the exit to raise."""
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)


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
