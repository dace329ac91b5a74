"""Persona building blocks: role normalisation, theme merging with prevalence and dissent, and naming."""

import pytest

from synthesis.personas.naming import persona_name, role_title, size_band
from synthesis.personas.roles import Seniority, normalise_role
from synthesis.personas.themes import ThemeItem, is_negative, merge_themes


@pytest.mark.parametrize(
    ("title", "function", "seniority"),
    [
        ("Senior RevOps Manager", "RevOps", Seniority.LEAD),
        ("Revenue Operations Lead", "RevOps", Seniority.LEAD),
        ("CFO", "Finance", Seniority.C_LEVEL),
        ("Director of FP&A", "Finance", Seniority.HEAD),
        ("Head of Customer Success", "Customer Success", Seniority.HEAD),
        ("VP of Marketing", "Growth/Marketing", Seniority.VP),
        ("Head of Growth", "Growth/Marketing", Seniority.HEAD),
        ("IT Manager", "IT", Seniority.LEAD),
        ("Data Analyst", "Data", Seniority.IC),
        ("Account Executive", "Sales", Seniority.IC),
        ("Chief Revenue Officer", "Sales", Seniority.C_LEVEL),
        ("Software Engineer", "Engineering", Seniority.IC),
        ("Operations Manager", "Operations", Seniority.LEAD),
        ("Founder & CEO", "Executive", Seniority.C_LEVEL),
        ("", "Other", Seniority.IC),
    ],
)
def test_normalise_role(title: str, function: str, seniority: Seniority) -> None:
    role = normalise_role(title)
    assert (role.function, role.seniority) == (function, seniority)


def test_stated_seniority_and_department_take_part() -> None:
    assert normalise_role("Analyst", seniority="Director").seniority == Seniority.HEAD
    assert normalise_role("Team member", department="Finance").function == "Finance"
    assert normalise_role("RevOps lead").group_key == "RevOps|Lead/Manager"


def _items(*rows: tuple[int, str]) -> list[ThemeItem]:
    return [ThemeItem(i, interview, statement) for i, (interview, statement) in enumerate(rows, start=1)]


def test_near_duplicates_merge_across_interviews_with_prevalence_by_respondent() -> None:
    items = _items(
        (1, "Spends hours reconciling CRM data by hand"),
        (2, "Reconciling CRM data manually takes hours"),
        (3, "Spends hours reconciling CRM data"),
        (3, "Reconciles CRM data by hand every week"),
        (4, "Board wants pipeline numbers weekly"),
    )
    themes = merge_themes(items)
    assert len(themes) == 2
    top = themes[0]
    assert len(top.items) == 4
    assert top.prevalence(6) == "3 of 6 respondents"  # interview 3 counts once
    assert "CRM data" in top.label
    assert themes[1].prevalence(6) == "1 of 6 respondents"


def test_dissent_is_the_opposite_stance_within_a_theme() -> None:
    items = _items(
        (1, "Trusts analyst reports when choosing vendors"),
        (2, "Trusts analyst reports to choose vendors"),
        (3, "Does not trust analyst reports when choosing vendors"),
        (4, "Needs security review before buying"),
    )
    themes = merge_themes(items)
    trust = next(t for t in themes if "analyst" in t.label)
    assert not trust.negative
    assert trust.respondents == {(1, ""), (2, "")}
    assert trust.dissenters == {(3, "")}
    assert is_negative("Doesn't trust demos") and not is_negative("Never says no")


def test_unrelated_statements_stay_apart() -> None:
    themes = merge_themes(
        _items((1, "Measured on net revenue retention"), (2, "Spends two days every month on board packs"))
    )
    assert len(themes) == 2


def test_merging_is_order_stable() -> None:
    items = _items(
        (2, "Wants one forecast view"), (1, "Wants a single forecast view"), (3, "Hates spreadsheets")
    )
    assert merge_themes(items) == merge_themes(list(reversed(items)))


def test_names_are_role_based_and_never_alliterative_first_names() -> None:
    assert (
        persona_name(role_title("RevOps", Seniority.LEAD), 310, "vertical SaaS")
        == "RevOps lead at a mid-market vertical SaaS company"
    )
    assert (
        persona_name(role_title("Finance", Seniority.C_LEVEL), 5000, "logistics software")
        == "CFO at an enterprise logistics software company"
    )
    assert (
        persona_name(role_title("Customer Success", Seniority.HEAD), None, None) == "Head of customer success"
    )
    assert (
        persona_name(role_title("Growth/Marketing", Seniority.VP), 40, "consultancy")
        == "VP of marketing at a small consultancy"
    )
    for function in ("RevOps", "Finance", "Sales", "Operations", "Data", "Other"):
        for seniority in Seniority:
            name = persona_name(role_title(function, seniority), 200, "logistics")
            assert name == f"{role_title(function, seniority)} at a mid-market logistics company"
            first, second = name.split()[:2]
            assert not (first[0] == second[0] and first.istitle() and second.istitle())  # no "Ops Olivia"


def test_size_bands() -> None:
    assert [size_band(n) for n in (None, 12, 100, 999, 1000)] == [
        None,
        "small",
        "mid-market",
        "mid-market",
        "enterprise",
    ]


def test_similarity_table_equals_pairwise_similarity() -> None:
    import random

    from synthesis.personas.themes import SimilarityTable, ThemeItem, similarity

    rng = random.Random(1)
    words = "forecast accuracy pipeline the we not never CRM data stale reps procurement budget CFO".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 9))) for _ in range(60)]
    table = SimilarityTable([ThemeItem(i, i, text) for i, text in enumerate(texts)])
    for i, a in enumerate(texts):
        for j, b in enumerate(texts):
            assert table.scores[i, j] == pytest.approx(similarity(a, b))
