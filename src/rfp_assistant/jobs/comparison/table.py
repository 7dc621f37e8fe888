"""Job 2: many proposal extractions -> side-by-side table, best/worst marks, scores, gaps and clarification questions."""

from __future__ import annotations

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
from rfp_assistant.jobs.comparison.agreement import close, reconciled
from rfp_assistant.jobs.comparison.cells import clean_text
from rfp_assistant.jobs.comparison.display import and_list, clarification_question, display_value
from rfp_assistant.jobs.comparison.scoring import (
    Model,
    Scorecard,
    VendorScore,
    apply_weights,
    as_money,
    comparable_values,
    load_scorecard,
    score_proposals,
    ties,
)
from rfp_assistant.jobs.comparison.screening import screen

__all__ = ["Cell", "Comparison", "LeftOut", "Question", "Row", "Vendor", "VendorGaps", "compare_proposals",
           "display_value", "load_scorecard", "recompare", "rescore"]

FREE_TEXT = ("assumptions", "payment_terms", "cancellation_terms")  # prose read from quote windows


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
    items: list[str] = Field(default_factory=list)
    """Free-text fields: the statements shown, each once and whole (`text` joins them)."""


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


class LeftOut(Model):
    """A document that was uploaded with the proposals but does not read as one (a guide, a brief)."""

    source: str
    """File name."""
    reason: str
    """Why it was left out, in plain words."""
    extraction: ProposalExtraction = Field(exclude=True)
    """What was read from it (kept so it can be compared on request)."""


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
    left_out: list[LeftOut] = Field(default_factory=list)
    """Documents that do not read as proposals, with why; they have no column and no score."""
    page_texts: dict = Field(default_factory=dict, exclude=True)
    """{file name: {page: text}} the free-text cells were made whole from (kept to rebuild the table)."""

    def row(self, key: str) -> Row:
        """The row of one schema key."""
        return next(r for r in self.rows if r.key == key)

    def ranking(self) -> list[VendorScore]:
        """Scored vendors, highest total first."""
        return sorted((s for s in self.scores if s.total is not None), key=lambda s: (s.rank, s.vendor))

    def ties(self) -> list[list[VendorScore]]:
        """Groups of vendors with the same total, best first."""
        return ties(self.scores)

    def currencies(self) -> list[str]:
        """Every currency an amount in the table is quoted in, sorted."""
        return sorted({m.currency for r in self.rows for c in r.cells if c.status == "stated"
                       and (m := as_money(c.value))})

    def unrated_currencies(self) -> list[str]:
        """Currencies that need an exchange rate before amounts can be compared."""
        found = self.currencies()
        if len(found) < 2:
            return []
        return [c for c in found if c != self.scorecard.base_currency and c not in self.scorecard.fx]


def compare_proposals(extractions: list[ProposalExtraction], scorecard: Scorecard, *, page_texts: dict | None = None,
                      screened: bool = True) -> Comparison:
    """Build the side-by-side comparison, marks, scores, gaps and questions from extractions.

    With `screened`, a document that does not read as a proposal (screening.screen) is left out with a note.
    `page_texts` ({file name: {page: text}}) lets free-text cells show whole sentences from the page.
    """
    page_texts = page_texts or {}
    left_out = [LeftOut(source=e.source, reason=reason, extraction=e)
                for e in extractions if screened and (reason := screen(e))]
    skipped = {id(item.extraction) for item in left_out}
    extractions = [e for e in extractions if id(e) not in skipped]
    specs = field_specs()
    vendors = _vendors(extractions)
    readable = [v.error is None for v in vendors]
    # One figure said in two units (152 days, 22 weeks) is one value here: shown, scored and not asked about.
    fields = [{k: reconciled(specs[k], r) if k in specs else r for k, r in e.fields.items()} for e in extractions]
    results = [[f.get(key) if ok else None for f, ok in zip(fields, readable)] for key in specs]
    rows, unranked = [], {}
    for spec, column in zip(specs.values(), results):
        cells = [_cell(spec, r, scorecard, page_texts.get(e.source)) if ok
                 else Cell(text="—", status="not_stated", flag="not read")
                 for r, ok, e in zip(column, readable, extractions)]
        reason = _mark(spec, column, cells, scorecard)
        if reason:
            unranked[spec.key] = reason
        rows.append(Row(key=spec.key, label=spec.label, unit=spec.unit, better=spec.better, cells=cells))
    scores = score_proposals(scorecard, [(v.name, f if v.error is None else None) for v, f in zip(vendors, fields)])
    gaps, questions = [], []
    for index, vendor in enumerate(vendors):
        open_rows = [] if vendor.error else [r for r in rows if r.cells[index].status != "stated"]
        gaps.append(VendorGaps(vendor=index, name=vendor.name,
                               not_stated=[r.key for r in open_rows if r.cells[index].status == "not_stated"],
                               conflicting=[r.key for r in open_rows if r.cells[index].status == "conflicting"]))
        questions += [Question(vendor=index, name=vendor.name, key=r.key, label=r.label, status=r.cells[index].status,
                               question=clarification_question(specs[r.key], r.cells[index])) for r in open_rows]
    warnings = [item.reason for item in left_out] + _warnings(vendors, rows, unranked, scorecard)
    return Comparison(vendors=vendors, rows=rows, scores=scores, gaps=gaps, questions=questions, warnings=warnings,
                      scorecard=scorecard, left_out=left_out, page_texts=page_texts)


