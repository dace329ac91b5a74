"""Which persona field an insight belongs to, and what part of buying behaviour it describes.

Extraction files some statements under the wrong kind; where the wording says so, a persona places them
elsewhere (the stored insight keeps its kind; user-placed insights are never moved):
- a goal, pain or aspiration about buying (a pilot, a security review, sign-off, budget, a vendor's price)
  is buying behaviour;
- a "pain" that is a wish ("I wish …", "would love …", "ideally …") with no trouble in it is an aspiration;
- a "pain" that is positive usage ("use it every week", "works well") with no trouble in it is part of the
  role (how they work today).
Buying statements are split into aspects (``BuyingAspect``), and the respondent's own part in the decision
(``DecisionRole``) is read from statements whose subject is the respondent ("Can approve up to …", "They ran
the pilot").
"""

from __future__ import annotations

import re
from enum import StrEnum

from models.tables import InsightKind


class BuyingAspect(StrEnum):
    DECISION = "decision role"
    TRIGGER = "triggers"
    EVALUATION = "evaluation steps and criteria"
    OBJECTION = "objections and risks"
    SOURCE = "information sources"
    OTHER = "other buying behaviour"


BUYING_TITLES: tuple[tuple[str, BuyingAspect], ...] = (
    ("Part in the decision", BuyingAspect.DECISION),
    ("Triggers", BuyingAspect.TRIGGER),
    ("Evaluation steps and criteria", BuyingAspect.EVALUATION),
    ("Objections and risks", BuyingAspect.OBJECTION),
    ("Information sources", BuyingAspect.SOURCE),
    ("Other buying behaviour", BuyingAspect.OTHER),
)
"""The buying-behaviour sub-fields with their titles, in the order the persona page and report show them."""


class DecisionRole(StrEnum):
    USER = "user"
    CHAMPION = "champion"
    EVALUATOR = "evaluator"
    APPROVER = "approver"
    BUDGET_HOLDER = "budget holder"


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


