"""Parse firmographic facts (size, revenue, funding, place, tools, industry) from respondent speech."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from synthesis.extraction.firmographic_context import company_head_count, is_date, stack_tool
from synthesis.extraction.prefilter import literal_gate
from synthesis.icp import places
from synthesis.icp.vocabulary import MONEY_SCALES, SCALE_PATTERN, SPOKEN_FUNDING_PATTERN
from synthesis.transcript import ParsedTurn, SpeakerRole


@dataclass(frozen=True)
class Firmographic:
    """One firmographic finding with its evidence: ``turns[turn_index].text[start:end] == quote``."""

    field: str
    value: str
    normalized: str
    turn_index: int
    start: int
    end: int
    quote: str


_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "dozen": 12,
}
_UNIT = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
    r"sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_BELOW_100 = rf"(?:{_TENS}(?:[- ]{_UNIT})?|{_UNIT})"
_BELOW_1000 = rf"(?:(?:a|{_UNIT}) hundred(?:(?: and)? {_BELOW_100})?|{_BELOW_100})"
_SPOKEN = rf"(?:{_BELOW_1000} thousand(?:(?: and)? {_BELOW_1000})?|a thousand|{_BELOW_1000}|a dozen)"
_NUM = r"\d[\d,]*(?:\.\d+)?\s?(?:k\b)?|" + _SPOKEN
_APPROX = (
    r"(?:(?:about|around|roughly|approximately|nearly|almost|just over|just under|over|under|some|~)\s+)?"
)
_APPROX_BEFORE = re.compile(_APPROX.removesuffix("?") + "$", re.IGNORECASE)
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}

_EMPLOYEES = re.compile(
    rf"\b(?P<n>{_NUM})(?:[- ]ish)?[\s-]+(?:full[- ]time\s+)?(?:people|employees|staff|ftes?|person\b|"
    rf"headcount)|\bheadcount (?:of|is) {_APPROX}(?P<n2>{_NUM})",
    re.IGNORECASE,
)
# Cheap to find: the head-count, revenue and funding patterns run only within _WINDOW of these words.
_HEAD_WORD = re.compile(r"people|employees|staff|ftes?|person|headcount", re.IGNORECASE)
_MONEY_WORD = re.compile(r"\b(?:arr|revenue|turnover|sales|gmv)\b", re.IGNORECASE)
_RAISED_WORD = re.compile(r"\b(?:raised|closed|round of|funding of)\b", re.IGNORECASE)
_WINDOW = 80
_MONEY = (
    rf"(?P<cur>[$€£])?\s?(?P<amt>\d+(?:[.,]\d+)?|{_SPOKEN})\s?(?P<scale>{SCALE_PATTERN})?\b"
    r"(?:\s?(?P<code>dollars?|euros?|pounds?|usd|eur|gbp))?"
)
_REVENUE = re.compile(
    rf"{_MONEY}\s+(?:in\s+|of\s+)?(?:annual\s+|recurring\s+)?(?P<what>arr|revenue|turnover|sales|gmv)\b|"
    rf"\b(?P<what2>arr|revenue|turnover)\b(?:\s+\w+){{0,3}}?\s+(?:is|of|at|was|around|about|hit)\s+{_APPROX}"
    rf"(?P<cur2>[$€£])?\s?(?P<amt2>\d+(?:[.,]\d+)?|{_SPOKEN})\s?(?P<scale2>{SCALE_PATTERN})?\b",
    re.IGNORECASE,
)
_STAGE = re.compile(rf"\b(?P<stage>{SPOKEN_FUNDING_PATTERN})\b", re.IGNORECASE)
_RAISED = re.compile(
    rf"\b(?:raised|closed|round of|funding of)\s+(?:an?\s+)?{_APPROX}{_MONEY}",
    re.IGNORECASE,
)
_PLACE_CUE = re.compile(
    r"\b(?:based|headquartered|hq'?d?|located|offices?|office|operate|operations|sites?|warehouses?|stores?|"
    r"customers|team|employees|people|staff|we(?:'re| are)) (?:is |are )?(?:mainly |mostly |all )?"
    r"(?:in|out of|across|throughout)\s+",
    re.IGNORECASE,
)
_PROPER = re.compile(r"(?:the\s+)?[A-Z][\w'-]+(?:\.[\w'-]+)*(?:\s+(?:of\s+)?[A-Z][\w'-]+(?:\.[\w'-]+)*)*")
_COMPANY_CUE = re.compile(
    r"\b(?:work(?:s|ed|ing)? (?:at|for)|here at|joined|"
    r"(?:manager|director|lead|head|vp|vice president|officer|controller|engineer|founder|partner|president|"
    r"ceo|cro|cfo|coo|cto|cio|analyst|specialist|consultant|operations|sales|marketing|success)\b"
    r"[^.?!\n]{0,50}? at) ",
    re.IGNORECASE,
)
_COMPANY_NAME = re.compile(r"[A-Z][\w&'-]*(?:\.[a-z]{2,4})?(?: (?:[A-Z][\w&'-]*|&))*")
_NOT_COMPANY = frozenset({"The", "A", "An", "I", "We", "It", "That", "This", "Our", "My", "First", "Least"})
_INDUSTRY = re.compile(
    r"\bwe(?:'re| are) (?:an?|the)\s+(?P<what>(?:[\w-]+\s+){0,4}?)(?:company|business|firm|startup|platform|"
    r"provider|bank|marketplace|agency|consultancy|manufacturer|distributor|retailer|operator|brand)\b",
    re.IGNORECASE,
)

_PLACE_NAMES = sorted((name for name in places.NAMES if name[:1].isupper()), key=len, reverse=True)
"""The gazetteer's names as a proper noun starts them ("US", not "the US": the match is the name itself)."""
_PLACE_WORD = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in _PLACE_NAMES) + r")\b")

