"""Plain data shapes of a report, as gathered from a workspace and written to Word (or anything else)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from synthesis.icp.success import SuccessRow


@dataclass(frozen=True)
class Quote:
    """A verified verbatim quote, attributed by role and company type."""

    number: int
    """Its number in the evidence index (E1, E2, ...)."""
    text: str
    attribution: str
    interview: str
    timestamp: str | None
    respondent: str = ""
    """ "Respondent 3" in anonymised reports, so a reader can follow one person."""
    shown: str = ""
    """The text shown in the body (fillers as "…"); ``text`` stays verbatim in the evidence index."""

    @property
    def ref(self) -> str:
        return f"E{self.number}"


@dataclass(frozen=True)
class ThemeEntry:
    label: str
    prevalence: str
    """"4 of 6"."""
    quotes: tuple[Quote, ...]
    dissent: str = ""
    """"1 of 6 said the opposite", when any respondent did."""
    unreviewed: bool = False
    """Only backed by suggested insights (draft reports)."""
    single_respondent: bool = False
    """Held by one respondent: flagged as thin evidence."""

    @property
    def refs(self) -> str:
        return ", ".join(q.ref for q in self.quotes)


@dataclass(frozen=True)
class PersonaField:
    title: str
    themes: tuple[ThemeEntry, ...]
    more_themes: int = 0
    """Themes left out of the list, each held by fewer respondents than those shown."""
    group: str = ""
    """The field's group ("Buying behaviour" for its aspects), "" for a field of its own."""


@dataclass(frozen=True)
class IdentityFact:
    """One fact of a persona's identity (job titles, reporting line ...), with the evidence it rests on."""

    label: str
    text: str
    refs: tuple[str, ...] = ()
    """Evidence index numbers ("E4"); none when the interviews do not state it."""


@dataclass(frozen=True)
class PersonaSection:
    id: int
    name: str
    role: str
    icps: tuple[str, ...]
    summary: str
    demographics: str
    respondents: int
    fields: tuple[PersonaField, ...]
    warning: str = ""
    """Shown under the persona's facts, e.g. that one respondent's persona may identify them."""
    identity: tuple[IdentityFact, ...] = ()
    """The person: role facts, part in the buying decision, tenure and background."""
    company_facts: str = ""
    """What the respondents' companies are (from the ICP fit), kept apart from the person."""
    flags: tuple[str, ...] = ()
    """Thin evidence, stated where the persona is shown."""


@dataclass(frozen=True)
class CompanyFitRow:
    company: str
    profile: str
    relationship: str
    score: int
    fits: bool
    coverage: str
    misses: str


@dataclass(frozen=True)
class OutsideEntry:
    interview: str
    company: str
    reason: str


@dataclass(frozen=True)
class IcpSection:
    id: int
    name: str
    description: str
    criteria: tuple[tuple[str, str, str], ...]
    """(attribute, requirement, weight) rows."""
    companies: tuple[CompanyFitRow, ...]
    success: tuple[SuccessRow, ...]
    """Rows labelled for reading: attribute label and tidied value."""
    outside: tuple[OutsideEntry, ...]
    separation: str = ""
    """Whether the fitting companies include churned or lost ones, said plainly."""
    separates: bool | None = None
    """True: of decided companies only customers fit; False: churned or lost ones fit too; None: untested."""
    success_left_out: int = 0
    """Success-table values seen at one decided company only, left out."""


@dataclass(frozen=True)
class MatrixSection:
    personas: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    """(row heading, one cell per persona) rows; the same fields for every persona."""


@dataclass(frozen=True)
class Finding:
    """One executive-summary finding: a claim with its prevalence, its implication, where it comes from."""

    claim: str
    implication: str
    basis: str
    """The persona and field (or ICP) it rests on, with evidence index numbers where it has quotes."""


@dataclass(frozen=True)
class InterviewEntry:
    label: str
    date: str
    respondent: str
    company: str
    source: str


@dataclass(frozen=True)
class RunEntry:
    """One extraction run whose insights the report uses."""

    extractor_version: str
    backend: str
    model_file: str
    model_sha256: str
    quantisation: str
    settings: str
    finished: str
    rejected: str = "none"
    """The model output the run rejected: replies that failed the schema and quotes dropped."""


@dataclass(frozen=True)
class MethodSection:
    runs: tuple[RunEntry, ...]
    status_counts: dict[str, int]
    quotes_used: int
    quotes_dropped: int
    include_suggested: bool
    review: str = ""
    """What the consultants reviewed, in numbers."""
    models: tuple[str, ...] = ()
    """Which model (or the rules) did what, from the stored probe results and runs."""
    themes: str = ""
    """How personas and themes were formed."""
    excluded: tuple[str, ...] = ()
    """What was left out, and why."""


@dataclass
class ReportContent:
    client: str
    title: str
    prepared_by: str
    date: dt.date
    draft: bool
    anonymised: bool
    interviews: int
    companies: int
    respondents: int
    period: str
    introduction: str = ""
    """The executive summary's opening: what the report draws on."""
    findings: list[Finding] = field(default_factory=list)
    icps: list[IcpSection] = field(default_factory=list)
    personas: list[PersonaSection] = field(default_factory=list)
    matrix: MatrixSection | None = None
    interview_list: list[InterviewEntry] = field(default_factory=list)
    method: MethodSection | None = None
    evidence: list[Quote] = field(default_factory=list)
    quotes_dropped: int = 0
    warnings: list[str] = field(default_factory=list)
    """For the consultant, not printed: single-respondent personas, parts stripped from the template."""
