"""Run commands with no route off this machine, and record anything that tried to leave.

Two layers, both used when available:

1. OS level (any language, Chroma's Rust core included): the command runs inside a fresh network
   namespace made by `unshare -rn` (an unprivileged user namespace; no root needed). Only a loopback
   interface exists there, so a connection to any other address fails with "network unreachable".
   Inside, this file runs as a script that brings loopback up, answers DNS queries sent to the
   machine's resolvers with NXDOMAIN while recording each queried name (glibc's resolver is what
   native code uses too), and reads the kernel's OutNoRoutes counters before and after: they count
   every IPv4/IPv6 packet or connect that found no route, whichever code sent it.
2. Python level: tests/support/egress_guard/sitecustomize.py, an audit hook in every Python process
   that refuses and records, with a stack, each connect/sendto/lookup aimed beyond loopback.

Where user namespaces are disabled (some hardened kernels, or AppArmor's
apparmor_restrict_unprivileged_userns), only layer 2 runs and native sockets are not observed.

The script part uses the standard library only: it is started with `python -I -S` so that the
audit hook, which would refuse its DNS replies, is not loaded into it.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

GUARD_DIR = Path(__file__).resolve().parent / "egress_guard"
# Telemetry switches a developer may have set; the app's own defaults are what the tests must see.
TELEMETRY_VARIABLES = ("ANONYMIZED_TELEMETRY", "CHROMA_TELEMETRY", "GRADIO_ANALYTICS_ENABLED")


# --- used by the tests --------------------------------------------------------------------------


def netns_unavailable_reason() -> str | None:
    """None when `unshare -rn` gives a working loopback-only namespace here, else why not."""
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed"
    try:
        probe = subprocess.run(
            ["unshare", "-rn", "ip", "link", "set", "lo", "up"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`unshare -rn` could not run: {exc}"
    if probe.returncode != 0:
        return f"unprivileged network namespaces are not allowed here: {probe.stderr.strip() or probe.returncode}"
    return None


@dataclass
class JailResult:
    """One command's outcome and what the OS-level layer saw."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    report: dict = field(default_factory=dict)

    def describe(self) -> str:
        """Command, exit status and output, for assertion messages."""
        return f"{' '.join(self.args)} -> exit {self.returncode}\nstderr:\n{self.stderr[-4000:]}\nstdout:\n{self.stdout[-2000:]}"


