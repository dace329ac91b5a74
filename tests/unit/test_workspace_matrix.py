"""The persona matrix compares: the same fields for every persona, a shared theme one row, gaps said."""

from __future__ import annotations

from models.tables import InsightKind
from synthesis.personas.field_rules import BuyingAspect, DecisionRole
from synthesis.personas.profile_fields import DecisionPart
from synthesis.personas.query import PersonaProfile, ThemeStatement, ThemeView
from synthesis.workspace.matrix import ATTRIBUTES, NOT_STATED, compare_personas

_ids = iter(range(1, 1000))


def _view(kind: InsightKind, label: str, statements: list[str], total: int = 3) -> ThemeView:
    members = tuple(
        ThemeStatement(next(_ids), n + 1, s, "accepted", False, ()) for n, s in enumerate(statements)
    )
    return ThemeView(kind, label, len(statements), total, members, ())


def _profile(persona_id: int, name: str, fields, buying=None, parts=()) -> PersonaProfile:
    return PersonaProfile(
        persona_id,
        name,
        "",
        "",
        "",
        "",
        "draft",
        (),
        (),
        ((1, "a"), (2, "b"), (3, "c")),
        fields,
        buying=buying or {},
        decision_parts=parts,
    )


FORECAST_REVOPS = [
    "We want to land within ten percent of the forecast at the start of the quarter.",
    "Forecast accuracy is the big one for us.",
]
FORECAST_SALES = [
    "The board wants us within ten percent of the forecast.",
    "Our forecast accuracy target is plus or minus three percent.",
]


def test_a_theme_both_personas_hold_is_one_row_and_every_field_is_a_row() -> None:
    G, P = InsightKind.GOAL, InsightKind.PAIN
    revops = _profile(
        1,
        "RevOps leader",
        {
            G: (_view(G, "Forecast accuracy is the main goal.", FORECAST_REVOPS),),
            P: (
                _view(
                    P,
                    "Analysts check the top deals by hand every week.",
                    ["My analysts read fifty deals by hand."],
                ),
            ),
        },
        parts=(DecisionPart(DecisionRole.EVALUATOR, 2, (1, 2)),),
    )
    sales = _profile(
        2,
        "Sales leader",
        {G: (_view(G, "The forecast must land within ten percent.", FORECAST_SALES),)},
        buying={
            BuyingAspect.OBJECTION: (
                _view(
                    InsightKind.BUYING,
                    "The price has to be understandable.",
                    ["Pricing must be simple.", "Seat pricing is confusing."],
                ),
            )
        },
    )
    table = compare_personas([revops, sales])
    assert table.personas == ("RevOps leader", "Sales leader")
    headings = [row.heading for row in table.rows]
    assert [h for h in headings if h in ATTRIBUTES] == [a for a in ATTRIBUTES if a != "Top goal"]
    shared = [row for row in table.rows if row.theme]
    assert [row.heading for row in shared] == ["Top goal (shared): Forecast accuracy is the main goal."]
    assert [cell.display() for cell in shared[0].cells] == ["2 of 3 respondents", "2 of 3 respondents"]
    rows = {row.heading: row for row in table.rows}
    assert "Top goal (own)" not in rows  # each persona's only goal is the shared one
    pain = [cell.display() for cell in rows["Top pain"].cells]
    assert pain == [
        "Analysts check the top deals by hand every week.\n1 of 3 respondents (one respondent)",
        NOT_STATED,
    ]
    assert rows["Top pain"].cells[0].single_respondent
    assert rows["Role in the decision"].cells[0].display() == "evaluator (2 of 3)"
    assert rows["Role in the decision"].cells[1].display() == NOT_STATED
    assert rows["Main objection"].cells[1].text == "The price has to be understandable."
    assert rows["Trigger"].cells[0].display() == rows["Trigger"].cells[1].display() == NOT_STATED


def test_different_themes_stay_apart_and_tsv_has_one_line_per_row() -> None:
    G = InsightKind.GOAL
    a = _profile(1, "A", {G: (_view(G, "Forecast accuracy is the main goal.", FORECAST_REVOPS),)})
    b = _profile(
        2,
        "B",
        {
            G: (
                _view(
                    G,
                    "Hiring ten new account executives this year.",
                    ["We are hiring ten AEs.", "Headcount doubles this year."],
                ),
            )
        },
    )
    table = compare_personas([a, b])
    assert not any(row.theme for row in table.rows)
    goal = next(row for row in table.rows if row.field == "Top goal")
    assert [c.text for c in goal.cells] == [
        "Forecast accuracy is the main goal.",
        "Hiring ten new account executives this year.",
    ]
    lines = table.to_tsv().splitlines()
    assert len(lines) == 1 + len(table.rows) and lines[0] == "\tA\tB"
