"""Insights and personas as CSV files (UTF-8 with BOM, so Excel reads accents), written atomically."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from models.tables import EvidenceSpan, Insight, Persona, Turn
from synthesis.personas.query import format_timestamp, persona_profile
from synthesis.report.csv_safe import write_rows
from synthesis.report.files import atomic_target
from synthesis.report.labels import Labels, build_labels
from synthesis.report.options import ReportError
from synthesis.report.redaction import Decisions

INSIGHT_COLUMNS = (
    "insight_id",
    "interview",
    "respondent",
    "company",
    "company_profile",
    "kind",
    "status",
    "statement",
    "original_statement",
    "confidence",
    "origin",
    "quotes",
    "timestamps",
)
PERSONA_COLUMNS = (
    "persona_id",
    "persona",
    "role",
    "linked_icps",
    "respondents",
    "field",
    "theme",
    "prevalence",
    "dissent_respondents",
    "statuses",
    "insight_ids",
)


@dataclass(frozen=True)
class CsvSummary:
    insights: Path
    personas: Path
    insight_rows: int
    persona_rows: int


def _write(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    with (
        atomic_target(path, ".csv") as temporary,
        temporary.open("w", encoding="utf-8-sig", newline="") as handle,
    ):
        return write_rows(handle, columns, rows)


def _insight_rows(session: Session, labels: Labels) -> list[list[object]]:
    quotes: dict[int, list[tuple[str, str]]] = defaultdict(list)
    spans = session.exec(
        select(EvidenceSpan, Turn.start_seconds)
        .join(Turn, col(Turn.id) == EvidenceSpan.turn_id)
        .order_by(col(EvidenceSpan.id))
    )
    for span, seconds in spans:
        quotes[span.insight_id].append((labels.text(span.quote), format_timestamp(seconds) or ""))
    rows = []
    for insight in session.exec(select(Insight).order_by(col(Insight.interview_id), col(Insight.id))):
        company = labels.company_of(insight.interview_id)
        found = quotes.get(insight.id or 0, [])
        rows.append(
            [
                insight.id,
                labels.interview(insight.interview_id),
                labels.respondent(insight.interview_id),
                labels.company(company) if company else "",
                labels.profile(company) if company else "",
                insight.kind.value,
                insight.status.value,
                labels.text(insight.statement),
                labels.text(insight.original_statement),
                f"{insight.confidence:.2f}",
                insight.origin,
                " | ".join(q for q, _ in found),
                " | ".join(t for _, t in found),
            ]
        )
    return rows


def _persona_rows(session: Session, labels: Labels) -> list[list[object]]:
    rows = []
    for persona_id in session.exec(select(Persona.id).order_by(col(Persona.id))):
        profile = persona_profile(session, persona_id or 0)
        for kind, views in profile.fields.items():
            for view in views:
                statements = [*view.statements, *view.dissent]
                rows.append(
                    [
                        profile.id,
                        labels.text(profile.name),
                        labels.text(profile.role),
                        "; ".join(labels.text(name) for _, name in profile.icps),
                        profile.respondents,
                        kind.value,
                        labels.text(view.theme),
                        f"{view.respondents} of {view.total}",
                        view.dissent_respondents,
                        "; ".join(sorted({s.status for s in statements})),
                        "; ".join(str(s.insight_id) for s in statements),
                    ]
                )
    return rows


def export_csv(
    engine: Engine, out_dir: Path, *, anonymise: bool = False, redaction: Decisions | None = None
) -> CsvSummary:
    """Write insights.csv and personas.csv into ``out_dir`` (created if missing); raises ReportError."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"{out_dir}: the folder cannot be created ({exc.strerror}).") from exc
    with Session(engine) as session:
        labels = build_labels(session, anonymise=anonymise, client="", decisions=redaction)
        insight_rows = _insight_rows(session, labels)
        persona_rows = _persona_rows(session, labels)
    insights, personas = out_dir / "insights.csv", out_dir / "personas.csv"
    return CsvSummary(
        insights,
        personas,
        _write(insights, INSIGHT_COLUMNS, insight_rows),
        _write(personas, PERSONA_COLUMNS, persona_rows),
    )
