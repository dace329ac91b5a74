"""Render the screens of the split synthesis and the small conventions to build/screenshots/*.png.

Run: ``python -m tests.gui.screenshots_synthesis`` (under Xvfb: ``DISPLAY=:8 QT_QPA_PLATFORM=xcb``). Shows an
empty workspace's hint, the capability probe as step 1 with its own progress, the Models page after the run,
the redraft question, a dismissed firmographic suggestion, a search hit's turn with its words marked, and the
note offering to open an exported report.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlmodel import Session, select

from desktop import export_dialog
from desktop.llm_settings import LlmSettings, save_model_settings
from desktop.main_window import MainWindow
from desktop.tasks import TaskRunner
from models.tables import Company, Persona
from synthesis.demo import ICP_CRITERIA, ICP_DESCRIPTION, ICP_NAME, load_companies
from synthesis.extraction.llm_choice import PROBE_EXPLANATION, LlmChoice
from synthesis.extraction.pipeline import Extractor
from synthesis.icp.criteria import parse_criterion
from synthesis.icp.store import create_icp
from synthesis.llm.probe import ProbeResult
from tests.gui.sample import import_samples
from tests.gui.screenshots import OUT, ROOT, save, settle

SIZE = (1366, 768)
PROBE = ProbeResult(0.08, 0.17, 0.0, False, ["labelled 17% of sentences right (needs 70%)"], "x", "1+1", 14.2)


def slow_probe(_settings, cancel, progress) -> LlmChoice:
    """The probe as a small model runs it: 16 checks of a second each (the screen is caught at check 6)."""
    for done in range(1, 17):
        if cancel():
            break
        progress(done / 16, f"Testing tiny.gguf (check {done} of 16): {PROBE_EXPLANATION}")
        time.sleep(0.3)
    reason = "tiny.gguf: capability probe did not pass (score 0.08); extraction uses rules only"
    return LlmChoice(Extractor(), reason, PROBE, "tiny.gguf")


def shoot(app: QApplication, folder: Path) -> list[Path]:
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    model_file = folder / "tiny.gguf"
    model_file.write_bytes(b"GGUF screenshot model")
    save_model_settings(settings, LlmSettings(model_path=str(model_file)))
    window = MainWindow(settings, TaskRunner())
    window.resize(*SIZE)
    window.show()
    window.open_workspace_path(folder / "acme.groundwork", create=True)
    settle(app, lambda: not window.runner.is_busy())
    shots = [save(window, "12-empty-workspace-hint", SIZE, app)]
    engine = window.workspace.engine
    import_samples(engine)
    with Session(engine) as session:
        load_companies(session)
        create_icp(session, ICP_NAME, [parse_criterion(c) for c in ICP_CRITERIA], ICP_DESCRIPTION)
    window.workspace.contents_changed.emit()
    page = window.page

    page.show_section("insights")
    window.synthesis.choose_model = slow_probe
    window.run_synthesis()
    settle(app, lambda: "check 6 of 16" in window.statusBar().currentMessage(), 30)
    shots.append(save(window, "13-probe-step", SIZE, app))
    settle(app, lambda: not window.synthesis.is_running() and not window.runner.is_busy(), 60)
    page.show_section("models")
    settle(app, lambda: not window.runner.is_busy())
    shots.append(save(window, "14-models-after-run", SIZE, app))

    with Session(window.workspace.engine) as session:
        for persona in session.exec(select(Persona)).all()[:2]:
            persona.summary = "An older draft."
        session.commit()

    def question(parent, title, text, buttons, default):
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
        box.setDefaultButton(default)
        box.show()
        shots.append(save(box, "15-redraft-question", SIZE, app))
        box.close()
        return QMessageBox.StandardButton.No

    QMessageBox.question = question  # type: ignore[method-assign]
    window.redraft_personas()
    settle(app, lambda: not window.runner.is_busy())

    page.show_section("companies")
    with Session(window.workspace.engine) as session:
        quillfield = session.exec(select(Company).where(Company.name == "Quillfield Software")).one()
    page.companies.select_company(quillfield.id)
    settle(app, lambda: not window.runner.is_busy())
    waiting = [s for s in page.companies.suggestions if s.status == "suggested"]
    page.companies.accept(waiting[0])
    page.companies.dismiss(waiting[1])
    settle(app, lambda: not window.runner.is_busy())
    shots.append(save(window, "16-companies-dismissed", SIZE, app))

    page.search.box.setText("forecast")
    page.search.search_now()
    settle(app, lambda: page.search.results.count() > 3)
    hit = page.search.results.item(3)
    page.search.results.setCurrentItem(hit)
    page.search.results.itemActivated.emit(hit)
    settle(app, lambda: not window.runner.is_busy() and bool(page.interviews.browser.extraSelections()))
    shots.append(save(window, "17-search-jump", SIZE, app))

    export_dialog.ExportReportDialog.exec = lambda dialog: QDialog.DialogCode.Accepted  # type: ignore
    window.menu_actions.export_action.trigger()
    settle(app, lambda: window.findChild(QMessageBox, "report_exported") is not None, 60)
    shots.append(save(window.findChild(QMessageBox, "report_exported"), "18-report-exported", SIZE, app))
    window.close()
    return shots


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        for path in shoot(app, Path(folder)):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
