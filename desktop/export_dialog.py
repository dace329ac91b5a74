"""File → Export report…: choose the report's options and file, then write it in the background."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QDate, QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from desktop.redaction_review import RedactionReview
from synthesis.report.export import ReportSummary, export_report
from synthesis.report.options import ReportOptions
from synthesis.report.redaction import Candidate, Decisions, review_candidates
from synthesis.workspace.settings import remember_report_defaults, report_choices


class _Window(Protocol):
    """What the export needs of the main window."""

    workspace: Any

    def start_task(
        self, key: str, fn: Callable[..., Any], stage: str, on_success: Callable[[Any], None]
    ) -> None: ...

    def show_message(self, text: str, timeout_ms: int = ...) -> None: ...


def _checklist(items: Sequence[tuple[int, str]]) -> QListWidget:
    widget = QListWidget()
    for item_id, name in items:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    widget.setMaximumHeight(110)
    return widget


def _checked(widget: QListWidget) -> tuple[int, ...]:
    """Checked ids; () when all are checked, meaning "every one, including ones added later"."""
    items = [widget.item(row) for row in range(widget.count())]
    ids = tuple(i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked)
    return () if len(ids) == len(items) else ids


class ExportReportDialog(QDialog):
    """The report's options; ``options()`` and ``out_path()`` once accepted."""

    def __init__(
        self,
        personas: Sequence[tuple[int, str]],
        icps: Sequence[tuple[int, str]],
        defaults: dict[str, str],
        parent: QWidget | None = None,
        candidates: Sequence[Candidate] = (),
        default_out: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self.client = QLineEdit(defaults.get("client", ""))
        self.title = QLineEdit(defaults.get("engagement_title", ""))
        self.title.setPlaceholderText("Customer interview findings")
        self.prepared_by = QLineEdit(defaults.get("prepared_by", ""))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_format())
        self.include_suggested = QCheckBox("Include insights not yet reviewed (every page is marked DRAFT)")
        self.anonymise = QCheckBox("Anonymise people, companies and places")
        self.review = RedactionReview(candidates)
        self.review.setVisible(False)
        self.anonymise.toggled.connect(self.review.setVisible)
        self.personas = _checklist(personas)
        self.icps = _checklist(icps)
        self.template = QLineEdit()
        self.template.setPlaceholderText("Default Groundwork template")
        self.out = QLineEdit(str(default_out or Path.home() / "report.docx"))
        form = QFormLayout()
        form.addRow("Client", self.client)
        form.addRow("Engagement title", self.title)
        form.addRow("Prepared by", self.prepared_by)
        form.addRow("Date", self.date)
        form.addRow("", self.include_suggested)
        form.addRow("", self.anonymise)
        form.addRow("", self.review)
        form.addRow("Personas", self.personas)
        form.addRow("ICPs", self.icps)
        form.addRow("Word template", self._with_browse(self.template, self._choose_template))
        form.addRow("Save as", self._with_browse(self.out, self._choose_out))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _with_browse(self, line: QLineEdit, choose: Callable[[], None]) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(line)
        button = QPushButton("Browse…")
        button.clicked.connect(choose)
        layout.addWidget(button)
        return row

    def _choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Word template", str(Path.home()), "Word (*.docx *.dotx)")
        if path:
            self.template.setText(path)

    def _choose_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save report as", self.out.text(), "Word (*.docx)")
        if path:
            self.out.setText(path if path.lower().endswith(".docx") else f"{path}.docx")

    def options(self) -> ReportOptions:
        qdate = self.date.date()
        return ReportOptions(
            client=self.client.text().strip(),
            title=self.title.text().strip(),
            prepared_by=self.prepared_by.text().strip(),
            date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            include_suggested=self.include_suggested.isChecked(),
            anonymise=self.anonymise.isChecked(),
            redaction=self.review.decisions() if self.anonymise.isChecked() else Decisions(),
            persona_ids=_checked(self.personas),
            icp_ids=_checked(self.icps),
            template=Path(self.template.text()) if self.template.text().strip() else None,
        )

    def out_path(self) -> Path:
        return Path(self.out.text().strip())


def date_format() -> str:
    """The locale's long date ("2 December 2026"); the C locale's numeric "d M yyyy" reads as a riddle."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "d MMMM yyyy"
    return locale.dateFormat(QLocale.FormatType.LongFormat)


def default_report_path(workspace_path: Path) -> Path:
    """Next to the workspace, named after it: ``acme.groundwork`` -> ``acme report.docx``."""
    return workspace_path.with_name(f"{workspace_path.stem} report.docx")


def offer_open(parent: QWidget, path: Path, text: str) -> QMessageBox:
    """A non-blocking note that the report is saved, with Open Report and Show in Folder."""
    box = QMessageBox(QMessageBox.Icon.Information, "Report exported", text, QMessageBox.StandardButton.Close)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("report_exported")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    open_button = box.addButton("&Open Report", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("Show in &Folder", QMessageBox.ButtonRole.ActionRole)
    open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    folder_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))
    box.setDefaultButton(open_button)
    box.open()
    return box


def _export_choices(
    session: Session,
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], dict[str, str], list[Candidate]]:
    """The dialog's choices and the redaction candidates, read in one session."""
    personas, icps, defaults = report_choices(session)
    return personas, icps, defaults, review_candidates(session, defaults.get("client", ""))


def export_report_interactively(window: _Window) -> None:
    """Ask for the options, then write the report as a background task with progress and Cancel."""
    workspace = window.workspace
    if workspace is None:
        window.show_message("Open a workspace before exporting a report.")
        return
    personas, icps, defaults, candidates = workspace.read(_export_choices)
    parent = window if isinstance(window, QWidget) else None
    dialog = ExportReportDialog(
        personas, icps, defaults, parent, candidates, default_out=default_report_path(workspace.path)
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    options, out_path = dialog.options(), dialog.out_path()
    workspace.write(
        lambda session: remember_report_defaults(session, options.client, options.title, options.prepared_by)
    )

    def run(progress, cancel) -> ReportSummary:
        return export_report(workspace.engine, out_path, options, progress=progress, cancel=cancel)

    def done(summary: ReportSummary) -> None:
        if summary.cancelled:
            window.show_message("Report export cancelled; no file was written.")
            return
        dropped = f"; {summary.quotes_dropped} outdated quotes left out" if summary.quotes_dropped else ""
        warnings = "".join(f" {w}" for w in summary.warnings)
        text = f"Report saved to {summary.path} ({summary.quotes} quotes{dropped}).{warnings}"
        window.show_message(text)
        if parent is not None:
            offer_open(parent, Path(summary.path), text)

    window.start_task("export-report", run, "Writing the report…", done)
