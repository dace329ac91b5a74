"""Deleting and merging interviews, insights, companies, personas and ICPs, each undoable through a snapshot.

Every function returns the ``Snapshot`` taken before the change; ``undo_delete`` and ``undo_merge`` put the
workspace back exactly as it was (same rows, same ids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from models.tables import Company, Interview, Persona, PersonaIcp, PersonaInsight, PersonaInterview
from synthesis.workspace.snapshots import Snapshot, remove, replace, restore, take

Record = Literal["interview", "insight", "company", "persona", "icp"]
"""What can be deleted (interviews go with their turns, insights and suggestions)."""
COMPANY_FILLABLE = ("industry", "employee_count", "revenue_band", "funding_stage", "country", "region")
"""Company fields a merge fills from the merged company when the kept one has none."""


def deletion(session: Session, record: Record, ids: Sequence[int]) -> Snapshot:
    """The snapshot a delete of these rows would take (its counts tell the user what goes with them)."""
    return take(session, record, ids)


def delete(session: Session, record: Record, ids: Sequence[int]) -> Snapshot:
    """Delete these rows and everything that depends on them; returns what ``undo_delete`` needs."""
    snapshot = take(session, record, ids)
    remove(session, snapshot)
    return snapshot


class RestoreConflict(Exception):
    """Deleted rows cannot come back: rows added since then took their ids or their unique values."""


def undo_delete(session: Session, snapshot: Snapshot) -> None:
    """Put deleted rows back; raises RestoreConflict when rows added since the delete are in their way (the
    caller's transaction is then to be rolled back)."""
    try:
        restore(session, snapshot)
    except IntegrityError as error:
        raise RestoreConflict(
            f"the deleted {snapshot.table} cannot come back: something added since then (an import or a "
            "synthesis run) now uses its place"
        ) from error


def merge_companies(session: Session, keep_id: int, merged_ids: Sequence[int]) -> Snapshot:
    """Move the interviews of ``merged_ids`` to company ``keep_id``, fill its empty fields (and add tech
    stack and notes) from them, and delete them."""
    merged_ids = [i for i in merged_ids if i != keep_id]
    snapshot = take(session, "company", [keep_id, *merged_ids])
    keep = _get(session, Company, keep_id)
    for company in (_get(session, Company, i) for i in merged_ids):
        for name in COMPANY_FILLABLE:
            if getattr(keep, name) is None and getattr(company, name) is not None:
                setattr(keep, name, getattr(company, name))
        keep.tech_stack = list(dict.fromkeys([*keep.tech_stack, *company.tech_stack]))
        keep.notes = "\n".join(n for n in (keep.notes, company.notes) if n)
    session.add(keep)
    session.exec(
        update(Interview).where(col(Interview.company_id).in_(merged_ids)).values(company_id=keep_id)
    )
    session.flush()
    remove(session, Snapshot("company", tuple(merged_ids), {}))
    return snapshot


def merge_personas(session: Session, keep_id: int, merged_ids: Sequence[int]) -> Snapshot:
    """Give persona ``keep_id`` the insights, interviews and ICP links of ``merged_ids``, then delete them.
    An insight already in the kept persona keeps its place there; moved insights count as placed by the
    user. (A later synthesis run may still draft the merged group again as a new persona: a persona has
    one group key, and remembering merged groups needs a schema change.)"""
    merged_ids = [i for i in merged_ids if i != keep_id]
    snapshot = take(session, "persona", [keep_id, *merged_ids])
    keep = _get(session, Persona, keep_id)
    for table in (PersonaInsight, PersonaInterview, PersonaIcp):
        _move_links(session, table, keep_id, merged_ids)
    keep.edited_fields = list(dict.fromkeys([*keep.edited_fields, "name"]))
    keep.updated_at = dt.datetime.now(dt.UTC)
    session.add(keep)
    session.flush()
    remove(session, Snapshot("persona", tuple(merged_ids), {}))
    return snapshot


def _move_links(session: Session, table: type, keep_id: int, merged_ids: Sequence[int]) -> None:
    """Re-point link rows of ``table`` from the merged personas to the kept one, skipping duplicates."""
    other = next(c.name for c in table.__table__.primary_key.columns if c.name != "persona_id")
    present = {getattr(r, other) for r in session.exec(select(table).where(table.persona_id == keep_id))}
    for row in session.exec(select(table).where(col(table.persona_id).in_(merged_ids))).all():
        if getattr(row, other) in present:
            continue
        present.add(getattr(row, other))
        values = {c.name: getattr(row, c.name) for c in table.__table__.columns}
        if table is PersonaInsight:
            values["user_placed"] = True  # a re-run of synthesis then never moves it out again
        session.add(table(**{**values, "persona_id": keep_id}))
    session.flush()


def undo_merge(session: Session, snapshot: Snapshot) -> None:
    """Put the kept and the merged rows back as they were before the merge (RestoreConflict as above)."""
    try:
        replace(session, snapshot)
    except IntegrityError as error:
        raise RestoreConflict(
            f"the merged {snapshot.table} rows cannot come back: something added since then uses their place"
        ) from error


def create_persona(session: Session, name: str) -> int:
    """A persona made by hand: synthesis never regroups or deletes it (it has no group key)."""
    name = name.strip()
    if not name:
        raise ValueError("a persona needs a name")
    persona = Persona(name=name, edited_fields=["name"])
    session.add(persona)
    session.flush()
    assert persona.id is not None
    return persona.id


def _get(session: Session, table: type, row_id: int):
    row = session.get(table, row_id)
    if row is None:
        raise LookupError(f"{table.__name__.lower()} {row_id} no longer exists")
    return row
