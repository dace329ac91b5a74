"""Draft statements: third person, grammatical for common verbs, at most 15 words."""

import pytest

from synthesis.extraction.rules import extract_candidates
from synthesis.extraction.statement import draft_statement
from synthesis.transcript import ParsedTurn, Segment, SpeakerRole


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ("I report to our CFO.", "Reports to their CFO."),
        (
            "So I came from audit, I was at a big firm before that.",
            "Came from audit, they were at a big firm before that.",
        ),
        (
            "I did an analysis and my estimate is we leak money.",
            "Did an analysis and their estimate is they leak money.",
        ),
        ("Honestly, I'm the only one who knows the process.", "Is the only one who knows the process."),
        ("We have three warehouses in Ontario.", "They have three warehouses in Ontario."),
    ],
)
def test_first_person_becomes_third_person(sentence: str, statement: str) -> None:
    assert draft_statement(sentence) == statement


def test_long_sentences_are_clipped_to_fifteen_words() -> None:
    draft = draft_statement(" ".join(["we"] + ["really"] * 30 + ["care."]))
    assert draft.endswith("…") and len(draft.split()) == 15


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ("I don't like the price on request.", "Doesn't like the price on request."),
        ("I never trust the CRM data.", "Never trusts the CRM data."),
        ("I really want a forecast that explains itself.", "Really wants a forecast that explains itself."),
    ],
)
def test_negations_and_adverbs_keep_the_verb_right(sentence: str, statement: str) -> None:
    assert draft_statement(sentence) == statement


def test_respondent_questions_are_not_candidates() -> None:
    turns = [
        ParsedTurn("Q", "What slows you down?", [Segment(0, 0, 20)], role=SpeakerRole.INTERVIEWER),
        ParsedTurn(
            "A",
            "Is it in procurement? Honestly the security review takes six weeks and it kills deals.",
            [Segment(0, 21, 107)],
            role=SpeakerRole.RESPONDENT,
        ),
    ]
    quotes = [c.quote for c in extract_candidates(turns)]
    assert quotes and not any(q.endswith("?") for q in quotes)


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ("We sell across the US and Canada.", "They sell across the US and Canada."),
        ("We have sixty-four AEs across the U.S. now.", "They have sixty-four AEs across the U.S. now."),
        ("It is up to us: we decide it ourselves.", "It is up to them: they decide it themselves."),
        ("It lets us decide myself.", "It lets them decide themselves."),
    ],
)
def test_the_country_us_is_kept_and_reflexives_are_plural(sentence: str, statement: str) -> None:
    assert draft_statement(sentence) == statement
