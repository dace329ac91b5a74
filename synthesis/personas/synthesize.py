"""Draft buyer personas from the respondents at ICP-fitting companies, grouped by function (``grouping``).

Re-running is safe: a persona is found again by its group key, or, when the grouping changed (a group split
or merged, an older version grouped differently), a persona of a vanished group that drew on the most of the
same interviews is adopted under the new key; fields listed in ``Persona.edited_fields`` are
never overwritten; insights a user placed (``PersonaInsight.user_placed``) are never moved and are left out of
automatic placement; insight statuses are never changed; rejected insights are never used. On unchanged data
a re-run changes nothing. A persona whose group disappeared is deleted, unless the user edited it or placed
insights in it, in which case it is kept (without automatic links) and reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from models.tables import (
    EvidenceSpan,
    Insight,
    InsightKind,
    InsightStatus,
    Interview,
    Persona,
    PersonaIcp,
    PersonaInsight,
    PersonaInterview,
    Turn,
    utcnow,
)
from synthesis.personas.field_rules import placed_kind
from synthesis.personas.fields import persona_fields
from synthesis.personas.grouping import RespondentGroup, group_respondents
from synthesis.personas.profile_fields import states_job_title
from synthesis.personas.respondents import is_generic_label, repeated_names, respondent_keys
from synthesis.personas.selection import OutsideInterview, select_respondents
from synthesis.personas.themes import Theme, ThemeItem, build_theme, merge_themes
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress

PERSONA_KINDS = (
    InsightKind.ROLE,
    InsightKind.GOAL,
    InsightKind.PAIN,
    InsightKind.ASPIRATION,
    InsightKind.BUYING,
)
"""Insight kinds a persona lists as themed fields (role insights are its responsibilities)."""
TEXT_FIELDS = ("name", "role", "seniority", "summary", "demographics")
JOB_TITLE_THEME = "States their job title and employer."
LABEL_FRAMES = {
    InsightKind.GOAL: "Wants {}.",
    InsightKind.ASPIRATION: "Wants {}.",
    InsightKind.PAIN: "Struggles with {}.",
    InsightKind.ROLE: "Works on {}.",
    InsightKind.BUYING: "Looks at {} when buying.",
}
"""How a label states a field's bare noun phrase (a goal "Forecast accuracy.": "Wants forecast accuracy.")."""


@dataclass(frozen=True)
class PersonaOutcome:
    persona_id: int
    name: str
    group_key: str
    respondents: int
    icp_ids: tuple[int, ...]
    created: bool
    changed: bool


@dataclass
class SynthesisReport:
    personas: list[PersonaOutcome] = field(default_factory=list)
    outside_icp: list[OutsideInterview] = field(default_factory=list)
    icp_linked: bool = True
    notes: list[str] = field(default_factory=list)
    removed_persona_ids: list[int] = field(default_factory=list)
    kept_persona_ids: list[int] = field(default_factory=list)
    """Personas whose respondents are gone but which hold user edits or placements."""
    cancelled: bool = False


def _diff_links(
    session: Session,
    model: type[PersonaIcp] | type[PersonaInterview],
    persona_id: int,
    column: str,
    wanted: Iterable[int],
) -> bool:
    """Make the persona's link rows of ``model`` equal ``wanted``; True when anything changed."""
    rows = session.exec(select(model).where(model.persona_id == persona_id))
    existing = {getattr(row, column): row for row in rows}
    target = set(wanted)
    for key in existing.keys() - target:
        session.delete(existing[key])
    for key in target - existing.keys():
        session.add(model(persona_id=persona_id, **{column: key}))
    return existing.keys() != target


def _place_insights(session: Session, persona_id: int, themes: dict[InsightKind, list[Theme]]) -> bool:
    """Replace the persona's automatic placements by the themes; user-placed rows are left alone."""
    wanted = {
        item.insight_id: (theme.label, position)
        for kind_themes in themes.values()
        for position, theme in enumerate(kind_themes)
        for item in theme.items
    }
    rows = session.exec(
        select(PersonaInsight).where(
            PersonaInsight.persona_id == persona_id, col(PersonaInsight.user_placed).is_(False)
        )
    )
    existing = {row.insight_id: row for row in rows}
    changed = False
    for insight_id, row in existing.items():
        if insight_id not in wanted:
            session.delete(row)
            changed = True
        elif (row.theme, row.position) != wanted[insight_id]:
            row.theme, row.position = wanted[insight_id]
            session.add(row)
            changed = True
    for insight_id in wanted.keys() - existing.keys():
        theme, position = wanted[insight_id]
        session.add(
            PersonaInsight(persona_id=persona_id, insight_id=insight_id, theme=theme, position=position)
        )
        changed = True
    return changed


