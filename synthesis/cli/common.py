"""Shared helpers of the CLI commands: opening workspaces and reporting user errors without tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy import Engine

from models.database import WorkspaceError, open_workspace

console = Console()
err_console = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a user-facing error and return the exit to raise."""
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code)


@contextmanager
def workspace(path: Path) -> Iterator[Engine]:
    """Open a workspace for one command, turning workspace errors into a clean exit."""
    try:
        engine = open_workspace(path)
    except WorkspaceError as exc:
        raise fail(str(exc)) from None
    try:
        yield engine
    finally:
        engine.dispose()