_BUYING = _any(
    r"\b(?:pilot|trial|proof of concept|poc|shortlist|rfp|security review|questionnaire|soc ?2|pen ?test)\b",
    r"\bsign(?:s|ed)? off\b|\bsign-off\b|\bapprov(?:e|es|ed|al)\b|\bbudget\b|\bprocurement\b|\bvendors?\b",
    r"\b(?:renewal|contract|pricing|price|quote)\b|\bper (?:seat|user)\b|\bdemo\b|\bevaluat",
)
_TROUBLE = _any(
    r"\b(?:problem|issue|hard|difficult|pain|frustrat|annoy|waste|manual(?:ly)?|slow|broke|broken|miss|"
    r"missed|lost|lose|fail|wrong|late|mess|chaos|nobody|never|barely|can't|cannot|don't|doesn't|didn't|"
    r"won't|not|no|too|struggle|worr|risk|spend hours|by hand|reconcil)",
)
_WISH = _any(
    r"\bi wish\b|\bwish (?:we|they|i)\b|\bwould love\b|\bideally\b|\bdream\b|\bif only\b",
    r"\bwould be (?:great|nice|amazing|ideal|huge)\b|\bwant(?:s)? to be able\b|\bhop(?:e|ing)\b",
)
_POSITIVE_USE = _any(
    r"\buses? (?:it|them|this)\b.*\b(?:every|daily|each|all the time)\b",
    r"\bworks? (?:well|great|fine)\b|\b(?:love|loves|like|likes|happy with|helpful|useful)\b",
)
_ASPECTS: tuple[tuple[BuyingAspect, re.Pattern[str]], ...] = (
    (
        BuyingAspect.SOURCE,
        _any(
            r"\b(?:g2|capterra|gartner|forrester|linkedin|podcast|newsletter|reddit|webinar|conference)\b",
            r"\bword of mouth\b|\bpeers?\b|\brecommend|\breferr|\bheard (?:about|of)\b|\bcommunity\b",
            r"\breview sites?\b|\bblog\b|\banalysts? firm|\bslack (?:group|community)\b",
        ),
    ),
    (
        BuyingAspect.DECISION,
        _any(
            r"\bsign(?:s|ed)? off\b|\bsign-off\b|\bapprov|\bbudget\b|\bfinal (?:say|call|decision)\b",
            r"\bdecid|\bdecision\b|\bsignature\b|\bchampion\b|\bpay for\b|\bup to [\w$€£]",
            r"\bgoes to (?:the|their|our) (?:ceo|cfo|cro|coo|board)\b|\bneeds? (?:the )?(?:ceo|cfo|board)\b",
        ),
    ),
    (
        BuyingAspect.OBJECTION,
        _any(
            r"\bworr|\bconcern|\brisk|\bafraid|\bnervous|\bhesita|\bobjection|\bexpensive\b|\bpric(?:e|ing)\b",
            r"\bcost\b|\block-in\b|\bswitching\b|\bburn(?:ed|t)\b|\bnot convinced\b|\bsk?c?eptic|\bquote\b",
            r"\bcancel|\bchurn|\bdrop(?:ped)?\b|\bhigher\b",
        ),
    ),
    (
        BuyingAspect.TRIGGER,
        _any(
            r"\btrigger|\bstarted looking\b|\bnew (?:cro|cfo|ceo|vp|leader|boss)\b|\bthat's when\b",
            r"\bmissed (?:a|the|our|their) (?:quarter|number|forecast)\b|\bprompt|\bkicked off\b",
            r"\bafter (?:we|they|the)\b|\bwhen (?:we|they) (?:missed|lost|hired|raised|grew)\b",
        ),
    ),
    (
        BuyingAspect.EVALUATION,
        _any(
            r"\bpilot|\btrial|\bproof of concept\b|\bpoc\b|\bdemo|\bshortlist|\bcompar|\bevaluat|\btest",
            r"\bsecurity review\b|\bquestionnaire\b|\bsoc ?2\b|\bpen ?test\b|\breference|\brfp\b|\bcriteri",
            r"\bmust\b|\bhas to\b|\bhave to\b|\bneeds? to\b|\bintegrat|\bnatively\b|\bprocurement\b",
            r"\blegal\b|\bcontract\b|\bweeks?\b|\bmonths?\b|\bvendor",
        ),
    ),
)
_SUBJECT = r"(?:^|\b(?:i|they|we)\s+)(?:(?:can|could|would|will|usually|also|then|basically|still)\s+)*"
_ROLES: tuple[tuple[DecisionRole, re.Pattern[str]], ...] = (
    (
        DecisionRole.BUDGET_HOLDER,
        _any(
            _SUBJECT + r"(?:have|has|own|owns|hold|holds|control|controls|manage|manages)\s+"
            r"(?:a|the|my|their|our)\s+(?:\w+\s+)?budget\b",
            _SUBJECT + r"(?:pay|pays) for\b",
        ),
    ),
    (
        DecisionRole.APPROVER,
        _any(
            _SUBJECT + r"(?:decide|decides|approve|approves|sign off|signs off|sign it off|sign-off|"
            r"make the (?:final )?(?:call|decision))\b",
            r"\bfinal (?:say|call|decision) is (?:mine|theirs)\b",
        ),
    ),
    (
        DecisionRole.CHAMPION,
        _any(
            _SUBJECT + r"be the (?:sponsor|champion)\b",
            _SUBJECT + r"(?:champion|championed|pushed for|pitched|made the case|brought (?:it|them) in)\b",
        ),
    ),
    (
        DecisionRole.EVALUATOR,
        _any(
            _SUBJECT + r"(?:ran|run|runs|led|lead|leads|did|do|does|want|evaluated|tested|compared|"
            r"shortlisted)\s+(?:the |a |an )?(?:\w+[- ]\w+\s+)?(?:pilot|trial|evaluation|proof of concept|"
            r"poc|shortlist|demos?|comparison|rfp)\b"
        ),
    ),
    (
        DecisionRole.USER,
        _any(_SUBJECT + r"(?:use|uses|log into|logs into|live in|lives in)\b"),
    ),
)


def placed_kind(kind: InsightKind, statement: str) -> InsightKind:
    """The persona field a statement of ``kind`` belongs in, by its wording."""
    if kind in (InsightKind.GOAL, InsightKind.PAIN, InsightKind.ASPIRATION) and _BUYING.search(statement):
        return InsightKind.BUYING
    if kind == InsightKind.PAIN and not _TROUBLE.search(statement):
        if _WISH.search(statement):
            return InsightKind.ASPIRATION
        if _POSITIVE_USE.search(statement):
            return InsightKind.ROLE
    return kind


def buying_aspect(statement: str) -> BuyingAspect:
    """The part of buying behaviour a statement describes (first match in ``_ASPECTS`` order)."""
    return next((aspect for aspect, pattern in _ASPECTS if pattern.search(statement)), BuyingAspect.OTHER)


def decision_roles(statement: str) -> set[DecisionRole]:
    """The respondent's own parts in a buying decision that a statement about them states: its subject is
    the respondent ("I", "they" as extraction writes it, or none: "Can approve up to …")."""
    return {role for role, pattern in _ROLES if pattern.search(statement.strip())}
