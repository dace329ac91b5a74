"""Classify the interviewer question an answer responds to, giving the answer a prior toward one kind."""

from __future__ import annotations

import re
from collections.abc import Sequence

from synthesis.transcript import ParsedTurn, SpeakerRole

# Checked in order; the first kind whose pattern matches the question wins.
_QUESTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, re.IGNORECASE))
    for kind, rx in (
        ("aspiration", r"magic wand|ideal(?:ly)?\b|dream|if you could|wish|perfect world|looking ahead|"
                       r"envision|in the future|future|would you love|what would (?:great|good|"
                       r"success) look"),
        ("buying", r"evaluat|choos|chose|select|buy|purchas|sign(?:s|ed)? off|approv|budget|vendor|procure|"
                   r"pric|decid|decision|trial|pilot|demo|tried|switch|security review|find out about|"
                   r"hear about|"
                   r"research (?:tools|vendors|options)|who else (?:is|was) involved|prefer to handle|"
                   r"colleagues|influenc|adopt|comfortable"),
        ("pain", r"hardest|hard part|difficult|challeng|frustrat|struggl|get(?:s)? in the way|problem|pain|"
                 r"worst|annoy|go(?:es)? wrong|break|bottleneck|slow(?:s)? you down|keeps you up|"
                 r"concern|worr"),
        ("goal", r"measured on|goals?\b|objective|success|kpi|okr|target|metric|priorit|trying to achieve|"
                 r"accountable|what matters|this year|maintaining your skills"),
        ("role", r"your role|your team|report to|your job|your title|responsib|day[- ]to[- ]day|typical "
                 r"(?:work)?day|what do you do|background|how long have you|walk me through"),
        ("company", r"company|organi[sz]ation|how big|how many (?:people|employees)|headcount|revenue|"
                    r"industry|customers|tools|stack|systems|what do you sell|where are you based|funding"),
    )
)


def classify_question(text: str) -> str | None:
    """Return the kind an interviewer question asks about, or None when it is not recognisably about one."""
    for kind, pattern in _QUESTION_KINDS:
        if pattern.search(text):
            return kind
    return None


def question_text(turn: ParsedTurn) -> str:
    """The asking part of an interviewer turn: its sentences from the first question mark's sentence on."""
    text = turn.text
    mark = text.find("?")
    if mark < 0:
        return text[-200:]
    start = max(text.rfind(". ", 0, mark), text.rfind("! ", 0, mark))
    return text[start + 1 :] if start >= 0 else text


def question_priors(turns: Sequence[ParsedTurn]) -> dict[int, str]:
    """Map each respondent turn index to the kind of the latest interviewer question before it."""
    priors: dict[int, str] = {}
    current: str | None = None
    for index, turn in enumerate(turns):
        if turn.role == SpeakerRole.INTERVIEWER:
            current = classify_question(question_text(turn))
        elif turn.role == SpeakerRole.RESPONDENT and current is not None:
            priors[index] = current
    return priors
