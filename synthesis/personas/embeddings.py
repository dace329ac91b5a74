"""Sentence vectors for grouping statements by meaning, from weights shipped in the ``wordllama`` wheel.

WordLlama (MIT) ships its 256-dimension ``l2_supercat`` token embeddings and tokenizer inside the package, so
nothing is downloaded: it is loaded with ``cache_dir`` at the installed package and ``disable_download``
(0.4.0 would otherwise look for the tokenizer in a folder that does not exist and then go to the network).
Loading takes about two seconds once per process; embedding 3,000 statements takes about 0.2 s on one core.
When the weights cannot be loaded (a broken install), ``sentence_vectors`` raises ``EmbeddingsUnavailable``
and callers fall back to word overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

CONFIG = "l2_supercat"
DIMENSIONS = 256


class EmbeddingsUnavailable(RuntimeError):
    """The bundled sentence-embedding weights could not be loaded."""


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import wordllama
        from wordllama import WordLlama

        root = Path(wordllama.__file__).parent
        return WordLlama.load(config=CONFIG, dim=DIMENSIONS, cache_dir=root, disable_download=True)
    except Exception as exc:  # ImportError, missing files, a corrupt safetensors file
        raise EmbeddingsUnavailable(
            f"the sentence-embedding weights of the wordllama package could not be loaded ({exc}); "
            "reinstall Groundwork"
        ) from exc


def embeddings_available() -> bool:
    """Whether the weights load here, so statements are grouped by meaning rather than by shared words."""
    try:
        _model()
    except EmbeddingsUnavailable:
        return False
    return True


def sentence_vectors(texts: Sequence[str]) -> np.ndarray:
    """One unit-length row per text (float32, ``DIMENSIONS`` columns); zeros for an empty text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_model().embed(list(texts), norm=True), dtype=np.float32)
    return np.nan_to_num(vectors)


def cosine_matrix(texts: Sequence[str]) -> np.ndarray:
    """Pairwise cosine similarity (-1..1) of the texts."""
    vectors = sentence_vectors(texts)
    return vectors @ vectors.T