TOOLS = tuple(
    """Salesforce|HubSpot|Marketo|Pardot|Outreach|Salesloft|Gong|Chorus|Clari|ZoomInfo|Apollo|Clearbit|6sense|
    Demandbase|LinkedIn Sales Navigator|Sales Navigator|Pipedrive|Zoho|Dynamics 365|Microsoft Dynamics|
    NetSuite|SAP|Oracle|Workday|QuickBooks|Xero|Sage Intacct|Sage|FloQast|BlackLine|Bill.com|Expensify|
    Ramp|Brex|Coupa|Anaplan|Adaptive Insights|Avalara|Stripe|Chargebee|Zuora|Recurly|Gainsight|ChurnZero|
    Totango|Vitally|Planhat|Zendesk|Intercom|Freshdesk|ServiceNow|Jira|Confluence|Asana|Monday.com|Trello|
    ClickUp|Notion|Airtable|Smartsheet|Slack|Microsoft Teams|Teams|Zoom|Google Meet|Google Workspace|
    Google Sheets|Google Docs|Gmail|Outlook|Office 365|Microsoft 365|SharePoint|OneDrive|Excel|Power BI|
    Tableau|Looker|Looker Studio|Metabase|Mode|Sigma|Snowflake|BigQuery|Redshift|Databricks|dbt|Fivetran|
    Segment|Mixpanel|Amplitude|Heap|Google Analytics|GA4|Hotjar|Okta|Azure|AWS|GCP|Google Cloud|CrowdStrike|
    Intune|Jamf|Active Directory|Entra|Splunk|Datadog|PagerDuty|GitHub|GitLab|Bitbucket|Figma|Miro|Canva|
    Mailchimp|Klaviyo|Braze|Iterable|Customer.io|Webflow|WordPress|Shopify|Magento|BigCommerce|Greenhouse|
    Lever|BambooHR|Rippling|Gusto|ADP|Deel|DocuSign|PandaDoc|Ironclad|Vanta|Drata|OneTrust|LinkedIn Ads|
    Google Ads|Meta Ads|Semrush|Ahrefs|Zapier|Make|Workato|Tray.io|Celigo|Boomi|MuleSoft|ChatGPT|Claude|
    Gemini|Copilot|Perplexity|NotebookLM|Notebook LM|Grammarly|Otter|Fireflies|
    Calendly|Loom|Dropbox|Box""".replace("\n", "").split("|")
)
TOOL_NAMES = frozenset(t.strip() for t in TOOLS)
_TOOL = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(t) for t in sorted(TOOL_NAMES, key=len, reverse=True)) + r")(?!\w)"
)
# Tool names that are also ordinary words: not counted at the start of a sentence.
_AMBIGUOUS_TOOLS = frozenset(
    {"Make", "Mode", "Sigma", "Segment", "Heap", "Box", "Ramp", "Teams", "Claude", "Apollo"}
)


def _finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, without the scan when ``text`` lacks the literals every match holds."""
    return pattern.finditer(text) if _gate(pattern)(text) else iter(())


@cache
def _gate(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """The literal gate of one pattern (built on first use)."""
    return literal_gate(pattern)


def _spoken(text: str) -> float | None:
    """The value of a spoken number such as "four hundred and eighty" or "twelve thousand"."""
    total, current = 0, 0
    for word in text.replace("-", " ").split():
        if word == "and":
            continue
        if word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = (total + max(current, 1)) * 1000, 0
        elif word in _UNITS:
            current += _UNITS[word]
        else:
            return None
    return float(total + current)


def _number(text: str) -> float | None:
    text = text.lower().strip()
    if text[:1].isalpha():
        return _spoken(text)
    scale = 1e3 if text.endswith("k") else 1.0
    digits = text.rstrip("k").strip().replace(",", "")
    try:
        return float(digits) * scale
    except ValueError:
        return None


def _money(amount: str, scale: str | None, currency: str | None, code: str | None) -> str:
    value = (_number(amount) or 0.0) * MONEY_SCALES.get((scale or "").lower(), 1.0)
    codes = {"usd": "USD", "eur": "EUR", "gbp": "GBP", "dollar": "USD", "euro": "EUR", "pound": "GBP"}
    cur = _CURRENCY.get(currency or "") or codes.get((code or "").lower().rstrip("s"), "")
    return f"{value:.0f} {cur}".strip()


def _with_approx(text: str, start: int) -> int:
    """Move ``start`` back over a preceding 'about', 'roughly', ... so the value reads as said."""
    m = _APPROX_BEFORE.search(text, max(0, start - 20), start)
    return m.start() if m else start


def _near(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern`` matches, searched only within ``_WINDOW`` characters of an ``anchor`` word (scanning whole
    turns with these patterns is slow)."""
    seen: set[int] = set()
    for word in anchor.finditer(text):
        window_start = max(0, word.start() - _WINDOW)
        for m in pattern.finditer(text, window_start, min(len(text), word.end() + _WINDOW)):
            if m.start() not in seen and (m.start() > window_start or window_start == 0):
                seen.add(m.start())
                yield m


