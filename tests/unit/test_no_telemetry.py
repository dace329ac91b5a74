"""No telemetry, no update checks, no downloads behind the user's back: the application code names no remote
address, and only the HTTP backend (talking to the server the user configured) and the model download (started
only by the user's Download button or `groundwork models pull`) import a network library."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("models", "synthesis", "desktop")
URL = re.compile(r"""https?://[^\s"'<>)\]}]+""")
LOOPBACK = re.compile(r"https?://(127\.0\.0\.1|localhost|\[::1\])[:/]")
ALLOWED_URLS = {
    "http://www.w3.org/XML/1998/namespace",  # an XML namespace name in the .docx writer, never fetched
    "https://github.com/ggml-org/ggml/blob/master/docs/gguf.md.",  # the GGUF spec cited in a docstring
}
NETWORK_MODULES = re.compile(
    r"^\s*(?:import|from)\s+(httpx|requests|urllib3?|socket|http\.client|aiohttp|websockets?|ftplib|smtplib"
    r"|huggingface_hub|PySide6\.QtNetwork)\b",
    re.MULTILINE,
)
NETWORK_CALLS = re.compile(r"from_pretrained|QNetworkAccessManager|urlopen\(|webbrowser\.")
MAY_USE_NETWORK = {"synthesis/llm/http_backend.py", "synthesis/llm/download.py"}
DOWNLOAD_STARTERS = {
    "synthesis/llm/download.py",  # defines it
    "synthesis/llm/install.py",  # used by `groundwork models pull`
    "desktop/llm_catalogue_view.py",  # the Download button
}


def sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_scan_sees_the_application_code() -> None:
    names = {relative(p) for p in sources()}
    assert {"synthesis/importer.py", "models/database.py", "synthesis/llm/http_backend.py"} <= names


def test_no_remote_address_in_application_code() -> None:
    found = [
        f"{relative(path)}: {url}"
        for path in sources()
        for url in URL.findall(path.read_text(encoding="utf-8"))
        if not LOOPBACK.match(url) and url not in ALLOWED_URLS
    ]
    assert found == []


def test_only_the_http_backend_imports_a_network_library() -> None:
    importing = {relative(p) for p in sources() if NETWORK_MODULES.search(p.read_text(encoding="utf-8"))}
    assert importing == MAY_USE_NETWORK


def test_model_downloads_start_only_from_the_pull_command_and_the_download_button() -> None:
    starting = {relative(p) for p in sources() if "download_file" in p.read_text(encoding="utf-8")}
    assert starting == DOWNLOAD_STARTERS


def test_no_downloads_or_browser_calls() -> None:
    found = [relative(p) for p in sources() if NETWORK_CALLS.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_desktop_opens_only_local_files() -> None:
    lines = [
        f"{relative(path)}: {line.strip()}"
        for path in sources()
        for line in path.read_text(encoding="utf-8").splitlines()
        if "openUrl(" in line and "fromLocalFile" not in line
    ]
    assert lines == []
