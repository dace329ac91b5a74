"""Composition root of the desktop application."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.diagnostics import install_excepthook, setup_logging
from desktop.main_window import MainWindow


def main() -> int:
    """Start the Groundwork desktop application; a workspace path may be given as the first argument."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Groundwork")
    app.setOrganizationName("Groundwork")
    app.setApplicationDisplayName("Groundwork")
    log_file = setup_logging()
    install_excepthook()
    logging.getLogger(__name__).info("Groundwork started; log file %s", log_file)
    window = MainWindow()
    window.show()
    arguments = app.arguments()[1:]
    if arguments:
        window.open_workspace_path(Path(arguments[0]))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
