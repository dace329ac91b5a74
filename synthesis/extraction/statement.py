"""Turn a first-person sentence into a short third-person draft statement (the consultant edits it)."""

from __future__ import annotations

import re

MAX_WORDS = 15

_FILLER = re.compile(
    r"^(?:(?:so|and|but|well|yeah|yes|yep|no|oh|okay|ok|um|uh|like|honestly|basically|i mean|you know|"
    r"right|sure|look|actually|to be honest|ha)\b[,.]?\s*)+",
    re.IGNORECASE,
)
_CONTRACTIONS = {
    "i'm": "I am",
    "i've": "I have",
    "i'd": "I would",
    "i'll": "I will",
    "we're": "we are",
    "we've": "we have",
    "we'd": "we would",
    "we'll": "we will",
}
_CONTRACTION = re.compile(r"\b(?:i|we)'(?:m|ve|d|ll|re)\b", re.IGNORECASE)
_LEADING_I = re.compile(
    r"^[Ii] ((?:never|always|just|really|also|usually|still|actually|often|only) )?(\w+(?:'\w+)?)"
)
_PRONOUNS = {
    "myself": "themselves",
    "ourselves": "themselves",
    "my": "their",
    "mine": "theirs",
    "me": "them",
    "our": "their",
    "ours": "theirs",
    "us": "them",
    "we": "they",
    "i": "they",
}
_PRONOUN = re.compile(
    r"\b(?:myself|ourselves|my|mine|me|our|ours|(?-i:us|Us)|we|(?-i:I))\b(?!\.\w)", re.IGNORECASE
)
"""First-person words; "US" (the country) is never the pronoun "us"."""
_IRREGULAR = {
    "am": "is",
    "have": "has",
    "do": "does",
    "go": "goes",
    "was": "was",
    "were": "were",
    "don't": "doesn't",
    "haven't": "hasn't",
}
_MODALS = frozenset({"can", "could", "would", "will", "should", "must", "might", "may"})
_IRREGULAR_PAST = frozenset(
    "began bought brought built came chose cut did drove felt found forgot gave got grew had heard held hit "
    "kept knew led left let lost made meant met paid put ran read said sat saw sent set sold spent spoke "
    "stood took taught thought told understood went won wrote".split()
)
_THEY_AGREEMENT = re.compile(r"\bthey (am|was|is|has|does)\b")
_AGREED = {"am": "are", "was": "were", "is": "are", "has": "have", "does": "do"}


def _third_person(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low in _MODALS or low in _IRREGULAR_PAST or low.endswith(("ed", "s")) or low.endswith("n't"):
        return low
    if low.endswith(("sh", "ch", "x", "z", "o")):
        return low + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return low[:-1] + "ies"
    return low + "s"


def draft_statement(sentence: str) -> str:
    """A ≤15-word third-person paraphrase: drop fillers; 'I report' -> 'Reports', 'my' -> 'their',
    'myself' -> 'themselves'."""
    text = _FILLER.sub("", sentence.strip().strip("\"'“”")).strip()
    text = _CONTRACTION.sub(lambda m: _CONTRACTIONS.get(m.group().lower(), m.group()), text)
    text = _LEADING_I.sub(lambda m: (m.group(1) or "") + _third_person(m.group(2)), text)
    text = _PRONOUN.sub(lambda m: _PRONOUNS[m.group().lower()], text)
    text = _THEY_AGREEMENT.sub(lambda m: f"they {_AGREED[m.group(1)]}", text)
    ending = "?" if text.rstrip().endswith("?") else "."
    words = text.rstrip(" .,;:!?-–—").split()
    if not words:
        return ""
    clipped = len(words) > MAX_WORDS
    words = words[:MAX_WORDS]
    body = " ".join(words).rstrip(",;:-–—")
    body = body[0].upper() + body[1:]
    return body + ("…" if clipped else ending)
