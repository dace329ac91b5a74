"""Citation checks of model-written sentences: unknown ids, another persona's, outside the field, none."""

from synthesis.llm.fake import FakeBackend
from synthesis.writing.citations import CitationIndex, DropCounts, DropReason, names_person
from synthesis.writing.sentences import SentenceWriter

# Insights 1-3 are placed in persona 10 (theme A: 1, 2; theme B: 3); 4 in persona 20; 5 is in no persona.
INDEX = CitationIndex(
    existing=frozenset({1, 2, 3, 4, 5}),
    personas_of={1: frozenset({10}), 2: frozenset({10}), 3: frozenset({10}), 4: frozenset({20})},
)
THEME_A = frozenset({1, 2})


def test_valid_citations_pass() -> None:
    assert INDEX.problem([1, 2], allowed=THEME_A, persona_id=10) is None
    assert INDEX.problem([2], allowed=THEME_A, persona_id=10) is None


def test_a_sentence_without_citation_is_dropped() -> None:
    assert INDEX.problem([], allowed=THEME_A, persona_id=10) is DropReason.NO_CITATION


def test_an_id_that_does_not_exist_is_invalid_even_beside_valid_ones() -> None:
    assert INDEX.problem([99], allowed=THEME_A, persona_id=10) is DropReason.UNKNOWN_ID
    assert INDEX.problem([1, 99], allowed=THEME_A, persona_id=10) is DropReason.UNKNOWN_ID


def test_an_id_of_another_persona_is_invalid() -> None:
    assert INDEX.problem([4], allowed=THEME_A | {4}, persona_id=10) is DropReason.OTHER_PERSONA
    assert INDEX.problem([1, 4], allowed=THEME_A, persona_id=10) is DropReason.OTHER_PERSONA
    assert INDEX.problem([5], allowed=THEME_A, persona_id=10) is DropReason.OTHER_PERSONA


def test_an_id_of_the_same_persona_but_another_theme_or_field_is_invalid() -> None:
    assert INDEX.problem([3], allowed=THEME_A, persona_id=10) is DropReason.OTHER_FIELD
    assert INDEX.problem([1, 3], allowed=THEME_A, persona_id=10) is DropReason.OTHER_FIELD


def test_the_executive_summary_checks_ids_against_every_persona_theme() -> None:
    every_theme = frozenset({1, 2, 3, 4})
    assert INDEX.problem([1, 4], allowed=every_theme, persona_id=None) is None
    assert INDEX.problem([5], allowed=every_theme, persona_id=None) is DropReason.OTHER_FIELD


def test_the_writer_keeps_valid_sentences_and_counts_each_drop() -> None:
    writer = SentenceWriter(FakeBackend(), INDEX, lambda: False)
    kept = writer.keep("  Wants a  forecast it trusts. ", [1, 2, 1], allowed=THEME_A, persona_id=10)
    assert kept is not None
    assert kept.text == "Wants a forecast it trusts." and kept.insight_ids == (1, 2)
    assert writer.keep("No support.", [], allowed=THEME_A, persona_id=10) is None
    assert writer.keep("Made up.", [42], allowed=THEME_A, persona_id=10) is None
    assert writer.keep("Someone else.", [4], allowed=THEME_A, persona_id=10) is None
    assert writer.keep("Wrong theme.", [3], allowed=THEME_A, persona_id=10) is None
    assert writer.keep("   ", [1], allowed=THEME_A, persona_id=10) is None
    assert writer.kept == 1
    expected = DropCounts()
    for reason in (
        DropReason.NO_CITATION,
        DropReason.UNKNOWN_ID,
        DropReason.OTHER_PERSONA,
        DropReason.OTHER_FIELD,
        DropReason.EMPTY,
    ):
        expected.drop(reason)
    assert writer.dropped == expected


def test_a_sentence_naming_someone_from_the_interviews_is_dropped() -> None:
    assert names_person("Nadia wants the forecast within five percent.", ["Nadia Okoro"])
    assert names_person("The leader reports to Okoro.", ["Nadia Okoro"])
    assert not names_person("Leaders want the forecast within five percent.", ["Nadia Okoro"])
    assert not names_person("Samples arrive late.", ["Sam"]), "whole words only"
    writer = SentenceWriter(FakeBackend(), INDEX, lambda: False, names=["Nadia Okoro"])
    assert writer.keep("Nadia trusts the forecast.", [1], allowed=THEME_A, persona_id=10) is None
    assert writer.dropped == {DropReason.NAMES_PERSON.value: 1} and writer.kept == 0
