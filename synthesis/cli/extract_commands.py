"""CLI commands for extraction and the capability probe: extract, extract-file, probe."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from synthesis.cli.common import console, err_console, fail, progress_bar, shown, workspace
from synthesis.extraction.learned.scorer import SHOW_ALL
from synthesis.extraction.llm_choice import (
    LlmChoice,
    LlmUse,
    choose_extractor,
    describe_probe,
)
from synthesis.extraction.lock import ExtractionBusy
from synthesis.extraction.pipeline import extract_turns
from synthesis.ingest import TranscriptError, parse_file
from synthesis.llm.base import LlmError
from synthesis.llm.catalogue import CatalogueError, load_catalogue
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.install import model_file
from synthesis.llm.model_store import ModelStore
from synthesis.llm.probe import run_probe
from synthesis.pipeline import extract_insights

LlmFileOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="A GGUF model file, or the catalogue name of a downloaded model (default: the bundled one).",
    ),
]
ServerOpt = Annotated[
    str | None,
    typer.Option("--server", help="Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080."),
]
LlmNameOpt = Annotated[str | None, typer.Option("--model-name", help="The model name on the server.")]
NoLlmOpt = Annotated[bool, typer.Option("--no-model", help="Rules only; load no model.")]
ForceLlmOpt = Annotated[
    bool, typer.Option("--force-model", help="Let the model lead even if it fails the capability probe.")
]
ApiKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--api-key", envvar="GROUNDWORK_API_KEY", help="API key for the server, sent as a bearer token."
    ),
]
CtxOpt = Annotated[int, typer.Option("--ctx", help="Context size in tokens for a local model.")]


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("extract-file")(extract_file)
    app.command("probe")(probe)


@contextmanager
def _ctrl_c_cancels() -> Iterator[threading.Event]:
    """Ctrl-C sets the returned event (a clean stop) instead of raising KeyboardInterrupt."""
    event = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: event.set())
    try:
        yield event
    finally:
        signal.signal(signal.SIGINT, previous)


def _model_file(ref: str | None) -> Path | None:
    """The --model file: a path, or a downloaded catalogue model's file (`groundwork models pull NAME`)."""
    if not ref:
        return None
    try:
        return model_file(ref, ModelStore(), load_catalogue())
    except CatalogueError as exc:
        raise fail(str(exc)) from None


def _choose(
    llm_file: str | None,
    server: str | None,
    llm_name: str | None,
    no_llm: bool,
    force: bool,
    ctx: int,
    api_key: str | None = None,
) -> LlmChoice:
    if server and llm_file:
        raise fail("give either --model or --server, not both.")
    use = LlmUse.OFF if no_llm else LlmUse.FORCE if force else LlmUse.AUTO
    try:
        return choose_extractor(
            model_path=_model_file(llm_file), server_url=server, model_name=llm_name, use=use, n_ctx=ctx,
            api_key=api_key,
        )  # fmt: skip
    except LlmError as exc:
        raise fail(str(exc)) from None


def extract(
    ws: Annotated[Path, typer.Argument(help="The workspace file.")],
    llm_file: LlmFileOpt = None,
    server: ServerOpt = None,
    llm_name: LlmNameOpt = None,
    no_llm: NoLlmOpt = False,
    force_llm: ForceLlmOpt = False,
    ctx: CtxOpt = 4096,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Re-extract every interview, also those already extracted unchanged."),
    ] = False,
    api_key: ApiKeyOpt = None,
) -> None:
    """Extract evidence-backed insights from new or changed interviews; Ctrl-C stops, the next run resumes.

    An interview already extracted by a completed run with the same model and settings is skipped unless
    its turns changed (e.g. a speaker's role); --all reads every interview again (nothing is duplicated).
    """
    with workspace(ws) as engine:
        choice = _choose(llm_file, server, llm_name, no_llm, force_llm, ctx, api_key)
        err_console.print(shown(choice.reason), highlight=False)
        bar = progress_bar("Starting", out=err_console, percent=True, transient=False)
        with _ctrl_c_cancels() as stop, bar as progress:
            try:
                summary = extract_insights(
                    engine, choice, everything=everything, progress=progress, cancel=stop.is_set
                )
            except LlmError as exc:
                raise fail(f"extraction stopped: {exc}") from None
            except ExtractionBusy as exc:
                raise fail(str(exc), 75) from None
    skipped = (
        f"; {summary.interviews_skipped} unchanged interviews skipped" if summary.interviews_skipped else ""
    )
    if summary.interviews == 0:
        console.print(
            f"Nothing to extract: no new or changed interviews{skipped}. Use --all to read them again."
        )
        return
    problems = summary.problems()
    console.print(
        f"Run {summary.run_id} {summary.status}{' with rejected model output' if problems else ''}: "
        f"{summary.insights_stored} insights stored from {summary.interviews} interviews "
        f"({summary.chunks_done} chunks read, {summary.chunks_skipped} already done){skipped}."
    )
    if problems:
        console.print(f"[yellow]Warning:[/] {shown(problems)}.", highlight=False)
    if summary.status != "completed":
        console.print("Run `groundwork extract` again to resume where it stopped.")
        raise typer.Exit(130)


