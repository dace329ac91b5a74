"""Editable interview metadata and speaker roles; every change is an undoable command."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from desktop.commands import SetInterviewFieldCommand, SetSpeakerRoleCommand
from desktop.workspace import Workspace
from synthesis.transcript import SpeakerRole
from synthesis.workspace.interviews import InterviewDetail

FIELD_LABELS = {
    "interviewee_name": "&Interviewee",
    "job_title": "&Job title",
    "company": "&Company",
    "date": "&Date",
}


class InterviewMetaPanel(QWidget):
    """The interview's interviewee, job title, company and date, and each speaker's role."""

    status_message = Signal(str)

    def __init__(self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._undo_stack = undo_stack
        self._detail: InterviewDetail | None = None
        self.fields: dict[str, QLineEdit] = {}
        details = QGroupBox("Interview")
        form = QFormLayout(details)
        for name, label in FIELD_LABELS.items():
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            edit.editingFinished.connect(lambda name=name: self._field_edited(name))
            form.addRow(label, edit)
            self.fields[name] = edit
        self.fields["date"].setPlaceholderText("YYYY-MM-DD")
        self._speakers_box = QGroupBox("Speaker roles")
        self._speakers_form = QFormLayout(self._speakers_box)
        self.role_boxes: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(details)
        layout.addWidget(self._speakers_box)
        self.setEnabled(False)

    def set_detail(self, detail: InterviewDetail | None) -> None:
        self._detail = detail
        self.setEnabled(detail is not None)
        for name, edit in self.fields.items():
            edit.setText(detail.meta.get(name, "") if detail else "")
        self._rebuild_speakers(detail.speaker_roles if detail else {})

    def _rebuild_speakers(self, roles: dict[str, str]) -> None:
        if list(roles) == list(self.role_boxes):
            for speaker, combo in self.role_boxes.items():
                combo.blockSignals(True)
                combo.setCurrentText(roles[speaker])
                combo.blockSignals(False)
            return
        while self._speakers_form.rowCount():
            row = self._speakers_form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                if item is not None and item.widget() is not None:
                    item.widget().hide()
                    item.widget().deleteLater()
        self.role_boxes = {}
        for speaker, role in roles.items():
            combo = QComboBox()
            combo.addItems([str(r) for r in SpeakerRole])
            combo.setCurrentText(role)
            combo.setAccessibleName(f"Role of {speaker}")
            combo.currentTextChanged.connect(lambda new, speaker=speaker: self._role_changed(speaker, new))
            self._speakers_form.addRow(speaker, combo)
            self.role_boxes[speaker] = combo

    def _field_edited(self, name: str) -> None:
        if self._detail is None:
            return
        old = self._detail.meta.get(name, "")
        new = self.fields[name].text().strip()
        if new == old:
            return
        if name == "date" and new and not _is_iso_date(new):
            self.status_message.emit(f"“{new}” is not a date; write it as YYYY-MM-DD, e.g. 2025-11-06.")
            self.fields[name].setText(old)
            return
        self._undo_stack.push(SetInterviewFieldCommand(self._workspace, self._detail.id, name, old, new))

    def _role_changed(self, speaker: str, new: str) -> None:
        if self._detail is None:
            return
        old = self._detail.speaker_roles.get(speaker, "")
        if new != old:
            self._undo_stack.push(SetSpeakerRoleCommand(self._workspace, self._detail.id, speaker, old, new))


def _is_iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
