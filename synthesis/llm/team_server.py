"""Check a shared OpenAI-compatible model server (the team-server recipe): reachable, key accepted, probed."""

from __future__ import annotations

from dataclasses import dataclass

from synthesis.llm.base import LlmError
from synthesis.llm.http_backend import HttpBackend
from synthesis.llm.probe import ProbeResult, run_probe
from synthesis.tasks import Cancel, never_cancel

API_KEY_ENV = "GROUNDWORK_API_KEY"


@dataclass(frozen=True)
class ServerCheck:
    passed: bool
    message: str
    probe: ProbeResult | None = None


def check_server(
    url: str, model_name: str, *, api_key: str | None = None, cancel: Cancel = never_cancel
) -> ServerCheck:
    """Run the capability probe against the server's model and say, in one paragraph, what follows."""
    backend = HttpBackend(url, model_name, api_key=api_key)
    try:
        result = run_probe(backend, cancel=cancel)
    except LlmError as exc:
        text = str(exc)
        if "HTTP 401" in text or "HTTP 403" in text:
            hint = "The server refused the API key: set the key your administrator gave you."
        elif "CERTIFICATE_VERIFY_FAILED" in text:
            hint = (
                "The server's TLS certificate is not trusted (certificates are always verified): give the "
                "server a certificate from a public certificate authority, e.g. through Caddy."
            )
        else:
            hint = "Check the server URL and that the server is running."
        return ServerCheck(
            False, f"The model server at {backend.base_url} could not be probed: {text}. {hint}"
        )
    finally:
        backend.close()
    if result.passed:
        return ServerCheck(
            True,
            f"The model '{model_name}' at {backend.base_url} passed the capability probe "
            f"(score {result.score:.2f}): it leads extraction.",
            result,
        )
    reasons = "; ".join(result.reasons) or "its score is below the threshold"
    return ServerCheck(
        False,
        f"The model '{model_name}' at {backend.base_url} did not pass the capability probe "
        f"(score {result.score:.2f}: {reasons}). Extraction with this server uses rules only. "
        "Ask whoever runs the server to serve a capable instruct model (README: Team server).",
        result,
    )
