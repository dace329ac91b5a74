"""Label rules (as code), label writing, respondent identity, field placement and thin-evidence flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from models.tables import InsightKind, Turn
from synthesis.personas.field_rules import (
    BuyingAspect,
    DecisionRole,
    buying_aspect,
    decision_roles,
    placed_kind,
)
from synthesis.personas.label_rules import label_problems
from synthesis.personas.label_writer import third_person, tidy, write_label
from synthesis.personas.profile_fields import CitedStatement, decision_parts, role_facts
from synthesis.personas.respondents import is_generic_label, repeated_names, respondent_keys
from synthesis.personas.themes import ThemeItem, merge_themes
from tests.unit.persona_rows import add_interview, new_workspace


@pytest.mark.parametrize(
    ("label", "problem"),
    [
        ("The third thing would be understanding why.", "fragment"),
        ("Number two would be that when a deal slips or goes quiet.", "fragment"),
        ("When a deal slips or goes quiet.", "fragment"),
        ("The CRO and they can sign off on the budget and.", "fragment"),
        ("They want to land within ten percent of the forecast at the start of the…", "ellipsis"),
        ("Elaine wants the quarter call to be within seven percent by mid-quarter.", "third party"),
        ("The board wants them within ten percent.", "third party"),
        ("How do they forecast today?", "question"),
        ("We, um, reconcile the numbers by hand every week.", "filler"),
        ("forecast accuracy is the big one", "not a sentence"),
        ("Aircall for calling, Slack.", "fragment"),
        ("One forecast with new business, renewals.", "fragment"),
        ("If the mapping was configurable, without a support ticket.", "fragment"),
        ("Sells across the them and Canada.", "pronoun swap"),
    ],
)
def test_label_rules_catch_each_failure(label: str, problem: str) -> None:
    assert problem in label_problems(label)


@pytest.mark.parametrize(
    "label",
    [
        "The forecast accuracy target is plus or minus three percent at week eight.",
        "Reports to their CRO, Ben Alvarez.",
        "It's a team of two.",
        "The security review took about three weeks.",
        "We want to land within ten percent of the forecast at the start of the quarter.",
        "50,000 to 250,000 goes to their SVP.",
        "The reps still don't update Salesforce on time.",
    ],
)
def test_label_rules_pass_complete_statements(label: str) -> None:
    assert label_problems(label) == []


def test_known_names_count_as_third_parties() -> None:
    assert "third party" in label_problems("Joost owns the renewal budget this year.", names=["Joost"])


def test_writer_completes_a_cut_statement_from_its_quote_and_drops_fillers() -> None:
    label = write_label(
        [
            (
                "They want to land within ten percent of the forecast at the start of the…",
                "So, um, we want to land within ten percent of the forecast at the start of the quarter.",
            )
        ]
    )
    assert label == "They want to land within ten percent of the forecast at the start of the quarter."
    assert label_problems(label) == []


def test_writer_skips_a_third_party_member_and_list_lead_ins() -> None:
    members = [
        ("Elaine wants the quarter call to be within seven percent by mid-quarter.", ""),
        ("They want to land within ten percent of the forecast.", ""),
    ]
    assert write_label(members) == "They want to land within ten percent of the forecast."
    assert tidy("Number two would be that the right manager gets told in Slack") == (
        "The right manager gets told in Slack."
    )


def test_writer_frames_a_bare_noun_phrase_for_its_field() -> None:
    assert write_label([("Forecast accuracy.", "")], frame="Wants {}.") == "Wants forecast accuracy."
    assert write_label([("The third thing would be understanding why.", "")], frame="Wants {}.") == (
        "Wants to understand why."
    )
    assert write_label([("A reference, another 3PL.", "")], frame="Looks at {} when buying.") == (
        "Looks at a reference, another 3PL when buying."
    )
    assert (
        write_label([("Eventually VP Growth, or CMO.", "")], frame="Wants {}.")
        == "Eventually VP Growth, or CMO."
    )


def test_a_generic_speaker_label_never_merges_people_across_interviews() -> None:
    items = [
        ThemeItem(1, 1, "We need the forecast within ten percent of the number", speaker="User"),
        ThemeItem(2, 2, "The forecast has to land within ten percent", speaker="User"),
        ThemeItem(3, 2, "Forecast accuracy within ten percent is the target", speaker="User"),
    ]
    [theme] = merge_themes(items)
    assert theme.respondents == {(1, "User"), (2, "User")}
    assert not theme.single_respondent
    assert is_generic_label("User") and is_generic_label("Speaker 2") and is_generic_label("P3")
    assert not is_generic_label("Priya Natarajan")
    assert repeated_names([(1, "User"), (2, "User"), (3, "Priya"), (4, "priya")]) == {"Priya": [3, 4]}


def test_paraphrases_of_one_idea_form_one_theme_across_respondents() -> None:
    items = [
        ThemeItem(1, 1, "We want to land within ten percent of the forecast"),
        ThemeItem(2, 2, "The board wants us within ten percent of the forecast"),
        ThemeItem(3, 3, "Forecast accuracy is the number one metric for the team"),
        ThemeItem(4, 3, "Hates updating Salesforce fields by hand every Friday"),
    ]
    themes = merge_themes(items)
    forecast = next(t for t in themes if len(t.items) > 1)
    assert {i.interview_id for i in forecast.items} >= {1, 2}
    assert all("Salesforce" not in i.statement for i in forecast.items)


@pytest.mark.parametrize(
    ("kind", "statement", "placed"),
    [
        (
            InsightKind.ASPIRATION,
            "We would run a two-week pilot before the security review",
            InsightKind.BUYING,
        ),
        (InsightKind.PAIN, "I wish the forecast explained itself", InsightKind.ASPIRATION),
        (InsightKind.PAIN, "The managers use it every week and it works well", InsightKind.ROLE),
        (InsightKind.PAIN, "The managers use it every week, but the reps barely log in", InsightKind.PAIN),
        (InsightKind.GOAL, "Land within ten percent of the forecast", InsightKind.GOAL),
    ],
)
def test_misfiled_items_are_placed_in_the_field_their_wording_shows(
    kind: InsightKind, statement: str, placed: InsightKind
) -> None:
    assert placed_kind(kind, statement) == placed


def test_buying_statements_split_into_aspects_and_decision_roles() -> None:
    assert buying_aspect("Saw a LinkedIn post from a RevOps person they follow") == BuyingAspect.SOURCE
    assert buying_aspect("The CFO signs off on anything over fifty thousand") == BuyingAspect.DECISION
    assert buying_aspect("The security review took about three weeks") == BuyingAspect.EVALUATION
    assert buying_aspect("They are worried about lock-in") == BuyingAspect.OBJECTION
    assert buying_aspect("After they missed the quarter they started looking") == BuyingAspect.TRIGGER
    assert decision_roles("Can approve up to twenty thousand a year") == {DecisionRole.APPROVER}
    assert decision_roles("They ran the pilot with two vendors") == {DecisionRole.EVALUATOR}
    assert decision_roles("The CFO signs off on that") == set()


def test_role_facts_and_person_demographics_cite_only_verified_insights() -> None:
    statements = [
        CitedStatement(1, 1, "Is the Director of Revenue Operations at Quillfield Software.", True),
        CitedStatement(2, 1, "Reports to their CRO, Ben Alvarez.", True),
        CitedStatement(3, 1, "Has been here a little over three years now.", True),
        CitedStatement(4, 2, "Their team is three people.", False),
        CitedStatement(5, 2, "Runs the weekly forecast call.", True),
    ]
    facts, person = role_facts(statements, {2: "RevOps Manager"}, "Lead/Manager to Head/Director")
    assert facts.reporting_line.insight_ids == (2,)
    assert facts.team_size.empty and facts.team_size.text == "Not stated in the interviews."
    assert facts.responsibilities.insight_ids == (5,)
    assert "RevOps Manager" in facts.job_titles.text
    assert person.tenure.insight_ids == (3,) and person.background.empty
    parts = decision_parts([CitedStatement(6, 1, "Can approve up to twenty thousand a year", True)])
    assert [(p.role, p.respondents, p.insight_ids) for p in parts] == [(DecisionRole.APPROVER, 1, (6,))]


def test_respondents_are_speakers_within_an_interview_never_labels_across_interviews(tmp_path: Path) -> None:
    engine = new_workspace(tmp_path)
    first, _ = add_interview(engine, "One", None, None, [(InsightKind.PAIN, "Pain", "It hurts.")])
    second, _ = add_interview(engine, "Two", None, None, [(InsightKind.PAIN, "Pain", "It hurts too.")])
    with Session(engine) as session:
        session.add(
            Turn(
                interview_id=second,
                index=2,
                speaker="Participant 2",
                role="respondent",
                text="Yes.",
                start_char=0,
                end_char=4,
            )
        )
        session.commit()
        keys = respondent_keys(session, [first, second])
    # "Respondent" labels the person in both interviews: two people, plus the second speaker of interview two.
    assert keys == {(first, "Respondent"), (second, "Respondent"), (second, "Participant 2")}


@pytest.mark.parametrize(
    ("text", "swapped"),
    [
        ("US sales are ours.", "US sales are theirs."),
        ("We sell across the US and Canada.", "They sell across the US and Canada."),
        ("Us? It lets us decide myself.", "Them? It lets them decide themselves."),
    ],
)
def test_third_person_keeps_the_country_us(text: str, swapped: str) -> None:
    assert third_person(text) == swapped
