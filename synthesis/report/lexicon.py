"""Which capitalised words are ordinary: frequent English words, tools, calendar words, places, acronyms.

Word frequencies come from `wordfreq` (Apache-2.0 code; its English list is built from CC-BY-SA sources),
looked up case-insensitively. A word whose Zipf frequency is at least ``ORDINARY_ZIPF`` (about once per
300,000 words) is ordinary; "Okafor", "Tundra" and "Nguyen" are not, "Pipeline" and "Grace" are.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from wordfreq import zipf_frequency

from synthesis.extraction.firmographics import TOOL_NAMES
from synthesis.icp import places

ORDINARY_ZIPF = 3.5
CALENDAR = frozenset(
    """january february march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue
    wed thu fri sat sun today tomorrow yesterday christmas easter q1 q2 q3 q4 h1 h2 fy""".split()
)
PARTICLES = frozenset(
    "de da di do dos das du del della der den la le van von ter ten bin binti ibn al el ní nic ó ua".split()
)
"""Lower-case words inside names: "Ana de la Cruz", "Pieter van der Merwe", "Siobhán Ní Bhriain"."""
TITLES = frozenset("dr mr mrs ms mx miss prof professor sir dame madam".split())
GREETINGS = frozenset("hi hey hello hallo hoi hej hola dear thanks thank cheers morning bye ciao".split())
"""Words that open a sentence before a name: "Hi Priya", "Hoi Sanne"."""
ROLE_WORDS = frozenset(
    """chief officer head director manager vp svp evp president founder cofounder co-founder partner lead
    principal analyst admin revenue sales operations ops marketing finance people success customer product
    engineering security commercial banking performance enablement growth board""".split()
)
"""Capitalised in job titles ("our Head of Sales"), never names on their own."""
PUBLIC_NAMES = frozenset(
    """revops salesops devops finops bizops saas paas oauth gtm tiktok meta google microsoft apple amazon
    linkedin facebook instagram youtube twitter whatsapp""".split()
)
"""Jargon and household names that identify nobody."""


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The word's Zipf frequency in English (0 when unknown)."""
    return zipf_frequency(word.casefold(), "en")


def is_frequent(word: str) -> bool:
    return zipf(word) >= ORDINARY_ZIPF


def is_acronym(word: str) -> bool:
    """ "CRM", "AEs", "Q3": capitals (and digits), perhaps a plural s, at most six letters."""
    letters = [c for c in word.removesuffix("s") if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


_DEMONYM_ENDINGS = (
    ("ian", "ia"), ("ian", "a"), ("ian", "y"), ("ian", ""), ("an", "a"), ("an", "any"), ("an", "o"),
    ("n", ""), ("ese", "a"), ("ese", ""), ("ese", "al"), ("ish", "and"), ("ish", "en"), ("ish", "eland"),
    ("tish", "land"), ("i", ""),
)  # fmt: skip
_DEMONYM_COUNTRIES = {
    "british": "United Kingdom", "english": "United Kingdom", "welsh": "United Kingdom", "french": "France",
    "dutch": "Netherlands", "danish": "Denmark", "spanish": "Spain", "swiss": "Switzerland",
    "norwegian": "Norway", "finnish": "Finland", "greek": "Greece", "thai": "Thailand",
    "filipino": "Philippines", "portuguese": "Portugal", "czech": "Czechia", "flemish": "Belgium",
    "emirati": "United Arab Emirates",
}  # fmt: skip
"""Nationality adjectives the suffix rules miss ("Dutch" -> the Netherlands)."""
_REGION_ADJECTIVES = {
    "North America": "North American", "Latin America": "Latin American", "Europe": "European",
    "Middle East": "Middle Eastern", "Africa": "African", "Central Asia": "Central Asian",
    "APAC": "Asia-Pacific", "EMEA": "EMEA",
}  # fmt: skip


def demonym_region(word: str) -> str | None:
    """A nationality adjective's region as an adjective ("Canadian" -> "North American"), else None."""
    folded = word.casefold()
    if not word[:1].isupper() or len(folded) < 4:
        return None
    country = _DEMONYM_COUNTRIES.get(folded)
    candidates = [country] if country else []
    candidates += [folded[: -len(end)] + new for end, new in _DEMONYM_ENDINGS if folded.endswith(end)]
    for candidate in candidates:
        region = places.region_of(candidate) if len(candidate) >= 4 else None
        if region:
            return _REGION_ADJECTIVES.get(region, region)
    return None


REPORT_WORDS = frozenset({"seniority", "tenure", "demographics", "aspirations", "respondents"})
"""Words of Groundwork's own labels ("Seniority: …") that are rare in English but never a name."""


class Lexicon:
    """Ordinary words for one workspace: the frequency list plus its tools and the words it keeps."""

    def __init__(self, keep: Iterable[str] = ()) -> None:
        tools = {w.casefold() for t in TOOL_NAMES for w in t.split()} | PUBLIC_NAMES | REPORT_WORDS
        self._known = tools | {w.casefold() for k in keep for w in k.split() if w}
        self._phrases = {t.casefold() for t in TOOL_NAMES} | {k.casefold() for k in keep if k}

    def is_tool_or_kept(self, text: str) -> bool:
        """A known tool, a word the consultant keeps, or a calendar word."""
        key = text.casefold()
        return key in self._phrases or key in self._known or key in CALENDAR or key.rstrip("s") in CALENDAR

    def is_ordinary(self, word: str) -> bool:
        """Frequent in English, a known tool or kept word, a calendar word, or an acronym such as CRM."""
        if self.is_tool_or_kept(word) or is_frequent(word):
            return True
        if "-" in word:
            return all(len(p) < 2 or self.is_ordinary(p) for p in word.split("-"))
        return is_acronym(word)

    @staticmethod
    def is_place(text: str) -> bool:
        """A known place or a nationality adjective ("Lagos", "Canadian")."""
        return places.region_of(text) is not None or demonym_region(text) is not None
