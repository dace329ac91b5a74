"""SQLModel tables of a Groundwork workspace (one SQLite file per client engagement)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Any:
    """A foreign-key column that follows its parent on delete."""
    return Field(
        default=None,
        sa_column=Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True),
    )


def _json(default_factory: Any = list) -> Any:
    return Field(default_factory=default_factory, sa_column=Column(JSON, nullable=False))


class CompanyRelationship(StrEnum):
    """A company's commercial relationship with the client."""

    PROSPECT = "prospect"
    CUSTOMER = "customer"
    CHURNED = "churned"
    LOST = "lost"
    UNKNOWN = "unknown"


class InsightKind(StrEnum):
    ROLE = "role"
    COMPANY = "company"
    GOAL = "goal"
    PAIN = "pain"
    ASPIRATION = "aspiration"
    BUYING = "buying"


class InsightStatus(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"


class RunStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    FAILED = "failed"


class Company(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    industry: str | None = None
    employee_count: int | None = None
    revenue_band: str | None = None
    funding_stage: str | None = None
    tech_stack: list[str] = _json()
    country: str | None = None
    region: str | None = None
    relationship: CompanyRelationship = Field(default=CompanyRelationship.UNKNOWN)
    notes: str = ""
    created_at: dt.datetime = Field(default_factory=utcnow)


class Interview(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("sha256", name="uq_interview_sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str
    date: dt.date | None = None
    interviewee_name: str | None = None
    job_title: str | None = None
    seniority: str | None = None
    department: str | None = None
    company_id: int | None = _fk("company.id", nullable=True, ondelete="SET NULL")
    interviewer: str | None = None
    source_file_name: str
    format: str
    encoding: str = "utf-8"
    sha256: str
    text_sha256: str | None = Field(default=None, index=True)
    """``models.fingerprint.text_fingerprint`` of ``text``: finds the same transcript re-saved differently."""
    text: str
    language: str | None = None
    warnings: list[str] = _json()
    imported_at: dt.datetime = Field(default_factory=utcnow)


class Turn(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("interview_id", "index", name="uq_turn_interview_index"),)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = _fk("interview.id")
    index: int
    speaker: str
    role: str
    text: str
    start_char: int
    end_char: int
    start_seconds: float | None = None
    end_seconds: float | None = None
    segments: list[list[int]] = _json()
    """[[offset_in_turn_text, source_start, source_end], ...] mapping clean text back to Interview.text."""


class ExtractionRun(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    status: RunStatus = Field(default=RunStatus.RUNNING)
    extractor_version: str
    backend: str = "none"
    model_file: str | None = None
    model_sha256: str | None = None
    quantisation: str | None = None
    context_size: int | None = None
    seed: int | None = None
    temperature: float | None = None
    prompt_version: str | None = None
    settings: dict[str, Any] = _json(dict)
    chunks_total: int = 0
    chunks_done: int = 0
    tokens_evaluated: int = 0
    tokens_generated: int = 0
    error: str | None = None
    started_at: dt.datetime = Field(default_factory=utcnow)
    finished_at: dt.datetime | None = None


class RunChunk(SQLModel, table=True):
    """One unit of a run's work; its insights are stored in the same transaction that marks it done."""

    __table_args__ = (UniqueConstraint("run_id", "interview_id", "chunk_index", name="uq_run_chunk"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = _fk("extractionrun.id")
    interview_id: int = _fk("interview.id")
    chunk_index: int
    first_turn_index: int
    last_turn_index: int
    insights_stored: int = 0
    quotes_dropped: int = 0
    completed_at: dt.datetime = Field(default_factory=utcnow)


class Insight(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = _fk("interview.id")
    run_id: int | None = _fk("extractionrun.id", nullable=True, ondelete="SET NULL")
    kind: InsightKind
    statement: str
    original_statement: str = ""
    confidence: float = 0.5
    status: InsightStatus = Field(default=InsightStatus.SUGGESTED)
    origin: str = "rules"
    """rules, model or user."""
    extractor_version: str = ""
    prompt_version: str | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class EvidenceSpan(SQLModel, table=True):
    """Verbatim respondent text backing an insight: ``turn.text[start:end] == quote``."""

    id: int | None = Field(default=None, primary_key=True)
    insight_id: int = _fk("insight.id")
    turn_id: int = _fk("turn.id")
    start: int
    end: int
    quote: str


class FirmographicSuggestion(SQLModel, table=True):
    """A company or interview field value found in a transcript, with its evidence."""

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = _fk("interview.id")
    turn_id: int = _fk("turn.id")
    field: str
    value: str
    start: int
    end: int
    quote: str
    status: InsightStatus = Field(default=InsightStatus.SUGGESTED)


class Icp(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    description: str = ""
    created_at: dt.datetime = Field(default_factory=utcnow)


class IcpCriterion(SQLModel, table=True):
    """One firmographic criterion; ``spec`` holds e.g. {"values": [...]} or {"min": 50, "max": 1000}."""

    id: int | None = Field(default=None, primary_key=True)
    icp_id: int = _fk("icp.id")
    attribute: str
    """industry, employees, revenue, funding, tech_stack or geography."""
    spec: dict[str, Any] = _json(dict)
    weight: float = 1.0
    position: int = 0


class Persona(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    role: str = ""
    seniority: str = ""
    summary: str = ""
    demographics: str = ""
    group_key: str = ""
    status: str = "draft"
    """draft or reviewed."""
    edited_fields: list[str] = _json()
    """Fields the user changed; synthesis never overwrites them."""
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class PersonaInsight(SQLModel, table=True):
    persona_id: int = Field(
        sa_column=Column(Integer, ForeignKey("persona.id", ondelete="CASCADE"), primary_key=True)
    )
    insight_id: int = Field(
        sa_column=Column(Integer, ForeignKey("insight.id", ondelete="CASCADE"), primary_key=True)
    )
    theme: str = ""
    position: int = 0
    user_placed: bool = False
    excluded: bool = False
    """The user took this insight out of the persona: it is not shown there and never placed there again."""


class PersonaIcp(SQLModel, table=True):
    persona_id: int = Field(
        sa_column=Column(Integer, ForeignKey("persona.id", ondelete="CASCADE"), primary_key=True)
    )
    icp_id: int = Field(sa_column=Column(Integer, ForeignKey("icp.id", ondelete="CASCADE"), primary_key=True))


class PersonaInterview(SQLModel, table=True):
    persona_id: int = Field(
        sa_column=Column(Integer, ForeignKey("persona.id", ondelete="CASCADE"), primary_key=True)
    )
    interview_id: int = Field(
        sa_column=Column(Integer, ForeignKey("interview.id", ondelete="CASCADE"), primary_key=True)
    )


class ModelProbe(SQLModel, table=True):
    """The capability-probe result of one model file, keyed by its sha256."""

    model_sha256: str = Field(primary_key=True)
    model_file: str
    score: float
    passed: bool
    details: dict[str, Any] = _json(dict)
    prompt_version: str = ""
    probed_at: dt.datetime = Field(default_factory=utcnow)


class WorkspaceSetting(SQLModel, table=True):
    """Engagement-level settings: client name, engagement title, interviewer names and so on."""

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_column=Column(JSON))
