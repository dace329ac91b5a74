"""Persona synthesis: ICP first, grouping by role, themes with dissent, safe and idempotent re-runs."""

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from models.tables import (
    Insight,
    InsightKind,
    InsightStatus,
    Interview,
    Persona,
    PersonaIcp,
    PersonaInsight,
    PersonaInterview,
)
from synthesis.icp.criteria import parse_criterion
from synthesis.icp.store import create_icp
from synthesis.personas.field_rules import BuyingAspect
from synthesis.personas.query import format_timestamp, persona_matrix, persona_profile
from synthesis.personas.synthesize import synthesize_personas
from tests.unit.persona_rows import add_company, add_interview, new_workspace

G, P, B = InsightKind.GOAL, InsightKind.PAIN, InsightKind.BUYING


class World:
    """Two ICP companies, one outside the ICP, and an interview with no company."""

    def __init__(self, tmp_path: Path, *, with_icp: bool = True) -> None:
        self.engine: Engine = new_workspace(tmp_path)
        a = add_company(
            self.engine,
            "Acme Freight",
            employee_count=300,
            industry="logistics software",
            country="Denver, Colorado",
        )
        b = add_company(
            self.engine, "Bolt Haulage", employee_count=450, industry="logistics software", country="Texas"
        )
        self.outside_company = add_company(
            self.engine, "Colossus", employee_count=5000, industry="logistics", country="Germany"
        )
        self.i1, self.i1_insights = add_interview(
            self.engine,
            "Ann",
            a,
            "RevOps Manager",
            [
                (
                    P,
                    "Spends hours reconciling CRM data by hand",
                    "I spend hours reconciling CRM data by hand.",
                ),
                (G, "Measured on forecast accuracy", "I'm measured on forecast accuracy."),
                (
                    B,
                    "Trusts analyst reports when choosing vendors",
                    "I trust analyst reports when we choose vendors.",
                ),
            ],
        )
        self.i2, self.i2_insights = add_interview(
            self.engine,
            "Ben",
            b,
            "Revenue Operations Lead",
            [
                (
                    P,
                    "Reconciling CRM data manually takes hours",
                    "Reconciling CRM data manually takes hours.",
                ),
                (
                    B,
                    "Does not trust analyst reports when choosing vendors",
                    "I don't trust analyst reports when choosing vendors.",
                ),
            ],
        )
        self.i3, self.i3_insights = add_interview(
            self.engine,
            "Cat",
            a,
            "CFO",
            [
                (P, "Month-end close takes two weeks", "Our month-end close takes two weeks."),
            ],
        )
        self.i4, self.i4_insights = add_interview(
            self.engine,
            "Dan",
            self.outside_company,
            "RevOps Manager",
            [
                (P, "Global zebra tariffs confuse the team", "Global zebra tariffs confuse the team."),
            ],
        )
        self.i5, _ = add_interview(
            self.engine,
            "Eve",
            None,
            "RevOps Manager",
            [
                (P, "Nobody owns the lead routing rules", "Nobody owns the lead routing rules."),
            ],
        )
        self.i6, self.rejected = add_interview(
            self.engine,
            "Fay",
            b,
            "RevOps lead",
            [
                (P, "Hates the quarterly pricing spreadsheet", "I hate the quarterly pricing spreadsheet."),
            ],
            status=InsightStatus.REJECTED,
        )
        if with_icp:
            criteria = [parse_criterion(t) for t in ("employees:100-1000", "industry:logistics", "geo:US")]
            with Session(self.engine) as session:
                self.icp_id = create_icp(session, "US mid-market logistics", criteria)

    def persona(self, session: Session, key: str) -> Persona:
        return session.exec(select(Persona).where(Persona.group_key == key)).one()


def _snapshot(engine: Engine) -> tuple:
    with Session(engine) as session:
        personas = [
            (p.id, p.name, p.role, p.summary, p.demographics, p.group_key, p.updated_at)
            for p in session.exec(select(Persona).order_by(Persona.id))
        ]
        links = sorted(
            (r.persona_id, r.insight_id, r.theme, r.position, r.user_placed)
            for r in session.exec(select(PersonaInsight))
        )
        interviews = sorted((r.persona_id, r.interview_id) for r in session.exec(select(PersonaInterview)))
        icps = sorted((r.persona_id, r.icp_id) for r in session.exec(select(PersonaIcp)))
        statuses = sorted((i.id, i.status) for i in session.exec(select(Insight)))
    return personas, links, interviews, icps, statuses


