"""The learned extractor: bundled weights load and score deterministically, training is reproducible,
calibration and thresholds behave, and language-model candidates meet the same bar."""

import json
from pathlib import Path

import numpy as np

from synthesis.extraction.learned.crossval import fit_temperature, reliability, score
from synthesis.extraction.learned.dataset import label_of, load_folder
from synthesis.extraction.learned.decode import decode
from synthesis.extraction.learned.features import DIM, feature_columns
from synthesis.extraction.learned.fit import fit
from synthesis.extraction.learned.model import LABELS, bundled_model, read_model, softmax
from synthesis.extraction.learned.review import adapt
from synthesis.extraction.learned.scorer import SHOW_ALL, calibrate_candidates, learned_candidates
from synthesis.extraction.learned.units import candidate_units
from synthesis.extraction.rules import Candidate
from synthesis.ingest import parse_bytes

TRANSCRIPT = """Interviewer: Could you tell me about your role?

Dana: I'm the head of finance operations at a logistics company and I report to the CFO.

Interviewer: What gets in the way?

Dana: Month-end close takes us nine days because everything is reconciled by hand in spreadsheets.

Interviewer: How do you choose new tools?

Dana: We always run a trial first, and anything over twenty thousand dollars needs sign-off from the CFO.
"""
TURNS = parse_bytes(TRANSCRIPT.encode(), "call.txt").turns


def test_bundled_model_loads_and_scores_deterministically() -> None:
    model = bundled_model()
    assert model.weights.shape == (DIM, len(LABELS)) and 0.0 < model.threshold < 1.0
    first, second = learned_candidates(TURNS), learned_candidates(TURNS)
    assert first == second and first
    rows = [feature_columns(u) for u in candidate_units(TURNS)]
    assert np.array_equal(model.probabilities(rows), model.probabilities(rows))


def test_default_shows_only_confident_suggestions_and_all_shows_every_sentence() -> None:
    model = bundled_model()
    shown = learned_candidates(TURNS)
    everything = learned_candidates(TURNS, threshold=SHOW_ALL)
    assert all(c.confidence >= model.threshold for c in shown)
    assert {(c.turn_index, c.start) for c in shown} <= {(c.turn_index, c.start) for c in everything}
    assert len(everything) >= 3
    assert all(TURNS[c.turn_index].text[c.start : c.end] == c.quote for c in everything)
    assert all(TURNS[c.turn_index].role == "respondent" for c in everything)


def test_saved_model_reads_back_the_same_scores(tmp_path: Path) -> None:
    model = bundled_model()
    model.save(tmp_path / "copy.npz")
    again = read_model(tmp_path / "copy.npz")
    rows = [feature_columns(u) for u in candidate_units(TURNS)]
    assert np.allclose(again.probabilities(rows), model.probabilities(rows))
    assert (again.temperature, again.threshold) == (model.temperature, model.threshold)


def _write_annotated(folder: Path) -> None:
    folder.mkdir()
    answers = {
        "role": "I lead the payroll team of six people and I report to the finance director.",
        "pain": "Honestly the approvals take forever and it is really frustrating for everyone.",
        "buying": "We ran a two week trial and procurement signed off on the annual contract.",
    }
    for n in range(6):
        text = "".join(f"Interviewer: Question {k} for call {n}?\n\nSam: {a}\n\n" for k, a in answers.items())
        text += "Interviewer: Thanks?\n\nSam: The weather here was sunny and warm all week long.\n"
        (folder / f"call{n}.txt").write_text(text, encoding="utf-8")
        gold = [json.dumps({"kind": k, "quote": a}) for k, a in answers.items()]
        (folder / f"call{n}.gold.jsonl").write_text("\n".join(gold) + "\n", encoding="utf-8")


