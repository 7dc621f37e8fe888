"""Read a filled bid grid (the .xlsx `draft --format xlsx` writes) into comparison schema v1, cell by cell.

Answers are read exactly and typed like extracted values; each is backed by its cell. An answer that cannot be
read as its field's type leaves the field not stated, with a warning naming the cell.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from rfp_assistant.errors import DocumentError
from rfp_assistant.jobs.extraction.grid_prices import check_prices
from rfp_assistant.jobs.extraction.grid_values import BadAnswer, cell_text, read_answer
from rfp_assistant.schemas.bid_grid import NO_ANSWER, PRICES_SHEET, RESPONSE_SHEET
from rfp_assistant.schemas.proposal import Evidence, FieldResult, ProposalExtraction, field_specs

MAX_ROWS = 2_000  # a grid has one row per field; anything far beyond that is not a grid
MAX_UNPACKED = 200_000_000


def read_bid_grid(path: str | Path, source: str, *, max_bytes: int) -> ProposalExtraction | None:
    """The grid's answers as an extraction; None when the file is not a bid grid (other readers take it)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx" or not path.is_file() or path.stat().st_size > max_bytes:
        return None
    data = path.read_bytes()
    book = _open(data)
    if book is None:
        return None
    try:
        sheets = {name.strip().lower(): book[name] for name in book.sheetnames}
        response = sheets.get(RESPONSE_SHEET.lower())
        if response is None:
            return None
        rows = _table(response, ("key", "answer"))
        if rows is None:
            raise DocumentError(source, f"the sheet '{RESPONSE_SHEET}' has no header row with the columns key and "
                                        "answer; return the bid grid with its columns as issued")
        prices = sheets.get(PRICES_SHEET.lower())
        price_rows = _table(prices, ("item",)) if prices is not None else None
    except DocumentError:
        raise
    except Exception as exc:  # openpyxl raises many types on a damaged sheet
        raise DocumentError(source, f"the bid grid is damaged and cannot be read ({type(exc).__name__})") from exc
    finally:
        book.close()
    fields, warnings = _answers(rows)
    if price_rows:
        warnings += check_prices(price_rows, fields)
    return ProposalExtraction(source=source, pages=1, mode="offline", fields=fields, warnings=warnings)


def _open(data: bytes):
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                return None  # the document loader refuses it in plain words
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # not a workbook: the document loader says what it is
        return None


Row = dict[str, tuple[Any, str]]  # column name -> (cell value, cell address)


def _table(sheet, required: tuple[str, ...]) -> list[Row] | None:
    """Rows under the first header row that has the `required` columns (within the first ten rows)."""
    sheet.reset_dimensions()  # some writers declare a wrong size; read what is there
    columns: dict[int, str] | None = None
    rows: list[Row] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True, max_row=MAX_ROWS), start=1):
        if columns is None:
            names = {i: cell_text(v).lower() for i, v in enumerate(values) if cell_text(v)}
            if all(name in names.values() for name in required):
                columns = names
            elif number >= 10:
                return None
            continue
        row = {name: (values[i] if i < len(values) else None, f"{get_column_letter(i + 1)}{number}")
               for i, name in columns.items()}
        if any(cell_text(value) for value, _ in row.values()):
            rows.append(row)
    return rows if columns is not None else None


def _answers(rows: list[Row]) -> tuple[dict[str, FieldResult], list[str]]:
    specs = field_specs()
    seen: dict[str, list[tuple[Any, Evidence]]] = {}
    warnings: list[str] = []
    for row in rows:
        key_value, key_cell = row["key"]
        key = cell_text(key_value)
        if not key:
            continue
        spec = specs.get(key)
        if spec is None:
            warnings.append(f"Bid grid cell {key_cell}: '{key}' is not a field of the comparison schema; the row "
                            "is ignored.")
            continue
        raw, cell = row["answer"]
        text = cell_text(raw)
        comment, comment_cell = row.get("comment", (None, ""))
        if cell_text(comment):
            warnings.append(f"Comment on {spec.label} ({comment_cell}): {cell_text(comment)}")
        if not text or text.lower() in NO_ANSWER:
            continue
        try:
            value = read_answer(spec, raw, row.get("currency", (None, ""))[0])
        except BadAnswer as exc:
            warnings.append(f"Bid grid cell {cell} ({spec.label}): {exc}; the field is left as not stated.")
            continue
        seen.setdefault(key, []).append((value, Evidence(page=1, cell=cell, quote=text)))
    fields = {}
    for key in specs:
        answers = seen.get(key, [])
        values = list(dict.fromkeys(repr(v) for v, _ in answers))
        if not answers:
            fields[key] = FieldResult()
        elif len(values) == 1:
            fields[key] = FieldResult(value=answers[0][0], status="stated", evidence=[e for _, e in answers],
                                      confidence=1.0)
        else:
            cells = ", ".join(e.cell for _, e in answers)
            warnings.append(f"{specs[key].label} is answered differently in cells {cells}.")
            distinct = {repr(v): v for v, _ in answers}
            fields[key] = FieldResult(status="conflicting", evidence=[e for _, e in answers], confidence=1.0,
                                      candidates=list(distinct.values()))
    missing = [key for key in specs if not any(cell_text(r["key"][0]) == key for r in rows)]
    if missing:
        warnings.append(f"The bid grid has no row for {', '.join(missing)}; those fields are not stated.")
    return fields, warnings