def _group_themes(
    group: RespondentGroup, items: dict[int, list[tuple[InsightKind, ThemeItem]]], names: list[str]
) -> dict[InsightKind, list[Theme]]:
    """Themes per persona field; each insight goes to the field its wording shows (``field_rules``)."""
    by_kind: dict[InsightKind, list[ThemeItem]] = defaultdict(list)
    for respondent in group.respondents:
        for kind, item in items.get(respondent.interview_id, []):
            by_kind[placed_kind(kind, item.statement)].append(item)
    titles = [i for i in by_kind.get(InsightKind.ROLE, []) if states_job_title(i.statement)]
    if titles:
        by_kind[InsightKind.ROLE] = [i for i in by_kind[InsightKind.ROLE] if i not in titles]
    themes = {
        kind: merge_themes(by_kind[kind], names=names, frame=LABEL_FRAMES.get(kind))
        for kind in PERSONA_KINDS
        if by_kind.get(kind)
    }
    if titles:
        # Each person's title is a role fact (``profile_fields``): no one title may stand for all as "3 of 3".
        title_theme = replace(build_theme(titles, names=names), label=JOB_TITLE_THEME)
        others = [t for t in themes.get(InsightKind.ROLE, []) if t.label != JOB_TITLE_THEME]
        themes[InsightKind.ROLE] = [title_theme, *others]
    return themes


def _repeat_notes(session: Session, interview_ids: set[int]) -> list[str]:
    """Say where one named respondent appears in several interviews: each interview counts as a respondent."""
    people = session.exec(
        select(Interview.id, Interview.interviewee_name).where(col(Interview.id).in_(interview_ids))
    )
    repeats = repeated_names((i or 0, name or "") for i, name in people)
    return [
        f"{name} was interviewed {len(ids)} times (interviews {', '.join(map(str, ids))}); each interview "
        "counts as one respondent in prevalence, as the same person cannot yet be linked across interviews."
        for name, ids in repeats.items()
    ]


def _people_names(session: Session, interview_ids: set[int]) -> list[str]:
    """Names of everyone who speaks in or was recorded for the interviews: no label may open with one."""
    speakers = session.exec(select(Turn.speaker).where(col(Turn.interview_id).in_(interview_ids)).distinct())
    recorded = session.exec(
        select(Interview.interviewee_name, Interview.interviewer).where(col(Interview.id).in_(interview_ids))
    )
    names = {*speakers, *(n for row in recorded for n in row if n)}
    return sorted(n for n in names if n and not is_generic_label(n))


def _adoptable(session: Session, keys: set[str]) -> dict[int, tuple[Persona, set[int]]]:
    """Drafted personas whose group is gone, with the interviews they drew on."""
    found: dict[int, tuple[Persona, set[int]]] = {}
    for persona in session.exec(
        select(Persona).where(col(Persona.group_key) != "").order_by(col(Persona.id))
    ):
        if persona.group_key not in keys and persona.id is not None:
            links = session.exec(
                select(PersonaInterview.interview_id).where(PersonaInterview.persona_id == persona.id)
            )
            found[persona.id] = (persona, set(links))
    return found


def _find_persona(
    session: Session, group: RespondentGroup, adoptable: dict[int, tuple[Persona, set[int]]]
) -> Persona | None:
    """The group's persona by key, else the adoptable persona sharing the most interviews (lowest id)."""
    persona = session.exec(
        select(Persona).where(Persona.group_key == group.key).order_by(col(Persona.id))
    ).first()
    if persona is not None:
        return persona
    interviews = {r.interview_id for r in group.respondents}
    overlap, persona_id = max(
        ((len(links & interviews), -pid) for pid, (_, links) in adoptable.items()), default=(0, 0)
    )
    if overlap == 0:
        return None
    persona, _ = adoptable.pop(-persona_id)
    persona.group_key = group.key
    return persona


def _upsert_persona(
    session: Session,
    group: RespondentGroup,
    values: dict[str, str],
    adoptable: dict[int, tuple[Persona, set[int]]],
) -> tuple[Persona, bool, bool]:
    persona = _find_persona(session, group, adoptable)
    if persona is None:
        persona = Persona(group_key=group.key, **values)
        session.add(persona)
        session.flush()
        return persona, True, True
    changed = persona in session.dirty
    for name in TEXT_FIELDS:
        if name not in persona.edited_fields and getattr(persona, name) != values[name]:
            setattr(persona, name, values[name])
            changed = True
    if changed:
        persona.updated_at = utcnow()
        session.add(persona)
    return persona, False, changed


def _retire(session: Session, keep_keys: set[str], report: SynthesisReport) -> None:
    """Unlink personas whose group has no respondents left; delete those the user never touched."""
    for persona in list(session.exec(select(Persona).where(col(Persona.group_key) != ""))):
        if persona.group_key in keep_keys or persona.id is None:
            continue
        _place_insights(session, persona.id, {})
        _diff_links(session, PersonaInterview, persona.id, "interview_id", ())
        _diff_links(session, PersonaIcp, persona.id, "icp_id", ())
        user_placed = session.exec(
            select(PersonaInsight).where(PersonaInsight.persona_id == persona.id)
        ).first()
        if persona.edited_fields or user_placed:
            report.kept_persona_ids.append(persona.id)
        else:
            session.delete(persona)
            report.removed_persona_ids.append(persona.id)


