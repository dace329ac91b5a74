"""Model-led extraction for capable models: JSON-constrained output over chunks, then quote verification.

The fixed instruction prefix (the system prompt) is the same for every chunk, so llama.cpp reuses its
evaluated tokens; only the chunk text is read anew. Quotes the model returns are matched to the
transcript (exact, else fuzzy) and snapped to its exact text; quotes that match nothing, or carry too
little content to count as evidence, are dropped and counted, and so are replies that fail the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field

from models.tables import InsightKind
from synthesis.extraction.chunks import Chunk
from synthesis.extraction.evidence import snap_quote
from synthesis.extraction.rules import LLM_CONFIDENCE, LLM_ORIGIN, Candidate
from synthesis.extraction.segment import split_sentences
from synthesis.llm.base import Cancel, LlmBackend, LlmOutputError, OnToken
from synthesis.llm.prompt_files import load_prompt
from synthesis.transcript import ParsedTurn

PROMPT_NAME = "extract_insights"
MAX_REPLY_TOKENS = 512
REASK_OVERHEAD_TOKENS = 320
"""Room for the validation errors and instructions that a re-ask adds."""
MIN_CHUNK_TOKENS = 256


class ExtractedInsight(BaseModel):
    """One statement the model found, with the turn it quotes."""

    turn: int
    kind: InsightKind
    quote: str = Field(max_length=600)
    statement: str = Field(max_length=200)


class ExtractedInsights(BaseModel):
    insights: list[ExtractedInsight] = Field(max_length=40)


@dataclass
class ChunkExtraction:
    """The verified candidates of one chunk, how many model quotes were dropped (not verbatim respondent
    text, or too thin to count as evidence) and how many replies failed the schema even after a re-ask."""

    candidates: list[Candidate]
    dropped: int
    invalid_replies: int = 0


def prompt_version() -> str:
    return load_prompt(PROMPT_NAME).version


def llm_chunk_budget(backend: LlmBackend) -> int:
    """Transcript tokens per request: the context less the prefix, a reply, and a re-ask with its reply."""
    prefix = backend.count_tokens(load_prompt(PROMPT_NAME).text) + 32
    reserve = prefix + 3 * MAX_REPLY_TOKENS + REASK_OVERHEAD_TOKENS
    return max(MIN_CHUNK_TOKENS, backend.context_size - reserve)


def _turn_line(turns: Sequence[ParsedTurn], index: int, text: str, part: str = "") -> str:
    return f"[T{index}] {turns[index].speaker} ({turns[index].role}){part}: {text}"


def _windows(text: str, budget: int, count_tokens: Callable[[str], int]) -> list[str]:
    """Split an over-long turn at sentence ends into pieces of at most ``budget`` tokens (none dropped)."""
    sentences = [text[start:end] for start, end in split_sentences(text)]
    pieces, current = [], ""
    for sentence in sentences:
        candidate = f"{current} {sentence}".strip()
        if current and count_tokens(candidate) > budget:
            pieces.append(current)
            candidate = sentence
        while count_tokens(candidate) > budget:  # a single sentence longer than the budget
            cut = max(1, len(candidate) * budget // max(count_tokens(candidate), 1))
            pieces.append(candidate[:cut])
            candidate = candidate[cut:]
        current = candidate
    if current:
        pieces.append(current)
    return pieces


def chunk_requests(
    turns: Sequence[ParsedTurn], chunk: Chunk, budget: int, count_tokens: Callable[[str], int]
) -> list[list[dict[str, str]]]:
    """The requests for one chunk: one, or one per window of a single turn longer than the budget."""
    system = {"role": "system", "content": load_prompt(PROMPT_NAME).text}
    lines = [_turn_line(turns, i, turns[i].text) for i in range(chunk.first, chunk.last + 1)]
    body = "\n".join(lines)
    if chunk.first != chunk.last or count_tokens(body) <= budget:
        return [[system, {"role": "user", "content": body}]]
    pieces = _windows(turns[chunk.first].text, budget - 32, count_tokens)
    return [
        [
            system,
            {"role": "user", "content": _turn_line(turns, chunk.first, piece, f" part {n} of {len(pieces)}")},
        ]
        for n, piece in enumerate(pieces, start=1)
    ]


def extract_chunk(
    backend: LlmBackend,
    turns: Sequence[ParsedTurn],
    chunk: Chunk,
    *,
    budget: int,
    cancel: Cancel,
    on_token: OnToken | None = None,
) -> ChunkExtraction:
    """Ask the model for the chunk's insights and keep only those whose quote is verified."""
    result = ChunkExtraction([], 0)
    for messages in chunk_requests(turns, chunk, budget, backend.count_tokens):
        try:
            reply = backend.complete_json(
                messages, ExtractedInsights, cancel=cancel, on_token=on_token, max_tokens=MAX_REPLY_TOKENS
            )
        except LlmOutputError:
            result.invalid_replies += 1
            continue
        for item in reply.insights:
            candidate = _verified_candidate(turns, chunk, item)
            if candidate is None:
                result.dropped += 1
            else:
                result.candidates.append(candidate)
    return result


def _verified_candidate(
    turns: Sequence[ParsedTurn], chunk: Chunk, item: ExtractedInsight
) -> Candidate | None:
    hint = item.turn - chunk.first if chunk.first <= item.turn <= chunk.last else None
    span = snap_quote(turns[chunk.first : chunk.last + 1], item.quote, hint)
    if span is None:
        return None
    statement = " ".join(item.statement.split()[:15])
    return Candidate(
        item.kind,
        chunk.first + span.turn_index,
        span.start,
        span.end,
        span.quote,
        LLM_CONFIDENCE,
        "model",
        llm_statement=statement,
        origin=LLM_ORIGIN,
    )
