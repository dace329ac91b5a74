"""Nothing leaves the machine: import, model-led extraction with the real bundled model (llama.cpp), persona
synthesis and the Word export all run with every non-loopback connection and name lookup blocked.

Connections are blocked with pytest-socket (``socket_allow_hosts``), name lookups with a patched
``socket.getaddrinfo``. Both are recorded: a blocked attempt swallowed by an ``except`` still fails the test.
"""

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pytest_socket import socket_allow_hosts
from sqlmodel import Session, select

from models.database import create_workspace
from models.tables import ExtractionRun, Insight, Persona
from synthesis.extraction.llm_choice import LlmUse, choose_extractor
from synthesis.extraction.run import run_extraction
from synthesis.importer import Outcome, import_file, import_paths
from synthesis.llm.probe_cache import ProbeCache
from synthesis.personas.synthesize import synthesize_personas
from synthesis.report.export import export_report
from synthesis.report.options import ReportOptions

pytestmark = [pytest.mark.integration, pytest.mark.allow_hosts(["127.0.0.1", "::1"])]

SAMPLES = Path(__file__).resolve().parents[2] / "synthesis" / "samples" / "transcripts"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
SHORT = """Interviewer: What's the hardest part of your job?

Dana Whitfield: I'm the head of revenue operations. Our forecast lives in three spreadsheets.

Interviewer: How do you choose new tools?

Dana Whitfield: Anything over five thousand dollars needs the CFO to sign off.
"""


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Block every connection and name lookup that is not loopback; yields the blocked attempts."""
    attempts: list[str] = []
    socket_allow_hosts(list(LOOPBACK), allow_unix_socket=True)
    guarded_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def recording_connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and host not in LOOPBACK:
            attempts.append(f"connect {address}")
        guarded_connect(self, address)

    def local_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host not in (*LOOPBACK, None) and not _is_ip_literal(host):
            attempts.append(f"lookup {host}")
            raise socket.gaierror(f"name lookups are blocked in this test ({host})")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    monkeypatch.setattr(socket, "getaddrinfo", local_getaddrinfo)
    yield attempts


def _is_ip_literal(host: object) -> bool:
    try:
        ipaddress.ip_address(str(host))
    except ValueError:
        return False
    return True


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_the_guard_blocks_and_records_remote_connections(offline: list[str]) -> None:
    with pytest.raises((OSError, RuntimeError)):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.com", 443)
    assert offline == ["connect ('192.0.2.1', 443)", "lookup example.com"]


def test_the_whole_pipeline_runs_offline(offline: list[str], tmp_path: Path) -> None:
    engine = create_workspace(tmp_path / "client.groundwork")
    assert all(r.outcome == Outcome.IMPORTED for r in import_paths(engine, [SAMPLES]))
    short = tmp_path / "dana.txt"
    short.write_text(SHORT, encoding="utf-8")
    short_id = import_file(engine, short).interview_id
    assert short_id is not None

    choice = choose_extractor(use=LlmUse.FORCE, n_ctx=2048, cache=ProbeCache(tmp_path / "probes.json"))
    led = run_extraction(engine, choice.extractor, interview_ids=[short_id])
    assert led.status == "completed" and led.llm_led
    rules = run_extraction(engine)
    assert rules.status == "completed" and rules.insights_stored > 0
    with Session(engine) as session:
        run = session.get(ExtractionRun, led.run_id)
        assert run is not None and run.tokens_evaluated > 0, "llama.cpp really ran"
        assert session.exec(select(Insight).where(Insight.interview_id == short_id)).first() is not None

    synthesize_personas(engine)
    with Session(engine) as session:
        assert session.exec(select(Persona)).first() is not None

    out = tmp_path / "report.docx"
    summary = export_report(engine, out, ReportOptions(include_suggested=True))
    engine.dispose()
    assert summary.path == out and summary.personas > 0
    assert docx.Document(str(out)).paragraphs
    assert offline == []
