"""Finding 2: concurrent writers. Two extractions or two imports at once store nothing twice, and no
process dies with a traceback (real subprocesses on a real workspace file)."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models.database import create_workspace, open_workspace
from models.tables import EvidenceSpan, Insight, InsightKind, RunStatus
from synthesis.extraction.lock import ExtractionBusy, extraction_lock, lock_path
from synthesis.extraction.pipeline import CHUNK_TOKENS_ENV
from synthesis.extraction.run import run_extraction
from synthesis.importer import Outcome, import_file, import_paths
from tests.reliability.concurrency import (
    BUSY_EXIT,
    SAMPLES,
    cli,
    duplicate_groups,
    env,
    extraction_problems,
    insight_count,
    interview_count,
    two_extractions,
    two_imports,
)
from tests.reliability.crash import consistency_problems


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    path = tmp_path / "client.groundwork"
    engine = create_workspace(path)
    import_paths(engine, [SAMPLES])
    engine.dispose()
    return path


def test_two_extractions_at_once_store_each_insight_once(imported: Path) -> None:
    results = two_extractions(imported)
    assert extraction_problems(results) == []
    assert duplicate_groups(imported) == 0
    stored = insight_count(imported)
    done = subprocess.run(
        cli("extract", str(imported), "--no-model"), env=env(), capture_output=True, timeout=600
    )
    assert done.returncode == 0
    assert insight_count(imported) == stored  # a later run finds nothing new to store


def test_a_second_extractor_is_told_another_one_runs(imported: Path) -> None:
    engine = open_workspace(imported)
    with extraction_lock(engine):
        with pytest.raises(ExtractionBusy, match="another Groundwork is extracting this workspace"):
            run_extraction(engine)
        done = subprocess.run(
            cli("extract", str(imported), "--no-model"),
            env=env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
    engine.dispose()
    assert not lock_path(imported).exists()  # the holder removes its lock file
    assert done.returncode == BUSY_EXIT
    assert "another Groundwork is extracting this workspace" in done.stderr
    assert "Traceback" not in done.stderr
    assert insight_count(imported) == 0


def test_the_database_refuses_a_duplicate_extracted_insight(imported: Path) -> None:
    engine = open_workspace(imported)
    run_extraction(engine)
    with Session(engine) as session:
        span = session.exec(select(EvidenceSpan)).first()
        assert span is not None
        original = session.get(Insight, span.insight_id)
        assert original is not None
        copy = Insight(
            interview_id=original.interview_id,
            run_id=original.run_id,
            kind=original.kind,
            statement=original.statement,
            origin="rules",
        )
        session.add(copy)
        session.flush()
        session.add(
            EvidenceSpan(
                insight_id=copy.id, turn_id=span.turn_id, start=span.start, end=span.end, quote=span.quote
            )
        )
        with pytest.raises(IntegrityError, match="already has this evidence"):
            session.flush()
        session.rollback()
        other_kind = next(kind for kind in InsightKind if kind != original.kind)
        mine = Insight(interview_id=original.interview_id, kind=other_kind, statement="mine", origin="user")
        session.add(mine)
        session.flush()
        session.add(
            EvidenceSpan(
                insight_id=mine.id, turn_id=span.turn_id, start=span.start, end=span.end, quote=span.quote
            )
        )
        session.commit()  # the consultant's own insights on the same words stay possible
    engine.dispose()


def test_two_imports_of_one_folder_store_each_file_once(tmp_path: Path) -> None:
    path = tmp_path / "client.groundwork"
    create_workspace(path).dispose()
    results = two_imports(path, SAMPLES)
    for result in results:
        assert result.returncode == 0 and not result.traceback, result.stderr[-800:]
    assert interview_count(path) == len(list(SAMPLES.iterdir()))
    assert sum(result.stdout.count("duplicate") for result in results) >= len(list(SAMPLES.iterdir()))


def test_the_same_transcript_resaved_with_bom_and_crlf_is_a_duplicate(tmp_path: Path) -> None:
    engine = create_workspace(tmp_path / "client.groundwork")
    original = SAMPLES / "01-quillfield-software.txt"
    resaved = tmp_path / "quillfield (copy).txt"
    text = original.read_text(encoding="utf-8")
    resaved.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "  \r\n").encode("utf-8"))
    shutil.copy(original, tmp_path / "same-bytes.txt")
    first = import_file(engine, original)
    again = import_file(engine, resaved)
    same = import_file(engine, tmp_path / "same-bytes.txt")
    engine.dispose()
    assert first.outcome == Outcome.IMPORTED
    assert again.outcome == Outcome.DUPLICATE and again.interview_id == first.interview_id
    assert "the same text" in again.message
    assert same.outcome == Outcome.DUPLICATE and "the same text" not in same.message


def _unlocked_extraction(path: Path, results: list[object]) -> None:
    """One extraction on its own engine, without the per-workspace lock (as on a drive without locks)."""
    engine = open_workspace(path)
    try:
        results.append(run_extraction.__wrapped__(engine))  # type: ignore[attr-defined]
    except Exception as exc:  # the test reports what went wrong
        results.append(exc)
    finally:
        engine.dispose()


@pytest.mark.parametrize("resume", [False, True], ids=["new runs", "one resumed run"])
def test_without_the_lock_the_database_still_stores_each_insight_once(
    imported: Path, monkeypatch: pytest.MonkeyPatch, resume: bool
) -> None:
    monkeypatch.setenv(CHUNK_TOKENS_ENV, "40")
    if resume:  # a cancelled run both extractions then resume
        engine = open_workspace(imported)
        calls = iter([False] * 3)
        assert run_extraction(engine, cancel=lambda: next(calls, True)).status == RunStatus.CANCELLED
        engine.dispose()
    results: list[object] = []
    threads = [threading.Thread(target=_unlocked_extraction, args=(imported, results)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [type(result).__name__ for result in results] == ["RunSummary", "RunSummary"], results
    assert duplicate_groups(imported) == 0
    assert consistency_problems(imported) == []
