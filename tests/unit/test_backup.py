"""The copy taken before an upgrade: refused up front without room, verified, reused, never overwritten."""

from __future__ import annotations

import shutil
from collections import namedtuple
from pathlib import Path

import pytest

from models import backup
from models.backup import BackupError, backup_path, backup_problem, ensure_backup
from tests.conftest import FIXTURES

Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def old(tmp_path: Path) -> Path:
    path = tmp_path / "old.groundwork"
    shutil.copy(FIXTURES / "schema_0001.groundwork", path)
    return path


def test_without_room_for_the_copy_nothing_is_written(old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup.shutil, "disk_usage", lambda _folder: Usage(10**9, 10**9, 1000))
    with pytest.raises(BackupError, match=r"not enough free space .*0\.2 MB needed, 0\.0 MB free"):
        ensure_backup(old, "0001")
    assert sorted(p.name for p in old.parent.iterdir()) == ["old.groundwork"]


def test_a_good_copy_is_reused_and_one_of_another_revision_is_not(old: Path) -> None:
    first = ensure_backup(old, "0001")
    assert first == backup_path(old, "0001") and backup_problem(first, "0001", old.stat().st_size) is None
    stamp = first.stat().st_mtime_ns
    assert ensure_backup(old, "0001").stat().st_mtime_ns == stamp
    assert backup_problem(first, "0002", None) == "schema 0001 instead of 0002"
    assert backup_problem(first, "0001", 12) is not None
