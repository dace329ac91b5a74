"""Hostile firm templates: what could fetch, run or carry data is stripped and listed; broken ones refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from synthesis.report import template_guard
from synthesis.report.export import export_report
from synthesis.report.options import ReportError, ReportOptions
from synthesis.report.template import open_template
from tests.report_sample import build_sample_workspace

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL = "http://evil.example"


def _base(tmp_path: Path) -> dict[str, bytes]:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Firm header"
    document.add_paragraph("old body text")
    path = tmp_path / "base.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(parts: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _add_rel(parts: dict[str, bytes], rels: str, rel_id: str, kind: str, target: str, external: bool) -> None:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"{mode}/>'
    parts[rels] = parts.get(
        rels, b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
    ).replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    if b"</Relationships>" not in parts[rels]:
        parts[rels] = parts[rels].replace(b"/>", b">" + rel.encode() + b"</Relationships>", 1)


def _header_xml(parts: dict[str, bytes], inner: str) -> None:
    parts["word/header1.xml"] = parts["word/header1.xml"].replace(b"</w:hdr>", inner.encode() + b"</w:hdr>")


def _all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") + n for n in archive.namelist())


def _hostile(tmp_path: Path, kind: str) -> Path:
    parts = _base(tmp_path)
    doc_rels = "word/_rels/document.xml.rels"
    if kind == "macros":
        parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 fake macro storage"
        _add_rel(
            parts,
            doc_rels,
            "rId90",
            "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
            "vbaProject.bin",
            False,
        )
    elif kind == "attached template":
        _add_rel(
            parts, "word/_rels/settings.xml.rels", "rId1", f"{REL}/attachedTemplate", f"{EVIL}/t.dotm", True
        )
        parts["word/settings.xml"] = parts["word/settings.xml"].replace(
            b"<w:defaultTabStop", b'<w:attachedTemplate r:id="rId1"/><w:defaultTabStop'
        )
    elif kind == "linked picture":
        _add_rel(parts, "word/_rels/header1.xml.rels", "rId7", f"{REL}/image", f"{EVIL}/pixel.png", True)
        _header_xml(
            parts,
            '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata '
            f'xmlns:r="{REL}" r:id="rId7"/></v:shape></w:pict></w:r></w:p>',
        )
    elif kind == "hyperlink":
        _add_rel(parts, "word/_rels/header1.xml.rels", "rId8", f"{REL}/hyperlink", f"{EVIL}/track", True)
        _header_xml(
            parts,
            f'<w:p><w:hyperlink xmlns:r="{REL}" r:id="rId8"><w:r><w:t>Our site</w:t></w:r>'
            "</w:hyperlink></w:p>",
        )
    elif kind == "fetching field":
        _header_xml(
            parts,
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPICTURE '
            f'"{EVIL}/beacon.png" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
            '</w:r><w:r><w:t>x</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            f'<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;{EVIL}/a.docx&quot; "><w:r><w:t>y</w:t>'
            "</w:r></w:fldSimple></w:p>",
        )
    elif kind == "custom xml":
        assert any(name.startswith("customXml/") for name in parts)
    return _write(parts, tmp_path / f"{kind}.docx")


@pytest.mark.parametrize(
    ("kind", "listed"),
    [
        ("macros", "macros"),
        ("attached template", "attached template"),
        ("linked picture", "external link"),
        ("hyperlink", "hyperlinks"),
        ("fetching field", "field INCLUDEPICTURE"),
        ("custom xml", "custom XML"),
    ],
)
def test_hostile_parts_are_stripped_and_listed(tmp_path: Path, kind: str, listed: str) -> None:
    template = _hostile(tmp_path, kind)
    document, styles = open_template(template)
    assert any(listed in what for what in styles.stripped), styles.stripped
    out = tmp_path / "report.docx"
    document.save(str(out))
    text = _all_text(out)
    for trace in (
        "evil.example",
        "vbaProject",
        "INCLUDEPICTURE",
        "INCLUDETEXT",
        "attachedTemplate",
        "customXml",
    ):
        assert trace not in text, trace
    assert "old body text" not in text
    reopened = docx.Document(str(out))
    assert reopened.sections[0].header.paragraphs[0].text == "Firm header"


def test_export_warns_about_what_was_stripped(tmp_path: Path) -> None:
    engine = build_sample_workspace(tmp_path / "s.groundwork")
    summary = export_report(
        engine, tmp_path / "r.docx", ReportOptions(template=_hostile(tmp_path, "macros"), persona_ids=(1,))
    )
    assert any("Removed from the template" in w and "macros" in w for w in summary.warnings)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("malformed", "word/styles.xml is not well-formed XML"),
        ("no normal", "no Normal paragraph style"),
        ("no sectPr", "no page set-up"),
        ("not a zip", "not a Word template"),
    ],
)
def test_broken_templates_are_refused_clearly(tmp_path: Path, damage: str, message: str) -> None:
    parts = _base(tmp_path)
    if damage == "malformed":
        parts["word/styles.xml"] = parts["word/styles.xml"][:-40]
    elif damage == "no normal":
        parts["word/styles.xml"] = (
            parts["word/styles.xml"]
            .replace(b'w:default="1"', b'w:default="0"')
            .replace(b'"Normal"', b'"Plain"')
        )
    elif damage == "no sectPr":
        body = parts["word/document.xml"]
        start = body.rindex(b"<w:sectPr")
        parts["word/document.xml"] = body[:start] + body[body.rindex(b"</w:sectPr>") + len(b"</w:sectPr>") :]
    path = _write(parts, tmp_path / f"{damage}.docx")
    if damage == "not a zip":
        path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ReportError, match=message) as raised:
        open_template(path)
    assert str(path) in str(raised.value) and "Choose another template" in str(raised.value)


def _bomb(path: Path, size: int) -> Path:
    """A zip whose body part decompresses to ``size`` bytes of spaces (highly compressible)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=False) as handle:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                handle.write(chunk)
        archive.writestr("[Content_Types].xml", "<Types/>")
    return path


def test_a_template_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.docx", template_guard.MAX_UNPACKED_BYTES + (1 << 20))
    assert bomb.stat().st_size < template_guard.MAX_FILE_BYTES
    with pytest.raises(ReportError, match="unpack to more than 100 MB"):
        open_template(bomb)


def test_a_bomb_with_forged_sizes_is_refused(tmp_path: Path) -> None:
    """Sizes in the zip's directory that lie (1,000 bytes declared) do not get the part decompressed."""
    data = bytearray(_bomb(tmp_path / "bomb.docx", 64 << 20).read_bytes())
    entry = data.rindex(b"PK\x01\x02")
    while data[entry + 46 : entry + 63] != b"word/document.xml":
        entry = data.rindex(b"PK\x01\x02", 0, entry)
    data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
    forged = tmp_path / "forged.docx"
    forged.write_bytes(bytes(data))
    assert zipfile.ZipFile(forged).getinfo("word/document.xml").file_size == 1000
    with pytest.raises(ReportError, match="not a Word template"):
        open_template(forged)
