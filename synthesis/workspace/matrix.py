"""The persona matrix as plain text: personas as columns, attributes as rows; also as TSV."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.tables import Company, InsightKind, Interview, Persona
from synthesis.personas.query import PersonaProfile, ThemeView, persona_profile

TOP_THEMES = 3
ATTRIBUTES = (
    "Role",
    "Company profile",
    "Top goals",
    "Pains",
    "Aspirations",
    "Buying behaviour",
    "Respondents",
)


@dataclass(frozen=True)
class MatrixTable:
    personas: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    """(attribute, one cell per persona)."""

    def to_tsv(self) -> str:
        def clean(text: str) -> str:
            return text.replace("\t", " ").replace("\n", "; ")

        lines = ["\t".join(["", *map(clean, self.personas)])]
        lines += ["\t".join([name, *map(clean, cells)]) for name, cells in self.rows]
        return "\n".join(lines) + "\n"


def _themes(views: tuple[ThemeView, ...]) -> str:
    ranked = sorted(views, key=lambda v: -v.respondents)[:TOP_THEMES]
    return "\n".join(f"{v.theme} ({v.respondents} of {v.total})" for v in ranked)


def _company_profile(session: Session, profile: PersonaProfile) -> str:
    ids = [interview_id for interview_id, _ in profile.interviews]
    companies = session.exec(
        select(Company)
        .join(Interview, col(Interview.company_id) == Company.id)
        .where(col(Interview.id).in_(ids))
        .distinct()
    ).all()
    lines = []
    industries = list(dict.fromkeys(c.industry for c in companies if c.industry))
    if industries:
        lines.append(", ".join(industries[:TOP_THEMES]) + ("…" if len(industries) > TOP_THEMES else ""))
    sizes = [c.employee_count for c in companies if c.employee_count]
    if sizes:
        lines.append(
            f"{min(sizes):,}–{max(sizes):,} employees" if len(sizes) > 1 else f"{sizes[0]:,} employees"
        )
    if profile.icps:
        lines.append("ICP: " + ", ".join(name for _, name in profile.icps))
    return "\n".join(lines)


def matrix_table(session: Session) -> MatrixTable:
    profiles = [
        persona_profile(session, p.id or 0) for p in session.exec(select(Persona).order_by(col(Persona.id)))
    ]
    columns: list[tuple[str, ...]] = []
    for p in profiles:
        goals = (*p.fields.get(InsightKind.GOAL, ()), *p.fields.get(InsightKind.ROLE, ()))
        columns.append(
            (
                ", ".join(part for part in (p.role, p.seniority) if part),
                _company_profile(session, p),
                _themes(goals),
                _themes(p.fields.get(InsightKind.PAIN, ())),
                _themes(p.fields.get(InsightKind.ASPIRATION, ())),
                _themes(p.fields.get(InsightKind.BUYING, ())),
                f"{p.respondents}: " + ", ".join(title for _, title in p.interviews),
            )
        )
    rows = tuple((name, tuple(column[n] for column in columns)) for n, name in enumerate(ATTRIBUTES))
    return MatrixTable(tuple(p.name for p in profiles), rows)
