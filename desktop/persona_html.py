"""A persona's themed fields as rich text: prevalence, statements, evidence quotes and edit links."""

from __future__ import annotations

from html import escape

from desktop.kinds import HIGHLIGHT_TEXT, KIND_COLOURS
from synthesis.personas.query import PersonaProfile, ThemeStatement, ThemeView
from synthesis.workspace.insights import InsightKind

TURN_SCHEME = "turn"
"""turn:<interview id>/<turn id> opens the transcript at the quote."""
MOVE_SCHEME = "move"
REMOVE_SCHEME = "remove"

SECTIONS = (
    ("Goals & responsibilities", (InsightKind.GOAL, InsightKind.ROLE)),
    ("Pains", (InsightKind.PAIN,)),
    ("Aspirations", (InsightKind.ASPIRATION,)),
    ("Buying behaviour", (InsightKind.BUYING,)),
)
MAX_QUOTES = 3
"""Evidence quotes shown per statement."""


def themes_html(profile: PersonaProfile) -> str:
    parts = [
        f"<p><small>Drawn from {profile.respondents} respondent{'s' if profile.respondents != 1 else ''}: "
        f"{escape(', '.join(title for _, title in profile.interviews)) or 'none'}.</small></p>"
    ]
    for heading, kinds in SECTIONS:
        views = [view for kind in kinds for view in profile.fields.get(kind, ())]
        parts.append(f"<h3>{escape(heading)}</h3>")
        if not views:
            parts.append("<p><i>No themes yet.</i></p>")
        parts.extend(_theme_html(view) for view in views)
    return "".join(parts)


def _theme_html(view: ThemeView) -> str:
    swatch = KIND_COLOURS.get(view.kind, "#e4e4e4")
    parts = [
        f'<p style="margin-bottom:2px"><span style="background-color:{swatch}; color:{HIGHLIGHT_TEXT}">'
        f"&nbsp;{escape(view.theme)}&nbsp;</span> &nbsp;<b>{escape(view.prevalence)}</b>"
        + (f" · {view.dissent_respondents} dissenting" if view.dissent else "")
        + '</p><ul style="margin-top:0px">'
    ]
    parts.extend(_statement_html(s) for s in view.statements)
    parts.extend(_statement_html(s, dissent=True) for s in view.dissent)
    parts.append("</ul>")
    return "".join(parts)


def _statement_html(statement: ThemeStatement, *, dissent: bool = False) -> str:
    label = "<i>Dissent:</i> " if dissent else ""
    placed = " <small>(placed by you)</small>" if statement.user_placed else ""
    quotes = "".join(
        f'<br/><a href="{TURN_SCHEME}:{q.interview_id}/{q.turn_id}">“{escape(q.quote)}”</a>'
        f" <small>— {escape(q.speaker)}{', ' + q.timestamp if q.timestamp else ''}</small>"
        for q in statement.quotes[:MAX_QUOTES]
    )
    actions = (
        f' &nbsp;<small><a href="{MOVE_SCHEME}:{statement.insight_id}">move…</a> · '
        f'<a href="{REMOVE_SCHEME}:{statement.insight_id}">remove</a></small>'
    )
    return f"<li>{label}{escape(statement.statement)}{placed}{actions}{quotes}</li>"
