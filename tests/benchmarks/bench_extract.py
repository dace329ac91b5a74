"""Extraction speed on a 10,000-word transcript: rules alone, and model-led with the bundled model.

Prints words/s without a model (target >= 20,000), and for the model-led run: wall time divided by
llama.cpp's own time for the tokens it evaluated and generated (target <= 1.15), and tokens evaluated
against transcript tokens sent plus tokens generated (target <= 1.2: the instruction prefix is cached).
Usage: python tests/benchmarks/bench_extract.py [--words N] [--skip-model]
"""

from __future__ import annotations

import argparse
import random
import time

from synthesis.extraction.llm_choice import LlmUse, choose_extractor
from synthesis.extraction.llm_led import chunk_requests
from synthesis.extraction.pipeline import extract_turns
from synthesis.ingest import parse_bytes

TARGET_WORDS_PER_SECOND = 20_000
"""Rules-plus-model extraction without a language model (issue 12)."""

SENTENCES = [
    "I run revenue operations for a team of six and I report to the CRO.",
    "Our biggest problem is that the forecast is built in spreadsheets every Monday.",
    "We are about four hundred people and we sell scheduling software to contractors.",
    "Honestly it takes me most of Friday to reconcile the pipeline numbers with finance.",
    "If I had a magic wand the forecast would update itself from the CRM every morning.",
    "Anything over twenty thousand dollars needs sign-off from the CFO and a security review.",
    "We use Salesforce, HubSpot for marketing, and Gong for call recording.",
    "My goal this year is forecast accuracy within five percent by week six of the quarter.",
    "The reps hate updating close dates, so the data is always stale.",
    "We usually hear about tools from peers in a RevOps community Slack.",
]
QUESTIONS = [
    "Can you tell me about your role?",
    "What's the hardest part of your week?",
    "How do you usually evaluate new tools?",
    "What would the ideal setup look like?",
    "What are you measured on?",
]


def make_transcript(words: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    parts, count = [], 0
    while count < words:
        parts.append(f"Interviewer: {rng.choice(QUESTIONS)}")
        answer = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 7)))
        parts.append(f"Respondent: {answer}")
        count += len(answer.split()) + 8
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--skip-model", action="store_true")
    args = parser.parse_args()
    text = make_transcript(args.words)
    words = len(text.split())
    parsed = parse_bytes(text.encode(), "bench.txt")

    started, cpu = time.perf_counter(), time.process_time()
    rounds = 5
    for _ in range(rounds):
        found = extract_turns(parsed.turns)
    elapsed = (time.perf_counter() - started) / rounds
    cpu_seconds = (time.process_time() - cpu) / rounds
    print(f"transcript: {words} words, {len(parsed.turns)} turns")
    print(
        f"rules only: {len(found)} insights in {elapsed * 1000:.0f} ms = {words / elapsed:,.0f} words/s "
        f"(target >= {TARGET_WORDS_PER_SECOND:,}); {words / cpu_seconds:,.0f} words per CPU second"
    )
    if args.skip_model:
        return

    choice = choose_extractor(use=LlmUse.FORCE)
    backend = choice.extractor.backend
    assert backend is not None
    chunks = choice.extractor.plan(parsed.turns)
    budget = choice.extractor.chunk_budget()
    requests = [r for c in chunks for r in chunk_requests(parsed.turns, c, budget, backend.count_tokens)]
    system_tokens = backend.count_tokens(requests[0][0]["content"])
    sent = sum(backend.count_tokens(request[1]["content"]) for request in requests)
    before = backend.stats()
    started = time.perf_counter()
    found = extract_turns(parsed.turns, choice.extractor)
    wall = time.perf_counter() - started
    stats = backend.stats().minus(before)
    llama_seconds = (
        (stats.prompt_eval_seconds or 0.0) + (stats.eval_seconds or 0.0) + (stats.sample_seconds or 0.0)
    )
    evaluated = stats.prompt_tokens_evaluated + stats.tokens_generated
    print(
        f"model-led ({backend.info().model_file}, n_ctx {backend.context_size}): {len(chunks)} chunks, "
        f"{len(found)} verified insights, {stats.calls} calls"
    )
    print(
        f"  wall {wall:.1f} s; llama.cpp own time {llama_seconds:.1f} s; ratio {wall / llama_seconds:.3f} "
        "(target <= 1.15)"
    )
    print(
        f"  tokens evaluated {evaluated} (prompt {stats.prompt_tokens_evaluated} + generated "
        f"{stats.tokens_generated}); transcript tokens sent {sent} + generated {stats.tokens_generated} = "
        f"{sent + stats.tokens_generated}; ratio {evaluated / (sent + stats.tokens_generated):.3f} "
        f"(target <= 1.2; instruction prefix {system_tokens} tokens)"
    )


if __name__ == "__main__":
    main()