def test_personas_come_only_from_icp_companies_and_outsiders_are_reported(tmp_path: Path) -> None:
    world = World(tmp_path)
    report = synthesize_personas(world.engine)
    assert report.icp_linked
    assert sorted(p.group_key for p in report.personas) == ["Finance", "RevOps"]
    outside = {o.interview_id: o for o in report.outside_icp}
    assert set(outside) == {world.i4, world.i5}
    assert (
        "Colossus" in outside[world.i4].reason
        and "5,000 employees is above 100-1,000" in outside[world.i4].reason
    )
    assert "no company" in outside[world.i5].reason
    with Session(world.engine) as session:
        revops = world.persona(session, "RevOps")
        assert revops.name == "RevOps lead at a mid-market logistics software company"
        interviews = set(
            session.exec(
                select(PersonaInterview.interview_id).where(PersonaInterview.persona_id == revops.id)
            )
        )
        assert interviews == {world.i1, world.i2, world.i6}
        placed = set(session.exec(select(PersonaInsight.insight_id)))
        assert placed.isdisjoint(world.i4_insights)  # the out-of-ICP interview never feeds a persona
        assert placed.isdisjoint(world.rejected)  # rejected insights are never used
        assert set(world.i1_insights) | set(world.i2_insights) | set(world.i3_insights) == placed
        assert set(session.exec(select(PersonaIcp.icp_id))) == {world.icp_id}


def test_profile_has_prevalence_dissent_and_verbatim_evidence(tmp_path: Path) -> None:
    world = World(tmp_path)
    synthesize_personas(world.engine)
    with Session(world.engine) as session:
        profile = persona_profile(session, world.persona(session, "RevOps").id)
        assert profile.respondents == 3
        assert profile.icps == ((world.icp_id, "US mid-market logistics"),)
        [pain] = profile.fields[P]
        assert pain.prevalence == "2 of 3 respondents"
        assert {q.interview_id for q in pain.evidence} == {world.i1, world.i2}
        quote = next(q for q in pain.evidence if q.interview_id == world.i1)
        assert quote.quote == "I spend hours reconciling CRM data by hand."
        assert (quote.speaker_role, quote.timestamp) == ("respondent", "01:05")
        [buying] = profile.fields[B]
        assert buying.prevalence == "1 of 3 respondents"
        assert buying.dissent_respondents == 1
        assert buying.dissent[0].interview_id == world.i2
        assert "Drawn from 3 respondents at 2 companies" in profile.summary
        assert "Company size: 300-450 employees" in profile.company_facts  # company facts, apart
        assert "Company size" not in profile.demographics  # demographics describe the people
        matrix = persona_matrix(session)
        assert len(matrix.personas) == 2
        pain_row = next(r for r in matrix.rows if r.kind == P and "CRM" in r.theme)
        assert sorted(pain_row.cells) == ["", "2 of 3 respondents"]


def test_rerun_on_unchanged_data_is_idempotent(tmp_path: Path) -> None:
    world = World(tmp_path)
    first = synthesize_personas(world.engine)
    before = _snapshot(world.engine)
    second = synthesize_personas(world.engine)
    assert _snapshot(world.engine) == before
    assert [p.persona_id for p in second.personas] == [p.persona_id for p in first.personas]
    assert not any(p.created or p.changed for p in second.personas)


def test_rerun_keeps_user_edits_placements_and_statuses(tmp_path: Path) -> None:
    world = World(tmp_path)
    synthesize_personas(world.engine)
    accepted, rejected_now = world.i1_insights[1], world.i1_insights[0]
    moved = world.i2_insights[0]
    with Session(world.engine) as session:
        revops = world.persona(session, "RevOps")
        finance = world.persona(session, "Finance")
        revops.name, revops.edited_fields = "Pipeline keeper", ["name"]
        session.add(revops)
        session.delete(session.get(PersonaInsight, (revops.id, moved)))
        session.add(
            PersonaInsight(
                persona_id=finance.id, insight_id=moved, theme="Manual work", position=9, user_placed=True
            )
        )
        session.get(Insight, accepted).status = InsightStatus.ACCEPTED
        session.get(Insight, rejected_now).status = InsightStatus.REJECTED
        session.commit()
        revops_id, finance_id = revops.id, finance.id
    # new data arrives so the drafted fields would change
    add_interview(
        world.engine,
        "Gus",
        add_company(world.engine, "Gamma", employee_count=200, industry="logistics", country="Ohio"),
        "RevOps Manager",
        [],
    )
    synthesize_personas(world.engine)
    with Session(world.engine) as session:
        revops = session.get(Persona, revops_id)
        assert revops.name == "Pipeline keeper"
        assert "4 respondents" in revops.summary  # unedited fields still follow the data
        rows = session.exec(select(PersonaInsight).where(PersonaInsight.insight_id == moved)).all()
        assert [(r.persona_id, r.theme, r.position, r.user_placed) for r in rows] == [
            (finance_id, "Manual work", 9, True)
        ]
        assert session.get(Insight, accepted).status == InsightStatus.ACCEPTED
        assert session.get(Insight, rejected_now).status == InsightStatus.REJECTED
        assert session.get(PersonaInsight, (revops_id, rejected_now)) is None
        assert session.get(PersonaInsight, (revops_id, accepted)) is not None


