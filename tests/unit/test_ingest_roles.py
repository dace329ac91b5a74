"""Assigning interviewer and respondent roles to speakers."""

from __future__ import annotations

from synthesis.ingest import assign_roles
from synthesis.ingest.turns import make_turn
from synthesis.transcript import ParsedTurn, SpeakerRole

ASKS, ANSWERS, OTHER = SpeakerRole.INTERVIEWER, SpeakerRole.RESPONDENT, SpeakerRole.OTHER


def turns(*pairs: tuple[str, str]) -> list[ParsedTurn]:
    source = " ".join(text for _, text in pairs)
    out, position = [], 0
    for speaker, text in pairs:
        out.append(make_turn(source, speaker, [(position, position + len(text))]))
        position += len(text) + 1
    return out


INTERVIEW = turns(
    ("Ann", "Thanks for joining."),
    ("Bo", "Happy to."),
    ("Ann", "What is your role?"),
    ("Bo", "I run ops."),
    ("Ann", "What gets in the way?"),
    ("Bo", "Spreadsheets. Why do you ask?"),
    ("Ann", "How do you buy tools?"),
    ("Bo", "Through procurement."),
)


def test_the_speaker_asking_most_questions_is_the_interviewer() -> None:
    assert assign_roles(INTERVIEW) == {"Ann": ASKS, "Bo": ANSWERS}
    assert [t.role for t in INTERVIEW] == [ASKS, ANSWERS] * 4


def test_interviewer_names_win_and_roles_can_be_reassigned() -> None:
    assert assign_roles(INTERVIEW, ["bo"]) == {"Ann": ANSWERS, "Bo": ASKS}
    assert INTERVIEW[1].role is ASKS
    assert assign_roles(INTERVIEW, ["Nobody"]) == {"Ann": ASKS, "Bo": ANSWERS}


def test_interviewer_name_matches_a_label_with_role_and_company() -> None:
    pair = turns(("Sander de Vries (Head of Growth, Haulbridge)", "Hi."), ("Dana", "Hello."))
    assert assign_roles(pair, ["sander de vries"])["Sander de Vries (Head of Growth, Haulbridge)"] is ASKS


def test_generic_labels() -> None:
    chat = turns(("Assistant", "Hi, ready."), ("User", "Yes."), ("AI", "Great."), ("User", "Ok."))
    assert assign_roles(chat) == {"Assistant": ASKS, "User": ANSWERS, "AI": ASKS}
    pdf = turns(("Dan", "Okay."), ("Participant", "Sure."), ("Dan", "Fine."))
    assert assign_roles(pdf) == {"Dan": ASKS, "Participant": ANSWERS}


def test_single_speaker_is_the_respondent() -> None:
    assert assign_roles(turns(("Host", "A monologue?"), ("Host", "Still me?"))) == {"Host": ANSWERS}


def test_nobody_standing_out_means_no_interviewer() -> None:
    panel = turns(
        ("Kim", "I work on traces."),
        ("Lee", "Logs, honestly?"),
        ("Max", "Metrics."),
        ("Kim", "Why not all?"),
        ("Lee", "Fair."),
        ("Max", "Sure."),
    )
    assert set(assign_roles(panel).values()) == {ANSWERS}


def test_unknown_speakers_are_other() -> None:
    mixed = turns(
        ("Ann", "What do you do?"),
        ("Bo", "Ops."),
        ("Unknown", "[music]"),
        ("Ann", "Why?"),
        ("Bo", "Because."),
    )
    assert assign_roles(mixed) == {"Ann": ASKS, "Bo": ANSWERS, "Unknown": OTHER}
