"""Candidate extraction: respondent-only evidence, exact quotes, sensible kinds and statements."""

from synthesis.extraction import Candidate, extract_candidates
from synthesis.extraction.cues import KINDS
from synthesis.extraction.statement import MAX_WORDS, draft_statement
from synthesis.transcript import ParsedTurn, Segment, SpeakerRole

INTERVIEW = [
    (SpeakerRole.INTERVIEWER, "Thanks for joining! Can you tell me about your role?"),
    (SpeakerRole.RESPONDENT,
     "Sure, happy to help. I'm the VP of Finance and I report to the CFO. "
     "We're a 400-person logistics company based in Ohio."),
    (SpeakerRole.INTERVIEWER, "What's the hardest part of month-end? It's a nightmare for many."),
    (SpeakerRole.RESPONDENT,
     "Reconciliation takes my team four days every month, and it's all manual in spreadsheets. Ha, yes."),
    (SpeakerRole.INTERVIEWER, "If you had a magic wand, what would you change?"),
    (SpeakerRole.RESPONDENT, "Ideally I'd love the close to run itself, anomalies flagged automatically."),
    (SpeakerRole.INTERVIEWER, "How do you evaluate and buy tools?"),
    (SpeakerRole.RESPONDENT,
     "We always run a pilot first, and anything over $25,000 needs the CFO to sign off."),
    (SpeakerRole.RESPONDENT, "Thanks, bye!"),
]


def _turns() -> list[ParsedTurn]:
    turns, offset = [], 0
    for role, text in INTERVIEW:
        turns.append(ParsedTurn("x", text, [Segment(0, offset, offset + len(text))], role=role))
        offset += len(text) + 1
    return turns


def _kinds_in_turn(candidates: list[Candidate], index: int) -> set[str]:
    return {c.kind for c in candidates if c.turn_index == index}


def test_every_quote_is_the_turn_text_slice_in_respondent_speech():
    turns = _turns()
    candidates = extract_candidates(turns)
    assert candidates
    for c in candidates:
        assert turns[c.turn_index].role == SpeakerRole.RESPONDENT
        assert turns[c.turn_index].text[c.start : c.end] == c.quote
        assert c.kind in KINDS
        assert 0 < c.confidence <= 1
        assert c.reason


def test_interviewer_turns_never_produce_candidates():
    turns = _turns()
    for t in turns:
        t.role = SpeakerRole.INTERVIEWER
    assert extract_candidates(turns) == []


def test_kinds_follow_cues_and_question_priors():
    candidates = extract_candidates(_turns())
    assert "role" in _kinds_in_turn(candidates, 1)
    assert "company" in _kinds_in_turn(candidates, 1)
    assert "pain" in _kinds_in_turn(candidates, 3)
    assert _kinds_in_turn(candidates, 5) == {"aspiration"}
    assert _kinds_in_turn(candidates, 7) == {"buying"}


def test_small_talk_and_thanks_are_dropped():
    candidates = extract_candidates(_turns())
    chatter = ("happy to help", "Thanks", "Ha, yes")
    assert not [c for c in candidates if any(word in c.quote for word in chatter)]


def test_candidates_are_mappable_to_source():
    turns = _turns()
    for c in extract_candidates(turns):
        assert turns[c.turn_index].to_source(c.start, c.end) is not None


def test_statement_is_short_third_person():
    assert draft_statement("I report directly to the CRO.") == "Reports directly to the CRO."
    assert draft_statement("So, honestly, we don't trust our pipeline numbers.") == (
        "They don't trust their pipeline numbers.")
    long = draft_statement("I " + "really " * 30 + "want this.")
    assert len(long.split()) <= MAX_WORDS
    for c in extract_candidates(_turns()):
        assert 0 < len(c.statement.split()) <= MAX_WORDS
