"""Environment for running the CLI as a subprocess on an empty data folder, with the fast embedding tier."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def fresh_cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """CLI environment on an empty data folder (nothing embedded yet), offline, static embedding tier.

    RFP_EMBEDDINGS=static is the first tier of the default `local` choice, same code path, without the
    minute-long MiniLM pass over the playbook that `local` runs in every new workspace.
    """
    env = dict(os.environ, RFP_DATA_DIR=str(data_dir), RFP_EMBEDDINGS="static", **extra)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env
