"""Speaker-label patterns shared by the format parsers, and the rule for trusting a label."""

from __future__ import annotations

from collections import Counter

# A name as written before a colon: up to six words, optionally followed by "(role, company)" (not a time).
# The words are one atomic group, not possessive quantifiers (wrong matches on Python 3.11.2, Debian 12).
NAME = r"(?>[^\W\d_][\w'’.&-]*(?: [\w'’.&-]+){0,5})(?: \((?![\d:.,]+\))[^()\n]{1,80}\))?"
TIMESTAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"

GENERIC_INTERVIEWER = frozenset(
    {
        "interviewer",
        "host",
        "co-host",
        "moderator",
        "facilitator",
        "researcher",
        "q",
        "question",
        "assistant",
        "ai",
        "bot",
        "claude",
        "chatgpt",
        "interviewer 1",
        "interviewer 2",
    }
)
GENERIC_RESPONDENT = frozenset(
    {
        "respondent",
        "interviewee",
        "participant",
        "user",
        "guest",
        "customer",
        "candidate",
        "a",
        "answer",
        "subject",
    }
)


def is_generic(name: str) -> bool:
    """Whether ``name`` is a role word such as Interviewer, Host, Q, User or Participant."""
    key = name.strip().casefold()
    return key in GENERIC_INTERVIEWER or key in GENERIC_RESPONDENT


def trusted(counts: Counter[str]) -> set[str]:
    """Labels to treat as speakers: used at least twice or a role word.

    A label seen once may be a phrase like "Step 1:" inside someone's answer; it is trusted only when
    the transcript is so short that fewer than two speakers would be trusted otherwise.
    """
    frequent = {name for name, count in counts.items() if count >= 2 or is_generic(name)}
    return frequent if len(frequent) >= 2 else set(counts)
