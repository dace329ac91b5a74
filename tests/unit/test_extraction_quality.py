"""Model-free extraction quality on the gold-annotated eval transcripts, scored by the eval's score.py."""

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

from synthesis.extraction import extract_candidates
from synthesis.ingest import parse_file

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
# Measured 0.648 macro F1 (lowest kind 0.51) over the 9 gold files; floors leave a small margin.
MACRO_F1_FLOOR = 0.62
KIND_F1_FLOOR = 0.45


def _score_module():
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_predictions(pred_dir: Path) -> None:
    for gold in EVAL.rglob("*.gold.jsonl"):
        stem = gold.name.removesuffix(".gold.jsonl")
        source = next(p for p in gold.parent.glob(stem + ".*") if not p.name.endswith((".jsonl", ".json")))
        transcript = parse_file(source)
        lines = []
        for c in extract_candidates(transcript.turns):
            span = transcript.turns[c.turn_index].to_source(c.start, c.end)
            if span is not None:
                s, e = span
                line = {"kind": c.kind, "quote": transcript.text[s:e], "start": s, "end": e}
                lines.append(json.dumps(line))
        out = pred_dir / gold.parent.relative_to(EVAL) / f"{stem}.pred.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_macro_f1_on_eval_gold_stays_above_measured_floor(tmp_path, monkeypatch):
    _write_predictions(tmp_path)
    score = _score_module()
    monkeypatch.setattr(sys, "argv", ["score.py", str(EVAL), str(tmp_path), "--json"])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        score.main()
    result = json.loads(out.getvalue())
    assert result["files"] == 9
    assert result["evidence_violations"] == 0
    assert result["macro_f1"] >= MACRO_F1_FLOOR, result
    assert min(r["f1"] for r in result["per_kind"].values()) >= KIND_F1_FLOOR, result
