"""Callback types for long work: plain functions report progress and poll for cancellation."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]
"""Called with the fraction done (0..1) and a short stage description."""

Cancel = Callable[[], bool]
"""Returns True once the user asked to stop."""


def no_progress(_fraction: float, _stage: str) -> None:
    """A progress callback that ignores its reports."""


def never_cancel() -> bool:
    return False


def sub_progress(progress: Progress, start: float, end: float) -> Progress:
    """Map a sub-step's 0..1 progress onto the [start, end] part of ``progress``."""

    def report(fraction: float, stage: str) -> None:
        progress(start + (end - start) * min(max(fraction, 0.0), 1.0), stage)

    return report
