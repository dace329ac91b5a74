"""The synthesis pipeline as one plain function, shared by the CLI, the desktop and the demo.

After import: choose the language model (storing the probe result that decided it in the workspace), extract
insights (resuming an unfinished run), then draft personas from the respondents at ICP-fitting companies (the
ICP fit is scored inside persona synthesis), and, when the model leads, have it write theme names, findings
and summaries as a draft (``writing``). ``progress`` and ``cancel`` are the usual callbacks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from models.tables import RunStatus
from synthesis.extraction.llm_choice import LlmChoice, record_probe
from synthesis.extraction.run import RunSummary, run_extraction
from synthesis.personas.synthesize import SynthesisReport, synthesize_personas
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress, sub_progress
from synthesis.writing.write import WrittenOutcome, write_if_capable

EXTRACTION_SHARE = 0.85
"""Part of the progress bar given to extraction; persona drafting and writing take the rest."""
PERSONAS_END = 0.9
"""Where persona drafting ends on the progress bar; model-written synthesis takes the rest."""

ChooseModel = Callable[[Cancel], LlmChoice]
"""Picks the extractor (probing the model when needed); may raise ``LlmError``."""


@dataclass(frozen=True)
class SynthesisOutcome:
    reason: str
    extraction: RunSummary
    personas: SynthesisReport | None
    """None when extraction did not complete (cancelled)."""
    written: WrittenOutcome | None = None
    """What the model wrote (None when personas were not drafted)."""

    def summary(self) -> str:
        run = self.extraction
        parts = [f"{run.insights_stored} new insights from {run.interviews} interviews"]
        if run.chunks_skipped:
            parts.append(f"{run.chunks_skipped} chunks resumed from an earlier run")
        if self.personas is not None:
            parts.append(f"{len(self.personas.personas)} personas drafted")
        if self.written is not None and self.written.calls:
            parts.append(self.written.summary())
        return "Synthesis finished: " + ", ".join(parts) + "."


def _ignore(_reason: str) -> None:
    """An ``on_reason`` that does nothing."""


def extract_insights(
    engine: Engine, choice: LlmChoice, *, progress: Progress = no_progress, cancel: Cancel = never_cancel
) -> RunSummary:
    """Store the probe result that decided ``choice``, then extract (resuming an unfinished run)."""
    record_probe(engine, choice)
    return run_extraction(engine, choice.extractor, progress=progress, cancel=cancel)


def run_synthesis(
    engine: Engine,
    choose: ChooseModel,
    *,
    on_reason: Callable[[str], None] = _ignore,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> SynthesisOutcome:
    """Choose the model, extract insights, then draft personas; ``on_reason`` hears at once why the model
    leads or not."""
    progress(0.0, "Choosing the model…")
    choice = choose(cancel)
    on_reason(choice.reason)
    summary = extract_insights(
        engine, choice, progress=sub_progress(progress, 0.0, EXTRACTION_SHARE), cancel=cancel
    )
    if summary.status != RunStatus.COMPLETED:
        return SynthesisOutcome(choice.reason, summary, None)
    report = synthesize_personas(
        engine, progress=sub_progress(progress, EXTRACTION_SHARE, PERSONAS_END), cancel=cancel
    )
    if report.cancelled:
        return SynthesisOutcome(choice.reason, summary, report)
    written = write_if_capable(
        engine, choice.extractor, progress=sub_progress(progress, PERSONAS_END, 1.0), cancel=cancel
    )
    return SynthesisOutcome(choice.reason, summary, report, written)
