"""Job 2: many proposal extractions -> side-by-side table, best/worst marks, scores, gaps and clarification questions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from rfp_assistant.schemas.proposal import (
    Evidence,
    FieldResult,
    FieldSpec,
    ProposalExtraction,
    Status,
    field_specs,
)
from rfp_assistant.jobs.comparison.scoring import (
    Model,
    Scorecard,
    VendorScore,
    apply_weights,
    as_money,
    comparable_values,
    convert,
    format_money,
    format_number,
    load_scorecard,
    score_proposals,
)

__all__ = ["Cell", "Comparison", "Question", "Row", "Vendor", "VendorGaps", "compare_proposals", "load_scorecard",
           "rescore"]

ENUM_LABELS = {
    "antibody_drug_conjugate": "antibody-drug conjugate", "mrna": "mRNA", "fill_finish": "fill-finish",
    "qc_release": "QC release", "single_use": "single-use", "fte_based": "FTE-based",
}
SINGULAR = {"weeks": "week", "days": "day"}


class Vendor(Model):
    """One proposal in the comparison."""

    source: str
    """File name of the proposal."""
    name: str
    """Display name: the CDMO's name when stated, else the file name."""
    error: str | None = None
    """Why the file could not be read; such vendors have no values and no scores."""
    extraction: ProposalExtraction
    """The extraction the row values come from."""


class Cell(Model):
    """One field of one vendor, ready to show."""

    text: str
    """Human display: '12 weeks', 'USD 4,850,000', 'Yes', 'not stated', 'conflicting (values: A vs B)'."""
    status: Status
    """stated, not_stated or conflicting."""
    value: Any = None
    """The typed value when stated."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Quotes and pages backing the value (or each conflicting value)."""
    mark: Literal["best", "worst"] | None = None
    """Best or worst among the stated values, where the field has an order and values differ."""
    flag: str | None = None
    """'not stated', 'conflicting (values: A vs B)' or 'not read'; None for a stated value."""
    candidates: list[str] = Field(default_factory=list)
    """The conflicting values as shown, in evidence order."""


class Row(Model):
    """One schema field across all vendors."""

    key: str
    """Comparison-schema key."""
    label: str
    """Human label."""
    unit: str = ""
    """Unit of the values, if any."""
    better: Literal["lower", "higher", "none"] = "none"
    """Which direction is best when vendors are compared."""
    cells: list[Cell]
    """One cell per vendor, in vendor order."""


class VendorGaps(Model):
    """The fields a vendor left open."""

    vendor: int
    """Index in Comparison.vendors."""
    name: str
    """Vendor display name."""
    not_stated: list[str] = Field(default_factory=list)
    """Keys the proposal is silent on."""
    conflicting: list[str] = Field(default_factory=list)
    """Keys with two different values in the proposal."""


class Question(Model):
    """A clarification question to send a vendor."""

    vendor: int
    """Index in Comparison.vendors."""
    name: str
    """Vendor display name."""
    key: str
    """The field the question is about."""
    label: str
    """Human label of that field."""
    status: Status
    """not_stated or conflicting."""
    question: str
    """The question in plain words."""


class Comparison(Model):
    """Proposals side by side: table, scores, gaps, questions and warnings."""

    vendors: list[Vendor]
    """One per extraction, in input order."""
    rows: list[Row]
    """One per schema key, in contract order."""
    scores: list[VendorScore]
    """One per vendor, in vendor order (total None for unreadable files)."""
    gaps: list[VendorGaps]
    """One per vendor, in vendor order."""
    questions: list[Question]
    """Clarification questions, vendor by vendor, in row order."""
    warnings: list[str] = Field(default_factory=list)
    """Things the reader must know (currencies not compared, unreadable files, extraction warnings)."""
    scorecard: Scorecard
    """Criteria, current weights and exchange rates used."""

    def row(self, key: str) -> Row:
        """The row of one schema key."""
        return next(r for r in self.rows if r.key == key)

    def ranking(self) -> list[VendorScore]:
        """Scored vendors, highest total first."""
        return sorted((s for s in self.scores if s.total is not None), key=lambda s: (s.rank, s.vendor))