def test_without_icp_all_interviews_are_used_and_personas_are_not_icp_linked(tmp_path: Path) -> None:
    world = World(tmp_path, with_icp=False)
    report = synthesize_personas(world.engine)
    assert not report.icp_linked
    assert report.outside_icp == []
    assert any("No ICP" in note for note in report.notes)
    revops = next(p for p in report.personas if p.group_key == "RevOps")
    assert revops.respondents == 5
    assert revops.icp_ids == ()
    with Session(world.engine) as session:
        assert session.exec(select(PersonaIcp)).all() == []
        assert not persona_profile(session, revops.persona_id).icp_linked


@pytest.mark.parametrize("edited", [False, True])
def test_a_persona_whose_respondents_left_the_icp_is_removed_unless_edited(
    tmp_path: Path, edited: bool
) -> None:
    world = World(tmp_path)
    synthesize_personas(world.engine)
    with Session(world.engine) as session:
        finance = world.persona(session, "Finance")
        finance_id = finance.id
        if edited:
            finance.summary, finance.edited_fields = "Signs every deal over 50k.", ["summary"]
        session.get(Interview, world.i3).company_id = world.outside_company
        session.commit()
    report = synthesize_personas(world.engine)
    assert world.i3 in {o.interview_id for o in report.outside_icp}
    assert (report.kept_persona_ids, report.removed_persona_ids) == (
        ([finance_id], []) if edited else ([], [finance_id])
    )
    with Session(world.engine) as session:
        kept = session.get(Persona, finance_id)
        assert (kept is not None) == edited
        assert (
            session.exec(select(PersonaInterview).where(PersonaInterview.persona_id == finance_id)).all()
            == []
        )
        assert session.exec(select(PersonaInsight).where(PersonaInsight.persona_id == finance_id)).all() == []


def test_cancel_stores_nothing(tmp_path: Path) -> None:
    world = World(tmp_path)
    stages: list[str] = []
    report = synthesize_personas(world.engine, progress=lambda _f, s: stages.append(s), cancel=lambda: True)
    assert report.cancelled
    assert stages
    with Session(world.engine) as session:
        assert session.exec(select(Persona)).all() == []


def test_repeated_runs_never_duplicate(tmp_path: Path) -> None:
    world = World(tmp_path)
    for _ in range(3):
        synthesize_personas(world.engine)
    with Session(world.engine) as session:
        keys = [p.group_key for p in session.exec(select(Persona))]
        assert sorted(keys) == sorted(set(keys))
        assert len(keys) == 2


def test_user_placed_insights_of_any_kind_show_in_the_profile(tmp_path: Path) -> None:
    world = World(tmp_path)
    synthesize_personas(world.engine)
    _, [fact] = add_interview(
        world.engine,
        "Hal",
        None,
        None,
        [(InsightKind.COMPANY, "Ships to 40 states", "We ship to 40 states.")],
    )
    with Session(world.engine) as session:
        finance_id = world.persona(session, "Finance").id
        session.add(PersonaInsight(persona_id=finance_id, insight_id=fact, theme="Scale", user_placed=True))
        session.commit()
        [scale] = persona_profile(session, finance_id).fields[InsightKind.COMPANY]
        assert (scale.theme, scale.prevalence, scale.statements[0].user_placed) == (
            "Scale",
            "1 of 1 respondents",
            True,
        )


def test_timestamps() -> None:
    assert [format_timestamp(s) for s in (None, 65.4, 3725)] == [None, "01:05", "1:02:05"]


