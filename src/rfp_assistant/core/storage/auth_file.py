"""The login file (RFP_AUTH_FILE): one `user:secret` line per user, the secret an Argon2 hash or, for now, plain text."""

from __future__ import annotations

import hmac
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

from rfp_assistant.core.storage.files import write_atomically
from rfp_assistant.errors import ConfigurationError

HASH_PREFIX = "$argon2"
MIN_PASSWORD_CHARS = 8
_hasher = PasswordHasher()
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserEntry:
    """One user line: the name, its secret as stored, and where it is in the file."""

    name: str
    secret: str
    line: int

    @property
    def hashed(self) -> bool:
        """True when the secret is a password hash rather than the password itself."""
        return self.secret.startswith(HASH_PREFIX)


def convert_hint(name: str) -> str:
    """The command that replaces a plain-text password with a hash."""
    return f"`rfp-assistant user add {name}` (or `rfp-assistant user convert` for every plain-text line)"


def hash_password(password: str) -> str:
    """A salted Argon2id hash of `password`, in the encoded form the login file stores."""
    return _hasher.hash(password)


def validate_user_name(name: str) -> str:
    """The name, or a ConfigurationError saying why it cannot be a login name."""
    if not name or name != name.strip():
        raise ConfigurationError("A user name cannot be empty or start or end with spaces.")
    if ":" in name or name.startswith("#") or any(c.isspace() or not c.isprintable() for c in name):
        raise ConfigurationError(f"User name {name!r} is not allowed: a name has no spaces or ':' and does not "
                                 "start with '#'.")
    return name


def validate_password(password: str) -> str:
    """The password, or a ConfigurationError when it is too short to offer any protection."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise ConfigurationError(f"The password must have at least {MIN_PASSWORD_CHARS} characters.")
    if "\n" in password or "\r" in password:
        raise ConfigurationError("The password cannot contain a line break.")
    return password


def read_users(path: Path) -> list[UserEntry]:
    """Every user line in the login file (comments and blank lines skipped); a damaged hash is an error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigurationError(f"RFP_AUTH_FILE {path} does not exist. Create it with "
                                 "`rfp-assistant user add NAME`.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise ConfigurationError(f"RFP_AUTH_FILE {path} cannot be read: {reason}.") from None
    return [_entry(path, number, line) for number, line in enumerate(text.splitlines(), 1) if _is_user_line(line)]


def _is_user_line(line: str) -> bool:
    return ":" in line and not line.lstrip().startswith("#")


def _entry(path: Path, number: int, line: str) -> UserEntry:
    name, secret = (part.strip() for part in line.split(":", 1))
    entry = UserEntry(name=name, secret=secret, line=number)
    if not name or not secret:
        raise ConfigurationError(f"RFP_AUTH_FILE {path} line {number}: a user line needs a name and a password "
                                 "(`name:hash`); add users with `rfp-assistant user add NAME`.")
    if entry.hashed:
        try:
            extract_parameters(secret)
        except InvalidHashError:
            raise ConfigurationError(f"RFP_AUTH_FILE {path} line {number}: the password hash of {name!r} is damaged; "
                                     f"set the password again with `rfp-assistant user add {name}`.") from None
    return entry


def add_user(path: Path, name: str, password: str) -> bool:
    """Write `name` with a hash of `password` (replacing its line if present); True when it replaced one."""
    line = f"{validate_user_name(name)}:{hash_password(validate_password(password))}"
    lines, out, replaced = _lines(path), [], False
    for existing in lines:
        if _is_user_line(existing) and existing.split(":", 1)[0].strip() == name:
            # A name written twice by hand would leave its old password valid; keep only one line.
            if not replaced:
                out.append(line)
            replaced = True
        else:
            out.append(existing)
    _write(path, out if replaced else out + [line])
    return replaced


def remove_user(path: Path, name: str) -> bool:
    """Delete every line of `name`; False when the file has no such user."""
    lines = _lines(path)
    kept = [line for line in lines if not (_is_user_line(line) and line.split(":", 1)[0].strip() == name)]
    if len(kept) == len(lines):
        return False
    _write(path, kept)
    return True


def convert_plain_text(path: Path) -> list[str]:
    """Replace every plain-text password in the file with its hash; returns the names converted."""
    read_users(path)  # refuses a damaged file before anything is rewritten
    lines, converted = _lines(path), []
    for i, line in enumerate(lines):
        if _is_user_line(line):
            name, secret = (part.strip() for part in line.split(":", 1))
            if secret and not secret.startswith(HASH_PREFIX):
                lines[i] = f"{name}:{hash_password(secret)}"
                converted.append(name)
    if converted:
        _write(path, lines)
    return converted


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    read_users(path)  # a file that cannot be read or holds a damaged hash is reported, not overwritten
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str]) -> None:
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600

    def write(tmp: Path) -> None:
        tmp.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        os.chmod(tmp, mode)

    write_atomically(path, write)


class UserFile:
    """Checks passwords against the login file, re-reading it when it changes so `user add/remove` apply at once."""

    def __init__(self, path: Path):
        self.path = path
        self._guard = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._users: dict[str, UserEntry] = {}
        self._dummy = hash_password("not-a-real-password")  # keeps an unknown name as slow as a wrong password
        self.load()

    def load(self) -> list[UserEntry]:
        """(Re)read the file; raise ConfigurationError when it is unreadable or names no user."""
        stamp = self._current_stamp()
        entries = read_users(self.path)
        if not entries:
            raise ConfigurationError(f"RFP_AUTH_FILE {self.path} has no users. Add one with `rfp-assistant user add NAME`.")
        self._install(entries, stamp)
        return entries

    def _install(self, entries: list[UserEntry], stamp: tuple[int, int] | None) -> None:
        with self._guard:
            self._users = {}
            for entry in entries:
                self._users.setdefault(entry.name, entry)
            self._stamp = stamp

    def _current_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def plain_text_users(self) -> list[UserEntry]:
        """Users whose password is still stored in plain text."""
        with self._guard:
            return [entry for entry in self._users.values() if not entry.hashed]

    def verify(self, name: str, password: str) -> bool:
        """True when `password` is the password of `name`."""
        self._reload_if_changed()
        with self._guard:
            entry = self._users.get(name)
        if entry is None:
            _verify_hash(self._dummy, password)
            return False
        if not entry.hashed:
            return hmac.compare_digest(entry.secret.encode(), password.encode())
        return _verify_hash(entry.secret, password)

    def _reload_if_changed(self) -> None:
        stamp = self._current_stamp()
        if stamp == self._stamp:
            return
        try:
            self._install(read_users(self.path), stamp)
        except ConfigurationError as exc:
            # Fail closed: a file that cannot be read any more lets nobody in until it is fixed.
            self._install([], stamp)
            log.error("%s Nobody can log in until it is fixed.", exc)


def _verify_hash(encoded: str, password: str) -> bool:
    try:
        return _hasher.verify(encoded, password)
    except (VerificationError, InvalidHashError):
        return False
