"""CLI command `groundwork demo`: the whole job on the bundled samples, in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from models.database import WorkspaceError
from synthesis.cli.common import console, fail, plain, progress_bar, shown
from synthesis.demo import DemoCancelled, DemoError, DemoResult, run_demo


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Folder for demo.groundwork and report.docx; a previous demo there is replaced."
        ),
    ],
) -> None:
    """Run the whole job on the bundled sample interviews: import, extract, ICP fit, personas, Word report."""
    with progress_bar("Starting", percent=True, width=70) as progress:
        try:
            result = run_demo(out, progress=progress)
        except KeyboardInterrupt:
            raise fail("stopped; run the demo again to start fresh.", 130) from None
        except DemoCancelled as exc:
            raise fail(str(exc), 130) from None
        except (DemoError, WorkspaceError) as exc:
            raise fail(str(exc)) from None
    print_summary(result)


def print_summary(result: DemoResult) -> None:
    """The demo's results: model choice, counts, ICP fit per company, personas, and where the files are."""
    console.print(f"[bold]Language model:[/] {shown(result.llm_reason)}", highlight=False)
    if not result.llm_led:
        console.print(
            "[yellow]The bundled model is too small to lead extraction on this machine; insights come from "
            "the rules. Point Groundwork at a bigger local model or a GPU server for model-led extraction.[/]"
        )
    console.print(
        f"{result.interviews} interviews, {result.companies} companies, {result.insights} suggested insights "
        "(each with a verbatim quote)"
    )
    table = Table("Company", "Relationship", "Fit", title=f"ICP: {result.icp_name}")
    for line in result.fits:
        fits = Text("fits", style="green") if line.fits else Text("does not fit")
        table.add_row(*plain(line.company, line.relationship), fits)
    console.print(table)
    console.print("Criteria: " + shown("; ".join(result.icp_criteria)))
    fitting = sum(line.fits for line in result.fits)
    console.print(f"ICP fits: {fitting} of {len(result.fits)} companies")
    for reason in result.outside_icp:
        console.print(f"  outside the ICP: {shown(reason)}", highlight=False)
    console.print(f"Personas ({len(result.personas)}): " + shown("; ".join(result.personas)))
    console.print(
        f"[bold]Report:[/] {shown(result.report)} "
        "(DRAFT: includes suggested insights nobody has reviewed yet)"
    )
    console.print(
        f"[bold]Workspace:[/] {shown(result.workspace)} (open it in the app: groundwork-gui "
        f"{shown(result.workspace)})"
    )
    console.print(f"Done in {result.seconds:.0f} s.")
