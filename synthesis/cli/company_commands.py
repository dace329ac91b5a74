"""CLI commands for companies: list them, set their firmographics, accept what the transcripts suggest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.padding import Padding
from rich.table import Table
from sqlmodel import Session, col, select

from models.queries import company_named
from models.tables import Company, InsightStatus, Interview
from synthesis.cli.common import console, fail, plain, shown, workspace
from synthesis.workspace import companies

WorkspaceArg = Annotated[Path, typer.Argument(help="The workspace file.")]

company_app = typer.Typer(
    help="Companies: firmographics, relationships, and the suggestions found in transcripts.",
    no_args_is_help=True,
)

FIELD_OPTIONS = {
    "industry": "industry",
    "employees": "employee_count",
    "revenue": "revenue_band",
    "funding": "funding_stage",
    "tech": "tech_stack",
    "country": "country",
    "region": "region",
    "relationship": "relationship",
}


def register(app: typer.Typer) -> None:
    app.command("companies")(list_companies)
    app.add_typer(company_app, name="company")


WIDE_TABLE_COLUMNS = 140
"""Below this terminal width, companies are listed one short block each instead of an 11-column table."""


def list_companies(ws: WorkspaceArg) -> None:
    """List companies with their firmographics, relationship and pending transcript suggestions."""
    with workspace(ws) as engine, Session(engine) as session:
        rows = companies.company_rows(session)
        pending = {
            row.id: sum(
                s.status == InsightStatus.SUGGESTED for s in companies.suggestions_of(session, row.id)
            )
            for row in rows
        }
    if console.width >= WIDE_TABLE_COLUMNS:
        _print_table(rows, pending)
    else:
        for row in rows:
            _print_block(row, pending[row.id])
    console.print(f"{len(rows)} companies")


def _print_table(rows: list[companies.CompanyRow], pending: dict[int, int]) -> None:
    table = Table(
        "ID",
        "Name",
        "Industry",
        "Employees",
        "Revenue",
        "Funding",
        "Tech stack",
        "Location",
        "Relationship",
        "Interviews",
        "Suggestions",
    )
    for row in rows:
        values = row.values
        table.add_row(
            *plain(
                row.id,
                values["name"],
                values["industry"],
                values["employee_count"],
                values["revenue_band"],
                values["funding_stage"],
                values["tech_stack"],
                _location(values),
                values["relationship"],
                row.interviews,
                pending[row.id] or "",
            )
        )
    console.print(table)


def _print_block(row: companies.CompanyRow, pending: int) -> None:
    """One company in a few wrapped lines: name and standing, then only the facts that are known."""
    values = row.values
    head = [shown(values["relationship"]), f"{row.interviews} interviews"]
    if pending:
        head.append(f"{pending} suggestions")
    console.print(f"[bold]{row.id:>3}  {shown(values['name'])}[/] · " + " · ".join(head))
    facts = [
        ("Industry", values["industry"]),
        ("Employees", values["employee_count"]),
        ("Revenue", values["revenue_band"]),
        ("Funding", values["funding_stage"]),
        ("Location", _location(values)),
        ("Tech", values["tech_stack"]),
    ]
    known = " · ".join(f"{name}: {shown(value)}" for name, value in facts if value)
    if known:
        console.print(Padding(known, (0, 0, 0, 5)), highlight=False)


def _location(values: dict[str, str]) -> str:
    return ", ".join(filter(None, [values["country"], values["region"]]))


@company_app.command("set")
def set_company(
    ws: WorkspaceArg,
    name: Annotated[str, typer.Argument(help="The company's name (created if new).")],
    interview: Annotated[
        list[int] | None,
        typer.Option("--interview", help="Link this interview ID to the company (repeatable)."),
    ] = None,
    industry: Annotated[str | None, typer.Option(help="Industry, e.g. 'B2B software'.")] = None,
    employees: Annotated[str | None, typer.Option(help="Number of employees, e.g. 340.")] = None,
    revenue: Annotated[str | None, typer.Option(help="Revenue band, e.g. '$10M-$50M'.")] = None,
    funding: Annotated[str | None, typer.Option(help="Funding stage, e.g. 'Series B'.")] = None,
    tech: Annotated[str | None, typer.Option(help="Tech stack, comma-separated.")] = None,
    country: Annotated[str | None, typer.Option(help="Country.")] = None,
    region: Annotated[str | None, typer.Option(help="Region, e.g. 'North America'.")] = None,
    relationship: Annotated[
        str | None, typer.Option(help="customer, churned, lost, prospect or unknown.")
    ] = None,
) -> None:
    """Create or update a company and link interviews to it."""
    given = {
        "industry": industry,
        "employees": employees,
        "revenue": revenue,
        "funding": funding,
        "tech": tech,
        "country": country,
        "region": region,
        "relationship": relationship,
    }
    changes = {FIELD_OPTIONS[key]: value for key, value in given.items() if value is not None}
    try:
        for field, value in changes.items():
            companies.check_company_field(field, value)
    except ValueError as exc:
        raise fail(str(exc)) from None
    with workspace(ws) as engine, Session(engine) as session:
        company = company_named(session, name) or Company(name=name.strip())
        session.add(company)
        session.flush()
        assert company.id is not None
        for field, value in changes.items():
            companies.set_company_field(session, company.id, field, value)
        for interview_id in interview or []:
            row = session.get(Interview, interview_id)
            if row is None:
                raise fail(f"there is no interview {interview_id}; `groundwork interviews` lists them.")
            row.company_id = company.id
            session.add(row)
        session.commit()
        console.print(f"Company {company.id}: {shown(company.name)} saved")


@company_app.command("accept")
def accept_suggestions(
    ws: WorkspaceArg,
    company: Annotated[
        list[int] | None, typer.Option("--company", help="Only this company ID (repeatable); default all.")
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="Only suggestions of this kind, e.g. employee_count (repeatable)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be accepted; change nothing.")
    ] = False,
) -> None:
    """Accept the firmographics found in the transcripts into their companies (each shown with its quote).

    Tools are all added. Of several values for one field the first said is taken (for the head count, the
    largest, since team sizes are mentioned too); the others stay suggestions. Names are never changed.
    Dismissed suggestions are left alone.
    """
    with workspace(ws) as engine, Session(engine) as session:
        ids = company or list(session.exec(select(Company.id).order_by(col(Company.id))))
        accepted = 0
        for company_id in ids:
            name = companies.company_field(session, company_id, "name")
            for suggestion in _chosen(companies.suggestions_of(session, company_id), field):
                try:
                    value = companies.accepted_value(session, suggestion)
                    companies.set_company_field(session, company_id, suggestion.target, value)
                except ValueError as exc:
                    said = f"{shown(name)}: {shown(suggestion.field)} “{shown(suggestion.quote)}”"
                    console.print(f"[yellow]skipped[/] {said}: {shown(exc)}", soft_wrap=True)
                    continue
                companies.set_suggestion_status(session, suggestion.id, InsightStatus.ACCEPTED)
                console.print(
                    f"{shown(name)}: {suggestion.target} ← {shown(suggestion.value)}"
                    f"   “{shown(suggestion.quote)}”",
                    highlight=False,
                    soft_wrap=True,
                )
                accepted += 1
        if dry_run:
            session.rollback()
        else:
            session.commit()
    if dry_run:
        console.print(f"{accepted} suggestions would be accepted (dry run: nothing was changed)")
    else:
        console.print(f"{accepted} suggestions accepted")


def _chosen(
    suggestions: list[companies.SuggestionRow], fields: list[str] | None
) -> list[companies.SuggestionRow]:
    """The pending suggestions to accept in bulk: every tool and note, one value per single-valued field."""
    pending = [
        s
        for s in suggestions
        if s.status == InsightStatus.SUGGESTED and s.target != "name" and (not fields or s.field in fields)
    ]
    chosen: dict[str, companies.SuggestionRow] = {}
    many: list[companies.SuggestionRow] = []
    for suggestion in pending:
        target = suggestion.target
        if target in ("tech_stack", "notes"):
            many.append(suggestion)
        elif target == "employee_count":
            best = chosen.get(target)
            if best is None or _head_count(suggestion) > _head_count(best):
                chosen[target] = suggestion
        else:
            chosen.setdefault(target, suggestion)
    return [*chosen.values(), *many]


def _head_count(suggestion: companies.SuggestionRow) -> int:
    try:
        return int(companies.head_count(suggestion.value))
    except ValueError:
        return 0
