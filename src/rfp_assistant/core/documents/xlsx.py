"""Excel (.xlsx) reader: each sheet a page, each row one line that keeps its column names.

Values are the results Excel saved (data_only): a budget's totals, not its formulas. Rows above the
header (a title) stay as text; a row is "Line item: Tech transfer | Amount (USD): 184,500", cited as
"sheet Budget, row 3".
"""

from __future__ import annotations

import io
import re
import zipfile

from rfp_assistant.core.documents.pages import Page, PageBuilder, short_reason
from rfp_assistant.core.documents.sniff import check_package
from rfp_assistant.core.documents.tables import cell_text, find_header, header_names, render_row
from rfp_assistant.errors import DocumentError, EmptyDocumentError

# Default cap on rows read per sheet (Settings.max_sheet_rows, RFP_MAX_SHEET_ROWS, overrides it).
MAX_SHEET_ROWS = 20_000
_FORMULA_WITHOUT_VALUE = re.compile(rb"<c\b[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")


def read_xlsx(data: bytes, source: str, max_rows: int = MAX_SHEET_ROWS) -> tuple[list[Page], list[str]]:
    """Pages (one per sheet) and warnings of a workbook; refuses a protected, damaged or mislabelled one."""
    import openpyxl

    check_package(data, source, "xlsx", "xl/workbook.xml")
    pages: list[Page] = []
    warnings: list[str] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for number, sheet in enumerate(workbook.worksheets, start=1):
                pages.append(_read_sheet(sheet, number, max_rows, warnings))
        finally:
            workbook.close()
    except DocumentError:
        raise
    except Exception as exc:  # openpyxl raises many types (KeyError, TypeError, lxml errors) on a broken file
        raise DocumentError(source, f"the Excel file is damaged and cannot be read ({short_reason(exc)})") from exc
    if not any(page.locations for page in pages):
        raise EmptyDocumentError(source, "the workbook has no filled cells")
    missing = _formulas_without_values(data)
    if missing:
        warnings.append(f"{missing:,} formula cell(s) have no saved result, so they read as empty; open the file in "
                        "Excel or LibreOffice and save it to store the results")
    return pages, warnings


def _read_sheet(sheet, number: int, max_rows: int, warnings: list[str]) -> Page:
    title = sheet.title
    page = PageBuilder(number, f"sheet {title}")
    page.heading(title)
    if sheet.sheet_state != "visible":
        warnings.append(f"sheet {title} is hidden in the workbook; its rows are indexed like the others")
    declared = sheet.max_row if isinstance(sheet.max_row, int) else None
    sheet.reset_dimensions()  # some writers declare a wrong size; read what is there
    headers: list[str] = []
    read = 0
    for row_number, row in enumerate(sheet.iter_rows(), start=1):
        cells = _cells(row, headers)
        if not any(cells):
            page.blank()
            continue
        if read >= max_rows:
            total = f"{declared:,} rows" if declared and declared > row_number else f"more than {max_rows:,} rows"
            warnings.append(f"sheet {title} has {total}; only the first {max_rows:,} are indexed (RFP_MAX_SHEET_ROWS)")
            break
        read += 1
        if find_header(cells, row_number, headers):
            headers = header_names(cells)
            continue
        page.line(render_row(headers, cells), f"sheet {title}, row {row_number}")
    return page.build()


def _cells(row, headers: list[str]) -> list[str]:
    values = []
    for position, cell in enumerate(row):
        value = getattr(cell, "value", None)
        header = headers[position] if position < len(headers) else ""
        values.append(cell_text(value, getattr(cell, "number_format", "General"), header))
    while values and not values[-1]:
        values.pop()
    return values


def _formulas_without_values(data: bytes) -> int:
    """Formula cells saved without their result (written by a program that does not calculate)."""
    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                count += len(_FORMULA_WITHOUT_VALUE.findall(archive.read(info)))
    return count
