"""Take only what a report needs from a firm's Word template, and refuse templates that are unsafe to read.

Kept: styles, numbering, theme, settings (without an attached template, mail merge or document variables),
page set-up (the body's last ``w:sectPr``) and the headers and footers it references, with their own
pictures. Stripped, and listed for a warning: macros, custom XML, external relationships (remote templates,
linked pictures, hyperlinks), fields that fetch content (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE …) and every
other part. The zip's declared sizes are checked before anything is decompressed, and the actual sizes while
decompressing, so a small file that unpacks to gigabytes is refused early.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from docx.opc.constants import NAMESPACE, RELATIONSHIP_TYPE
from docx.oxml.ns import nsmap
from lxml import etree

from synthesis.report.options import ReportError

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""All parts together, decompressed; a real firm template is well under 5 MB."""
MAX_PARTS = 500
_CHUNK = 1024 * 1024

W = nsmap["w"]
R = nsmap["r"]
PR = NAMESPACE.OPC_RELATIONSHIPS
_KEEP_FROM_DOCUMENT = {"styles", "theme", "settings", "numbering", "header", "footer", "stylesWithEffects"}
_KEEP_FROM_HEADER = {"image"}
_FETCHING_FIELDS = re.compile(
    r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT|HYPERLINK|DATABASE|AUTOTEXTLIST)\b", re.I
)
_SETTINGS_DROP = (
    "attachedTemplate",
    "mailMerge",
    "docVars",
    "attachedSchema",
    "saveThroughXslt",
    "linkStyles",
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


@dataclass
class CleanTemplate:
    data: bytes
    """A .docx package holding only the kept parts."""
    stripped: list[str] = field(default_factory=list)
    """What was removed, in words, for a warning."""


def _refuse(name: str, why: str) -> ReportError:
    return ReportError(f"{name}: {why} Choose another template, or export with the default one.")


def _unpack(data: bytes, name: str) -> dict[str, bytes]:
    """Every part of the zip, checking declared and actual sizes against the limits."""
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(name, f"the template is larger than {MAX_FILE_BYTES // 2**20} MB.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        items = archive.infolist()
        declared = sum(item.file_size for item in items)
        if len(items) > MAX_PARTS or declared > MAX_UNPACKED_BYTES:
            raise _refuse(name, f"the template would unpack to more than {MAX_UNPACKED_BYTES // 2**20} MB.")
        parts: dict[str, bytes] = {}
        total = 0
        for item in items:
            if item.is_dir():
                continue
            chunks = []
            with archive.open(item) as handle:
                while chunk := handle.read(_CHUNK):
                    total += len(chunk)
                    if total > MAX_UNPACKED_BYTES:
                        raise _refuse(
                            name, f"the template unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB."
                        )
                    chunks.append(chunk)
            parts[item.filename] = b"".join(chunks)
        return parts
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise _refuse(name, f"this is not a Word template (.docx or .dotx): {exc}.") from exc


def _xml(parts: dict[str, bytes], part: str, name: str) -> etree._Element:
    try:
        return etree.fromstring(parts[part], _PARSER)
    except KeyError:
        raise _refuse(name, f"the template has no {part}.") from None
    except etree.XMLSyntaxError as exc:
        raise _refuse(name, f"the template's {part} is not well-formed XML ({exc}).") from None


def _rels_path(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _target(part: str, rel: etree._Element) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), rel.get("Target", "")))


class _Cleaner:
    def __init__(self, parts: dict[str, bytes], name: str) -> None:
        self.parts = parts
        self.name = name
        self.out: dict[str, bytes] = {}
        self.stripped: list[str] = []

    def note(self, what: str) -> None:
        if what not in self.stripped:
            self.stripped.append(what)

    def rels(self, part: str, keep_types: set[str]) -> tuple[list[tuple[str, str]], set[str]]:
        """Keep internal relationships of ``keep_types``; returns kept (id, target part) and dropped ids."""
        path = _rels_path(part)
        if path not in self.parts:
            return [], set()
        root = _xml(self.parts, path, self.name)
        kept, dropped = [], set()
        for rel in list(root):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = _target(part, rel)
            external = rel.get("TargetMode") == "External"
            if kind in keep_types and not external and target in self.parts:
                kept.append((rel.get("Id", ""), target))
                continue
            dropped.add(rel.get("Id", ""))
            root.remove(rel)
            self.note(self._describe(kind, rel.get("Target", ""), external))
        self.out[path] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return kept, dropped

    @staticmethod
    def _describe(kind: str, target: str, external: bool) -> str:
        if kind == "vbaProject" or target.endswith(".bin"):
            return "macros (vbaProject.bin)"
        if kind == "attachedTemplate":
            return f"attached template ({target})"
        if kind == "hyperlink":
            return "hyperlinks"
        if kind == "customXml":
            return "custom XML"
        if external:
            return f"external link ({kind}: {target})"
        return f"{kind} part"

    def scrub(self, root: etree._Element, dropped: set[str]) -> None:
        """Remove what refers to dropped relationships, hyperlinks and fetching fields."""
        for hyperlink in root.iter(f"{{{W}}}hyperlink"):
            self.note("hyperlinks")
            parent = hyperlink.getparent()
            for child in list(hyperlink):
                hyperlink.addprevious(child)
            parent.remove(hyperlink)
        for element in list(root.iter()):
            if any(k.startswith(f"{{{R}}}") and v in dropped for k, v in element.attrib.items()):
                self.note("linked pictures")
                holder = next(
                    (a for a in element.iterancestors() if a.tag in (f"{{{W}}}drawing", f"{{{W}}}pict")),
                    element,
                )
                if holder.getparent() is not None:
                    holder.getparent().remove(holder)
        self._fields(root)

    def _fields(self, root: etree._Element) -> None:
        for simple in list(root.iter(f"{{{W}}}fldSimple")):
            if _FETCHING_FIELDS.match(simple.get(f"{{{W}}}instr", "")):
                self.note(f"field {simple.get(f'{{{W}}}instr', '').split()[0].upper()}")
                simple.getparent().remove(simple)
        for instr in list(root.iter(f"{{{W}}}instrText")):
            match = _FETCHING_FIELDS.match(instr.text or "")
            if match:
                self.note(f"field {match.group(1).upper()}")
                instr.text = ""
                run = instr.getparent()
                _remove_field_around(run)


