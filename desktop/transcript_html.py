"""Render an interview's turns as rich text, with evidence spans highlighted by insight kind."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from html import escape

from desktop.kinds import HIGHLIGHT_TEXT, highlight_colour
from synthesis.workspace.interviews import Highlight, InterviewDetail, TurnRow

INSIGHT_SCHEME = "insight"


def turn_anchor(turn_id: int) -> str:
    return f"turn-{turn_id}"


def insight_anchor(insight_id: int) -> str:
    return f"insight-{insight_id}"


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def transcript_html(detail: InterviewDetail, selected_insight: int | None = None) -> str:
    """The whole transcript; each highlight links to ``insight:<id>`` and is preceded by its anchor."""
    by_turn: dict[int, list[Highlight]] = {}
    for highlight in detail.highlights:
        by_turn.setdefault(highlight.turn_id, []).append(highlight)
    return "".join(_turn_html(turn, by_turn.get(turn.id, []), selected_insight) for turn in detail.turns)


def _turn_html(turn: TurnRow, highlights: list[Highlight], selected: int | None) -> str:
    details = " · ".join(part for part in (format_seconds(turn.start_seconds), turn.role) if part)
    return (
        f'<p style="margin-top:10px; margin-bottom:0px"><a name="{turn_anchor(turn.id)}"></a>'
        f"<b>{escape(turn.speaker)}</b>&nbsp;&nbsp;<small>{escape(details)}</small></p>"
        f'<p style="margin-top:2px">{highlighted_text(turn.text, highlights, selected)}</p>'
    )


def highlighted_text(text: str, highlights: Iterable[Highlight], selected: int | None = None) -> str:
    """``text`` as HTML; where spans overlap, the one that starts first wins."""
    spans = sorted(
        (h for h in highlights if 0 <= h.start < h.end <= len(text)),
        key=lambda h: (h.start, -h.end, h.insight_id),
    )
    cuts = sorted({0, len(text), *(h.start for h in spans), *(h.end for h in spans)})
    anchored: set[int] = set()
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        for h in spans:
            if h.start == start and h.insight_id not in anchored:
                anchored.add(h.insight_id)
                parts.append(f'<a name="{insight_anchor(h.insight_id)}"></a>')
        piece = escape(text[start:end]).replace("\n", "<br/>")
        cover = next((h for h in spans if h.start <= start and end <= h.end), None)
        if cover is None:
            parts.append(piece)
            continue
        emphasis = (
            "font-weight:bold; text-decoration:underline;"
            if cover.insight_id == selected
            else ("text-decoration:none;")
        )
        parts.append(
            f'<a href="{INSIGHT_SCHEME}:{cover.insight_id}" '
            f'title="{escape(cover.kind)}: {escape(cover.statement)}" '
            f'style="background-color:{highlight_colour(cover.kind, cover.status)}; color:{HIGHLIGHT_TEXT}; '
            f'{emphasis}">{piece}</a>'
        )
    return "".join(parts)
