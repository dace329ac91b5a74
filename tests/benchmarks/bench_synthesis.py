"""Persona synthesis quality and time on the demo set and on ../shared/eval (written + real).

For each report it prints: themes per persona field, the share of themes held by one respondent (all personas,
and personas of >= 3 respondents), the share of theme labels failing the label rules
(``synthesis.personas.label_rules``), the share of personas under the evidence threshold, the time persona
synthesis took, and the share of themes of several respondents whose statements are only loosely related
(mean pairwise sentence-vector cosine < 0.25: a check on over-merging). Workspaces use rules extraction (no
language model); the demo set's insights are reviewed as ``tests.report_sample`` does, the eval set's are
left as suggested. Eval interviews get their job title and company from their ``.meta.json`` (import
metadata); no ICP is defined for them, so every interview is used.
Targets: label failures <= 5% of themes; one-respondent themes <= 60% in personas of >= 3 respondents.
Usage: python -m tests.benchmarks.bench_synthesis [--eval DIR] [--csv personas.csv ...] [--show]
  --eval  the eval folder (default ../shared/eval beside the repository)
  --csv   also measure personas.csv files written by `groundwork export-csv` (calls we do not have)
  --show  print every persona's themes with their prevalence and any label problems
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine  # noqa: E402
from sqlmodel import Session, col, select  # noqa: E402

from models.database import create_workspace  # noqa: E402
from models.tables import Company, Interview, Persona  # noqa: E402
from synthesis.extraction.run import run_extraction  # noqa: E402
from synthesis.importer import import_paths  # noqa: E402
from synthesis.personas.embeddings import cosine_matrix  # noqa: E402
from synthesis.personas.label_rules import label_problems  # noqa: E402
from synthesis.personas.query import persona_profile  # noqa: E402
from synthesis.personas.synthesize import synthesize_personas  # noqa: E402
from tests.report_sample import build_sample_workspace  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
MIN_PERSONA_RESPONDENTS = 3
LOOSE_COSINE = 0.25


@dataclass(frozen=True)
class ThemeRow:
    persona: str
    respondents: int
    field: str
    label: str
    holders: int


def profile_rows(engine: Engine) -> list[ThemeRow]:
    rows = []
    with Session(engine) as session:
        for persona_id in session.exec(select(Persona.id).order_by(col(Persona.id))):
            profile = persona_profile(session, persona_id or 0)
            for kind, views in profile.fields.items():
                rows.extend(
                    ThemeRow(profile.name, profile.respondents, kind.value, v.theme, v.respondents)
                    for v in views
                )
    return rows


def csv_rows(path: Path) -> list[ThemeRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            ThemeRow(
                r["persona"], int(r["respondents"]), r["field"], r["theme"], int(r["prevalence"].split()[0])
            )
            for r in csv.DictReader(handle)
        ]


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def print_metrics(name: str, rows: list[ThemeRow], personas: dict[str, int], seconds: float | None) -> None:
    print(f"\n== {name}")
    print(f"personas: {len(personas)}; respondents each: {sorted(personas.values(), reverse=True)}")
    fields = Counter(r.field for r in rows)
    per = ", ".join(f"{f} {n / max(len(personas), 1):.1f}" for f, n in fields.items())
    print(f"themes: {len(rows)}; per persona by field: {per}")
    single = sum(r.holders <= 1 for r in rows)
    large = [r for r in rows if r.respondents >= MIN_PERSONA_RESPONDENTS]
    print(
        f"themes held by one respondent: {_share(single, len(rows))} of all themes; "
        f"{_share(sum(r.holders <= 1 for r in large), len(large))} in personas of >= 3 respondents"
    )
    failing = Counter(p for r in rows for p in label_problems(r.label))
    failed = sum(bool(label_problems(r.label)) for r in rows)
    print(f"labels failing the label rules: {_share(failed, len(rows))}  {dict(failing)}")
    thin = sum(n < MIN_PERSONA_RESPONDENTS for n in personas.values())
    print(f"personas under the evidence threshold (< 3 respondents): {_share(thin, len(personas))}")
    if seconds is not None:
        print(f"persona synthesis: {seconds:.2f} s")


def show(rows: Iterable[ThemeRow]) -> None:
    for r in rows:
        problems = label_problems(r.label)
        print(
            f"  [{r.persona[:30]}|{r.field}] {r.holders}/{r.respondents} {r.label}"
            + (f"   <- {', '.join(problems)}" if problems else "")
        )


def _eval_companies(engine: Engine, folder: Path) -> None:
    """Companies and job titles from the written set's .meta.json files (import metadata)."""
    with Session(engine) as session:
        by_file = {i.source_file_name: i for i in session.exec(select(Interview))}
        for meta_path in sorted((folder / "written").glob("*.meta.json")):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            interview = by_file.get(meta["transcript"])
            if interview is None:
                continue
            normal = meta.get("normalized", {})
            company = Company(
                name=meta["company_name"],
                industry=meta.get("industry"),
                employee_count=normal.get("employee_count"),
                funding_stage=normal.get("funding_stage"),
                tech_stack=list(meta.get("tech_stack", [])),
                country=normal.get("country"),
            )
            session.add(company)
            session.flush()
            interview.company_id = company.id
            interview.job_title = meta.get("job_title")
            interview.interviewee_name = meta.get("name")
            session.add(interview)
        session.commit()


