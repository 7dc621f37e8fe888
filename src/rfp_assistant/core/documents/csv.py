"""CSV reader: delimiter and encoding sniffed, the header row read as column names, each row one line.

A row becomes "Risk: CDMO slot slips | Owner: Supply chain | Score: 12", cited as "row 3" (the line
number a spreadsheet shows, the header being row 1). The whole file is one page.
"""

from __future__ import annotations

import csv
import io

from rfp_assistant.core.documents.pages import Page, PageBuilder
from rfp_assistant.core.documents.sniff import from_utf16, sniff_mismatch
from rfp_assistant.core.documents.tables import find_header, header_names, render_row
from rfp_assistant.errors import DocumentError, EmptyDocumentError

DELIMITERS = ",;\t|"
SNIFF_CHARS = 20_000
# Cells above Python's default field limit are refused by csv; a real export's notes can be long.
FIELD_LIMIT = 10_000_000


def read_csv(data: bytes, source: str, max_rows: int) -> tuple[list[Page], list[str]]:
    """One page of rows and the warnings; refuses binary data named .csv."""
    data = from_utf16(data)
    sniff_mismatch(data, source, "csv")
    text, encoding = _decode(data)
    warnings = [] if encoding.startswith("utf-8") else ["the file is not UTF-8; it was read as Windows-1252"]
    if not text.strip():
        raise EmptyDocumentError(source, "the file is empty")
    dialect = _dialect(text)
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    page = PageBuilder(1)
    headers: list[str] = []
    read = 0
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for row_number, row in enumerate(reader, start=1):
            cells = [" ".join(cell.split()) for cell in row]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                page.blank()
                continue
            if read >= max_rows:
                rest = sum(1 for _ in reader) + 1
                warnings.append(f"the file has {read + rest:,} rows; only the first {max_rows:,} are indexed "
                                "(RFP_MAX_SHEET_ROWS)")
                break
            read += 1
            if find_header(cells, row_number, headers):
                headers = header_names(cells)
                continue
            page.line(render_row(headers, cells), f"row {row_number}")
    except csv.Error as exc:
        raise DocumentError(source, f"the CSV file is malformed near line {reader.line_num} ({exc})") from exc
    return [page.build()], warnings


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace"), "cp1252"


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:SNIFF_CHARS]
    if len(sample) == SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rfind("\n")]  # a cut line would mislead the sniffer
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        # One column, or too irregular to sniff: the most frequent candidate on the first line, else a comma.
        first = sample.split("\n", 1)[0]
        best = max(DELIMITERS, key=first.count)
        return type("Sniffed", (csv.excel,), {"delimiter": best if first.count(best) else ","})
