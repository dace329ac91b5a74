"""What the consultant chooses for one report export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from synthesis.report.redaction import Decisions


class ReportError(Exception):
    """A report that cannot be written as asked; the message says what to do."""


@dataclass(frozen=True)
class ReportOptions:
    """Report choices; empty client, title or preparer fall back to the workspace settings.

    ``persona_ids`` and ``icp_ids`` empty mean every persona and every ICP.
    """

    client: str = ""
    title: str = ""
    prepared_by: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    include_suggested: bool = False
    """Also use insights nobody has reviewed yet; every page is then marked DRAFT."""
    anonymise: bool = False
    redaction: Decisions = field(default_factory=Decisions)
    """The consultant's redaction review: candidates kept and terms added (anonymised exports only)."""
    persona_ids: tuple[int, ...] = ()
    icp_ids: tuple[int, ...] = ()
    template: Path | None = None
    themes_per_field: int = 6
    """The most prevalent themes shown per persona field; the rest are counted, not listed."""

    @property
    def draft(self) -> bool:
        return self.include_suggested
