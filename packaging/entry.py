"""Entry point of the packaged application: the desktop app, or ``--self-test`` to check the installation.

``groundwork --self-test`` runs headless (offscreen Qt): it opens the main window once, then creates a
workspace in a temporary folder, imports a sample, extracts with the bundled model, synthesises personas,
exports a report and reopens it. Exit status 0 when every step passed, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

SELF_TEST_FLAG = "--self-test"


def _say(line: str, stream: TextIO | None) -> None:
    """Print when there is a console (a windowed Windows build has none; the exit status still tells)."""
    if stream is not None:
        print(line, file=stream, flush=True)


def _check_qt(folder: Path) -> str:
    """Open the main window offscreen, with settings in ``folder`` so the user's own are never touched."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow(settings=QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    title = window.windowTitle()
    window.close()
    return f"Qt platform {app.platformName()}, main window “{title}”"


def self_test() -> int:
    """Run the installation self-test; prints one line per step and returns the exit status."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from synthesis.self_test import SelfTestError, StepResult, run_self_test, run_steps

    def show(result: StepResult) -> None:
        _say(f"ok   {result.name} ({result.seconds:.1f} s): {result.detail}", sys.stdout)

    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="groundwork-self-test-") as folder:
            run_steps([("start the desktop app (offscreen)", lambda: _check_qt(Path(folder)))], show)
            run_self_test(Path(folder), show)
    except SelfTestError as exc:
        _say(f"FAIL {exc}", sys.stderr)
        return 1
    _say(f"Self-test passed in {time.perf_counter() - started:.1f} s.", sys.stdout)
    return 0


def main() -> int:
    if SELF_TEST_FLAG in sys.argv[1:]:
        return self_test()
    from desktop.app import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
