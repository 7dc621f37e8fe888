"""One bid-grid answer as a typed value of its schema field, read with the same parsers as a proposal's text.

`read_answer` returns the value, or raises `BadAnswer` with the reason in plain words.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rfp_assistant.core.values import (
    find_dates,
    find_durations,
    find_money,
    find_percentages,
    find_volumes,
    normalize_space,
    parse_number,
    to_number,
)
from rfp_assistant.core.values.numbers import CURRENCY_PREFIXES, WORD_NUMBER
from rfp_assistant.schemas.bid_grid import LIST_SEPARATOR
from rfp_assistant.schemas.proposal import FieldSpec, Money

_YES = {"yes", "y", "true", "oui", "ja", "x"}
_NO = {"no", "n", "false", "non", "nein"}
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,.'’\s]*")
_WORD = re.compile(WORD_NUMBER)
_ISO_CODE = re.compile(r"[A-Z]{3}")
_UNIT_FINDERS = {"weeks": find_durations, "L": find_volumes, "%": find_percentages}
_UNIT_NAMES = {"L": "liters", "%": "percent"}


class BadAnswer(ValueError):
    """An answer that cannot be read as its field's type; the message says why."""


def cell_text(raw: Any) -> str:
    """The cell as a person reads it: dates as YYYY-MM-DD, 2000.0 as '2000', text with spacing tidied."""
    if raw is None:
        return ""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return normalize_space(str(raw))


def read_answer(spec: FieldSpec, raw: Any, currency: Any = None) -> Any:
    """The typed value of one answer cell (and, for money, its currency cell)."""
    text = cell_text(raw)
    kind = spec.type
    if kind == "string":
        return text
    if kind == "list_string":
        return [] if text.lower() == "none" else _items(text)
    if kind == "date":
        return _date(raw, text)
    if kind == "int":
        return _int(spec, raw, text)
    if kind == "number":
        return _number(spec, raw, text)
    if kind == "bool":
        return _bool(raw, text)
    if kind == "enum":
        return _choice(spec, text)
    if kind == "list_enum":
        if text.lower() == "none":
            return []
        return list(dict.fromkeys(_choice(spec, item) for item in _items(text, commas=True)))
    return _money(raw, text, cell_text(currency))


def read_number(raw: Any) -> float:
    """A plain non-negative number (a quantity on the Prices sheet)."""
    value = _plain(raw, cell_text(raw))
    if value is None:
        raise BadAnswer(f"'{cell_text(raw)}' is not a number")
    return value


def _items(text: str, commas: bool = False) -> list[str]:
    separators = f"[{LIST_SEPARATOR}\n" + (",]" if commas else "]")
    return [item.strip() for item in re.split(separators, text) if item.strip()]


def _date(raw: Any, text: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    match = _whole(find_dates(text), text)
    if match is None:
        raise BadAnswer(f"'{text}' is not a date; write it as YYYY-MM-DD")
    return match.value


def _int(spec: FieldSpec, raw: Any, text: str) -> int:
    if text.lower() in ("none", "no", "zero"):
        return 0
    value = _plain(raw, _strip_unit(spec, text))
    if value is None or value != int(value):
        raise BadAnswer(f"'{text}' is not a whole number")
    return int(value)


def _number(spec: FieldSpec, raw: Any, text: str) -> float:
    value = _plain(raw, text)
    if value is None and spec.unit in _UNIT_FINDERS:
        match = _whole(_UNIT_FINDERS[spec.unit](text), text)
        value = None if match is None else float(match.value)
    if value is None:
        unit = f" of {_UNIT_NAMES.get(spec.unit, spec.unit)}" if spec.unit else ""
        raise BadAnswer(f"'{text}' is not a number{unit}")
    return float(value)


def _plain(raw: Any, text: str) -> float | None:
    """A number cell, or text that is only a number ('2,000', '1.5', 'twelve'); never negative."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif _PLAIN_NUMBER.fullmatch(text):
        try:
            value = parse_number(text)
        except ValueError:
            return None
    elif _WORD.fullmatch(text):
        value = to_number(text)
    else:
        return None
    if value < 0:
        raise BadAnswer(f"'{text}' is negative")
    return value


def _strip_unit(spec: FieldSpec, text: str) -> str:
    if spec.unit:
        singular = spec.unit[:-1] if spec.unit.endswith("s") else spec.unit
        return re.sub(rf"\s*(?:{re.escape(spec.unit)}|{re.escape(singular)})\.?$", "", text, flags=re.I)
    return text


def _bool(raw: Any, text: str) -> bool:
    if isinstance(raw, bool):
        return raw
    word = text.lower().rstrip(".")
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise BadAnswer(f"'{text}' is not yes or no")


def _choice(spec: FieldSpec, text: str) -> str:
    wanted = _token(text)
    for value in spec.enum:
        if _token(value) == wanted:
            return value
    raise BadAnswer(f"'{text}' is not one of the allowed values ({', '.join(spec.enum)})")


def _token(text: str) -> str:
    return re.sub(r"[\s_/-]+", "_", text.strip().lower())


def _money(raw: Any, text: str, currency_text: str) -> Money:
    code = _currency(currency_text) if currency_text else None
    amount = _plain(raw, text)
    if amount is None:
        # "USD 1,250,000" or "1.25M": the money parser reads currencies and scales written with the amount.
        written = _whole(find_money(text), text)
        if written is not None:
            if code and written.value.currency != code:
                raise BadAnswer(f"'{text}' is in {written.value.currency} but the currency column says {code}")
            code = written.value.currency
        else:  # a scale with no currency ("1.25M"): read it as if in dollars, keep the stated code
            written = _whole(find_money(f"USD {text}"), f"USD {text}")
        if written is None or written.value.amount < 0:
            raise BadAnswer(f"'{text}' is not an amount of money")
        amount = written.value.amount
    if code is None:
        raise BadAnswer(f"the amount {text} has no currency; put its ISO code (USD, EUR, …) in the currency column")
    return Money(amount=round(float(amount), 2), currency=code)


def _currency(text: str) -> str:
    code = CURRENCY_PREFIXES.get(text.strip()) or CURRENCY_PREFIXES.get(text.strip().upper())
    if code:
        return code
    if _ISO_CODE.fullmatch(text.strip().upper()):
        return text.strip().upper()
    raise BadAnswer(f"'{text}' is not an ISO currency code such as USD or EUR")


def _whole(matches: list, text: str):
    """The one match that is the whole answer (spacing and a final stop aside), else None."""
    if len(matches) != 1:
        return None
    match = matches[0]
    if text[: match.start].strip() or text[match.end :].strip(" ."):
        return None
    return match
