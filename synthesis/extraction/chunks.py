"""Split an interview's turns into chunks that fit a model's context, never truncating silently."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from synthesis.transcript import ParsedTurn


@dataclass(frozen=True)
class Chunk:
    """Turns ``first..last`` (inclusive) of one interview."""

    index: int
    first: int
    last: int


def plan_chunks(
    turns: Sequence[ParsedTurn], budget_tokens: int, count_tokens: Callable[[str], int]
) -> list[Chunk]:
    """Greedy chunks of whole turns up to ``budget_tokens``; a longer turn becomes a chunk of its own.

    A single turn longer than the budget is still one chunk: the model step splits its text further
    (see ``turn_windows``), so nothing is dropped.
    """
    chunks: list[Chunk] = []
    first, used = 0, 0
    for index, turn in enumerate(turns):
        cost = count_tokens(f"{turn.speaker}: {turn.text}") + 4
        if index > first and used + cost > budget_tokens:
            chunks.append(Chunk(len(chunks), first, index - 1))
            first, used = index, 0
        used += cost
    if turns:
        chunks.append(Chunk(len(chunks), first, len(turns) - 1))
    return chunks


def words_per_token_estimate(text: str) -> int:
    """A cheap token estimate for planning without a model (about 0.75 words per token)."""
    return max(1, round(len(text.split()) * 4 / 3))
