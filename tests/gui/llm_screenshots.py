"""Render the Models screen to build/screenshots/models-*.png: the catalogue's fit on this computer, the
models on disk with a measured speed, fit on a small laptop, a download in progress, a failed download, and a
downloaded model that passed its probe.

Run: ``xvfb-run -a python tests/gui/llm_screenshots.py`` (or offscreen: QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.llm_catalogue_view import LlmCatalogueView  # noqa: E402
from desktop.llm_view import LlmView  # noqa: E402
from desktop.tasks import TaskRunner  # noqa: E402
from synthesis.llm.catalogue import load_catalogue  # noqa: E402
from synthesis.llm.discovery import discover_llms  # noqa: E402
from synthesis.llm.download import DownloadError, DownloadResult  # noqa: E402
from synthesis.llm.hardware import Hardware, detect_hardware  # noqa: E402
from synthesis.llm.model_store import ModelStore  # noqa: E402
from synthesis.llm.probe import ProbeResult  # noqa: E402

OUT = ROOT / "build" / "screenshots"
SIZE = (1120, 900)
GB = 1_000_000_000


def save(widget: QWidget, name: str, app: QApplication) -> Path:
    for _ in range(3):  # layout requests are posted events: let them all run
        app.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not save {path}")
    return path


def screen(folder: Path, app: QApplication, **catalogue_kwargs) -> LlmView:
    store = ModelStore(folder / "models.json", environ={"GROUNDWORK_MODELS_DIR": str(folder / "models")})
    runner = TaskRunner(synchronous=True)
    catalogue = LlmCatalogueView(runner, store=store, confirm_licence=lambda *_: True, **catalogue_kwargs)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    discover = lambda: discover_llms(extra_dirs=[store.models_dir()])  # noqa: E731
    view = LlmView(settings, runner, discover=discover, catalogue_view=catalogue)
    view.resize(*SIZE)
    view.show()
    app.processEvents()
    return view


def render(app: QApplication, folder: Path) -> list[Path]:
    shots = []
    view = screen(folder / "a", app)
    view.table.selectRow(0)
    view.catalogue_view.table.selectRow(2)
    shots.append(save(view, "models-catalogue", app))
    view.models_panel.measure_button.click()  # a real measured run of the bundled model
    shots.append(save(view, "models-on-disk-measured", app))

    def small(_folder: Path) -> Hardware:
        return Hardware(8 * GB, 5 * GB, 2, 4, False, 3 * GB, Path.home())

    view = screen(folder / "b", app, detect=small)
    view.catalogue_view.table.selectRow(3)
    shots.append(save(view, "models-small-laptop", app))

    def downloading(entry, target, sha256, progress, cancel) -> DownloadResult:
        progress(0.42, "2.0 GB of 4.7 GB, 24.8 MB/s, about 2 min left")
        shots.append(save(view, "models-downloading", app))
        raise DownloadError(
            f"{entry.file_name} did not match its checksum (expected sha256 {'0' * 64}, got {'f' * 64}). "
            "The downloaded file was deleted. Try again; if it fails again, the catalogue entry is outdated."
        )

    with_gpu = lambda f: detect_hardware(f, gpu_offload=True)  # noqa: E731
    view = screen(folder / "c", app, download=downloading, detect=with_gpu)
    view.catalogue_view.table.selectRow(3)
    view.catalogue_view.download_button.click()
    shots.append(save(view, "models-download-failed", app))

    def downloaded(entry, target, sha256, progress, cancel) -> DownloadResult:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"GGUF")
        return DownloadResult(target, "ab" * 32, 4_370_000_000, 0)

    def passed(path: Path, _cancel) -> ProbeResult:
        return ProbeResult(0.94, 0.92, 1.0, True, [], "ab" * 32, "p", 41.0)

    view = screen(folder / "d", app, download=downloaded, probe=passed)
    index = next(n for n, e in enumerate(load_catalogue().entries) if e.name == "mistral-7b-q4")
    view.catalogue_view.table.selectRow(index)
    view.catalogue_view.download_button.click()
    shots.append(save(view, "models-downloaded", app))
    return shots


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        for path in render(app, Path(folder)):
            print(path)


if __name__ == "__main__":
    main()
