"""CLI commands for deliverables: the Word report (export) and CSV files (export-csv)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine
from sqlmodel import Session

from models.tables import WorkspaceSetting
from synthesis.cli.common import console, fail, progress_bar, shown, workspace
from synthesis.report.csv_export import export_csv
from synthesis.report.export import export_report
from synthesis.report.options import ReportError, ReportOptions
from synthesis.report.redaction import Decisions, review_candidates
from synthesis.report.review_file import new_candidates, read_review, write_review
from synthesis.workspace.settings import remember_report_defaults

WorkspaceArg = Annotated[Path, typer.Argument(help="The workspace file (*.groundwork).")]
ReviewOption = Annotated[
    Path | None,
    typer.Option(
        "--review-terms",
        help="With --anonymise: the redaction review (CSV). When FILE does not exist, write the candidate "
        "terms to it and stop; edit 'redact'/'keep' or add rows, then run the command again to export.",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("export-csv")(export_csv_command)


def _date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"--date {text!r}: write the date as YYYY-MM-DD.") from None


def _redaction(engine: Engine, anonymise: bool, review: Path | None, client: str) -> Decisions | None:
    """The decisions to export with; None when the review file was just written (nothing to export yet)."""
    if review is None:
        return Decisions()
    if not anonymise:
        raise fail("--review-terms needs --anonymise.")
    with Session(engine) as session:
        client = client or str(getattr(session.get(WorkspaceSetting, "client"), "value", "") or "")
        candidates = review_candidates(session, client)
    try:
        if not review.exists():
            write_review(review, candidates)
            console.print(
                f"Wrote {len(candidates)} candidate terms to {review}. Set 'keep' on terms to leave as they "
                "are, add rows for terms to redact, then run the same command again to export."
            )
            return None
        decisions = read_review(review)
    except ReportError as exc:
        raise fail(str(exc)) from None
    unlisted = new_candidates(decisions, candidates)
    if unlisted:
        console.print(
            f"[yellow]{len(unlisted)} terms are not in {review} and will be redacted: "
            + ", ".join(c.term.text for c in unlisted[:10])
            + ("…" if len(unlisted) > 10 else "")
            + "[/]"
        )
    return decisions


def export(
    ws: WorkspaceArg,
    out: Annotated[Path, typer.Option("--out", help="The .docx file to write.")],
    client: Annotated[str, typer.Option(help="Client name (default: the workspace's).")] = "",
    title: Annotated[str, typer.Option(help="Engagement title.")] = "",
    prepared_by: Annotated[str, typer.Option("--prepared-by", help="Who prepared the report.")] = "",
    date: Annotated[str | None, typer.Option(help="Report date, YYYY-MM-DD (default: today).")] = None,
    include_suggested: Annotated[
        bool,
        typer.Option("--include-suggested", help="Also use unreviewed insights; every page says DRAFT."),
    ] = False,
    anonymise: Annotated[
        bool, typer.Option("--anonymise", help="Replace people's and companies' names by pseudonyms.")
    ] = False,
    persona: Annotated[
        list[int] | None, typer.Option("--persona", help="Persona id to include (repeat; default: all).")
    ] = None,
    icp: Annotated[
        list[int] | None, typer.Option("--icp", help="ICP id to include (repeat; default: all).")
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="The firm's Word template (.docx or .dotx).")
    ] = None,
    review_terms: ReviewOption = None,
) -> None:
    """Write the client-ready Word report. (Its length is its Typer options, one per parameter.)"""
    with workspace(ws) as engine:
        redaction = _redaction(engine, anonymise, review_terms, client)
        if redaction is None:
            return
        options = ReportOptions(
            client=client,
            title=title,
            prepared_by=prepared_by,
            date=_date(date),
            include_suggested=include_suggested,
            anonymise=anonymise,
            redaction=redaction,
            persona_ids=tuple(persona or ()),
            icp_ids=tuple(icp or ()),
            template=template,
        )
        with progress_bar("Writing the report") as progress:
            try:
                summary = export_report(engine, out, options, progress=progress)
            except ReportError as exc:
                raise fail(str(exc)) from None
        with Session(engine) as session:
            remember_report_defaults(session, client, title, prepared_by)
            session.commit()
    console.print(
        f"Wrote {shown(summary.path)}: {summary.personas} personas, {summary.icps} ICPs, "
        f"{summary.quotes} quotes"
        + (" (DRAFT)" if summary.draft else "")
        + f" in {summary.seconds:.1f} s."
    )
    if summary.quotes_dropped:
        console.print(
            f"[yellow]{summary.quotes_dropped} quotes no longer match their transcript and were left out.[/]"
        )
    for warning in summary.warnings:
        console.print(f"[yellow]{shown(warning)}[/]")


def export_csv_command(
    ws: WorkspaceArg,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder for insights.csv and personas.csv.")],
    anonymise: Annotated[
        bool, typer.Option("--anonymise", help="Replace people's and companies' names by pseudonyms.")
    ] = False,
    review_terms: ReviewOption = None,
) -> None:
    """Export insights and personas as CSV files."""
    with workspace(ws) as engine:
        redaction = _redaction(engine, anonymise, review_terms, "")
        if redaction is None:
            return
        try:
            summary = export_csv(engine, out_dir, anonymise=anonymise, redaction=redaction)
        except ReportError as exc:
            raise fail(str(exc)) from None
    console.print(f"Wrote {shown(summary.insights)} ({summary.insight_rows} insights)")
    console.print(f"Wrote {shown(summary.personas)} ({summary.persona_rows} persona themes)")
