"""The catalogue of recommended instruct models (``catalogue.json``), loaded and checked with pydantic.

Every entry names one GGUF file on Hugging Face, pinned to a commit where its sha256 could be verified.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, TypeAdapter, ValidationError, field_validator

CATALOGUE_FILE = "catalogue.json"
OVERHEAD_BYTES = 500_000_000
"""RAM llama.cpp needs besides weights and KV cache (compute buffers, runtime), a round upper figure."""


_HTTP_URL = TypeAdapter(HttpUrl)


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message says which entry and field."""


class CatalogueEntry(BaseModel):
    """One downloadable model file and what we know of it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    display_name: str = Field(min_length=3)
    family: str
    quantisation: str
    url: str
    file_name: str = Field(pattern=r"^[\w.\-]+\.gguf$")
    size_bytes: int = Field(gt=0)
    size_exact: bool
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    parameters_billion: float = Field(gt=0)
    licence: str = Field(min_length=3)
    licence_url: str
    licence_note: str
    context_length: int = Field(gt=0)
    recommended_context: int = Field(gt=0)
    kv_bytes_per_token: int = Field(gt=0)
    ram_bytes: int = Field(gt=0)
    chat_template: str = Field(min_length=10)
    expected_probe: Literal["pass", "fail", "borderline"]

    @field_validator("url", "licence_url")
    @classmethod
    def _https(cls, value: str) -> str:
        url = _HTTP_URL.validate_python(value)
        if url.scheme != "https" or not url.host:
            raise ValueError(f"{value!r} is not an https URL")
        return value

    def ram_at(self, n_ctx: int) -> int:
        """RAM the model needs with a context of ``n_ctx`` tokens: weights, KV cache and overhead."""
        return self.size_bytes + self.kv_bytes_per_token * n_ctx + OVERHEAD_BYTES


class Catalogue(BaseModel):
    """The whole catalogue file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    catalogue_version: int = Field(ge=1)
    updated: str
    redirect_hosts: str
    redirect_hosts_note: str
    sha256_note: str
    probe_note: str
    entries: tuple[CatalogueEntry, ...]

    def entry(self, name: str) -> CatalogueEntry:
        """The entry called ``name``; CatalogueError listing the names when there is none."""
        for item in self.entries:
            if item.name == name:
                return item
        known = ", ".join(item.name for item in self.entries)
        raise CatalogueError(f"No model called '{name}' in the catalogue. Choose one of: {known}")

    def redirect_allowed(self, host: str) -> bool:
        """True if a download may follow a redirect to ``host`` (the Hugging Face CDN)."""
        return re.fullmatch(self.redirect_hosts, host.lower()) is not None


def parse_catalogue(text: str) -> Catalogue:
    """Parse and check catalogue JSON; CatalogueError says what is wrong."""
    try:
        catalogue = Catalogue.model_validate(json.loads(text))
    except (ValueError, ValidationError) as exc:
        raise CatalogueError(f"The model catalogue is malformed: {exc}") from None
    names = [item.name for item in catalogue.entries]
    if len(set(names)) != len(names):
        raise CatalogueError("The model catalogue names a model twice.")
    try:
        re.compile(catalogue.redirect_hosts)
    except re.error as exc:
        raise CatalogueError(f"The catalogue's redirect_hosts is not a valid pattern: {exc}") from None
    return catalogue


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with the app."""
    return parse_catalogue(files("synthesis.llm").joinpath(CATALOGUE_FILE).read_text(encoding="utf-8"))
