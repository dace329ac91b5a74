"""The persona matrix: personas as columns, attributes as rows, copied as a tab-separated table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.main_window import MainWindow
from desktop.matrix_records import ATTRIBUTES
from desktop.persona_matrix_view import PersonaMatrixModel


def test_matrix_compares_personas_and_copies_as_a_table(
    qtmodeltester, synthesised_window: MainWindow
) -> None:
    window = synthesised_window
    window.show_section("matrix")
    view = window.page.matrix
    model = view.model
    qtmodeltester.check(model)
    qtmodeltester.check(PersonaMatrixModel())
    assert model.columnCount() == 3 and model.rowCount() == len(ATTRIBUTES)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == list(ATTRIBUTES)
    respondents = [model.index(6, c).data() for c in range(3)]
    assert all(cell.split(":")[0].isdigit() for cell in respondents)
    assert any(" of " in model.index(3, c).data() for c in range(3))  # pains with prevalence
    assert any("employees" in model.index(1, c).data() for c in range(3))

    view.copy_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 1 + len(ATTRIBUTES)
    assert lines[0].split("\t")[1:] == list(model.table.personas)
    assert lines[1].startswith("Role\t")
    assert all(line.count("\t") == 3 for line in lines)

