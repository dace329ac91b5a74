"""Read model of personas for views and reports: themed fields with prevalence, dissent and evidence quotes.

Prevalence and dissent are recomputed from the stored placements with the same stance rule as synthesis
(``themes.stance_split``), so user-placed insights count like any other. A respondent is a person in one
interview (interview and speaker). Only insights with evidence whose quote equals the transcript at its
offsets (``EvidenceQuote.verified``) are cited by the seed fields. Thin evidence is flagged: a persona of
fewer than ``MIN_PERSONA_RESPONDENTS`` respondents (``PersonaProfile.thin_evidence``) and a theme held by
one respondent (``ThemeView.single_respondent``).
The seed's persona fields (``profile_fields``): role facts, the person's demographics apart from company
facts, buying themes by aspect and the person's part in the decision, each citing verified insight ids.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from sqlmodel import Session, col, select

from models.tables import (
    Company,
    EvidenceSpan,
    Icp,
    Insight,
    InsightKind,
    Interview,
    Persona,
    PersonaIcp,
    PersonaInsight,
    PersonaInterview,
    Turn,
)
from synthesis.personas.field_rules import BuyingAspect, placed_kind
from synthesis.personas.fields import company_facts
from synthesis.personas.profile_fields import (
    CitedStatement,
    DecisionPart,
    PersonDemographics,
    RoleFacts,
    decision_parts,
    job_titles,
    role_facts,
    theme_aspect,
)
from synthesis.personas.respondents import respondent_keys
from synthesis.personas.synthesize import PERSONA_KINDS
from synthesis.personas.themes import DEFAULT_THRESHOLD, ThemeItem, is_negative, similarity, stance_split

MIN_PERSONA_RESPONDENTS = 3
"""A persona drawn from fewer respondents is flagged as thin evidence."""


@dataclass(frozen=True)
class EvidenceQuote:
    insight_id: int
    interview_id: int
    turn_id: int
    speaker: str
    speaker_role: str
    timestamp: str | None
    quote: str
    start: int = 0
    end: int = 0
    verified: bool = True
    """The quote equals its transcript at its offsets; only verified quotes make an insight citable."""


@dataclass(frozen=True)
class ThemeStatement:
    insight_id: int
    interview_id: int
    statement: str
    status: str
    user_placed: bool
    quotes: tuple[EvidenceQuote, ...]

    @property
    def verified(self) -> bool:
        """Backed by at least one quote that equals its transcript."""
        return any(q.verified for q in self.quotes)


@dataclass(frozen=True)
class ThemeView:
    kind: InsightKind
    theme: str
    respondents: int
    total: int
    statements: tuple[ThemeStatement, ...]
    """Statements holding the theme's stance."""
    dissent: tuple[ThemeStatement, ...]
    """Statements of respondents who only said the opposite."""

    @property
    def prevalence(self) -> str:
        return f"{self.respondents} of {self.total} respondents"

    @property
    def dissent_respondents(self) -> int:
        return len({s.interview_id for s in self.dissent})

    @property
    def evidence(self) -> tuple[EvidenceQuote, ...]:
        return tuple(q for s in self.statements for q in s.quotes)

    @property
    def single_respondent(self) -> bool:
        """Held by one respondent: flagged as thin evidence."""
        return self.respondents <= 1

    @property
    def insight_ids(self) -> tuple[int, ...]:
        """The insights it cites (those holding its stance with verified evidence)."""
        return tuple(s.insight_id for s in self.statements if s.verified)


@dataclass(frozen=True)
class PersonaProfile:
    id: int
    name: str
    role: str
    seniority: str
    summary: str
    demographics: str
    status: str
    edited_fields: tuple[str, ...]
    icps: tuple[tuple[int, str], ...]
    interviews: tuple[tuple[int, str], ...]
    fields: dict[InsightKind, tuple[ThemeView, ...]]
    role_facts: RoleFacts | None = None
    person: PersonDemographics | None = None
    """Tenure and background of the people, apart from the company facts (``company_facts``)."""
    company_facts: str = ""
    buying: dict[BuyingAspect, tuple[ThemeView, ...]] = field(default_factory=dict)
    """The buying themes by aspect (decision role, triggers, evaluation, objections, sources)."""
    decision_parts: tuple[DecisionPart, ...] = ()
    """The person's parts in the buying decision (user, champion, evaluator, approver, budget holder)."""
    job_titles: dict[int, str] = field(default_factory=dict)
    """Per interview: the interviewee's job title (import metadata or a verified role insight)."""
    respondent_count: int = 0
    """People in the persona's interviews (interview and speaker); 0 means one per interview."""

    @property
    def respondents(self) -> int:
        return self.respondent_count or len(self.interviews)

    @property
    def thin_evidence(self) -> bool:
        """Drawn from fewer than ``MIN_PERSONA_RESPONDENTS`` respondents: flagged in views and reports."""
        return self.respondents < MIN_PERSONA_RESPONDENTS

    @property
    def icp_linked(self) -> bool:
        return bool(self.icps)