def build_eval(path: Path, folder: Path = EVAL) -> Engine:
    engine = create_workspace(path)
    files = [
        p
        for sub in ("written", "real/anthropic-interviewer")
        for p in sorted((folder / sub).iterdir())
        if not p.name.endswith((".gold.jsonl", ".meta.json"))
    ]
    import_paths(engine, files)
    _eval_companies(engine, folder)
    run_extraction(engine)
    return engine


def loose_share(engine: Engine) -> str:
    """Themes of several respondents whose statements are loosely related (mean pairwise cosine < 0.25)."""
    loose = merged = 0
    with Session(engine) as session:
        for persona_id in session.exec(select(Persona.id)):
            for views in persona_profile(session, persona_id or 0).fields.values():
                for view in (v for v in views if v.respondents > 1):
                    scores = cosine_matrix([s.statement for s in view.statements])
                    size = len(scores)
                    merged += 1
                    loose += (scores.sum() - size) / (size * size - size) < LOOSE_COSINE
    return _share(loose, merged)


def measure(name: str, engine: Engine, shown: bool) -> None:
    began = time.perf_counter()
    synthesize_personas(engine)
    seconds = time.perf_counter() - began
    rows = profile_rows(engine)
    with Session(engine) as session:
        personas = {
            persona_profile(session, pid or 0).name: persona_profile(session, pid or 0).respondents
            for pid in session.exec(select(Persona.id))
        }
    print_metrics(name, rows, personas, seconds)
    print(f"themes of several respondents whose statements are loosely related: {loose_share(engine)}")
    if shown:
        show(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, nargs="*", default=[], help="personas.csv files to measure too")
    parser.add_argument("--show", action="store_true", help="print every theme")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the eval folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure(
            "demo set (synthesis/samples, rules extraction)",
            build_sample_workspace(Path(tmp) / "demo.gw"),
            args.show,
        )
        if (args.eval / "written").is_dir():
            measure(
                "../shared/eval written + real (rules extraction, no ICP)",
                build_eval(Path(tmp) / "eval.gw", args.eval),
                args.show,
            )
        else:
            print(f"\n{args.eval / 'written'} is missing: the eval report is skipped")
    for path in args.csv:
        rows = csv_rows(path)
        print_metrics(f"{path} (export-csv)", rows, {r.persona: r.respondents for r in rows}, None)
        if args.show:
            show(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
