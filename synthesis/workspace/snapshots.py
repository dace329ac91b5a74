"""Exact snapshots of rows and everything that depends on them, so a delete can be undone.

A delete is a hard delete (the schema has no "deleted" flag, and hiding rows everywhere they are read would
touch every query): before it, ``take`` copies the rows, every row that would follow them through an
``ON DELETE CASCADE`` foreign key, and the references an ``ON DELETE SET NULL`` key would clear. ``restore``
puts them back with their ids, so undo gives back exactly what was there (the full-text index follows the
turn table through its triggers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, insert, select, tuple_, update
from sqlmodel import Session, SQLModel

import models.tables  # noqa: F401 - registers the tables in SQLModel.metadata

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Nulled:
    """A reference outside the snapshot that the delete sets to NULL: ``table.column`` of the row ``key``."""

    table: str
    column: str
    key: Key
    value: Any


@dataclass(frozen=True)
class Snapshot:
    """The rows under ``table`` rows ``ids``, by table name (parents before children)."""

    table: str
    ids: tuple[int, ...]
    rows: dict[str, list[dict[str, Any]]]
    nulled: tuple[Nulled, ...] = ()

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _key(table: Table, row: dict[str, Any]) -> Key:
    return tuple(row[column.name] for column in table.primary_key.columns)


def take(session: Session, table_name: str, ids: Iterable[int]) -> Snapshot:
    """Copy rows ``ids`` of ``table_name`` with all their cascading dependants and nulled references."""
    ids = tuple(ids)
    found: dict[str, dict[Key, dict[str, Any]]] = {}
    nulled: list[Nulled] = []
    pending: list[tuple[Table, Any, list[Any]]] = [(_table(table_name), _table(table_name).c.id, list(ids))]
    while pending:
        table, column, values = pending.pop()
        if not values:
            continue
        rows = [
            dict(r._mapping) for r in session.connection().execute(select(table).where(column.in_(values)))
        ]
        new = [r for r in rows if _key(table, r) not in found.setdefault(table.name, {})]
        for row in new:
            found[table.name][_key(table, row)] = row
        for child in SQLModel.metadata.sorted_tables:
            for fk in child.foreign_keys:
                if fk.column.table is not table:
                    continue
                parents = [row[fk.column.name] for row in new]
                if fk.ondelete == "CASCADE":
                    pending.append((child, fk.parent, parents))
                elif fk.ondelete == "SET NULL" and parents:
                    pending_nulls = session.connection().execute(select(child).where(fk.parent.in_(parents)))
                    nulled.extend(
                        Nulled(
                            child.name,
                            fk.parent.name,
                            _key(child, dict(r._mapping)),
                            r._mapping[fk.parent.name],
                        )
                        for r in pending_nulls
                    )
    order = [t.name for t in SQLModel.metadata.sorted_tables if found.get(t.name)]
    inside = {(name, key) for name in order for key in found[name]}
    return Snapshot(
        table_name,
        ids,
        {name: list(found[name].values()) for name in order},
        tuple(n for n in nulled if (n.table, n.key) not in inside),
    )


def remove(session: Session, snapshot: Snapshot) -> None:
    """Delete the snapshot's root rows; the database cascades to their dependants."""
    table = _table(snapshot.table)
    session.connection().execute(delete(table).where(table.c.id.in_(snapshot.ids)))


def restore(session: Session, snapshot: Snapshot) -> None:
    """Put every row of the snapshot back with its id, then the references the delete had cleared."""
    connection = session.connection()
    for name, rows in snapshot.rows.items():
        connection.execute(insert(_table(name)), rows)
    for ref in snapshot.nulled:
        table = _table(ref.table)
        key_columns = list(table.primary_key.columns)
        connection.execute(
            update(table).where(tuple_(*key_columns) == tuple(ref.key)).values({ref.column: ref.value})
        )


def replace(session: Session, snapshot: Snapshot) -> None:
    """Bring rows that still exist back to the snapshot's state (delete them as they are now, restore)."""
    remove(session, snapshot)
    restore(session, snapshot)
