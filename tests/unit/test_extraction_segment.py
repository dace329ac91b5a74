"""Sentence and clause segmentation keeps exact offsets into the turn text."""

from synthesis.extraction.segment import respondent_sentences, split_clauses, split_sentences
from synthesis.transcript import ParsedTurn, Segment, SpeakerRole


def _texts(text: str, **kw) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, **kw)]


def test_sentences_split_on_terminal_punctuation_with_offsets():
    text = "We sell to clinics. Why? Because they pay!  Done."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["We sell to clinics.", "Why?", "Because they pay!", "Done."]
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def test_abbreviations_and_decimals_do_not_end_a_sentence():
    text = "We use tools, e.g. a CRM, and grew 3.5 percent vs. last year. Dr. Smith approved it."
    assert _texts(text) == [
        "We use tools, e.g. a CRM, and grew 3.5 percent vs. last year.",
        "Dr. Smith approved it.",
    ]


def test_ellipsis_splits_only_before_a_capital():
    assert _texts("It was fine... mostly fine.") == ["It was fine... mostly fine."]
    assert _texts("It broke... Then we left.") == ["It broke...", "Then we left."]


def test_closing_quote_stays_with_its_sentence():
    assert _texts('She said "no way." Then we moved on.') == ['She said "no way."', "Then we moved on."]


def test_forced_breaks_split_sentences_at_segment_joins():
    text = "we looked at three vendors and then picked one"
    assert _texts(text, breaks=[text.index("and")]) == ["we looked at three vendors", "and then picked one"]


def test_clauses_split_at_but_and_semicolon_when_both_sides_carry_words():
    text = "I run the sales ops team, but the tooling is slow and clunky; nobody trusts our numbers at all."
    parts = [text[s:e] for s, e in split_clauses(text, 0, len(text))]
    assert parts == [
        "I run the sales ops team",
        "but the tooling is slow and clunky",
        "nobody trusts our numbers at all.",
    ]
    assert split_clauses("Fine, but slow.", 0, 15) == [(0, 15)]


def test_respondent_sentences_skip_interviewer_turns():
    turns = [
        ParsedTurn("Ann", "What do you do? Tell me.", [Segment(0, 0, 24)], role=SpeakerRole.INTERVIEWER),
        ParsedTurn("Bo", "I lead finance. We are small.", [Segment(0, 25, 54)], role=SpeakerRole.RESPONDENT),
    ]
    sentences = respondent_sentences(turns)
    assert [(s.turn_index, s.text) for s in sentences] == [(1, "I lead finance."), (1, "We are small.")]
    assert all(turns[s.turn_index].text[s.start : s.end] == s.text for s in sentences)