def test_sales_leaders_of_different_seniority_share_one_persona_with_honest_prevalence(
    tmp_path: Path,
) -> None:
    engine = new_workspace(tmp_path)
    hauls = [
        add_company(engine, name, employee_count=size, industry="Freight brokerage software", country="Texas")
        for name, size in (("Hauler", 250), ("Lanes", 600), ("Dock", 320))
    ]
    titles = ("VP Sales", "Chief Revenue Officer", "Head of Sales")
    pains = (
        "Late-stage deals slip into next quarter without warning",
        "Late-stage deals slip into the next quarter without any warning",
        "Reps log calls in three separate tools every day",
    )
    ids = [
        add_interview(engine, title, company, title, [(P, pain, pain + ".")])[0]
        for title, company, pain in zip(titles, hauls, pains, strict=True)
    ]
    with Session(engine) as session:
        criteria = [parse_criterion(t) for t in ("employees:100-1000", "industry:freight", "geo:US")]
        create_icp(session, "US freight tech", criteria)
    report = synthesize_personas(engine)
    [sales] = report.personas
    assert (sales.group_key, sales.respondents) == ("Sales", 3)
    with Session(engine) as session:
        profile = persona_profile(session, sales.persona_id)
        assert profile.name == "Sales leader at a mid-market freight brokerage software company"
        assert profile.seniority == "Head/Director to C-level"
        assert {i for i, _ in profile.interviews} == set(ids)
        slip, logging = profile.fields[P]
        assert (slip.prevalence, logging.prevalence) == ("2 of 3 respondents", "1 of 3 respondents")
        assert {s.interview_id for s in slip.statements} == set(ids[:2])


def test_a_persona_of_an_earlier_grouping_is_adopted_with_its_edits(tmp_path: Path) -> None:
    world = World(tmp_path)
    first = synthesize_personas(world.engine)
    with Session(world.engine) as session:
        revops = world.persona(session, "RevOps")
        revops.group_key = "RevOps|Lead/Manager"  # as an older version keyed it
        revops.name, revops.edited_fields = "Pipeline keeper", ["name"]
        session.commit()
        revops_id = revops.id
    second = synthesize_personas(world.engine)
    assert sorted(p.persona_id for p in second.personas) == sorted(p.persona_id for p in first.personas)
    assert (second.removed_persona_ids, second.kept_persona_ids) == ([], [])
    with Session(world.engine) as session:
        adopted = session.get(Persona, revops_id)
        assert (adopted.group_key, adopted.name) == ("RevOps", "Pipeline keeper")
        assert len(session.exec(select(Persona)).all()) == 2
    before = _snapshot(world.engine)
    third = synthesize_personas(world.engine)
    assert _snapshot(world.engine) == before
    assert not any(p.created or p.changed for p in third.personas)


def test_without_a_job_title_the_self_description_decides_the_role_not_the_boss_or_employer(tmp_path) -> None:
    engine = new_workspace(tmp_path)
    company = add_company(engine, "Tessellate Security", employee_count=300)
    add_interview(
        engine,
        "call",
        company,
        None,
        [
            (InsightKind.ROLE, "Reports to their CRO, Lisa Brandt.", "I report to our CRO, Lisa Brandt."),
            (
                InsightKind.ROLE,
                "Is VP of Sales at Tessellate Security.",
                "I'm VP of Sales at Tessellate Security.",
            ),
        ],
    )
    synthesize_personas(engine)
    with Session(engine) as session:
        persona = session.exec(select(Persona)).one()
    assert persona.group_key.startswith("Sales") and "CRO" not in persona.name and "IT" not in persona.role
    engine.dispose()


def test_thin_evidence_flags_and_seed_fields_are_in_the_profile(tmp_path: Path) -> None:
    world = World(tmp_path)
    with Session(world.engine) as session:
        for interview_id in (world.i1, world.i2):
            interview = session.get(Interview, interview_id)
            interview.interviewee_name = "Sam Okafor"
            session.add(interview)
        session.commit()
    report = synthesize_personas(world.engine)
    assert any("Sam Okafor was interviewed 2 times" in note for note in report.notes)
    with Session(world.engine) as session:
        revops = persona_profile(session, world.persona(session, "RevOps").id)
        finance = persona_profile(session, world.persona(session, "Finance").id)
        assert not revops.thin_evidence and finance.thin_evidence  # 3 respondents vs 1
        [pain] = revops.fields[P]
        [buying] = revops.fields[B]
        assert not pain.single_respondent and buying.single_respondent
        assert {q.speaker for q in pain.evidence} == {"Respondent"}  # one label, two respondents
        assert set(pain.insight_ids) == {world.i1_insights[0], world.i2_insights[0]}
        assert revops.job_titles[world.i1] == "RevOps Manager"  # import metadata, for quote captions
        assert revops.role_facts is not None and revops.role_facts.reporting_line.empty
        assert revops.person is not None and revops.person.tenure.text == "Not stated in the interviews."
        assert {a.value for a in revops.buying} <= {a.value for a in BuyingAspect}
        assert sum(len(v) for v in revops.buying.values()) == len(revops.fields[B])
