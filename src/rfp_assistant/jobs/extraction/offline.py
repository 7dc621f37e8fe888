"""Offline extractor: read a proposal the way an analyst does — cues, value parsers, distractor-aware ranking."""

from __future__ import annotations

import re

from rfp_assistant.core.documents import LoadedDocument
from rfp_assistant.core.documents.injection import without_ai_text
from rfp_assistant.jobs.extraction.candidates import Candidate, Page, decide, quote_between, statement_end
from rfp_assistant.jobs.extraction.columns import table_under
from rfp_assistant.jobs.extraction.table_layout import table_cells
from rfp_assistant.jobs.extraction.names import read_sites
from rfp_assistant.jobs.extraction.dates import read_date
from rfp_assistant.jobs.extraction.boxes import unticked_spans
from rfp_assistant.jobs.extraction.hedges import unanswered_spans
from rfp_assistant.jobs.extraction.people import career_spans
from rfp_assistant.jobs.extraction.footnotes import withdrawn_spans
from rfp_assistant.jobs.extraction.supersede import superseded_spans
from rfp_assistant.jobs.extraction.units import network_units, other_unit_spans, proposed_units, sibling_units
from rfp_assistant.jobs.extraction.figures import read_count, read_percent, read_validity, read_weeks
from rfp_assistant.jobs.extraction.layout import unwrap_prose
from rfp_assistant.jobs.extraction.inspections import inspection_fields, latest_fda_inspection, outside_record
from rfp_assistant.core.text.spans import merge_spans
from rfp_assistant.jobs.extraction.money_roles import read_money
from rfp_assistant.jobs.extraction.options import option_spans
from rfp_assistant.jobs.extraction.roles import Author, find_author, foreign_spans, other_programs_spans
from rfp_assistant.jobs.extraction.sections import (addressee_block, declared_spans, other_maker_sentences,
                                                    postscript_start, requirement_column_spans, superseded_cells)
from rfp_assistant.jobs.extraction.value_check import derived
from rfp_assistant.jobs.extraction.abstain import hedged
from rfp_assistant.jobs.extraction.assumptions import read_assumptions
from rfp_assistant.jobs.extraction.voices import (message_spans, optional_spans, other_client_spans,
                                                  reported_request_spans, requirement_block_spans)
from rfp_assistant.jobs.extraction.vessels import read_bioreactor_type, read_largest_volume
from rfp_assistant.schemas.proposal import Evidence, FieldResult, ProposalExtraction, field_specs
from rfp_assistant.jobs.extraction.terms import read_boolean, read_enum, read_list
from rfp_assistant.jobs.extraction.topics import ENUM_CONTEXT

INSPECTION_FIELDS = ("last_fda_inspection_date", "last_fda_inspection_outcome", "fda_483_observations")


def extract_offline(document: LoadedDocument) -> ProposalExtraction:
    """Every schema field of one proposal, each stated with a quote and page, or not_stated."""
    # Text addressed to an AI reader is data about the vendor's conduct, never evidence for a field.
    pages = [Page(page.number, unwrap_prose(without_ai_text(page.text))) for page in document.pages if page.text.strip()]
    layouts = {page.number: page.layout for page in document.pages if page.layout}
    for page in pages:
        page.cells = table_cells(layouts[page.number], page.text) if page.number in layouts else []
    author = find_author(pages)
    sponsor_sections, others_sections = declared_spans([page.text for page in pages])
    messages = message_spans([page.text for page in pages], author)
    replaced = superseded_spans([page.text for page in pages])
    for page, sponsor, others, earlier, old in zip(pages, sponsor_sections, others_sections, messages, replaced):
        # The sponsor's words and other clients' programs are never this proposal's values.
        page.foreign = merge_spans(foreign_spans(page.text, author) + sponsor + requirement_column_spans(page.text) +
                                   reported_request_spans(page.text, author) + earlier +
                                   requirement_block_spans(page.text) + superseded_cells(page.text) +
                                   career_spans(page.text) + withdrawn_spans(page.text) +
                                   (addressee_block(page.text) if page is pages[0] else []))
        page.others = merge_spans(other_programs_spans(page.text) + others + other_maker_sentences(page.text) +
                                  other_client_spans(page.text))
        page.options = merge_spans(option_spans(page.text, pass_through=False) + optional_spans(page.text))
        page.unanswered = merge_spans(unanswered_spans(page.text, layouts.get(page.number, "")) +
                                      unticked_spans(page.text))
        page.outdated = old
        page.postscript = postscript_start(page.text)
    proposed = proposed_units([page.text for page in pages])
    others = network_units(list(layouts.values()), proposed) | sibling_units([page.text for page in pages], proposed) \
        if proposed else set()
    for page in pages:
        page.elsewhere = other_unit_spans(page.text, others, proposed)
    fields: dict[str, FieldResult] = {}
    inspection: dict[str, FieldResult] | None = None
    for key, spec in field_specs().items():
        sites = fields["sites"].value or [] if "sites" in fields else []
        if key == "cdmo_name":
            result = _vendor(author, pages)
        elif key == "max_bioreactor_volume_l":
            result = read_largest_volume(spec, pages, sites)
        elif key == "bioreactor_type":
            result = read_bioreactor_type(pages, sites)
        elif key == "assumptions":
            result = read_assumptions(spec, pages, author.words())
        elif key in INSPECTION_FIELDS:
            if inspection is None:
                inspection = inspection_fields(latest_fda_inspection(pages, sites))
            result = inspection.get(key) or outside_record(_read(key, spec, pages))
        else:
            result = _read(key, spec, pages)
        fields[key] = _checked(spec, result, document)
    _one_role_per_figure(fields)
    return ProposalExtraction(source=document.source, pages=document.page_count, fields=fields,
                              warnings=list(document.warnings))


