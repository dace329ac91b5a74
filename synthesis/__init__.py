"""Groundwork's domain: ingest, extraction, ICPs, personas, language-model backends and reports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("groundwork")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
