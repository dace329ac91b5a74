"""`run_demo` end to end on the bundled samples: workspace content, ICP fit, personas and the Word report."""

from collections.abc import Iterator

import docx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from models.database import open_workspace
from models.tables import (
    Company,
    CompanyRelationship,
    EvidenceSpan,
    Insight,
    Interview,
    ModelProbe,
    PersonaIcp,
    Turn,
)
from synthesis.demo import REPORT_NAME, WORKSPACE_NAME, DemoResult, run_demo

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    stages: list[str] = []
    result = run_demo(tmp_path_factory.mktemp("demo"), progress=lambda _f, stage: stages.append(stage))
    assert "Demo finished" in stages and any("probe" in s for s in stages)
    return result


@pytest.fixture
def engine(demo: DemoResult) -> Iterator[Engine]:
    engine = open_workspace(demo.workspace)
    yield engine
    engine.dispose()


def test_files_and_summary(demo: DemoResult) -> None:
    assert demo.workspace.name == WORKSPACE_NAME and demo.report.name == REPORT_NAME
    assert demo.workspace.is_file() and demo.report.is_file()
    assert demo.interviews == 8 and demo.companies == 8 and demo.insights > 50
    assert "probe" in demo.llm_reason
    assert len(demo.icp_criteria) in (3, 4)
    fits = {line.company: line.fits for line in demo.fits}
    assert fits["Caledon Mutual Bank"] is False and fits["Fernhollow Studio"] is False
    assert sum(fits.values()) == 6
    outside = " ".join(demo.outside_icp)
    assert len(demo.outside_icp) == 2 and "Caledon Mutual Bank" in outside and "Fernhollow Studio" in outside
    assert demo.seconds < 300


def test_the_probe_that_decided_extraction_is_stored(demo: DemoResult, engine: Engine) -> None:
    with Session(engine) as session:
        probes = session.exec(select(ModelProbe)).all()
    assert len(probes) == 1
    assert probes[0].passed is demo.llm_led and probes[0].model_file in demo.llm_reason


def test_interviews_linked_to_crm_companies(engine: Engine) -> None:
    with Session(engine) as session:
        interviews = session.exec(select(Interview)).all()
        companies = session.exec(select(Company)).all()
    assert len(interviews) == 8 and len(companies) == 8
    assert all(i.company_id is not None for i in interviews)
    assert len({i.company_id for i in interviews}) == 8
    assert all(c.relationship != CompanyRelationship.UNKNOWN and c.employee_count for c in companies)


def test_every_insight_has_verified_evidence(engine: Engine) -> None:
    with Session(engine) as session:
        insight_ids = set(session.exec(select(Insight.id)))
        rows = session.exec(select(EvidenceSpan, Turn).join(Turn, col(Turn.id) == EvidenceSpan.turn_id)).all()
    assert {span.insight_id for span, _ in rows} == insight_ids
    for span, turn in rows:
        assert turn.text[span.start : span.end] == span.quote


def test_personas_linked_to_the_icp(engine: Engine, demo: DemoResult) -> None:
    with Session(engine) as session:
        linked = set(session.exec(select(PersonaIcp.persona_id)))
    assert len(linked) >= 2 and len(demo.personas) >= 2


def _all_text(document: docx.document.Document) -> str:
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    headers = (p.text for section in document.sections for p in section.header.paragraphs)
    return "\n".join([*(p.text for p in document.paragraphs), *cells, *headers])


def test_report_opens_and_is_marked_draft(demo: DemoResult) -> None:
    text = _all_text(docx.Document(str(demo.report)))
    assert "DRAFT" in text.upper()
    assert "Caledon Mutual Bank" in text and "Mid-market B2B software" in text


def test_rerun_starts_fresh_and_leaves_other_files(demo: DemoResult) -> None:
    folder = demo.workspace.parent
    keep = folder / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    again = run_demo(folder)
    assert again.interviews == 8 and again.insights == demo.insights
    assert keep.read_text(encoding="utf-8") == "mine"
