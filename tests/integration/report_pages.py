"""Render the sample workspace's report to .docx, .pdf and one PNG per page, to look at as the client would.

Usage: python -m tests.integration.report_pages [DIR] [--anonymise] [--draft] (default: build/report-pages)
Needs LibreOffice (soffice) and poppler-utils (pdftoppm); packaging/install-ci-deps.sh installs them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from synthesis.report.export import export_report
from synthesis.report.options import ReportOptions
from tests.report_sample import build_sample_workspace

OPTIONS = ReportOptions(
    title="Customer discovery: revenue forecasting",
    prepared_by="Northpoint GTM",
    date=dt.date(2025, 4, 2),
)


def to_pdf(docx_path: Path) -> Path:
    """Convert with LibreOffice headless, in a private profile so parallel runs do not collide."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx_path.parent),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return docx_path.with_suffix(".pdf")


def render_pages(out_dir: Path, options: ReportOptions = OPTIONS) -> list[Path]:
    """The report of the sample workspace as report.docx, report.pdf and page-NN.png files in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("page-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as work:
        engine = build_sample_workspace(Path(work) / "sample.groundwork")
        export_report(engine, out_dir / "report.docx", options)
        engine.dispose()
    pdf = to_pdf(out_dir / "report.docx")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(out_dir / "page")], check=True, timeout=120
        )
    return sorted(out_dir.glob("page-*.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", nargs="?", type=Path, default=Path("build/report-pages"))
    parser.add_argument("--anonymise", action="store_true")
    parser.add_argument("--draft", action="store_true")
    args = parser.parse_args()
    options = ReportOptions(
        title=OPTIONS.title,
        prepared_by=OPTIONS.prepared_by,
        date=OPTIONS.date,
        anonymise=args.anonymise,
        include_suggested=args.draft,
    )
    pages = render_pages(args.out_dir, options)
    print(f"{len(pages)} pages in {args.out_dir}")


if __name__ == "__main__":
    main()
