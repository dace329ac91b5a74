"""The evidence pane's HTML: an insight, then the whole turn it came from with the quote highlighted."""

from __future__ import annotations

from html import escape

from desktop.kinds import HIGHLIGHT_TEXT, highlight_colour, kind_label
from desktop.transcript_html import format_seconds, highlighted_text
from synthesis.workspace import interviews
from synthesis.workspace.insights import InsightRow
from synthesis.workspace.interviews import Highlight

OPEN_SCHEME = "open"


def evidence_html(row: InsightRow, context: interviews.TurnContext | None) -> str:
    """The insight, then the whole turn it came from with the quote highlighted."""
    badge = (
        f'<span style="background-color:{highlight_colour(row.kind, row.status)}; color:{HIGHLIGHT_TEXT}">'
        f"&nbsp;{escape(kind_label(row.kind))}&nbsp;</span>"
    )
    parts = [
        f"<p>{badge} <b>{escape(row.statement)}</b> <small>({escape(row.status)}, {escape(row.origin)}, "
        f"confidence {row.confidence:.2f})</small></p>"
    ]
    if context is None:
        parts.append(f"<p>“{escape(row.quote)}”</p>" if row.quote else "<p><i>No evidence quote.</i></p>")
    else:
        start = context.text.find(row.quote) if row.quote else -1
        spans = [Highlight(row.id, 0, start, start + len(row.quote), row.kind, row.status, row.statement)]
        body = highlighted_text(context.text, spans if start >= 0 else [])
        details = " · ".join(p for p in (format_seconds(context.start_seconds), context.role) if p)
        parts.append(f"<p><b>{escape(context.speaker)}</b> <small>{escape(details)}</small><br/>{body}</p>")
    parts.append(
        f'<p><a href="{OPEN_SCHEME}:transcript">Open in transcript — {escape(row.interview_title)}</a></p>'
    )
    return "".join(parts)
