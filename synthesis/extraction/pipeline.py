"""Extraction of one interview in memory: rule candidates, and model-led ones where the model is able."""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from synthesis.extraction.chunks import Chunk, plan_chunks, words_per_token_estimate
from synthesis.extraction.evidence import Span, is_verified
from synthesis.extraction.learned.scorer import calibrate_candidates, learned_candidates
from synthesis.extraction.llm_led import ChunkExtraction, extract_chunk, llm_chunk_budget
from synthesis.extraction.rules import Candidate
from synthesis.llm.base import Cancel, LlmBackend, OnToken
from synthesis.llm.base import never_cancel as _never
from synthesis.transcript import ParsedTurn

RULES_CHUNK_TOKENS = 1500
"""Chunk size without a model: the unit of resumable work."""

CHUNK_TOKENS_ENV = "GROUNDWORK_RULES_CHUNK_TOKENS"
"""Environment variable overriding ``RULES_CHUNK_TOKENS`` (crash-safety tests want many small chunks)."""


@dataclass(frozen=True)
class Extractor:
    """How to extract: rules alone, or a backend leading where its capability probe passed."""

    backend: LlmBackend | None = None
    llm_led: bool = False
    threshold: float | None = None  # calibrated confidence a suggestion needs; None: the trained default

    def chunk_budget(self) -> int:
        """Tokens per chunk: what the model's context leaves free, or the rules-only chunk size."""
        if self.backend is not None and self.llm_led:
            return llm_chunk_budget(self.backend)
        return rules_chunk_tokens()

    def plan(self, turns: Sequence[ParsedTurn]) -> list[Chunk]:
        if self.backend is not None and self.llm_led:
            return plan_chunks(turns, self.chunk_budget(), self.backend.count_tokens)
        return plan_chunks(turns, self.chunk_budget(), words_per_token_estimate)

    def extract(
        self,
        turns: Sequence[ParsedTurn],
        chunk: Chunk,
        rule_candidates: Sequence[Candidate],
        *,
        cancel: Cancel = _never,
        on_token: OnToken | None = None,
    ) -> ChunkExtraction:
        """Verified candidates of one chunk: the model's (when leading) merged with the rules'.

        ``rule_candidates`` may be the whole interview's or, faster, the chunk's (``candidates_by_chunk``).
        """
        in_chunk = [c for c in rule_candidates if chunk.first <= c.turn_index <= chunk.last]
        if self.backend is None or not self.llm_led:
            return ChunkExtraction(verified(turns, in_chunk), 0)
        led = extract_chunk(
            self.backend, turns, chunk, budget=self.chunk_budget(), cancel=cancel, on_token=on_token
        )
        calibrated = calibrate_candidates(turns, led.candidates, threshold=self.threshold)
        merged = calibrated + [c for c in in_chunk if not _overlaps_any(c, calibrated)]
        return ChunkExtraction(verified(turns, merged), led.dropped, led.invalid_replies)


def candidates_by_chunk(
    candidates: Sequence[Candidate], chunks: Sequence[Chunk]
) -> dict[int, list[Candidate]]:
    """The candidates of each chunk (by chunk index), in one pass: chunks cover turns in order."""
    firsts = [chunk.first for chunk in chunks]
    grouped: dict[int, list[Candidate]] = {chunk.index: [] for chunk in chunks}
    for candidate in candidates:
        position = bisect_right(firsts, candidate.turn_index) - 1
        if position >= 0 and candidate.turn_index <= chunks[position].last:
            grouped[chunks[position].index].append(candidate)
    return grouped


def rules_chunk_tokens() -> int:
    """The rules-only chunk size: ``GROUNDWORK_RULES_CHUNK_TOKENS`` when set to a positive number."""
    value = os.environ.get(CHUNK_TOKENS_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else RULES_CHUNK_TOKENS


def verified(turns: Sequence[ParsedTurn], candidates: Sequence[Candidate]) -> list[Candidate]:
    """Only candidates whose quote is verbatim respondent text."""
    return [c for c in candidates if is_verified(turns, Span(c.turn_index, c.start, c.end, c.quote))]


def _overlaps_any(candidate: Candidate, others: Sequence[Candidate]) -> bool:
    return any(
        o.turn_index == candidate.turn_index and o.start < candidate.end and candidate.start < o.end
        for o in others
    )


def extract_turns(
    turns: Sequence[ParsedTurn], extractor: Extractor | None = None, *, cancel: Cancel = _never
) -> list[Candidate]:
    """Every verified candidate of a whole transcript, in reading order (rules only by default)."""
    extractor = extractor or Extractor()
    chunks = extractor.plan(turns)
    by_chunk = candidates_by_chunk(learned_candidates(turns, threshold=extractor.threshold), chunks)
    found: list[Candidate] = []
    for chunk in chunks:
        found.extend(extractor.extract(turns, chunk, by_chunk[chunk.index], cancel=cancel).candidates)
    return sorted(found, key=lambda c: (c.turn_index, c.start))