def _insight_items(
    session: Session, interview_ids: set[int]
) -> dict[int, list[tuple[InsightKind, ThemeItem]]]:
    """Usable insights per interview: not rejected, of a persona kind, not placed by the user."""
    user_placed = set(session.exec(select(PersonaInsight.insight_id).where(col(PersonaInsight.user_placed))))
    rows = session.exec(
        select(Insight)
        .where(
            col(Insight.interview_id).in_(interview_ids),
            Insight.status != InsightStatus.REJECTED,
            col(Insight.kind).in_(PERSONA_KINDS),
        )
        .order_by(col(Insight.id))
    )
    evidence = _first_evidence(session, interview_ids)
    items: dict[int, list[tuple[InsightKind, ThemeItem]]] = defaultdict(list)
    for row in rows:
        if row.id is not None and row.id not in user_placed:
            speaker, quote = evidence.get(row.id, ("", ""))
            items[row.interview_id].append(
                (row.kind, ThemeItem(row.id, row.interview_id, row.statement, row.confidence, speaker, quote))
            )
    return items


def _sentence_around(text: str, start: int, end: int) -> str:
    """The whole sentence(s) of ``text`` holding ``text[start:end]`` (completes a quote cut mid-sentence)."""
    before = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n"))
    after = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n")) if i != -1]
    return text[before + 1 : min(after) + 1 if after else len(text)].strip()


def _first_evidence(session: Session, interview_ids: set[int]) -> dict[int, tuple[str, str]]:
    """Per insight: the speaker of its first evidence span and the whole sentence that span is in."""
    rows = session.exec(
        select(EvidenceSpan.insight_id, Turn.speaker, Turn.text, EvidenceSpan.start, EvidenceSpan.end)
        .join(Turn, col(Turn.id) == EvidenceSpan.turn_id)
        .where(col(Turn.interview_id).in_(interview_ids))
        .order_by(col(EvidenceSpan.id))
    )
    found: dict[int, tuple[str, str]] = {}
    for insight_id, speaker, text, start, end in rows:
        found.setdefault(insight_id, (speaker, _sentence_around(text, start, end)))
    return found


def synthesize_personas(
    engine: Engine, *, progress: Progress = no_progress, cancel: Cancel = never_cancel
) -> SynthesisReport:
    """Draft or refresh personas in one transaction; a cancelled run stores nothing."""
    report = SynthesisReport()
    with Session(engine) as session:
        progress(0.0, "Choosing respondents at ICP companies")
        selection = select_respondents(session)
        report.outside_icp = selection.outside
        report.icp_linked = selection.icp_linked
        if not selection.icp_linked:
            report.notes.append(
                "No ICP is defined yet: personas were drafted from all interviews and are not "
                "linked to an ICP. Define an ICP (groundwork icp add) and re-run."
            )
        groups = group_respondents(selection.respondents)
        adoptable = _adoptable(session, {g.key for g in groups})
        interview_ids = {r.interview_id for r in selection.respondents}
        items = _insight_items(session, interview_ids)
        names = _people_names(session, interview_ids)
        report.notes.extend(_repeat_notes(session, interview_ids))
        for index, group in enumerate(groups):
            if cancel():
                session.rollback()
                report.cancelled = True
                return report
            progress(0.1 + 0.85 * index / len(groups), f"Drafting persona {index + 1} of {len(groups)}")
            themes = _group_themes(group, items, names)
            held = {key for kind_themes in themes.values() for t in kind_themes for key in t.respondents}
            total = len(respondent_keys(session, {r.interview_id for r in group.respondents}) | held)
            values = persona_fields(group, themes, selection.icp_names, total)
            persona, created, changed = _upsert_persona(session, group, values, adoptable)
            assert persona.id is not None
            icp_ids = sorted({i for r in group.respondents for i in r.icp_ids})
            changed |= _place_insights(session, persona.id, themes)
            changed |= _diff_links(
                session,
                PersonaInterview,
                persona.id,
                "interview_id",
                (r.interview_id for r in group.respondents),
            )
            changed |= _diff_links(session, PersonaIcp, persona.id, "icp_id", icp_ids)
            report.personas.append(
                PersonaOutcome(
                    persona.id,
                    persona.name,
                    group.key,
                    len(group.respondents),
                    tuple(icp_ids),
                    created,
                    changed,
                )
            )
        _retire(session, {g.key for g in groups}, report)
        session.commit()
    progress(1.0, "Done")
    return report
