"""The rules a theme label must meet, as code: used by label writing, the tests and ``bench_synthesis``.

A label is a short, complete statement of a theme's idea, in the persona's voice ("We want …") or neutral
third person ("Reports to the CRO."). ``label_problems`` lists what breaks the rules (empty when it is fine):
- ``ellipsis``: it ends with "…" or "..." (a cut sentence), or holds one;
- ``question``: it is a question;
- ``not a sentence``: no capital (or digit) first or no final full stop;
- ``length``: fewer than ``MIN_LABEL_WORDS`` or more than ``MAX_LABEL_WORDS`` words;
- ``fragment``: it opens like a list item or a dependent clause with no main clause ("The third thing
  would be …", "Number two would be that …", "Probably that they find out too late.", "When a deal slips
  or goes quiet."), opens with a conjunction,
  ends on a word that cannot end a clause ("… and", "… the"), or has no verb;
- ``filler``: it keeps a spoken filler ("um", "you know", "I mean", "kind of");
- ``pronoun swap``: a first-person word turned into "them" where it was a name ("across the them and
  Canada" for "the US and Canada");
- ``third party``: its subject is someone other than the respondent: a person's first name ("Elaine
  wants …"), one of ``names``, or another role ("The board wants …", "Our CRO signs …").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from synthesis.personas.statements import FUNCTION_WORDS, is_question, words

MIN_LABEL_WORDS = 2
MAX_LABEL_WORDS = 18

_LIST_LEAD = re.compile(
    r"^(?:(?:the\s+)?(?:first|second|third|fourth|fifth|last|next|other|biggest|main|big)\s+"
    r"(?:one|thing|piece|part|bit|item|point)\b|number\s+(?:one|two|three|four|five|\d)\b|"
    r"(?:another|one|other)\s+thing\b|first(?:ly)?\s+of\s+all\b|(?:first|second|third)ly\b|"
    r"(?:\w+ly\s+)?that\s+(?:i|we|they|he|she|you|the|it's)\b)",
    re.IGNORECASE,
)
_SUBORDINATORS = frozenset(
    "if when whenever unless once because although though while whereas since until where whether".split()
)
_CONJUNCTIONS = frozenset("and but or nor so then also plus".split())
_DANGLING = frozenset(
    """a an the and or nor but of to for with from by at their his her its our my your because if than
    which whose who when where as into onto um uh""".split()
)
_FILLER = re.compile(
    r"\b(?:um+|uh+|erm|er|you know|i mean|kind of|sort of|i guess|like,)(?=[\s,.;:!?]|$)", re.IGNORECASE
)
_OTHER_ROLES = re.compile(
    r"^(?:the|our|my|their|his|her)\s+(?:boss|manager|ceo|cfo|cro|coo|cto|cio|cmo|vp|svp|evp|board|"
    r"founders?|co-founders?|leadership|exec team)\b",
    re.IGNORECASE,
)
"""Someone above or beside the respondent; the respondent's own team ("the reps") may be a subject."""
_VERB_HINTS = frozenset(
    """is are was were be been am has have had do does did can could would should will shall may might must
    need needs want wants get gets got make makes made use uses used run runs own owns lead leads report
    reports manage manages spend spends take takes keep keeps look looks see sees know knows think thinks
    feel feels trust trusts work works sign signs pay pays buy buys go goes come comes tell tells say says
    find finds try tries build builds check checks rely relies let lets lose loses miss misses give gives
    hate hates like likes love loves prefer prefers expect expects care cares sits sit ask asks
    took came went said saw left lost told bought sold spent built felt kept thought knew began brought
    chose found gave held met paid put ran sent set sat stood won wrote heard meant led became grew fell
    broke""".split()
)
_SUBJECTS = frozenset("i we they he she it you".split())
_SWAP = re.compile(r"\b(?:the|a|an)\s+(?:them|they|their|themself|themselves)\b", re.IGNORECASE)
_VERB_ENDING = re.compile(r"[a-z]{3,}ed$")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_OBJECT_STARTS = frozenset(
    """the a an it them that this these those their his her our my its up out off what how why to for with
    into about no more less every each all any some""".split()
)


