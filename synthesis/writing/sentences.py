"""Ask the model for each piece of synthesis and keep only the sentences whose citations check out.

One request per persona field (themes in batches that fit the context), one per persona summary and one
for the executive summary; each is JSON-schema constrained (``drafts``) and re-asked once by the backend.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

from pydantic import BaseModel

from synthesis.llm.base import Cancel, LlmBackend, LlmOutputError
from synthesis.llm.prompt_files import load_prompt
from synthesis.personas.label_rules import label_problems
from synthesis.personas.query import PersonaProfile
from synthesis.writing.citations import CitationIndex, DropCounts, DropReason, names_person
from synthesis.writing.drafts import ExecutiveSummaryDraft, PersonaSummaryDraft, ThemeDraft, ThemesDraft
from synthesis.writing.evidence import (
    FIELD_NAMES,
    MAX_THEMES_PER_CALL,
    REPLY_TOKENS_PER_SENTENCE,
    REPLY_TOKENS_PER_THEME,
    AskedTheme,
    citable_themes,
    fitted,
    free_tokens,
    messages,
    theme_batches,
    theme_block,
)
from synthesis.writing.store import WrittenFinding, WrittenPersona, WrittenSentence, WrittenTheme

T = TypeVar("T", bound=BaseModel)

PROMPTS = {
    "themes": "write_themes",
    "persona_summary": "write_persona_summary",
    "executive_summary": "write_executive_summary",
}
SUMMARY_REPLY_TOKENS = 4 * REPLY_TOKENS_PER_SENTENCE + 32
EXECUTIVE_REPLY_TOKENS = 5 * 2 * REPLY_TOKENS_PER_SENTENCE + 32


def _theme_reply_tokens(themes: int) -> int:
    return 32 + REPLY_TOKENS_PER_THEME * themes


class SentenceWriter:
    """Asks ``backend`` and checks every sentence against ``index``; counts what it keeps and drops."""

    def __init__(
        self, backend: LlmBackend, index: CitationIndex, cancel: Cancel, names: Collection[str] = ()
    ) -> None:
        self.backend = backend
        self.names = names
        """People's names from the interviews: a sentence holding one is dropped."""
        self.index = index
        self.cancel = cancel
        self.kept = 0
        self.dropped = DropCounts()
        self.invalid_replies = 0
        self.calls = 0

    def _ask(self, step: str, user: str, schema: type[T], reply_tokens: int) -> T | None:
        """The validated reply, or None (counted) when it broke the schema after the backend's re-ask."""
        self.calls += 1
        try:
            return self.backend.complete_json(
                messages(PROMPTS[step], user), schema, cancel=self.cancel, max_tokens=reply_tokens
            )
        except LlmOutputError:
            self.invalid_replies += 1
            return None

    def _budget(self, step: str, reply_tokens: int) -> int:
        system = load_prompt(PROMPTS[step]).text
        return free_tokens(self.backend.context_size, system, reply_tokens, self.backend.count_tokens)

    def keep(
        self, text: str, cites: Sequence[int], *, allowed: Collection[int], persona_id: int | None
    ) -> WrittenSentence | None:
        """The sentence when its citations are valid, else None (the drop is counted)."""
        text = " ".join(text.split())
        reason = DropReason.EMPTY if not text else None
        reason = reason or self.index.problem(cites, allowed=allowed, persona_id=persona_id)
        if reason is None and names_person(text, self.names):
            reason = DropReason.NAMES_PERSON
        if reason is not None:
            self.dropped.drop(reason)
            return None
        self.kept += 1
        return WrittenSentence(text=text, insight_ids=tuple(dict.fromkeys(cites)))

    def persona(self, profile: PersonaProfile) -> WrittenPersona:
        """Theme names and findings for every field, then the persona's summary."""
        asked = citable_themes(profile)
        themes: list[WrittenTheme] = []
        for kind, field_name in FIELD_NAMES.items():
            of_field = [a for a in asked if a.kind == kind]
            header = f"Persona: {profile.name} ({profile.respondents} respondents). Field: {field_name}."
            for batch in theme_batches(
                of_field,
                header,
                lambda n: self._budget("themes", _theme_reply_tokens(n)),
                self.backend.count_tokens,
            ):
                user = "\n\n".join([header, *(theme_block(a) for a in batch)])
                reply = self._ask("themes", user, ThemesDraft, _theme_reply_tokens(len(batch)))
                if reply is not None:
                    themes.extend(self._checked_themes(profile.id, batch, reply.themes))
        summary = self._summary(profile, asked, themes) if asked else ()
        return WrittenPersona(persona_id=profile.id, summary=summary, themes=tuple(themes))

    def _checked_themes(
        self, persona_id: int, batch: Sequence[AskedTheme], drafts: Sequence[ThemeDraft]
    ) -> list[WrittenTheme]:
        """Written themes of ``batch``; a theme not asked for (or written twice) is hallucinated: dropped."""
        by_key = {a.key: a for a in batch}
        written: dict[str, WrittenTheme] = {}
        for draft in drafts:
            asked = by_key.get(draft.theme.strip())
            if asked is None or asked.key in written:
                self.dropped.drop(DropReason.UNKNOWN_THEME, 2)
                continue
            name = self.keep(draft.name, draft.cites, allowed=asked.allowed, persona_id=persona_id)
            if name is not None and label_problems(name.text, self.names):
                self.kept -= 1
                self.dropped.drop(DropReason.LABEL_RULES)
                name = None
            finding = self.keep(draft.finding, draft.cites, allowed=asked.allowed, persona_id=persona_id)
            if name is not None or finding is not None:
                written[asked.key] = WrittenTheme(
                    kind=asked.kind.value, theme=asked.view.theme, name=name, finding=finding
                )
        return list(written.values())

    def _summary(
        self, profile: PersonaProfile, asked: Sequence[AskedTheme], themes: Sequence[WrittenTheme]
    ) -> tuple[WrittenSentence, ...]:
        names = {(t.kind, t.theme): t.name.text for t in themes if t.name is not None}

        def render(per_field: int) -> str:
            blocks = [f"Persona: {profile.name} ({profile.respondents} respondents)."]
            for kind, field_name in FIELD_NAMES.items():
                shown = [a for a in asked if a.kind == kind][:per_field]
                lines = [
                    theme_block(a, 2, f"- {names.get((kind.value, a.view.theme), a.view.theme)}")
                    for a in shown
                ]
                if lines:
                    blocks.append("\n".join([f"{field_name.capitalize()}:", *lines]))
            return "\n\n".join(blocks)

        budget = self._budget("persona_summary", SUMMARY_REPLY_TOKENS)
        user = fitted(render, budget, self.backend.count_tokens, MAX_THEMES_PER_CALL)
        reply = self._ask("persona_summary", user, PersonaSummaryDraft, SUMMARY_REPLY_TOKENS)
        allowed = frozenset().union(*(a.allowed for a in asked))
        kept = (
            self.keep(s.text, s.cites, allowed=allowed, persona_id=profile.id)
            for s in (reply.sentences if reply else [])
        )
        return tuple(s for s in kept if s is not None)

    def executive(
        self, profiles: Sequence[PersonaProfile], written: Sequence[WrittenPersona] = ()
    ) -> tuple[WrittenFinding, ...]:
        """Findings with implications across personas, citing any persona's themes (shown by the names the
        model gave them in ``written``, else by their rule-built labels)."""
        names = {
            (p.persona_id, t.kind, t.theme): t.name.text
            for p in written
            for t in p.themes
            if t.name is not None
        }
        asked = [(p, sorted(citable_themes(p), key=lambda a: -a.view.respondents)) for p in profiles]
        asked = [(p, themes) for p, themes in asked if themes]
        if not asked:
            return ()

        def line(persona_id: int, a: AskedTheme) -> str:
            label = names.get((persona_id, a.kind.value, a.view.theme), a.view.theme)
            return theme_block(a, 2, f"- {FIELD_NAMES[a.kind]}: {label}")

        def render(limit: int) -> str:
            return "\n\n".join(
                "\n".join(
                    [f"Persona: {p.name} ({p.respondents} respondents)"]
                    + [line(p.id, a) for a in themes[:limit]]
                )
                for p, themes in asked
            )

        budget = self._budget("executive_summary", EXECUTIVE_REPLY_TOKENS)
        user = fitted(render, budget, self.backend.count_tokens, MAX_THEMES_PER_CALL)
        reply = self._ask("executive_summary", user, ExecutiveSummaryDraft, EXECUTIVE_REPLY_TOKENS)
        allowed = frozenset().union(*(a.allowed for _, themes in asked for a in themes))
        findings: list[WrittenFinding] = []
        for draft in reply.findings if reply else []:
            finding = self.keep(draft.finding, draft.cites, allowed=allowed, persona_id=None)
            implication = self.keep(draft.implication, draft.cites, allowed=allowed, persona_id=None)
            if finding is not None and implication is not None:
                findings.append(
                    WrittenFinding(
                        finding=finding.text, implication=implication.text, insight_ids=finding.insight_ids
                    )
                )
            elif finding is not None or implication is not None:
                self.kept -= 1
                self.dropped.drop(DropReason.EMPTY)
        return tuple(findings)
