"""Check that a file's content matches its name before a reader opens it."""

from __future__ import annotations

from rfp_assistant.errors import UnsupportedDocumentError


def sniff_mismatch(data: bytes, source: str, expected: str) -> None:
    """Refuse, in plain words, a file whose bytes are not what its extension says."""
    head = data[:1024]
    kinds = {
        "pdf": head.lstrip().startswith(b"%PDF-") or b"%PDF-" in head,
        "zip": head.startswith(b"PK\x03\x04"),
    }
    if expected == "pdf" and not kinds["pdf"]:
        actual = _describe(head)
        raise UnsupportedDocumentError(source, f"the name says PDF but the content is {actual}")
    if expected == "docx" and not kinds["zip"]:
        actual = _describe(head)
        raise UnsupportedDocumentError(source, f"the name says Word (.docx) but the content is {actual}")
    if expected == "text" and (kinds["pdf"] or kinds["zip"] or b"\x00" in head):
        actual = _describe(head)
        raise UnsupportedDocumentError(source, f"the name says text but the content is {actual}")


def _describe(head: bytes) -> str:
    if head.lstrip().startswith(b"%PDF-"):
        return "a PDF"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive (perhaps a Word or Excel file)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Microsoft Office file (.doc/.xls); save it as .docx or PDF"
    if head[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"GIF8"):
        return "an image; run OCR or export it as a PDF with a text layer"
    if b"\x00" in head:
        return "binary data"
    return "plain text"
