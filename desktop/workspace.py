"""The open workspace: its file, its engine and the notifications views reload on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine
from sqlmodel import Session

from synthesis.workspace.files import create_workspace, open_workspace

T = TypeVar("T")


class Workspace(QObject):
    """One open workspace file. Edits are committed as they are made."""

    insights_changed = Signal(list)
    """Ids of insights whose statement or status changed."""
    interview_changed = Signal(int)
    """An interview's metadata or speaker roles changed."""
    contents_changed = Signal()
    """Interviews were added or removed, or a synthesis run stored results: everything may have changed."""
    personas_changed = Signal(list)
    """Ids of personas whose fields, insights or ICP links changed."""
    companies_changed = Signal()
    """Company records or ICPs changed (fit scores may have changed)."""

    def __init__(self, path: Path, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.engine = engine

    @classmethod
    def create(cls, path: Path) -> Workspace:
        return cls(Path(path), create_workspace(Path(path)))

    @classmethod
    def open(cls, path: Path) -> Workspace:
        return cls(Path(path), open_workspace(Path(path)))

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    def read(self, query: Callable[[Session], T]) -> T:
        """Run a read-only query in a fresh session (call it on any thread)."""
        with self.session() as session:
            return query(session)

    def write(self, change: Callable[[Session], None]) -> None:
        """Apply and commit one change in its own transaction."""
        with self.session() as session:
            change(session)
            session.commit()

    def close(self) -> None:
        self.engine.dispose()
