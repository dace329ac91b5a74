"""Finding 6: `make test` on a fresh machine installs the report tests' system tools or stops at once.

``packaging/install-ci-deps.sh`` (the script .ci/run uses) runs first in `make test`. Here it runs with a
PATH holding only basic tools, so LibreOffice and poppler look missing, and with apt-get or sudo absent:
it must stop at once, naming what to install.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "install-ci-deps.sh"
BASIC_TOOLS = ("bash", "grep", "env")


def _bin(tmp_path: Path, uid: int, extra: dict[str, str]) -> Path:
    """A bin folder with the basic tools, an ``id`` that reports ``uid``, and ``extra`` stub scripts."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in BASIC_TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (folder / tool).symlink_to(found)
    stubs = {"id": f"#!/bin/sh\necho {uid}\n", **extra}
    for name, body in stubs.items():
        (folder / name).write_text(body)
        (folder / name).chmod(0o755)
    return folder


def _run(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(folder), "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [str(folder / "bash"), str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30
    )


@pytest.mark.parametrize(
    ("uid", "extra", "reason"),
    [
        (0, {}, "apt-get was not found"),
        (1000, {"apt-get": "#!/bin/sh\nexit 0\n"}, "you are not root and sudo was not found"),
    ],
    ids=["no-apt-get", "no-root-no-sudo"],
)
def test_the_script_stops_at_once_naming_what_to_install(
    tmp_path: Path, uid: int, extra: dict[str, str], reason: str
) -> None:
    result = _run(_bin(tmp_path, uid, extra))
    assert result.returncode == 1
    assert reason in result.stderr
    assert "libreoffice-writer-nogui" in result.stderr and "poppler-utils" in result.stderr
    assert "Install these by hand" in result.stderr


def test_the_script_installs_through_apt_get_when_it_can(tmp_path: Path) -> None:
    log = tmp_path / "apt.log"
    apt = f'#!/bin/sh\necho "$@" >> {log}\n'
    result = _run(_bin(tmp_path, 0, {"apt-get": apt, "apt-cache": "#!/bin/sh\nexit 0\n"}))
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert calls[0] == "update -qq"
    install = "install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils"
    assert calls[1].startswith(install)


def test_make_test_runs_the_script_before_anything_else() -> None:
    make = shutil.which("make")
    assert make, "make is needed to check the Makefile"
    outside_make = {k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    dry = subprocess.run(
        [make, "--no-print-directory", "-n", "test", "STAMP=/dev/null"],
        cwd=ROOT,
        env=outside_make,  # run under `make test` too, where a nested make would announce its directory
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[0] == "bash packaging/install-ci-deps.sh"
    assert "bash packaging/install-ci-deps.sh" in (ROOT / ".ci" / "run").read_text()
