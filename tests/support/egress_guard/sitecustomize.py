"""Egress guard for test subprocesses: any socket use beyond loopback is refused and recorded.

Put this folder first on PYTHONPATH and set EGRESS_GUARD_LOG to a file; Python then imports this
module at start-up (site.py) and installs an audit hook. Every connect, sendto or name lookup aimed
at a non-loopback host raises PermissionError and appends one JSON line (event, host, port, pid,
command, stack) to the log, so a library that swallows the error still leaves a trace. Child Python
processes inherit the environment and so the guard.

Limitation: audit hooks only see sockets opened through Python's socket module. Native code
(Chroma's Rust core, tokenizers, libcurl) is invisible here; tests/support/netjail.py adds the
OS-level layer (a network namespace) for that.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import sys
import traceback

_LOG = os.environ.get("EGRESS_GUARD_LOG")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_WILDCARDS = {"0.0.0.0", "::"}  # looked up to bind a listener, never a destination of a connect
_INET = (socket.AF_INET, socket.AF_INET6)


def _is_loopback(host: str) -> bool:
    name = host.strip("[]").split("%", 1)[0].rstrip(".").lower()
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def _destination(event: str, args: tuple) -> tuple[str, object] | None:
    """(host, port) an event reaches for, or None when it is not a network destination."""
    if event in ("socket.connect", "socket.sendto"):
        sock, address = args
        if sock.family not in _INET or not isinstance(address, tuple) or not address:
            return None  # AF_UNIX paths, netlink and the like stay on this machine
        host = address[0]
        return (host.decode() if isinstance(host, bytes) else str(host)), address[1] if len(address) > 1 else None
    if event == "socket.getaddrinfo":
        host, port = args[0], args[1]
        if host is None:
            return None
        host = host.decode() if isinstance(host, bytes) else str(host)
        if host == "" or host in _WILDCARDS:
            return None
        return host, port
    if event in ("socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
        return str(args[0]), None
    if event == "socket.getnameinfo":
        return str(args[0][0]), args[0][1] if len(args[0]) > 1 else None
    return None


def _record(event: str, host: str, port: object) -> None:
    entry = {
        "event": event, "host": host, "port": port if isinstance(port, (int, str)) or port is None else repr(port),
        "pid": os.getpid(), "argv": sys.argv[:4],
        "stack": [f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_stack()[-12:-2]],
    }
    # O_APPEND keeps concurrent writers (threads, child processes) from interleaving lines.
    fd = os.open(_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, (json.dumps(entry) + "\n").encode())
    finally:
        os.close(fd)


def _hook(event: str, args: tuple) -> None:
    if not event.startswith("socket."):
        return
    destination = _destination(event, args)
    if destination is None:
        return
    host, port = destination
    if _is_loopback(host):
        return
    _record(event, host, port)
    raise PermissionError(f"egress guard: {event} to {host}:{port} refused (tests allow only 127.0.0.1)")


if _LOG:
    sys.addaudithook(_hook)
