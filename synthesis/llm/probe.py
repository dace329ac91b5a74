"""The built-in capability probe: can this model label interview evidence and copy quotes verbatim?

A fixed set of labelled B2B interview sentences and quote-copy tasks runs through ``complete_json``; a model
passes when it labels at least 70% of sentences right and copies at least 80% of quotes exactly.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from models.tables import InsightKind
from synthesis.llm.base import Cancel, LlmBackend, LlmOutputError, never_cancel
from synthesis.llm.prompt_files import load_prompt

LABEL_THRESHOLD = 0.7
QUOTE_THRESHOLD = 0.8

LABEL_ITEMS: tuple[tuple[str, str], ...] = (
    ("I'm the head of revenue operations and I report to our CRO.", "role"),
    ("My team is four analysts, and I own the forecasting process end to end.", "role"),
    ("We're a logistics software company with about 300 employees, mostly in Germany and Poland.", "company"),
    ("Our whole stack runs on Salesforce and HubSpot, with Snowflake as the warehouse.", "company"),
    ("This year I'm measured on cutting onboarding time for new customers to under 30 days.", "goal"),
    ("Our target is net revenue retention of 115 percent by the end of Q4.", "goal"),
    ("Every month I lose two full days reconciling spreadsheets that never match.", "pain"),
    ("Honestly the worst part is that sales ignores the leads we send and nobody can tell me why.", "pain"),
    (
        "In an ideal world the board would see my team as a growth engine rather than a cost centre.",
        "aspiration",
    ),
    ("If I had a magic wand, every account would have a health score I could actually trust.", "aspiration"),
    ("Anything over 20,000 euros a year needs sign-off from our CFO and a security review.", "buying"),
    ("We usually shortlist vendors from peer recommendations and then run a two-week trial.", "buying"),
)

QUOTE_ITEMS: tuple[tuple[str, str, str], ...] = (
    (
        "We moved to Pipedrive last spring. The migration took longer than planned. "
        "Now our biggest worry is data quality in the notes field.",
        "a worry about data quality",
        "Now our biggest worry is data quality in the notes field.",
    ),
    (
        "I joined the company in 2019 as a sales rep. Today I lead a team of twelve account executives. "
        "We mostly sell to hospitals.",
        "who the company sells to",
        "We mostly sell to hospitals.",
    ),
    (
        "Budget is decided in October. Procurement insists on three quotes for anything new. "
        "I would love a tool that writes the weekly report for me.",
        "a wish for a tool",
        "I would love a tool that writes the weekly report for me.",
    ),
    (
        "Our churn went up after the price change. The support queue is now three days long. "
        "My goal is to get first response under four hours.",
        "the support queue",
        "The support queue is now three days long.",
    ),
)


class ProbeLabel(BaseModel):
    """The model's label for one sentence."""

    kind: InsightKind


class ProbeQuote(BaseModel):
    """The sentence the model copied from a passage."""

    quote: str


@dataclass(frozen=True)
class ProbeResult:
    """How a model did on the probe, with the model and prompt versions that produced it."""

    score: float
    label_accuracy: float
    quote_accuracy: float
    passed: bool
    reasons: list[str]
    model_sha256: str | None
    prompt_version: str
    elapsed_seconds: float = 0.0
    labels: list[str | None] = field(default_factory=list)


def probe_prompt_version() -> str:
    """The version of the probe's prompts, stored with (and keying) every probe result."""
    return f"{load_prompt('probe_label').version}+{load_prompt('probe_quote').version}"


def run_probe(
    backend: LlmBackend,
    *,
    cancel: Cancel = never_cancel,
    progress: Callable[[int, int], None] | None = None,
) -> ProbeResult:
    """Run every probe item through ``backend`` and score it; LlmCancelled propagates."""
    started = time.perf_counter()
    label_prompt, quote_prompt = load_prompt("probe_label"), load_prompt("probe_quote")
    total, done = len(LABEL_ITEMS) + len(QUOTE_ITEMS), 0
    invalid = 0

    labels: list[str | None] = []
    for sentence, _ in LABEL_ITEMS:
        messages = [
            {"role": "system", "content": label_prompt.text},
            {"role": "user", "content": f"Sentence: {sentence}"},
        ]
        try:
            labels.append(backend.complete_json(messages, ProbeLabel, cancel=cancel, max_tokens=24).kind)
        except LlmOutputError:
            labels.append(None)
            invalid += 1
        done += 1
        if progress:
            progress(done, total)

    quotes_right = 0
    for passage, topic, expected in QUOTE_ITEMS:
        messages = [
            {"role": "system", "content": quote_prompt.text},
            {"role": "user", "content": f"Passage: {passage}\nTopic: {topic}"},
        ]
        try:
            reply = backend.complete_json(messages, ProbeQuote, cancel=cancel, max_tokens=96)
            quotes_right += reply.quote.strip() == expected
        except LlmOutputError:
            invalid += 1
        done += 1
        if progress:
            progress(done, total)

    label_accuracy = sum(got == want for got, (_, want) in zip(labels, LABEL_ITEMS, strict=True)) / len(
        LABEL_ITEMS
    )
    quote_accuracy = quotes_right / len(QUOTE_ITEMS)
    return ProbeResult(
        score=round((label_accuracy + quote_accuracy) / 2, 3),
        label_accuracy=label_accuracy,
        quote_accuracy=quote_accuracy,
        passed=label_accuracy >= LABEL_THRESHOLD and quote_accuracy >= QUOTE_THRESHOLD,
        reasons=_reasons(label_accuracy, quote_accuracy, labels, invalid),
        model_sha256=backend.info().sha256,
        prompt_version=probe_prompt_version(),
        elapsed_seconds=time.perf_counter() - started,
        labels=labels,
    )


def _reasons(
    label_accuracy: float, quote_accuracy: float, labels: list[str | None], invalid: int
) -> list[str]:
    reasons = []
    if label_accuracy < LABEL_THRESHOLD:
        reasons.append(
            f"labelled {label_accuracy:.0%} of interview sentences correctly (needs {LABEL_THRESHOLD:.0%})"
        )
    answered = [label for label in labels if label is not None]
    if answered:
        kind, count = Counter(answered).most_common(1)[0]
        if count >= 0.75 * len(labels):
            reasons.append(f"gave the same label '{kind}' to {count} of {len(labels)} different sentences")
    if quote_accuracy < QUOTE_THRESHOLD:
        reasons.append(
            f"copied {quote_accuracy:.0%} of quotes verbatim (needs {QUOTE_THRESHOLD:.0%}); "
            "its evidence quotes could not be trusted"
        )
    if invalid:
        reasons.append(f"{invalid} replies did not match the JSON schema even after a re-ask")
    return reasons
