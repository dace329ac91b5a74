"""The installation self-test's logic: steps in order, the first failure named, the report reopened."""

from pathlib import Path

import docx
import pytest
from docx.opc.exceptions import PackageNotFoundError

from synthesis import self_test
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.extraction.pipeline import Extractor
from synthesis.self_test import SelfTestError, StepResult, check_report, run_self_test, run_steps


def test_steps_run_in_order_and_report_each() -> None:
    seen: list[StepResult] = []
    results = run_steps([("one", lambda: "first"), ("two", lambda: "second")], seen.append)
    assert [(r.name, r.detail) for r in results] == [("one", "first"), ("two", "second")]
    assert seen == results


def test_first_failure_stops_the_run_and_names_the_step() -> None:
    ran: list[str] = []

    def broken() -> str:
        raise OSError("disk full")

    steps = [("ok", lambda: "fine"), ("export", broken), ("never", lambda: ran.append("never") or "")]
    with pytest.raises(SelfTestError, match=r"^export failed: OSError: disk full$"):
        run_steps(steps, lambda _r: None)
    assert ran == []


def test_check_report_needs_text(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    with pytest.raises(SelfTestError, match="holds no text"):
        check_report(empty)
    full = tmp_path / "full.docx"
    document = docx.Document()
    document.add_heading("Report", 0)
    document.add_table(rows=1, cols=1)
    document.save(str(full))
    assert check_report(full) == "full.docx: 1 paragraphs, 1 tables"
    with pytest.raises(PackageNotFoundError):
        check_report(tmp_path / "missing.docx")


def test_whole_self_test_on_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        self_test, "choose_extractor", lambda **_kwargs: LlmChoice(Extractor(), "rules only (test)")
    )
    names = [r.name for r in run_self_test(tmp_path)]
    assert names == [
        "create workspace",
        "import sample",
        "extract (bundled model, auto)",
        "synthesise personas",
        "export and reopen report",
        "export anonymised and scan for names",
    ]
    assert (tmp_path / "self-test.groundwork").is_file() and (tmp_path / "self-test.docx").is_file()
    assert (tmp_path / "self-test-anonymised.docx").is_file()


def test_the_leak_scan_fails_when_a_name_survives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        self_test, "choose_extractor", lambda **_kwargs: LlmChoice(Extractor(), "rules only (test)")
    )
    monkeypatch.setattr("synthesis.report.labels.Anonymiser.text", lambda _self, text, **_kw: text)
    with pytest.raises(SelfTestError, match=r"^export anonymised and scan for names failed: .*terms remain"):
        run_self_test(tmp_path)


def test_a_failing_step_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(self_test, "SAMPLE_FILE", "no-such-sample.txt")
    with pytest.raises(SelfTestError, match=r"^import sample failed"):
        run_self_test(tmp_path)
