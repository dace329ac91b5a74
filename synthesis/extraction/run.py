"""Extraction runs over a workspace: chunk by chunk, each chunk stored in one transaction, resumable.

A run that was killed or cancelled is resumed by the next run with the same settings: chunks already
recorded in ``RunChunk`` are skipped, so nothing is read twice or stored twice. Insights that already exist
for the same evidence (from any earlier run, whatever the consultant did with them) are never duplicated
or overwritten. Firmographics are stored as suggestions; only the employer a respondent names links an
interview that has no company yet to a company of that name (its other fields stay suggestions).

One extraction at a time runs per workspace (``synthesis.extraction.lock``); even without that lock, each
chunk's check-and-insert runs under the workspace's write lock (``BEGIN IMMEDIATE``) and the database
refuses a second extracted insight of one kind on one evidence span (migration 0004).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from models.database import begin_immediate
from models.queries import company_id_for, turns_of
from models.tables import (
    EvidenceSpan,
    ExtractionRun,
    FirmographicSuggestion,
    Insight,
    InsightStatus,
    Interview,
    RunChunk,
    RunStatus,
    Turn,
    utcnow,
)
from synthesis.extraction.chunks import Chunk
from synthesis.extraction.firmographics import Firmographic, extract_firmographics
from synthesis.extraction.freshness import fingerprints, interviews_to_read, remember_extracted
from synthesis.extraction.learned.scorer import learned_candidates
from synthesis.extraction.llm_led import ChunkExtraction, prompt_version
from synthesis.extraction.lock import one_extraction_at_a_time
from synthesis.extraction.pipeline import Extractor, candidates_by_chunk
from synthesis.extraction.rules import Candidate
from synthesis.llm.base import LlmCancelled
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress
from synthesis.transcript import ParsedTurn, Segment, SpeakerRole

EXTRACTOR_VERSION = "groundwork-extract-2"
INVALID_REPLIES = "invalid_replies"
"""Key in ``ExtractionRun.settings``: the run's model replies that failed the schema, over all sessions."""


@dataclass
class RunSummary:
    """What a run did, for the CLI, the GUI and tests."""

    run_id: int
    status: RunStatus
    interviews: int
    chunks_total: int
    chunks_done: int
    chunks_skipped: int
    insights_stored: int
    quotes_dropped: int
    llm_led: bool
    interviews_skipped: int = 0
    """Interviews left out as already extracted with the same settings (see ``freshness``)."""
    invalid_replies: int = 0
    """Model replies that failed the schema even after a re-ask (their chunk kept the rules' insights)."""

    def problems(self) -> str:
        """What the model got wrong in this run, in a sentence, or "" when nothing was rejected."""
        parts = []
        if self.invalid_replies:
            parts.append(f"{self.invalid_replies} model replies failed the output schema and were discarded")
        if self.quotes_dropped:
            parts.append(
                f"{self.quotes_dropped} model quotes were dropped (not verbatim respondent text, or too "
                "short to count as evidence)"
            )
        return "; ".join(parts)


def parsed_turns(rows: Sequence[Turn]) -> list[ParsedTurn]:
    """Stored turns as the plain shapes extraction works on."""
    return [
        ParsedTurn(
            speaker=row.speaker,
            text=row.text,
            segments=[Segment(*segment) for segment in row.segments],
            start_seconds=row.start_seconds,
            end_seconds=row.end_seconds,
            role=SpeakerRole(row.role),
        )
        for row in rows
    ]


