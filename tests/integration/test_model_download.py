"""Model download end to end: the bundled GGUF served with Range support by a small server on 127.0.0.1.

Full download, a download killed mid-way and resumed, a bad checksum, a full disk (a small tmpfs), a server
error, redirects (refused to another host, followed to the Hugging Face CDN pattern through a proxy), cancel.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from synthesis.llm.catalogue import load_catalogue
from synthesis.llm.default_model import bundled_model_path
from synthesis.llm.download import DownloadCancelled, DownloadError, download_file
from synthesis.llm.gguf_info import file_sha256, read_gguf_info
from tests.integration.file_server import Behaviour, serve

pytestmark = [pytest.mark.integration, pytest.mark.allow_hosts(["127.0.0.1"])]

ROOT = Path(__file__).resolve().parents[2]
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to 127.0.0.1 directly unless a test sets a proxy itself."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture(scope="module")
def model() -> tuple[Path, str]:
    path = bundled_model_path()
    return path, file_sha256(path)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_full_download_is_verified_and_reports_bytes_rate_and_eta(model, tmp_path: Path) -> None:
    source, sha256 = model
    reports: list[tuple[float, str]] = []
    with serve(Behaviour(source)) as url:
        result = download_file(
            f"{url}/model.gguf", tmp_path / "m.gguf", sha256=sha256,
            progress=lambda fraction, stage: reports.append((fraction, stage)),
        )  # fmt: skip
    assert result.sha256 == sha256 and result.resumed_from == 0
    assert result.size_bytes == source.stat().st_size
    assert read_gguf_info(result.path).architecture == "llama"
    assert _leftovers(tmp_path) == ["m.gguf"]
    fractions = [fraction for fraction, _ in reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert " of 98.4 MB, " in reports[-1][1] and "/s" in reports[-1][1]
    assert any("left" in stage for _, stage in reports)


def _start_download_process(url: str, target: Path) -> subprocess.Popen[bytes]:
    code = (
        "import sys; from pathlib import Path; from synthesis.llm.download import download_file; "
        f"download_file({url!r}, Path(sys.argv[1]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, str(target)], env=env, cwd=ROOT)


def test_a_download_killed_midway_resumes_with_a_range_request(model, tmp_path: Path) -> None:
    source, sha256 = model
    behaviour = Behaviour(source, delay_per_chunk=0.02)
    target = tmp_path / "m.gguf"
    partial = tmp_path / "m.gguf.part"
    with serve(behaviour) as url:
        process = _start_download_process(f"{url}/model.gguf", target)
        deadline = time.monotonic() + 60
        while (not partial.exists() or partial.stat().st_size < 4_000_000) and time.monotonic() < deadline:
            assert process.poll() is None, "the download process ended before it was killed"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait()
        kept = partial.stat().st_size
        assert 4_000_000 <= kept < source.stat().st_size and not target.exists()

        behaviour.delay_per_chunk = 0.0
        result = download_file(f"{url}/model.gguf", target, sha256=sha256)
    assert result.resumed_from == kept and result.sha256 == sha256
    assert behaviour.requests[-1][2] == f"bytes={kept}-"
    assert _leftovers(tmp_path) == ["m.gguf"]


def test_a_bad_checksum_deletes_the_download_and_says_so(model, tmp_path: Path) -> None:
    source, _ = model
    with (
        serve(Behaviour(source)) as url,
        pytest.raises(DownloadError, match="did not match its checksum") as err,
    ):
        download_file(f"{url}/model.gguf", tmp_path / "m.gguf", sha256="0" * 64)
    assert "was deleted" in str(err.value)
    assert _leftovers(tmp_path) == []


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (the test runs as root); fails with the reason otherwise."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.fail(
            f"cannot mount a {size} tmpfs for the disk-full test (needs root): {mounted.stderr.strip()}"
        )
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_not_enough_free_space_is_refused_before_any_byte_is_written(model, tmp_path: Path) -> None:
    source, sha256 = model
    with small_disk(tmp_path / "disk", "1m") as disk, serve(Behaviour(source)) as url:
        with pytest.raises(DownloadError, match="Not enough free space") as err:
            download_file(f"{url}/model.gguf", disk / "m.gguf", sha256=sha256)
        assert "98.4 MB more" in str(err.value)
        assert _leftovers(disk) == []


def test_a_disk_that_fills_up_during_the_download_leaves_nothing_behind(model, tmp_path: Path) -> None:
    source, sha256 = model
    behaviour = Behaviour(source, send_length=False)  # the size is unknown until the end: no check up front
    with small_disk(tmp_path / "disk", "2m") as disk, serve(behaviour) as url:
        with pytest.raises(DownloadError, match="The disk is full") as err:
            download_file(f"{url}/model.gguf", disk / "m.gguf", sha256=sha256)
        assert "partial file was deleted" in str(err.value)
        assert _leftovers(disk) == []


def test_a_server_error_is_reported_and_nothing_is_written(model, tmp_path: Path) -> None:
    source, sha256 = model
    with serve(Behaviour(source, status=503)) as url, pytest.raises(DownloadError, match="HTTP 503") as err:
        download_file(f"{url}/model.gguf", tmp_path / "m.gguf", sha256=sha256)
    assert "upstream broke" in str(err.value)
    assert _leftovers(tmp_path) == []


def test_a_redirect_to_another_host_is_refused(model, tmp_path: Path) -> None:
    source, sha256 = model
    behaviour = Behaviour(source)
    with serve(behaviour) as url:
        port = url.rsplit(":", 1)[1]
        behaviour.redirect_to = f"http://localhost:{port}/cdn/model.gguf"
        with pytest.raises(DownloadError, match="Refused a redirect to localhost"):
            download_file(
                f"{url}/model.gguf", tmp_path / "m.gguf", sha256=sha256,
                redirect_allowed=load_catalogue().redirect_allowed,
            )  # fmt: skip
    assert len(behaviour.requests) == 1 and _leftovers(tmp_path) == []


def test_a_redirect_to_the_hugging_face_cdn_is_followed_through_the_system_proxy(
    model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server plays the user's proxy: huggingface.co and its CDN are reached through it, without DNS."""
    source, sha256 = model
    behaviour = Behaviour(source, redirect_to="http://cdn-lfs-us-1.hf.co/cdn/model.gguf")
    with serve(behaviour) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy)
        result = download_file(
            "http://huggingface.co/org/model-GGUF/resolve/abc123/model.gguf", tmp_path / "m.gguf",
            sha256=sha256, redirect_allowed=load_catalogue().redirect_allowed,
        )  # fmt: skip
    assert result.sha256 == sha256
    assert [(host, path.split("/")[2]) for host, path, _ in behaviour.requests] == [
        ("huggingface.co", "huggingface.co"),
        ("cdn-lfs-us-1.hf.co", "cdn-lfs-us-1.hf.co"),
    ]


