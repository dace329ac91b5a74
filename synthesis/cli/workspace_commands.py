"""CLI commands for workspaces: init, import, interviews, search."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text
from sqlmodel import Session

from models.database import WorkspaceError, create_workspace
from models.queries import interviews, turn_counts
from models.search import MATCH_END, MATCH_START, search_turns
from synthesis.cli.common import console, fail, plain, shown, visible, workspace
from synthesis.importer import Outcome, import_paths

WorkspaceArg = Annotated[Path, typer.Argument(help="The workspace file (*.groundwork).")]


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("import")(import_files)
    app.command("interviews")(list_interviews)
    app.command("search")(search)


def init(ws: WorkspaceArg) -> None:
    """Create a new, empty workspace file for one client engagement."""
    try:
        create_workspace(ws).dispose()
    except WorkspaceError as exc:
        raise fail(str(exc)) from None
    console.print(f"Created workspace {shown(ws)}")


def import_files(
    ws: WorkspaceArg,
    paths: Annotated[list[Path], typer.Argument(help="Transcript files or folders to import.")],
    interviewer: Annotated[
        list[str] | None,
        typer.Option("--interviewer", help="A name that is always the interviewer (repeatable)."),
    ] = None,
    follow_links: Annotated[
        bool,
        typer.Option("--follow-links", help="Also import links in a folder to files outside that folder."),
    ] = False,
) -> None:
    """Import transcripts (txt, md, vtt, srt, docx, pdf); exits 1 if any file failed."""
    with workspace(ws) as engine:
        results = import_paths(engine, paths, interviewers=interviewer or [], follow_links=follow_links)
    table = Table("File", "Result", "Details")
    style = {Outcome.IMPORTED: "green", Outcome.DUPLICATE: "yellow", Outcome.FAILED: "red"}
    for result in results:
        details = "; ".join([result.message, *result.warnings])
        outcome = Text(str(result.outcome), style=style[result.outcome])
        table.add_row(*plain(result.path.name), outcome, *plain(details))
    console.print(table)
    counts = {outcome: sum(r.outcome == outcome for r in results) for outcome in Outcome}
    console.print(
        f"{counts[Outcome.IMPORTED]} imported, {counts[Outcome.DUPLICATE]} skipped as duplicates, "
        f"{counts[Outcome.FAILED]} failed"
    )
    if not results:
        raise fail(
            "no transcript files found in the given paths (supported: txt, md, vtt, srt, docx, pdf).", 1
        )
    if counts[Outcome.FAILED]:
        raise typer.Exit(1)


def list_interviews(ws: WorkspaceArg) -> None:
    """List the interviews in a workspace."""
    with workspace(ws) as engine, Session(engine) as session:
        rows = interviews(session)
        counts = turn_counts(session)
        table = Table("ID", "Title", "Date", "Interviewee", "Format", "Turns", "Source file")
        for row in rows:
            table.add_row(
                *plain(
                    row.id,
                    row.title,
                    row.date.isoformat() if row.date else "",
                    row.interviewee_name or "",
                    row.format,
                    counts.get(row.id or 0, 0),
                    row.source_file_name,
                )
            )
    console.print(table)
    console.print(f"{len(rows)} interviews")


def search(
    ws: WorkspaceArg,
    query: Annotated[str, typer.Argument(help="Words to find in what was said.")],
    limit: Annotated[int, typer.Option(help="Show at most this many matches.")] = 20,
) -> None:
    """Full-text search over every turn of every interview."""
    with workspace(ws) as engine, Session(engine) as session:
        hits = search_turns(session, query, limit=limit)
    table = Table("Interview", "Turn", "Speaker", "Text")
    for hit in hits:
        table.add_row(*plain(hit.interview_title, hit.turn_index + 1, hit.speaker), _highlighted(hit.snippet))
    console.print(table)
    console.print(f"{len(hits)} matches")


def _highlighted(snippet: str) -> Text:
    """The snippet with its matching words in bold, every other character shown as it is (control
    characters as escapes)."""
    text = Text()
    for number, part in enumerate(snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        text.append(visible(part), style="bold yellow" if number % 2 else "")
    return text
