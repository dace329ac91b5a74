"""Model-written theme labels, findings and a persona summary, every sentence checked against its citations.

Used only when a capable language model is available (the probe passed, or a server the user set up); rules
(``label_writer``) write labels otherwise. The model gets a persona's themes with their statements and insight
ids (``FindingsInput``) and replies in a JSON schema (``FindingsDraft``); the backend re-asks once when the
reply breaks the schema. Then every sentence is checked:
- a theme number the input does not have (a hallucinated theme) is dropped;
- a label or finding whose insight ids are missing, unknown, or not all from its own theme is dropped;
- a label that breaks the label rules (``label_rules``) is dropped (the rules label stays);
- a summary whose ids are not all from this persona is dropped.
Each drop is counted with its reason (``ModelFindings.dropped``). The prompt version and the model's sha256
travel with the result. Not wired into ``synthesize`` yet: storing them needs a schema change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from synthesis.llm.base import Cancel, LlmBackend, LlmOutputError, never_cancel
from synthesis.llm.prompt_files import load_prompt
from synthesis.personas.label_rules import label_problems

PROMPT = "persona_findings"
MAX_TOKENS = 1536


class ThemeDraft(BaseModel):
    theme: int
    label: str = Field(max_length=200)
    finding: str = Field(max_length=400)
    insight_ids: list[int]


class SummaryDraft(BaseModel):
    text: str = Field(max_length=800)
    insight_ids: list[int]


class FindingsDraft(BaseModel):
    themes: list[ThemeDraft]
    summary: SummaryDraft | None = None


@dataclass(frozen=True)
class ThemeInput:
    number: int
    field: str
    label: str
    prevalence: str
    statements: tuple[tuple[int, str], ...]
    """(insight id, statement) pairs."""


@dataclass(frozen=True)
class FindingsInput:
    persona: str
    themes: tuple[ThemeInput, ...]

    def prompt(self) -> str:
        lines = [f"Persona: {self.persona}"]
        for theme in self.themes:
            lines.append(f"Theme {theme.number} ({theme.field}, {theme.prevalence}): {theme.label}")
            lines.extend(f"  [#{insight_id}] {text}" for insight_id, text in theme.statements)
        return "\n".join(lines)


@dataclass(frozen=True)
class CitedSentence:
    text: str
    insight_ids: tuple[int, ...]


@dataclass
class ModelFindings:
    labels: dict[int, CitedSentence] = field(default_factory=dict)
    findings: dict[int, CitedSentence] = field(default_factory=dict)
    summary: CitedSentence | None = None
    dropped: Counter[str] = field(default_factory=Counter)
    """Sentences left out, by reason."""
    prompt_version: str = ""
    model_sha256: str | None = None
    error: str | None = None
    """Why the model gave nothing usable (its reply broke the schema twice), else None."""


def _valid_ids(ids: Sequence[int], allowed: set[int]) -> bool:
    return bool(ids) and set(ids) <= allowed


def check_draft(draft: FindingsDraft, source: FindingsInput, names: Sequence[str] = ()) -> ModelFindings:
    """Keep only the sentences whose citations hold (see the module docstring); count the rest."""
    result = ModelFindings()
    by_number = {t.number: {i for i, _ in t.statements} for t in source.themes}
    for theme in draft.themes:
        allowed = by_number.get(theme.theme)
        if allowed is None:
            result.dropped["theme not in the input"] += 2
            continue
        ids = tuple(theme.insight_ids)
        if not _valid_ids(ids, allowed):
            result.dropped["citations missing or outside the theme"] += 2
            continue
        if label_problems(theme.label, names):
            result.dropped["label breaks the label rules"] += 1
        else:
            result.labels[theme.theme] = CitedSentence(theme.label.strip(), ids)
        result.findings[theme.theme] = CitedSentence(theme.finding.strip(), ids)
    if draft.summary is not None:
        everything = set().union(*by_number.values()) if by_number else set()
        if _valid_ids(draft.summary.insight_ids, everything):
            result.summary = CitedSentence(draft.summary.text.strip(), tuple(draft.summary.insight_ids))
        else:
            result.dropped["summary citations missing or outside the persona"] += 1
    return result


def write_findings(
    backend: LlmBackend, source: FindingsInput, *, names: Sequence[str] = (), cancel: Cancel = never_cancel
) -> ModelFindings:
    """Ask the model for labels, findings and a summary of one persona; return the checked result."""
    prompt = load_prompt(PROMPT)
    messages = [
        {"role": "system", "content": prompt.text},
        {"role": "user", "content": source.prompt()},
    ]
    info = backend.info()
    try:
        draft = backend.complete_json(messages, FindingsDraft, cancel=cancel, max_tokens=MAX_TOKENS)
    except LlmOutputError as exc:
        return ModelFindings(prompt_version=prompt.version, model_sha256=info.sha256, error=str(exc))
    result = check_draft(draft, source, names)
    result.prompt_version, result.model_sha256 = prompt.version, info.sha256
    return result
