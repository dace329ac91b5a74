"""Model-led synthesis on recorded replies of a capable model (tests/fixtures/writing): invalid citations, a
hallucinated theme and a reply that breaks the schema are dropped and counted; the rest is stored as a draft.

The workspace is a real SQLite file with two personas placed by hand, so the themes the replies refer to
(T1, T2, …) and the insight ids they cite do not depend on the clustering of persona synthesis.
"""

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from models.tables import InsightKind, Persona, PersonaInsight, PersonaInterview
from synthesis.extraction.llm_choice import LlmChoice
from synthesis.extraction.pipeline import Extractor
from synthesis.llm.fake import FakeBackend
from synthesis.personas.query import persona_profile
from synthesis.pipeline import run_synthesis
from synthesis.writing.citations import DropReason
from synthesis.writing.store import ACCEPTED, accept_written, load_written
from synthesis.writing.write import RULES_ONLY, write_if_capable, write_synthesis
from tests.unit.persona_rows import add_company, add_interview, new_workspace

pytestmark = pytest.mark.integration

REPLIES = Path(__file__).parents[1] / "fixtures" / "writing" / "recorded_replies.json"
G, P, B = InsightKind.GOAL, InsightKind.PAIN, InsightKind.BUYING
GOAL_A, PAIN_A, BUY_A = (
    "Wants the forecast within five percent.",
    "Reconciles CRM data by hand.",
    "CFO signs.",
)


def _persona(engine: Engine, name: str, interviews: list[int], themes: list[tuple[str, list[int]]]) -> int:
    with Session(engine) as session:
        persona = Persona(name=name, group_key=name)
        session.add(persona)
        session.flush()
        assert persona.id is not None
        for interview_id in interviews:
            session.add(PersonaInterview(persona_id=persona.id, interview_id=interview_id))
        for position, (theme, ids) in enumerate(themes):
            for insight_id in ids:
                session.add(
                    PersonaInsight(
                        persona_id=persona.id,
                        insight_id=insight_id,
                        theme=theme,
                        position=position,
                        user_placed=True,
                    )
                )
        session.commit()
        return persona.id


@pytest.fixture
def engine(tmp_path: Path):
    engine = new_workspace(tmp_path)
    company = add_company(engine, "Acme Freight", employee_count=300)
    goal = "I am measured on landing the forecast within five percent."
    crm = "I spend hours reconciling CRM data by hand."
    _, ids1 = add_interview(
        engine,
        "Ann",
        company,
        "RevOps Director",
        [(G, "Measured on forecast", goal), (P, "Reconciles CRM data", crm)],
    )
    _, ids2 = add_interview(
        engine,
        "Bo",
        company,
        "RevOps Manager",
        [
            (G, "Forecast within five percent", goal),
            (B, "CFO signs above 20k", "Our CFO signs anything above twenty thousand."),
        ],
    )
    _, ids3 = add_interview(engine, "Cy", company, "RevOps Analyst", [(P, "Reconciles CRM by hand", crm)])
    _, ids4 = add_interview(
        engine,
        "Di",
        company,
        "VP Sales",
        [
            (G, "Owns the quarterly number", "I own the quarterly number."),
            (P, "Hears late about slipping deals", "I hear about slipping deals too late."),
        ],
    )
    assert ids1 + ids2 + ids3 + ids4 == [1, 2, 3, 4, 5, 6, 7]  # the ids the recorded replies cite
    _persona(engine, "RevOps leaders", [1, 2, 3], [(GOAL_A, [1, 3]), (PAIN_A, [2, 5]), (BUY_A, [4])])
    _persona(
        engine, "Sales leaders", [4], [("Owns the quarterly number.", [6]), ("Hears late about slips.", [7])]
    )
    yield engine
    engine.dispose()


def _recorded() -> FakeBackend:
    return FakeBackend(
        [entry["reply"] for entry in json.loads(REPLIES.read_text(encoding="utf-8"))["replies"]]
    )


