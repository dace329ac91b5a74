"""Who a respondent is: a person in one interview, never merged across interviews by a speaker label.

Transcription tools label speakers generically ("User", "Participant", "Speaker 1", "Interviewee"), so a label
says nothing about who someone is. A respondent is keyed by (interview id, speaker label); the same label in
two interviews is two respondents. A *named* person who appears in two interviews is still counted once per
interview (the consultant may have interviewed them twice, or two people share a name); ``repeated_names``
lists such names so synthesis can say so, until the consultant can link them. A persona's base (the "of 3"
in "2 of 3 respondents") is its respondents so keyed (``respondent_keys``), with any speaker of its evidence
added, so a theme is never held by more respondents than its base.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from models.tables import Turn
from synthesis.transcript import SpeakerRole

_GENERIC = re.compile(
    r"^(?:user|participant|speaker|interviewee|respondent|customer|guest|person|caller|attendee|unknown|"
    r"p|s|r)\s*[-_#]?\s*(?:\d+|[a-z])?$|^\d+$",
    re.IGNORECASE,
)


def is_generic_label(label: str) -> bool:
    """True for a speaker label that names nobody ("User", "Speaker 2", "Participant A", "P3", "")."""
    return not label.strip() or bool(_GENERIC.match(label.strip()))


def repeated_names(people: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    """Non-generic names (case-insensitive) found in more than one interview: name -> interview ids."""
    seen: dict[str, set[int]] = defaultdict(set)
    spelling: dict[str, str] = {}
    for interview_id, name in people:
        if is_generic_label(name):
            continue
        key = " ".join(name.lower().split())
        seen[key].add(interview_id)
        spelling.setdefault(key, name.strip())
    return {spelling[key]: sorted(ids) for key, ids in seen.items() if len(ids) > 1}


def respondent_keys(session: Session, interview_ids: Iterable[int]) -> set[tuple[int, str]]:
    """The respondents of some interviews: (interview, speaker) for each respondent speaker; an interview
    whose turns name no respondent speaker counts as one respondent, (interview, "")."""
    wanted = set(interview_ids)
    rows = session.exec(
        select(Turn.interview_id, Turn.speaker)
        .where(col(Turn.interview_id).in_(wanted), Turn.role == SpeakerRole.RESPONDENT.value)
        .distinct()
    ).all()
    keys = {(interview_id, speaker) for interview_id, speaker in rows}
    return keys | {(i, "") for i in wanted - {k[0] for k in keys}}
