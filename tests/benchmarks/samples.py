"""Large benchmark workspaces: the shipped sample transcripts stored again and again."""

from __future__ import annotations

import hashlib
from importlib.resources import as_file
from pathlib import Path

from sqlmodel import Session

from synthesis.demo import SAMPLES
from synthesis.importer import store_transcript
from synthesis.ingest import parse_bytes


def store_repeated_samples(session: Session, count: int) -> None:
    """Store `count` interviews, cycling through the sample transcripts (each copy with its own digest)."""
    with as_file(SAMPLES / "transcripts") as folder:
        parsed = [(p, parse_bytes(p.read_bytes(), p.name)) for p in sorted(Path(folder).iterdir())]
    for number in range(count):
        source, transcript = parsed[number % len(parsed)]
        digest = hashlib.sha256(f"{source.name}-{number}".encode()).hexdigest()
        store_transcript(session, transcript, source_file_name=source.name, sha256=digest)
    session.commit()
