"""A persona as rich text: who they are (role facts, part in the decision, tenure, background, each with
evidence links), their companies apart, then themed goals, pains, aspirations and buying behaviour by aspect,
with prevalence, thin-evidence flags, statements, evidence quotes and edit links."""

from __future__ import annotations

from html import escape

from desktop.kinds import HIGHLIGHT_TEXT, KIND_COLOURS
from synthesis.personas.field_rules import BUYING_TITLES, BuyingAspect
from synthesis.personas.profile_fields import EMPTY, CitedField
from synthesis.personas.query import MIN_PERSONA_RESPONDENTS, PersonaProfile, ThemeStatement, ThemeView
from synthesis.report.persona_identity import without_seniority
from synthesis.workspace.insights import InsightKind

TURN_SCHEME = "turn"
"""turn:<interview id>/<turn id> opens the transcript at the quote."""
MOVE_SCHEME = "move"
REMOVE_SCHEME = "remove"

SECTIONS = (
    ("Goals", InsightKind.GOAL),
    ("Pains", InsightKind.PAIN),
    ("Aspirations", InsightKind.ASPIRATION),
)
MAX_QUOTES = 3
"""Evidence quotes shown per statement."""
FLAG = "color:#b42318"


def themes_html(profile: PersonaProfile) -> str:
    parts = [
        f"<p><small>Drawn from {profile.respondents} respondent{'s' if profile.respondents != 1 else ''}: "
        f"{escape(', '.join(title for _, title in profile.interviews)) or 'none'}.</small></p>"
    ]
    if profile.thin_evidence:
        parts.append(
            f'<p style="{FLAG}"><b>Thin evidence:</b> drawn from fewer than {MIN_PERSONA_RESPONDENTS} '
            "respondents; read its themes as leads to test, not as findings.</p>"
        )
    parts.append(identity_html(profile))
    for heading, kind in SECTIONS:
        parts.append(_section(heading, profile.fields.get(kind, ()), level=3))
    parts.append("<h3>Buying behaviour</h3>")
    for heading, aspect in BUYING_TITLES:
        views = profile.buying.get(aspect, ())
        if views or aspect != BuyingAspect.OTHER:
            parts.append(_section(heading, views, level=4))
    parts.append(_section("Role statements", profile.fields.get(InsightKind.ROLE, ()), level=3))
    return "".join(parts)


def _section(heading: str, views: tuple[ThemeView, ...], *, level: int) -> str:
    body = "".join(_theme_html(view) for view in views) or f"<p><i>{escape(EMPTY)}</i></p>"
    return f"<h{level}>{escape(heading)}</h{level}>{body}"


def _evidence_links(profile: PersonaProfile, ids: tuple[int, ...]) -> str:
    quotes = {
        s.insight_id: s.quotes for views in profile.fields.values() for v in views for s in v.statements
    }
    links = [
        f'<a href="{TURN_SCHEME}:{q.interview_id}/{q.turn_id}">{q.timestamp or "quote"}</a>'
        for insight_id in dict.fromkeys(ids)
        for q in quotes.get(insight_id, ())[:1]
    ]
    return f" <small>(evidence: {', '.join(links[:MAX_QUOTES])})</small>" if links else ""


def identity_html(profile: PersonaProfile) -> str:
    """Who the persona is: role facts, part in the decision, tenure, background; companies apart."""
    facts, person = profile.role_facts, profile.person
    parts = profile.decision_parts
    decision = CitedField(
        ", ".join(f"{p.role.value} ({p.respondents} of {profile.respondents})" for p in parts) or EMPTY,
        tuple(i for p in parts for i in p.insight_ids),
    )
    rows: list[tuple[str, CitedField | None]] = [
        ("Job titles", without_seniority(facts.job_titles) if facts else None),
        ("Seniority", CitedField(profile.seniority or EMPTY)),
        ("Reporting line", facts.reporting_line if facts else None),
        ("Team size", facts.team_size if facts else None),
        ("Responsibilities", facts.responsibilities if facts else None),
        ("Part in the buying decision", decision),
        ("Tenure", person.tenure if person else None),
        ("Background", person.background if person else None),
    ]
    html = ["<h3>Who they are</h3><table cellspacing='0' cellpadding='2'>"]
    for label, cited in rows:
        text = cited.text if cited is not None else EMPTY
        shown = f"<i>{escape(text)}</i>" if text == EMPTY else escape(text)
        links = _evidence_links(profile, cited.insight_ids) if cited is not None else ""
        html.append(f"<tr><td valign='top'><b>{escape(label)}</b>&nbsp;</td><td>{shown}{links}</td></tr>")
    companies = escape(profile.company_facts) or f"<i>{escape(EMPTY)}</i>"
    html.append(
        f"<tr><td valign='top'><b>Their companies</b>&nbsp;</td><td>{companies} "
        "<small>(company facts from the ICP data, not the person)</small></td></tr></table>"
    )
    return "".join(html)


def _theme_html(view: ThemeView) -> str:
    swatch = KIND_COLOURS.get(view.kind, "#e4e4e4")
    parts = [
        f'<p style="margin-bottom:2px"><span style="background-color:{swatch}; color:{HIGHLIGHT_TEXT}">'
        f"&nbsp;{escape(view.theme)}&nbsp;</span> &nbsp;<b>{escape(view.prevalence)}</b>"
        + (
            f' <span style="{FLAG}">· one respondent only</span>'
            if view.single_respondent and view.total > 1
            else ""
        )
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
