"""The synthesis pipeline as plain functions, shared by the CLI, the desktop and the demo.

Two user actions, each a few steps:
- **Extract insights** (``extract_new_insights``): step 1 checks the model (its capability probe, unless a
  result is remembered, decides whether it leads; the result is stored in the workspace), step 2 extracts
  from new or changed interviews only (resuming an unfinished run). Each step fills the progress bar on its
  own and its stage names the step, so a 15-second probe never hides behind an empty bar.
- **Redraft personas** (``redraft_personas``): drafts personas from the respondents at ICP-fitting companies
  (the ICP fit is scored inside persona synthesis), never touching personas the user reviewed or edited;
  ``preview_redraft`` tells which drafts it would replace, so the user is asked first.

``run_synthesis`` chains both for the demo on a fresh workspace and, when the model leads, has it write theme
names, findings and summaries as a draft (``writing``). ``progress`` and ``cancel`` are the usual
callbacks.
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
"""Part of ``run_synthesis``'s progress bar given to model check and extraction; drafting takes the rest."""
PROBE_SHARE = 0.15
"""Part of ``run_synthesis``'s extraction share given to the model check."""
PERSONAS_END = 0.9
"""Where persona drafting ends on ``run_synthesis``'s bar; model-written synthesis takes the rest."""

ChooseModel = Callable[[Cancel, Progress], LlmChoice]
"""Picks the extractor, probing the model when needed (reporting each check); may raise ``LlmError``."""


@dataclass(frozen=True)
class SynthesisOutcome:
    reason: str
    extraction: RunSummary
    personas: SynthesisReport | None
    """None when personas were not drafted (extraction cancelled, or not asked for)."""

    @property
    def completed(self) -> bool:
        return self.extraction.status == RunStatus.COMPLETED
    written: WrittenOutcome | None = None
    """What the model wrote (None when it wrote nothing: no capable model, or personas not drafted)."""

    def summary(self) -> str:
        run = self.extraction
        if run.interviews == 0 and run.interviews_skipped:
            parts = [f"nothing new: all {run.interviews_skipped} interviews were already extracted"]
        else:
            parts = [f"{run.insights_stored} new insights from {run.interviews} interviews"]
            if run.interviews_skipped:
                parts.append(f"{run.interviews_skipped} unchanged interviews skipped")
        if run.chunks_skipped:
            parts.append(f"{run.chunks_skipped} chunks resumed from an earlier run")
        if self.personas is not None:
            parts.append(f"{len(self.personas.personas)} personas drafted")
        if self.written is not None and self.written.calls:
            parts.append(self.written.summary())
        problems = run.problems()
        if problems:
            return "Extraction finished with rejected model output: " + ", ".join(parts) + f". {problems}."
        return "Extraction finished: " + ", ".join(parts) + "."


def _ignore(_reason: str) -> None:
    """An ``on_reason`` that does nothing."""


def step(progress: Progress, number: int, steps: int) -> Progress:
    """``progress`` for step ``number`` of ``steps``: the step fills the bar on its own, its stage named."""

    def report(fraction: float, stage: str) -> None:
        progress(fraction, f"Step {number} of {steps} · {stage}")

    return report


def check_model(
    choose: ChooseModel, *, progress: Progress = no_progress, cancel: Cancel = never_cancel
) -> LlmChoice:
    """Choose the extractor: load the model and run its capability probe unless a result is remembered."""
    progress(0.0, "Checking the model (capability probe)…")
    choice = choose(cancel, progress)
    progress(1.0, "Model checked")
    return choice


def extract_insights(
    engine: Engine,
    choice: LlmChoice,
    *,
    everything: bool = False,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> RunSummary:
    """Store the probe result that decided ``choice``, then extract from new or changed interviews (all of
    them with ``everything``), resuming an unfinished run."""
    record_probe(engine, choice)
    return run_extraction(
        engine, choice.extractor, new_only=not everything, progress=progress, cancel=cancel
    )


def extract_new_insights(
    engine: Engine,
    choose: ChooseModel,
    *,
    on_reason: Callable[[LlmChoice], None] = lambda _choice: None,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> SynthesisOutcome:
    """ "Extract insights": check the model (step 1), then extract from new or changed interviews (step 2);
    ``on_reason`` hears the choice at once (why the model leads or not, and its probe result)."""
    choice = check_model(choose, progress=step(progress, 1, 2), cancel=cancel)
    on_reason(choice)
    summary = extract_insights(engine, choice, progress=step(progress, 2, 2), cancel=cancel)
    return SynthesisOutcome(choice.reason, summary, None)


def preview_redraft(engine: Engine, *, cancel: Cancel = never_cancel) -> SynthesisReport:
    """What ``redraft_personas`` would do, stored nowhere (ask before ``replaced_drafts()`` is non-empty)."""
    return synthesize_personas(engine, dry_run=True, cancel=cancel)


def redraft_personas(
    engine: Engine, *, progress: Progress = no_progress, cancel: Cancel = never_cancel
) -> SynthesisReport:
    """ "Redraft personas": replace the drafts; personas the user reviewed or edited stay as they are."""
    return synthesize_personas(engine, progress=progress, cancel=cancel)


def run_synthesis(
    engine: Engine,
    choose: ChooseModel,
    *,
    on_reason: Callable[[str], None] = _ignore,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> SynthesisOutcome:
    """Check the model, extract new insights, then draft personas, on one progress bar (the demo's run)."""
    choice = check_model(choose, progress=sub_progress(progress, 0.0, PROBE_SHARE), cancel=cancel)
    on_reason(choice.reason)
    summary = extract_insights(
        engine, choice, progress=sub_progress(progress, PROBE_SHARE, EXTRACTION_SHARE), cancel=cancel
    )
    if summary.status != RunStatus.COMPLETED:
        return SynthesisOutcome(choice.reason, summary, None)
    report = redraft_personas(
        engine, progress=sub_progress(progress, EXTRACTION_SHARE, PERSONAS_END), cancel=cancel
    )
    if report.cancelled:
        return SynthesisOutcome(choice.reason, summary, report)
    written = write_if_capable(
        engine, choice.extractor, progress=sub_progress(progress, PERSONAS_END, 1.0), cancel=cancel
    )
    return SynthesisOutcome(choice.reason, summary, report, written)
