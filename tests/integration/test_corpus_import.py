"""The whole generated corpus of bad and odd files (230) in one import batch: no crash, clear messages."""

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from models.database import create_workspace
from models.tables import Interview
from synthesis.importer import Outcome, import_paths
from tests.reliability.corpus import Expect, corpus, problems, write_corpus

pytestmark = pytest.mark.integration


def test_every_corpus_file_imports_or_fails_with_its_own_message(tmp_path: Path) -> None:
    files = corpus()
    assert len(files) >= 200
    write_corpus(tmp_path / "corpus", files)
    engine = create_workspace(tmp_path / "corpus.groundwork")
    results = import_paths(engine, [tmp_path / "corpus"])
    assert problems(files, results) == []
    imported = {r.path.name for r in results if r.outcome == Outcome.IMPORTED}
    assert {f.name for f in files if f.expect == Expect.GOOD} <= imported
    assert len({r.message for r in results if r.outcome == Outcome.FAILED}) == len(
        [r for r in results if r.outcome == Outcome.FAILED]
    ), "every failure message names its own file"
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Interview)).one() == len(imported)
    engine.dispose()
    with sqlite3.connect(tmp_path / "corpus.groundwork") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
