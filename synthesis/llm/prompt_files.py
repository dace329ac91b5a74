"""Load versioned prompt files from ``synthesis/prompts/*.md`` with importlib.resources.

A prompt file starts with a front-matter block holding its version, which is stored with every result::

    ---
    version: probe-label-1
    ---
    The prompt text...
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class PromptFile:
    """A prompt's text and the version string stored with the results it produces."""

    name: str
    version: str
    text: str


@cache
def load_prompt(name: str) -> PromptFile:
    """Read ``synthesis/prompts/<name>.md``; ValueError if it has no ``version`` front matter."""
    raw = files("synthesis").joinpath("prompts", f"{name}.md").read_text(encoding="utf-8")
    head, sep, body = raw.removeprefix("---\n").partition("\n---\n")
    if not raw.startswith("---\n") or not sep:
        raise ValueError(f"prompt {name}.md must start with a '---' front-matter block holding its version")
    fields = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    version = fields.get("version", "").strip()
    if not version:
        raise ValueError(f"prompt {name}.md has no version in its front matter")
    return PromptFile(name, version, body.strip())
