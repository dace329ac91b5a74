"""Get a catalogue model ready to use: licence accepted, downloaded and verified, probed, sha256 pinned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from synthesis.llm.catalogue import Catalogue, CatalogueEntry, CatalogueError
from synthesis.llm.download import DownloadError, DownloadResult, download_file
from synthesis.llm.model_store import ModelStore
from synthesis.llm.probe import ProbeResult
from synthesis.tasks import Cancel, Progress, never_cancel, no_progress, sub_progress

ProbeFile = Callable[[Path, Cancel], ProbeResult]
"""Runs the capability probe on a model file (and remembers the result)."""


class LicenceNotAccepted(DownloadError):
    """The user has not accepted the model's licence yet."""


@dataclass(frozen=True)
class InstallResult:
    entry_name: str
    download: DownloadResult
    probe: ProbeResult | None
    verified: bool
    """True when the download was checked against a known sha256 (the catalogue's or a pinned one)."""
    pinned: bool
    """True when this download's sha256 was pinned (there was none to check against)."""

    @property
    def path(self) -> Path:
        return self.download.path


def licence_text(entry: CatalogueEntry) -> str:
    """What the user reads before accepting the licence."""
    return (
        f"{entry.display_name} is published under the {entry.licence}.\n"
        f"{entry.licence_note}\nRead it at {entry.licence_url}"
    )


def expected_sha256(entry: CatalogueEntry, store: ModelStore) -> str | None:
    """The catalogue's sha256, else the one pinned from an earlier download that passed its probe."""
    return entry.sha256 or store.pinned(entry.name)


def pin_after_probe(entry: CatalogueEntry, store: ModelStore, sha256: str, probe: ProbeResult) -> bool:
    """Pin the downloaded file's sha256 when none was known and it passed its probe; True if pinned."""
    if expected_sha256(entry, store) is not None or not probe.passed:
        return False
    store.pin(entry.name, sha256)
    return True


def install_model(
    entry: CatalogueEntry,
    catalogue: Catalogue,
    store: ModelStore,
    *,
    probe: ProbeFile | None,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
) -> InstallResult:
    """Download ``entry`` into the store's folder, then probe it; the sha256 is pinned if the probe passes.

    Raises LicenceNotAccepted before any network access when its licence was not accepted.
    """
    if not store.licence_accepted(entry.licence):
        raise LicenceNotAccepted(f"Accept the {entry.licence} first.\n{licence_text(entry)}")
    expected = expected_sha256(entry, store)
    result = download_file(
        entry.url,
        store.models_dir() / entry.file_name,
        sha256=expected,
        redirect_allowed=catalogue.redirect_allowed,
        progress=sub_progress(progress, 0.0, 0.9 if probe else 1.0),
        cancel=cancel,
    )
    if probe is None:
        return InstallResult(entry.name, result, None, verified=expected is not None, pinned=False)
    progress(0.9, f"Running the capability probe on {entry.display_name}…")
    outcome = probe(result.path, cancel)
    pin = pin_after_probe(entry, store, result.sha256, outcome)
    progress(1.0, "Done")
    return InstallResult(entry.name, result, outcome, verified=expected is not None, pinned=pin)


def model_file(ref: str, store: ModelStore, catalogue: Catalogue) -> Path:
    """The model file ``ref`` names: a GGUF path, or the name of a downloaded catalogue model.

    Raises CatalogueError when ``ref`` is no file and names no catalogue model, or names one not downloaded.
    """
    path = Path(ref).expanduser()
    if path.is_file() or path.suffix.lower() == ".gguf" or len(path.parts) > 1:
        return path
    try:
        entry = catalogue.entry(ref)
    except CatalogueError as exc:
        raise CatalogueError(f"'{ref}' is neither a model file nor a catalogue model. {exc}") from None
    downloaded = store.models_dir() / entry.file_name
    if not downloaded.is_file():
        raise CatalogueError(
            f"{entry.display_name} ('{ref}') is not downloaded to {store.models_dir()}: "
            f"run `groundwork models pull {ref}` first."
        )
    return downloaded


def probe_and_remember(path: Path, cancel: Cancel, *, n_gpu_layers: int = 0) -> ProbeResult:
    """The default ProbeFile: probe ``path`` with llama.cpp and keep the result in the probe cache."""
    from synthesis.llm.llama_backend import LlamaBackend
    from synthesis.llm.probe import run_probe
    from synthesis.llm.probe_cache import ProbeCache

    result = run_probe(LlamaBackend(path, n_ctx=4096, n_gpu_layers=n_gpu_layers), cancel=cancel)
    ProbeCache().put(result)
    return result
