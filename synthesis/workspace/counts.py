"""How many of each thing the workspace holds (the navigation list's counts)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from models.tables import Company, Icp, Insight, Interview, Persona


@dataclass(frozen=True)
class NavCounts:
    interviews: int = 0
    insights: int = 0
    companies: int = 0
    personas: int = 0
    icps: int = 0


def nav_counts(session: Session) -> NavCounts:
    def count(table: type) -> int:
        return session.exec(select(func.count()).select_from(table)).one()

    return NavCounts(count(Interview), count(Insight), count(Company), count(Persona), count(Icp))
