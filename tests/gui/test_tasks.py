"""The task runner: one worker thread, results on the GUI thread, cancellation, one task per key."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from desktop.tasks import MODEL_LANE, TaskRunner


@pytest.fixture
def runner(qtbot):
    task_runner = TaskRunner()
    yield task_runner
    assert task_runner.shutdown(5000)


def test_progress_and_result_arrive_on_the_gui_thread(qtbot, runner: TaskRunner) -> None:
    gui_thread = QApplication.instance().thread()
    reports: list[tuple[float, str, bool]] = []
    results: list[tuple[str, bool]] = []

    def work(progress, cancel) -> str:
        for step in range(3):
            progress(step / 3, f"step {step}")
        return threading.current_thread().name

    handle = runner.run(
        "view",
        work,
        on_success=lambda name: results.append((name, QThread.currentThread() is gui_thread)),
        on_progress=lambda f, s: reports.append((f, s, QThread.currentThread() is gui_thread)),
    )
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert [s for _, s, _ in reports] == ["step 0", "step 1", "step 2"]
    assert all(on_gui for *_, on_gui in reports)
    assert results[0][1] is True
    assert results[0][0] != threading.main_thread().name


def test_cancel_stops_the_task_and_drops_its_result(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    succeeded: list[object] = []
    saw_cancel: list[bool] = []

    def work(progress, cancel) -> str:
        started.set()
        deadline = time.monotonic() + 5
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        saw_cancel.append(cancel())
        return "finished anyway"

    handle = runner.run("view", work, on_success=succeeded.append)
    assert started.wait(5)
    assert runner.is_busy("view")
    with qtbot.waitSignal(handle.cancelled, timeout=5000):
        handle.cancel()
    assert saw_cancel == [True]  # the work stopped because it was cancelled, not at its deadline
    assert succeeded == []
    qtbot.waitUntil(lambda: not runner.is_busy("view"))


def test_a_new_task_for_the_same_view_cancels_the_previous_one(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    first_saw_cancel: list[bool] = []
    results: list[str] = []

    def slow(progress, cancel) -> str:
        started.set()
        while not cancel():
            time.sleep(0.01)
        first_saw_cancel.append(True)
        return "slow"

    first = runner.run("view", slow, on_success=results.append)
    assert started.wait(5)
    second = runner.run("view", lambda progress, cancel: "fast", on_success=results.append)
    with qtbot.waitSignals([first.cancelled, second.succeeded], timeout=5000):
        pass
    assert first_saw_cancel == [True]
    assert results == ["fast"]


def test_tasks_run_one_at_a_time_on_one_thread(qtbot, runner: TaskRunner) -> None:
    threads: list[str] = []
    active = []

    def work(progress, cancel) -> None:
        active.append(1)
        assert len(active) == 1
        threads.append(threading.current_thread().name)
        time.sleep(0.02)
        active.pop()

    handles = [runner.run(f"view{n}", work) for n in range(4)]
    with qtbot.waitSignals([h.finished for h in handles], timeout=5000):
        pass
    assert len(threads) == 4
    assert len(set(threads)) == 1


def test_model_work_does_not_hold_up_the_views_reads(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    model_threads: list[str] = []

    def model_work(progress, cancel) -> None:
        model_threads.append(threading.current_thread().name)
        started.set()
        while not cancel():
            time.sleep(0.01)

    long_run = runner.run("synthesis", model_work, lane=MODEL_LANE)
    assert started.wait(5)
    with qtbot.waitSignal(
        runner.run("view", lambda progress, cancel: threading.current_thread().name).succeeded, timeout=2000
    ) as blocker:
        pass
    assert runner.is_busy("synthesis")
    assert blocker.args[0] != model_threads[0]
    with qtbot.waitSignal(long_run.cancelled, timeout=2000):
        long_run.cancel()


def test_a_failure_is_reported_as_a_message(qtbot, runner: TaskRunner) -> None:
    def work(progress, cancel) -> None:
        raise ValueError("the file is damaged")

    handle = runner.run("view", work)
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    assert blocker.args == ["the file is damaged"]


def test_the_synchronous_runner_finishes_before_returning(qtbot) -> None:
    results: list[int] = []
    TaskRunner(synchronous=True).run("view", lambda progress, cancel: 42, on_success=results.append)
    assert results == [42]