def extract_file(
    file: Annotated[Path, typer.Argument(help="A transcript file; nothing is imported.")],
    output_format: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    llm_file: LlmFileOpt = None,
    server: ServerOpt = None,
    llm_name: LlmNameOpt = None,
    no_llm: NoLlmOpt = False,
    force_llm: ForceLlmOpt = False,
    ctx: CtxOpt = 4096,
    show_all: Annotated[
        bool, typer.Option("--all", help="Print every candidate, also those below the threshold.")
    ] = False,
) -> None:
    """Print one JSON object per suggestion above the confidence threshold (every candidate with --all).

    Each line: kind, statement, quote, start, end (offsets into the file text), speaker, and the calibrated
    confidence (the probability, measured by cross-validation, that the suggestion is right).
    """
    if output_format != "jsonl":
        raise fail(f"unknown format {output_format!r}; the only format is jsonl.")
    try:
        parsed = parse_file(file)
    except TranscriptError as exc:
        raise fail(str(exc), 1) from None
    choice = _choose(llm_file, server, llm_name, no_llm, force_llm, ctx)
    err_console.print(shown(choice.reason), highlight=False)
    with _ctrl_c_cancels() as stop:
        try:
            extractor = replace(choice.extractor, threshold=SHOW_ALL) if show_all else choice.extractor
            candidates = extract_turns(parsed.turns, extractor, cancel=stop.is_set)
        except LlmError as exc:
            raise fail(f"extraction stopped: {exc}") from None
    for candidate in candidates:
        turn = parsed.turns[candidate.turn_index]
        located = turn.to_source(candidate.start, candidate.end)
        if located is None:
            continue
        start, end = located
        record = {
            "kind": candidate.kind,
            "statement": candidate.statement,
            "quote": parsed.text[start:end],
            "start": start,
            "end": end,
            "speaker": turn.speaker,
            "confidence": candidate.confidence,
        }
        typer.echo(json.dumps(record, ensure_ascii=False))


def probe(
    llm_file: LlmFileOpt = None,
    ctx: CtxOpt = 4096,
    server: ServerOpt = None,
    llm_name: LlmNameOpt = None,
    api_key: ApiKeyOpt = None,
) -> None:
    """Run the capability probe on a model (a file or a server's) and say whether extraction lets it lead."""
    from synthesis.llm.llama_backend import LlamaBackend

    if server:
        from synthesis.llm.team_server import check_server

        with _ctrl_c_cancels() as stop:
            check = check_server(server, llm_name or "default", api_key=api_key, cancel=stop.is_set)
        if check.probe is None:
            raise fail(check.message)
        console.print(check.message, highlight=False)
        return
    try:
        backend = LlamaBackend(_model_file(llm_file) or bundled_model_path(), n_ctx=ctx)
        with _ctrl_c_cancels() as stop:
            result = run_probe(backend, cancel=stop.is_set)
    except LlmError as exc:
        raise fail(str(exc)) from None
    model_file = shown(backend.info().model_file)
    console.print(f"{model_file}: {describe_probe(result)} in {result.elapsed_seconds:.1f} s")
    console.print(f"label accuracy {result.label_accuracy:.0%}, verbatim quotes {result.quote_accuracy:.0%}")