def compare_proposals(extractions: list[ProposalExtraction], scorecard: Scorecard) -> Comparison:
    """Build the side-by-side comparison, marks, scores, gaps and questions from extractions."""
    specs = field_specs()
    vendors = _vendors(extractions)
    readable = [v.error is None for v in vendors]
    results = [[e.fields.get(key) if ok else None for e, ok in zip(extractions, readable)] for key in specs]
    rows, unranked = [], {}
    for spec, column in zip(specs.values(), results):
        cells = [_cell(spec, r, scorecard) if ok else Cell(text="—", status="not_stated", flag="not read")
                 for r, ok in zip(column, readable)]
        reason = _mark(spec, column, cells, scorecard)
        if reason:
            unranked[spec.key] = reason
        rows.append(Row(key=spec.key, label=spec.label, unit=spec.unit, better=spec.better, cells=cells))
    scores = score_proposals(scorecard, [(v.name, e.fields if v.error is None else None)
                                         for v, e in zip(vendors, extractions)])
    gaps, questions = [], []
    for index, vendor in enumerate(vendors):
        open_rows = [] if vendor.error else [r for r in rows if r.cells[index].status != "stated"]
        gaps.append(VendorGaps(vendor=index, name=vendor.name,
                               not_stated=[r.key for r in open_rows if r.cells[index].status == "not_stated"],
                               conflicting=[r.key for r in open_rows if r.cells[index].status == "conflicting"]))
        questions += [Question(vendor=index, name=vendor.name, key=r.key, label=r.label, status=r.cells[index].status,
                               question=_question(specs[r.key], r.cells[index])) for r in open_rows]
    warnings = _warnings(vendors, rows, unranked, scorecard)
    return Comparison(vendors=vendors, rows=rows, scores=scores, gaps=gaps, questions=questions, warnings=warnings,
                      scorecard=scorecard)


def rescore(comparison: Comparison, weights: dict[str, float]) -> Comparison:
    """The same comparison with new criterion weights (re-normalized to 100): totals and ranks only."""
    scorecard = comparison.scorecard.with_weights(weights)
    return comparison.model_copy(update={"scorecard": scorecard,
                                         "scores": apply_weights(comparison.scores, scorecard)})


def _vendors(extractions: list[ProposalExtraction]) -> list[Vendor]:
    names = []
    for extraction in extractions:
        stated = extraction.fields.get("cdmo_name")
        ok = extraction.error is None and stated is not None and stated.status == "stated" and stated.value
        names.append(str(stated.value).strip() if ok else Path(extraction.source).name)
    # Two files from one CDMO (a revised offer) must still be told apart.
    names = [f"{n} ({Path(e.source).name})" if names.count(n) > 1 and n != Path(e.source).name else n
             for n, e in zip(names, extractions)]
    return [Vendor(source=e.source, name=n, error=e.error, extraction=e) for n, e in zip(names, extractions)]


def _cell(spec: FieldSpec, result: FieldResult | None, scorecard: Scorecard) -> Cell:
    if result is None or result.status == "not_stated" or (result.status == "stated" and result.value is None):
        return Cell(text="not stated", status="not_stated", flag="not stated")
    if result.status == "conflicting":
        shown = [display_value(spec, v, scorecard) for v in result.candidates]
        text = f"conflicting (values: {' vs '.join(shown)})" if shown else "conflicting"
        return Cell(text=text, status="conflicting", evidence=result.evidence, flag=text, candidates=shown)
    return Cell(text=display_value(spec, result.value, scorecard), status="stated", value=result.value,
                evidence=result.evidence)


def display_value(spec: FieldSpec, value: Any, scorecard: Scorecard | None = None) -> str:
    """A typed value as a person reads it: '12 weeks', 'USD 4,850,000', '2,000 L', '2027-07-01', 'Yes'."""
    if value is None:
        return "not stated"
    if spec.type == "money" and (money := as_money(value)) is not None:
        text = format_money(money)
        converted = convert(money, scorecard) if scorecard and money.currency != scorecard.base_currency else None
        return text if converted is None else f"{text} (≈ {scorecard.base_currency} {format_number(round(converted))})"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        # "Basel, Switzerland; Visp, Switzerland": sites and assumptions hold commas of their own.
        separator = "; " if spec.type == "list_string" else ", "
        return separator.join(display_value(spec, v) for v in value) if value else "none"
    if isinstance(value, (int, float)):
        unit = SINGULAR.get(spec.unit, spec.unit) if value == 1 else spec.unit
        return format_number(value) + ("%" if unit == "%" else f" {unit}" if unit else "")
    if spec.type in ("enum", "list_enum"):
        return ENUM_LABELS.get(str(value), str(value).replace("_", " "))
    return str(value)


