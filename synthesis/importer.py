"""Import transcript files into a workspace: one transaction per file, a batch goes on past bad files.

A file whose bytes, or whose text once normalised (``models.fingerprint``), are already in the workspace is
skipped as a duplicate. The check and the insert run under the workspace's write lock, so two imports of
the same file at once store it once; the other reports it as a duplicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from models.database import begin_immediate, storage_problem
from models.fingerprint import text_fingerprint
from models.queries import company_id_for, interview_by_sha256, interview_by_text_sha256
from models.tables import Interview
from synthesis.ingest import SUPPORTED_SUFFIXES, TranscriptError, parse_bytes
from synthesis.ingest.decode import check_size
from synthesis.ingest.person_names import split_name_and_title
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress
from synthesis.transcript import ParsedTranscript, SpeakerRole

_INSERT_TURNS = (
    'INSERT INTO turn (interview_id, "index", speaker, role, text, start_char, end_char, start_seconds, '
    "end_seconds, segments) SELECT ?, key, "
    + ", ".join(f"json_extract(value, '$[{n}]')" for n in range(8))
    + " FROM json_each(?)"
)
"""All turns of an interview in one statement: the full-text index trigger then batches its updates (one
``executemany`` row at a time flushes FTS5's pending terms per row, 8 times slower on 100,000 turns)."""


class Outcome(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass
class FileResult:
    """What happened to one file of an import batch."""

    path: Path
    outcome: Outcome
    message: str = ""
    interview_id: int | None = None
    turns: int = 0
    warnings: list[str] = field(default_factory=list)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: given files as they are, folders searched recursively for supported types."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            files.append(path)
    return files


def outside_folder(path: Path, folders: Sequence[Path]) -> Path | None:
    """The folder of ``folders`` that ``path`` was found in, when ``path`` is a link to a file outside it."""
    for folder in folders:
        if path.is_relative_to(folder):
            return None if path.resolve().is_relative_to(folder.resolve()) else folder
    return None


def import_paths(
    engine: Engine,
    paths: Sequence[Path],
    *,
    interviewers: Sequence[str] = (),
    follow_links: bool = False,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> list[FileResult]:
    """Import every transcript file under ``paths``; returns one result per file, in order.

    A file found in a folder that is a link to a file outside that folder is not read unless
    ``follow_links`` is set (a folder import reads that folder, nothing else).
    """
    files = collect_files(paths)
    folders = [path for path in paths if path.is_dir()]
    results: list[FileResult] = []
    for number, path in enumerate(files):
        if cancel():
            break
        progress(number / max(len(files), 1), f"Importing {path.name}")
        folder = None if follow_links else outside_folder(path, folders)
        if folder is not None:
            message = (
                f"{path.name}: a link to {path.resolve()}, outside the folder {folder}; not imported. "
                "Import that file itself, or import the folder with --follow-links."
            )
            results.append(FileResult(path, Outcome.FAILED, message))
            continue
        results.append(import_file(engine, path, interviewers=interviewers))
    progress(1.0, "Import finished")
    return results


def import_file(engine: Engine, path: Path, *, interviewers: Sequence[str] = ()) -> FileResult:
    """Import one file in one transaction; never raises for bad input."""
    try:
        data = _read(path)
        parsed = parse_bytes(data, path.name, interviewers=interviewers)
    except TranscriptError as exc:
        return FileResult(path, Outcome.FAILED, str(exc))
    digest = hashlib.sha256(data).hexdigest()
    try:
        with Session(engine) as session:
            begin_immediate(session)
            duplicate = _duplicate_of(session, path, digest, parsed.text)
            if duplicate is not None:
                return duplicate
            interview = store_transcript(session, parsed, source_file_name=path.name, sha256=digest)
            session.commit()
            interview_id = interview.id
    except IntegrityError:
        with Session(engine) as session:  # stored by a writer that does not take the lock (older version)
            duplicate = _duplicate_of(session, path, digest, parsed.text)
        if duplicate is None:
            raise
        return duplicate
    except OperationalError as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        message = f"{path.name}: not imported, nothing of it was saved: {problem}."
        return FileResult(path, Outcome.FAILED, message)
    return FileResult(
        path,
        Outcome.IMPORTED,
        f"{path.name}: {len(parsed.turns)} turns",
        interview_id=interview_id,
        turns=len(parsed.turns),
        warnings=list(parsed.warnings),
    )


def _duplicate_of(session: Session, path: Path, digest: str, text: str) -> FileResult | None:
    """The duplicate result when the same bytes, or the same text saved differently, are already stored."""
    existing = interview_by_sha256(session, digest)
    how = ""
    if existing is None:
        existing = interview_by_text_sha256(session, text_fingerprint(text))
        how = " (the same text, saved with other line endings, spacing or byte-order mark)"
    if existing is None:
        return None
    return FileResult(
        path,
        Outcome.DUPLICATE,
        f"{path.name}: already imported as “{existing.title}”{how}; skipped.",
        interview_id=existing.id,
    )


def _read(path: Path) -> bytes:
    try:
        check_size(path.stat().st_size, path.name)
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise TranscriptError(str(path), "no such file", "Check the path.") from exc
    except IsADirectoryError as exc:
        raise TranscriptError(str(path), "this is a folder, not a file", "Import the folder itself.") from exc
    except OSError as exc:
        raise TranscriptError(
            str(path), f"cannot be read ({exc.strerror})", "Check its permissions."
        ) from exc


def store_transcript(
    session: Session, parsed: ParsedTranscript, *, source_file_name: str, sha256: str
) -> Interview:
    """Add an interview and its turns to the session (the caller commits)."""
    meta = parsed.metadata
    respondents = sorted({t.speaker for t in parsed.turns if t.role == SpeakerRole.RESPONDENT})
    interviewers = sorted({t.speaker for t in parsed.turns if t.role == SpeakerRole.INTERVIEWER})
    label = meta.get("interviewee") or (respondents[0] if len(respondents) == 1 else None)
    name, job_title = split_name_and_title(label) if label else (None, None)
    interview = Interview(
        title=parsed.title or meta.get("title") or Path(source_file_name).stem,
        date=_parse_date(meta.get("date")),
        interviewee_name=name,
        job_title=job_title,
        interviewer=meta.get("interviewer") or (", ".join(interviewers) or None),
        company_id=company_id_for(session, meta.get("company")),
        source_file_name=source_file_name,
        format=parsed.format,
        encoding=parsed.encoding,
        sha256=sha256,
        text_sha256=text_fingerprint(parsed.text),
        text=parsed.text,
        warnings=list(parsed.warnings),
    )
    session.add(interview)
    session.flush()
    rows = [
        [
            turn.speaker,
            str(turn.role),
            turn.text,
            turn.source_start,
            turn.source_end,
            turn.start_seconds,
            turn.end_seconds,
            [[s.offset, s.source_start, s.source_end] for s in turn.segments],
        ]
        for turn in parsed.turns
    ]
    session.connection().exec_driver_sql(_INSERT_TURNS, (interview.id, json.dumps(rows)))
    return interview


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None
