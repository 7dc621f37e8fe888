"""E-mail (.eml) reader: who wrote to whom, when, about what, and the body; attachments handed back.

The headers become one line ("From: ... | To: ... | Date: ..."), the subject is the heading, the body
is the plain-text part (or the HTML part's main text). Attachments are returned as (name, bytes) for
the loader to read as documents of their own ("mail.eml / budget.xlsx").
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from rfp_assistant.core.documents.html import html_into
from rfp_assistant.core.documents.pages import Page, PageBuilder, clean_text
from rfp_assistant.core.documents.sniff import sniff_mismatch
from rfp_assistant.errors import UnsupportedDocumentError

# The subject is the page's heading (so every passage of the mail carries it), not part of this line.
HEADERS = ("From", "To", "Cc", "Date")


def read_eml(data: bytes, source: str) -> tuple[list[Page], list[str], list[tuple[str, bytes]]]:
    """One page (headers and body), warnings, and the attachments as (file name, bytes)."""
    sniff_mismatch(data, source, "eml")
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not any(message.get(h) for h in ("From", "To", "Subject", "Date")):
        raise UnsupportedDocumentError(source, "the name says e-mail (.eml) but the file has no mail headers "
                                               "(From, To, Subject); save the message from the mail program again")
    page = PageBuilder(1)
    subject = _header(message, "Subject")
    page.heading(subject or "(no subject)")
    page.line(" | ".join(f"{h}: {v}" for h in HEADERS if (v := _header(message, h))))
    page.blank()
    warnings: list[str] = []
    body = _body(message)
    if body is not None:
        content = _content(body)
        if body.get_content_type() == "text/html":
            warnings += html_into(content, page, title=False)
        else:
            for line in clean_text(content).split("\n"):
                if line.strip():
                    page.line(line)
                else:
                    page.blank()
    attachments: list[tuple[str, bytes]] = []
    for part in message.iter_attachments():
        found = _attachment(part, len(attachments) + 1)
        if found is None:
            continue
        attachments.append(found)
    return [page.build()], warnings, attachments


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = str(message.get(name) or "")
    except (ValueError, IndexError, TypeError, AttributeError):  # a malformed header the policy cannot parse
        value = next((str(v) for k, v in message.raw_items() if k.lower() == name.lower()), "")
    return " ".join(value.split())


def _body(message: EmailMessage):
    try:
        return message.get_body(preferencelist=("plain", "html"))
    except (KeyError, ValueError):
        return None


def _content(part) -> str:
    try:
        content = part.get_content()
        return content if isinstance(content, str) else content.decode("utf-8", "replace")
    except (LookupError, ValueError, AttributeError):  # unknown charset or broken transfer encoding
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace")


def _attachment(part, position: int) -> tuple[str, bytes] | None:
    """(file name, bytes) of an attachment; a forwarded message becomes an .eml of its own."""
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if not hasattr(inner, "as_bytes"):
            return None
        subject = " ".join(str(inner.get("Subject", "") or "").split())
        name = _safe_name(subject or f"forwarded message {position}") + ".eml"
        return name, inner.as_bytes(policy=email.policy.default)
    name = part.get_filename()
    if not name:
        return None  # an inline image or a signature without a name: nothing a person would call an attachment
    payload = part.get_payload(decode=True)
    return (_safe_name(name), payload) if payload else None


def _safe_name(name: str) -> str:
    """A file name without folders or control characters (names come from the sender)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip(" .")
    return name[:120] or "attachment"
