"""CLI commands for language models: `models` (catalogue, models on disk, fit), `models pull`, `folder`."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from synthesis.cli.common import console, fail, plain, shown, visible
from synthesis.cli.extract_commands import _ctrl_c_cancels
from synthesis.extraction.llm_choice import describe_probe
from synthesis.llm.base import LlmError
from synthesis.llm.catalogue import CatalogueError, load_catalogue
from synthesis.llm.discovery import DiscoveredLlm, discover_llms
from synthesis.llm.download import DownloadCancelled, DownloadError, describe_bytes
from synthesis.llm.fit import fit_entry, fit_model, gpu_layers, recommend
from synthesis.llm.hardware import Hardware, detect_hardware
from synthesis.llm.install import install_model, licence_text, probe_and_remember
from synthesis.llm.model_store import ModelStore
from synthesis.llm.speed import measure_speed

models_app = typer.Typer(
    help="Language models: the catalogue, models on this computer, how they fit, and downloads.",
    no_args_is_help=False,
)


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")


def _hardware_line(hardware: Hardware) -> str:
    gpu = "GPU offload available" if hardware.gpu_offload else "no GPU offload in this llama.cpp build"
    return (
        f"This computer: {describe_bytes(hardware.total_ram)} RAM ({describe_bytes(hardware.available_ram)} "
        f"free), {hardware.cpu_threads} CPU cores, {gpu}, {describe_bytes(hardware.free_disk)} free disk "
        f"in {hardware.disk_folder}."
    )


@models_app.callback(invoke_without_command=True)
def models(
    ctx: typer.Context,
    folder: Annotated[
        list[Path] | None, typer.Option("--dir", help="Another folder to search (repeatable).")
    ] = None,
    measure: Annotated[
        bool, typer.Option("--measure", help="Time a short generation of each model found (slow).")
    ] = False,
) -> None:
    """List the catalogue and the GGUF models on this computer, with how each fits this machine."""
    if ctx.invoked_subcommand is not None:
        return
    store = ModelStore()
    hardware = detect_hardware(store.models_dir())
    console.print(_hardware_line(hardware), highlight=False)
    catalogue = Table("Name", "Model", "Size", "Licence", "Context", "Fit", "Downloaded", title="Catalogue")
    for entry in load_catalogue().entries:
        downloaded = (store.models_dir() / entry.file_name).is_file()
        fit = fit_entry(entry, hardware, downloaded=downloaded)
        catalogue.add_row(
            entry.name, entry.display_name, describe_bytes(entry.size_bytes), entry.licence,
            f"{fit.context.n_ctx:,}", fit.verdict, "yes" if downloaded else "",
        )  # fmt: skip
    console.print(catalogue)
    found = discover_llms(extra_dirs=folder or [])
    speeds = store.remembered_speeds((item.path, item.size_bytes) for item in found)
    table = Table("Model", "Source", "Architecture", "Quantisation", "Context", "Fit", "Speed", "Path")
    fits = []
    for item in found:
        info, fit = item.info, fit_model(item, hardware)
        fits.append((item, fit))
        if info is None or fit is None:
            error = Text(visible(item.error), style="red")
            table.add_row(*plain(item.display_name, item.source), error, "", "", "", "", *plain(item.path))
            continue
        speed = _measure(item, fit.n_gpu_layers, store, speeds) if measure else ""
        if not speed and str(item.path) in speeds:
            speed = f"{speeds[str(item.path)]:.1f} tokens/s (measured before)"
        table.add_row(
            *plain(item.display_name, item.source, info.architecture or "", info.quantisation or ""),
            *plain(fit.context.reason, fit.verdict), speed, *plain(item.path),
        )  # fmt: skip
    console.print(table)
    console.print(f"{len(found)} models found. {recommend(fits, speeds)}", highlight=False)


def _measure(item: DiscoveredLlm, n_gpu_layers: int, store: ModelStore, speeds: dict[str, float]) -> str:
    """Time a short generation of ``item``; the store (and ``speeds``) remember the result."""
    with _ctrl_c_cancels() as stop:
        try:
            result = measure_speed(item.path, n_gpu_layers=n_gpu_layers, cancel=stop.is_set)
        except LlmError as exc:
            return f"[red]{shown(exc)}[/]"
    store.remember_speed(item.path, item.size_bytes, result.tokens_per_second)
    speeds[str(item.path)] = result.tokens_per_second
    return result.describe()


@models_app.command("folder")
def folder_command(
    path: Annotated[Path | None, typer.Argument(help="The new folder for downloaded models.")] = None,
) -> None:
    """Show, or set, the folder models are downloaded to (it is also searched for models)."""
    store = ModelStore()
    if path is not None:
        store.set_models_dir(path.expanduser().absolute())
    console.print(str(store.models_dir()), highlight=False)


@models_app.command("pull")
def pull(
    name: Annotated[
        str, typer.Argument(help="The catalogue name, e.g. qwen2.5-7b-q4 (see `groundwork models`).")
    ],
    accept_licence: Annotated[
        bool, typer.Option("--accept-licence", help="Accept the model's licence without asking.")
    ] = False,
    no_probe: Annotated[
        bool, typer.Option("--no-probe", help="Download only; skip the capability probe.")
    ] = False,
) -> None:
    """Download a catalogue model (resumable: Ctrl-C keeps the partial file), verify it and probe it."""
    store = ModelStore()
    catalogue = load_catalogue()
    try:
        entry = catalogue.entry(name)
    except CatalogueError as exc:
        raise fail(str(exc)) from None
    if not store.licence_accepted(entry.licence):
        console.print(licence_text(entry), highlight=False)
        if not (accept_licence or typer.confirm(f"Accept the {entry.licence}?", default=False)):
            raise fail("The licence was not accepted; nothing was downloaded.")
        store.accept_licence(entry.licence)
    layers = gpu_layers(detect_hardware(store.models_dir()))
    columns = (BarColumn(), TaskProgressColumn(), TextColumn("{task.description}"))
    console.print(f"Downloading {entry.display_name} to {store.models_dir()}", highlight=False)
    try:
        with Progress(*columns, console=console, transient=True) as bar, _ctrl_c_cancels() as stop:
            task = bar.add_task("starting…", total=1.0)
            result = install_model(
                entry, catalogue, store, cancel=stop.is_set,
                progress=lambda fraction, stage: bar.update(task, completed=fraction, description=stage),
                probe=None if no_probe else partial(probe_and_remember, n_gpu_layers=layers),
            )  # fmt: skip
    except DownloadCancelled as exc:
        raise fail(str(exc), code=130) from None
    except (DownloadError, LlmError) as exc:
        raise fail(str(exc)) from None
    checked = "sha256 verified" if result.verified else "sha256 computed (none known to check against)"
    console.print(
        f"Downloaded {result.path} ({describe_bytes(result.download.size_bytes)}), {checked}: "
        f"{result.download.sha256}",
        highlight=False,
    )
    if result.probe is None:
        return
    console.print(f"{entry.display_name}: {describe_probe(result.probe)}", highlight=False)
    if result.pinned:
        console.print("Its sha256 is now pinned: a later download must match it.")
    if result.probe.passed:
        console.print(f"Use it: groundwork extract WORKSPACE --model {entry.name}", highlight=False)