@lru_cache(maxsize=1)
def _gender_detector():  # gender_guesser has no type hints
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=True)


def is_first_name(token: str) -> bool:
    """True for a capitalised word that is a known first name and no common English word ("Elaine")."""
    bare = token.strip(",.;:!?\"'“”()")
    if not bare[:1].isupper() or bare.lower() in FUNCTION_WORDS or bare.isupper():
        return False
    return _gender_detector().get_gender(bare) in {"male", "female"}


def _s_verb(text: str) -> bool:
    """A lower-case "-s" word before an object ("commit means the", "their CSM logs it"), where a plural
    noun ("dashboards on", "Sheets for", "… and renewals.") is unlikely."""
    tokens = _TOKEN.findall(text)
    for n, token in enumerate(tokens):
        lower = token.islower() or (n == 0 and token[1:].islower())  # a subject-less "Struggles with"
        if not lower or len(token) < 4 or not token.endswith("s") or token.endswith(("ss", "us", "is")):
            continue
        if token.lower() in FUNCTION_WORDS:
            continue
        if n < len(tokens) - 1 and tokens[n + 1].lower() in _OBJECT_STARTS:
            return True
    return False


def _has_verb(found: list[str], text: str = "") -> bool:
    """A verb it knows, a contraction ("it's", "don't"), an "-ed" word, an "-s" verb before its object, or
    a pronoun subject."""
    return (
        any(w in _VERB_HINTS or re.search(r"['’](?:s|re|ve|d|ll|m|t)$", w) for w in found)
        or any(_VERB_ENDING.fullmatch(w) and w not in FUNCTION_WORDS for w in found)
        or any(w in _SUBJECTS for w in found[:-1])
        or _s_verb(text)
    )


def _dependent_only(text: str, found: list[str]) -> bool:
    """Opens with a subordinator and has no main clause (with a verb) after a comma ("When a deal slips.",
    "If the mapping was configurable, without a ticket.")."""
    if found[0] not in _SUBORDINATORS:
        return False
    _, comma, rest = text.partition(",")
    return not comma or len(words(rest)) < 2 or not _has_verb(words(rest), rest)


def _fragment(text: str, found: list[str]) -> bool:
    return (
        bool(_LIST_LEAD.match(text))
        or found[0] in _CONJUNCTIONS
        or found[-1] in _DANGLING
        or _dependent_only(text, found)
        or not _has_verb(found, text)
    )


def third_party_subject(text: str, names: Collection[str] = ()) -> bool:
    """The label's subject is a named person, one of ``names``, or another role ("The board wants")."""
    tokens = text.split()
    if not tokens:
        return False
    first = tokens[0].strip(",.;:!?\"'“”()")
    known = {n.lower() for name in names for n in name.split()}
    return is_first_name(first) or first.lower() in known or bool(_OTHER_ROLES.match(text))


def label_problems(label: str, names: Collection[str] = ()) -> list[str]:
    """What makes ``label`` break the label rules; an empty list when it meets them all."""
    text = label.strip()
    found = words(text)
    if not found:
        return ["length"]
    problems = []
    if "…" in text or "..." in text:
        problems.append("ellipsis")
    if is_question(text):
        problems.append("question")
    if not (text[:1].isupper() or text[:1].isdigit()) or not text.endswith("."):
        problems.append("not a sentence")
    if not MIN_LABEL_WORDS <= len(found) <= MAX_LABEL_WORDS:
        problems.append("length")
    if _fragment(text, found):
        problems.append("fragment")
    if _FILLER.search(text):
        problems.append("filler")
    if _SWAP.search(text):
        problems.append("pronoun swap")
    if third_party_subject(text, names):
        problems.append("third party")
    return problems


def label_ok(label: str, names: Collection[str] = ()) -> bool:
    return not label_problems(label, names)
