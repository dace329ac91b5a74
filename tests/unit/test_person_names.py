"""Interviewee labels split into a properly cased name and a job title at import."""

from pathlib import Path

import pytest
from sqlmodel import Session

from models.database import create_workspace
from models.tables import Interview
from synthesis.importer import import_file
from synthesis.ingest.person_names import proper_case, split_name_and_title


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("THOMAS OKAFOR", ("Thomas Okafor", None)),
        ("Sander de Vries, Head of Growth", ("Sander de Vries", "Head of Growth")),
        ("SANDER DE VRIES - HEAD OF GROWTH", ("Sander de Vries", "Head of Growth")),
        ("NADIA OKORO | VP OF SALES, EMEA", ("Nadia Okoro", "VP of Sales, EMEA")),
        ("LEE, HEAD OF REVOPS", ("Lee", "Head of RevOps")),
        ("Priya Raman (VP Finance)", ("Priya Raman", "VP Finance")),
        ("mary-kate o'neil", ("Mary-Kate O'Neil", None)),
        ("ANGUS MCDONALD", ("Angus McDonald", None)),
        ("Jo", ("Jo", None)),
    ],
)
def test_labels_split_into_name_and_title(label: str, expected: tuple[str, str | None]) -> None:
    assert split_name_and_title(label) == expected


def test_mixed_case_names_are_kept_as_written() -> None:
    assert proper_case("DeShawn McKenzie") == "DeShawn McKenzie"


@pytest.mark.parametrize(
    ("header", "speaker", "expected"),
    [
        ("", "THOMAS OKAFOR", ("Thomas Okafor", None)),
        (
            "---\ninterviewee: Sander de Vries, Head of Growth\n---\n\n",
            "Sander",
            ("Sander de Vries", "Head of Growth"),
        ),
    ],
)
def test_import_stores_the_split_name_and_title(
    tmp_path: Path, header: str, speaker: str, expected: tuple[str, str | None]
) -> None:
    source = tmp_path / "call.txt"
    source.write_text(
        f"{header}Interviewer: How do you forecast today?\n\n"
        f"{speaker}: Mostly in spreadsheets, and I hate it.\n\n"
        "Interviewer: Why is that?\n\n"
        f"{speaker}: Because nobody trusts the numbers.\n",
        encoding="utf-8",
    )
    engine = create_workspace(tmp_path / "ws.groundwork")
    interview_id = import_file(engine, source).interview_id
    with Session(engine) as session:
        interview = session.get(Interview, interview_id)
        assert (interview.interviewee_name, interview.job_title) == expected
    engine.dispose()
