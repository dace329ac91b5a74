"""Download one model file: streamed, resumable (HTTP Range), cancellable, checked before it is put in place.

The bytes go to ``<target>.part``; an interrupted download resumes from there. The file is renamed to its
final name only after its size and sha256 are right, so a model file under its real name is always whole.
Redirects are followed by hand, only to the same host or to hosts ``redirect_allowed`` accepts (the
Hugging Face CDN). The user's proxy settings apply (``trust_env``: environment variables and, through
``urllib.request.getproxies``, the Windows registry or macOS System Configuration).
"""

from __future__ import annotations

import errno
import hashlib
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from synthesis.tasks import Cancel, Progress, never_cancel, no_progress

CHUNK_BYTES = 1 << 20
MAX_REDIRECTS = 5
SPACE_MARGIN_BYTES = 100_000_000
"""Free space kept beyond the file itself, so a download never fills the disk to the last byte."""
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


class DownloadError(Exception):
    """The download failed; the message says why and what happened to the partial file."""


class DownloadCancelled(DownloadError):
    """The user cancelled; the partial file is kept so that the next attempt resumes."""


@dataclass(frozen=True)
class DownloadResult:
    path: Path
    sha256: str
    size_bytes: int
    resumed_from: int
    """Bytes already on disk when this attempt started (0: a fresh download)."""


def describe_bytes(count: float) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count:.0f} bytes"


def describe_progress(done: int, total: int | None, rate: float) -> str:
    """'1.2 GB of 4.9 GB, 12.3 MB/s, about 5 min left'."""
    text = describe_bytes(done) + (f" of {describe_bytes(total)}" if total else "")
    if rate > 0:
        text += f", {describe_bytes(rate)}/s"
        if total and done < total:
            left = (total - done) / rate
            text += f", about {left / 60:.0f} min left" if left >= 90 else f", about {left:.0f} s left"
    return text


