"""The persona matrix: the same fields for every persona, a shared theme one row, copied as a table."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlmodel import Session, select

from desktop.main_window import MainWindow
from desktop.persona_matrix_view import THIN_EVIDENCE, PersonaMatrixModel
from models.tables import Persona
from synthesis.workspace.matrix import ATTRIBUTES, NOT_STATED


def test_matrix_compares_personas_and_copies_as_a_table(
    qtmodeltester, synthesised_window: MainWindow
) -> None:
    window = synthesised_window
    window.show_section("matrix")
    view = window.page.matrix
    model = view.model
    qtmodeltester.check(model)
    qtmodeltester.check(PersonaMatrixModel())
    with Session(window.workspace.engine) as session:
        personas = len(session.exec(select(Persona)).all())
    assert personas >= 2
    assert model.columnCount() == personas
    headings = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    # every field is a row for every persona, in the same order; a shared theme adds its own row
    assert [h for h in headings if h in ATTRIBUTES] == [a for a in ATTRIBUTES if a in headings]
    assert {re.sub(r" \((shared|own)\).*", "", h) for h in headings} == set(ATTRIBUTES)
    cells = [[model.index(r, c).data() for c in range(personas)] for r in range(model.rowCount())]
    pains = cells[headings.index("Top pain")]
    assert all(re.search(r"\d+ of \d+ respondents", cell) or cell == NOT_STATED for cell in pains)
    assert any(" of " in cell for cell in pains)
    shared = [r for r, h in enumerate(headings) if " (shared): " in h]
    assert shared, "the sample's sales and RevOps leaders share the forecast-accuracy goal"
    assert sum(" of " in cell for cell in cells[shared[0]]) >= 2
    thin = [
        (r, c) for r in range(model.rowCount()) for c in range(personas) if "(one respondent)" in cells[r][c]
    ]
    for r, c in thin:
        assert model.index(r, c).data(Qt.ItemDataRole.ForegroundRole).color() == THIN_EVIDENCE

    view.copy_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 1 + model.rowCount()
    assert lines[0].split("\t")[1:] == list(model.table.personas)
    assert lines[1].startswith("Role in the decision\t")
    assert all(line.count("\t") == personas for line in lines)
