"""Model-written synthesis: a capable model names each theme and writes its finding, each persona's summary
and the executive summary; every sentence cites insight ids, checked by ``citations`` before it is kept.

``write_synthesis`` is the plain function (``progress`` and ``cancel`` callbacks); ``write_if_capable`` is the
one call the synthesis pipeline makes after drafting personas. A reply that breaks the schema is re-asked once
by the backend, then counted and skipped; when nothing is kept, or no capable model is available, the stored
draft is removed and the rule-built labels and summaries stand alone.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from models.tables import Insight, Interview, Persona, PersonaInsight, Turn
from synthesis.extraction.pipeline import Extractor
from synthesis.llm.base import LlmBackend, LlmCancelled, LlmError
from synthesis.llm.prompt_files import load_prompt
from synthesis.personas.query import PersonaProfile, persona_profile
from synthesis.personas.respondents import is_generic_label
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress
from synthesis.writing.citations import CitationIndex, DropCounts
from synthesis.writing.sentences import PROMPTS, SentenceWriter
from synthesis.writing.store import (
    DRAFT,
    WrittenFinding,
    WrittenPersona,
    WrittenSynthesis,
    load_written,
    now_text,
    save_written,
)

RULES_ONLY = "no capable model: theme labels and summaries are rule-built"


@dataclass
class WrittenOutcome:
    """What one model-led writing run did; ``written`` is what was stored (None: rule-built text stands)."""

    reason: str
    written: WrittenSynthesis | None = None
    kept: int = 0
    dropped: DropCounts = field(default_factory=DropCounts)
    invalid_replies: int = 0
    """Replies that broke the schema even after the re-ask (their part is left to the rules)."""
    calls: int = 0
    cancelled: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        if self.written is None:
            return self.reason
        dropped = sum(self.dropped.values())
        parts = [f"{self.kept} model-written sentences kept as a draft", f"{dropped} dropped"]
        if self.invalid_replies:
            replies = "reply" if self.invalid_replies == 1 else "replies"
            parts.append(f"{self.invalid_replies} model {replies} broke the schema")
        return ", ".join(parts)


def write_if_capable(
    engine: Engine, extractor: Extractor, *, progress: Progress = no_progress, cancel: Cancel = never_cancel
) -> WrittenOutcome:
    """Write synthesis with the extractor's model when it leads (probe passed, or forced); else remove any
    draft so the rule-built labels stand."""
    if extractor.backend is None or not extractor.llm_led:
        _store(engine, None)
        return WrittenOutcome(RULES_ONLY)
    return write_synthesis(engine, extractor.backend, progress=progress, cancel=cancel)


def _citation_index(session: Session) -> CitationIndex:
    existing = frozenset(i for i in session.exec(select(Insight.id)) if i is not None)
    personas_of: dict[int, set[int]] = {}
    placed = select(PersonaInsight.insight_id, PersonaInsight.persona_id).where(
        col(PersonaInsight.excluded).is_(False)
    )
    for insight_id, persona_id in session.exec(placed):
        personas_of.setdefault(insight_id, set()).add(persona_id)
    return CitationIndex(existing, {i: frozenset(p) for i, p in personas_of.items()})


def _people_names(session: Session) -> frozenset[str]:
    """Everyone who speaks in or was recorded for an interview: a theme name may not open with one."""
    speakers = session.exec(select(Turn.speaker).distinct())
    recorded = session.exec(select(Interview.interviewee_name, Interview.interviewer))
    names = {*speakers, *(n for row in recorded for n in row if n)}
    return frozenset(n for n in names if n and not is_generic_label(n))


def _profiles(session: Session) -> list[PersonaProfile]:
    ids = session.exec(select(Persona.id).order_by(col(Persona.id))).all()
    return [persona_profile(session, persona_id) for persona_id in ids if persona_id is not None]


def _store(engine: Engine, written: WrittenSynthesis | None) -> None:
    """Replace the stored draft; an accepted document is only replaced by a new model-written one."""
    with Session(engine) as session:
        current = load_written(session)
        if written is None and current is not None and not current.is_draft:
            return
        save_written(session, written)
        session.commit()


def _document(
    backend: LlmBackend,
    writer: SentenceWriter,
    personas: Sequence[WrittenPersona],
    executive: tuple[WrittenFinding, ...],
) -> WrittenSynthesis:
    info = backend.info()
    return WrittenSynthesis(
        status=DRAFT,
        backend=info.backend,
        model_file=info.model_file,
        model_sha256=info.sha256,
        prompt_versions={step: load_prompt(name).version for step, name in PROMPTS.items()},
        written_at=now_text(),
        personas=tuple(personas),
        executive_summary=executive,
        kept=writer.kept,
        dropped=dict(writer.dropped),
    )


def write_synthesis(
    engine: Engine, backend: LlmBackend, *, progress: Progress = no_progress, cancel: Cancel = never_cancel
) -> WrittenOutcome:
    """Have ``backend`` write theme names and findings, persona summaries and the executive summary; keep
    the sentences whose citations check out and store them as a draft (nothing kept: the draft is removed)."""
    started = time.perf_counter()
    with Session(engine) as session:
        profiles = _profiles(session)
        writer = SentenceWriter(backend, _citation_index(session), cancel, _people_names(session))
    steps = len(profiles) + 1
    personas: list[WrittenPersona] = []
    try:
        for n, profile in enumerate(profiles):
            progress(n / steps, f"The model is writing persona {n + 1} of {len(profiles)}")
            written = writer.persona(profile)
            if written.themes or written.summary:
                personas.append(written)
        progress(len(profiles) / steps, "The model is writing the executive summary")
        executive = writer.executive(profiles, personas)
    except LlmCancelled:
        _store(engine, None)
        reason = "stopped while the model was writing: rule-built text stands"
        return _outcome(reason, writer, None, started, cancelled=True)
    except LlmError as exc:
        _store(engine, None)
        return _outcome(f"the model could not write ({exc}): rule-built text stands", writer, None, started)
    document = _document(backend, writer, personas, executive) if writer.kept else None
    _store(engine, document)
    progress(1.0, "Model-written synthesis done")
    reason = "model-written text kept as a draft" if document else "every model-written sentence was dropped"
    return _outcome(reason, writer, document, started)


def _outcome(
    reason: str,
    writer: SentenceWriter,
    written: WrittenSynthesis | None,
    started: float,
    *,
    cancelled: bool = False,
) -> WrittenOutcome:
    return WrittenOutcome(
        reason,
        written,
        writer.kept,
        writer.dropped,
        writer.invalid_replies,
        writer.calls,
        cancelled=cancelled,
        seconds=time.perf_counter() - started,
    )
