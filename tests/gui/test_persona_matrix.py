"""The persona matrix: personas as columns, attributes as rows, copied as a tab-separated table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlmodel import Session, select

from desktop.main_window import MainWindow
from desktop.persona_matrix_view import PersonaMatrixModel
from models.tables import Persona
from synthesis.workspace.matrix import ATTRIBUTES


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
    assert model.columnCount() == personas and model.rowCount() == len(ATTRIBUTES)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == list(ATTRIBUTES)
    respondents = [model.index(6, c).data() for c in range(personas)]
    assert all(cell.split(":")[0].isdigit() for cell in respondents)
    assert any(" of " in model.index(3, c).data() for c in range(personas))  # pains with prevalence
    assert any("employees" in model.index(1, c).data() for c in range(personas))

    view.copy_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 1 + len(ATTRIBUTES)
    assert lines[0].split("\t")[1:] == list(model.table.personas)
    assert lines[1].startswith("Role\t")
    assert all(line.count("\t") == personas for line in lines)
