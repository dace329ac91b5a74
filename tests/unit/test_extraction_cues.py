"""Cue families and question priors, on sentences written for these tests."""

import pytest

from synthesis.extraction.cues import KINDS, cue_scores
from synthesis.extraction.questions import classify_question, question_priors
from synthesis.transcript import ParsedTurn, Segment, SpeakerRole


def _best(text: str) -> str:
    scores, _ = cue_scores(text)
    return max(KINDS, key=lambda k: scores[k])


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("I'm the head of partnerships and I report to the COO.", "role"),
        ("I have a team of six analysts.", "role"),
        ("We're a logistics software company with customers across Europe.", "company"),
        ("We have about 900 employees and we're PE-backed.", "company"),
        ("My main KPI is net revenue retention, and I'm measured on it every quarter.", "goal"),
        ("We need to reduce onboarding time to under 30 days this year.", "goal"),
        ("Honestly it's a nightmare, the reconciliation takes three days every month.", "pain"),
        ("I'm so frustrated with the manual copy and paste.", "pain"),
        ("In an ideal world I'd love a single view of every account.", "aspiration"),
        ("If I had a magic wand, the forecast would just build itself.", "aspiration"),
        ("We ran a pilot with two vendors and procurement had to approve the contract.", "buying"),
        ("Anything over $20,000 goes to the CFO for sign-off.", "buying"),
        ("I usually ask peers in a Slack community before I look at G2 reviews.", "buying"),
    ],
)
def test_each_cue_family_wins_on_its_own_language(sentence: str, kind: str):
    assert _best(sentence) == kind


def test_neutral_sentence_scores_nothing():
    scores, fired = cue_scores("The weather was grey again.")
    assert max(scores.values()) == 0
    assert not any(fired.values())


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What's the hardest part of month-end for you?", "pain"),
        ("What gets in the way of that?", "pain"),
        ("If you could wave a magic wand, what would change?", "aspiration"),
        ("What would the ideal setup look like?", "aspiration"),
        ("How do you evaluate new tools, and who signs off?", "buying"),
        ("Is there a budget set aside for this?", "buying"),
        ("What are you measured on this year?", "goal"),
        ("Which KPIs matter most?", "goal"),
        ("Tell me about your role.", "role"),
        ("Who do you report to?", "role"),
        ("How big is the company?", "company"),
        ("What does your stack look like?", "company"),
        ("How was the weekend?", None),
    ],
)
def test_question_classification(question: str, kind: str | None):
    assert classify_question(question) == kind


def test_answer_gets_the_prior_of_the_latest_question():
    def turn(role: SpeakerRole, text: str) -> ParsedTurn:
        return ParsedTurn("x", text, [Segment(0, 0, len(text))], role=role)

    turns = [
        turn(SpeakerRole.RESPONDENT, "Hi there."),
        turn(SpeakerRole.INTERVIEWER, "Thanks. So, what frustrates you most about reporting?"),
        turn(SpeakerRole.RESPONDENT, "The exports."),
        turn(SpeakerRole.RESPONDENT, "And the copying."),
        turn(SpeakerRole.INTERVIEWER, "Got it. And who approves purchases?"),
        turn(SpeakerRole.RESPONDENT, "My boss."),
    ]
    assert question_priors(turns) == {2: "pain", 3: "pain", 5: "buying"}
