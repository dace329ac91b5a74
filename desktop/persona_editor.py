"""Persona editor: fields, status and ICP links on the left; themed goals, pains, aspirations and buying
behaviour with prevalence and evidence on the right. Every edit is an undoable command."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QFocusEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.commands import PlaceInsightCommand, SetPersonaFieldCommand, SetPersonaIcpsCommand
from desktop.panes import column, fill, splitter
from desktop.persona_html import MOVE_SCHEME, REMOVE_SCHEME, TURN_SCHEME, themes_html
from desktop.record_actions import RecordActions
from desktop.removal_commands import CreatePersonaCommand
from desktop.tasks import TaskRunner
from desktop.workspace import Workspace
from desktop.workspace_view import WorkspaceView
from synthesis.personas.query import PersonaProfile, persona_profile
from synthesis.workspace import personas
from synthesis.workspace.personas import PERSONA_STATUSES, Placement

LINE_FIELDS = {"name": "&Name", "role": "&Role", "seniority": "S&eniority"}
TEXT_FIELDS = {"summary": "S&ummary", "demographics": "&Demographics"}


class CommitTextEdit(QPlainTextEdit):
    """A multi-line edit that reports when the user leaves it, like QLineEdit.editingFinished."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


class PersonaEditor(WorkspaceView):
    """Pick a persona on the left; edit it in the middle; review its themes and evidence on the right."""

    open_turn = Signal(int, int)
    """(interview id, turn id) of an evidence quote the user clicked."""
    profile_shown = Signal(int)

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, runner, parent)
        self._undo_stack = undo_stack
        self.profile: PersonaProfile | None = None
        self._personas: list[personas.PersonaListItem] = []
        self._open_next: CreatePersonaCommand | None = None

        left = self._build_list()
        self._build_form()
        self._build_themes()
        panes = [left, self.form_widget, self.themes]
        self.splitter = splitter("persona_splitter", panes, stretch=(1, 2, 4), sizes=(240, 340, 660))
        fill(self, self.splitter)

        workspace.contents_changed.connect(self.reload)
        workspace.companies_changed.connect(self.reload)
        workspace.personas_changed.connect(self._personas_changed)
        workspace.insights_changed.connect(lambda _ids: self._reload_profile())

    def _build_list(self) -> QWidget:
        self.persona_list = QListWidget()
        self.persona_list.setAccessibleName("Personas")
        self.persona_list.setWordWrap(True)
        self.persona_list.setSpacing(2)
        self.persona_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.persona_list.currentItemChanged.connect(self._persona_chosen)
        self.hint = QLabel(
            "No personas yet: Tools → Redraft Personas (Ctrl+Shift+R) drafts them, or add one by hand."
        )
        self.hint.setWordWrap(True)
        self.record_actions = RecordActions(
            self.persona_list, self._workspace, self._undo_stack, "persona", self._current, self._all
        )
        self.new_button = QPushButton("&New persona…")
        self.new_button.clicked.connect(self.new_persona)
        self.name_dialog: QInputDialog | None = None
        return column(self.hint, (self.persona_list, 1), self.new_button)

    def _current(self) -> tuple[int, str] | None:
        return (self.profile.id, self.profile.name) if self.profile else None

    def _all(self) -> list[tuple[int, str]]:
        return [(p.id, p.name) for p in self._personas]

    def new_persona(self) -> None:
        """Ask for a name, then add a draft persona by hand (undoable) and open it."""
        self.name_dialog = QInputDialog(self)
        self.name_dialog.setWindowTitle("New persona")
        self.name_dialog.setLabelText("Name of the persona:")
        self.name_dialog.textValueSelected.connect(self._create_persona)
        self.name_dialog.open()

    def _create_persona(self, name: str) -> None:
        if not name.strip():
            self.status_message.emit("A persona needs a name.")
            return
        command = CreatePersonaCommand(self._workspace, name)
        self._open_next = command
        self._undo_stack.push(command)

    def _build_form(self) -> None:
        """The persona's fields, status and linked ICPs (disabled until a persona is chosen)."""
        self.fields: dict[str, QLineEdit | CommitTextEdit] = {}
        form = QFormLayout()
        for name, label in LINE_FIELDS.items():
            edit = QLineEdit()
            edit.editingFinished.connect(lambda name=name: self._field_edited(name))
            self.fields[name] = edit
            form.addRow(label, edit)
        for name, label in TEXT_FIELDS.items():
            text = CommitTextEdit()
            text.setTabChangesFocus(True)
            text.setMinimumHeight(60)
            text.setMaximumHeight(220 if name == "summary" else 110)
            text.editing_finished.connect(lambda name=name: self._field_edited(name))
            self.fields[name] = text
            form.addRow(label, text)
        self.status_combo = QComboBox()
        self.status_combo.addItems(list(PERSONA_STATUSES))
        self.status_combo.currentTextChanged.connect(self._status_chosen)
        form.addRow("S&tatus", self.status_combo)
        self.icp_list = QListWidget()
        self.icp_list.setAccessibleName("Linked ICPs")
        self.icp_list.setMaximumHeight(70)
        self.icp_list.itemChanged.connect(self._icp_toggled)
        form.addRow("&ICPs", self.icp_list)
        self.edited_label = QLabel()
        self.edited_label.setWordWrap(True)
        form.addRow(self.edited_label)
        form_layout = QVBoxLayout()
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(form)
        form_layout.addStretch(1)
        self.form_widget = QWidget()
        self.form_widget.setLayout(form_layout)
        self.form_widget.setEnabled(False)

    def _build_themes(self) -> None:
        self.themes = QTextBrowser()
        self.themes.setOpenLinks(False)
        self.themes.setAccessibleName("Persona themes and evidence")
        self.themes.anchorClicked.connect(self._link_clicked)

    # Loading

    def reload(self) -> None:
        self._load(
            "personas.list",
            lambda s: (personas.persona_list(s), personas.icp_names(s)),
            self._show_list,
            "list the personas",
        )

    def _show_list(self, loaded: tuple[list[personas.PersonaListItem], list[tuple[int, str]]]) -> None:
        self._personas, icps = loaded
        current = self.profile.id if self.profile else None
        if self._open_next is not None:  # a persona just made by hand
            current, self._open_next = self._open_next.persona_id, None
        self.persona_list.blockSignals(True)
        self.persona_list.clear()
        for persona in self._personas:
            item = QListWidgetItem(f"{persona.name}\n({persona.status})")
            item.setToolTip(persona.name)
            item.setData(Qt.ItemDataRole.UserRole, persona.id)
            self.persona_list.addItem(item)
        self.persona_list.blockSignals(False)
        self.icp_list.blockSignals(True)
        self.icp_list.clear()
        for icp_id, name in icps:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, icp_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.icp_list.addItem(item)
        self.icp_list.blockSignals(False)
        self.hint.setVisible(not self._personas)
        ids = [p.id for p in self._personas]
        chosen = current if current in ids else (ids[0] if ids else None)
        if chosen is None:
            self._show_profile(None)
        else:
            self.open_persona(chosen)

    def open_persona(self, persona_id: int) -> None:
        for row in range(self.persona_list.count()):
            item = self.persona_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == persona_id:
                self.persona_list.blockSignals(True)
                self.persona_list.setCurrentItem(item)
                self.persona_list.blockSignals(False)
        profile = partial(persona_profile, persona_id=persona_id)
        self._load("personas.profile", profile, self._show_profile, "open the persona")

    def _reload_profile(self) -> None:
        if self.profile is not None:
            self.open_persona(self.profile.id)

    def _show_profile(self, profile: PersonaProfile | None) -> None:
        scroll = self.themes.verticalScrollBar().value()
        same = profile is not None and self.profile is not None and profile.id == self.profile.id
        self.profile = profile
        self.form_widget.setEnabled(profile is not None)
        for name, edit in self.fields.items():
            value = getattr(profile, name) if profile else ""
            if isinstance(edit, QLineEdit):
                edit.setText(value)
                edit.setCursorPosition(0)
            elif edit.toPlainText() != value:
                edit.setPlainText(value)
        self.status_combo.blockSignals(True)
        self.status_combo.setCurrentText(profile.status if profile else "draft")
        self.status_combo.blockSignals(False)
        linked = {icp_id for icp_id, _ in profile.icps} if profile else set()
        self.icp_list.blockSignals(True)
        for row in range(self.icp_list.count()):
            item = self.icp_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in linked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.icp_list.blockSignals(False)
        edited = ", ".join(profile.edited_fields) if profile else ""
        self.edited_label.setText(
            f"<small>Kept on re-synthesis (edited by you): {edited}</small>" if edited else ""
        )
        self.themes.setHtml(themes_html(profile) if profile else "")
        if same:
            self.themes.verticalScrollBar().setValue(scroll)
        if profile is not None:
            self.profile_shown.emit(profile.id)

    def _persona_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_persona(item.data(Qt.ItemDataRole.UserRole))

    def _personas_changed(self, _persona_ids: list[int]) -> None:
        """Reload the list; it reopens the shown persona, or the first one if it was deleted or merged."""
        self.reload()

    # Edits

    def _field_edited(self, name: str) -> None:
        if self.profile is None:
            return
        edit = self.fields[name]
        value = (edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()).strip()
        if value == getattr(self.profile, name):
            return
        if name == "name" and not value:
            self.status_message.emit("A persona needs a name.")
            edit.setText(self.profile.name)
            return
        self._undo_stack.push(SetPersonaFieldCommand(self._workspace, self.profile.id, name, value))

    def _status_chosen(self, status: str) -> None:
        if self.profile is not None and status != self.profile.status:
            self._undo_stack.push(SetPersonaFieldCommand(self._workspace, self.profile.id, "status", status))

    def _icp_toggled(self, _item: QListWidgetItem) -> None:
        if self.profile is None:
            return
        new = [
            self.icp_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.icp_list.count())
            if self.icp_list.item(row).checkState() == Qt.CheckState.Checked
        ]
        old = [icp_id for icp_id, _ in self.profile.icps]
        if sorted(new) != sorted(old):
            self._undo_stack.push(SetPersonaIcpsCommand(self._workspace, self.profile.id, old, new))

    def move_insight(self, insight_id: int, persona_id: int) -> None:
        """Place an insight in another persona (same theme); re-synthesis leaves it there."""
        old = self._placement(insight_id)
        if old is None or persona_id == old.persona_id:
            return
        new = Placement(persona_id, insight_id, old.theme, old.position, True)
        target = next((p.name for p in self._personas if p.id == persona_id), "another persona")
        self._undo_stack.push(PlaceInsightCommand(self._workspace, old, new, f"Move insight to {target}"))

    def remove_insight(self, insight_id: int) -> None:
        """Take an insight out of this persona; re-drafting personas will not put it back."""
        old = self._placement(insight_id)
        if old is not None:
            removed = replace(old, user_placed=True, excluded=True)
            self._undo_stack.push(
                PlaceInsightCommand(self._workspace, old, removed, "Remove insight from persona")
            )

    def _placement(self, insight_id: int) -> Placement | None:
        if self.profile is None:
            return None
        persona_id = self.profile.id
        return self._workspace.read(lambda s: personas.placement(s, persona_id, insight_id))

    def _link_clicked(self, url: QUrl) -> None:
        scheme, path = url.scheme(), url.path()
        if scheme == TURN_SCHEME:
            interview_id, _, turn_id = path.partition("/")
            self.open_turn.emit(int(interview_id), int(turn_id))
        elif scheme == REMOVE_SCHEME:
            self.remove_insight(int(path))
        elif scheme == MOVE_SCHEME:
            self._ask_move(int(path), QCursor.pos())

    def _ask_move(self, insight_id: int, where: QPoint) -> None:
        menu = QMenu(self)
        for persona in self._personas:
            if self.profile is not None and persona.id != self.profile.id:
                menu.addAction(persona.name, lambda p=persona.id: self.move_insight(insight_id, p))
        if menu.isEmpty():
            self.status_message.emit("There is no other persona to move it to.")
            return
        menu.popup(where)
