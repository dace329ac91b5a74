"""Who is the interviewer: a user-given name list, role words, then who asks clearly more questions."""

from __future__ import annotations

from collections.abc import Sequence

from synthesis.ingest.labels import GENERIC_INTERVIEWER, GENERIC_RESPONDENT
from synthesis.transcript import ParsedTurn, SpeakerRole

OTHER_LABELS = frozenset({"unknown", "unknown speaker", "narrator", "announcer", "operator", "music"})
MIN_QUESTION_SHARE = 0.2  # the interviewer ends at least this share of their turns with a question
MIN_QUESTION_LEAD = 0.15  # ... and this much larger a share than any other speaker
_CLOSERS = " \t\n\"'”’)]*_"
OPENER_BONUS = 0.05  # opening the conversation tips a close call towards being the interviewer


def assign_roles(turns: Sequence[ParsedTurn], interviewers: Sequence[str] = ()) -> dict[str, SpeakerRole]:
    """Set every turn's role and return the role of each speaker.

    Interviewers are, in order of precedence: speakers named in ``interviewers`` (exact or
    case-insensitive, with or without a trailing "(role, company)"), speakers labelled with a role word
    such as Interviewer, Host, Q or Assistant, the one speaker besides a lone Participant/User, or
    the speaker who asks clearly more questions than everyone else. A single speaker is the respondent;
    when nobody stands out (an edited collection of answers), everyone is a respondent.
    """
    speakers = list(dict.fromkeys(turn.speaker for turn in turns))
    others = {s for s in speakers if _key(s) in OTHER_LABELS} if len(speakers) > 1 else set()
    candidates = [s for s in speakers if s not in others]
    chosen = _interviewers(turns, candidates, interviewers) if len(candidates) > 1 else set()
    roles = {s: SpeakerRole.INTERVIEWER if s in chosen else SpeakerRole.RESPONDENT for s in speakers}
    roles.update(dict.fromkeys(others, SpeakerRole.OTHER))
    for turn in turns:
        turn.role = roles[turn.speaker]
    return roles


def _interviewers(turns: Sequence[ParsedTurn], speakers: list[str], given: Sequence[str]) -> set[str]:
    wanted = {_key(name) for name in given if name.strip()}
    named = {s for s in speakers if _key(s) in wanted or _key(s.split(" (")[0]) in wanted}
    if named:
        return named
    generic = {s for s in speakers if _key(s) in GENERIC_INTERVIEWER}
    if generic:
        return generic
    respondents = {s for s in speakers if _key(s) in GENERIC_RESPONDENT}
    if respondents and len(speakers) - len(respondents) == 1:
        return set(speakers) - respondents
    return _asks_most(turns, speakers)


def _asks_most(turns: Sequence[ParsedTurn], speakers: list[str]) -> set[str]:
    """The speaker who ends clearly more of their turns with a question than anyone else, if any."""
    asked = dict.fromkeys(speakers, 0)
    spoken = dict.fromkeys(speakers, 0)
    for turn in turns:
        if turn.speaker in spoken:
            spoken[turn.speaker] += 1
            asked[turn.speaker] += turn.text.rstrip(_CLOSERS).endswith("?")
    opener = next((t.speaker for t in turns if t.speaker in spoken), None)
    shares = {s: asked[s] / spoken[s] for s in speakers if spoken[s]}
    scores = {s: share + (OPENER_BONUS if s == opener else 0.0) for s, share in shares.items()}
    ranked = sorted(scores, key=lambda s: scores[s], reverse=True)
    best = ranked[0]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    clear = scores[best] - runner_up >= MIN_QUESTION_LEAD and spoken[best] > 1
    return {best} if clear and shares[best] >= MIN_QUESTION_SHARE else set()


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
