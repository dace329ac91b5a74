"""Low-level Word pieces python-docx lacks: fields, contents with page numbers, tidy tables."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from synthesis.report.template import StyleSet

HEADER_FILL = "1F3A5F"
BAND_FILL = "EEF2F7"
RULE_COLOR = "C9D3E0"

# settings.xml children that must come after w:updateFields (ECMA-376 CT_Settings order).
_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
}


def _run_with(paragraph: Paragraph, element: OxmlElement) -> None:
    run = paragraph.add_run()
    run._r.append(element)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC ...) whose result Word and LibreOffice compute."""
    _field_chars(paragraph, "begin")
    _instruction(paragraph, instruction)
    _field_chars(paragraph, "separate")
    paragraph.add_run(placeholder)
    _field_chars(paragraph, "end")


def update_fields_on_open(document: Document) -> None:
    """Ask Word to refresh fields (the TOC) when the file is opened."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    later = next((c for c in settings if c.tag.rpartition("}")[2] in _AFTER_UPDATE_FIELDS), None)
    if later is None:
        settings.append(flag)
    else:
        later.addprevious(flag)


def _borders(table: Table) -> None:
    """Light horizontal rules only: the quiet look of a consultancy report."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        visible = edge in ("top", "bottom", "insideH")
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), RULE_COLOR)
        borders.append(element)
    tbl_pr.append(borders)


def _cell_margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge, twips in (("top", 50), ("bottom", 50), ("left", 90), ("right", 90)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _element(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _row(
    tbl: etree._Element,
    values: Sequence[str],
    widths: Sequence[int],
    style_id: str,
    *,
    header: bool = False,
    fill: str | None = None,
    span: bool = False,
) -> None:
    """One table row built with lxml (python-docx's cell API is too slow for long tables)."""
    tr = _element(tbl, "w:tr")
    tr_pr = _element(tr, "w:trPr")
    _element(tr_pr, "w:cantSplit")
    if header:
        _element(tr_pr, "w:tblHeader")
    cells = [(values[0], sum(widths))] if span else list(zip(values, widths, strict=True))
    for value, width in cells:
        tc = _element(tr, "w:tc")
        tc_pr = _element(tc, "w:tcPr")
        _element(tc_pr, "w:tcW", w=str(width), type="dxa")
        if span:
            _element(tc_pr, "w:gridSpan", val=str(len(widths)))
        if fill:
            _element(tc_pr, "w:shd", val="clear", color="auto", fill=fill)
        p = _element(tc, "w:p")
        _element(_element(p, "w:pPr"), "w:pStyle", val=style_id)
        r = _element(p, "w:r")
        if span:
            _element(_element(r, "w:rPr"), "w:b")
        lines = value.split("\n")
        for number, line in enumerate(lines):
            if number:
                _element(r, "w:br")
            text = _element(r, "w:t")
            text.text = line
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def styled_paragraph(document: Document, styles: StyleSet, text: str, style: str) -> Paragraph:
    """A paragraph in ``style``, set by id (python-docx's by-name lookup is slow on large documents)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = styles.id(style)
    return paragraph


def usable_width(document: Document) -> int:
    section = document.sections[-1]
    return int(section.page_width - section.left_margin - section.right_margin)


def add_table(
    document: Document,
    styles: StyleSet,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    group_rows: Sequence[int] = (),
) -> Table:
    """A table with a repeating header row and relative column ``widths``; ``group_rows`` are band rows
    (their first cell spans the table and holds a group title)."""
    table = document.add_table(rows=0, cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    if styles.table:
        table.style = document.styles[styles.table]
    else:
        _borders(table)
    _cell_margins(table)
    total = Emu(usable_width(document)).twips
    twips = [int(total * w / sum(widths)) for w in widths]
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(width))
    text_id, header_id = styles.id("Table Text"), styles.id("Table Header")
    fill = None if styles.table else HEADER_FILL
    _row(table._tbl, headers, twips, header_id, header=True, fill=fill)
    groups = set(group_rows)
    for index, values in enumerate(rows):
        if index in groups:
            _row(table._tbl, values, twips, text_id, fill=None if styles.table else BAND_FILL, span=True)
        else:
            _row(table._tbl, values, twips, text_id)
    return table


def _toc_style(document: Document, level: int) -> str:
    name = f"TOC {level}"
    if name not in {s.name for s in document.styles}:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.bold = level == 1
        style.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.left_indent = Pt(14 * (level - 1))
        style.paragraph_format.tab_stops.add_tab_stop(
            Emu(usable_width(document)), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
    return name


def _field_chars(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    _run_with(paragraph, char)


def _instruction(paragraph: Paragraph, instruction: str) -> None:
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    _run_with(paragraph, text)


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Mark the paragraph's text with a bookmark, so a PAGEREF field can give its page."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def fill_toc(document: Document, anchor: Paragraph, entries: Sequence[tuple[int, str]]) -> None:
    """Replace ``anchor`` by the contents: one paragraph per heading (level, text) with a dotted tab and a
    PAGEREF field to the heading's bookmark (``bookmark``: ``_Toc00001`` for the first entry …).

    Word and LibreOffice both compute PAGEREF fields as they lay the document out (a TOC field would show
    no page numbers in LibreOffice, which keeps only a TOC's cached text).
    """
    previous = anchor
    for index, (level, text) in enumerate(entries):
        paragraph = document.add_paragraph()
        paragraph._p.style = document.styles[_toc_style(document, level)].style_id
        paragraph.add_run(text)
        paragraph.add_run("\t")
        add_field(paragraph, f"PAGEREF _Toc{index + 1:05d} \\h", "")
        previous._p.addnext(paragraph._p)
        previous = paragraph
    anchor._p.getparent().remove(anchor._p)
