"""The bid grid: the vendor response form as a workbook vendors fill in and return, read back exactly by `compare`."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.jobs.drafting import render as R
from rfp_assistant.schemas.bid_grid import (
    PRICE_COLUMNS,
    PRICES_SHEET,
    RESPONSE_COLUMNS,
    RESPONSE_SHEET,
    YES_NO,
    allowed_values,
    type_label,
)
from rfp_assistant.schemas.brief import RfpDraft
from rfp_assistant.schemas.proposal import FieldSpec, field_specs

HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells the vendor fills
UNUSED_FILL = PatternFill("solid", fgColor="EDEDED")
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Common ISO 4217 codes offered in the currency drop-down; any other three-letter code is still accepted.
CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "CNY", "INR", "KRW", "SGD", "SEK", "DKK", "NOK")
RESPONSE_WIDTHS = (30, 26, 48, 22, 36, 40, 10, 40)
PRICE_WIDTHS = (44, 10, 16, 10, 10, 44)
BLANK_PRICE_ROWS = 12


def write_bid_grid(draft: RfpDraft, path: str | Path) -> None:
    """A workbook with the sheets `Response form` (one row per schema key) and `Prices`, plus instructions."""
    book = Workbook()
    _response_sheet(book.active)
    _prices_sheet(book.create_sheet(PRICES_SHEET), draft)
    _instructions_sheet(book.create_sheet("Instructions"), draft)
    book.properties.title = f"Bid grid — {draft.title}"
    book.save(str(path))


def _response_sheet(sheet) -> None:
    sheet.title = RESPONSE_SHEET
    _header(sheet, RESPONSE_COLUMNS, RESPONSE_WIDTHS)
    answer, currency, comment = (RESPONSE_COLUMNS.index(c) + 1 for c in ("answer", "currency", "comment"))
    for row, spec in enumerate(field_specs().values(), start=2):
        # The format says more than the type column only for lists such as "list of City, Country".
        question = spec.question + (f" ({spec.format})" if spec.format not in ("text", "list") and
                                    spec.type in ("string", "list_string") else "")
        values = allowed_values(spec)
        sheet.append([spec.key, spec.label, question, type_label(spec), "; ".join(values)])
        for column in range(1, len(RESPONSE_COLUMNS) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.alignment, cell.border = WRAP, BOX
        for column in (answer, comment):
            sheet.cell(row=row, column=column).fill = ANSWER_FILL
        target = sheet.cell(row=row, column=answer)
        _validate(sheet, target.coordinate, spec, values)
        money_cell = sheet.cell(row=row, column=currency)
        if spec.type == "money":
            money_cell.fill = ANSWER_FILL
            _list_rule(sheet, money_cell.coordinate, CURRENCIES, "Currency",
                       "The ISO 4217 code of the amount (USD, EUR, …).", strict=False)
        else:
            money_cell.fill = UNUSED_FILL
        if spec.type == "date":
            target.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(RESPONSE_COLUMNS))}{sheet.max_row}"


def _validate(sheet, coordinate: str, spec: FieldSpec, values: list[str]) -> None:
    """Excel's own check on the answer cell, with the question shown as the cell's prompt."""
    prompt = spec.question[:250]
    if spec.type in ("enum", "bool"):
        _list_rule(sheet, coordinate, values, spec.label, prompt, strict=True)
        return
    if spec.type in ("int", "number", "money"):
        rule = DataValidation(type="whole" if spec.type == "int" else "decimal", operator="greaterThanOrEqual",
                              formula1="0", allow_blank=True)
        rule.error = "Enter a number (no units or currency; the currency goes in its own column)."
    elif spec.type == "date":
        rule = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                              formula2="DATE(2100,12,31)", allow_blank=True)
        rule.error = "Enter a date as YYYY-MM-DD."
    else:
        rule = DataValidation(allow_blank=True)  # no check, only the prompt
    _add(sheet, rule, coordinate, spec.label, prompt)


def _list_rule(sheet, coordinate: str, values, title: str, prompt: str, *, strict: bool) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    rule.error = "Choose one of: " + ", ".join(values)
    rule.errorStyle = "stop" if strict else "warning"
    _add(sheet, rule, coordinate, title, prompt)


def _add(sheet, rule: DataValidation, coordinate: str, title: str, prompt: str) -> None:
    rule.showErrorMessage = rule.type is not None
    rule.errorTitle = title[:32]
    rule.promptTitle, rule.prompt, rule.showInputMessage = title[:32], prompt, True
    sheet.add_data_validation(rule)
    rule.add(coordinate)


def _prices_sheet(sheet, draft: RfpDraft) -> None:
    _header(sheet, PRICE_COLUMNS, PRICE_WIDTHS)
    items = _line_items(draft)
    optional = PRICE_COLUMNS.index("optional") + 1
    rule = DataValidation(type="list", formula1='"' + ",".join(YES_NO) + '"', allow_blank=True)
    rule.error, rule.showErrorMessage = "Answer yes or no.", True
    rule.prompt, rule.showInputMessage = "yes: an option outside the base scope (not in the total price).", True
    sheet.add_data_validation(rule)
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    numbers.error, numbers.showErrorMessage = "Enter a number.", True
    sheet.add_data_validation(numbers)
    currency = DataValidation(type="list", formula1='"' + ",".join(CURRENCIES) + '"', allow_blank=True)
    currency.errorStyle, currency.showErrorMessage = "warning", True
    sheet.add_data_validation(currency)
    for row in range(2, 2 + len(items) + BLANK_PRICE_ROWS):
        item, quantity = items[row - 2] if row - 2 < len(items) else ("", None)
        sheet.append([item, quantity])
        for column in range(1, len(PRICE_COLUMNS) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.alignment, cell.border = WRAP, BOX
            if column > 1 or not item:
                cell.fill = ANSWER_FILL
        numbers.add(f"B{row}")
        numbers.add(f"C{row}")
        currency.add(f"D{row}")
        rule.add(sheet.cell(row=row, column=optional).coordinate)
    sheet.freeze_panes = "A2"


def _line_items(draft: RfpDraft) -> list[tuple[str, int | None]]:
    """The brief's requested services as line items; GMP batches carry the brief's count."""
    brief = draft.brief
    items: list[tuple[str, int | None]] = []
    for service in brief.value("services", []):
        label = T.SERVICE_LABELS.get(service, service.replace("_", " "))
        if service in ("clinical_manufacturing", "commercial_manufacturing") and brief.stated("batches"):
            scale = f" at {R.liters(brief.value('scale_l'))}" if brief.stated("scale_l") else ""
            items.append((f"{label}: one batch{scale}", int(brief.value("batches"))))
        else:
            items.append((label, None))
    return items


def _instructions_sheet(sheet, draft: RfpDraft) -> None:
    lines = [
        draft.title, "",
        "How to fill in this bid grid",
        f"1. On the sheet '{RESPONSE_SHEET}', write one answer per row in the yellow 'answer' column. Do not change "
        "the 'key' column: it is how your answers are read.",
        "2. Numbers as numbers (no units: the unit is in the 'type' column); dates as YYYY-MM-DD; yes/no items as "
        "yes or no; choices as one of the 'allowed values'; lists separated by ';'.",
        "3. Prices: the amount in 'answer' and its ISO currency code (USD, EUR, …) in 'currency'.",
        "4. Leave an answer empty, or write 'not stated', only where you cannot answer, and say why in 'comment'. "
        "Conditions attached to an answer go in 'comment' too.",
        f"5. On the sheet '{PRICES_SHEET}', give one line per priced item: quantity, unit price and currency; mark "
        "options outside the base scope 'yes' under 'optional'. Add rows as needed.",
        "6. Return this workbook as .xlsx together with your proposal.",
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A3"].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 120
    for row in sheet.iter_rows(min_row=4):
        row[0].alignment = WRAP


def _header(sheet, columns, widths) -> None:
    sheet.append(list(columns))
    for index, (cell, width) in enumerate(zip(sheet[1], widths), start=1):
        cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BOX
        cell.alignment = Alignment(vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
