"""CLI commands for extraction and models: extract, extract-file, models, probe."""

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
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from synthesis.cli.common import console, err_console, fail, workspace
from synthesis.extraction.learned.scorer import SHOW_ALL
from synthesis.extraction.model_choice import (
    ModelChoice,
    ModelUse,
    choose_extractor,
    describe_probe,
    record_probe,
)
from synthesis.extraction.pipeline import extract_turns
from synthesis.extraction.run import run_extraction
from synthesis.ingest import TranscriptError, parse_file
from synthesis.llm.base import LlmError
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.discovery import discover_models
from synthesis.llm.probe import run_probe

ModelOpt = Annotated[
    Path | None, typer.Option("--model", help="A GGUF model file (default: the bundled one).")
]
ServerOpt = Annotated[
    str | None,
    typer.Option("--server", help="Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080."),
]
ModelNameOpt = Annotated[str | None, typer.Option("--model-name", help="The model name on the server.")]
NoModelOpt = Annotated[bool, typer.Option("--no-model", help="Rules only; load no model.")]
ForceOpt = Annotated[
    bool, typer.Option("--force-model", help="Let the model lead even if it fails the capability probe.")
]
CtxOpt = Annotated[int, typer.Option("--ctx", help="Context size in tokens for a local model.")]


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("extract-file")(extract_file)
    app.command("models")(models)
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


def _choose(
    model: Path | None, server: str | None, model_name: str | None, no_model: bool, force: bool, ctx: int
) -> ModelChoice:
    if server and model:
        raise fail("give either --model or --server, not both.")
    use = ModelUse.OFF if no_model else ModelUse.FORCE if force else ModelUse.AUTO
    try:
        return choose_extractor(
            model_path=model, server_url=server, model_name=model_name, use=use, n_ctx=ctx
        )
    except LlmError as exc:
        raise fail(str(exc)) from None


def extract(
    ws: Annotated[Path, typer.Argument(help="The workspace file.")],
    model: ModelOpt = None,
    server: ServerOpt = None,
    model_name: ModelNameOpt = None,
    no_model: NoModelOpt = False,
    force_model: ForceOpt = False,
    ctx: CtxOpt = 4096,
) -> None:
    """Extract evidence-backed insights from every interview; Ctrl-C stops, the next run resumes."""
    with workspace(ws) as engine:
        choice = _choose(model, server, model_name, no_model, force_model, ctx)
        err_console.print(choice.reason, highlight=False)
        record_probe(engine, choice)
        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
        with _ctrl_c_cancels() as stop, Progress(*columns, console=err_console) as bar:
            task = bar.add_task("Starting", total=1.0)
            try:
                summary = run_extraction(
                    engine,
                    choice.extractor,
                    progress=lambda fraction, stage: bar.update(task, completed=fraction, description=stage),
                    cancel=stop.is_set,
                )
            except LlmError as exc:
                raise fail(f"extraction stopped: {exc}") from None
    console.print(
        f"Run {summary.run_id} {summary.status}: {summary.insights_stored} insights stored from "
        f"{summary.interviews} interviews ({summary.chunks_done} chunks read, "
        f"{summary.chunks_skipped} already done, {summary.quotes_dropped} unverifiable model quotes dropped)."
    )
    if summary.status != "completed":
        console.print("Run `groundwork extract` again to resume where it stopped.")
        raise typer.Exit(130)


def extract_file(
    file: Annotated[Path, typer.Argument(help="A transcript file; nothing is imported.")],
    output_format: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    model: ModelOpt = None,
    server: ServerOpt = None,
    model_name: ModelNameOpt = None,
    no_model: NoModelOpt = False,
    force_model: ForceOpt = False,
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
    choice = _choose(model, server, model_name, no_model, force_model, ctx)
    err_console.print(choice.reason, highlight=False)
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


def models(
    folder: Annotated[
        list[Path] | None, typer.Option("--dir", help="Another folder to search (repeatable).")
    ] = None,
) -> None:
    """List the GGUF models found on this machine (LM Studio, GPT4All, Jan, Hugging Face, Ollama, bundled)."""
    found = discover_models(extra_dirs=folder or [])
    table = Table("Model", "Source", "Architecture", "Parameters", "Quantisation", "Context", "Path")
    for item in found:
        info = item.info
        if info is None:
            table.add_row(item.display_name, item.source, f"[red]{item.error}[/]", "", "", "", str(item.path))
            continue
        table.add_row(
            item.display_name,
            item.source,
            info.architecture or "",
            info.size_label or _millions(info.parameter_count),
            info.quantisation or "",
            str(info.context_length or ""),
            str(item.path),
        )
    console.print(table)
    console.print(f"{len(found)} models found")


def _millions(count: int) -> str:
    return f"{count / 1e9:.1f}B" if count >= 1e9 else f"{count / 1e6:.0f}M" if count else ""


def probe(
    model: ModelOpt = None,
    ctx: CtxOpt = 4096,
) -> None:
    """Run the capability probe on a model and say whether extraction will let it lead."""
    from synthesis.llm.llama_backend import LlamaBackend

    try:
        backend = LlamaBackend(model or bundled_model_path(), n_ctx=ctx)
        with _ctrl_c_cancels() as stop:
            result = run_probe(backend, cancel=stop.is_set)
    except LlmError as exc:
        raise fail(str(exc)) from None
    console.print(f"{backend.info().model_file}: {describe_probe(result)} in {result.elapsed_seconds:.1f} s")
    console.print(f"label accuracy {result.label_accuracy:.0%}, verbatim quotes {result.quote_accuracy:.0%}")
