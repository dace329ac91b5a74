"""Export a workspace's report to a .docx file: a temporary file in the target folder, then a rename."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from sqlalchemy import Engine
from sqlmodel import Session

from synthesis.report.content import ReportCancelled, gather_content
from synthesis.report.docx_writer import WritingCancelled, write_report
from synthesis.report.files import atomic_target, check_target
from synthesis.report.options import ReportOptions
from synthesis.report.shapes import ReportContent
from synthesis.report.template import open_template
from synthesis.report.xml_text import xml_safe
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress, sub_progress


@dataclass(frozen=True)
class ReportSummary:
    path: Path | None
    """The written file; None when the export was cancelled."""
    personas: int = 0
    icps: int = 0
    quotes: int = 0
    quotes_dropped: int = 0
    """Quotes left out because they no longer match their transcript."""
    draft: bool = False
    seconds: float = 0.0
    cancelled: bool = False
    warnings: tuple[str, ...] = ()
    """For the consultant: parts stripped from the template, personas that may identify one respondent."""


SUBJECT = "Ideal customer profiles and buyer personas"


def set_properties(document: Document, content: ReportContent) -> None:
    """Document properties from the report only (title, subject, the preparer as author, today's dates):
    nothing of the template's or python-docx's defaults ("python-docx", 2013), nothing of the transcripts'."""
    properties = document.core_properties
    for name in ("category", "comments", "content_status", "identifier", "keywords", "language", "version"):
        setattr(properties, name, "")
    properties.author = content.prepared_by
    properties.last_modified_by = content.prepared_by
    properties.title = " · ".join(p for p in (content.client, content.title) if p)
    properties.subject = SUBJECT
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.created = now
    properties.modified = now
    properties.revision = 1


def export_report(
    engine: Engine,
    out_path: Path,
    options: ReportOptions,
    *,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> ReportSummary:
    """Write the report; raises ReportError (nothing is left behind); a cancelled export writes nothing."""
    started = time.perf_counter()
    out_path = Path(out_path)
    check_target(out_path)
    document, styles = open_template(options.template)
    try:
        with Session(engine) as session:
            content = gather_content(session, options, progress=sub_progress(progress, 0, 0.4), cancel=cancel)
        content = xml_safe(content)  # a stray control character in a transcript must not stop the export
        write_report(document, styles, content, progress=sub_progress(progress, 0.4, 0.9), cancel=cancel)
        set_properties(document, content)
    except (ReportCancelled, WritingCancelled):
        return ReportSummary(None, cancelled=True)
    progress(0.9, "Saving")
    with atomic_target(out_path, ".docx") as temporary:
        document.save(str(temporary))
    progress(1.0, "Report written")
    return ReportSummary(
        out_path,
        len(content.personas),
        len(content.icps),
        len(content.evidence),
        content.quotes_dropped,
        content.draft,
        time.perf_counter() - started,
        warnings=tuple(
            [f"Removed from the template: {', '.join(styles.stripped)}."] if styles.stripped else []
        )
        + tuple(content.warnings),
    )