def test_training_is_reproducible_and_learns_the_labels(tmp_path: Path) -> None:
    _write_annotated(tmp_path / "data")
    files = load_folder(tmp_path / "data", [])
    rows = [r for f in files for r in f.rows]
    labels = [label_of(span, f.gold) for f in files for span in f.spans]
    assert sorted(set(labels)) == ["buying", "none", "pain", "role"]
    one, two = fit(rows, labels, iterations=60), fit(rows, labels, iterations=60)
    assert np.array_equal(one.weights, two.weights) and np.array_equal(one.bias, two.bias)
    predicted = [LABELS[i] for i in one.probabilities(rows).argmax(axis=1)]
    assert predicted == labels
    result = score(files, [one.probabilities(f.rows) for f in files], 0.3)
    assert result.macro_f1 > 0.99 and result.micro_precision > 0.99
    table, ece = reliability(files, [one.probabilities(f.rows) for f in files])
    assert sum(count for *_, count in table) == sum(not u.is_clause for f in files for u in f.units)
    assert 0.0 <= ece < 0.25


def test_temperature_undoes_overconfident_logits() -> None:
    rng = np.random.default_rng(0)
    true_logits = rng.normal(size=(4000, len(LABELS))) * 2
    labels = [LABELS[rng.choice(len(LABELS), p=p)] for p in softmax(true_logits)]
    assert abs(fit_temperature(true_logits * 2.5, labels) - 2.5) < 0.3


def test_clauses_are_suggested_apart_only_when_their_kinds_differ() -> None:
    turns = parse_bytes(
        b"Interviewer: Tell me more?\n\nSam: The month-end close is a slow and painful mess for us, "
        b"but I would love a tool that reconciles everything automatically.\n",
        "t.txt",
    ).turns
    units = candidate_units(turns)
    assert [u.is_clause for u in units] == [False, True, True]
    probabilities = np.zeros((3, len(LABELS)))
    probabilities[:, LABELS.index("none")] = 0.1
    probabilities[0, LABELS.index("pain")] = 0.9
    probabilities[1, LABELS.index("pain")] = 0.9
    probabilities[2, LABELS.index("aspiration")] = 0.9
    split = decode(units, probabilities, 0.5)
    assert [(s.kind, s.unit.is_clause) for s in split] == [("pain", True), ("aspiration", True)]
    probabilities[2] = probabilities[1]
    assert [(s.kind, s.unit.is_clause) for s in decode(units, probabilities, 0.5)] == [("pain", False)]


def test_language_model_candidates_get_the_calibrated_confidence_of_their_kind() -> None:
    text = TURNS[3].text
    quote = "Month-end close takes us nine days"
    start = text.index(quote)
    end = start + len(quote)
    as_pain = Candidate("pain", 3, start, end, quote, 0.7, "model", llm_statement="Slow close.")
    as_aspiration = Candidate("aspiration", 3, start, end, quote, 0.7, "model")
    scored = calibrate_candidates(TURNS, [as_pain, as_aspiration], threshold=SHOW_ALL)
    assert scored[0].confidence > scored[1].confidence
    assert scored[0].llm_statement == "Slow close."
    kept = calibrate_candidates(TURNS, [as_pain, as_aspiration])
    assert as_aspiration.kind not in {c.kind for c in kept}


def test_review_decisions_move_scores_their_way() -> None:
    model = bundled_model()
    units = candidate_units(TURNS)
    rows = [feature_columns(u) for u in units]
    before = model.probabilities(rows)
    pain, none = LABELS.index("pain"), LABELS.index("none")
    target = next(i for i, u in enumerate(units) if "reconciled by hand" in u.text and not u.is_clause)
    rejected = adapt(model, [rows[target]] * 3, ["none"] * 3)
    accepted = adapt(model, [rows[target]] * 3, ["pain"] * 3)
    assert rejected.probabilities(rows)[target, none] > before[target, none]
    assert rejected.probabilities(rows)[target, pain] < before[target, pain]
    assert accepted.probabilities(rows)[target, pain] > before[target, pain]
    assert np.array_equal(adapt(model, [], []).weights, model.weights)
    assert np.array_equal(model.probabilities(rows), before)  # the shipped model is untouched


def test_the_question_is_context_not_a_verdict() -> None:
    turns = parse_bytes(
        b"Interviewer: Tell me about a time it frustrated you, or one that went well?\n\n"
        b"Sam: The last audit went really well and the team was proud of it. But the reconciliation before "
        b"it took us three weeks of late nights, which was miserable.\n",
        "t.txt",
    ).turns
    shown = [(c.kind, c.quote.split()[2]) for c in learned_candidates(turns)]
    assert shown == [("pain", "reconciliation")]
