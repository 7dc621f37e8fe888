"""Login throttle: after a few failed logins for one user or from one address, further tries are refused for a while."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

log = logging.getLogger(__name__)

MAX_USER_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
_PRUNE_ABOVE = 10_000
_LOG_EVERY_S = 1.0  # a guessing script makes hundreds of refused tries a second; one line a second counts them all


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused unchecked (`user` or `address` is locked out) and for how many more seconds."""

    locked: str
    retry_after_s: float


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)
    in_flight: int = 0
    locked_until: float = 0.0
    unlogged: int = 0
    last_logged: float = float("-inf")
    last_unlogged: tuple[str, str, str] = ("", "", "")


class LoginThrottle:
    """Counts failed logins per user name and per address within a window; a key that reaches its limit is locked out.

    A lockout lasts `lockout_s` seconds; while it lasts, attempts are refused without checking the password (so
    the right password is refused too), and when it ends the count starts again from zero. Attempts being checked
    count against the limit already, so a burst of parallel guesses gets no more tries than a sequence.
    """

    def __init__(self, lockout_s: float, max_user_failures: int = MAX_USER_FAILURES,
                 max_address_failures: int = MAX_ADDRESS_FAILURES, clock: Callable[[], float] = time.monotonic):
        self.lockout_s = lockout_s
        self._limits = {"user": max_user_failures, "address": max_address_failures}
        self._clock = clock
        self._records: dict[tuple[str, str], _Record] = {}
        self._guard = threading.Lock()

    def admit(self, user: str, address: str) -> Refusal | None:
        """None when this attempt may be checked (then call `settle`); otherwise a Refusal, which is logged."""
        with self._guard:
            now = self._clock()
            refusal = None
            for key in self._keys(user, address):
                record = self._fresh(key, now)
                if record.locked_until > now:
                    refusal = Refusal(key[0], record.locked_until - now)
                elif len(record.failures) + record.in_flight >= self._limits[key[0]]:
                    refusal = Refusal(key[0], 1.0)  # the allowance is taken by attempts still being checked
                if refusal:
                    self._log_refusal(record, refusal, user, address, now)
                    return refusal
            for key in self._keys(user, address):
                self._records[key].in_flight += 1
        return None

    def _log_refusal(self, record: _Record, refusal: Refusal, user: str, address: str, now: float) -> None:
        record.unlogged += 1
        if now - record.last_logged < _LOG_EVERY_S:
            record.last_unlogged = (_shown(user), address, _now())
            return
        log.warning("Login refused unchecked for user %s from %s at %s: too many failed logins for this %s, paused "
                    "%.0f s more (%d refused since the last such line, this one included).", _shown(user), address,
                    _now(), refusal.locked, refusal.retry_after_s, record.unlogged)
        record.unlogged, record.last_logged = 0, now

    def settle(self, user: str, address: str, ok: bool) -> None:
        """Record how an admitted attempt ended; a failure may start a lockout, a success clears the user's count."""
        lockouts = []
        with self._guard:
            now = self._clock()
            for key in self._keys(user, address):
                record = self._fresh(key, now)
                record.in_flight = max(0, record.in_flight - 1)
                if ok:
                    if key[0] == "user":
                        record.failures.clear()
                    continue
                record.failures.append(now)
                if len(record.failures) >= self._limits[key[0]]:
                    record.locked_until = now + self.lockout_s
                    lockouts.append((key[0], len(record.failures)))
            if len(self._records) > _PRUNE_ABOVE:
                self._prune(now)
        if not ok:
            log.warning("Login refused for user %s from %s at %s: wrong password or unknown user.",
                        _shown(user), address, _now())
        for kind, count in lockouts:
            log.warning("Login locked out for %.0f s for this %s after %d failed logins: user %s from %s at %s.",
                        self.lockout_s, kind, count, _shown(user), address, _now())

    def _keys(self, user: str, address: str) -> list[tuple[str, str]]:
        return [("user", user), ("address", address)]

    def _fresh(self, key: tuple[str, str], now: float) -> _Record:
        record = self._records.setdefault(key, _Record())
        if record.locked_until and record.locked_until <= now:
            record.locked_until = 0.0
            record.failures.clear()
        if record.unlogged and not record.locked_until and now - record.last_logged >= _LOG_EVERY_S:
            user, address, when = record.last_unlogged
            log.warning("Login refused unchecked %d more time(s) while this %s was paused; the last for user %s "
                        "from %s at %s.", record.unlogged, key[0], user, address, when)
            record.unlogged = 0
        record.failures = [t for t in record.failures if now - t < self.lockout_s]
        return record

    def _prune(self, now: float) -> None:
        # Guesses at many invented user names must not grow memory without bound.
        for key in list(self._records):
            record = self._fresh(key, now)
            if not (record.failures or record.in_flight or record.locked_until or record.unlogged):
                del self._records[key]


def _shown(user: str) -> str:
    # repr() escapes control characters, so a crafted name cannot forge extra log lines.
    return repr(user[:64])


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
