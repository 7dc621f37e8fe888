"""Workspace names: one per program, kept apart on disk and in the index."""

from __future__ import annotations

import re

from rfp_assistant.errors import ConfigurationError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")


def validate_workspace_name(name: str) -> str:
    """Return the name if it is safe to use as a folder and collection name."""
    if not _NAME.match(name or ""):
        raise ConfigurationError(
            f"Workspace name {name!r} is not allowed: use 1-63 letters, digits, '-' or '_', "
            "starting with a letter or digit."
        )
    return name
