"""Qt item models of the ICP editor: companies' fit to an ICP, and the success table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.table_model import AnyIndex, TableModel
from synthesis.icp.fit import CompanyFit, CriterionResult, Outcome
from synthesis.icp.separation import MIN_SUCCESS_COMPANIES
from synthesis.icp.success import SuccessRow
from synthesis.workspace.icps import FitRow

SORT_ROLE = Qt.ItemDataRole.UserRole
MARKS = {Outcome.MATCH: "✓", Outcome.MISS: "✗", Outcome.UNKNOWN: "?"}
FIT_COLUMNS = ("Company", "Relationship", "Fit", "Known")
SUCCESS_COLUMNS = ("Attribute", "Value", "Customers", "Churned", "Lost", "Prospects", "n", "Success")


class _TableModel(TableModel[tuple[str, ...]]):
    """Read-only rows of cells; subclasses say what each cell shows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self._tips: list[tuple[str, ...]] = []
        self._sort: list[tuple[Any, ...]] = []

    def _reset(
        self,
        headers: Sequence[str],
        cells: list[tuple[str, ...]],
        tips: list[tuple[str, ...]],
        sort: list[tuple[Any, ...]],
    ) -> None:
        self.beginResetModel()
        self._headers, self._rows, self._tips, self._sort = tuple(headers), cells, tips, sort
        self.endResetModel()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cells = self._row(index)
        if cells is None:
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row][column] or None
        if role == SORT_ROLE:
            return self._sort[row][column]
        return None


def fit_verdict(fit: CompanyFit) -> str:
    """ "fits" or "does not fit: misses …": a company that misses gets no score that reads as half a fit."""
    if fit.fits:
        return "fits"
    misses = [r.criterion for r in fit.results if r.outcome == Outcome.MISS]
    return f"does not fit: misses {', '.join(misses)}" if misses else "does not fit: too little known"


def _share(row: SuccessRow) -> str:
    if row.share is None:
        return ""
    return f"{row.share:.0%}" + (" (too few)" if row.decided < MIN_SUCCESS_COMPANIES else "")


def _result_cell(result: CriterionResult) -> str:
    return f"{MARKS[result.outcome]} {result.explanation}"


class FitTableModel(_TableModel):
    """One row per company: score, verdict, and one column per criterion with its explanation."""

    def set_rows(self, rows: Sequence[FitRow]) -> None:
        criteria = [r.criterion for r in rows[0].fit.results] if rows else []
        cells, tips, sort = [], [], []
        for row in rows:
            fit = row.fit
            fixed = (fit.company_name, row.relationship, fit_verdict(fit), fit.coverage)
            results = tuple(_result_cell(r) for r in fit.results)
            cells.append((*fixed, *results))
            tips.append(("",) * len(fixed) + tuple(f"{r.criterion}: {r.explanation}" for r in fit.results))
            sort.append(
                (
                    fit.company_name.casefold(),
                    row.relationship,
                    fit.fits,
                    fit.known,
                    *(r.outcome.value for r in fit.results),
                )
            )
        self._reset((*FIT_COLUMNS, *criteria), cells, tips, sort)


class SuccessTableModel(_TableModel):
    """Per firmographic value, how many companies with it became customers, churned or were lost."""

    def set_rows(self, rows: Sequence[SuccessRow]) -> None:
        cells, tips, sort = [], [], []
        for row in rows:
            share = row.share
            cells.append(
                (
                    row.attribute.replace("_", " "),
                    row.value,
                    str(row.customers),
                    str(row.churned),
                    str(row.lost),
                    str(row.prospects),
                    str(row.decided),
                    _share(row),
                )
            )
            tips.append(
                ("",) * 6
                + ("companies whose outcome is known (customers, churned, lost)",)
                + ("customers among companies whose outcome is known",)
            )
            sort.append(
                (
                    row.attribute,
                    row.value,
                    row.customers,
                    row.churned,
                    row.lost,
                    row.prospects,
                    row.decided,
                    share or 0.0,
                )
            )
        self._reset(SUCCESS_COLUMNS, cells, tips, sort)
