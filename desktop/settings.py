"""Recent workspaces and other per-user preferences kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_KEY = "workspaces/recent"
MAX_RECENT = 8


def recent_workspaces(settings: QSettings) -> list[Path]:
    """Recently opened workspace files that still exist, newest first."""
    value = settings.value(RECENT_KEY, [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in paths if Path(p).is_file()]


def remember_workspace(settings: QSettings, path: Path) -> None:
    path = Path(path).resolve()
    paths = [path, *(p for p in recent_workspaces(settings) if p.resolve() != path)]
    settings.setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])