def _one_role_per_figure(fields: dict[str, FieldResult]) -> None:
    """A figure quoted as the total is not also one item's price in the same words ('EUR 4.2M all-in for the batches and
    tech transfer' prices the whole, not the transfer)."""
    total = fields.get("total_price")
    if not total or total.status != "stated":
        return
    quotes = {e.quote for e in total.evidence}
    for key in ("gmp_batch_price", "tech_transfer_fee"):
        item = fields.get(key)
        if item and item.status == "stated" and item.value == total.value and {e.quote for e in item.evidence} & quotes:
            fields[key] = FieldResult()


def _checked(spec, result: FieldResult, document: LoadedDocument) -> FieldResult:
    """The result if its quotes give its value (a list keeps the members they name); otherwise not stated."""
    if result.status != "stated" or hedged(spec, result):
        return result if result.status != "stated" else FieldResult()
    checked = derived(spec, result.value, [e.quote for e in result.evidence],
                      [document.page_text(n) for n in sorted({e.page for e in result.evidence})])
    if checked.value is None:
        return FieldResult()
    return result if not checked.dropped else result.model_copy(update={"value": checked.value})


def _vendor(author: Author, pages: list[Page]) -> FieldResult:
    """The responding company: the document's author (see roles), quoted where it names itself."""
    if not author.name:
        return FieldResult()
    page = next(page for page in pages if page.number == author.page)
    quote = quote_between(page, author.start, author.end)
    return FieldResult(value=" ".join(author.name.split()), status="stated", confidence=0.8,
                       evidence=[Evidence(page=page.number, quote=quote)])


def _read(key: str, spec, pages: list[Page]) -> FieldResult:
    if spec.type == "bool":
        return read_boolean(key, pages)
    if spec.type == "list_enum":
        return read_list(key, pages)
    if spec.type == "enum":
        return read_enum(key, pages, ENUM_CONTEXT.get(key))
    reader = _READERS.get(key)
    return reader(spec, pages) if reader else FieldResult()


# What payment and cancellation terms talk about: the more of it a statement has, the more it is the terms.
_TERMS_WORDS = {
    "payment_terms": re.compile(r"(?i)\binvoic\w*|\bpayabl\w*|\bpayment\b|\bnet\s*\d+|\bdue\b|\d+\s*%|\bmilestones?\b|"
                                r"\badvance\b|\bdeposit\b|\b(?:on|upon|at|with)\s+(?:signature|signing|order|po|kick-?off)\b|"
                                r"\d+\s+days\b|\bin\s+arrears\b"),
    "cancellation_terms": re.compile(r"(?i)\bcancel\w*|\breschedul\w*|\bpostpon\w*|\bterminat\w*|\bnotice\b|\bfees?\b|"
                                     r"\d+\s*%|\b(?:days|weeks|months)\s+(?:before|prior|ahead|in advance)\b|\bcharged?\b"),
}
# What terms are made of: a period, a share, an amount, or the words that set when or whether something is due.
_TERMS_CONTENT = re.compile(
    r"(?i)\d+\s*(?:%|per\s?cent|(?:calendar\s+|business\s+|working\s+)?(?:days?|weeks?|months?)\b)|"
    r"\b(?:[a-z]+[- ])?(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|thirty|forty|sixty|ninety|"
    r"hundred|half)\b[^\n.;]{0,12}?\b(?:days?|weeks?|months?|percent|per\s?cent)\b|[$€£¥₹]\s?\d|\b[A-Z]{3}\s?\d|"
    r"\bnet\s*\d+|\bnon-?refundable\b|\bforfeit|\bin\s+full\b|\bno\s+(?:charge|fee|penalty|cost)\b|\bfree\s+of\s+charge\b|"
    r"\bin\s+advance\b|\bup-?front\b|\b(?:on|upon|at|with)\s+(?:the\s+)?(?:signature|signing|receipt|delivery|completion|"
    r"release|order|po|kick-?off|approval)\b|\bmilestones?\b|\bin\s+arrears\b|\bmonthly\b|\bquarterly\b|\bpayable\b|"
    r"\bwill\s+be\s+(?:charged|invoiced|billed)\b|\bbalance\b")