def test_recorded_replies_keep_only_sentences_with_valid_citations(engine: Engine) -> None:
    backend = _recorded()
    outcome = write_synthesis(engine, backend)
    assert not backend._replies, "every recorded reply was asked for, in order"
    assert outcome.invalid_replies == 1 and outcome.calls == 8
    assert dict(outcome.dropped) == {
        DropReason.UNKNOWN_THEME.value: 2,  # T9: name and finding of a theme never asked for
        DropReason.OTHER_FIELD.value: 2,  # persona A's pain cited a goal insight
        DropReason.NO_CITATION.value: 1,
        DropReason.OTHER_PERSONA.value: 1,  # persona A's summary cited persona B's insight
        DropReason.LABEL_RULES.value: 1,  # persona B's goal named by a question
        DropReason.UNKNOWN_ID.value: 2,  # the executive finding citing insight 99, and its implication
    }
    assert (
        outcome.kept == 9
    )  # A: goal name, finding, summary; B: goal finding, pain name, finding, summary; finding, implication
    with Session(engine) as session:
        written = load_written(session)
    assert written is not None and written.is_draft and written.kept == 9
    assert written.backend == "fake" and written.prompt_versions == {
        "themes": "write-themes-1",
        "persona_summary": "write-persona-summary-1",
        "executive_summary": "write-executive-summary-1",
    }
    a, b = written.personas
    goal = a.theme("goal", GOAL_A)
    assert goal is not None and goal.name is not None and goal.finding is not None
    assert goal.name.text == "Wants the quarter's forecast to land within five percent."
    assert goal.name.insight_ids == (1, 3)
    assert a.theme("pain", PAIN_A) is None, "invalid citations: the rule-built label stands"
    assert a.theme("buying", BUY_A) is None, "broken reply: the rule-built label stands"
    assert [s.insight_ids for s in a.summary] == [(1, 2, 5)]
    b_goal = b.theme("goal", "Owns the quarterly number.")
    assert b_goal is not None and b_goal.name is None and b_goal.finding is not None
    assert [f.insight_ids for f in written.executive_summary] == [(1, 3, 6)]
    assert written.executive_summary[0].implication.startswith("Lead positioning")


def test_the_broken_reply_was_re_asked_once_with_its_errors(engine: Engine) -> None:
    backend = _recorded()
    write_synthesis(engine, backend)
    first, reask = backend.history[2], backend.history[3]
    assert "T3" in first.messages[-1]["content"]
    assert reask.messages[:2] == first.messages
    assert "did not match the required JSON schema" in reask.messages[-1]["content"]
    executive = backend.history[-1].messages[-1]["content"]
    assert "Wants the quarter's forecast to land within five percent." in executive, "the model's own names"
    assert "[7] Hears late about slipping deals" in executive


def test_every_kept_sentence_cites_insights_of_its_persona_and_theme(engine: Engine) -> None:
    write_synthesis(engine, _recorded())
    with Session(engine) as session:
        written = load_written(session)
        assert written is not None
        for persona in written.personas:
            profile = persona_profile(session, persona.persona_id)
            views = {(v.kind.value, v.theme): v for views in profile.fields.values() for v in views}
            for theme in persona.themes:
                members = set(views[(theme.kind, theme.theme)].insight_ids)
                for sentence in (theme.name, theme.finding):
                    assert sentence is None or set(sentence.insight_ids) <= members
            every = {i for v in views.values() for i in v.insight_ids}
            assert all(set(s.insight_ids) <= every for s in persona.summary)


def test_when_every_sentence_is_dropped_nothing_is_stored(engine: Engine) -> None:
    broken = '{"themes": [{"theme": "T1", "name": "No evidence.", "finding": "None.", "cites": []}]}'
    backend = FakeBackend(
        [broken] * 3 + ['{"sentences": []}'] + [broken] * 2 + ['{"sentences": []}', "{}", "{}"]
    )
    outcome = write_synthesis(engine, backend)
    assert outcome.kept == 0 and outcome.written is None and outcome.invalid_replies == 1
    assert outcome.reason == "every model-written sentence was dropped"
    with Session(engine) as session:
        assert load_written(session) is None


def test_without_a_capable_model_a_draft_is_removed_and_an_accepted_one_kept(engine: Engine) -> None:
    write_synthesis(engine, _recorded())
    assert write_if_capable(engine, Extractor()).reason == RULES_ONLY
    with Session(engine) as session:
        assert load_written(session) is None
    write_synthesis(engine, _recorded())
    with Session(engine) as session:
        assert accept_written(session)
    write_if_capable(engine, Extractor(FakeBackend(), llm_led=False))
    with Session(engine) as session:
        written = load_written(session)
        assert written is not None and written.status == ACCEPTED and not written.is_draft


def test_cancel_while_writing_stores_nothing(engine: Engine) -> None:
    outcome = write_synthesis(engine, _recorded(), cancel=lambda: True)
    assert outcome.cancelled and outcome.written is None
    with Session(engine) as session:
        assert load_written(session) is None


def test_a_rules_only_pipeline_run_leaves_the_rule_built_labels_alone(engine: Engine) -> None:
    write_synthesis(engine, _recorded())
    outcome = run_synthesis(engine, lambda _cancel, _progress: LlmChoice(Extractor(), "rules only (test)"))
    assert outcome.written is not None and outcome.written.reason == RULES_ONLY
    assert outcome.written.calls == 0 and "model-written" not in outcome.summary()
    with Session(engine) as session:
        assert load_written(session) is None