def format_timestamp(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def _quotes(session: Session, insight_ids: list[int]) -> dict[int, list[EvidenceQuote]]:
    rows = session.exec(
        select(EvidenceSpan, Turn)
        .join(Turn, col(Turn.id) == EvidenceSpan.turn_id)
        .where(col(EvidenceSpan.insight_id).in_(insight_ids))
        .order_by(col(EvidenceSpan.id))
    )
    quotes: dict[int, list[EvidenceQuote]] = defaultdict(list)
    for span, turn in rows:
        quotes[span.insight_id].append(
            EvidenceQuote(
                span.insight_id,
                turn.interview_id,
                turn.id or 0,
                turn.speaker,
                turn.role,
                format_timestamp(turn.start_seconds),
                span.quote,
                span.start,
                span.end,
                turn.text[span.start : span.end] == span.quote,
            )
        )
    return quotes


def _respondent(member: ThemeStatement) -> tuple[int, str]:
    return (member.interview_id, member.quotes[0].speaker if member.quotes else "")


def _theme_view(kind: InsightKind, theme: str, members: list[ThemeStatement], total: int) -> ThemeView:
    _negative, support, _dissent = stance_split(
        [ThemeItem(m.insight_id, m.interview_id, m.statement, speaker=_respondent(m)[1]) for m in members]
    )
    return ThemeView(
        kind,
        theme,
        len(support),
        total,
        tuple(m for m in members if _respondent(m) in support),
        tuple(m for m in members if _respondent(m) not in support),
    )


def _placed_statements(
    session: Session, persona_id: int
) -> tuple[dict[tuple[InsightKind, str], list[ThemeStatement]], dict[tuple[InsightKind, str], int]]:
    """The persona's placed statements by (field, theme), and each theme's position; an automatic placement
    goes to the field its wording shows (``field_rules``), a user's placement stays where the user put it."""
    placed = session.exec(
        select(PersonaInsight, Insight)
        .join(Insight, col(Insight.id) == PersonaInsight.insight_id)
        .where(PersonaInsight.persona_id == persona_id, col(PersonaInsight.excluded).is_(False))
        .order_by(col(PersonaInsight.position), col(Insight.interview_id), col(Insight.id))
    ).all()
    quotes = _quotes(session, [insight.id for _, insight in placed if insight.id is not None])
    grouped: dict[tuple[InsightKind, str], list[ThemeStatement]] = defaultdict(list)
    order: dict[tuple[InsightKind, str], int] = {}
    for link, insight in placed:
        kind = insight.kind if link.user_placed else placed_kind(insight.kind, insight.statement)
        key = (kind, link.theme)
        order.setdefault(key, link.position)
        grouped[key].append(
            ThemeStatement(
                insight.id or 0,
                insight.interview_id,
                insight.statement,
                insight.status.value,
                link.user_placed,
                tuple(quotes.get(insight.id or 0, ())),
            )
        )
    return grouped, order


def persona_profile(session: Session, persona_id: int) -> PersonaProfile:
    """Everything a persona view or report shows; raises KeyError for an unknown id."""
    persona = session.get(Persona, persona_id)
    if persona is None:
        raise KeyError(f"no persona with id {persona_id}")
    interviews = tuple(
        session.exec(
            select(Interview.id, Interview.title)
            .join(PersonaInterview, col(PersonaInterview.interview_id) == Interview.id)
            .where(PersonaInterview.persona_id == persona_id)
            .order_by(col(Interview.id))
        ).all()
    )
    icps = tuple(
        session.exec(
            select(Icp.id, Icp.name)
            .join(PersonaIcp, col(PersonaIcp.icp_id) == Icp.id)
            .where(PersonaIcp.persona_id == persona_id)
            .order_by(col(Icp.id))
        ).all()
    )
    grouped, order = _placed_statements(session, persona_id)
    base = respondent_keys(session, [i for i, _ in interviews])
    inside = {i for i, _ in interviews}
    total = len(base | {_respondent(m) for ms in grouped.values() for m in ms if m.interview_id in inside})
    fields: dict[InsightKind, tuple[ThemeView, ...]] = {}
    extra_kinds = [k for k in InsightKind if k not in PERSONA_KINDS and any(g[0] == k for g in grouped)]
    for kind in [*PERSONA_KINDS, *extra_kinds]:
        keys = sorted((k for k in grouped if k[0] == kind), key=lambda k: (order[k], k[1]))
        fields[kind] = tuple(_theme_view(kind, theme, grouped[(kind, theme)], total) for _, theme in keys)
    return _with_seed_fields(
        session,
        PersonaProfile(
            persona_id,
            persona.name,
            persona.role,
            persona.seniority,
            persona.summary,
            persona.demographics,
            persona.status,
            tuple(persona.edited_fields),
            icps,
            interviews,
            fields,
            respondent_count=total,
        ),
    )


def _cited_statements(views: tuple[ThemeView, ...]) -> list[CitedStatement]:
    return [
        CitedStatement(s.insight_id, s.interview_id, s.statement, s.verified)
        for view in views
        for s in view.statements
    ]


def _with_seed_fields(session: Session, profile: PersonaProfile) -> PersonaProfile:
    """The profile with role facts, person demographics, company facts, buying aspects and decision parts."""
    rows = session.exec(
        select(Interview, Company)
        .join(Company, col(Company.id) == Interview.company_id, isouter=True)
        .where(col(Interview.id).in_([i for i, _ in profile.interviews]))
    ).all()
    role = _cited_statements(profile.fields.get(InsightKind.ROLE, ()))
    titles = job_titles(role, {i.id or 0: i.job_title or "" for i, _ in rows})
    facts, person = role_facts(role, titles, profile.seniority)
    buying: dict[BuyingAspect, list[ThemeView]] = {}
    for view in profile.fields.get(InsightKind.BUYING, ()):
        buying.setdefault(theme_aspect([s.statement for s in view.statements], view.theme), []).append(view)
    parts = decision_parts(role + _cited_statements(profile.fields.get(InsightKind.BUYING, ())))
    return replace(
        profile,
        role_facts=facts,
        person=person,
        company_facts=company_facts([company for _, company in rows]),
        buying={aspect: tuple(views) for aspect, views in buying.items()},
        decision_parts=parts,
        job_titles=titles,
    )


@dataclass(frozen=True)
class MatrixRow:
    kind: InsightKind
    theme: str
    cells: tuple[str, ...]
    """Prevalence per persona column ("2 of 3 respondents"), "" where the persona lacks the theme."""


@dataclass(frozen=True)
class PersonaMatrix:
    personas: tuple[tuple[int, str], ...]
    rows: tuple[MatrixRow, ...]


def persona_matrix(session: Session) -> PersonaMatrix:
    """Themes (rows, similar themes of different personas merged) against personas (columns)."""
    personas = [(p.id or 0, p.name) for p in session.exec(select(Persona).order_by(col(Persona.id)))]
    rows: list[tuple[InsightKind, str, dict[int, str]]] = []
    for column, (persona_id, _name) in enumerate(personas):
        profile = persona_profile(session, persona_id)
        for kind, views in profile.fields.items():
            for view in views:
                row = next(
                    (
                        r
                        for r in rows
                        if r[0] == kind
                        and column not in r[2]
                        and is_negative(r[1]) == is_negative(view.theme)
                        and similarity(r[1], view.theme) >= DEFAULT_THRESHOLD
                    ),
                    None,
                )
                if row is None:
                    row = (kind, view.theme, {})
                    rows.append(row)
                row[2][column] = view.prevalence
    kind_order = {kind: i for i, kind in enumerate([*PERSONA_KINDS, *InsightKind])}
    rows.sort(key=lambda r: (kind_order[r[0]], -len(r[2])))
    return PersonaMatrix(
        tuple(personas),
        tuple(
            MatrixRow(kind, theme, tuple(cells.get(c, "") for c in range(len(personas))))
            for kind, theme, cells in rows
        ),
    )
