"""Write a theme label from its members, without a language model: whole clauses, never a cut sentence.

For each member, most representative first, the writer tries (and keeps the first that meets
``label_rules``):
1. the member's statement (neutral third person, as extraction wrote it) when it is not cut, nor stops
   where the sentence it comes from goes on ("In DACH, commit means the customer has");
2. the sentence of its verbatim quote that shares most words with the statement, in neutral third person
   like the statements ("I'm measured on …" -> "They're measured on …");
3. the longest leading clause of either, ending at a comma, semicolon or before "and", "but", "which" …;
4. when no member gives one, a statement whose subject is someone else ("Elaine wants …") in reported
   speech ("Says Elaine wants …"), so the respondent stays the subject;
5. failing that, a member that is a bare noun phrase put in the field's ``frame`` ("Wants forecast
   accuracy.").
Every candidate first loses spoken fillers ("um", "you know", "kind of"), leading connectives ("So", "And
then", "Honestly") and list lead-ins ("Number two would be that", "The third thing is"), and is given a
capital and a full stop. When no member yields a label that meets the rules, the first member's tidied
statement is used and the benchmark counts it as a failure.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from synthesis.personas.label_rules import MAX_LABEL_WORDS, MIN_LABEL_WORDS, label_ok, third_party_subject
from synthesis.personas.statements import content_words, is_cut, words

_FILLERS = re.compile(
    r",?\s*\b(?:um+|uh+|erm|you know|i mean|kind of|sort of|i guess|basically|honestly|literally|"
    r"like)\b,(?=\s)|\s\b(?:um+|uh+|erm)\b,?|\b(?:kind|sort) of\s|"
    r",\s*(?:sorry|to be (?:totally |completely )?honest|really|you know|i (?:would|'d) say|"
    r"as (?:we|they) say)(?=[.!?]?$)",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:so|and|but|then|well|yeah|yes|okay|ok|oh|right|look|honestly|basically|also|plus|now|sorry|"
    r"and then|i think|i guess|i'd say|i mean|you know)\b[,\s]*)+",
    re.IGNORECASE,
)
_LIST_LEAD = re.compile(
    r"^(?:(?:the\s+)?(?:first|second|third|fourth|fifth|last|next|other|biggest|main|big)\s+"
    r"(?:one|thing|piece|part|bit|item|point)|number\s+(?:one|two|three|four|five|\d)|"
    r"(?:another|one|other)\s+thing)[\s,:—–-]+(?:(?:would be|is|was|will be)\s+)?(?:that\s+)?[,:—–-]?\s*",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_WORDS = frozenset("and but which so because while though although whereas where when".split())
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*$")
_STAGE_DIRECTION = re.compile(r"\[[^\]]*\]|\((?:laughs|laughter|inaudible|crosstalk|pause)\)", re.IGNORECASE)
MAX_PHRASE_WORDS = 12


def tidy(text: str) -> str:
    """No fillers, leading connectives, list lead-ins or final ellipsis; a capital and a full stop."""
    text = _ELLIPSIS.sub("", " ".join(_STAGE_DIRECTION.sub(" ", text).split()))
    text = _FILLERS.sub("", text.rstrip(" ,;:—–-"))
    for _ in range(2):
        text = _LIST_LEAD.sub("", _LEADING.sub("", text)).strip(" ,;:—–-")
    text = re.sub(r"\s+,", ",", text).rstrip(" ,;:—–-.!")
    return text[:1].upper() + text[1:] + "." if text else ""


_FIRST_PERSON = {
    "I'm": "they're", "I am": "they are", "I was": "they were", "I've": "they've", "I'd": "they'd",
    "I'll": "they'll", "I": "they", "me": "them", "my": "their", "mine": "theirs", "myself": "themselves",
    "we're": "they're", "we've": "they've", "we'd": "they'd", "we'll": "they'll", "we": "they",
    "us": "them", "our": "their", "ours": "theirs", "ourselves": "themselves",
}  # fmt: skip
_FIRST_PERSON_WORD = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(k) for k in _FIRST_PERSON), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def third_person(text: str) -> str:
    """The respondent's first person as neutral third person ("I'm measured on" -> "They're measured
    on"); "US" (the country) is always kept, "Us" only mid-sentence; "myself" -> "themselves"."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word == "US" or (word == "Us" and match.start() > 0):
            return word
        key = next(
            (k for k in _FIRST_PERSON if k.lower() == word.lower() and (k[0] == "I") == (word[0] == "I")),
            None,
        )
        if key is None:
            return word
        new = _FIRST_PERSON[key]
        return new[:1].upper() + new[1:] if word[:1].isupper() and match.start() == 0 else new

    return _FIRST_PERSON_WORD.sub(swap, text)


def _clauses(text: str) -> Iterator[str]:
    """Leading clauses of ``text``, longest first, that end at punctuation or before a conjunction."""
    tokens = text.rstrip(".").split()
    for count in range(min(len(tokens) - 1, MAX_LABEL_WORDS), MIN_LABEL_WORDS - 1, -1):
        at_mark = tokens[count - 1].endswith((",", ";", ":", "—", "–"))
        if at_mark or tokens[count].lower().strip(",") in _CLAUSE_WORDS:
            yield tidy(" ".join(tokens[:count]))


