"""Encrypted PDFs: a user password (RC4, AES-128, AES-256) is refused in plain words naming the file; a PDF
with only an owner password (permissions, e.g. "no printing") loads like any other."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from rfp_assistant.core.documents import load_document
from rfp_assistant.errors import EncryptedDocumentError
from support.hostile_pdfs import build_pdf, text_ops

ALGORITHMS = ["RC4-40", "RC4-128", "AES-128", "AES-256-R5", "AES-256"]
TEXT = ["Northfield Biologics proposal", "Total price: USD 4,850,000 for the proposed scope."]


def encrypted_pdf(folder: Path, algorithm: str, user_password: str) -> Path:
    """A one-page text PDF encrypted by pypdf itself with `algorithm`; an empty user password means owner-only."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf([text_ops(TEXT)]))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm,
                   permissions_flag=0)  # nothing permitted: printing, copying, editing all denied
    kind = "locked" if user_password else "permissions-only"
    path = folder / f"{kind}-{algorithm}.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert PdfReader(path).is_encrypted
    return path


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_pdf_with_a_user_password_is_refused_naming_the_file(tmp_path, algorithm):
    path = encrypted_pdf(tmp_path, algorithm, "open-sesame")
    with pytest.raises(EncryptedDocumentError) as refused:
        load_document(path, max_bytes=10_000_000)
    message = str(refused.value)
    assert message == f"{path.name}: the PDF is password-protected; remove the password and upload it again"


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_pdf_with_only_an_owner_password_loads(tmp_path, algorithm):
    document = load_document(encrypted_pdf(tmp_path, algorithm, ""), max_bytes=10_000_000)
    assert document.page_count == 1
    assert "Total price: USD 4,850,000" in document.pages[0].text


def test_extract_reports_the_locked_file_and_reads_the_others(tmp_path, cli_env):
    locked = encrypted_pdf(tmp_path, "AES-256", "open-sesame")
    readable = encrypted_pdf(tmp_path, "AES-128", "")
    done = subprocess.run([sys.executable, "-m", "rfp_assistant", "extract", str(locked), str(readable), "--json"],
                          env=cli_env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    first, second = json.loads(done.stdout)
    assert first["source"] == locked.name and "password-protected" in first["error"]
    assert second["error"] is None and second["fields"]["total_price"]["value"] == {"amount": 4850000.0,
                                                                                      "currency": "USD"}


# Run in a child process that cannot import `cryptography`, as on an install that lacks it.
WITHOUT_CRYPTOGRAPHY = """
import sys
sys.modules["cryptography"] = None
from rfp_assistant.core.documents import load_document
from rfp_assistant.errors import DocumentError
for name in sys.argv[1:]:
    try:
        load_document(name, max_bytes=10_000_000)
        print("loaded")
    except DocumentError as exc:
        print(exc)
"""


def test_without_the_crypto_package_an_aes_pdf_is_refused_in_plain_words(tmp_path):
    files = [encrypted_pdf(tmp_path, "AES-256", ""), encrypted_pdf(tmp_path, "AES-128", ""),
             encrypted_pdf(tmp_path, "RC4-128", "")]
    done = subprocess.run([sys.executable, "-c", WITHOUT_CRYPTOGRAPHY, *map(str, files)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    aes256, aes128, rc4 = done.stdout.splitlines()
    for line, path in ((aes256, files[0]), (aes128, files[1])):
        assert line.startswith(f"{path.name}: the PDF is AES-encrypted") and "pip install 'pypdf[crypto]'" in line
    assert rc4 == "loaded"  # pypdf decrypts RC4 on its own


def test_the_package_declares_the_crypto_extra():
    from importlib.metadata import requires

    assert any(r.replace(" ", "").startswith("pypdf[crypto]") for r in requires("rfp-assistant"))
