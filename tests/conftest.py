"""Shared fixtures: isolated settings per test, the shared/ corpus, and the local OpenAI-compatible server."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

pytest_plugins = ["support.openai_server"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Tests never inherit a developer's endpoint or data folder.
for variable in list(os.environ):
    if variable.startswith("RFP_") or variable in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        del os.environ[variable]
os.environ["NO_PROXY"] = "127.0.0.1,localhost"


def require_shared(*parts: str) -> Path:
    """Path inside ../shared; skipped with a reason on a user's clone, a failure in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing; CI must have shared/ beside the clone")
        pytest.skip(f"{path} not present (only in the project's CI layout)")
    return path


@pytest.fixture
def settings(tmp_path):
    """Offline settings with a fresh data folder; the embedding table cache is shared machine-wide."""
    from rfp_assistant.config import Settings

    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def llm_settings(tmp_path, openai_server):
    """LLM-mode settings pointed at the local OpenAI-compatible server."""
    from rfp_assistant.config import Settings

    return Settings(
        data_dir=tmp_path / "data", llm="openai", openai_base_url=openai_server.base_url,
        openai_api_key="sk-test-secret-123", model="stub-model", llm_max_retries=2, llm_timeout_s=5,
    )


@pytest.fixture(scope="session")
def playbook_data_dir(tmp_path_factory) -> Path:
    """A data folder whose default workspace already holds the built-in playbook (built once per worker)."""
    from rfp_assistant.config import Settings
    from rfp_assistant.jobs.ingestion import open_workspace

    folder = tmp_path_factory.mktemp("playbook-data")
    open_workspace(Settings(data_dir=folder), "default")
    return folder


@pytest.fixture
def guide_workspace(tmp_path, playbook_data_dir):
    """Make a workspace holding the built-in playbook plus `text` ingested as the user's guide named `name`."""
    from rfp_assistant.config import Settings
    from rfp_assistant.core.documents import load_bytes
    from rfp_assistant.core.retrieval.index import WorkspaceIndex

    def make(text: str | bytes, name: str):
        shutil.copytree(playbook_data_dir, tmp_path / "data")
        index = WorkspaceIndex(Settings(data_dir=tmp_path / "data"), "default")
        data = text.encode() if isinstance(text, str) else text
        index.add_document(load_bytes(data, name, max_bytes=1_000_000), "guide")
        index.upgrade()
        return index

    return make


@pytest.fixture
def cli_env(tmp_path, playbook_data_dir):
    """Environment for running the CLI as a subprocess against a fresh data folder.

    The folder starts as a copy of one where the playbook is indexed, as it is after a user's first run;
    indexing it again in every test would only measure the same one-time set-up many times.
    """
    import shutil

    shutil.copytree(playbook_data_dir, tmp_path / "data")
    env = {k: v for k, v in os.environ.items()}
    env["RFP_DATA_DIR"] = str(tmp_path / "data")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


# End-to-end tests that take tens of seconds each (a wheel installed into a fresh venv, a browser driving the UI, the
# CLI indexing a company): started first, so the two workers finish together instead of one of them running the
# wheel install alone at the end while the other waits.
_LONG_MODULES = ("test_wheel_install", "test_ui_", "test_cli", "test_faults_cli", "test_concurrency",
                 "test_confidential_cache", "test_embeddings", "test_index", "test_no_egress", "test_readiness_progress")


def pytest_collection_modifyitems(config, items):
    """Put the long end-to-end tests at the front of the run; the rest keep their order."""
    def is_long(item) -> bool:
        return item.get_closest_marker("slow") is not None or item.module.__name__.startswith(_LONG_MODULES)

    items.sort(key=lambda item: (not is_long(item), not item.module.__name__.startswith("test_wheel_install")))
