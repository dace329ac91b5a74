"""How much an insight statement says, and a short clean theme label made from one.

- A statement is a *fragment* when it is a question (ends with "?" or opens like one: "Is it …", "How do
  they …"), has fewer than ``MIN_WORDS`` words, or holds no content word. Fragments carry no context of
  their own, so they never lead a persona field.
- A statement is *cut* when it ends mid-sentence: with "…" or on a word that cannot end a clause ("a",
  "the", "and", "to" …).
- Informativeness = confidence + ``CONTENT_WEIGHT`` per content word (at most ``CONTENT_CAP`` counted),
  less ``CUT_PENALTY`` for a cut statement.
- A label keeps the statement when it is whole and at most ``MAX_LABEL_WORDS`` words; else the longest
  leading clause of ``MIN_CLAUSE_WORDS`` to ``MAX_LABEL_WORDS`` words ending at a comma or semicolon (not
  one inside "three, four" nor the one closing an opening "If …"), or failing that before "and", "but",
  "which" …; else the first ``MAX_LABEL_WORDS`` words, trimmed to a word that can end a phrase, with "…".
"""

from __future__ import annotations

import re

MIN_WORDS = 5
MAX_LABEL_WORDS = 12
MIN_CLAUSE_WORDS = 4
CONTENT_WEIGHT = 0.15
CONTENT_CAP = 6
CUT_PENALTY = 0.2

FUNCTION_WORDS = frozenset(
    """a an the and or nor but of to for in on at by with from as into onto over about than then there
    is are was were be been being am it its this that these those their theirs they them themself
    themselves he she his her him we us our i me my you your yours one ones
    has have had do does did done can could would should will shall may might must
    just very really more most much some any all also so too not no never only even still
    what which who whom whose when where why how if because while though although until since
    um uh er erm like yeah yes okay ok oh well honestly basically actually literally kind sort
    thing things stuff something anything everything nothing get gets got getting go goes going went
    make makes made say says said know knows knew think thinks thought want wants need needs
    lot lots bit way here now up out off back""".split()
)
"""Words that carry no topic of their own (stopwords, pronouns, fillers, light verbs)."""

_AUXILIARIES = frozenset(
    """is are was were do does did can could would will should shall has have had
    may might must""".split()
)
_SUBJECTS = frozenset(
    """it they there that this he she we you i anyone anybody someone somebody
    everyone everybody""".split()
)
_WH = frozenset(["what", "why", "how", "when", "where", "who", "which"])
_DANGLING = frozenset(
    """a an the and or nor but of to for with from by at their his her its our my your because if than
    which whose um uh""".split()
)
_SUBORDINATORS = frozenset(
    ["if", "when", "whenever", "unless", "once", "because", "although", "though", "while"]
)
_CLAUSE_WORDS = frozenset(
    """and but which so because while though although whereas
    where when""".split()
)
_LEADING_FILLER = frozenset(
    """so and but then well like yeah yes um uh oh okay ok honestly basically
    also right""".split()
)
_CLAUSE_MARKS = (",", ";", ":", "—", "–")
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand million billion""".split()
)
_INLINE_FILLER = re.compile(r",?\s+(?:um+|uh+|erm|er)\b,?|,\s+(?:like|you know|i mean),(?=\s)", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_ELLIPSIS = ("…", "...")


def words(statement: str) -> list[str]:
    """Lower-case words of a statement (contractions and hyphenated words kept whole)."""
    return _WORD.findall(statement.lower())


def _is_content(word: str) -> bool:
    return not word.endswith(("n't", "n’t")) and re.split("['’]", word)[0] not in FUNCTION_WORDS


def content_words(statement: str) -> list[str]:
    return [w for w in words(statement) if _is_content(w)]


def is_question(statement: str) -> bool:
    found = words(statement)
    if statement.rstrip().endswith("?"):
        return True
    if len(found) < 2:
        return False
    first, second = found[0], found[1]
    return (first in _AUXILIARIES and second in _SUBJECTS) or (first in _WH and second in _AUXILIARIES)


def is_fragment(statement: str) -> bool:
    return len(words(statement)) < MIN_WORDS or not content_words(statement) or is_question(statement)


def is_cut(statement: str) -> bool:
    text = statement.rstrip()
    found = words(text)
    return text.endswith(_ELLIPSIS) or (bool(found) and found[-1] in _DANGLING)


def informativeness(statement: str, confidence: float) -> float:
    score = confidence + CONTENT_WEIGHT * min(len(content_words(statement)), CONTENT_CAP)
    return score - (CUT_PENALTY if is_cut(statement) else 0.0)


def _tidy(statement: str) -> list[str]:
    """The statement's words without inline fillers (", um,", ", like,"), leading fillers or a final
    ellipsis."""
    text = _INLINE_FILLER.sub("", statement.strip())
    for mark in _ELLIPSIS:
        text = text.removesuffix(mark)
    tokens = text.split()
    while len(tokens) > 2 and tokens[0].lower().strip(",.;:") in _LEADING_FILLER:
        tokens = tokens[1:]
    return tokens


def _bare(token: str) -> str:
    return token.lower().strip(",.;:!?\"'“”()—–-")


def _is_number(token: str) -> bool:
    bare = _bare(token)
    return bare.isdigit() or bare in _NUMBER_WORDS


def _enumeration(tokens: list[str], count: int) -> bool:
    """A comma inside a run of numbers ("three, four times") does not end a clause."""
    return _is_number(tokens[count - 1]) and _is_number(tokens[count])


def _clause_end(tokens: list[str]) -> int | None:
    """Word count of the longest leading clause within the label limits: punctuation first, then a
    conjunction. A comma between numbers ("three, four times") or closing an opening "If …" is no end."""
    marks = [n for n in range(1, len(tokens)) if tokens[n - 1].endswith(_CLAUSE_MARKS)]
    dependent = marks[0] if marks and _bare(tokens[0]) in _SUBORDINATORS else None
    punctuated: int | None = None
    joined: int | None = None
    for count in range(MIN_CLAUSE_WORDS, min(len(tokens) - 1, MAX_LABEL_WORDS) + 1):
        if len(content_words(" ".join(tokens[:count]))) < 2 or _bare(tokens[count - 1]) in _DANGLING:
            continue
        if count in marks:
            if count != dependent and not _enumeration(tokens, count):
                punctuated = count
        elif _bare(tokens[count]) in _CLAUSE_WORDS:
            joined = count
    return punctuated or joined


def _finish(tokens: list[str], suffix: str) -> str:
    text = " ".join(tokens).rstrip(" ,;:—–-.!?")
    return text[:1].upper() + text[1:] + suffix


def theme_label(statement: str) -> str:
    """A short third-person label from a statement, cut at a clause boundary rather than mid-phrase."""
    tokens = _tidy(statement)
    if not tokens:
        return statement.strip()
    cut = is_cut(statement)
    if len(tokens) <= MAX_LABEL_WORDS and not cut:
        return _finish(tokens, ".")
    if (count := _clause_end(tokens)) is not None:
        return _finish(tokens[:count], ".")
    head = tokens[:MAX_LABEL_WORDS]
    while len(head) > MIN_CLAUSE_WORDS and _bare(head[-1]) in _DANGLING:
        head = head[:-1]
    return _finish(head, "…")
