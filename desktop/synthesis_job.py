"""A synthesis run as one plain background function: choose the model, extract insights, draft personas."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from models.tables import RunStatus
from synthesis.extraction.model_choice import ModelChoice, record_probe
from synthesis.extraction.run import RunSummary, run_extraction
from synthesis.personas.synthesize import SynthesisReport, synthesize_personas
from synthesis.tasks import Cancel, Progress, sub_progress

EXTRACTION_SHARE = 0.85
"""Part of the progress bar given to extraction; persona drafting takes the rest."""

ChooseModel = Callable[[Cancel], ModelChoice]


@dataclass(frozen=True)
class SynthesisOutcome:
    reason: str
    extraction: RunSummary
    personas: SynthesisReport | None
    """None when extraction did not complete (cancelled)."""

    def summary(self) -> str:
        run = self.extraction
        parts = [f"{run.insights_stored} new insights from {run.interviews} interviews"]
        if run.chunks_skipped:
            parts.append(f"{run.chunks_skipped} chunks resumed from an earlier run")
        if self.personas is not None:
            parts.append(f"{len(self.personas.personas)} personas drafted")
        problems = run.problems()
        if problems:
            return "Synthesis finished with rejected model output: " + ", ".join(parts) + f". {problems}."
        return "Synthesis finished: " + ", ".join(parts) + "."


def run_synthesis(
    engine: Engine,
    choose: ChooseModel,
    *,
    on_reason: Callable[[str], None],
    progress: Progress,
    cancel: Cancel,
) -> SynthesisOutcome:
    """Run extraction (resuming an unfinished run) then persona synthesis; ``on_reason`` hears at once why
    the model leads or not."""
    progress(0.0, "Choosing the model…")
    choice = choose(cancel)
    record_probe(engine, choice)
    on_reason(choice.reason)
    summary = run_extraction(
        engine, choice.extractor, progress=sub_progress(progress, 0.0, EXTRACTION_SHARE), cancel=cancel
    )
    if summary.status != RunStatus.COMPLETED:
        return SynthesisOutcome(choice.reason, summary, None)
    report = synthesize_personas(
        engine, progress=sub_progress(progress, EXTRACTION_SHARE, 1.0), cancel=cancel
    )
    return SynthesisOutcome(choice.reason, summary, report)
