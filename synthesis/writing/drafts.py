"""The JSON contracts the language model writes to (``*Draft``), constrained and validated by the backend."""

from __future__ import annotations

from pydantic import BaseModel, Field

MAX_SENTENCE_CHARS = 300
MAX_CITES = 20


class ThemeDraft(BaseModel):
    """One theme as the model names it: its id as given, a name, a one-sentence finding, their citations."""

    theme: str = Field(max_length=8)
    name: str = Field(max_length=120)
    finding: str = Field(max_length=MAX_SENTENCE_CHARS)
    cites: list[int] = Field(max_length=MAX_CITES)


class ThemesDraft(BaseModel):
    themes: list[ThemeDraft] = Field(max_length=30)


class SentenceDraft(BaseModel):
    text: str = Field(max_length=MAX_SENTENCE_CHARS)
    cites: list[int] = Field(max_length=MAX_CITES)


class PersonaSummaryDraft(BaseModel):
    sentences: list[SentenceDraft] = Field(max_length=4)


class FindingDraft(BaseModel):
    """One executive-summary finding with what the client should do about it."""

    finding: str = Field(max_length=MAX_SENTENCE_CHARS)
    implication: str = Field(max_length=MAX_SENTENCE_CHARS)
    cites: list[int] = Field(max_length=MAX_CITES)


class ExecutiveSummaryDraft(BaseModel):
    findings: list[FindingDraft] = Field(max_length=5)
