"""Entry point of the `groundwork` console script."""

from __future__ import annotations

from importlib.metadata import version
from typing import Annotated

import typer

from synthesis.cli import (
    company_commands,
    demo_commands,
    extract_commands,
    model_commands,
    report_commands,
    synthesis_commands,
    workspace_commands,
)

app = typer.Typer(
    help="Groundwork: evidence-backed ICPs and buyer personas from interview transcripts, on your machine.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
workspace_commands.register(app)
extract_commands.register(app)
model_commands.register(app)
synthesis_commands.register(app)
report_commands.register(app)
demo_commands.register(app)
company_commands.register(app)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"groundwork {version('groundwork')}")
        raise typer.Exit()


@app.callback()
def main(
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Groundwork command line."""