def _mark(spec: FieldSpec, column: list, cells: list[Cell], scorecard: Scorecard) -> str | None:
    """Mark best and worst cells in place; returns why the row could not be ranked, if it could not."""
    if spec.better == "none":
        return None
    values, reason = comparable_values(spec.key, column, scorecard)
    stated = [v for v in values if v is not None]
    if reason or len(stated) < 2 or min(stated) == max(stated):
        return reason
    best, worst = (min(stated), max(stated)) if spec.better == "lower" else (max(stated), min(stated))
    for cell, value in zip(cells, values):
        cell.mark = "best" if value == best else "worst" if value == worst else None
    return None


def _question(spec: FieldSpec, cell: Cell) -> str:
    if cell.status == "conflicting":
        places = [f"in cell {e.cell}" if e.cell else f"on page {e.page}" for e in cell.evidence]
        if cell.candidates and len(cell.candidates) == len(places):
            items = [f"{v} {p}" for v, p in zip(cell.candidates, places)]
        else:
            items = cell.candidates or places
        count = {2: "two", 3: "three"}.get(len(items), "different")
        listed = f" ({_and(items)})" if items else ""
        return f"Your proposal gives {count} different values for {_lower_first(spec.label)}{listed}; which is correct?"
    question = spec.question.strip()
    if question.endswith("?"):
        return question
    article = "" if question.split()[0].lower() in ("how", "what", "which", "whether", "when", "where", "who") else "the "
    return f"Please state {article}{_lower_first(question)}."


def _lower_first(text: str) -> str:
    # Acronyms ("CDMO", "FDA inspection outcome", "GMP batch price") keep their capitals.
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _warnings(vendors: list[Vendor], rows: list[Row], unranked: dict[str, str], scorecard: Scorecard) -> list[str]:
    warnings = [f"{v.source} could not be read ({v.error}); it is listed without values or scores."
                for v in vendors if v.error]
    if unranked:
        quoted: dict[str, list[str]] = {}
        for row in rows:
            for vendor, cell in zip(vendors, row.cells):
                if row.key in unranked and (money := as_money(cell.value)):
                    quoted.setdefault(money.currency, []).append(vendor.name)
        by_currency = "; ".join(f"{c}: {', '.join(dict.fromkeys(names))}" for c, names in sorted(quoted.items()))
        labels = _and([r.label for r in rows if r.key in unranked])
        price_part = "total_price" in unranked and any(
            r.type == "relative" and r.field == "total_price" for c in scorecard.criteria for r in c.parts)
        example = next((c for c in sorted(quoted) if c != scorecard.base_currency), "EUR")
        warnings.append(
            f"Prices are quoted in different currencies ({by_currency}) without exchange rates for all of them, so "
            f"they are not ranked or compared: no best/worst marks on {labels}"
            + (", and the total-price part of the cost score is left out for every vendor" if price_part else "")
            + f". To compare them, give rates to {scorecard.base_currency} in a weights file, "
            f"e.g. 'fx: {{{example}: 1.08}}'.")
    converted = sorted({m.currency for r in rows for c in r.cells if (m := as_money(c.value))
                        and m.currency != scorecard.base_currency and m.currency in scorecard.fx})
    if converted:
        rates = ", ".join(f"1 {c} = {scorecard.fx[c]:g} {scorecard.base_currency}" for c in converted)
        warnings.append(f"Amounts converted to {scorecard.base_currency} for ranking and scoring only ({rates}); "
                        "the table shows each amount in the currency quoted.")
    for vendor in vendors:
        warnings += [f"{vendor.name}: {w}" for w in vendor.extraction.warnings]
    return warnings
