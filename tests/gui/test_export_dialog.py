"""File → Export report…: the dialog's options, and the background export it starts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop import export_dialog
from desktop.export_dialog import ExportReportDialog, export_report_interactively
from desktop.workspace import Workspace
from synthesis.report.redaction import Candidate, Decisions
from synthesis.report.terms import Term
from synthesis.workspace.settings import report_choices
from tests.anonymise_sample import build_leaky_workspace
from tests.report_sample import build_sample_workspace


def test_dialog_turns_its_fields_into_report_options(qtbot, tmp_path: Path) -> None:
    dialog = ExportReportDialog(
        [(1, "RevOps lead"), (2, "Sales leader")], [(5, "Mid-market")], {"client": "Tallyline"}
    )
    qtbot.addWidget(dialog)
    assert dialog.options().client == "Tallyline"
    assert dialog.options().persona_ids == () and dialog.options().icp_ids == ()
    dialog.title.setText("Discovery")
    dialog.date.setDate(QDate(2025, 4, 2))
    dialog.anonymise.setChecked(True)
    dialog.include_suggested.setChecked(True)
    dialog.personas.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.out.setText(str(tmp_path / "r.docx"))
    options = dialog.options()
    assert (options.title, options.date) == ("Discovery", dt.date(2025, 4, 2))
    assert options.anonymise and options.draft
    assert options.persona_ids == (2,) and options.template is None
    assert dialog.out_path() == tmp_path / "r.docx"


class _Window:
    """The two main-window methods the export uses, running the task at once."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.messages: list[str] = []

    def start_task(self, _key: str, fn: Any, _stage: str, on_success: Any) -> None:
        on_success(fn(lambda *_: None, lambda: False))

    def show_message(self, text: str, _timeout_ms: int = 0) -> None:
        self.messages.append(text)


def test_export_runs_with_the_chosen_options(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_sample_workspace(tmp_path / "s.groundwork").dispose()
    workspace = Workspace.open(tmp_path / "s.groundwork")
    out = tmp_path / "report.docx"

    def accept(dialog: ExportReportDialog) -> QDialog.DialogCode:
        qtbot.addWidget(dialog)
        dialog.out.setText(str(out))
        dialog.include_suggested.setChecked(True)
        dialog.client.setText("Acme Ltd")
        dialog.prepared_by.setText("Jo Park, Northpoint GTM")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportReportDialog, "exec", accept)
    window = _Window(workspace)
    export_report_interactively(window)
    _personas, _icps, defaults = workspace.read(report_choices)
    workspace.close()
    assert out.is_file() and "Report saved to" in window.messages[-1]
    report = docx.Document(str(out))
    assert "DRAFT" in report.sections[0].header.paragraphs[-1].text
    assert report.core_properties.author == "Jo Park, Northpoint GTM"  # the preparer, not python-docx
    assert report.core_properties.created.year == dt.date.today().year
    assert any(p.text == "Prepared by  Jo Park, Northpoint GTM" for p in report.paragraphs)
    # kept for the next export
    assert (defaults["client"], defaults["prepared_by"]) == ("Acme Ltd", "Jo Park, Northpoint GTM")


def test_file_menu_export_runs_in_the_main_window(
    qtbot, synthesised_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "from-menu.docx"

    def accept(dialog: ExportReportDialog) -> QDialog.DialogCode:
        qtbot.addWidget(dialog)
        dialog.out.setText(str(out))
        dialog.include_suggested.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportReportDialog, "exec", accept)
    file_menu = synthesised_window.menuBar().actions()[0].menu()
    assert synthesised_window.menu_actions.export_action in file_menu.actions()
    assert synthesised_window.menu_actions.export_action.isEnabled()
    synthesised_window.menu_actions.export_action.trigger()
    qtbot.waitUntil(out.is_file, timeout=30_000)
    assert docx.Document(str(out)).paragraphs


def test_redaction_review_shows_terms_and_takes_keep_and_add(qtbot) -> None:
    candidates = [
        Candidate(Term("Tundra Freight", "company"), 8, "…At Tundra Freight we…"),
        Candidate(Term("Lagos", "place"), 4, "…from Lagos…"),
    ]
    dialog = ExportReportDialog([], [], {}, candidates=candidates)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.review.isVisible()
    dialog.anonymise.setChecked(True)
    assert dialog.review.isVisible()
    table = dialog.review.table
    rows = {table.item(r, 1).text(): r for r in range(table.rowCount())}
    assert table.item(rows["Tundra Freight"], 3).text() == "8"
    assert "At Tundra Freight" in table.item(rows["Tundra Freight"], 4).text()
    assert all(table.item(r, 0).checkState() == Qt.CheckState.Checked for r in rows.values())
    assert "2 terms found; 2 will be redacted" in dialog.review.summary.text()
    assert dialog.options().redaction.keep == frozenset()
    table.item(rows["Lagos"], 0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.keyClicks(dialog.review.new_term, "Okonkwo")
    qtbot.mouseClick(dialog.review.add_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 3 and dialog.review.new_term.text() == ""
    redaction = dialog.options().redaction
    assert redaction.keep == frozenset({"lagos"})
    assert redaction.add == (Term("Okonkwo", "person"),)
    assert "3 terms found; 2 will be redacted" in dialog.review.summary.text()
    dialog.anonymise.setChecked(False)
    assert dialog.options().redaction == Decisions()


def test_anonymised_export_from_the_dialog_leaks_no_kept_out_name(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_leaky_workspace(tmp_path / "leaky").dispose()
    workspace = Workspace.open(tmp_path / "leaky" / "leaky.groundwork")
    out = tmp_path / "anon.docx"
    seen: list[str] = []

    def accept(dialog: ExportReportDialog) -> QDialog.DialogCode:
        qtbot.addWidget(dialog)
        dialog.out.setText(str(out))
        dialog.anonymise.setChecked(True)
        table = dialog.review.table
        seen.extend(table.item(r, 1).text() for r in range(table.rowCount()))
        for row in range(table.rowCount()):
            if table.item(row, 1).text() == "Dublin":
                table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportReportDialog, "exec", accept)
    window = _Window(workspace)
    export_report_interactively(window)
    workspace.close()
    assert {"Tundra Freight", "Dr. Okonkwo", "Dublin"} <= set(seen)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Dublin" in text and "Okonkwo" not in text and "Tundra" not in text
    assert "may identify them" in window.messages[-1]


def test_export_defaults_to_the_workspace_folder_and_offers_to_open_the_report(
    qtbot, synthesised_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = synthesised_window
    seen: dict[str, str] = {}

    def accept(dialog: ExportReportDialog) -> QDialog.DialogCode:
        qtbot.addWidget(dialog)
        seen["out"], seen["date"] = dialog.out.text(), dialog.date.text()
        dialog.include_suggested.setChecked(True)
        return QDialog.DialogCode.Accepted

    opened: list[str] = []
    monkeypatch.setattr(export_dialog.ExportReportDialog, "exec", accept)
    services = export_dialog.QDesktopServices
    monkeypatch.setattr(services, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window.menu_actions.export_action.trigger()
    expected = window.workspace.path.with_name(f"{window.workspace.path.stem} report.docx")
    assert seen["out"] == str(expected)
    assert QDate.currentDate().toString("MMMM") in seen["date"]  # a month name, not "2 12 2026"
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "report_exported") is not None, timeout=30_000)
    box = window.findChild(QMessageBox, "report_exported")
    assert "Report saved to" in box.text()
    open_button = next(b for b in box.buttons() if b.text() == "&Open Report")
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(expected)] and expected.is_file()
