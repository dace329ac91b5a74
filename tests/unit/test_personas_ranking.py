"""Theme ranking (fragments last, prevalence, informativeness) and short clean theme labels."""

import pytest

from synthesis.personas.statements import informativeness, is_cut, is_fragment, is_question, theme_label
from synthesis.personas.themes import ThemeItem, merge_themes, similarity


@pytest.mark.parametrize(
    ("statement", "fragment"),
    [
        ("Is it stuck in legal.", True),  # a question whose "?" was dropped
        ("How do they compare vendors.", True),
        ("Does the board care?", True),
        ("Cannot afford that.", True),  # under five words
        ("That is what it is for them.", True),  # no content word
        ("Is the head of finance at a payroll startup.", False),  # "I'm the head of …" made third-person
        ("Renewal quotes need a sign-off from the finance director.", False),
    ],
)
def test_fragments(statement: str, fragment: bool) -> None:
    assert is_fragment(statement) == fragment


def test_questions_and_cut_statements() -> None:
    assert is_question("Why does the pipeline look so healthy?")
    assert not is_question("Why they churned was never written down.")
    assert is_cut("Quarter close eats the first week of every month for the…")
    assert is_cut("The finance team reviews every contract with the.")
    assert not is_cut("The finance team reviews every contract.")


def test_informativeness_rewards_confidence_and_content_and_penalises_cuts() -> None:
    rich = "Renewal quotes need a sign-off from the finance director."
    assert informativeness(rich, 0.6) > informativeness(rich, 0.3)
    assert informativeness(rich, 0.3) > informativeness("It is the big thing for them.", 0.3)
    assert informativeness(rich.rstrip(".") + " and the…", 0.3) < informativeness(rich, 0.3)


@pytest.mark.parametrize(
    ("statement", "label"),
    [
        ("Renewal quotes need a sign-off from the finance director.", None),
        ("Has run, um, the payroll team for six years now.", "Has run the payroll team for six years now."),
        (
            "Then the warehouse scanners drop out twice a shift.",
            "The warehouse scanners drop out twice a shift.",
        ),
        (
            "Every invoice gets keyed twice, once in the portal and once in the ledger, and…",
            "Every invoice gets keyed twice.",  # punctuation before a conjunction
        ),
        (
            "Everyone looks at, like, the renewal dates only in the last week and then…",
            "Everyone looks at the renewal dates only in the last week.",
        ),
        (
            "Some renewals get chased two, three times and nobody owns the follow-up in the…",
            "Some renewals get chased two, three times.",
        ),
        (
            "If the pilot runs past June, the budget goes back to the finance team.",
            "If the pilot runs past June, the budget goes back…",
        ),
        (
            "Onboarding a new clinic takes three weeks of spreadsheets and they lose momentum…",
            "Onboarding a new clinic takes three weeks of spreadsheets.",
        ),
        (
            "The dispatch board shows every truck but nobody trusts the arrival estimates that it…",
            "The dispatch board shows every truck.",
        ),
        (
            "Quarterly planning depends on twelve regional spreadsheets merged by hand from the six offices…",
            "Quarterly planning depends on twelve regional spreadsheets merged by hand…",
        ),
    ],
)
def test_labels_are_short_and_cut_at_clause_boundaries(statement: str, label: str | None) -> None:
    made = theme_label(statement)
    assert made == (label or statement)
    assert len(made.split()) <= 12


def _items(*rows: tuple[int, str, float]) -> list[ThemeItem]:
    return [
        ThemeItem(i, interview, text, confidence) for i, (interview, text, confidence) in enumerate(rows, 1)
    ]


def test_fragment_themes_never_lead_even_when_more_prevalent() -> None:
    themes = merge_themes(
        _items(
            (1, "Is it with legal.", 0.9),
            (2, "Is it with legal.", 0.9),
            (3, "Contract redlines sit with the legal team for a month.", 0.4),
        )
    )
    # By meaning the questions join the legal theme; its label is the one complete statement.
    assert [t.label for t in themes] == ["Contract redlines sit with the legal team for a month."]
    assert not themes[0].fragment and len(themes[0].respondents) == 3


def test_prevalence_first_then_informativeness() -> None:
    themes = merge_themes(
        _items(
            (1, "Spends the first week of every month reconciling invoices", 0.3),
            (2, "Spends the first week each month reconciling invoices", 0.3),
            (1, "Carrier rates change weekly and nobody updates the rate card", 0.9),
            (3, "Dashboards are fine.", 0.9),
            (3, "Customs paperwork delays cross-border shipments by days", 0.4),
        )
    )
    assert [len(t.respondents) for t in themes] == [2, 1, 1, 1]
    assert themes[1].label == "Carrier rates change weekly and nobody updates the rate card."
    assert themes[2].label == "Customs paperwork delays cross-border shipments by days."
    assert themes[-1].label == "Dashboards are fine."  # a fragment: under five words


def test_a_theme_is_labelled_by_its_most_informative_statement() -> None:
    [theme] = merge_themes(
        _items(
            (1, "Approval above fifty thousand goes to the CFO", 0.2),
            (2, "Approval above fifty thousand goes to the CFO and board", 0.8),
        )
    )
    assert theme.label == "Approval above fifty thousand goes to the CFO and board."


def test_a_single_shared_word_does_not_make_a_theme() -> None:
    assert similarity("Is it in procurement.", "Procurement joins for anything over fifty thousand.") < 70
    themes = merge_themes(
        _items(
            (1, "Is it in procurement.", 0.5), (2, "Procurement joins for anything over fifty thousand.", 0.5)
        )
    )
    # Grouped by meaning (both are about procurement); the label is the complete statement, not the question.
    assert [t.label for t in themes] == ["Procurement joins for anything over fifty thousand."]


def test_labels_stay_unique_within_a_kind() -> None:
    themes = merge_themes(
        _items(
            (1, "Board packs take two days, every single month without fail and more.", 0.5),
            (2, "Board packs take two days, every quarter for the finance team lead.", 0.5),
        ),
        threshold=101,
    )
    labels = [t.label for t in themes]
    assert len(set(labels)) == 2
