"""Finding 4: small inputs must not take unbounded memory or time.

Real bombs written here (a .docx and PDFs that unpack to hundreds of megabytes), a .docx whose text is
over the 20 MB limit, a real hostile HTTP server on 127.0.0.1 for the reply caps, and extraction that reads
an interview's turns once per run, not once per chunk.
"""

import base64
import os
from pathlib import Path

import pytest
from pydantic import BaseModel

from models.database import create_workspace
from synthesis.extraction import run as extraction_run
from synthesis.extraction.pipeline import CHUNK_TOKENS_ENV
from synthesis.extraction.run import run_extraction
from synthesis.importer import Outcome, import_file
from synthesis.ingest import TranscriptError, parse_bytes
from synthesis.ingest.decode import MAX_BYTES
from synthesis.ingest.formats.docx import MAX_UNZIPPED_BYTES
from synthesis.llm.base import LlmTimeout, ServerError
from synthesis.llm.http_backend import HttpBackend
from synthesis.llm.stream_limits import StreamLimits
from tests.reliability.hostile_files import docx_bomb, docx_with_text, encrypted, pdf_bomb
from tests.reliability.hostile_server import hostile_server


def _problem(data: bytes, name: str) -> str:
    with pytest.raises(TranscriptError) as caught:
        parse_bytes(data, name)
    assert caught.value.path == name and caught.value.hint
    return caught.value.problem


def test_a_docx_bomb_past_the_size_limit_is_refused_before_parsing() -> None:
    bomb = docx_bomb(200)
    assert len(bomb) < 1024 * 1024
    assert "unpacks to 200 MB, more than the 64 MB limit" in _problem(bomb, "bomb.docx")


def test_a_docx_bomb_under_the_size_limit_is_refused_by_its_ratio() -> None:
    bomb = docx_bomb(40)
    assert MAX_UNZIPPED_BYTES > 40 * 1024 * 1024
    problem = _problem(bomb, "small-bomb.docx")
    assert "word/document.xml unpacks" in problem and "zip bomb" in problem


@pytest.mark.parametrize("password_free_aes", [False, True], ids=["plain", "aes-encrypted"])
def test_a_pdf_bomb_is_refused(password_free_aes: bool) -> None:
    bomb = pdf_bomb(300)
    if password_free_aes:
        bomb = encrypted(bomb, user_password="", owner_password="owner")
    assert len(bomb) < 1024 * 1024
    assert "decompression bomb" in _problem(bomb, "bomb.pdf")


def test_padding_the_file_does_not_hide_a_pdf_bomb_under_the_size_limit() -> None:
    bomb = pdf_bomb(50) + b"%" + b"padding " * 1024 * 1024 + b"\n"  # 8 MB of harmless bytes after it
    problem = _problem(bomb, "padded.pdf")
    assert "times larger than it is packed" in problem and "decompression bomb" in problem


def test_the_20_mb_limit_applies_to_the_text_of_a_docx() -> None:
    noise = base64.b64encode(os.urandom(MAX_BYTES * 3 // 4 + 3000)).decode()  # packs only ~4 to 3
    paragraphs = ["Sam: " + noise[i : i + 1_000_000] for i in range(0, len(noise), 1_000_000)]
    document = docx_with_text(paragraphs)
    assert len(document) < MAX_BYTES  # the file itself is within the limit
    problem = _problem(document, "long.docx")
    assert "characters long, more than the 20,971,520-character (20 MB) limit" in problem


class Reply(BaseModel):
    answer: str


def _backend(url: str, limits: StreamLimits) -> HttpBackend:
    backend = HttpBackend(url, "hostile", schema_format="json_object", read_timeout=30)
    backend.limits = limits
    return backend


SMALL = StreamLimits(max_reply_bytes=2 * 1024 * 1024, max_line_bytes=256 * 1024, stall_seconds=2.0)
MESSAGES = [{"role": "user", "content": "hello"}]


@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.parametrize(
    ("mode", "error", "message"),
    [
        ("endless", ServerError, "sent more than 2 MB without finishing its reply"),
        ("long_line", ServerError, "sent a line longer than 0.25 MB"),
        ("trickle", LlmTimeout, "sent no complete event for 2 s"),
        ("keepalive", LlmTimeout, "sent no complete event for 2 s"),
        ("error_body", ServerError, "answered HTTP 500"),
    ],
)
def test_a_hostile_server_is_cut_off_with_a_clear_error(mode: str, error: type, message: str) -> None:
    with hostile_server(mode, interval=0.2) as url:  # type: ignore[arg-type]
        backend = _backend(url, SMALL)
        with pytest.raises(error) as caught:
            backend.complete_text(MESSAGES)
        backend.close()
    assert message in str(caught.value)
    if mode == "error_body":
        assert len(str(caught.value)) < 1000


def test_the_stall_limit_follows_the_read_timeout_by_default() -> None:
    assert HttpBackend("http://127.0.0.1:9", "m", read_timeout=42).limits.stall_seconds == 42


def test_extraction_reads_each_interview_once_per_run(tmp_path: Path, monkeypatch) -> None:
    lines = [
        f"Interviewer: Question {n}?\n\nSam: Our CRM data number {n} is always out of date and slow.\n"
        for n in range(300)
    ]
    source = tmp_path / "long.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    engine = create_workspace(tmp_path / "ws.groundwork")
    assert import_file(engine, source).outcome == Outcome.IMPORTED
    loads: list[int] = []
    real = extraction_run.turns_of
    monkeypatch.setattr(extraction_run, "turns_of", lambda s, i: loads.append(i) or real(s, i))
    monkeypatch.setenv(CHUNK_TOKENS_ENV, "60")
    summary = run_extraction(engine)
    engine.dispose()
    assert summary.chunks_total > 50
    assert loads == [1]
