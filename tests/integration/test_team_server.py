"""The team-server recipe, tested with the real llama.cpp server (llama-cpp-python's) on 127.0.0.1 serving the
bundled model: the API key is sent as a bearer token, TLS is verified, and a model that fails the probe is
reported plainly (the bundled SmolLM2 stands in for the firm's model and fails it)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synthesis.cli.main import app
from synthesis.llm.base import ServerError
from synthesis.llm.http_backend import HttpBackend
from synthesis.llm.team_server import check_server
from tests.integration.llama_server import llama_server

pytestmark = [pytest.mark.integration, pytest.mark.allow_hosts(["127.0.0.1"])]

KEY = "team-secret-key"


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with llama_server(tmp_path_factory.mktemp("server"), "--api_key", KEY) as url:
        yield url


def test_the_api_key_is_sent_as_a_bearer_token(keyed_server: str) -> None:
    backend = HttpBackend(keyed_server, "smollm2", api_key=KEY, read_timeout=60)
    assert backend.complete_text([{"role": "user", "content": "Say hello."}], max_tokens=8)
    with pytest.raises(ServerError, match="HTTP 401"):
        HttpBackend(keyed_server, "smollm2", read_timeout=60).complete_text(
            [{"role": "user", "content": "Say hello."}], max_tokens=8
        )


def test_a_missing_key_gets_a_clear_message(keyed_server: str) -> None:
    check = check_server(keyed_server, "smollm2", api_key="wrong")
    assert not check.passed and check.probe is None
    assert "refused the API key" in check.message


def test_a_server_model_that_fails_the_probe_is_reported_plainly(keyed_server: str, monkeypatch) -> None:
    monkeypatch.setenv("GROUNDWORK_API_KEY", KEY)
    result = CliRunner().invoke(
        app, ["probe", "--server", keyed_server, "--model-name", "smollm2"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"The model 'smollm2' at {keyed_server}/v1 did not pass the capability probe" in text
    assert "uses rules only" in text and "README: Team server" in text


def _self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


def test_tls_certificates_are_verified(tmp_path: Path) -> None:
    key, cert = _self_signed_certificate(tmp_path)
    with llama_server(
        tmp_path, "--ssl_keyfile", str(key), "--ssl_certfile", str(cert), scheme="https"
    ) as url:
        check = check_server(url, "smollm2")
    assert not check.passed and check.probe is None
    assert "CERTIFICATE_VERIFY_FAILED" in check.message and "not trusted" in check.message
