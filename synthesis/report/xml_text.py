"""Make every text of a report writable to Word: XML 1.0 forbids most control characters.

Transcripts may carry a stray control character (a bell, a vertical tab, a terminal colour code) and a
model's statements may too; python-docx refuses such text with a ValueError, so they are dropped here.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (tab, newline and carriage return stay)."""
    return _NOT_XML.sub("", text)


def xml_safe(value: T) -> T:
    """A copy of ``value`` (dataclasses, lists, tuples, dicts of them) with every plain string XML-safe."""
    return _clean(value)


def _clean(value: Any) -> Any:
    if type(value) is str:
        return xml_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list | tuple):
        return type(value)(_clean(item) for item in value)
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    return value
