"""Candidate units for the learned extractor: respondent sentences and their clauses, with their context.

A unit is a span of one respondent turn (``turns[turn_index].text[start:end]``) plus what the features need:
the cue hits and firmographic findings inside it, the kind of the interviewer question it answers (context,
never a verdict), and where it sits in the interview.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from synthesis.extraction.cues import CueHit, find_cues
from synthesis.extraction.firmographics import Firmographic, extract_firmographics
from synthesis.extraction.questions import question_priors, question_text
from synthesis.extraction.rules import is_small_talk
from synthesis.extraction.segment import Sentence, respondent_sentences, split_clauses
from synthesis.transcript import ParsedTurn, SpeakerRole


@dataclass(frozen=True)
class Unit:
    """One candidate span and its context; ``sentence`` numbers the sentence it belongs to."""

    turn_index: int
    start: int
    end: int
    sentence: int
    is_clause: bool
    text: str
    cue_kinds: tuple[tuple[str, str], ...]  # (kind, cue name) of every cue inside the span
    fields: tuple[str, ...]  # firmographic fields found inside the span
    question_kind: str | None
    position: float  # 0 at the first respondent sentence, 1 at the last
    rank_in_turn: int  # 0 for a turn's first sentence
    question: str = ""  # the asking part of the interviewer turn before it, lower-cased


@dataclass
class Context:
    """What one transcript offers every unit: question kinds, firmographics, cue hits (computed per turn)."""

    turns: Sequence[ParsedTurn]
    firmographics: Sequence[Firmographic] | None = None  # when the caller already has them
    priors: dict[int, str] = field(init=False)
    questions: dict[int, str] = field(init=False, default_factory=dict)
    findings: dict[int, list[tuple[int, int, str]]] = field(init=False, default_factory=dict)
    hits: dict[int, list[CueHit]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.priors = question_priors(self.turns)
        asked = ""
        for index, turn in enumerate(self.turns):
            if turn.role == SpeakerRole.INTERVIEWER:
                asked = question_text(turn).lower()
            elif turn.role == SpeakerRole.RESPONDENT:
                self.questions[index] = asked
        found = extract_firmographics(self.turns) if self.firmographics is None else self.firmographics
        for f in found:
            self.findings.setdefault(f.turn_index, []).append((f.start, f.end, f.field))

    def unit(self, turn_index: int, start: int, end: int, *, sentence: int = -1, is_clause: bool = False,
             position: float = 0.5, rank: int = 0) -> Unit:
        """The unit for ``turns[turn_index].text[start:end]``."""
        if turn_index not in self.hits:
            self.hits[turn_index] = find_cues(self.turns[turn_index].text)
        cues = {(h.kind, h.cue.name) for h in self.hits[turn_index] if start <= h.start and h.end <= end}
        fields = {f for s, e, f in self.findings.get(turn_index, ()) if start <= s and e <= end}
        return Unit(turn_index, start, end, sentence, is_clause, self.turns[turn_index].text[start:end],
                    tuple(sorted(cues)), tuple(sorted(fields)), self.priors.get(turn_index), position, rank,
                    self.questions.get(turn_index, ""))


def substantive_sentences(turns: Sequence[ParsedTurn]) -> list[Sentence]:
    """Respondent sentences that can carry a point: no small talk, no questions back."""
    return [
        s for s in respondent_sentences(turns)
        if not is_small_talk(s.text) and not s.text.rstrip().endswith("?")
    ]


def candidate_units(turns: Sequence[ParsedTurn], context: Context | None = None) -> list[Unit]:
    """Every substantive respondent sentence, and its clauses when it has more than one, in reading order."""
    context = context or Context(turns)
    sentences = substantive_sentences(turns)
    last = max(len(sentences) - 1, 1)
    units: list[Unit] = []
    rank: dict[int, int] = {}
    for number, s in enumerate(sentences):
        at = {"sentence": number, "position": number / last, "rank": rank.get(s.turn_index, 0)}
        units.append(context.unit(s.turn_index, s.start, s.end, **at))
        clauses = split_clauses(turns[s.turn_index].text, s.start, s.end)
        if len(clauses) > 1:
            units += [context.unit(s.turn_index, cs, ce, is_clause=True, **at) for cs, ce in clauses]
        rank[s.turn_index] = rank.get(s.turn_index, 0) + 1
    return units