def download_file(
    url: str,
    target: Path,
    *,
    sha256: str | None = None,
    redirect_allowed: Callable[[str], bool] = lambda _host: False,
    progress: Progress = no_progress,
    cancel: Cancel = never_cancel,
    client: httpx.Client | None = None,
) -> DownloadResult:
    """Download ``url`` to ``target``, resuming ``target.part``; verify ``sha256`` when given."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    own_client = client is None
    client = client or httpx.Client(timeout=httpx.Timeout(60.0, connect=15.0), trust_env=True)
    try:
        digest, offset = _hash_partial(partial, progress, cancel)
        response = _open(client, url, offset, redirect_allowed)
        try:
            offset, total = _resume_point(response, url, partial, offset)
            if offset == 0:
                digest = hashlib.sha256()
            _check_space(target.parent, total - offset if total else None)
            size = _receive(response, partial, offset, total, digest, progress, cancel)
        finally:
            response.close()
    finally:
        if own_client:
            client.close()
    if total is not None and size != total:
        raise DownloadError(
            f"The download of {target.name} stopped at {describe_bytes(size)} of {describe_bytes(total)}. "
            "The partial file is kept: try again to resume."
        )
    actual = digest.hexdigest()
    if sha256 and actual != sha256.lower():
        partial.unlink(missing_ok=True)
        raise DownloadError(
            f"{target.name} did not match its checksum (expected sha256 {sha256}, got {actual}). "
            "The downloaded file was deleted. Try again; if it fails again, the catalogue entry is outdated."
        )
    partial.replace(target)
    return DownloadResult(target, actual, size, offset)


def _hash_partial(partial: Path, progress: Progress, cancel: Cancel) -> tuple[hashlib._Hash, int]:
    """The sha256 state and size of what an earlier attempt left in ``partial``."""
    digest = hashlib.sha256()
    if not partial.is_file():
        return digest, 0
    progress(0.0, "Checking the partial download…")
    with partial.open("rb") as handle:
        while block := handle.read(CHUNK_BYTES):
            if cancel():
                raise DownloadCancelled("Download cancelled.")
            digest.update(block)
    return digest, partial.stat().st_size


def _open(
    client: httpx.Client, url: str, offset: int, redirect_allowed: Callable[[str], bool]
) -> httpx.Response:
    """Send the GET (with a Range header when resuming), following only allowed redirects."""
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    origin = urlsplit(url)
    for _ in range(MAX_REDIRECTS + 1):
        try:
            response = client.send(client.build_request("GET", url, headers=headers), stream=True)
        except httpx.HTTPError as exc:
            raise DownloadError(
                f"Cannot reach {urlsplit(url).hostname}: {exc}. Check the network or proxy."
            ) from exc
        if not response.is_redirect:
            return response
        response.close()
        location = urljoin(url, response.headers.get("location", ""))
        parts = urlsplit(location)
        host = parts.hostname or ""
        if origin.scheme == "https" and parts.scheme != "https":
            raise DownloadError(f"Refused a redirect from https to {parts.scheme}: {location}")
        if host != origin.hostname and not redirect_allowed(host):
            raise DownloadError(
                f"Refused a redirect to {host}: downloads follow redirects only to the Hugging Face file "
                "servers the catalogue names. Nothing was downloaded."
            )
        url = location
    raise DownloadError(f"Too many redirects (more than {MAX_REDIRECTS}) for {url}.")


def _resume_point(response: httpx.Response, url: str, partial: Path, offset: int) -> tuple[int, int | None]:
    """Where writing starts and the file's total size, from the status and Content-Range."""
    status = response.status_code
    if status == 416 and offset:
        return offset, offset  # the partial file is already whole; verify it
    if status >= 400:
        body = response.read().decode("utf-8", errors="replace")[:200]
        raise DownloadError(
            f"The server answered HTTP {status} for {url}: {body or response.reason_phrase}. "
            + ("The partial file is kept: try again later to resume." if offset else "Try again later.")
        )
    length = response.headers.get("content-length")
    if status == 206:
        match = _CONTENT_RANGE.fullmatch(response.headers.get("content-range", ""))
        if not match or int(match.group(1)) != offset:
            raise DownloadError(f"The server sent a part of {url} other than the one asked for; try again.")
        return offset, None if match.group(3) == "*" else int(match.group(3))
    if offset:
        partial.unlink(missing_ok=True)  # the server ignored the Range header: start again
    return 0, int(length) if length else None


def _check_space(folder: Path, needed: int | None) -> None:
    if needed is None:
        return
    free = shutil.disk_usage(folder).free
    if needed + SPACE_MARGIN_BYTES > free:
        raise DownloadError(
            f"Not enough free space in {folder}: the model needs {describe_bytes(needed)} more and "
            f"{describe_bytes(free)} is free (plus {describe_bytes(SPACE_MARGIN_BYTES)} to spare). "
            "Free some space or choose another models folder."
        )


def _receive(
    response: httpx.Response,
    partial: Path,
    offset: int,
    total: int | None,
    digest: hashlib._Hash,
    progress: Progress,
    cancel: Cancel,
) -> int:
    """Append the body to ``partial``, hashing it; returns the file's size."""
    done, started = offset, time.monotonic()
    try:
        with partial.open("ab" if offset else "wb") as handle:
            for chunk in response.iter_bytes(CHUNK_BYTES):
                handle.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                rate = (done - offset) / max(time.monotonic() - started, 1e-6)
                progress(done / total if total else 0.0, describe_progress(done, total, rate))
                if cancel():
                    raise DownloadCancelled(
                        f"Download cancelled at {describe_bytes(done)}; it resumes from there next time."
                    )
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise DownloadError(f"Cannot write {partial}: {exc.strerror or exc}") from exc
        partial.unlink(missing_ok=True)
        raise DownloadError(
            f"The disk is full: {partial.parent} ran out of space after {describe_bytes(done)}. "
            "The partial file was deleted. Free some space or choose another models folder."
        ) from exc
    except httpx.HTTPError as exc:
        raise DownloadError(
            f"The connection broke after {describe_bytes(done)} ({exc}). "
            "The partial file is kept: try again to resume."
        ) from exc
    return done
