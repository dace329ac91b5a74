"""Where model-written synthesis is kept: one JSON document in the ``WorkspaceSetting`` row
``written_synthesis`` (no schema change), replaced by every model-led run and read by the report and the app.

Everything in it is a draft (``status == "draft"``) until the consultant accepts it (``accept_written``);
rule-built theme labels stay in ``PersonaInsight.theme`` and are what a model-written theme name refers to.
The prompt versions and the model's sha256 are stored with the text.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlmodel import Session

from models.tables import WorkspaceSetting, utcnow

SETTING_KEY = "written_synthesis"
DRAFT = "draft"
ACCEPTED = "accepted"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class WrittenSentence(_Frozen):
    text: str
    insight_ids: tuple[int, ...]


class WrittenTheme(_Frozen):
    """The model's name and finding for the theme stored under ``theme`` (its rule-built label)."""

    kind: str
    theme: str
    name: WrittenSentence | None = None
    finding: WrittenSentence | None = None


class WrittenPersona(_Frozen):
    persona_id: int
    summary: tuple[WrittenSentence, ...] = ()
    themes: tuple[WrittenTheme, ...] = ()

    def theme(self, kind: str, theme: str) -> WrittenTheme | None:
        """The written name and finding of the rule-built theme ``theme`` of field ``kind``, if any."""
        return next((t for t in self.themes if t.kind == kind and t.theme == theme), None)


class WrittenFinding(_Frozen):
    finding: str
    implication: str
    insight_ids: tuple[int, ...]


class WrittenSynthesis(_Frozen):
    """What a capable model wrote in one run, with what produced it and what was dropped."""

    status: str = DRAFT
    backend: str
    model_file: str
    model_sha256: str | None
    prompt_versions: dict[str, str]
    written_at: str
    personas: tuple[WrittenPersona, ...] = ()
    executive_summary: tuple[WrittenFinding, ...] = ()
    kept: int = 0
    dropped: dict[str, int] = {}
    """Sentences dropped, by reason (``citations.DropReason`` values)."""

    @property
    def is_draft(self) -> bool:
        return self.status != ACCEPTED

    def persona(self, persona_id: int) -> WrittenPersona | None:
        return next((p for p in self.personas if p.persona_id == persona_id), None)


def now_text() -> str:
    return utcnow().isoformat(timespec="seconds")


def load_written(session: Session) -> WrittenSynthesis | None:
    """The stored model-written synthesis, or None when there is none (or it cannot be read)."""
    row = session.get(WorkspaceSetting, SETTING_KEY)
    if row is None or not isinstance(row.value, dict):
        return None
    try:
        return WrittenSynthesis.model_validate(row.value)
    except ValidationError:
        return None


def save_written(session: Session, written: WrittenSynthesis | None) -> None:
    """Replace the stored document (None removes it: the rule-built text stands alone); the caller commits."""
    row = session.get(WorkspaceSetting, SETTING_KEY)
    if written is None:
        if row is not None:
            session.delete(row)
        return
    value = written.model_dump(mode="json")
    if row is None:
        session.add(WorkspaceSetting(key=SETTING_KEY, value=value))
    else:
        row.value = value
        session.add(row)


def accept_written(session: Session) -> bool:
    """Mark the model-written synthesis as accepted by the consultant; False when there is none."""
    written = load_written(session)
    if written is None:
        return False
    save_written(session, written.model_copy(update={"status": ACCEPTED}))
    session.commit()
    return True
