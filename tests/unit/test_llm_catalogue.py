"""The model catalogue: every field present and plausible, URLs well-formed, redirects limited to the CDN."""

from __future__ import annotations

import json
from importlib.resources import files
from urllib.parse import urlsplit

import pytest

from synthesis.llm.catalogue import CatalogueEntry, CatalogueError, load_catalogue, parse_catalogue

ENTRIES = load_catalogue().entries
KNOWN_LICENCES = {
    "Apache License 2.0",
    "MIT License",
    "Llama 3.1 Community License",
    "Qwen Research License",
}
# Bytes per weight of each quantisation (llama.cpp's block sizes), with room for the unquantised layers.
BITS_PER_WEIGHT = {"Q3_K_M": (3.4, 4.6), "Q4_K_M": (4.5, 5.3), "Q5_K_M": (5.3, 6.1)}


def test_the_catalogue_covers_the_recommended_families() -> None:
    families = {entry.family for entry in ENTRIES}
    assert {
        "Qwen2.5-3B-Instruct",
        "Qwen2.5-7B-Instruct",
        "Llama-3.1-8B-Instruct",
        "Phi-3.5-mini-instruct",
        "Mistral-7B-Instruct-v0.3",
    } <= families
    assert load_catalogue().catalogue_version >= 1


def test_every_field_of_every_entry_is_present() -> None:
    raw = json.loads(files("synthesis.llm").joinpath("catalogue.json").read_text(encoding="utf-8"))
    required = set(CatalogueEntry.model_fields)
    for entry in raw["entries"]:
        assert set(entry) == required, entry["name"]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_urls_point_at_the_gguf_file_on_hugging_face(entry: CatalogueEntry) -> None:
    url = urlsplit(entry.url)
    assert (url.scheme, url.hostname) == ("https", "huggingface.co")
    parts = url.path.split("/")
    assert parts[3] == "resolve" and parts[-1] == entry.file_name
    assert entry.quantisation in entry.file_name
    # A verified sha256 is only meaningful for a file pinned to a commit, not a branch that may move.
    revision = parts[4]
    if entry.sha256 is not None:
        assert len(revision) == 40 and all(c in "0123456789abcdef" for c in revision), entry.name
    licence = urlsplit(entry.licence_url)
    assert licence.scheme == "https" and licence.hostname == "huggingface.co"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_sizes_memory_and_context_are_plausible(entry: CatalogueEntry) -> None:
    low, high = BITS_PER_WEIGHT[entry.quantisation]
    bits = entry.size_bytes * 8 / (entry.parameters_billion * 1e9)
    assert low <= bits <= high, f"{entry.name}: {bits:.2f} bits per weight"
    assert entry.licence in KNOWN_LICENCES
    assert entry.recommended_context <= entry.context_length
    assert entry.context_length in (32768, 131072)
    needed = entry.size_bytes + entry.kv_bytes_per_token * entry.recommended_context
    assert needed < entry.ram_bytes <= entry.ram_at(entry.recommended_context) + 100_000_000
    assert entry.expected_probe == "pass"


def test_redirects_are_allowed_only_to_hugging_face_hosts() -> None:
    catalogue = load_catalogue()
    for host in ("cdn-lfs.huggingface.co", "cdn-lfs-us-1.hf.co", "cas-bridge.xethub.hf.co", "huggingface.co"):
        assert catalogue.redirect_allowed(host), host
    for host in ("evil.com", "huggingface.co.evil.com", "hf.co.example.org", "notHF.com", "127.0.0.1"):
        assert not catalogue.redirect_allowed(host), host


def test_unknown_names_and_malformed_catalogues_give_clear_errors() -> None:
    with pytest.raises(CatalogueError, match=r"No model called 'gpt-5'.*qwen2.5-7b-q4"):
        load_catalogue().entry("gpt-5")
    raw = json.loads(files("synthesis.llm").joinpath("catalogue.json").read_text(encoding="utf-8"))
    raw["entries"][0]["url"] = "http://huggingface.co/x.gguf"
    with pytest.raises(CatalogueError, match="not an https URL"):
        parse_catalogue(json.dumps(raw))
    raw["entries"][0]["url"] = raw["entries"][1]["url"]
    raw["entries"][0]["name"] = raw["entries"][1]["name"]
    with pytest.raises(CatalogueError, match="names a model twice"):
        parse_catalogue(json.dumps(raw))
    with pytest.raises(CatalogueError, match="malformed"):
        parse_catalogue("{not json")
