"""The report's content: thin-evidence flags, honest ICP numbers, findings with implications, the method
appendix, quote captions by job title and document properties (sample workspace and hand-made rows)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine
from sqlmodel import Session, delete, select
from typer.testing import CliRunner

from models.database import open_workspace
from models.tables import (
    Company,
    Icp,
    IcpCriterion,
    Interview,
    ModelProbe,
    PersonaIcp,
    PersonaInterview,
    WorkspaceSetting,
)
from synthesis.cli import report_commands
from synthesis.icp.criteria import parse_criterion
from synthesis.icp.separation import separation
from synthesis.icp.store import IcpDefinition
from synthesis.report.content import gather_content
from synthesis.report.docx_personas import further_themes
from synthesis.report.export import export_report
from synthesis.report.icp_content import fit_text, icp_section, success_text
from synthesis.report.labels import build_labels, company_type
from synthesis.report.method_content import review_sentence
from synthesis.report.options import ReportOptions
from synthesis.report.shapes import CompanyFitRow
from tests.report_sample import copy_workspace

OPTIONS = ReportOptions(title="Customer discovery", prepared_by="Nadia Okoro, Northpoint GTM")


@pytest.fixture
def engine(report_sample: Path, tmp_path: Path) -> Engine:
    return open_workspace(copy_workspace(report_sample, tmp_path))


def _content(engine: Engine, options: ReportOptions = OPTIONS):
    with Session(engine) as session:
        return gather_content(session, options)


# -- thin evidence ------------------------------------------------------------------------------------


def test_a_persona_under_three_respondents_is_flagged_and_named_in_the_summary(engine: Engine) -> None:
    content = _content(engine)
    assert content.personas and all(p.respondents >= 3 and not p.flags for p in content.personas)
    thin_id = content.personas[0].id
    with Session(engine) as session:
        links = session.exec(select(PersonaInterview).where(PersonaInterview.persona_id == thin_id)).all()
        for link in links[2:]:
            session.delete(link)
        session.commit()
    content = _content(engine)
    thin = next(p for p in content.personas if p.id == thin_id)
    assert thin.respondents == 2
    assert thin.flags == (
        "Thin evidence: drawn from 2 respondents, fewer than 3. Read its themes as leads to test, not as "
        "findings.",
    )
    assert any(f.claim.startswith("Evidence is thin for 1 of 2 personas") for f in content.findings)


def test_a_theme_of_one_respondent_is_flagged(engine: Engine) -> None:
    themes = [t for p in _content(engine).personas for f in p.fields for t in f.themes]
    single = [t for t in themes if t.prevalence.startswith("1 of ")]
    assert single and all(t.single_respondent for t in single)
    assert not any(t.single_respondent for t in themes if not t.prevalence.startswith("1 of "))


# -- persona identity ---------------------------------------------------------------------------------


def test_persona_identity_cites_evidence_or_says_not_stated(engine: Engine) -> None:
    content = _content(engine)
    refs = {q.ref for q in content.evidence}
    for persona in content.personas:
        labels = [f.label for f in persona.identity]
        assert labels[:8] == [
            "Job titles",
            "Seniority",
            "Reporting line",
            "Team size",
            "Responsibilities",
            "Part in the buying decision",
            "Tenure",
            "Background",
        ]
        for fact in persona.identity:
            assert fact.text, fact.label
            assert set(fact.refs) <= refs
            if fact.text == "Not stated in the interviews.":
                assert not fact.refs
        assert "employees" in persona.company_facts  # the companies, apart from the person
        assert not any("employees" in f.text for f in persona.identity if f.label in ("Tenure", "Background"))
        titles = [f.title for f in persona.fields]
        assert titles[:3] == ["Goals", "Pains", "Aspirations"]
        assert {"Part in the decision", "Triggers", "Objections and risks"} <= set(titles)


def test_quote_captions_name_the_job_title_and_the_company_type(engine: Engine) -> None:
    content = _content(engine)
    captions = {q.attribution for q in content.evidence}
    assert any(c.startswith("Director of Revenue Operations, ") for c in captions)
    assert not any(c.startswith("Respondent, ") or "company company" in c for c in captions)


def test_company_type_never_says_company_twice() -> None:
    agency = Company(name="Fernhollow", industry="Branding and web design agency", employee_count=12)
    unknown = Company(name="X", employee_count=300)
    software = Company(name="Y", industry="B2B software", employee_count=300)
    assert company_type(agency) == "branding and web design agency, 11-50 employees"
    assert company_type(unknown) == "a company of 201-500 employees"
    assert company_type(software) == "B2B software company, 201-500 employees"


# -- ICP honesty --------------------------------------------------------------------------------------


def test_separation_says_whether_churned_or_lost_companies_fit() -> None:
    text, separates = separation([("A", "customer", True), ("B", "churned", True), ("C", "lost", False)])
    assert separates is False
    assert text.startswith("This ICP does not separate winners from losers: B (churned) fit it")
    text, separates = separation([("A", "customer", True), ("B", "churned", False)])
    assert separates is True and "1 of 1 customers fit and none of the 1 churned or lost" in text
    assert separation([("A", "customer", True), ("P", "prospect", True)])[1] is None


def test_a_company_that_misses_gets_no_number() -> None:
    miss = CompanyFitRow(
        "Fernhollow", "agency", "prospect", 50, False, "4 of 4 criteria known", "12 employees"
    )
    assert fit_text(miss) == "Does not fit: 12 employees"
    assert not any(ch.isdigit() for ch in fit_text(miss).replace("12 employees", ""))
    partial = CompanyFitRow("A", "", "customer", 100, True, "3 of 4 criteria known", "")
    assert fit_text(partial) == "Fits (3 of 4 criteria known)"


def test_success_table_shows_n_leaves_out_the_clients_product_and_one_company_rows(engine: Engine) -> None:
    with Session(engine) as session:
        companies = list(session.exec(select(Company)))
        labels = build_labels(session, anonymise=False, client="Tallyline")
    criteria = [parse_criterion("tech_stack:Salesforce, HubSpot, Tallyline")]
    icp = IcpDefinition(1, "Stack", "", criteria)
    section = icp_section(icp, companies, labels, "Tallyline")
    values = [row.value for row in section.success]
    assert "Tallyline" not in values
    assert section.success and all(row.decided >= 2 for row in section.success)
    assert section.success_left_out > 0
    for row in section.success:
        assert success_text(row).endswith("(too few)") == (row.decided < 3)
    with_product = icp_section(icp, companies, labels, "")
    assert any(row.value == "Tallyline" for row in with_product.success)


def test_the_icp_of_the_samples_is_flagged_in_the_report_and_the_summary(engine: Engine) -> None:
    content = _content(engine)
    [icp] = content.icps
    assert icp.separates is False and "Corvane (churned)" in icp.separation
    assert not [r for r in icp.companies if not r.fits and any(c.isdigit() for c in fit_text(r)[:14])]
    assert any("does not separate winners from losers" in f.claim for f in content.findings)


# -- executive summary --------------------------------------------------------------------------------


def test_findings_are_claims_with_implications_traceable_to_evidence(engine: Engine) -> None:
    content = _content(engine)
    assert 3 <= len(content.findings) <= 6
    refs = {q.ref for q in content.evidence}
    for finding in content.findings:
        assert finding.claim and finding.implication.endswith(".") and finding.basis
        cited = {part.strip(" .,") for part in finding.basis.split("evidence ")[-1].split(",")}
        if "evidence E" in finding.basis:
            assert cited <= refs
    persona_findings = [f for f in content.findings if f.claim.startswith("Among ")]
    assert persona_findings
    assert all(" of " in f.claim for f in persona_findings)  # prevalence with its base


# -- method appendix ----------------------------------------------------------------------------------


def test_review_sentence_never_claims_a_review_that_did_not_happen() -> None:
    none = review_sentence({"suggested": 40, "accepted": 0, "edited": 0, "rejected": 0}, True)
    assert none.startswith("None of the 40 insights found had been reviewed")
    assert "reviewed by the consultants" not in none
    some = review_sentence({"suggested": 5, "accepted": 10, "edited": 2, "rejected": 3}, False)
    assert some.startswith(
        "The consultants reviewed 15 of 20 insights: 10 accepted, 2 edited and 3 rejected."
    )
    assert "5 were not reviewed and are not used." in some


def test_method_states_the_failed_probe_the_rules_and_what_was_left_out(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(
            ModelProbe(
                model_sha256="b179c9523d0e" + "0" * 52,
                model_file="SmolLM2-135M-Instruct.Q4_1.gguf",
                score=0.08,
                passed=False,
                details={"reasons": ["copied 0% of quotes verbatim (needs 80%)"]},
            )
        )
        session.commit()
    method = _content(engine).method
    assert method is not None
    models = " ".join(method.models)
    assert "SmolLM2-135M-Instruct.Q4_1.gguf" in models and "failed (copied 0% of quotes verbatim" in models
    assert "found by the rule-based extractor" in models
    assert "No language model wrote any sentence of this report" in models
    assert "WordLlama" in method.themes and "distinct respondents" in method.themes
    assert method.review.startswith("The consultants reviewed ")
    excluded = " ".join(method.excluded)
    assert "rejected in review are left out" in excluded
    assert "2 of 8 interviews are in no persona" in excluded


def test_without_an_icp_the_method_and_the_icp_chapter_say_so(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as session:
        for table in (PersonaIcp, IcpCriterion, Icp):
            session.exec(delete(table))  # type: ignore[call-overload]
        session.commit()
    method = _content(engine).method
    assert method is not None
    assert "fit an ICP" not in method.themes and method.themes.startswith(
        "No ICP was defined, so all respondents"
    )
    assert not any("fits no ICP" in line for line in method.excluded)
    path = tmp_path / "no-icp.docx"
    export_report(engine, path, OPTIONS)
    with zipfile.ZipFile(path) as package:
        text = package.read("word/document.xml").decode("utf-8")
    assert "No ICP is defined in this workspace: personas were drawn from all respondents." in text


def test_further_themes_agree_in_number() -> None:
    assert further_themes(1) == "1 further theme, held by as many respondents or fewer, is not listed."
    assert further_themes(3) == "3 further themes, held by as many respondents or fewer, are not listed."


# -- document properties ------------------------------------------------------------------------------


def test_document_properties_name_the_report_and_its_preparer(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    export_report(engine, path, OPTIONS)
    with zipfile.ZipFile(path) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "python-docx" not in core and "2013" not in core
    assert "<dc:creator>Nadia Okoro, Northpoint GTM</dc:creator>" in core
    assert "<dc:title>Tallyline · Customer discovery</dc:title>" in core
    assert f"{dt.date.today():%Y-%m-%d}" in core


def test_interview_job_title_metadata_wins_over_role_insights(engine: Engine) -> None:
    with Session(engine) as session:
        interview = session.exec(select(Interview).where(Interview.job_title != None)).first()  # noqa: E711
        assert interview is not None
        title = interview.job_title
    content = _content(engine)
    assert any(q.attribution.startswith(f"{title}, ") for q in content.evidence)


def test_client_and_preparer_given_on_the_cli_are_kept_for_the_next_report(
    report_sample: Path, tmp_path: Path
) -> None:
    copy = copy_workspace(report_sample, tmp_path)
    app = typer.Typer()
    report_commands.register(app)
    out = tmp_path / "report.docx"
    args = ["export", str(copy), "--out", str(out), "--client", "Acme Ltd", "--prepared-by", "Jo Park, Firm"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    engine = open_workspace(copy)
    with Session(engine) as session:
        assert session.get(WorkspaceSetting, "client").value == "Acme Ltd"
        assert session.get(WorkspaceSetting, "prepared_by").value == "Jo Park, Firm"
    content = _content(engine, ReportOptions())
    assert (content.client, content.prepared_by) == ("Acme Ltd", "Jo Park, Firm")
    with zipfile.ZipFile(out) as package:
        assert "<dc:creator>Jo Park, Firm</dc:creator>" in package.read("docProps/core.xml").decode("utf-8")


def test_generic_speaker_names_never_merge_respondents(engine: Engine) -> None:
    with Session(engine) as session:
        interviews = list(session.exec(select(Interview)))[:3]
        for interview in interviews:
            interview.interviewee_name = "User"
            session.add(interview)
        session.commit()
        labels = build_labels(session, anonymise=True, client="Tallyline")
    numbers = {labels.respondent_numbers[i.id or 0] for i in interviews}
    assert len(numbers) == 3
    assert len({labels.respondent(i.id or 0) for i in interviews}) == 3


def test_an_anonymised_report_keeps_its_preparer_as_given(engine: Engine, tmp_path: Path) -> None:
    """The preparer and their consultancy are the author, not research subjects."""
    path = tmp_path / "anonymous.docx"
    export_report(engine, path, ReportOptions(prepared_by="Nadia Okoro, Northpoint GTM", anonymise=True))
    with zipfile.ZipFile(path) as package:
        text = " ".join(package.read(n).decode("utf-8") for n in ("docProps/core.xml", "word/document.xml"))
    assert "<dc:creator>Nadia Okoro, Northpoint GTM</dc:creator>" in text
    assert "Prepared by" in text and "Interviewer 1, Company" not in text
