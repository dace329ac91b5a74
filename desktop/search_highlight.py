"""Search terms made visible: bold, tinted matches in the hit list, and the chosen turn wholly in view with
its matching words marked in the transcript."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTextEdit

from synthesis.workspace.search import MATCH_END, MATCH_START

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
"""The hit's text as HTML, its matching words marked."""
MATCH_COLOUR = "#ffe38a"
"""Background of a matching word (dark text stays readable on it in light and dark themes)."""
_PADDING = 4
_WORD = re.compile(r"\w+", re.UNICODE)

AnyIndex = QModelIndex | QPersistentModelIndex


def snippet_html(title: str, speaker: str, snippet: str) -> str:
    """A hit as HTML: its interview and speaker, then the snippet with the matches marked."""
    marked = (
        escape(snippet)
        .replace(MATCH_START, f'<b style="background-color:{MATCH_COLOUR}; color:#000">')
        .replace(MATCH_END, "</b>")
    )
    return f"<small>{escape(title)} · {escape(speaker)}</small><br/>{marked}"


class SearchHitDelegate(QStyledItemDelegate):
    """Paints a hit list item's ``HTML_ROLE`` rich text, wrapped to the list's width."""

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        document.setTextWidth(max(option.rect.width() - 2 * _PADDING, 40))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(option, index)
        painter.save()
        painter.translate(option.rect.left() + _PADDING, option.rect.top() + _PADDING)
        document.drawContents(painter, QRectF(0, 0, document.textWidth(), document.size().height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        self.initStyleOption(option, index)
        if option.widget is not None:
            option.rect.setWidth(option.widget.width() - 24)
        document = self._document(option, index)
        return QSize(int(document.textWidth()), int(document.size().height()) + 2 * _PADDING)


def query_words(query: str) -> list[str]:
    """The words a search matched on (every word; the last also as a prefix)."""
    return [word.lower() for word in _WORD.findall(query)]


def focus_turn(browser: QTextEdit, turn_index: int, words: list[str]) -> int:
    """Scroll the transcript so the turn starts at the top of the view (all of it shows unless it is taller
    than the view), and mark its words that start with a search word; returns how many were marked."""
    document = browser.document()
    header, body = document.findBlockByNumber(2 * turn_index), document.findBlockByNumber(2 * turn_index + 1)
    if not header.isValid() or not body.isValid():
        return 0
    selections: list[QTextEdit.ExtraSelection] = []
    mark = QTextCharFormat()
    mark.setBackground(QColor(MATCH_COLOUR))
    mark.setForeground(QColor("#000000"))
    mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)  # a selected insight's line is solid
    mark.setUnderlineColor(QColor("#000000"))
    for match in _WORD.finditer(body.text()):
        if any(match.group().lower().startswith(word) for word in words):
            cursor = QTextCursor(document)
            cursor.setPosition(body.position() + match.start())
            cursor.setPosition(body.position() + match.end(), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor, selection.format = cursor, mark
            selections.append(selection)
    browser.setExtraSelections(selections)
    top = document.documentLayout().blockBoundingRect(header).top()
    browser.verticalScrollBar().setValue(int(top))  # the turn starts at the top of the view
    return len(selections)