def test_cancel_keeps_the_partial_file_and_the_next_download_resumes(model, tmp_path: Path) -> None:
    source, sha256 = model
    calls: list[float] = []
    with serve(Behaviour(source)) as url:
        with pytest.raises(DownloadCancelled, match="resumes from there"):
            download_file(
                f"{url}/model.gguf", tmp_path / "m.gguf", sha256=sha256,
                progress=lambda fraction, _stage: calls.append(fraction), cancel=lambda: len(calls) >= 3,
            )  # fmt: skip
        kept = (tmp_path / "m.gguf.part").stat().st_size
        assert 0 < kept < source.stat().st_size and not (tmp_path / "m.gguf").exists()
        result = download_file(f"{url}/model.gguf", tmp_path / "m.gguf", sha256=sha256)
    assert result.resumed_from == kept and result.sha256 == sha256


def test_a_server_that_ignores_range_restarts_the_download_from_zero(model, tmp_path: Path) -> None:
    source, sha256 = model
    (tmp_path / "m.gguf.part").write_bytes(b"stale bytes of an earlier attempt")
    behaviour = Behaviour(source, honour_range=False)
    with serve(behaviour) as url:
        result = download_file(f"{url}/model.gguf", tmp_path / "m.gguf", sha256=sha256)
    assert behaviour.requests[0][2] == "bytes=33-"  # it asked to resume, got the whole file, and started over
    assert result.resumed_from == 0 and result.sha256 == sha256 and _leftovers(tmp_path) == ["m.gguf"]


def test_a_partial_file_that_is_already_whole_is_verified_and_kept(model, tmp_path: Path) -> None:
    source, sha256 = model
    (tmp_path / "m.gguf.part").write_bytes(source.read_bytes())
    with serve(Behaviour(source)) as url:
        result = download_file(f"{url}/model.gguf", tmp_path / "m.gguf", sha256=sha256)  # the server says 416
    assert result.resumed_from == source.stat().st_size and result.sha256 == sha256
    assert _leftovers(tmp_path) == ["m.gguf"]
