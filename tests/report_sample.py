"""A realistic report workspace from the bundled samples: import, companies, rules extraction, ICP, personas.

Shared by the report tests, the report benchmark and the page renderer.
"""

from __future__ import annotations

import json
from importlib.resources import as_file, files
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from models.database import create_workspace
from models.tables import (
    Company,
    CompanyRelationship,
    Insight,
    InsightStatus,
    Interview,
    WorkspaceSetting,
)
from synthesis.extraction.run import run_extraction
from synthesis.icp.criteria import parse_criterion
from synthesis.icp.store import create_icp
from synthesis.importer import import_paths
from synthesis.personas.synthesize import synthesize_personas

SAMPLES = files("synthesis") / "samples"
JOB_TITLES = {
    "01-quillfield-software.txt": "Director of Revenue Operations",
    "02-harbourline.txt": "VP Sales",
    "03-corvane.vtt": "Senior Manager, Sales Operations",
    "04-orbisana.srt": "Chief Revenue Officer",
    "05-mosswell-analytics.md": "Revenue Operations Manager",
    "06-tessellate-security.txt": "VP of Sales, North America",
    "07-caledon-mutual-bank.txt": "Head of Sales Performance, Commercial Banking",
    "08-fernhollow-studio.txt": "Founder and Managing Director",
}
"""What the consultant fills in per interview (from the samples' README)."""
ICP_CRITERIA = ("employees:100-1000", "funding:series b,series c,series d", "tech_stack:Salesforce,HubSpot")


def _load_companies(session: Session) -> None:
    entries = json.loads((SAMPLES / "companies.json").read_text(encoding="utf-8"))
    by_file = {i.source_file_name: i for i in session.exec(select(Interview))}
    for entry in entries:
        transcript = entry.pop("transcript")
        entry["relationship"] = CompanyRelationship(entry["relationship"])
        company = Company(**entry)
        session.add(company)
        session.flush()
        interview = by_file[transcript]
        interview.company_id = company.id
        interview.job_title = JOB_TITLES[transcript]
        session.add(interview)


def _review(session: Session) -> None:
    """Accept two of every three insights, edit one in seven, reject one in eleven; leave the rest."""
    for number, insight in enumerate(session.exec(select(Insight).order_by(col(Insight.id)))):
        if number % 11 == 5:
            insight.status = InsightStatus.REJECTED
        elif number % 7 == 3:
            insight.status = InsightStatus.EDITED
            insight.original_statement = insight.statement
        elif number % 3 != 2:
            insight.status = InsightStatus.ACCEPTED
        session.add(insight)


def build_sample_workspace(path: Path) -> Engine:
    """The eight sample interviews with companies, rule-extracted and reviewed insights, an ICP, personas."""
    engine = create_workspace(path)
    with as_file(SAMPLES / "transcripts") as folder:
        import_paths(engine, [Path(folder)], interviewers=["Nadia Okoro", "Tom Lindqvist"])
    with Session(engine) as session:
        _load_companies(session)
        session.add(WorkspaceSetting(key="client", value="Tallyline"))
        session.add(WorkspaceSetting(key="interviewers", value=["Nadia Okoro", "Tom Lindqvist"]))
        session.commit()
    run_extraction(engine)
    with Session(engine) as session:
        _review(session)
        session.commit()
        create_icp(
            session,
            "Mid-market B2B software",
            [parse_criterion(text) for text in ICP_CRITERIA],
            "Venture-backed software companies of 100 to 1,000 people running a mainstream CRM.",
        )
    synthesize_personas(engine)
    return engine


def copy_workspace(source: Path, folder: Path) -> Path:
    """A copy of the workspace file `source` in `folder`, for a test that changes it."""
    copy = folder / "copy.groundwork"
    copy.write_bytes(source.read_bytes())
    return copy
