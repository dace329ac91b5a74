"""The Word document a report is written into: a clean default, or a firm's own template.

A firm's .docx or .dotx keeps its styles, page set-up, headers, footers and logo; its body is cleared and
everything else is stripped first (see ``template_guard``). The
report uses the template's Title, Heading 1-3, Quote, Caption and table styles; a missing paragraph style is
added with the default look, so headings always reach the table of contents.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle

from synthesis.report.options import ReportError
from synthesis.report.template_guard import clean_template

INK = RGBColor(0x26, 0x2B, 0x33)
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x6B, 0x72, 0x80)
BODY_FONT = "Calibri"

_TABLE_STYLES = ("Groundwork Table", "Report Table", "Grid Table 4 - Accent 1", "Grid Table 4 Accent 1")


@dataclass(frozen=True)
class StyleSet:
    """Styles the writer uses; ``table`` is None when tables get the default direct formatting.

    ``ids`` maps style names to style ids: setting a paragraph's style by id is much faster in python-docx.
    """

    table: str | None
    custom_template: bool
    ids: dict[str, str]
    stripped: tuple[str, ...] = ()
    """What was removed from the firm's template (macros, external links …), for a warning."""

    def id(self, name: str) -> str:
        return self.ids[name]


def _font(style: ParagraphStyle, size: float, *, bold: bool = False, color: RGBColor = INK) -> None:
    style.font.name = BODY_FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = color
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attribute), None)
    r_fonts.set(qn("w:eastAsia"), BODY_FONT)


def _spacing(style: ParagraphStyle, before: float, after: float, line: float = 1.15) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = line


def _remove_borders(style: ParagraphStyle) -> None:
    p_pr = style.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):
        p_pr.remove(border)


def _left_bar(style: ParagraphStyle) -> None:
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "8"), ("w:color", "C9D3E0")):
        left.set(qn(key), value)
    borders.append(left)
    p_pr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:outlineLvl")


def _default_look(document: Document) -> None:
    """The clean house style of the default template."""
    styles = document.styles
    _font(styles["Normal"], 10.5)
    _spacing(styles["Normal"], 0, 6)
    _font(styles["Title"], 28, bold=True, color=ACCENT)
    _remove_borders(styles["Title"])
    _spacing(styles["Title"], 0, 6, 1.0)
    _font(styles["Subtitle"], 14, color=MUTED)
    _spacing(styles["Subtitle"], 0, 24)
    for name, size, before, after in (
        ("Heading 1", 20, 0, 14),
        ("Heading 2", 14, 18, 6),
        ("Heading 3", 11.5, 12, 4),
    ):
        _font(styles[name], size, bold=True, color=ACCENT if name != "Heading 3" else INK)
        _spacing(styles[name], before, after, 1.0)
        styles[name].paragraph_format.keep_with_next = True
    _font(styles["Quote"], 10.5, color=INK)
    styles["Quote"].font.italic = True
    _spacing(styles["Quote"], 4, 0)
    styles["Quote"].paragraph_format.left_indent = Pt(14)
    styles["Quote"].paragraph_format.right_indent = Pt(0)
    _left_bar(styles["Quote"])
    _font(styles["Caption"], 8.5, color=MUTED)
    _spacing(styles["Caption"], 2, 8, 1.0)
    styles["Caption"].paragraph_format.left_indent = Pt(14)
    _left_bar(styles["Caption"])
    for name in ("Header", "Footer"):
        _font(styles[name], 8.5, color=MUTED)
    _font(styles["List Bullet"], 10.5)
    _spacing(styles["List Bullet"], 0, 3)
    _add_missing_styles(document)
    _font(styles["Table Text"], 9)
    _font(styles["Table Header"], 9, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
    for name in ("Table Text", "Table Header"):
        _spacing(styles[name], 0, 0, 1.0)
    section = document.sections[0]
    section.left_margin = section.right_margin = Pt(72)
    section.top_margin = Pt(72)
    section.bottom_margin = Pt(64)


_FALLBACKS = {
    "Title": (26, True, 0, 6, None),
    "Subtitle": (14, False, 0, 18, None),
    "Heading 1": (18, True, 0, 12, 0),
    "Heading 2": (14, True, 16, 6, 1),
    "Heading 3": (11.5, True, 12, 4, 2),
    "Quote": (10.5, False, 4, 0, None),
    "Caption": (8.5, False, 2, 8, None),
    "List Bullet": (10.5, False, 0, 3, None),
    "Table Text": (9, False, 0, 0, None),
    "Table Header": (9, True, 0, 0, None),
}


def _add_missing_styles(document: Document) -> None:
    names = {s.name for s in document.styles}
    for name, (size, bold, before, after, outline) in _FALLBACKS.items():
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = name == "Quote"
        style.paragraph_format.line_spacing = 1.0 if name.startswith("Table") else None
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        if outline is not None:
            outline_level = OxmlElement("w:outlineLvl")
            outline_level.set(qn("w:val"), str(outline))
            style.element.get_or_add_pPr().append(outline_level)
            style.paragraph_format.keep_with_next = True


def _read(path: Path) -> tuple[Document, list[str]]:
    """The template's safe parts as a document, and what was stripped from it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(
            f"{path}: the template cannot be read ({exc.strerror or exc}). "
            "Check the path and its permissions."
        ) from exc
    clean = clean_template(data, str(path))
    try:
        return docx.Document(io.BytesIO(clean.data)), clean.stripped
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportError(
            f"{path}: this is not a Word template (.docx or .dotx) python-docx can open ({exc}); "
            "choose another file."
        ) from exc


def _clear_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _style_ids(document: Document) -> dict[str, str]:
    return {s.name: s.style_id for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH and s.name}


def open_template(path: Path | None) -> tuple[Document, StyleSet]:
    """An empty document to write the report into, and the styles it offers; raises ReportError."""
    if path is None:
        document = docx.Document()
        _clear_body(document)
        _default_look(document)
        return document, StyleSet(table=None, custom_template=False, ids=_style_ids(document))
    document, stripped = _read(Path(path))
    _clear_body(document)
    _add_missing_styles(document)
    names = {s.name for s in document.styles if s.type == WD_STYLE_TYPE.TABLE}
    table = next((name for name in _TABLE_STYLES if name in names), None)
    return document, StyleSet(table, True, _style_ids(document), tuple(stripped))
