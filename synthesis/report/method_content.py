"""The method appendix's content, told as it happened: what was reviewed, which model or rules did what
(read from the stored probe results and extraction runs), how themes were formed, and what was left out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlmodel import Session, col, func, select

from models.tables import (
    ExtractionRun,
    Icp,
    Insight,
    InsightStatus,
    Interview,
    ModelProbe,
    PersonaInterview,
    RunChunk,
)
from synthesis.extraction.run import INVALID_REPLIES
from synthesis.personas.embeddings import embeddings_available
from synthesis.report.options import ReportOptions
from synthesis.report.shapes import MethodSection, PersonaSection, RunEntry

BY_ICP = "Respondents at companies that fit an ICP were grouped by job function into personas."
BY_ALL = "No ICP was defined, so all respondents were grouped by job function into personas."
THEMES_BY_MEANING = (
    BY_ICP + " Within each persona field, statements were grouped by meaning with WordLlama sentence "
    "embeddings, a small model that runs on this computer and writes nothing. A theme's label is its most "
    "representative statement, made a whole sentence without fillers and checked by rules (no fragments, "
    "questions or other people as the subject). "
    "Prevalence counts distinct respondents, a respondent being one person in one interview."
)
THEMES_BY_WORDS = THEMES_BY_MEANING.replace(
    "by meaning with WordLlama sentence embeddings, a small model that runs on this computer and writes "
    "nothing",
    "by shared words (the sentence-embedding weights were not installed)",
)


def _runs(session: Session) -> list[RunEntry]:
    run_ids = set(session.exec(select(Insight.run_id).where(col(Insight.run_id).is_not(None))).all())
    runs = []
    for run in session.exec(select(ExtractionRun).where(col(ExtractionRun.id).in_(run_ids))):
        settings = {
            "context": run.context_size,
            "temperature": run.temperature,
            "seed": run.seed,
            "prompt": run.prompt_version,
        }
        runs.append(
            RunEntry(
                run.extractor_version,
                run.backend,
                run.model_file or "none (rule-based extraction)",
                (run.model_sha256 or "")[:12] or "—",
                run.quantisation or "—",
                ", ".join(f"{k} {v}" for k, v in settings.items() if v is not None) or "—",
                (run.finished_at or run.started_at).strftime("%d %b %Y"),
                _rejected(session, run),
            )
        )
    return runs


def _rejected(session: Session, run: ExtractionRun) -> str:
    """The model output a run rejected, in words for the method appendix."""
    dropped = session.exec(
        select(func.coalesce(func.sum(RunChunk.quotes_dropped), 0)).where(RunChunk.run_id == run.id)
    ).one()
    invalid = int(run.settings.get(INVALID_REPLIES, 0))
    return (
        f"{invalid} replies failed the output schema; {dropped} quotes dropped (not verbatim "
        "respondent text, or too short to count as evidence)"
    )


def review_sentence(counts: dict[str, int], include_suggested: bool) -> str:
    """What the consultants reviewed, in numbers; never "reviewed" when nothing was."""
    reviewed = sum(counts.get(s, 0) for s in ("accepted", "edited", "rejected"))
    total = reviewed + counts.get("suggested", 0)
    if not reviewed:
        used = (
            "This draft shows them unreviewed, marked as such."
            if include_suggested
            else "This report therefore rests on no insight."
        )
        return f"None of the {total} insights found had been reviewed when this report was produced. {used}"
    rest = counts.get("suggested", 0)
    return (
        f"The consultants reviewed {reviewed} of {total} insights: {counts.get('accepted', 0)} accepted, "
        f"{counts.get('edited', 0)} edited and {counts.get('rejected', 0)} rejected. "
        + (
            f"{rest} were not reviewed"
            + (" and are shown marked as unreviewed." if include_suggested else " and are not used.")
            if rest
            else "Every insight was reviewed."
        )
    )


def _models(session: Session, runs: Sequence[RunEntry]) -> list[str]:
    lines = []
    for probe in session.exec(select(ModelProbe).order_by(col(ModelProbe.probed_at))):
        reasons = "; ".join(str(r) for r in probe.details.get("reasons", [])) if probe.details else ""
        verdict = "passed" if probe.passed else "failed" + (f" ({reasons})" if reasons else "")
        lines.append(
            f"The language model {probe.model_file} (SHA-256 {probe.model_sha256[:12]}) was tested on "
            f"{probe.probed_at:%d %b %Y} with Groundwork's capability probe: it scored {probe.score:.0%} and "
            f"{verdict}."
        )
    if runs and all(r.backend == "none" for r in runs):
        versions = ", ".join(sorted({r.extractor_version for r in runs}))
        lines.append(
            f"Insights were therefore found by the rule-based extractor ({versions}), not by a language "
            "model."
        )
    elif runs:
        models = ", ".join(sorted({r.model_file for r in runs if r.backend != "none"}))
        lines.append(f"Insights were extracted by the language model {models}; its runs are listed below.")
    lines.append(
        "No language model wrote any sentence of this report: theme labels, persona fields, the executive "
        "summary and this appendix are built by rules from the insights shown."
    )
    return lines


def _excluded(
    session: Session,
    counts: dict[str, int],
    options: ReportOptions,
    personas: Sequence[PersonaSection],
    dropped: int,
    icps_defined: bool,
) -> list[str]:
    lines = ["Interviewers' words are never used as evidence; only respondents' turns are."]
    if counts.get("rejected"):
        lines.append(f"{counts['rejected']} insights rejected in review are left out.")
    if counts.get("suggested") and not options.include_suggested:
        lines.append(f"{counts['suggested']} insights not yet reviewed are left out.")
    interviews = len(session.exec(select(Interview.id)).all())
    in_personas = len(set(session.exec(select(PersonaInterview.interview_id)).all()))
    if interviews > in_personas:
        reason = ": their company fits no ICP or is not recorded (see the ICP chapter)" * icps_defined
        lines.append(f"{interviews - in_personas} of {interviews} interviews are in no persona{reason}.")
    if dropped:
        lines.append(f"{dropped} quotes that no longer match their transcript word for word are left out.")
    hidden = sum(f.more_themes for p in personas for f in p.fields)
    if hidden:
        lines.append(
            f"{hidden} theme{'s' * (hidden != 1)} {'is' if hidden == 1 else 'are'} counted but not listed: "
            f"each persona field lists its {options.themes_per_field} most prevalent themes."
        )
    return lines


def method_section(
    session: Session,
    options: ReportOptions,
    personas: Sequence[PersonaSection],
    quotes_used: int,
    quotes_dropped: int,
) -> MethodSection:
    statuses = Counter(session.exec(select(Insight.status)).all())
    counts = {status.value: statuses.get(status, 0) for status in InsightStatus}
    runs = _runs(session)
    themes = THEMES_BY_MEANING if embeddings_available() else THEMES_BY_WORDS
    icps_defined = session.exec(select(Icp.id)).first() is not None
    return MethodSection(
        tuple(runs),
        counts,
        quotes_used,
        quotes_dropped,
        options.include_suggested,
        review_sentence(counts, options.include_suggested),
        tuple(_models(session, runs)),
        themes if icps_defined else themes.replace(BY_ICP, BY_ALL),
        tuple(_excluded(session, counts, options, personas, quotes_dropped, icps_defined)),
    )
