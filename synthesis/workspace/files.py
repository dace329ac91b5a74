"""Opening and creating workspace files (the desktop reaches the database layer only through here)."""

from __future__ import annotations

from models.database import WORKSPACE_SUFFIX, WorkspaceError, create_workspace, open_workspace

__all__ = ["WORKSPACE_SUFFIX", "WorkspaceError", "create_workspace", "open_workspace"]
