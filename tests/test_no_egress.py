"""Offline mode opens no connection beyond 127.0.0.1: every command and the UI, run with egress blocked.

Mechanism (tests/support/netjail.py): each command runs as a subprocess inside a loopback-only network
namespace (`unshare -rn`, no root needed) that also records DNS lookups and no-route packets from any
code, Chroma's Rust core included; and under a Python audit hook (tests/support/egress_guard) that
refuses and records every non-loopback connect, sendto and name lookup. Where the kernel forbids
unprivileged user namespaces only the audit hook runs, which cannot see sockets opened by native code
(Chroma's Rust core); the telemetry test then at least shows Chroma's and Gradio's telemetry is off.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pytest
from support.chroma_server import free_port
from support.cli import fresh_cli_env
from support.netjail import EgressJail, JailResult, os_level_escapes

ROOT = Path(__file__).resolve().parents[1]
COMPANY = ROOT / "eval" / "readiness" / "companies" / "halvorsen-bio"
PROPOSALS = [ROOT / "eval" / "extraction" / "proposals" / name
             for name in ("01_northfield_formal_letter.pdf", "02_cascadia_table_heavy.pdf")]
READINESS_DOCS = [COMPANY / name for name in ("outsourcing-strategy-memo.md", "cdmo-budget-fy26-27.txt", "risk-register-v3.pdf")]
BRIEF = ("Phase 1 mAb, CHO, 2 x 2,000 L GMP batches by Q3 2027, lyophilized vials, US and EU filings, "
         "budget about $6M")

# The module shares one workspace across its tests, so they stay on one worker, in order.
pytestmark = pytest.mark.xdist_group("no_egress")


@pytest.fixture(scope="module")
def jail(tmp_path_factory) -> EgressJail:
    """A jail shared by the module's commands, with one data folder and one attempts log."""
    root = tmp_path_factory.mktemp("no-egress")
    jail = EgressJail(root / "jail", fresh_cli_env(root / "data"))
    if not jail.netns:
        warnings.warn(f"OS-level egress block unavailable ({jail.netns_reason}); only Python sockets are guarded")
    return jail


def cli(jail: EgressJail, *args: str, **kwargs) -> JailResult:
    """Run `rfp-assistant ARGS` guarded, as a user runs it."""
    return jail.run([sys.executable, "-m", "rfp_assistant", *args], **kwargs)


def assert_stayed_local(jail: EgressJail, result: JailResult) -> None:
    """The command succeeded and nothing tried to reach beyond loopback."""
    assert result.returncode == 0, result.describe()
    attempts = jail.attempts()
    assert attempts == [], f"{' '.join(result.args[2:4])}: non-loopback attempts:\n" + json.dumps(attempts, indent=1)
    assert os_level_escapes(result) == [], f"{' '.join(result.args[2:4])}: {os_level_escapes(result)}"


def test_the_python_guard_refuses_and_records_a_connect_and_a_lookup(tmp_path):
    jail = EgressJail(tmp_path / "selfcheck", fresh_cli_env(tmp_path / "data"))
    probe = (
        "import socket\n"
        "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
        "try:\n    s.connect(('192.0.2.1', 80))\nexcept PermissionError:\n    print('connect refused')\n"
        "try:\n    socket.getaddrinfo('telemetry.example.com', 443)\nexcept PermissionError:\n    print('lookup refused')\n"
    )
    result = jail.run([sys.executable, "-c", probe])
    assert result.returncode == 0, result.describe()
    assert result.stdout.split() == ["connect", "refused", "lookup", "refused"], result.describe()
    recorded = {(a["event"], a["host"], a["port"]) for a in jail.attempts()}
    assert recorded == {("socket.connect", "192.0.2.1", 80), ("socket.getaddrinfo", "telemetry.example.com", 443)}


