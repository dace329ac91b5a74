"""The evidence the model writes from, as prompt text: themes with their citable insights, fitted to the
context the backend leaves free.

Only insights a theme cites (``ThemeView.insight_ids``: holding its stance, with verified evidence) are shown,
each as ``[id] statement``, so the model can cite nothing it was not shown as support.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from models.tables import InsightKind
from synthesis.llm.base import Messages
from synthesis.llm.prompt_files import load_prompt
from synthesis.personas.query import PersonaProfile, ThemeView

FIELD_NAMES = {
    InsightKind.ROLE: "role and responsibilities",
    InsightKind.GOAL: "goals",
    InsightKind.PAIN: "pains",
    InsightKind.ASPIRATION: "aspirations",
    InsightKind.BUYING: "buying behaviour",
}
MAX_STATEMENT_CHARS = 200
MAX_EVIDENCE_PER_THEME = 5
MAX_THEMES_PER_CALL = 6
REPLY_TOKENS_PER_THEME = 110
REPLY_TOKENS_PER_SENTENCE = 70
REASK_OVERHEAD_TOKENS = 320
"""Room for the validation errors and instructions that a re-ask adds."""

CountTokens = Callable[[str], int]


@dataclass(frozen=True)
class AskedTheme:
    """A theme as put to the model: its id in the prompt (``T1``), field, stored label and citable ids."""

    key: str
    kind: InsightKind
    view: ThemeView

    @property
    def allowed(self) -> frozenset[int]:
        return frozenset(self.view.insight_ids)


def citable_themes(profile: PersonaProfile) -> list[AskedTheme]:
    """The persona's themes with at least one citable insight, numbered T1, T2, … across its fields."""
    views = [(kind, v) for kind in FIELD_NAMES for v in profile.fields.get(kind, ()) if v.insight_ids]
    return [AskedTheme(f"T{n}", kind, view) for n, (kind, view) in enumerate(views, start=1)]


def _statement(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_STATEMENT_CHARS else text[: MAX_STATEMENT_CHARS - 1].rstrip() + "…"


def evidence_lines(view: ThemeView, limit: int = MAX_EVIDENCE_PER_THEME) -> list[str]:
    ids = set(view.insight_ids)
    lines = [f"[{s.insight_id}] {_statement(s.statement)}" for s in view.statements if s.insight_id in ids]
    return lines[:limit]


def theme_block(asked: AskedTheme, limit: int = MAX_EVIDENCE_PER_THEME, heading: str = "") -> str:
    head = heading or f"{asked.key} ({asked.view.prevalence})"
    return "\n".join([head, *evidence_lines(asked.view, limit)])


def messages(prompt_name: str, user: str) -> Messages:
    return [
        {"role": "system", "content": load_prompt(prompt_name).text},
        {"role": "user", "content": user},
    ]


def free_tokens(context_size: int, system: str, reply_tokens: int, count: CountTokens) -> int:
    """Prompt tokens left for the user message: the context less the instructions, a reply and a re-ask."""
    return context_size - count(system) - 32 - 2 * reply_tokens - REASK_OVERHEAD_TOKENS


def theme_batches(
    themes: Sequence[AskedTheme], header: str, budget_for: Callable[[int], int], count: CountTokens
) -> list[list[AskedTheme]]:
    """Split one field's themes into requests that fit: at most ``MAX_THEMES_PER_CALL`` each, fewer when the
    evidence is long (``budget_for(n)`` is the prompt room left when ``n`` themes are asked for)."""
    batches: list[list[AskedTheme]] = []
    current: list[AskedTheme] = []
    for asked in themes:
        trial = [*current, asked]
        text = "\n\n".join([header, *(theme_block(t) for t in trial)])
        if current and (len(trial) > MAX_THEMES_PER_CALL or count(text) > budget_for(len(trial))):
            batches.append(current)
            trial = [asked]
        current = trial
    if current:
        batches.append(current)
    return batches


def fitted(render: Callable[[int], str], budget: int, count: CountTokens, start: int) -> str:
    """``render(k)`` for the largest ``k`` from ``start`` down to 1 whose text fits ``budget`` tokens
    (``render(1)`` when none does: the backend then reports the overflow as an error)."""
    for k in range(start, 0, -1):
        text = render(k)
        if count(text) <= budget:
            return text
    return render(1)
