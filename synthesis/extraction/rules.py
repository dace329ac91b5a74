"""Combine cue scores, question prior and firmographics into evidence candidates per respondent sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from synthesis.extraction.cues import KINDS, CueHit, find_cues, score_span
from synthesis.extraction.firmographics import extract_firmographics
from synthesis.extraction.questions import question_priors
from synthesis.extraction.segment import Sentence, respondent_sentences, split_clauses
from synthesis.extraction.statement import draft_statement
from synthesis.transcript import ParsedTurn

RULES_ORIGIN = "rules"
LLM_ORIGIN = "model"
"""What made a candidate, as stored in ``Insight.origin`` ("model" in stored workspaces means the LLM)."""

FULL_CONFIDENCE_SCORE = 8.0
"""Confidence is one scale from 0 to 1 for every origin, measured in rule-score units: a confidence is the
cue score (the summed cue weights of ``cues``, plus the question and firmographic boosts below) that the
evidence is worth, divided by this score. A sentence that just clears its threshold is about 0.25."""
MAX_RULE_CONFIDENCE = 0.95
"""Rules never claim certainty, however many cues a sentence has."""
LLM_CONFIDENCE = 0.7
"""A quote a language model chose and the transcript verified is worth a rule score of 5.6: as much as a
sentence with two or three strong cues (weight 2-3) of its kind; cues alone are capped at 6.0 (0.75)."""


def rule_confidence(score: float) -> float:
    """The confidence of a rule candidate with cue ``score``, on the scale of ``FULL_CONFIDENCE_SCORE``."""
    return round(min(MAX_RULE_CONFIDENCE, score / FULL_CONFIDENCE_SCORE), 2)


@dataclass(frozen=True)
class Candidate:
    """A draft insight: ``turns[turn_index].text[start:end] == quote``, always respondent speech."""

    kind: str
    turn_index: int
    start: int
    end: int
    quote: str
    confidence: float
    reason: str
    llm_statement: str | None = None  # a statement written by a language model, when one made the candidate
    origin: str = RULES_ORIGIN

    @property
    def statement(self) -> str:
        """A ≤15-word third-person draft for the consultant to edit: the model's, else one from the quote."""
        return self.llm_statement or draft_statement(self.quote)


QUESTION_PRIOR = 1.5
FIRMOGRAPHIC_BOOST = 2.5
TOOL_BOOST = 1.0
# Minimum score to emit a kind; pain is often voiced as plain facts about effort, so it needs less.
THRESHOLDS = {"role": 2.0, "company": 2.0, "goal": 2.0, "pain": 1.5, "aspiration": 2.0, "buying": 2.0}
# The runner-up kind is emitted too when it clears its threshold and scores close to the best.
SECOND_RATIO = 0.8
MIN_WORDS = 4
_SMALL_TALK = re.compile(
    r"^(?:(?:yes|yeah|yep|sure|no|nope|okay|ok|great|perfect|right|exactly|absolutely|definitely|of course|"
    r"sounds good|that'?s fine|no problem|no worries|thanks?|thank you|cheers|ha|haha|hi|hello|hey|bye|"
    r"good|nice|cool|fine|correct|totally|agreed|me too|same)\b[\s,.!?]*)+$"
    r"|\b(?:thank(?:s| you)|can you hear me|hear you (?:fine|ok|okay|well)|you'?re welcome|no questions|"
    r"(?:happy|glad) to (?:help|chat)|have a (?:good|great) (?:day|one|weekend)|talk soon|good luck)\b",
    re.IGNORECASE,
)

Scored = tuple[int, int, dict[str, float], dict[str, str]]  # start, end, score and reason per kind

@dataclass(frozen=True)
class _TurnContext:
    prior: str | None
    hits: list[CueHit]
    findings: list[tuple[int, int, str]]


def is_small_talk(text: str) -> bool:
    """True for greetings, consent, thanks and fragments too short to carry a point."""
    words = len(text.split())
    return words < MIN_WORDS or (words < 12 and bool(_SMALL_TALK.search(text)))


def _best(scores: dict[str, float]) -> str:
    return max(KINDS, key=lambda k: scores[k])


def _score(ctx: _TurnContext, start: int, end: int) -> Scored:
    scores, fired = score_span(ctx.hits, start, end)
    fields = {fld for s, e, fld in ctx.findings if start <= s and e <= end}
    if ctx.prior:
        scores[ctx.prior] += QUESTION_PRIOR
    if fields - {"tech_stack"}:
        scores["company"] += FIRMOGRAPHIC_BOOST
    elif fields:
        scores["company"] += TOOL_BOOST
    reasons = {}
    for kind in KINDS:
        parts = [f"cues: {', '.join(fired[kind])}"] if fired[kind] else []
        if ctx.prior == kind:
            parts.append(f"answers a {kind} question")
        if kind == "company" and fields:
            parts.append(f"firmographics: {', '.join(sorted(fields))}")
        reasons[kind] = "; ".join(parts)
    return start, end, scores, reasons


def _scored_pieces(text: str, sentence: Sentence, ctx: _TurnContext) -> list[Scored]:
    """Score the sentence's clauses; keep them apart only when they carry points of different kinds."""
    clauses = split_clauses(text, sentence.start, sentence.end)
    if len(clauses) > 1:
        scored = [_score(ctx, s, e) for s, e in clauses]
        kinds = {_best(sc) for _, _, sc, _ in scored if sc[_best(sc)] >= THRESHOLDS[_best(sc)]}
        if len(kinds) > 1:
            return scored
    return [_score(ctx, sentence.start, sentence.end)]


def extract_candidates(turns: Sequence[ParsedTurn]) -> list[Candidate]:
    """Evidence candidates for every substantive respondent sentence, in reading order."""
    priors = question_priors(turns)
    findings: dict[int, list[tuple[int, int, str]]] = {}
    for f in extract_firmographics(turns):
        if f.field != "company_name":  # naming one's employer is a role statement as often as a company one
            findings.setdefault(f.turn_index, []).append((f.start, f.end, f.field))
    contexts: dict[int, _TurnContext] = {}
    out: list[Candidate] = []
    for sentence in respondent_sentences(turns):
        if is_small_talk(sentence.text) or sentence.text.rstrip().endswith("?"):
            continue
        index = sentence.turn_index
        text = turns[index].text
        if index not in contexts:
            contexts[index] = _TurnContext(priors.get(index), find_cues(text), findings.get(index, []))
        for start, end, scores, reasons in _scored_pieces(text, sentence, contexts[index]):
            first, second = sorted(KINDS, key=lambda k: scores[k], reverse=True)[:2]
            for kind in (first, second):
                close = kind == first or scores[kind] >= SECOND_RATIO * scores[first]
                if scores[kind] >= THRESHOLDS[kind] and close:
                    quote = text[start:end]
                    confidence = rule_confidence(scores[kind])
                    out.append(Candidate(kind, index, start, end, quote, confidence, reasons[kind]))
    return out