def test_the_namespace_stops_and_counts_native_attempts(tmp_path):
    jail = EgressJail(tmp_path / "selfcheck", fresh_cli_env(tmp_path / "data"))
    if not jail.netns:
        pytest.skip(f"OS-level layer unavailable: {jail.netns_reason}")
    # Python without the audit hook stands in for native code: its connect finds no route and is counted,
    # and its lookup, made by the C library's resolver as native code's is, is recorded by name.
    unhooked = ["env", "-u", "PYTHONPATH", sys.executable, "-c"]
    bare = jail.run([*unhooked, "import socket; print(socket.socket().connect_ex(('192.0.2.1', 80)))"])
    assert bare.returncode == 0 and bare.stdout.strip() == "101", bare.describe()  # ENETUNREACH
    assert bare.report["no_route"]["ipv4"] >= 1, bare.report
    looked_up = jail.run([*unhooked, "import socket\ntry:\n    socket.getaddrinfo('telemetry.example.com', 443)\n"
                                     "except socket.gaierror:\n    pass"])
    assert looked_up.returncode == 0, looked_up.describe()
    assert "telemetry.example.com" in looked_up.report["dns_queries"], looked_up.report
    assert os_level_escapes(bare) and os_level_escapes(looked_up)
    assert jail.attempts() == []


def test_offline_commands_make_no_connection_beyond_loopback(jail, tmp_path):
    roster = COMPANY / "team-roster.docx"
    ingested = cli(jail, "ingest", str(roster), "--kind", "internal", "--json")
    assert_stayed_local(jail, ingested)
    assert json.loads(ingested.stdout)[0]["status"] == "added"

    drafted = cli(jail, "draft", "--brief", BRIEF, "--json")
    assert_stayed_local(jail, drafted)
    assert json.loads(drafted.stdout)["sections"]

    extracted = cli(jail, "extract", *map(str, PROPOSALS), "--json")
    assert_stayed_local(jail, extracted)
    assert [e["error"] for e in json.loads(extracted.stdout)] == [None, None]

    compared = cli(jail, "compare", *map(str, PROPOSALS), "-o", str(tmp_path / "comparison.xlsx"))
    assert_stayed_local(jail, compared)
    assert (tmp_path / "comparison.xlsx").stat().st_size > 0

    assessed = cli(jail, "readiness", *map(str, READINESS_DOCS), "--json")
    assert_stayed_local(jail, assessed)
    assert json.loads(assessed.stdout)["items"]

    asked = cli(jail, "ask", "Who owns tech transfer on our side?", "--json")
    assert_stayed_local(jail, asked)
    assert "team-roster.docx" in {c["source"] for c in json.loads(asked.stdout)["citations"]}


def test_ui_serves_its_page_without_egress(jail):
    port = free_port()  # inside the namespace any port is free; without it, this machine's ports matter
    served = cli(jail, "ui", "--port", str(port), probe_url=f"http://127.0.0.1:{port}/")
    probe = served.report.get("probe", {})
    assert probe.get("ok"), f"{probe}\n{served.describe()}"
    assert "RFP Assistant" in probe["head"] or "gradio" in probe["head"].lower(), probe["head"][:500]
    assert_stayed_local(jail, served)


def test_telemetry_is_off_in_the_clients_the_app_configures(jail):
    check = (
        "import json, gradio.analytics\n"
        "from rfp_assistant.config import load_settings\n"
        "from rfp_assistant.core.retrieval.store import chroma_client\n"
        "from rfp_assistant.interfaces.ui.app import build_app\n"
        "settings = load_settings()\n"
        "print(json.dumps({'chroma': chroma_client(settings).get_settings().anonymized_telemetry,\n"
        "                  'blocks': build_app(settings).analytics_enabled,\n"
        "                  'gradio_env': gradio.analytics.analytics_enabled()}))\n"
    )
    result = jail.run([sys.executable, "-c", check])
    assert_stayed_local(jail, result)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"chroma": False, "blocks": False, "gradio_env": False}
