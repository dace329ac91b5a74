"""The redaction review of a workspace: which terms an anonymised export replaces, with counts and examples.

Candidates are everyone and everything the workspace knows by name (speakers, interviewees, interviewers,
companies and their fields, file names) plus what ``terms.find_terms`` finds in every text that can reach an
export. Every candidate is redacted unless the consultant keeps it; the consultant may add terms. Decisions
live with the export (dialog or review file), not in the workspace.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from sqlmodel import Session, select

from models.tables import Company, Icp, Insight, Interview, Persona, Turn, WorkspaceSetting
from synthesis.personas.respondents import is_generic_label
from synthesis.report.anonymise import split_names
from synthesis.report.lexicon import Lexicon
from synthesis.report.terms import Term, find_terms
from synthesis.transcript import SpeakerRole


@dataclass(frozen=True)
class Candidate:
    term: Term
    count: int
    """Occurrences of the whole term in the workspace's texts."""
    example: str
    """The first occurrence with a little context."""


@dataclass(frozen=True)
class Decisions:
    """The consultant's changes to the default (redact every candidate)."""

    keep: frozenset[str] = frozenset()
    """Keys (case-folded text) of candidates left as they are."""
    add: tuple[Term, ...] = ()
    """Terms the review missed."""

    def redacted(self, candidates: list[Candidate]) -> list[Term]:
        chosen = [c.term for c in candidates if c.term.key not in self.keep]
        return chosen + [t for t in self.add if t.key not in {c.key for c in chosen}]


@dataclass
class WorkspaceNames:
    """What a workspace knows by name, and every text an export may print."""

    respondents: dict[int, list[str]] = field(default_factory=dict)
    """Interview id -> the respondent's names (interviewee field and speaker labels)."""
    interviewers: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    """Tools, the client's name: never redacted unless added."""
    texts: list[str] = field(default_factory=list)


def _file_words(name: str) -> str:
    """ "interview-chidi-okafor_v2.txt" -> "interview Chidi Okafor v2" (words capitalised for the finder)."""
    stem = PurePath(name).stem
    return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[\W_]+", stem) if w)


_ROLE_LABELS = frozenset({"ai", "assistant", "interviewer", "host", "moderator", "bot", "me", "them"})
"""Speaker labels that name a part, not a person ("AI" interviews people in some transcripts)."""


def _role_label(label: str) -> bool:
    return is_generic_label(label) or label.strip().casefold() in _ROLE_LABELS


def _speakers(session: Session, names: WorkspaceNames) -> None:
    for interview_id, speaker, role in session.exec(
        select(Turn.interview_id, Turn.speaker, Turn.role).distinct()
    ):
        if _role_label(speaker):
            continue
        # "Sander de Vries (Head of Growth, Haulbridge)": the name is a person, the rest is text to scan
        people = [speaker]
        if "(" in speaker:
            people = split_names(speaker)
            names.texts.append(speaker)
        if role == SpeakerRole.RESPONDENT:
            names.respondents.setdefault(interview_id, []).extend(people)
        elif role == SpeakerRole.INTERVIEWER:
            names.interviewers.extend(people)
        else:
            names.others.extend(people)


def workspace_names(session: Session, client: str) -> WorkspaceNames:
    names = WorkspaceNames(keep=[client] if client else [])
    setting = session.get(WorkspaceSetting, "interviewers")
    if setting and isinstance(setting.value, list):
        names.interviewers.extend(str(v) for v in setting.value)
    for interview in session.exec(select(Interview).order_by(Interview.id)):  # type: ignore[arg-type]
        names.respondents.setdefault(interview.id or 0, []).insert(0, interview.interviewee_name or "")
        names.interviewers.extend(n for n in split_names(interview.interviewer) if not _role_label(n))
        names.texts += [interview.title, interview.job_title or "", interview.seniority or ""]
        names.texts.append(interview.department or "")
        names.texts.append(_file_words(interview.source_file_name))
    _speakers(session, names)
    for company in session.exec(select(Company)):
        names.companies.append(company.name)
        names.keep.extend(company.tech_stack)
        names.texts += [company.industry or "", company.country or "", company.region or "", company.notes]
        names.texts += [company.funding_stage or "", company.revenue_band or ""]
    names.texts += list(session.exec(select(Turn.text)))
    for insight in session.exec(select(Insight)):
        names.texts += [insight.statement, insight.original_statement or ""]
    for persona in session.exec(select(Persona)):
        names.texts += [persona.name, persona.role, persona.summary, persona.demographics]
    for icp in session.exec(select(Icp)):
        names.texts += [icp.name, icp.description]
    return names


def known_terms(names: WorkspaceNames) -> list[Term]:
    """The names the workspace records, people first."""
    terms = [Term(n, "respondent") for ns in names.respondents.values() for n in ns if n.strip()]
    terms += [Term(n, "interviewer") for n in names.interviewers if n.strip()]
    terms += [Term(n, "person") for n in names.others if n.strip()]
    return terms + [Term(n, "company") for n in names.companies if n.strip()]


def _examples(terms: list[Term], texts: list[str]) -> dict[str, tuple[int, str]]:
    """Term key -> (occurrences, first occurrence in context), in one pass over the texts."""
    if not terms:
        return {}
    keys = sorted({t.key for t in terms}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in keys)
    pattern = re.compile(rf"(?<![\w@])({alternatives})(?![\w@])", re.IGNORECASE)
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for text in texts:
        for match in pattern.finditer(text or ""):
            key = " ".join(match.group(1).split()).casefold()
            counts[key] += 1
            if key not in examples:
                start, end = max(0, match.start() - 40), match.end() + 40
                context = " ".join(text[start:end].split())
                examples[key] = ("…" if start else "") + context + ("…" if end < len(text) else "")
    return {k: (counts[k], examples.get(k, "")) for k in keys}


def review_candidates(session: Session, client: str, names: WorkspaceNames | None = None) -> list[Candidate]:
    """Every term an anonymised export of this workspace would redact by default, most frequent first."""
    names = names or workspace_names(session, client)
    lexicon = Lexicon(names.keep)
    terms: dict[str, Term] = {}
    for term in known_terms(names):
        if not lexicon.is_tool_or_kept(term.text):
            terms.setdefault(term.key, term)
    for key, term in find_terms(names.texts, lexicon).items():
        terms.setdefault(key, term)
    found = _examples(list(terms.values()), names.texts)
    candidates = [Candidate(t, *found.get(t.key, (0, ""))) for t in terms.values()]
    return sorted(candidates, key=lambda c: (-c.count, c.term.key))