@one_extraction_at_a_time
def run_extraction(
    engine: Engine,
    extractor: Extractor | None = None,
    *,
    interview_ids: Sequence[int] | None = None,
    new_only: bool = False,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> RunSummary:
    """Extract insights from the interviews (default: all; with ``new_only``, of those only the new or
    changed, decided under the extraction lock); resumes an unfinished run of equal settings. (One loop
    with its resume, cancel and progress bookkeeping, kept together: hence its length.)"""
    extractor = extractor or Extractor()
    with Session(engine) as session:
        ids, skipped = interviews_to_read(
            session, extractor, EXTRACTOR_VERSION, _settings(extractor), interview_ids=interview_ids,
            new_only=new_only,
        )
        if new_only and not ids:
            progress(1.0, "Every interview was already extracted with these settings")
            return RunSummary(0, RunStatus.COMPLETED, 0, 0, 0, 0, 0, 0, extractor.llm_led, skipped)
        read = fingerprints(session, ids)  # as read now: an edit made during the run is not "extracted"
        run = _resume_or_start(session, extractor)
        run_id = run.id
        assert run_id is not None
        done = {
            (c.interview_id, c.chunk_index)
            for c in session.exec(select(RunChunk).where(RunChunk.run_id == run_id))
        }
        work = [(interview_id, *_load_turns(session, interview_id)) for interview_id in ids]
    plans = [(interview_id, turns, ids_, extractor.plan(turns)) for interview_id, turns, ids_ in work]
    total = sum(len(chunks) for *_, chunks in plans)
    summary = RunSummary(run_id, RunStatus.RUNNING, len(plans), total, 0, 0, 0, 0, extractor.llm_led, skipped)
    generated = 0
    started = time.perf_counter()

    def on_token(_piece: str) -> None:
        nonlocal generated
        generated += 1

    try:
        for interview_id, turns, turn_ids, chunks in plans:
            firmographics = extract_firmographics(turns)
            found = learned_candidates(turns, firmographics, threshold=extractor.threshold)
            by_chunk = candidates_by_chunk(found, chunks)
            for chunk in chunks:
                if cancel():
                    raise LlmCancelled("cancelled by the user")
                position = summary.chunks_done + summary.chunks_skipped
                progress(position / max(total, 1), _stage(position, total, generated, started))
                if (interview_id, chunk.index) in done:
                    summary.chunks_skipped += 1
                    continue
                result = extractor.extract(
                    turns, chunk, by_chunk[chunk.index], cancel=cancel, on_token=on_token
                )
                stored = _store_chunk(engine, run_id, interview_id, firmographics, turn_ids, chunk, result)
                summary.chunks_done += 1
                summary.insights_stored += stored
                summary.quotes_dropped += result.dropped
                summary.invalid_replies += result.invalid_replies
        summary.status = RunStatus.COMPLETED
    except LlmCancelled:
        summary.status = RunStatus.CANCELLED
    except Exception as exc:
        summary.status = RunStatus.FAILED
        _finish(engine, run_id, summary, extractor, read, error=str(exc))
        raise
    _finish(engine, run_id, summary, extractor, read)
    progress(1.0, "Extraction finished" if summary.status == RunStatus.COMPLETED else "Extraction stopped")
    return summary


def _load_turns(session: Session, interview_id: int) -> tuple[list[ParsedTurn], dict[int, int | None]]:
    """An interview's turns, read once per run, and their row ids by turn index."""
    rows = turns_of(session, interview_id)
    return parsed_turns(rows), {row.index: row.id for row in rows}


def _stage(position: int, total: int, generated: int, started: float) -> str:
    elapsed = time.perf_counter() - started
    rate = f", {generated / elapsed:.0f} tok/s" if generated and elapsed > 0 else ""
    eta = ""
    if position and elapsed > 0:
        remaining = elapsed / position * (total - position)
        eta = f", ETA {int(remaining // 60)}:{int(remaining % 60):02d}"
    return f"Extracting chunk {position + 1} of {total}{rate}{eta}"


def _settings(extractor: Extractor) -> dict[str, object]:
    """What must be equal for a run to resume another: chunk indexes only match under the same plan."""
    return {"model_led": extractor.llm_led, "chunk_tokens": extractor.chunk_budget()}


def _resume_or_start(session: Session, extractor: Extractor) -> ExtractionRun:
    info = extractor.backend.info() if extractor.backend is not None else None
    sha = info.sha256 if info else None
    unfinished = session.exec(
        select(ExtractionRun)
        .where(ExtractionRun.status != RunStatus.COMPLETED)
        .where(ExtractionRun.extractor_version == EXTRACTOR_VERSION)
        .order_by(ExtractionRun.id.desc())  # type: ignore[union-attr]
    ).first()
    if (
        unfinished is not None
        and unfinished.model_sha256 == sha
        and {key: unfinished.settings.get(key) for key in _settings(extractor)} == _settings(extractor)
    ):
        unfinished.status = RunStatus.RUNNING
        unfinished.error = None
        session.add(unfinished)
        session.commit()
        return unfinished
    run = ExtractionRun(
        extractor_version=EXTRACTOR_VERSION,
        backend=info.backend if info else "none",
        model_file=info.model_file if info else None,
        model_sha256=sha,
        quantisation=info.quantisation if info else None,
        context_size=info.context_size if info else None,
        seed=info.seed if info else None,
        temperature=info.temperature if info else None,
        prompt_version=prompt_version() if extractor.llm_led else None,
        settings=_settings(extractor),
    )
    session.add(run)
    session.commit()
    session.refresh(run)
    return run


def _store_chunk(
    engine: Engine,
    run_id: int,
    interview_id: int,
    firmographics: Sequence[Firmographic],
    turn_ids: dict[int, int | None],
    chunk: Chunk,
    result: ChunkExtraction,
) -> int:
    """Store a chunk's insights and mark it done, in one write-locked transaction; returns the count."""
    candidates, dropped = result.candidates, result.dropped
    with Session(engine) as session:
        begin_immediate(session)
        if _chunk_stored(session, run_id, interview_id, chunk.index):
            return 0
        chunk_turn_ids = [turn_ids[i] for i in range(chunk.first, chunk.last + 1)]
        existing = session.exec(
            select(Insight.kind, EvidenceSpan.turn_id, EvidenceSpan.start, EvidenceSpan.end)
            .join(EvidenceSpan, EvidenceSpan.insight_id == Insight.id)
            .where(EvidenceSpan.turn_id.in_(chunk_turn_ids))  # type: ignore[union-attr]
        ).all()
        run = session.get(ExtractionRun, run_id)
        assert run is not None
        fresh: list[tuple[Candidate, int]] = []
        for candidate in candidates:
            turn_id = turn_ids[candidate.turn_index]
            assert turn_id is not None
            if any(
                kind == candidate.kind and tid == turn_id and start < candidate.end and candidate.start < end
                for kind, tid, start, end in existing
            ):
                continue
            fresh.append((candidate, turn_id))
            existing.append((candidate.kind, turn_id, candidate.start, candidate.end))
        _insert_insights(session, run, interview_id, fresh)
        stored = len(fresh)
        if chunk.index == 0:
            _store_firmographics(session, interview_id, firmographics, turn_ids)
        session.add(
            RunChunk(
                run_id=run_id,
                interview_id=interview_id,
                chunk_index=chunk.index,
                first_turn_index=chunk.first,
                last_turn_index=chunk.last,
                insights_stored=stored,
                quotes_dropped=dropped,
            )
        )
        run.chunks_done += 1
        if result.invalid_replies:
            count = int(run.settings.get(INVALID_REPLIES, 0)) + result.invalid_replies
            run.settings = {**run.settings, INVALID_REPLIES: count}
        session.add(run)
        session.commit()
    return stored


def _insert_insights(
    session: Session, run: ExtractionRun, interview_id: int, fresh: Sequence[tuple[Candidate, int]]
) -> None:
    """Insert insights and their evidence spans in two statements (ORM objects one by one cost ~4 ms
    each, which made storing, not extracting, the bottleneck on long transcripts)."""
    if not fresh:
        return
    now = utcnow()
    insight_rows = []
    for candidate, _ in fresh:
        statement = candidate.statement
        insight_rows.append(
            {
                "interview_id": interview_id,
                "run_id": run.id,
                "kind": candidate.kind,
                "statement": statement,
                "original_statement": statement,
                "confidence": candidate.confidence,
                "status": InsightStatus.SUGGESTED,
                "origin": candidate.origin,
                "extractor_version": EXTRACTOR_VERSION,
                "prompt_version": run.prompt_version,
                "created_at": now,
                "updated_at": now,
            }
        )
    insights, spans = Insight.__table__, EvidenceSpan.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    returning = insights.insert().returning(insights.c.id, sort_by_parameter_order=True)
    ids = connection.execute(returning, insight_rows).scalars().all()
    span_rows = [
        {"insight_id": insight_id, "turn_id": turn_id, "start": c.start, "end": c.end, "quote": c.quote}
        for insight_id, (c, turn_id) in zip(ids, fresh, strict=True)
    ]
    connection.execute(spans.insert(), span_rows)


def _chunk_stored(session: Session, run_id: int, interview_id: int, chunk_index: int) -> bool:
    """Whether the chunk was stored since this run read its done chunks (another resumer of the run)."""
    return (
        session.exec(
            select(RunChunk.id)
            .where(RunChunk.run_id == run_id)
            .where(RunChunk.interview_id == interview_id)
            .where(RunChunk.chunk_index == chunk_index)
        ).first()
        is not None
    )


def _store_firmographics(
    session: Session,
    interview_id: int,
    firmographics: Sequence[Firmographic],
    turn_ids: dict[int, int | None],
) -> None:
    known = set(
        session.exec(
            select(FirmographicSuggestion.field, FirmographicSuggestion.value).where(
                FirmographicSuggestion.interview_id == interview_id
            )
        ).all()
    )
    interview = session.get(Interview, interview_id)
    for finding in firmographics:
        if (finding.field, finding.value) in known:
            continue
        known.add((finding.field, finding.value))
        suggestion = FirmographicSuggestion(
            interview_id=interview_id,
            turn_id=turn_ids[finding.turn_index],
            field=finding.field,
            value=finding.value,
            start=finding.start,
            end=finding.end,
            quote=finding.quote,
        )
        if finding.field == "company_name" and interview is not None and interview.company_id is None:
            interview.company_id = company_id_for(session, finding.value)
            suggestion.status = InsightStatus.ACCEPTED
            session.add(interview)
        session.add(suggestion)


def _finish(
    engine: Engine,
    run_id: int,
    summary: RunSummary,
    extractor: Extractor,
    read: dict[int, str],
    *,
    error: str | None = None,
) -> None:
    with Session(engine) as session:
        run = session.get(ExtractionRun, run_id)
        assert run is not None
        run.status = summary.status
        run.chunks_total = summary.chunks_total
        run.error = error
        if extractor.backend is not None:
            stats = extractor.backend.stats()
            run.tokens_evaluated = stats.prompt_tokens_evaluated
            run.tokens_generated = stats.tokens_generated
        if summary.status == RunStatus.COMPLETED:
            run.finished_at = utcnow()
            remember_extracted(session, read)
        session.add(run)
        session.commit()
