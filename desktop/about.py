"""The Help → About text: versions of Groundwork and its engines, and the model in use."""

from __future__ import annotations

import platform
import sqlite3
from html import escape
from importlib.metadata import PackageNotFoundError, version

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion

from synthesis import __version__
from synthesis.llm.base import ModelLoadError
from synthesis.llm.default_model import bundled_model_path


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def model_in_use() -> str:
    try:
        return bundled_model_path().name + " (bundled)"
    except ModelLoadError:
        return "none (no model installed)"


def about_html() -> str:
    rows = [
        ("Groundwork", __version__),
        ("Python", platform.python_version()),
        ("Qt / PySide6", f"{qVersion()} / {pyside_version}"),
        ("SQLite", sqlite3.sqlite_version),
        ("llama-cpp-python", _package_version("llama-cpp-python")),
        ("Language model", model_in_use()),
    ]
    table = "".join(f"<tr><td>{escape(k)}&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return (
        "<h3>Groundwork</h3><p>Evidence-backed ICPs and buyer personas from customer interviews, "
        f"on your own computer.</p><table>{table}</table>"
    )