def rescore(comparison: Comparison, weights: dict[str, float]) -> Comparison:
    """The same comparison with new criterion weights (re-normalized to 100): totals and ranks only."""
    scorecard = comparison.scorecard.with_weights(weights)
    return comparison.model_copy(update={"scorecard": scorecard,
                                         "scores": apply_weights(comparison.scores, scorecard)})


def recompare(comparison: Comparison, scorecard: Scorecard, *, include: list[str] | None = None) -> Comparison:
    """The comparison rebuilt under another scorecard (exchange rates, not-stated rule), without reading again.

    `include` names left-out documents to compare anyway; the others stay left out.
    """
    wanted = set(include or [])
    extractions = [v.extraction for v in comparison.vendors]
    extractions += [item.extraction for item in comparison.left_out if item.source in wanted]
    rebuilt = compare_proposals(extractions, scorecard, page_texts=comparison.page_texts, screened=False)
    kept = [item for item in comparison.left_out if item.source not in wanted]
    return rebuilt.model_copy(update={"left_out": kept, "warnings": [i.reason for i in kept] + rebuilt.warnings})


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


def _cell(spec: FieldSpec, result: FieldResult | None, scorecard: Scorecard, pages: dict | None = None) -> Cell:
    if result is None or result.status == "not_stated" or (result.status == "stated" and result.value is None):
        return Cell(text="not stated", status="not_stated", flag="not stated")
    if result.status == "conflicting":
        shown = [display_value(spec, v, scorecard) for v in result.candidates]
        text = f"conflicting (values: {' vs '.join(shown)})" if shown else "conflicting"
        return Cell(text=text, status="conflicting", evidence=result.evidence, flag=text, candidates=shown)
    if spec.key in FREE_TEXT and isinstance(result.value, (str, list)) and result.value:
        raw = result.value if isinstance(result.value, list) else [result.value]
        items = clean_text(spec.key, [str(v) for v in raw], result.evidence, pages)
        if items:
            sentences = all(i[-1:] in ".!?…" for i in items)
            return Cell(text=(" " if sentences else "; ").join(items), status="stated", value=result.value,
                        evidence=result.evidence, items=items)
    return Cell(text=display_value(spec, result.value, scorecard), status="stated", value=result.value,
                evidence=result.evidence)


def _mark(spec: FieldSpec, column: list, cells: list[Cell], scorecard: Scorecard) -> str | None:
    """Mark best and worst cells in place; returns why the row could not be ranked, if it could not."""
    if spec.better == "none":
        return None
    values, reason = comparable_values(spec.key, column, scorecard)
    stated = [v for v in values if v is not None]
    if reason or len(stated) < 2 or close(spec, min(stated), max(stated)):
        return reason  # values a conversion's rounding apart (21.7 and 22 weeks) are level
    best, worst = (min(stated), max(stated)) if spec.better == "lower" else (max(stated), min(stated))
    for cell, value in zip(cells, values):
        level = value is not None
        cell.mark = "best" if level and close(spec, value, best) else "worst" if level and close(spec, value, worst) \
            else None
    return None


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
        labels = and_list([r.label for r in rows if r.key in unranked])
        price_part = "total_price" in unranked and any(
            r.type == "relative" and r.field == "total_price" for c in scorecard.criteria for r in c.parts)
        example = next((c for c in sorted(quoted) if c != scorecard.base_currency), "EUR")
        warnings.append(
            f"Prices are quoted in different currencies ({by_currency}) without exchange rates for all of them, so "
            f"they are not ranked or compared: no best/worst marks on {labels}"
            + (", and the total-price part of the cost score is left out for every vendor" if price_part else "")
            + f". To compare them, give an exchange rate to {scorecard.base_currency} for "
            f"{and_list([c for c in sorted(quoted) if c != scorecard.base_currency and c not in scorecard.fx])}: "
            f"in the web UI in the exchange-rate boxes under the scores; on the command line in a weights file, "
            f"e.g. 'fx: {{{example}: 1.08}}'. No rate is ever assumed.")
    converted = sorted({m.currency for r in rows for c in r.cells if (m := as_money(c.value))
                        and m.currency != scorecard.base_currency and m.currency in scorecard.fx})
    if converted:
        rates = ", ".join(f"1 {c} = {scorecard.fx[c]:g} {scorecard.base_currency}" for c in converted)
        warnings.append(f"Amounts converted to {scorecard.base_currency} for ranking and scoring only ({rates}); "
                        "the table shows each amount in the currency quoted.")
    for vendor in vendors:
        warnings += [f"{vendor.name}: {w}" for w in vendor.extraction.warnings]
    return warnings
