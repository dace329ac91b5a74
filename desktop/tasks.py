"""Run plain functions ``fn(*, progress, cancel)`` off the GUI thread, one at a time.

Results, progress and failures arrive on the GUI thread through Qt signals. Each task has a key (usually
the view that started it); starting a task under a key cancels the previous task of that key, whose late
results are then dropped. Tasks must return plain data or ids, never live ORM objects.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from synthesis.tasks import Cancel, Progress

log = logging.getLogger(__name__)

TaskFn = Callable[..., Any]
"""Called as ``fn(progress=..., cancel=...)``; its return value is handed to ``on_success``."""


class TaskHandle(QObject):
    """One submitted task: its signals are emitted on the GUI thread."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._cancel_event = threading.Event()
        self.done = False

    def cancel(self) -> None:
        """Ask the task to stop; it sees this through its ``cancel()`` callback."""
        self._cancel_event.set()

    def is_cancelled(self) -> bool:
        return self._cancel_event.is_set()

    @Slot(float, str)
    def _on_progress(self, fraction: float, stage: str) -> None:
        if not self.is_cancelled():
            self.progressed.emit(fraction, stage)

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self._finish(lambda: self.succeeded.emit(result))

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self._finish(lambda: self.failed.emit(message))

    def _finish(self, emit: Callable[[], None]) -> None:
        self.done = True
        if self.is_cancelled():
            self.cancelled.emit()
        else:
            emit()
        self.finished.emit()


class _Relay(QObject):
    """Carries a worker's reports to its handle: emitted on the worker thread, received on the GUI thread."""

    progress = Signal(float, str)
    result = Signal(object)
    error = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: TaskFn, handle: TaskHandle) -> None:
        super().__init__()
        self._fn = fn
        self._cancel: Cancel = handle.is_cancelled
        self._relay = _Relay()
        self._relay.progress.connect(handle._on_progress)
        self._relay.result.connect(handle._on_result)
        self._relay.error.connect(handle._on_error)

    def run(self) -> None:
        report: Progress = self._relay.progress.emit
        try:
            result = self._fn(progress=report, cancel=self._cancel)
        except Exception as exc:
            log.exception("Background task failed")
            self._relay.error.emit(str(exc) or type(exc).__name__)
        else:
            self._relay.result.emit(result)


DB_LANE = "db"
"""Database reads and writes of the views."""
MODEL_LANE = "model"
"""Language-model work (synthesis runs, capability probes): one model instance, driven by one thread."""


class TaskRunner(QObject):
    """One worker thread per lane (database work, model work); ``synchronous=True`` runs tasks inline (tests).

    A long synthesis run on the model lane never holds up the views' reads on the database lane.
    """

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self._synchronous = synchronous
        self._pools: dict[str, QThreadPool] = {}
        self._current: dict[str, TaskHandle] = {}

    def _pool(self, lane: str) -> QThreadPool:
        pool = self._pools.get(lane)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
            self._pools[lane] = pool
        return pool

    def run(
        self,
        key: str,
        fn: TaskFn,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
        lane: str = DB_LANE,
    ) -> TaskHandle:
        """Start ``fn`` under ``key`` on ``lane``, cancelling the key's previous task; callbacks run on the
        GUI thread."""
        previous = self._current.get(key)
        if previous is not None and not previous.done:
            previous.cancel()
        handle = TaskHandle(key, self)
        if on_success is not None:
            handle.succeeded.connect(on_success)
        if on_failure is not None:
            handle.failed.connect(on_failure)
        if on_progress is not None:
            handle.progressed.connect(on_progress)
        handle.finished.connect(lambda: self._forget(handle))
        self._current[key] = handle
        job = _Job(fn, handle)
        if self._synchronous:
            job.run()
        else:
            self._pool(lane).start(job)
        return handle

    def _forget(self, handle: TaskHandle) -> None:
        if self._current.get(handle.key) is handle:
            del self._current[handle.key]
        handle.deleteLater()

    def is_busy(self, key: str | None = None) -> bool:
        if key is None:
            return bool(self._current)
        return key in self._current

    def cancel_all(self) -> None:
        for handle in self._current.values():
            handle.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel every task and wait for the worker; True when it stopped in time."""
        self.cancel_all()
        return all(pool.waitForDone(timeout_ms) for pool in self._pools.values())
