"""Plain text and Markdown with ``Name: text`` or ``**Name:** text`` speaker labels.

Unlabelled lines continue the previous speaker. Headings are not speech and end the current turn.
A YAML front matter block, and label lines before the first ``---`` rule or bulleted before the first
dialogue line, are metadata.
"""

from __future__ import annotations

import re
from collections import Counter

from synthesis.ingest.labels import NAME, trusted
from synthesis.ingest.turns import Block, FormatResult, Span, lines, speech, trim

BOLD = re.compile(r"(?:[-*+][ \t]+)?\*\*([^*\n:]{1,100}?)(?::\*\*|\*\*:)[ \t]*")
PLAIN = re.compile(rf"({NAME}):(?:[ \t]+|$)")
_BOLD_LINE = re.compile(rf"^{BOLD.pattern}(?=\S)", re.M)
_BULLET = re.compile(r"[-*+][ \t]+")
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t#]*")
_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,})[ \t]*")
_YAML_ITEM = re.compile(r"([A-Za-z][\w-]*):[ \t]*(\S.*)")
_YAML_KEYS = frozenset({"date", "company", "interviewee", "interviewer", "title"})


def parse(text: str) -> FormatResult:
    """Speaker blocks, title and metadata of a labelled text or Markdown transcript."""
    all_lines = lines(text)
    metadata: dict[str, str] = {}
    first = _front_matter(text, all_lines, metadata)
    body = all_lines[first:]
    pattern = BOLD if len(_BOLD_LINE.findall(text)) >= 2 else PLAIN
    labelled = [(i, m) for i, (s, e) in enumerate(body) if (m := pattern.match(text, s, e))]
    header_end = _header_end(text, body, labelled)
    dialogue = [(i, m) for i, m in labelled if i >= header_end]
    speakers = trusted(Counter(m.group(1).strip() for _, m in dialogue))
    labels = {i: m for i, m in dialogue if m.group(1).strip() in speakers}
    first_turn = min(labels, default=len(body))
    blocks: list[Block] = []
    title = metadata.get("title")
    current: Block | None = None
    for i, (start, end) in enumerate(body):
        if heading := _HEADING.fullmatch(text, start, end):
            title = title or (heading.group(2) if len(heading.group(1)) == 1 else None)
            current = None
        elif i < first_turn:
            item = BOLD.match(text, start, end) or (i < header_end and pattern.match(text, start, end))
            if item:
                _add_metadata(metadata, item.group(1), text, item.end(), end)
        elif i in labels:
            match = labels[i]
            current = Block(match.group(1).strip())
            blocks.append(current)
            if span := speech(text, match.end(), end):
                current.spans.append(span)
        elif (
            current is not None
            and not _RULE.fullmatch(text, start, end)
            and (span := speech(text, start, end))
        ):
            current.spans.append(span)
    return FormatResult(blocks, title=title, metadata=metadata)


def _front_matter(text: str, all_lines: list[Span], metadata: dict[str, str]) -> int:
    """Read a leading ``---`` YAML block into metadata; return the index of the first line after it."""
    if not all_lines or not _RULE.fullmatch(text, *all_lines[0]) or text[all_lines[0][0]] != "-":
        return 0
    for i, (start, end) in enumerate(all_lines[1:200], start=1):
        if _RULE.fullmatch(text, start, end):
            for line_start, line_end in all_lines[1:i]:
                item = _YAML_ITEM.fullmatch(text, line_start, line_end)
                if item and item.group(1).casefold() in _YAML_KEYS and item.group(2) not in (">-", "|"):
                    metadata[item.group(1).casefold()] = item.group(2).strip().strip("'\"")
            return i + 1
    return 0


def _header_end(text: str, body: list[Span], labelled: list[tuple[int, re.Match[str]]]) -> int:
    """Index of the first dialogue line.

    Label lines are a header when a ``---`` rule follows them and more labels follow the rule, or when
    they are bullets before the first unbulleted label.
    """
    if not labelled:
        return 0
    rule = next(
        (
            i
            for i, (start, end) in enumerate(body)
            if text.startswith("-", start) and _RULE.fullmatch(text, start, end)
        ),
        None,
    )
    if rule is not None:
        before = sum(1 for i, _ in labelled if i < rule)
        if 0 < before <= 12 and before < len(labelled) - before:
            return rule + 1
    end_index = 0
    for i, _ in labelled:
        if not _BULLET.match(text, *body[i]):
            break
        end_index = i + 1
    return end_index


def _add_metadata(metadata: dict[str, str], key: str, text: str, start: int, end: int) -> None:
    span = trim(text, start, end)
    if span is None:
        return
    name = re.sub(r"\W+", "_", key.strip().casefold()).strip("_")
    metadata.setdefault(name, text[span[0] : span[1]])