def _employee_counts(text: str) -> Iterator[tuple[str, str, str, int, int]]:
    for m in _near(_EMPLOYEES, _HEAD_WORD, text):
        n = _number(m.group("n") or m.group("n2"))
        if n is not None and n >= 2:
            start = _with_approx(text, m.start())
            yield "employee_count", text[start : m.end()], f"{n:.0f}", start, m.end()


def _company_head_counts(text: str) -> Iterator[tuple[str, str, str, int, int]]:
    """The head counts of the respondent's company: not customers', not a team's, not a range's end."""
    for finding in _employee_counts(text):
        _field, _value, normalized, start, end = finding
        if company_head_count(text, start, end, float(normalized)):
            yield finding


def employee_count(text: str) -> int | None:
    """The first number of employees ``text`` states ("about four hundred people" -> 400), or None."""
    found = min(_employee_counts(text), key=lambda finding: finding[3], default=None)
    return None if found is None else int(float(found[2]))


def _findings(text: str) -> Iterator[tuple[str, str, str, int, int]]:
    """Yield (field, value, normalized, start, end) for one turn's text."""
    yield from _company_head_counts(text)
    for m in _near(_REVENUE, _MONEY_WORD, text):
        if m.group("amt"):
            norm = _money(m.group("amt"), m.group("scale"), m.group("cur"), m.group("code"))
        else:
            norm = _money(m.group("amt2"), m.group("scale2"), m.group("cur2"), None)
        start = _with_approx(text, m.start())
        yield "revenue", text[start : m.end()].strip(), norm, start, m.end()
    for m in _finditer(_STAGE, text):
        stage = m.group("stage")
        normalized = stage.title() if stage.lower().startswith("series") else stage.lower()
        yield "funding_stage", stage, normalized, m.start(), m.end()
    for m in _near(_RAISED, _RAISED_WORD, text):
        yield "funding_amount", m.group().strip(), _money(m.group("amt"), m.group("scale"), m.group("cur"),
                                                          m.group("code")), m.start(), m.end()
    yield from _places(text)
    yield from _tools(text)
    yield from _company_names(text)
    for m in _finditer(_INDUSTRY, text):
        what = m.group("what").strip()
        if what:
            yield "industry", text[m.start("what") : m.end()], what.lower(), m.start("what"), m.end()


def _company_names(text: str) -> Iterator[tuple[str, str, str, int, int]]:
    """The respondent's organisation where they name it: "Director of RevOps at Quillfield Software"."""
    for cue in _finditer(_COMPANY_CUE, text):
        name = _COMPANY_NAME.match(text, cue.end())
        if name and name.group().split()[0] not in _NOT_COMPANY:
            yield "company_name", name.group(), name.group(), name.start(), name.end()


def _tools(text: str) -> Iterator[tuple[str, str, str, int, int]]:
    for m in _finditer(_TOOL, text):
        name, start = m.group(), m.start()
        sentence_initial = start == 0 or text[max(0, start - 2) : start].strip() in (".", "!", "?")
        if not (name in _AMBIGUOUS_TOOLS and sentence_initial) and stack_tool(text, name, start, m.end()):
            yield "tech_stack", name, name, start, m.end()


def _places(text: str) -> Iterator[tuple[str, str, str, int, int]]:
    seen: set[int] = set()
    for cue in _finditer(_PLACE_CUE, text):
        name = _PROPER.match(text, cue.end())
        if name and not is_date(text, name.start()):
            end = name.end()
            while end > name.start() and text[end - 1] in ".,'":
                end -= 1
            seen.add(name.start())
            yield "country_region", text[name.start() : end], text[name.start() : end], name.start(), end
    for m in _finditer(_PLACE_WORD, text):
        if m.start() not in seen and _PLACE_CUE.search(text, max(0, m.start() - 60), m.start()):
            yield "country_region", m.group(), m.group(), m.start(), m.end()


def extract_firmographics(turns: Sequence[ParsedTurn]) -> list[Firmographic]:
    """Every firmographic finding in respondent turns, in reading order."""
    out: list[Firmographic] = []
    for index, turn in enumerate(turns):
        if turn.role != SpeakerRole.RESPONDENT:
            continue
        for field, value, normalized, start, end in _findings(turn.text):
            out.append(Firmographic(field, value, normalized, index, start, end, turn.text[start:end]))
    out.sort(key=lambda f: (f.turn_index, f.start))
    return out
