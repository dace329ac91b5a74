"""Model-led extraction for capable models: JSON-constrained output over chunks, then quote verification.

The fixed instruction prefix (the system prompt) is the same for every chunk, so llama.cpp reuses its
evaluated tokens; only the chunk text is read anew. Quotes the model returns are matched to the
transcript (exact, else fuzzy) and snapped to its exact text; quotes that match nothing are dropped
and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from synthesis.extraction.chunks import Chunk
from synthesis.extraction.evidence import snap_quote
from synthesis.extraction.rules import Candidate
from synthesis.llm.base import Cancel, LlmBackend, LlmOutputError, OnToken
from synthesis.llm.prompt_files import load_prompt
from synthesis.transcript import ParsedTurn

PROMPT_NAME = "extract_insights"
MAX_REPLY_TOKENS = 768


class ExtractedInsight(BaseModel):
    """One statement the model found, with the turn it quotes."""

    turn: int
    kind: Literal["role", "company", "goal", "pain", "aspiration", "buying"]
    quote: str = Field(max_length=600)
    statement: str = Field(max_length=200)


class ExtractedInsights(BaseModel):
    insights: list[ExtractedInsight] = Field(max_length=40)


@dataclass
class ChunkExtraction:
    """The verified candidates of one chunk and how many model quotes were dropped."""

    candidates: list[Candidate]
    dropped: int
    invalid_output: bool = False


def prompt_version() -> str:
    return load_prompt(PROMPT_NAME).version


def chunk_messages(turns: Sequence[ParsedTurn], chunk: Chunk) -> list[dict[str, str]]:
    """System prefix (identical for every chunk) and the chunk's turns."""
    lines = [
        f"[T{index}] {turns[index].speaker} ({turns[index].role}): {turns[index].text}"
        for index in range(chunk.first, chunk.last + 1)
    ]
    return [
        {"role": "system", "content": load_prompt(PROMPT_NAME).text},
        {"role": "user", "content": "\n".join(lines)},
    ]


def extract_chunk(
    backend: LlmBackend,
    turns: Sequence[ParsedTurn],
    chunk: Chunk,
    *,
    cancel: Cancel,
    on_token: OnToken | None = None,
) -> ChunkExtraction:
    """Ask the model for the chunk's insights and keep only those whose quote is verified."""
    try:
        reply = backend.complete_json(
            chunk_messages(turns, chunk),
            ExtractedInsights,
            cancel=cancel,
            on_token=on_token,
            max_tokens=MAX_REPLY_TOKENS,
        )
    except LlmOutputError:
        return ChunkExtraction([], 0, invalid_output=True)
    candidates: list[Candidate] = []
    dropped = 0
    for item in reply.insights:
        hint = item.turn if chunk.first <= item.turn <= chunk.last else None
        span = snap_quote(
            turns[chunk.first : chunk.last + 1], item.quote, None if hint is None else hint - chunk.first
        )
        if span is None:
            dropped += 1
            continue
        statement = " ".join(item.statement.split()[:15])
        candidates.append(
            Candidate(
                item.kind,
                chunk.first + span.turn_index,
                span.start,
                span.end,
                span.quote,
                0.7,
                "model",
                model_statement=statement,
            )
        )
    return ChunkExtraction(candidates, dropped)
