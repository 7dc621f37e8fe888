"""Gradio wiring for the login: the caller's address, throttled password checks, and no open bind without a login."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import socket
from contextvars import ContextVar

from fastapi import HTTPException
from starlette.middleware import Middleware

from rfp_assistant.config import Settings
from rfp_assistant.core.access.throttle import MAX_USER_FAILURES, LoginThrottle
from rfp_assistant.core.storage.auth_file import UserFile, convert_hint
from rfp_assistant.errors import ConfigurationError

log = logging.getLogger(__name__)
_client_address: ContextVar[str] = ContextVar("client_address", default="unknown")


class ClientAddressMiddleware:
    """ASGI middleware that makes the caller's address known to the login check (Gradio passes it only the form)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        client = scope.get("client") if scope["type"] == "http" else None
        token = _client_address.set(client[0] if client else "unknown")
        try:
            await self.app(scope, receive, send)
        finally:
            _client_address.reset(token)


class LoginGate:
    """Refuses locked-out users and addresses unchecked, else checks the password file.

    `check` is handed to Gradio as `auth=`; it must stay a coroutine *method*: Gradio awaits only what
    `inspect.iscoroutinefunction` recognises, and would take an un-awaited coroutine as a successful login.
    """

    def __init__(self, users: UserFile, throttle: LoginThrottle):
        self.users = users
        self.throttle = throttle

    async def check(self, username: str, password: str) -> bool:
        """True when the password is right; a locked-out user or address gets an HTTP 400 saying so, unchecked."""
        address = _client_address.get()
        refusal = self.throttle.admit(username, address)
        if refusal is not None:
            wait = math.ceil(refusal.retry_after_s)
            # 400 like a wrong password: Gradio's login page shows nothing at all for any other status.
            raise HTTPException(status_code=400, headers={"Retry-After": str(wait)}, detail=(
                f"Too many failed logins for this {refusal.locked}; login is paused. Try again in {wait} s."))
        ok = False
        try:
            # An Argon2 check takes a fifth of a second of CPU; off the event loop, other users are not stalled.
            ok = await asyncio.to_thread(self.users.verify, username, password)
        finally:
            self.throttle.settle(username, address, ok)
        return ok

    def message(self) -> str:
        """The note shown on the login page."""
        return (f"After {MAX_USER_FAILURES} failed logins, login for that user is paused for "
                f"{_duration(self.throttle.lockout_s)}.")


def login_gate(settings: Settings) -> LoginGate | None:
    """The login check for RFP_AUTH_FILE, or None when no login is configured; warns about plain-text passwords."""
    if settings.auth_file is None:
        return None
    users = UserFile(settings.auth_file)
    for entry in users.plain_text_users():
        log.warning("RFP_AUTH_FILE %s line %d: the password of %r is stored in plain text; replace it with a hash "
                    "with %s.", settings.auth_file, entry.line, entry.name, convert_hint(entry.name))
    return LoginGate(users, LoginThrottle(settings.login_lockout_s))


def login_middleware() -> list[Middleware]:
    """Middleware to pass to the FastAPI app Gradio builds (`app_kwargs={"middleware": ...}`)."""
    return [Middleware(ClientAddressMiddleware)]


def check_open_bind(host: str, port: int, settings: Settings, allow_open: bool) -> None:
    """Refuse to serve beyond this machine without a login, unless the caller explicitly allows it."""
    if settings.auth_file is not None or is_loopback(host):
        return
    if not allow_open:
        raise ConfigurationError(
            f"Refusing to start: --host {host} would let anyone who can reach this machine on port {port} open "
            "every workspace without a login. Set RFP_AUTH_FILE to a users file (create it with "
            "`rfp-assistant user add NAME`), or leave out --host to serve on 127.0.0.1 only, or add --allow-open "
            "if everyone on this network may see the proposals."
        )
    log.warning("Serving on %s:%s with NO login (--allow-open): anyone who can reach this machine can use the UI.",
                host, port)


def is_loopback(host: str) -> bool:
    """True when `host` names this machine only (127.0.0.0/8, ::1, localhost); unknown names count as open."""
    name = host.strip().strip("[]")
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        pass
    try:
        found = {info[4][0].split("%")[0] for info in socket.getaddrinfo(name, None)}
    except OSError:
        return False
    return bool(found) and all(ipaddress.ip_address(a).is_loopback for a in found)


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:.0f} seconds"
