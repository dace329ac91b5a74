"""The log file in the user's data folder and the last-resort handler that shows errors as dialogs."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths, QThread
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("desktop")

LOG_FILE_NAME = "groundwork.log"


def data_folder() -> Path:
    """The platform's per-user application data folder (created when missing)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_path() -> Path:
    """``groundwork.log`` in the application data folder."""
    return data_folder() / LOG_FILE_NAME


def sample_folder() -> Path:
    """Where the sample workspace is built the first time it is opened."""
    return data_folder() / "sample"


def setup_logging(path: Path | None = None) -> Path:
    """Send INFO and above to a rotating log file; returns its path."""
    path = path or log_path()
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    return path


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log an uncaught exception and, on the GUI thread, tell the user in a dialog instead of a traceback."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("Uncaught exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return
    QMessageBox.critical(
        QApplication.activeWindow(),
        "Something went wrong",
        f"{exc or exc_type.__name__}\n\nGroundwork kept running. Details are in the log file:\n{log_path()}",
    )


def install_excepthook() -> None:
    sys.excepthook = handle_exception
