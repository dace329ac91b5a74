"""Create, update, list and delete ICPs; each has 3 to 4 criteria, at most one per attribute.

The functions commit their own unit of work on the session they are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from models.tables import Company, Icp, IcpCriterion, Interview
from synthesis.icp.criteria import CriterionLike, kind_of, validate_spec

MIN_CRITERIA = 3
MAX_CRITERIA = 4


class IcpError(ValueError):
    """An ICP that cannot be stored as given; the message says what to change."""


@dataclass(frozen=True)
class IcpDefinition:
    """An ICP with its criteria in order, detached from the session."""

    id: int
    name: str
    description: str
    criteria: tuple[IcpCriterion, ...]


def _check(name: str, criteria: Sequence[CriterionLike]) -> list[IcpCriterion]:
    if not name.strip():
        raise IcpError("an ICP needs a name.")
    if not MIN_CRITERIA <= len(criteria) <= MAX_CRITERIA:
        raise IcpError(
            f"an ICP has {MIN_CRITERIA} to {MAX_CRITERIA} criteria; {len(criteria)} given. "
            "Choose the few firmographics that best describe the companies that get the most value."
        )
    kinds = [kind_of(c.attribute) for c in criteria]
    repeated = sorted({k.value for k in kinds if kinds.count(k) > 1})
    if repeated:
        raise IcpError(f"each attribute may appear once per ICP; repeated: {', '.join(repeated)}.")
    return [
        IcpCriterion(attribute=kind.value, spec=validate_spec(kind, c.spec), weight=c.weight, position=i)
        for i, (kind, c) in enumerate(zip(kinds, criteria, strict=True))
    ]


def create_icp(session: Session, name: str, criteria: Sequence[CriterionLike], description: str = "") -> int:
    """Store a new ICP and return its id; raises IcpError (or CriterionError) when invalid."""
    rows = _check(name, criteria)
    if session.exec(select(Icp).where(func.lower(Icp.name) == name.strip().lower())).first():
        raise IcpError(f"an ICP named {name.strip()!r} already exists.")
    icp = Icp(name=name.strip(), description=description)
    session.add(icp)
    session.flush()
    for row in rows:
        row.icp_id = icp.id
        session.add(row)
    session.commit()
    assert icp.id is not None
    return icp.id


def update_icp(
    session: Session,
    icp_id: int,
    *,
    name: str | None = None,
    description: str | None = None,
    criteria: Sequence[CriterionLike] | None = None,
) -> None:
    """Change an ICP's name, description or (all of) its criteria."""
    icp = session.get(Icp, icp_id)
    if icp is None:
        raise IcpError(f"no ICP with id {icp_id}.")
    new_name = icp.name if name is None else name
    if criteria is not None:
        rows = _check(new_name, criteria)
        session.exec(delete(IcpCriterion).where(col(IcpCriterion.icp_id) == icp_id))
        for row in rows:
            row.icp_id = icp_id
            session.add(row)
    elif not new_name.strip():
        raise IcpError("an ICP needs a name.")
    icp.name = new_name.strip()
    if description is not None:
        icp.description = description
    session.add(icp)
    session.commit()


def delete_icp(session: Session, icp_id: int) -> None:
    icp = session.get(Icp, icp_id)
    if icp is None:
        raise IcpError(f"no ICP with id {icp_id}.")
    session.delete(icp)
    session.commit()


def list_icps(session: Session) -> list[IcpDefinition]:
    """Every ICP with its criteria, oldest first."""
    criteria: dict[int, list[IcpCriterion]] = {}
    for row in session.exec(select(IcpCriterion).order_by(col(IcpCriterion.position))):
        criteria.setdefault(row.icp_id, []).append(row)
    return [
        IcpDefinition(icp.id or 0, icp.name, icp.description, tuple(criteria.get(icp.id or 0, ())))
        for icp in session.exec(select(Icp).order_by(col(Icp.id)))
    ]


def interviewed_companies(session: Session) -> list[Company]:
    """Companies with at least one interview, by name."""
    ids = select(Interview.company_id).where(col(Interview.company_id).is_not(None))
    return list(session.exec(select(Company).where(col(Company.id).in_(ids)).order_by(Company.name)))
