"""Where downloaded models go, which licences the user accepted, and the sha256 pinned for each download.

One small JSON file (``$XDG_CONFIG_HOME/groundwork/models.json``) shared by the CLI and the desktop app, so
both download into, and discover models in, the same folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

MODELS_DIR_ENV = "GROUNDWORK_MODELS_DIR"


def default_store_path(environ: Mapping[str, str], home: Path) -> Path:
    root = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    return root / "groundwork" / "models.json"


def default_models_dir(environ: Mapping[str, str], home: Path) -> Path:
    root = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return root / "groundwork" / "models"


@dataclass(frozen=True)
class StoredChoices:
    """What the store remembers."""

    models_dir: str = ""
    """Empty: the default folder (or $GROUNDWORK_MODELS_DIR)."""
    accepted_licences: tuple[str, ...] = ()
    pinned_sha256: dict[str, str] = field(default_factory=dict)
    """Catalogue name -> sha256 computed from a download that passed its probe (for unverified entries)."""
    measured_speeds: dict[str, dict[str, float]] = field(default_factory=dict)
    """Model file path -> {"size_bytes", "tokens_per_second"} of its last measured run."""


def _speeds(raw: object) -> dict[str, dict[str, float]]:
    """The measured speeds read from the file; a damaged entry is dropped, the rest of the file counts."""
    speeds = {}
    for path, known in (raw if isinstance(raw, dict) else {}).items():
        try:
            speeds[str(path)] = {
                "size_bytes": int(known["size_bytes"]),
                "tokens_per_second": float(known["tokens_per_second"]),
            }
        except (KeyError, TypeError, ValueError):
            continue
    return speeds


class ModelStore:
    """Read and write the store file; a missing or damaged file reads as the defaults."""

    def __init__(
        self, path: Path | None = None, *, environ: Mapping[str, str] | None = None, home: Path | None = None
    ) -> None:
        self._environ = os.environ if environ is None else environ
        self._home = Path.home() if home is None else home
        self.path = path or default_store_path(self._environ, self._home)

    def load(self) -> StoredChoices:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return StoredChoices(
                models_dir=str(data.get("models_dir", "")),
                accepted_licences=tuple(str(x) for x in data.get("accepted_licences", [])),
                pinned_sha256={str(k): str(v) for k, v in dict(data.get("pinned_sha256", {})).items()},
                measured_speeds=_speeds(data.get("measured_speeds")),
            )
        except (OSError, ValueError, TypeError, AttributeError):
            return StoredChoices()

    def save(self, choices: StoredChoices) -> None:
        """Write the file atomically (a temporary file replaced into place)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(choices), indent=1), encoding="utf-8")
        temporary.replace(self.path)

    def models_dir(self) -> Path:
        """The folder downloads go to: the stored choice, else $GROUNDWORK_MODELS_DIR, else the default."""
        chosen = self.load().models_dir or self._environ.get(MODELS_DIR_ENV, "")
        return Path(chosen).expanduser() if chosen else default_models_dir(self._environ, self._home)

    def set_models_dir(self, folder: Path) -> None:
        self.save(replace(self.load(), models_dir=str(folder)))

    def licence_accepted(self, licence: str) -> bool:
        return licence in self.load().accepted_licences

    def accept_licence(self, licence: str) -> None:
        choices = self.load()
        if licence not in choices.accepted_licences:
            self.save(replace(choices, accepted_licences=(*choices.accepted_licences, licence)))

    def pinned(self, name: str) -> str | None:
        return self.load().pinned_sha256.get(name)

    def pin(self, name: str, sha256: str) -> None:
        choices = self.load()
        self.save(replace(choices, pinned_sha256={**choices.pinned_sha256, name: sha256}))

    def remember_speed(self, path: Path, size_bytes: int, tokens_per_second: float) -> None:
        """Keep the measured speed of the model file at ``path`` (of that size)."""
        choices = self.load()
        measured = {"size_bytes": size_bytes, "tokens_per_second": tokens_per_second}
        self.save(replace(choices, measured_speeds={**choices.measured_speeds, str(path): measured}))

    def remembered_speeds(self, files: Iterable[tuple[Path, int]]) -> dict[str, float]:
        """Path -> tokens/s measured earlier, for each (path, size) whose file has not changed size since."""
        measured = self.load().measured_speeds
        return {
            str(path): known["tokens_per_second"]
            for path, size in files
            if (known := measured.get(str(path))) and known["size_bytes"] == size
        }
