"""Draft statements: third person, grammatical for common verbs, at most 15 words."""

import pytest

from synthesis.extraction.statement import draft_statement


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
