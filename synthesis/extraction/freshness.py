"""Which interviews still need extraction: new ones, and those changed since a completed run read them.

An interview counts as extracted when a completed run with the same extractor settings (version, model file,
prompt, chunking) recorded chunks of it, and its turns (speaker, role, text) still have the fingerprint they
had when that run completed. Fingerprints live in one ``WorkspaceSetting`` row, so no table is needed; a
workspace from before fingerprints were kept treats its extracted interviews as unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence

from sqlmodel import Session, col, select

from models.tables import ExtractionRun, Interview, RunChunk, RunStatus, Turn, WorkspaceSetting
from synthesis.extraction.llm_led import prompt_version
from synthesis.extraction.pipeline import Extractor

FINGERPRINTS_KEY = "extraction.fingerprints"
"""The ``WorkspaceSetting`` holding {interview id: fingerprint of its turns when last extracted}."""


def fingerprints(session: Session, interview_ids: Iterable[int]) -> dict[int, str]:
    """The current fingerprint of each interview's turns (what extraction reads of them)."""
    ids = list(interview_ids)
    turns: dict[int, list[tuple[int, str, str, str]]] = {i: [] for i in ids}
    rows = session.exec(
        select(Turn.interview_id, Turn.index, Turn.speaker, Turn.role, Turn.text)
        .where(col(Turn.interview_id).in_(ids))
        .order_by(col(Turn.interview_id), col(Turn.index))
    )
    for interview_id, index, speaker, role, text in rows:
        turns[interview_id].append((index, speaker, role, text))
    return {
        interview_id: hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()
        for interview_id, rows in turns.items()
    }


def stored_fingerprints(session: Session) -> dict[int, str]:
    setting = session.get(WorkspaceSetting, FINGERPRINTS_KEY)
    value = setting.value if setting is not None and isinstance(setting.value, dict) else {}
    return {int(key): str(fp) for key, fp in value.items() if str(key).isdigit()}


def remember_extracted(session: Session, read: dict[int, str]) -> None:
    """Record the fingerprints (taken when it read them) of the interviews a completed run has read (the
    caller commits)."""
    known = stored_fingerprints(session)
    known.update(read)
    setting = session.get(WorkspaceSetting, FINGERPRINTS_KEY) or WorkspaceSetting(key=FINGERPRINTS_KEY)
    setting.value = {str(key): fp for key, fp in sorted(known.items())}
    session.add(setting)


def interviews_to_extract(
    session: Session,
    *,
    extractor_version: str,
    model_sha256: str | None,
    prompt_version: str | None,
    settings: dict[str, object],
) -> tuple[list[int], int]:
    """(ids of new or changed interviews, number skipped as already extracted with these settings)."""
    all_ids = list(session.exec(select(Interview.id).order_by(col(Interview.id))))
    runs = [
        run.id
        for run in session.exec(
            select(ExtractionRun).where(
                ExtractionRun.status == RunStatus.COMPLETED,
                ExtractionRun.extractor_version == extractor_version,
            )
        )
        if (run.model_sha256, run.prompt_version) == (model_sha256, prompt_version)
        and {key: run.settings.get(key) for key in settings} == settings  # a run also counts its problems
    ]
    read = set(session.exec(select(RunChunk.interview_id).where(col(RunChunk.run_id).in_(runs))))
    stored = stored_fingerprints(session)
    current = fingerprints(session, [i for i in all_ids if i in read and i in stored])
    unchanged = {i for i in read if i not in stored or current[i] == stored[i]}
    todo = [i for i in all_ids if i not in unchanged]
    return todo, len(all_ids) - len(todo)



def interviews_to_read(
    session: Session,
    extractor: Extractor,
    extractor_version: str,
    settings: dict[str, object],
    *,
    interview_ids: Sequence[int] | None,
    new_only: bool,
) -> tuple[list[int], int]:
    """(the interviews a run reads: ``interview_ids``, default all, with ``new_only`` only those new or
    changed since a completed run of this extractor, version and settings; the number left out)."""
    every = select(Interview.id).order_by(col(Interview.id))
    ids = list(interview_ids) if interview_ids is not None else list(session.exec(every))
    if not new_only:
        return ids, 0
    info = extractor.backend.info() if extractor.backend is not None else None
    todo, _skipped = interviews_to_extract(
        session,
        extractor_version=extractor_version,
        model_sha256=info.sha256 if info else None,
        prompt_version=prompt_version() if extractor.llm_led else None,
        settings=settings,
    )
    fresh = set(todo)
    kept = [interview_id for interview_id in ids if interview_id in fresh]
    return kept, len(ids) - len(kept)
