"""Workspace settings the user gave once (client, interviewers, report defaults), and report choices."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models.tables import Icp, Persona, WorkspaceSetting


def interviewers(session: Session) -> list[str]:
    """The interviewers' names, so that importing labels their turns as the interviewer's."""
    setting = session.get(WorkspaceSetting, "interviewers")
    return list(setting.value or []) if setting else []


def report_choices(session: Session) -> tuple[list[tuple[int, str]], list[tuple[int, str]], dict[str, str]]:
    """The (id, name) of every persona and ICP, and the text settings that prefill the report options."""
    personas = [(p.id or 0, p.name) for p in session.exec(select(Persona).order_by(col(Persona.id)))]
    icps = [(i.id or 0, i.name) for i in session.exec(select(Icp).order_by(col(Icp.id)))]
    defaults = {
        s.key: str(s.value) for s in session.exec(select(WorkspaceSetting)) if isinstance(s.value, str)
    }
    return personas, icps, defaults


REPORT_DEFAULTS = ("client", "engagement_title", "prepared_by")
"""Workspace settings that prefill the next report: the client, the engagement's title and the preparer."""


def remember_report_defaults(session: Session, client: str, title: str, prepared_by: str) -> None:
    """Keep the report's client, title and preparer (non-empty ones) for the next export; not committed."""
    for key, value in zip(REPORT_DEFAULTS, (client, title, prepared_by), strict=True):
        if value.strip():
            row = session.get(WorkspaceSetting, key) or WorkspaceSetting(key=key, value="")
            row.value = value.strip()
            session.add(row)
