"""CLI commands for deliverables: the Word report (export) and CSV files (export-csv)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from synthesis.cli.common import console, fail, shown, workspace
from synthesis.report.csv_export import export_csv
from synthesis.report.export import export_report
from synthesis.report.options import ReportError, ReportOptions

WorkspaceArg = Annotated[Path, typer.Argument(help="The workspace file (*.groundwork).")]


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
) -> None:
    """Write the client-ready Word report."""
    options = ReportOptions(
        client=client,
        title=title,
        prepared_by=prepared_by,
        date=_date(date),
        include_suggested=include_suggested,
        anonymise=anonymise,
        persona_ids=tuple(persona or ()),
        icp_ids=tuple(icp or ()),
        template=template,
    )
    with workspace(ws) as engine:
        columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("Writing the report", total=1.0)
            try:
                summary = export_report(
                    engine,
                    out,
                    options,
                    progress=lambda fraction, stage: bar.update(
                        task, completed=fraction, description=shown(stage)
                    ),
                )
            except ReportError as exc:
                raise fail(str(exc)) from None
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


def export_csv_command(
    ws: WorkspaceArg,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder for insights.csv and personas.csv.")],
    anonymise: Annotated[
        bool, typer.Option("--anonymise", help="Replace people's and companies' names by pseudonyms.")
    ] = False,
) -> None:
    """Export insights and personas as CSV files."""
    with workspace(ws) as engine:
        try:
            summary = export_csv(engine, out_dir, anonymise=anonymise)
        except ReportError as exc:
            raise fail(str(exc)) from None
    console.print(f"Wrote {shown(summary.insights)} ({summary.insight_rows} insights)")
    console.print(f"Wrote {shown(summary.personas)} ({summary.persona_rows} persona themes)")