class EgressJail:
    """Runs commands under the egress guard (and in a network namespace when the OS allows it)."""

    def __init__(self, workdir: Path, base_env: dict[str, str], use_netns: bool = True):
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log = workdir / "egress-attempts.jsonl"
        self.netns_reason = netns_unavailable_reason() if use_netns else "disabled by the caller"
        self.netns = self.netns_reason is None
        env = {k: v for k, v in base_env.items() if k not in TELEMETRY_VARIABLES}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(GUARD_DIR), env.get("PYTHONPATH", "")) if p)
        env["EGRESS_GUARD_LOG"] = str(self.log)
        self.env = env
        self._runs = 0

    def run(self, args: list[str], *, probe_url: str | None = None, timeout: float = 240) -> JailResult:
        """Run a command guarded; with probe_url, run it as a server, fetch that URL once it answers, then stop it."""
        self._runs += 1
        report_path = self.workdir / f"jail-report-{self._runs}.json"
        inner = [str(a) for a in args]
        wrapper = [sys.executable, "-I", "-S", str(Path(__file__).resolve()), "--report", str(report_path)]
        if not self.netns:
            wrapper.append("--no-netns")
        if probe_url:
            wrapper += ["--probe-url", probe_url]
        command = (["unshare", "-rn"] if self.netns else []) + wrapper + ["--", *inner]
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=timeout)
        report = json.loads(report_path.read_text()) if report_path.exists() else {"error": "the jail wrote no report"}
        return JailResult(inner, done.returncode, done.stdout, done.stderr, report)

    def attempts(self) -> list[dict]:
        """Every non-loopback attempt the Python-level guard recorded so far, in every process."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]


def os_level_escapes(result: JailResult) -> list[str]:
    """What the OS-level layer saw trying to leave during one run (empty when nothing did)."""
    report = result.report
    if "error" in report:
        return [report["error"]]
    found = [f"DNS lookup of {q}" for q in report.get("dns_queries", [])]
    for family, count in report.get("no_route", {}).items():
        if count:
            found.append(f"{count} {family} packet(s)/connect(s) to an address off this machine")
    return found


# --- the script that runs inside the namespace ----------------------------------------------------


def _resolvers() -> list[str]:
    try:
        lines = Path("/etc/resolv.conf").read_text().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "nameserver":
            try:
                found.append(str(ipaddress.ip_address(parts[1].split("%")[0])))
            except ValueError:
                pass
    return found


def _no_route_counters() -> dict[str, int]:
    counters = {}
    try:
        lines = Path("/proc/net/snmp").read_text().splitlines()
        names, values = [line.split() for line in lines if line.startswith("Ip:")][:2]
        counters["ipv4"] = int(values[names.index("OutNoRoutes")])
    except (OSError, ValueError, IndexError):
        pass
    try:
        for line in Path("/proc/net/snmp6").read_text().splitlines():
            if line.startswith("Ip6OutNoRoutes"):
                counters["ipv6"] = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return counters


def _question_name(packet: bytes) -> str:
    labels, i = [], 12
    while i < len(packet) and packet[i]:
        length = packet[i]
        labels.append(packet[i + 1 : i + 1 + length].decode("ascii", "replace"))
        i += 1 + length
    return ".".join(labels) or "."


def _nxdomain(packet: bytes) -> bytes:
    end = 12
    while end < len(packet) and packet[end]:
        end += 1 + packet[end]
    question = packet[12 : end + 5]  # name, its terminating zero, QTYPE and QCLASS
    flags = 0x8000 | (int.from_bytes(packet[2:4], "big") & 0x0100) | 0x0080 | 3  # response, RD copied, RA, NXDOMAIN
    return packet[:2] + flags.to_bytes(2, "big") + (1).to_bytes(2, "big") + bytes(6) + question


def _start_dns_sink(report: dict) -> None:
    """Answer every query to the machine's resolvers with NXDOMAIN (no slow timeouts) and record its name."""
    for resolver in _resolvers():
        address = ipaddress.ip_address(resolver)
        family = socket.AF_INET if address.version == 4 else socket.AF_INET6
        try:
            if not address.is_loopback:
                prefix = "32" if address.version == 4 else "128"
                subprocess.run(["ip", "addr", "add", f"{resolver}/{prefix}", "dev", "lo"] + (["nodad"] if address.version == 6 else []),
                               check=True, capture_output=True)
            sink = socket.socket(family, socket.SOCK_DGRAM)
            sink.bind((resolver, 53))
        except (OSError, subprocess.CalledProcessError) as exc:
            report["dns_sink_errors"].append(f"{resolver}: {exc}")
            continue

        def serve(sink: socket.socket = sink) -> None:
            while True:
                packet, sender = sink.recvfrom(4096)
                if len(packet) < 12:
                    continue
                report["dns_queries"].append(_question_name(packet))
                sink.sendto(_nxdomain(packet), sender)

        threading.Thread(target=serve, daemon=True).start()


def _die_with_parent() -> None:
    # If a test's timeout kills this wrapper, the command (a UI server, say) must not outlive it.
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _probe(process: subprocess.Popen, url: str, timeout: float) -> dict:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    last = "not tried"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return {"ok": False, "error": f"the server exited with status {process.returncode} before answering"}
        try:
            with opener.open(url, timeout=5) as response:
                body = response.read().decode("utf-8", "replace")
                return {"ok": response.status == 200, "status": response.status, "bytes": len(body), "head": body[:4000]}
        except OSError as exc:
            last = repr(exc)
        time.sleep(0.25)
    return {"ok": False, "error": f"{url} did not answer within {timeout:.0f} s ({last})"}


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # Gradio/uvicorn shut down cleanly on Ctrl-C
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def main(argv: list[str] | None = None) -> int:
    """Inside the namespace: set it up, run the command (or probe it as a server), write the report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", required=True)
    parser.add_argument("--no-netns", action="store_true")
    parser.add_argument("--probe-url")
    parser.add_argument("--probe-timeout", type=float, default=120.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    report: dict = {"netns": not options.no_netns, "dns_queries": [], "dns_sink_errors": [], "no_route": {}}
    if not options.no_netns:
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
        _start_dns_sink(report)
        before = _no_route_counters()
    if options.probe_url:
        process = subprocess.Popen(command, preexec_fn=_die_with_parent)
        report["probe"] = _probe(process, options.probe_url, options.probe_timeout)
        _stop(process)
        returncode = 0 if report["probe"]["ok"] else 1
    else:
        returncode = subprocess.run(command, preexec_fn=_die_with_parent).returncode
    if not options.no_netns:
        time.sleep(0.1)  # let the sink thread log a query that arrived as the command exited
        after = _no_route_counters()
        report["no_route"] = {k: after[k] - before.get(k, 0) for k in after}
    report["returncode"] = returncode
    report["dns_queries"] = list(report["dns_queries"])  # a snapshot: the sink thread may still append
    Path(options.report).write_text(json.dumps(report, indent=2))
    return returncode


if __name__ == "__main__":
    sys.exit(main())
