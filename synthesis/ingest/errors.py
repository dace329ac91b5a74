"""The one error the transcript parsers raise for input they cannot import."""

from __future__ import annotations


class TranscriptError(Exception):
    """A transcript file that cannot be imported, with what went wrong and what the user can do."""

    def __init__(self, path: str, problem: str, hint: str) -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        super().__init__(f"{path}: {problem}. {hint}")
