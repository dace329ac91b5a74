"""Report benchmark: a Word report of 20 personas and 300 verified quotes, written in at most 3 s.

Builds a synthetic workspace (40 interviews, 20 personas, 300 accepted insights each with one quote),
then times ``export_report`` (content gathering, quote verification, writing and saving the .docx).
Usage: python -m tests.benchmarks.bench_report [--anonymise]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from models.tables import InsightKind, InsightStatus, Persona, PersonaInsight, PersonaInterview
from synthesis.report.export import export_report
from synthesis.report.options import ReportOptions
from tests.unit.persona_rows import add_company, add_interview, new_workspace

PERSONAS = 20
QUOTES = 300
TARGET_SECONDS = 3.0
KINDS = (InsightKind.GOAL, InsightKind.PAIN, InsightKind.ASPIRATION, InsightKind.BUYING, InsightKind.ROLE)
TOPICS = (
    "forecast accuracy",
    "pipeline hygiene",
    "renewal tracking",
    "board reporting",
    "territory planning",
    "rep coaching",
    "deal slippage",
    "security review",
    "CFO sign-off",
    "data residency",
)


def build(tmp: Path) -> Engine:
    engine = new_workspace(tmp)
    per_persona = QUOTES // PERSONAS
    for p in range(PERSONAS):
        company_id = add_company(engine, f"Company {p}", employee_count=100 + 20 * p, industry="software")
        insight_ids: list[tuple[int, int, InsightKind, str]] = []
        interviews = []
        for half in range(2):
            triples = []
            for q in range(per_persona // 2 + (half == 0) * (per_persona % 2)):
                kind = KINDS[q % len(KINDS)]
                topic = TOPICS[(p + q) % len(TOPICS)]
                statement = f"Cares about {topic} ({q})"
                triples.append((kind, statement, f"Honestly, {topic} matters to us, point {p}-{half}-{q}."))
            interview_id, ids = add_interview(
                engine,
                f"Interview {p}-{half}",
                company_id,
                "VP Sales",
                triples,
                status=InsightStatus.ACCEPTED,
            )
            interviews.append(interview_id)
            insight_ids += [(interview_id, i, kind, s) for i, (kind, s, _) in zip(ids, triples, strict=True)]
        with Session(engine) as session:
            persona = Persona(
                name=f"Persona {p}", role="VP Sales", summary="A sales leader.", group_key=f"g{p}"
            )
            session.add(persona)
            session.flush()
            for interview_id in interviews:
                session.add(PersonaInterview(persona_id=persona.id, interview_id=interview_id))
            for position, (_interview, insight_id, _kind, statement) in enumerate(insight_ids):
                session.add(
                    PersonaInsight(
                        persona_id=persona.id, insight_id=insight_id, theme=statement, position=position
                    )
                )
            session.commit()
    return engine


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--anonymise", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        engine = build(Path(work))
        options = ReportOptions(anonymise=args.anonymise, themes_per_field=QUOTES)
        started = time.perf_counter()
        summary = export_report(engine, Path(work) / "report.docx", options)
        seconds = time.perf_counter() - started
        size = (Path(work) / "report.docx").stat().st_size
    print(
        f"report: {summary.personas} personas, {summary.quotes} quotes, {size / 1024:.0f} KiB "
        f"in {seconds:.2f} s (target <= {TARGET_SECONDS:.0f} s)"
    )
    assert summary.personas == PERSONAS and summary.quotes == QUOTES, summary
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
