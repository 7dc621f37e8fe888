"""`rfp-assistant user add|remove|list|convert`: manage the web UI's login file (RFP_AUTH_FILE), thin over core."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Optional

import typer

from rfp_assistant.core.storage.auth_file import (
    add_user, convert_hint, convert_plain_text, read_users, remove_user, validate_password, validate_user_name,
)
from rfp_assistant.errors import ConfigurationError

users_app = typer.Typer(
    no_args_is_help=True, help="Manage who may log in to the web UI (the RFP_AUTH_FILE users file).",
)
FileOpt = typer.Option(None, "--file", help="Users file; default RFP_AUTH_FILE.")


def _users_file(ctx: typer.Context, override: Path | None) -> Path:
    path = override or ctx.obj.auth_file
    if path is None:
        raise ConfigurationError("No users file: set RFP_AUTH_FILE (for example "
                                 "export RFP_AUTH_FILE=~/.config/rfp-assistant/users) or pass --file PATH.")
    return path.expanduser()


def _read_password() -> str:
    """From a hidden prompt asked twice on a terminal, or the first line of standard input when piped."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        validate_password(first)
        if getpass.getpass("Password again: ") != first:
            raise ConfigurationError("The two passwords differ; nothing was changed.")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ConfigurationError("No password on standard input; nothing was changed.")
    return line


@users_app.command("add")
def add(ctx: typer.Context, name: str = typer.Argument(..., help="Login name."), file: Optional[Path] = FileOpt):
    """Add a user, or set a new password for one; the password is read from a prompt or standard input."""
    path = _users_file(ctx, file)
    validate_user_name(name)
    password = _read_password()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    replaced = add_user(path, name, password)
    verb = "Changed the password of" if replaced else "Added"
    typer.echo(f"{verb} {name} in {path} (stored as a salted Argon2 hash).")


@users_app.command("remove")
def remove(ctx: typer.Context, name: str = typer.Argument(..., help="Login name."), file: Optional[Path] = FileOpt):
    """Remove a user; a UI that is running stops accepting their password at once."""
    path = _users_file(ctx, file)
    if not path.exists() or not remove_user(path, name):
        raise ConfigurationError(f"No user {name!r} in {path} (see `rfp-assistant user list`).")
    typer.echo(f"Removed {name} from {path}.")
    if not read_users(path):
        typer.echo("No users are left: the UI will not start with this file until you add one.", err=True)


@users_app.command("list")
def list_users(ctx: typer.Context, file: Optional[Path] = FileOpt):
    """List the users, and flag any whose password is still stored in plain text."""
    path = _users_file(ctx, file)
    for entry in read_users(path):
        note = "" if entry.hashed else f"   (plain-text password: convert it with {convert_hint(entry.name)})"
        typer.echo(f"{entry.name}{note}")


@users_app.command("convert")
def convert(ctx: typer.Context, file: Optional[Path] = FileOpt):
    """Replace every plain-text password in the users file with its salted hash (the passwords stay the same)."""
    path = _users_file(ctx, file)
    names = convert_plain_text(path)
    if names:
        typer.echo(f"Hashed the plain-text password of {', '.join(names)} in {path}.")
    else:
        typer.echo(f"Every password in {path} is already hashed.")
