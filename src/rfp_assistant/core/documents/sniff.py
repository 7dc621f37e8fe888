"""Check that a file's content matches its name before a reader opens it."""

from __future__ import annotations

import io
import zipfile

from rfp_assistant.errors import DocumentError, EncryptedDocumentError, UnsupportedDocumentError

OLE = b"\xd0\xcf\x11\xe0"
# An encrypted Office file is an OLE container holding this stream (its name is stored in UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_OFFICE = {"docx": ("Word (.docx)", "Word"), "xlsx": ("Excel (.xlsx)", "Excel"), "pptx": ("PowerPoint (.pptx)", "PowerPoint")}
# Unpacked, an Office file is rarely more than a few hundred MB; past this it is a decompression bomb.
MAX_UNPACKED_BYTES = 1_500_000_000
_TEXTUAL = {"text": "text", "csv": "CSV", "html": "HTML", "eml": "e-mail (.eml)"}


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
    if expected in _OFFICE and not kinds["zip"]:
        name, program = _OFFICE[expected]
        if head.startswith(OLE) and _ENCRYPTED_PACKAGE in data:
            raise EncryptedDocumentError(
                source, f"the {program} file is password-protected; open it in {program}, remove the password "
                        "(File > Info > Protect) and save it again")
        actual = _describe(head) if expected == "docx" else _describe(head, advice=False)
        if head.startswith(OLE) and expected != "docx":
            actual += f"; save it as {name.split()[-1].strip('()')}"
        raise UnsupportedDocumentError(source, f"the name says {name} but the content is {actual}")
    if expected in _TEXTUAL and (kinds["pdf"] or kinds["zip"] or b"\x00" in head or head.startswith(OLE)
                                 or (expected != "text" and _mostly_control(head))):
        actual = _describe(head)
        raise UnsupportedDocumentError(source, f"the name says {_TEXTUAL[expected]} but the content is {actual}")


def from_utf16(data: bytes) -> bytes:
    """A UTF-16 text file (Excel's "Unicode text", some saved web pages) as UTF-8; other bytes unchanged."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


def check_package(data: bytes, source: str, expected: str, part: str) -> None:
    """Refuse an Office file that is mislabelled, encrypted, damaged, lacks `part`, or unpacks to an absurd size."""
    sniff_mismatch(data, source, expected)
    name, program = _OFFICE[expected]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(source, f"the {program} file is damaged or incomplete (not a whole Office package) "
                                    "and cannot be read") from exc
    if part not in names:
        raise UnsupportedDocumentError(source, f"the name says {name} but the archive holds no {program} content")
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(source, f"the {program} file unpacks to {unpacked / 1e9:.0f} GB, far more than a real "
                                    "document; it is not read")


def _mostly_control(head: bytes) -> bool:
    """Binary data that happens to hold no zero byte: many control characters that text never has."""
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.05


def _describe(head: bytes, advice: bool = True) -> str:
    if head.lstrip().startswith(b"%PDF-"):
        return "a PDF"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive (perhaps a Word or Excel file)"
    if head.startswith(OLE):
        return "an old Microsoft Office file (.doc/.xls)" + ("; save it as .docx or PDF" if advice else "")
    if head[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"GIF8"):
        return "an image; run OCR or export it as a PDF with a text layer"
    if b"\x00" in head or _mostly_control(head):
        return "binary data"
    return "plain text"
