"""Quotes in the report body: fillers as an ellipsis, whole sentences across subtitle cues, the cue's time."""

from __future__ import annotations

from synthesis.report.quote_text import cue_seconds, elide_fillers, whole_sentences, without_fillers

SRT = """13
00:00:47,316 --> 00:00:48,842
KATRIN VOGEL: Net revenue retention, we want a hundred and

14
00:00:48,982 --> 00:00:54,220
twelve percent. Last year we were at a hundred and eight.
"""
TURN = (
    "Net revenue retention, we want a hundred and twelve percent. Last year we were at a hundred and eight."
)
SEGMENTS = [
    [0, SRT.index("Net revenue"), SRT.index(" and\n") + 4],
    [TURN.index("twelve"), SRT.index("twelve"), SRT.index("eight.") + 6],
]


def test_fillers_become_an_ellipsis_in_quotes_and_vanish_from_statements() -> None:
    assert elide_fillers("we were, um, inside five percent") == "we were … inside five percent"
    assert elide_fillers("Um, maybe just that.") == "… maybe just that."
    assert elide_fillers("Drum umbrella summary.") == "Drum umbrella summary."
    assert (
        without_fillers("Has been here, um, a little over three years.")
        == "Has been here a little over three years."
    )


def test_a_quote_cut_at_a_cue_is_widened_to_its_sentence_within_the_turn() -> None:
    cut = "Net revenue retention, we want a hundred and"
    start, end = whole_sentences(TURN, 0, len(cut))
    assert TURN[start:end] == "Net revenue retention, we want a hundred and twelve percent."
    middle = TURN.index("we were")
    start, end = whole_sentences(TURN, middle, middle + 7)
    assert TURN[start:end] == "Last year we were at a hundred and eight."
    whole = "Last year we were at a hundred and eight."
    assert whole_sentences(TURN, TURN.index(whole), len(TURN)) == (TURN.index(whole), len(TURN))
    long_turn = " ".join(["word"] * 80) + "."
    assert whole_sentences(long_turn, 10, 20) == (10, 20)  # too long to widen: kept as cut


def test_caption_time_is_the_quotes_own_cue() -> None:
    assert cue_seconds(SRT, SEGMENTS, 0) == 47.316
    assert cue_seconds(SRT, SEGMENTS, TURN.index("Last year")) == 48.982
    assert cue_seconds("[Priya] 14:03:12\nYes.", [[0, 17, 21]], 0) is None


def test_anonymised_head_counts_become_bands_even_in_ranges() -> None:
    from synthesis.report.anonymise import Anonymiser
    from synthesis.report.labels import Labels

    labels = Labels({}, {}, Anonymiser())
    assert labels.head_counts("Company size: 210-890 employees.") == "Company size: 201-1,000 employees."
    assert labels.head_counts("57 employees and 15,000 employees") == "51-200 employees and 5,001+ employees"