_ITEM_NUMBER = re.compile(r"^\s*(?:Q[-.\s]?)?[A-Z]{0,3}[-.]?\d{1,3}(?:\.\d{1,3})*\*?\s")  # "D.07 Cancellation terms."
_NOT_TERMS = re.compile(r"(?i)mark-?up|handling|cost plus|raw material|surcharge|inspect|procurement fee|late payments?|disput|"
                        r"overdue|interest\s+(?:at|of|on)\b|"
                        r"to be (?:agreed|negotiated|defined|discussed)|will be (?:agreed|negotiated|defined)")


def _terms_text(spec, pages):
    """The statement that gives the terms: the cue's sentence or list item, with its heading's next sentence and the
    sentences right after it that carry on about the same terms."""
    words = _TERMS_WORDS[spec.key]
    found = []
    for page in pages:
        for cue in spec.cues:
            for m in cue.finditer(page.text):
                if page.is_foreign(m.start()):
                    continue
                line_start = page.text.rfind("\n", 0, m.start()) + 1
                stop = page.text.rfind(". ", line_start, m.start())
                start = stop + 2 if stop >= 0 else line_start  # a page's first line starts at 0, not at 1
                end = statement_end(page.text, m.end())
                if end - start < 40 and not re.search(r"\d", _ITEM_NUMBER.sub("", page.text[start:end], count=1)):
                    end = statement_end(page.text, end + 1)  # a heading ("Cancellation and rescheduling.")
                for _ in range(2):  # "…50% on completion. All invoices are due net 45 days."
                    following = statement_end(page.text, end + 1)
                    extra = page.text[end:following]
                    if "\n\n" in extra or following - m.start() > 420 or len(words.findall(extra)) < 2:
                        break
                    end = following
                scored = " ".join(page.text[start:end].split())
                table = table_under(page.cells, m.start())
                if table:  # a heading over a table of shares and days ("Share of line item (%) | Due (days net)")
                    end = max(end, table[-1].row[1])
                elif len(re.findall(r"\d+\s*%", scored)) < 2:  # the terms go on in a table's cells
                    end = _table_rows_end(page.text, end, words, limit=start + 460)
                quote = " ".join(page.text[start:end].split()).strip(" ,;:\x7f•")
                if len(quote) <= 15 or len(quote) > 480 or not (_TERMS_CONTENT.search(quote) or
                                                               {"%", "days"} & {c.unit for c in table}):
                    continue  # a heading, a contents line or "see the MSA" names the terms without giving any
                hits = len({w.group(0).lower() for w in words.finditer(scored)})
                score = 0.4 + 0.08 * min(hits, 6) - 0.005 * page.number - 0.4 * bool(_NOT_TERMS.search(scored))
                if page.postscript is not None and start >= page.postscript:
                    score += 0.3  # a P.S. that changes the terms replaces what the letter said above it
                found.append(Candidate(quote, page.number, quote, score))
    found.sort(key=lambda c: -c.score)
    return decide(found[:1], allow_conflict=False)


def _table_rows_end(text: str, end: int, words, limit: int) -> int:
    """The terms carried on in a table's cells, one short line each ("Fee", "More than 6 months", "10% of ...")."""
    cells, base = 0, end
    for line in re.finditer(r"\n([^\n]*)", text[base:limit]):
        cell = line.group(1)
        if cells < 2 and len(cell) > 70:
            break  # no table: the next line is prose
        if not cell.strip() or len(cell) > 120 or re.match(r"\s*(?:\d+\.\d+|[A-Z]\d+\.?)\s+[A-Z]", cell):
            break  # a blank line, a paragraph or the next numbered clause ends the table
        cells += 1
        if words.search(cell) or cells <= 2:
            end = base + line.end()
    return end


_READERS = {
    "sites": lambda spec, pages: read_sites(spec, pages),
    "proposal_date": read_date,
    "proposal_validity_days": read_validity,
    "first_available_gmp_slot": read_date,
    "tech_transfer_weeks": read_weeks,
    "process_development_weeks": read_weeks,
    "weeks_to_first_gmp_batch": read_weeks,
    "total_price": read_money,
    "gmp_batch_price": read_money,
    "tech_transfer_fee": read_money,
    "raw_material_markup_pct": read_percent,
    "payment_terms": _terms_text,
    "cancellation_terms": _terms_text,
    "last_fda_inspection_date": read_date,
    "fda_483_observations": read_count,
    "warning_letters_5y": read_count,
    "commercial_products_count": read_count,
    "similar_programs_count": read_count,
}
