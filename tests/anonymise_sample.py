"""A workspace full of names to leak: people of many cultures, e-mails, URLs, handles, titles with surnames,
two-letter names, names split by a line break, places, company fields, file names and persona edits.

Shared by the leak test, the CLI and GUI redaction-review tests. ``SECRETS`` lists what must never appear in
an anonymised export; it is written by hand here, not derived from the anonymiser.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from models.database import create_workspace
from models.tables import Company, CompanyRelationship, Insight, InsightStatus, Interview, Persona
from synthesis.extraction.run import run_extraction
from synthesis.icp.criteria import parse_criterion
from synthesis.icp.store import create_icp
from synthesis.importer import import_paths
from synthesis.personas.synthesize import synthesize_personas

FREIGHT = """[Tom Lindqvist] 10:00:01
Hi Chidi, thanks for making the time. Could you tell me about your role?

[Chidi Okafor] 10:00:09
Sure. I'm the Head of Revenue Operations. At Tundra Freight we run the whole sales process on Salesforce. I report to Thandiwe Dlamini, our CRO. Thandiwe's team is twelve people and I own the forecast every quarter.

[Chidi Okafor] 10:00:40
Our biggest problem is that the pipeline data is always wrong. Kwame Mensah runs finance and Kwame signs anything above fifty thousand. It is frustrating because Nguyen, our admin, has to fix the dashboards by hand every week.

[Tom Lindqvist] 10:01:10
Who else is involved when you buy tools?

[Chidi Okafor] 10:01:15
Siobhán Ní Bhriain in Dublin runs procurement and Björn Sæther from the Oslo office checks security. Dr. Okonkwo reviews every contract and Mr. Haugstad signs it. We need a tool that is easy to set up, honestly.

[Chidi Okafor] 10:01:50
Xiaoming Li joined last year. Li owns the data warehouse and Wu helps him. You can email me at chidi.okafor@tundrafreight.io or see https://tundrafreight.io/team, and I'm @chidi_ok on Slack. We sell across North America and Europe from Lagos.

[Tom Lindqvist] 10:02:20
Thanks, Chidi, that's really helpful.
"""

DATA = """[Nadia Okoro] 15:00:00
Hi Aigerim, good to see you. What do you do?

[Aigerim Nurlanovna] 15:00:05
I'm the VP of Sales at Steppe Analytics in Almaty. I report to Kenji Tanaka, who sits in Tokyo. Our biggest problem is that the forecast is always late and it is frustrating for everyone.

[Aigerim Nurlanovna] 15:00:40
When we buy software, Pieter van der Merwe and Eilidh MacDonald run the evaluation, and Omar Al-Farsi approves the budget. Priya wrote to me from priya.raman@quillfeather.com about it. Ana de la Cruz at Quillfeather sent the pricing. We need a tool that is easy to set up, honestly.

[Aigerim Nurlanovna] 15:01:10
My goal is to get the forecast within five percent, and Bo Wu on my team tracks it. Talk to Kwame
Mensah if you want the numbers; Okafor's team at Tundra Freight has them too.

[Nadia Okoro] 15:01:40
Thank you, Aigerim.
"""

SECRETS = (
    "Chidi",
    "Okafor",
    "Thandiwe",
    "Dlamini",
    "Kwame",
    "Mensah",
    "Nguyen",
    "Siobhán",
    "Bhriain",
    "Björn",
    "Sæther",
    "Okonkwo",
    "Haugstad",
    "Xiaoming",
    "Tundra",
    "tundrafreight",
    "chidi_ok",
    "Aigerim",
    "Nurlanovna",
    "Steppe",
    "Kenji",
    "Tanaka",
    "Merwe",
    "Eilidh",
    "MacDonald",
    "Al-Farsi",
    "Omar",
    "quillfeather",
    "priya",
    "Raman",
    "Lindqvist",
    "Okoro",
    "Dublin",
    "Oslo",
    "Almaty",
    "Tokyo",
    "Lagos",
)
"""Words that must not appear anywhere in an anonymised export (case-insensitive, whole words)."""
SHORT_SECRETS = ("Li", "Wu", "Bo")
"""Two-letter names: must not appear capitalised as whole words."""


def build_leaky_workspace(folder: Path) -> Engine:
    """Two interviews full of names, with companies, accepted insights, an ICP and edited personas."""
    folder.mkdir(parents=True, exist_ok=True)
    transcripts = folder / "transcripts"
    transcripts.mkdir(exist_ok=True)
    (transcripts / "chidi-okafor-tundra-freight.txt").write_text(FREIGHT, encoding="utf-8")
    (transcripts / "aigerim_nurlanovna_steppe.txt").write_text(DATA, encoding="utf-8")
    engine = create_workspace(folder / "leaky.groundwork")
    import_paths(engine, [transcripts], interviewers=["Tom Lindqvist", "Nadia Okoro"])
    with Session(engine) as session:
        for number, interview in enumerate(session.exec(select(Interview).order_by(col(Interview.id)))):
            freight = "tundra" in interview.source_file_name
            company = Company(
                name="Tundra Freight Ltd" if freight else "Steppe Analytics",
                industry="Tundra Freight digital freight platform"
                if freight
                else "Steppe Analytics software",
                employee_count=57 if freight else 240,
                country="Nigeria" if freight else "Kazakhstan",
                region="Lagos" if freight else "Almaty",
                tech_stack=["Salesforce"],
                funding_stage="Series B",
                relationship=CompanyRelationship.CHURNED if freight else CompanyRelationship.CUSTOMER,
                notes="Contact: chidi.okafor@tundrafreight.io" if freight else "Met Kenji Tanaka in Tokyo",
            )
            session.add(company)
            session.flush()
            interview.company_id = company.id
            interview.date = dt.date(2025, 3, 11 + number)
            interview.job_title = "Head of Revenue Operations" if freight else "VP of Sales"
            interview.title = f"Interview with {'Chidi Okafor' if freight else 'Aigerim Nurlanovna'}"
            session.add(interview)
        session.commit()
    run_extraction(engine)
    with Session(engine) as session:
        for insight in session.exec(select(Insight)):
            insight.status = InsightStatus.ACCEPTED
            session.add(insight)
        criteria = ("funding:series b", "employees:10-1000", "tech_stack:Salesforce")
        create_icp(session, "Software companies", [parse_criterion(text) for text in criteria], "")
        session.commit()
    synthesize_personas(engine)
    with Session(engine) as session:
        for persona in session.exec(select(Persona)):
            persona.summary = f"{persona.summary} Modelled on Chidi Okafor of Tundra Freight and Dr. Okonkwo."
            persona.demographics = "Based in Lagos and Almaty; reports to Thandiwe Dlamini."
            persona.edited_fields = ["summary", "demographics"]
            session.add(persona)
        session.commit()
    return engine
