"""The quotes of a report: verified against their respondent turn at their offsets, widened to whole
sentences of the turn (an extractor may cut a sentence where a subtitle cue ends), numbered once for the
evidence index, each with the time of its own subtitle cue and a body text with fillers elided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlmodel import Session, col, select

from models.tables import Interview, Turn
from synthesis.personas.query import EvidenceQuote, PersonaProfile, format_timestamp
from synthesis.report.labels import Labels
from synthesis.report.quote_text import cue_seconds, elide_fillers, whole_sentences
from synthesis.report.shapes import Quote
from synthesis.transcript import SpeakerRole

SUBTITLES = ("webvtt", "srt")
"""Formats whose turns join many timed cues."""


class QuoteBook:
    """Verifies quotes against their respondent turn's text at their offsets; numbers the used ones once."""

    def __init__(self, session: Session, profiles: Sequence[PersonaProfile], labels: Labels) -> None:
        turn_ids = {
            q.turn_id
            for p in profiles
            for views in p.fields.values()
            for v in views
            for s in (*v.statements, *v.dissent)
            for q in s.quotes
        }
        turns = session.exec(
            select(Turn).where(col(Turn.id).in_(turn_ids), Turn.role == SpeakerRole.RESPONDENT)
        ).all()
        self._turns = {turn.id or 0: turn.text for turn in turns}
        self._segments = {turn.id or 0: turn.segments for turn in turns}
        subtitled = session.exec(
            select(Interview.id, Interview.text).where(
                col(Interview.id).in_({t.interview_id for t in turns}), col(Interview.format).in_(SUBTITLES)
            )
        ).all()
        self._sources = {interview_id: text for interview_id, text in subtitled}
        self._labels = labels
        self._numbered: dict[tuple[int, str], Quote] = {}
        self._failed: set[tuple[int, str]] = set()

    def verified(self, quote: EvidenceQuote) -> bool:
        key = (quote.turn_id, quote.quote)
        text = self._turns.get(quote.turn_id, "")
        if quote.quote.strip() and text[quote.start : quote.end] == quote.quote:
            return True
        self._failed.add(key)
        return False

    def use(self, quote: EvidenceQuote) -> Quote:
        """The quote numbered for the evidence index, widened to whole sentences of its turn."""
        turn = self._turns.get(quote.turn_id, "")
        start, end = whole_sentences(turn, quote.start, quote.end)
        quote = replace(quote, quote=turn[start:end], start=start, end=end)
        key = (quote.turn_id, quote.quote)
        if key not in self._numbered:
            text = self._labels.text(quote.quote)
            self._numbered[key] = Quote(
                len(self._numbered) + 1,
                text,
                self._labels.attribution(quote.interview_id, quote.speaker_role),
                self._labels.interview(quote.interview_id),
                self._time(quote),
                self._labels.respondent_label(quote.interview_id),
                elide_fillers(text),
            )
        return self._numbered[key]

    def _time(self, quote: EvidenceQuote) -> str | None:
        """The time of the subtitle cue the quote starts in; the turn's time for other formats."""
        source = self._sources.get(quote.interview_id, "")
        seconds = cue_seconds(source, self._segments.get(quote.turn_id, []), quote.start) if source else None
        return format_timestamp(seconds) if seconds is not None else quote.timestamp

    @property
    def used(self) -> list[Quote]:
        return list(self._numbered.values())

    @property
    def dropped(self) -> int:
        return len(self._failed)