def _quote_sentence(statement: str, quote: str) -> str:
    """The quote's sentence sharing the most content words with the statement."""
    wanted = set(content_words(statement))
    sentences = [s for s in _SENTENCE.split(quote.strip()) if s]
    return max(sentences, key=lambda s: len(wanted & set(content_words(s))), default="")


def _reported(text: str) -> str:
    """ "Their CFO signs off." -> "Says their CFO signs off." (names keep their capital)."""
    first = text.split(maxsplit=1)[0]
    lowered = first.lower() if first in {"The", "Their", "His", "Her", "Our", "My"} else first
    return f"Says {lowered}{text[len(first) :]}"


_PERSON = {
    **dict.fromkeys(["i", "we", "they", "he", "she"], "SUBJECT"),
    **dict.fromkeys(["me", "us", "them", "him"], "OBJECT"),
    **dict.fromkeys(["my", "our", "their", "his", "her"], "OWNER"),
}


def _person_free(text: str) -> list[str]:
    """Words with persons made equal ("I", "we" and "they" alike), as extraction rewrites them."""
    return [_PERSON.get(w, w) for w in words(tidy(text))]


def truncated(statement: str, sentence: str) -> bool:
    """The statement is only part of its sentence: it starts after the sentence starts, or stops where the
    sentence goes on (its first or last two words sit inside the sentence, not at its edge)."""
    said, full = _person_free(statement), _person_free(sentence)
    if len(said) < 2 or len(full) <= len(said):
        return False
    starts = [n for n in range(len(full) - 1) if full[n : n + 2] == said[:2]]
    ends = [n + 2 for n in range(len(full) - 1) if full[n : n + 2] == said[-2:]]
    return (bool(starts) and 0 not in starts) or (bool(ends) and len(full) not in ends)


def candidates(statement: str, quote: str = "") -> Iterator[str]:
    """Direct label candidates of one member, in the order they are tried."""
    sentence = _quote_sentence(statement, quote) if quote else ""
    whole = [] if is_cut(statement) or truncated(statement, sentence) else [tidy(statement)]
    if sentence:
        whole.append(tidy(third_person(sentence)))
    yield from whole
    for text in whole:
        yield from _clauses(text)


def reported_candidates(statement: str) -> Iterator[str]:
    """The member's statement, or its leading clauses, in reported speech when someone else is the subject."""
    texts = [tidy(statement)] if not is_cut(statement) else []
    for text in [*texts, *_clauses(tidy(statement))]:
        if third_party_subject(text):
            yield _reported(text)


_SILENT_E = frozenset(
    """mak hav tak us writ driv manag shar mov improv sav reduc chang schedul creat automat prepar compar
    measur clos scor rat engag hir releas increas decreas purchas produc argu""".split()
)


def _infinitive(gerund: str) -> str:
    """ "understanding" -> "understand", "making" -> "make", "planning" -> "plan"."""
    stem = gerund[:-3]
    if stem in _SILENT_E:
        return stem + "e"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        return stem[:-1]
    return stem


def _gerund_framed(phrase: str, frame: str) -> str | None:
    """ "Understanding why" as a goal: "Wants to understand why."; as a pain: "Struggles with understanding
    why."; None where the frame takes no verb."""
    first, _, rest = phrase.partition(" ")
    if frame.startswith("Wants {}"):
        return f"Wants to {_infinitive(first.lower())}{' ' + rest if rest else ''}."
    if re.search(r"(?:with|on) \{\}", frame):
        return frame.format(phrase[:1].lower() + phrase[1:])
    return None


def _framed(text: str, frame: str) -> str | None:
    """A bare noun phrase or list of at most ``MAX_PHRASE_WORDS`` words, opening with a content word (no
    adverb), put in the field's frame."""
    phrase = text.rstrip(".")
    found = words(phrase)
    if (
        not found
        or len(found) > MAX_PHRASE_WORDS
        or re.search(r"[;:]", phrase)
        or not content_words(found[1] if found[0] in {"a", "an", "the"} and len(found) > 1 else found[0])
        or found[0].endswith("ly")
    ):
        return None
    if found[0].endswith("ing") and len(found[0]) > 5:
        return _gerund_framed(phrase, frame)
    first = phrase.split()[0]
    if first not in {"A", "An", "The"} and (first.isupper() or any(c.isupper() for c in first[1:])):
        return frame.format(phrase)
    return frame.format(phrase[:1].lower() + phrase[1:])


def write_label(
    members: Sequence[tuple[str, str]],
    names: Collection[str] = (),
    frame: str | None = None,
    taken: Collection[str] = (),
) -> str:
    """The label of a theme whose members are (statement, quote) pairs, most representative first;
    ``frame`` (e.g. "Wants {}.") states a member that is a bare noun phrase ("Forecast accuracy.");
    labels in ``taken`` (lower case: other themes' labels) are skipped."""

    def usable(candidate: str | None) -> bool:
        return bool(candidate) and candidate.lower() not in taken and label_ok(candidate, names)

    for statement, quote in members:
        for candidate in candidates(statement, quote):
            if usable(candidate):
                return candidate
    for statement, _quote in members:
        for candidate in reported_candidates(statement):
            if usable(candidate):
                return candidate
    for statement, _quote in members if frame else ():
        framed = _framed(tidy(statement), frame or "{}")
        if usable(framed):
            return framed or ""
    statement = members[0][0] if members else ""
    return (
        next((c for c in _clauses(tidy(statement)) if c), tidy(statement))
        if is_cut(statement)
        else tidy(statement)
    )
