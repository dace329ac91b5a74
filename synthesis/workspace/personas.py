"""Plain-data reads and single-row writes of personas for the persona editor (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from models.tables import Icp, Persona, PersonaIcp, PersonaInsight

PERSONA_FIELDS = ("name", "role", "seniority", "summary", "demographics", "status")
"""Persona text fields the user edits; each edit adds its name to ``Persona.edited_fields``."""
PERSONA_STATUSES = ("draft", "reviewed")


@dataclass(frozen=True)
class PersonaListItem:
    id: int
    name: str
    status: str


@dataclass(frozen=True)
class Placement:
    """Where an insight sits in a persona (one ``PersonaInsight`` row)."""

    persona_id: int
    insight_id: int
    theme: str
    position: int
    user_placed: bool
    excluded: bool = False


def persona_list(session: Session) -> list[PersonaListItem]:
    return [
        PersonaListItem(p.id or 0, p.name, p.status)
        for p in session.exec(select(Persona).order_by(col(Persona.name)))
    ]


def persona_names(session: Session) -> list[tuple[int, str]]:
    return [(p.id, p.name) for p in session.exec(select(Persona).order_by(Persona.name))]


def icp_names(session: Session) -> list[tuple[int, str]]:
    return [(i.id or 0, i.name) for i in session.exec(select(Icp).order_by(col(Icp.name)))]


def persona_field(session: Session, persona_id: int, name: str) -> tuple[str, list[str]]:
    """A field's value and the persona's ``edited_fields``."""
    persona = _persona(session, persona_id)
    return str(getattr(persona, name)), list(persona.edited_fields)


def set_persona_field(
    session: Session, persona_id: int, name: str, value: str, edited_fields: list[str]
) -> None:
    if name not in PERSONA_FIELDS:
        raise ValueError(f"unknown persona field {name!r}")
    if name == "status" and value not in PERSONA_STATUSES:
        raise ValueError(f"a persona's status is draft or reviewed, not {value!r}")
    persona = _persona(session, persona_id)
    setattr(persona, name, value)
    persona.edited_fields = list(edited_fields)
    persona.updated_at = dt.datetime.now(dt.UTC)
    session.add(persona)


def placement(session: Session, persona_id: int, insight_id: int) -> Placement | None:
    row = session.get(PersonaInsight, (persona_id, insight_id))
    if row is None:
        return None
    return Placement(row.persona_id, row.insight_id, row.theme, row.position, row.user_placed, row.excluded)


def set_placement(session: Session, old: Placement | None, new: Placement | None) -> None:
    """Replace one placement by another (either may be None: a plain add or removal)."""
    if old is not None:
        session.exec(
            delete(PersonaInsight).where(
                col(PersonaInsight.persona_id) == old.persona_id,
                col(PersonaInsight.insight_id) == old.insight_id,
            )
        )
    if new is not None:
        existing = session.get(PersonaInsight, (new.persona_id, new.insight_id))
        if existing is not None:
            session.delete(existing)
            session.flush()
        session.add(
            PersonaInsight(
                persona_id=new.persona_id,
                insight_id=new.insight_id,
                theme=new.theme,
                position=new.position,
                user_placed=new.user_placed,
                excluded=new.excluded,
            )
        )


def set_persona_icps(session: Session, persona_id: int, icp_ids: list[int]) -> None:
    session.exec(delete(PersonaIcp).where(col(PersonaIcp.persona_id) == persona_id))
    for icp_id in icp_ids:
        session.add(PersonaIcp(persona_id=persona_id, icp_id=icp_id))


def _persona(session: Session, persona_id: int) -> Persona:
    persona = session.get(Persona, persona_id)
    if persona is None:
        raise LookupError(f"persona {persona_id} no longer exists")
    return persona
