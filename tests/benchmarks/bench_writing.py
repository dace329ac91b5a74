"""Model-written synthesis with the bundled model forced, on the demo set's personas.

Builds the sample workspace (rules extraction, reviewed insights, ICP, personas), then has SmolLM2 write theme
names, findings, persona summaries and the executive summary (``synthesis.writing.write.write_synthesis``).
Prints the sentences kept and dropped (by reason), the replies that broke the schema, and the wall time of the
model-led path divided by llama.cpp's own time for its tokens (target <= 1.15).
Usage: python -m tests.benchmarks.bench_writing
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from synthesis.extraction.llm_choice import LlmUse, choose_extractor  # noqa: E402
from synthesis.writing.write import write_synthesis  # noqa: E402
from tests.report_sample import build_sample_workspace  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = build_sample_workspace(Path(folder) / "demo.groundwork")
        choice = choose_extractor(use=LlmUse.FORCE)
        backend = choice.extractor.backend
        assert backend is not None
        before = backend.stats()
        started = time.perf_counter()
        outcome = write_synthesis(engine, backend)
        wall = time.perf_counter() - started
        stats = backend.stats().minus(before)
        engine.dispose()
    own = (stats.prompt_eval_seconds or 0.0) + (stats.eval_seconds or 0.0) + (stats.sample_seconds or 0.0)
    print(f"model: {backend.info().model_file} (n_ctx {backend.context_size}), forced")
    print(f"  {outcome.calls} requests ({stats.calls} completions with re-asks), {outcome.reason}")
    print(
        f"  sentences kept {outcome.kept}; dropped {sum(outcome.dropped.values())}: {dict(outcome.dropped)}"
    )
    print(f"  replies that broke the schema after the re-ask: {outcome.invalid_replies}")
    print(f"  tokens: prompt evaluated {stats.prompt_tokens_evaluated}, generated {stats.tokens_generated}")
    print(f"  wall {wall:.1f} s; llama.cpp own time {own:.1f} s; ratio {wall / own:.3f} (target <= 1.15)")


if __name__ == "__main__":
    main()
