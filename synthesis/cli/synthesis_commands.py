"""CLI commands for ICPs (icp add, list, fit, delete) and persona synthesis (synthesize)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Column, Table
from rich.text import Text
from sqlmodel import Session

from synthesis.cli.common import console, fail, plain, progress_bar, shown, visible, workspace
from synthesis.icp.criteria import CriterionError, describe, parse_criterion
from synthesis.icp.fit import CompanyFit, Outcome, score_company
from synthesis.icp.separation import MIN_SUCCESS_COMPANIES
from synthesis.icp.store import IcpError, create_icp, delete_icp, interviewed_companies, list_icps
from synthesis.icp.success import success_table, suggest_criteria
from synthesis.personas.synthesize import SynthesisReport
from synthesis.pipeline import preview_redraft, redraft_personas

WorkspaceArg = Annotated[Path, typer.Argument(help="The workspace file (*.groundwork).")]

icp_app = typer.Typer(
    help="Ideal Customer Profiles: define them and score interviewed companies.", no_args_is_help=True
)

_OUTCOME_STYLE = {Outcome.MATCH: "[green]✓[/]", Outcome.MISS: "[red]✗[/]", Outcome.UNKNOWN: "[yellow]?[/]"}


def register(app: typer.Typer) -> None:
    app.add_typer(icp_app, name="icp")
    app.command("synthesize")(synthesize)


@icp_app.command("add")
def add(
    ws: WorkspaceArg,
    name: Annotated[str, typer.Option("--name", help="The ICP's name.")],
    criterion: Annotated[
        list[str],
        typer.Option(
            "--criterion",
            help="kind:value, 3 to 4 times; kinds: industry, employees, revenue, funding, "
            "tech_stack, geography. E.g. employees:100-1000, industry:software,saas.",
        ),
    ],
    description: Annotated[str, typer.Option(help="What this profile stands for.")] = "",
) -> None:
    """Define an ICP with 3 to 4 firmographic criteria."""
    try:
        criteria = [parse_criterion(text) for text in criterion]
    except CriterionError as exc:
        raise fail(str(exc)) from None
    with workspace(ws) as engine, Session(engine) as session:
        try:
            icp_id = create_icp(session, name, criteria, description)
        except (IcpError, CriterionError) as exc:
            raise fail(str(exc)) from None
    console.print(f"Created ICP {icp_id}: {shown(name)} — " + shown("; ".join(describe(c) for c in criteria)))


@icp_app.command("list")
def list_command(ws: WorkspaceArg) -> None:
    """List the ICPs and their criteria."""
    with workspace(ws) as engine, Session(engine) as session:
        icps = list_icps(session)
    table = Table("ID", "Name", "Criteria", "Description")
    for icp in icps:
        table.add_row(*plain(icp.id, icp.name, "\n".join(describe(c) for c in icp.criteria), icp.description))
    console.print(table)
    console.print(f"{len(icps)} ICPs")


@icp_app.command("delete")
def delete(
    ws: WorkspaceArg, icp_id: Annotated[int, typer.Argument(help="The ICP's id (see icp list).")]
) -> None:
    """Delete an ICP; personas lose their link to it on the next synthesis."""
    with workspace(ws) as engine, Session(engine) as session:
        try:
            delete_icp(session, icp_id)
        except IcpError as exc:
            raise fail(str(exc)) from None
    console.print(f"Deleted ICP {icp_id}")


def _fit_cell(fit: CompanyFit) -> str:
    verdict = "[bold green]fits[/]" if fit.fits else "[bold]does not fit[/]"  # never a half-fit score
    lines = [f"{verdict} ({fit.coverage})"]
    lines += [f"{_OUTCOME_STYLE[r.outcome]} {shown(r.explanation)}" for r in fit.results]
    return "\n".join(lines)


@icp_app.command("fit")
def fit(ws: WorkspaceArg) -> None:
    """Score every interviewed company against every ICP, and show which characteristics go with success."""
    with workspace(ws) as engine, Session(engine) as session:
        icps = list_icps(session)
        companies = interviewed_companies(session)
        if not icps:
            console.print("No ICP defined yet. Add one with: groundwork icp add WS --name N --criterion ...")
        else:
            table = Table(
                "Company",
                "Relationship",
                *(Column(Text(visible(f"{icp.name} (ICP {icp.id})"))) for icp in icps),
                show_lines=True,
            )
            for company in companies:
                cells = [_fit_cell(score_company(company, icp.criteria)) for icp in icps]
                table.add_row(*plain(company.name, company.relationship.value), *cells)
            console.print(table)
            console.print(f"{len(companies)} interviewed companies × {len(icps)} ICPs")
        rows = success_table(companies)
    if not rows:
        console.print(
            "No company has a known relationship (customer, churned, lost, prospect): no success table."
        )
        return
    table = Table(
        "Attribute",
        "Value",
        "Success share",
        "Customers",
        "Churned",
        "Lost",
        "Prospects",
        title="Which characteristics go with success (customers vs churned + lost)",
    )
    for row in rows:
        share = f"{row.share:.0%} ({row.customers} of {row.decided})" if row.share is not None else "—"
        share += " too few" if row.share is not None and row.decided < MIN_SUCCESS_COMPANIES else ""
        table.add_row(
            *plain(row.attribute, row.value, share, row.customers, row.churned, row.lost, row.prospects)
        )
    console.print(table)
    suggestions = suggest_criteria(rows)
    if suggestions:
        console.print("Suggested criteria: " + shown("; ".join(describe(c) for c in suggestions)))
    else:
        console.print("No value has enough support yet to suggest a criterion.")


def _print_report(report: SynthesisReport) -> None:
    for note in report.notes:
        console.print(f"[yellow]{shown(note)}[/]")
    table = Table("ID", "Persona", "Respondents", "ICPs", "Result")
    for outcome in report.personas:
        result = (
            "kept (reviewed or edited)"
            if outcome.protected
            else "new"
            if outcome.created
            else "updated"
            if outcome.changed
            else "unchanged"
        )
        icps = ", ".join(str(i) for i in outcome.icp_ids) or "not ICP-linked"
        table.add_row(*plain(outcome.persona_id, outcome.name, outcome.respondents, icps, result))
    console.print(table)
    console.print(f"{len(report.personas)} personas")
    if report.outside_icp:
        outside = Table(
            "Interview",
            "Title",
            "Company",
            "Why it is outside the ICP",
            title="Interviews outside every ICP (kept, not used for personas)",
        )
        for item in report.outside_icp:
            outside.add_row(*plain(item.interview_id, item.title, item.company or "—", item.reason))
        console.print(outside)
    if report.kept_persona_ids:
        console.print(
            "Kept personas you reviewed or edited, with no matching respondents left: "
            + ", ".join(str(i) for i in report.kept_persona_ids)
        )
    if report.removed_persona_ids:
        console.print(
            "Removed personas with no respondents left: "
            + ", ".join(str(i) for i in report.removed_persona_ids)
        )


def synthesize(
    ws: WorkspaceArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Replace drafts without asking.")] = False,
) -> None:
    """Redraft buyer personas from respondents at ICP-fitting companies.

    Asks before replacing or deleting draft personas; personas you reviewed or edited are never changed.
    """
    with workspace(ws) as engine:
        replaced = preview_redraft(engine).replaced_drafts()
        if replaced and not yes:
            question = f"{len(replaced)} draft personas ({_ids(replaced)}) would be replaced or deleted."
            if not sys.stdin.isatty():
                raise fail(f"{question} Run again with --yes to replace them.")
            if not typer.confirm(f"{question} Replace them?", default=False):
                console.print("Personas left as they were.")
                return
        with progress_bar("Starting") as progress:
            try:
                report = redraft_personas(engine, progress=progress)
            except KeyboardInterrupt:
                raise fail("stopped; nothing was changed.", 130) from None
    _print_report(report)


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids[:10]) + (", …" if len(ids) > 10 else "")
