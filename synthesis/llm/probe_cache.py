"""Remember capability-probe results per model file (by sha256) so a model is probed once per machine."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from synthesis.llm.probe import ProbeResult


def default_cache_path() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "groundwork" / "probes.json"


class ProbeCache:
    """A small JSON file of probe results keyed by model sha256 and probe prompt version."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()

    def _load(self) -> dict[str, dict]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def get(self, sha256: str, prompt_version: str) -> ProbeResult | None:
        entry = self._load().get(f"{sha256}:{prompt_version}")
        try:
            return ProbeResult(**entry) if entry else None
        except TypeError:
            return None

    def put(self, result: ProbeResult) -> None:
        if result.model_sha256 is None:
            return
        data = self._load()
        data[f"{result.model_sha256}:{result.prompt_version}"] = asdict(result)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass  # a cache that cannot be written only costs a re-probe next time