def _remove_field_around(run: etree._Element) -> None:
    """Remove the complex field whose instruction is in ``run``: begin … end, result included."""
    runs = [r for r in run.getparent() if r.tag == f"{{{W}}}r"] if run.getparent() is not None else []
    if run not in runs:
        return
    index = runs.index(run)
    start = next((i for i in range(index, -1, -1) if _fld(runs[i]) == "begin"), index)
    end = next((i for i in range(index, len(runs)) if _fld(runs[i]) == "end"), index)
    for doomed in runs[start : end + 1]:
        doomed.getparent().remove(doomed)


def _fld(run: etree._Element) -> str:
    char = run.find(f"{{{W}}}fldChar")
    return char.get(f"{{{W}}}fldCharType", "") if char is not None else ""


def _main_part(parts: dict[str, bytes], name: str) -> str:
    root = _xml(parts, "_rels/.rels", name)
    for rel in root:
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    raise _refuse(name, "the template has no main document part.")


def _check_needs(cleaner: _Cleaner, document: etree._Element, kept: list[tuple[str, str]]) -> None:
    body = document.find(f"{{{W}}}body")
    if body is None or body.find(f"{{{W}}}sectPr") is None:
        raise _refuse(cleaner.name, "the template has no page set-up (no w:sectPr at the end of its body).")
    styles = next((t for _, t in kept if t.endswith("styles.xml")), None)
    if styles is None:
        raise _refuse(cleaner.name, "the template has no styles part (word/styles.xml).")
    root = _xml(cleaner.parts, styles, cleaner.name)
    normal = [
        s
        for s in root.iter(f"{{{W}}}style")
        if s.get(f"{{{W}}}type") == "paragraph"
        and (s.get(f"{{{W}}}default") in ("1", "true") or s.get(f"{{{W}}}styleId") == "Normal")
    ]
    if not normal:
        raise _refuse(cleaner.name, "the template's styles have no Normal paragraph style.")


def clean_template(data: bytes, name: str) -> CleanTemplate:
    """A package with only the template's safe parts; raises ReportError when it is unsafe or unusable."""
    parts = _unpack(data, name)
    cleaner = _Cleaner(parts, name)
    main = _main_part(parts, name)
    document = _xml(parts, main, name)
    kept, dropped = cleaner.rels(main, _KEEP_FROM_DOCUMENT)
    _check_needs(cleaner, document, kept)
    body = document.find(f"{{{W}}}body")
    page_setup = body.findall(f"{{{W}}}sectPr")[-1]
    for child in list(body):
        if child is not page_setup:
            body.remove(child)
    cleaner.scrub(document, dropped)
    cleaner.out[main] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    for _rid, target in kept:
        root = _xml(parts, target, name)
        kind_dropped: set[str] = set()
        if target.rsplit("/", 1)[-1].startswith(("header", "footer")):
            images, kind_dropped = cleaner.rels(target, _KEEP_FROM_HEADER)
            cleaner.out.update({t: parts[t] for _, t in images})
        elif _rels_path(target) in parts:
            cleaner.rels(target, set())
        if target.endswith("settings.xml"):
            for tag in _SETTINGS_DROP:
                for element in root.findall(f"{{{W}}}{tag}"):
                    root.remove(element)
                    cleaner.note("attached template" if tag == "attachedTemplate" else f"settings {tag}")
        cleaner.scrub(root, kind_dropped)
        cleaner.out[target] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _package_rels(cleaner, main)
    for part in parts:
        if part.startswith("customXml/") or part.endswith("custom.xml"):
            cleaner.note("custom XML")
        elif part.endswith(".bin"):
            cleaner.note("macros (vbaProject.bin)")
    return CleanTemplate(_zip(cleaner.out, parts["[Content_Types].xml"]), cleaner.stripped)


def _package_rels(cleaner: _Cleaner, main: str) -> None:
    """The package's own relationships: the main document only (no properties, thumbnails, custom XML)."""
    root = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
    rel = etree.SubElement(root, f"{{{PR}}}Relationship")
    rel.set("Id", "rId1")
    rel.set("Type", RELATIONSHIP_TYPE.OFFICE_DOCUMENT)
    rel.set("Target", main)
    cleaner.out["_rels/.rels"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_MACRO_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _zip(out: dict[str, bytes], content_types: bytes) -> bytes:
    """The kept parts as a .docx (a template's or macro document's main type relabelled)."""
    for macro_type in _MACRO_TYPES:
        content_types = content_types.replace(macro_type, _DOCUMENT_TYPE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        for part, data in out.items():
            archive.writestr(part, data)
    return buffer.getvalue()
