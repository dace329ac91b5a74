"""What an empty section says to do next ("Import transcripts to begin")."""

from __future__ import annotations

from synthesis.workspace.counts import NavCounts

IMPORT_HINT = (
    "Import transcripts to begin: File → Import Transcripts… (Ctrl+I) or Import Folder… (Ctrl+Shift+I), "
    "or drop files or a folder on this window."
)
EXTRACT_HINT = "No insights yet: Tools → Extract Insights (Ctrl+R) finds them in the transcripts."
PERSONA_HINT = "No personas yet: Tools → Redraft Personas (Ctrl+Shift+R) drafts them from the insights."
ICP_HINT = "No ICP yet: describe the companies you want to win with 3 or 4 firmographic criteria."

_NEEDS_INSIGHTS = ("interviews", "insights", "personas", "matrix")


def empty_hint(section: str, counts: NavCounts) -> str:
    """The hint for ``section`` of a workspace with these counts, or "" when it has something to show."""
    if section == "models":
        return ""
    if counts.interviews == 0:
        return IMPORT_HINT
    if counts.insights == 0 and section in _NEEDS_INSIGHTS:
        return EXTRACT_HINT
    if counts.personas == 0 and section in ("personas", "matrix"):
        return PERSONA_HINT
    if counts.icps == 0 and section == "icps":
        return ICP_HINT
    return ""
