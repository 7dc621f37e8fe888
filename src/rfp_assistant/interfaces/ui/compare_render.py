"""HTML for the Compare tab: ranking, side-by-side table, score breakdown, questions and the evidence viewer."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from rfp_assistant.core.documents.page_image import render_page
from rfp_assistant.jobs.comparison.cells import shorten
from rfp_assistant.jobs.comparison.scorecard import NOT_STATED_RULES
from rfp_assistant.jobs.comparison.scoring import format_number
from rfp_assistant.jobs.comparison.table import Cell, Comparison
from rfp_assistant.schemas.proposal import field_specs

CELL_CHARS = 120  # a longer value is cut at a word with '…'; the whole text is one click away
ITEMS_SHOWN = 3
EVIDENCE_HINT = "Click any cell of the table to see the page it comes from, with the quote highlighted."


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def render_ranking(comparison: Comparison) -> str:
    """Who comes first, by how much, whether vendors are tied, and under which rules."""
    ranked = comparison.ranking()
    if not ranked:
        return "<p>No proposal could be scored.</p>"
    shares = comparison.scorecard.percentages()
    items = []
    for score in ranked:
        tie = ' <span class="cmp-tie">tied</span>' if score.tied else ""
        part = ""
        if score.scored_weight is not None and score.scored_weight < 100:
            part = f" <small>(over the {format_number(round(score.scored_weight))}% of the weight it states)</small>"
        items.append(f"<li value=\"{score.rank}\"><b>{_e(score.name)}</b> — {score.total:.1f} / 100{part}{tie}</li>")
    notes = []
    for group in comparison.ties():
        names = [s.name for s in group]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        notes.append(f'<p class="cmp-tie-note">⚖ <b>{"Three-way tie" if len(group) == 3 else "Tie"}</b>: {_e(listed)} '
                     f"share rank {group[0].rank} with {group[0].total:.1f} points each. The breakdown below shows "
                     "where they differ; changing a weight may separate them.</p>")
    card = comparison.scorecard
    rule = NOT_STATED_RULES[card.not_stated]
    # A rate keeps the digits the user typed (format_number would show 1 INR = 0.012 USD as 0.01).
    rates = ", ".join(f"1 {c} = {r:g} {card.base_currency}" for c, r in sorted(card.fx.items()))
    basis = [f"weights {', '.join(f'{c.title} {shares[c.id]}%' for c in card.criteria)}", rule]
    if rates:
        basis.append(f"exchange rates you entered: {rates}")
    return (f'<div class="cmp-ranking"><h3>Ranking</h3><ol>{"".join(items)}</ol>{"".join(notes)}'
            f'<p class="cmp-basis">Scored with {_e("; ".join(basis))}.</p></div>')


def render_table(comparison: Comparison) -> str:
    """The side-by-side table: rank under each name, best/worst marked, not-stated shown, every cell clickable."""
    head = []
    for vendor, score in zip(comparison.vendors, comparison.scores):
        standing = "not scored" if score.total is None else \
            f"#{score.rank}{' (tied)' if score.tied else ''} · {score.total:.1f}"
        head.append(f'<th>{_e(vendor.name)}<br><small class="cmp-rank">{_e(standing)}</small></th>')
    rows = []
    for row in comparison.rows:
        cells = []
        for vendor, cell in enumerate(row.cells):
            classes = " ".join(c for c in (f"cmp-{cell.mark}" if cell.mark else "", f"cmp-{cell.status}") if c)
            title = cell.evidence[0].quote if cell.evidence else (cell.flag or "")  # hover: the quote behind it
            cells.append(f'<td class="{classes}" title="{_e(title)}" data-key="{row.key}" '
                         f'data-vendor="{vendor}">{_cell_html(cell)}</td>')
        unit = f" ({_e(row.unit)})" if row.unit else ""
        rows.append(f"<tr><th>{_e(row.label)}{unit}</th>{''.join(cells)}</tr>")
    return (f'<div class="cmp-wrap"><table class="cmp-table" id="side-by-side"><thead><tr><th>Field</th>{"".join(head)}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _cell_html(cell: Cell) -> str:
    if cell.status != "stated":
        return _e(cell.flag or cell.status.replace("_", " "))
    page = f' <small class="cmp-page-ref">p.{cell.evidence[0].page}</small>' if cell.evidence else ""
    if cell.items and len(cell.items) > 1:
        shown = "".join(f"<li>{_e(shorten(item, CELL_CHARS))}</li>" for item in cell.items[:ITEMS_SHOWN])
        more = len(cell.items) - ITEMS_SHOWN
        cut = any(len(" ".join(item.split())) > CELL_CHARS for item in cell.items[:ITEMS_SHOWN])
        extra = (f'<span class="cmp-more">+{more} more — click to read all</span>' if more > 0 else
                 '<span class="cmp-more">click to read all</span>' if cut else "")  # an item cut short says so too
        return f'<ul class="cmp-items">{shown}</ul>{extra}{page}'
    short = shorten(cell.text, CELL_CHARS)
    extra = ' <span class="cmp-more">click to read all</span>' if short != cell.text else ""
    return f"{_e(short)}{extra}{page}"


def render_scores(comparison: Comparison) -> str:
    """Criteria × vendors: each score with how it was reached, whole-percentage weights, totals, ranks and ties."""
    specs = field_specs()
    shares = comparison.scorecard.percentages()
    head = "".join(f"<th>{_e(v.name)}</th>" for v in comparison.vendors)
    rows = []
    for index, criterion in enumerate(comparison.scorecard.criteria):
        cells = []
        for score in comparison.scores:
            item = score.criteria[index] if index < len(score.criteria) else None
            if item is None:
                cells.append("<td>—</td>")
                continue
            value = "left out" if item.score is None else f"{item.score:.1f} / 5"
            if item.coverage:
                value += f' <small class="cmp-coverage">({_e(item.coverage)})</small>'
            parts = []
            for part in item.parts:
                outcome = "left out" if part.score is None else format_number(part.score)
                band = f" ({_e(part.band)})" if part.band else ""
                weight = f" <i>×{format_number(part.weight)}</i>" if len(item.parts) > 1 else ""
                missing = " cmp-part-missing" if part.shown.startswith(("not stated", "conflicting")) else ""
                parts.append(f'<li class="cmp-part{missing}">{_e(specs[part.field].label)}: {_e(part.shown)} → '
                             f"{outcome}{band}{weight}</li>")
            cells.append(f'<td title="{_e(item.basis)}"><b>{value}</b><ul class="cmp-parts">{"".join(parts)}</ul></td>')
        rows.append(f"<tr><th>{_e(criterion.title)} <small>({shares[criterion.id]}%)</small></th>{''.join(cells)}</tr>")
    totals = "".join(f"<td><b>{'—' if s.total is None else f'{s.total:.1f}'}</b></td>" for s in comparison.scores)
    ranks = "".join(f"<td>{'—' if s.rank is None else ('=' if s.tied else '') + str(s.rank)}"
                    f"{' <span class=cmp-tie>tied</span>' if s.tied else ''}</td>" for s in comparison.scores)
    return (f'<table class="cmp-table" id="scores-table"><thead><tr><th>Criterion (weight)</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}<tr><th>Total (0-100)</th>{totals}</tr><tr><th>Rank</th>{ranks}</tr>"
            "</tbody></table>")


def render_questions(comparison: Comparison) -> str:
    """Clarification questions, grouped by vendor."""
    if not comparison.questions:
        return "No clarification questions: every field is stated."
    lines = ["### Clarification questions"]
    current = None
    for question in comparison.questions:
        if question.name != current:
            current = question.name
            lines.append(f"\n**{current}**")
        lines.append(f"- {question.question}")
    return "\n".join(lines)


def render_evidence(comparison: Comparison, files: dict[str, str], key: str, vendor: int) -> str:
    """The whole value of one cell, its quotes, and each quoted page as an image with the quote highlighted."""
    row = comparison.row(key)
    cell = row.cells[vendor]
    source = comparison.vendors[vendor].source
    name = comparison.vendors[vendor].name
    value = cell.text if cell.status == "stated" else (cell.flag or "not stated")
    parts = [f'<div class="ev-head"><button class="ev-close" title="Close" aria-label="Close">×</button>'
             f"<b>{_e(row.label)}</b> — {_e(name)}</div>"]
    if cell.items and len(cell.items) > 1:
        parts.append('<ul class="ev-value">' + "".join(f"<li>{_e(i)}</li>" for i in cell.items) + "</ul>")
    else:
        parts.append(f'<p class="ev-value">{_e(value)}</p>')
    if not cell.evidence:
        parts.append("<p>The proposal does not state this, so there is no page to show. It is on the clarification "
                     "list for this vendor.</p>")
        return _panel(parts)
    if cell.status == "conflicting":
        parts.append(f"<p>The proposal gives {len(cell.evidence)} different values; each is shown where it stands.</p>")
    # A conflicting cell's values come in evidence order: each quote is labelled with the value it gives.
    values = cell.candidates if cell.status == "conflicting" and len(cell.candidates) == len(cell.evidence) else []
    label = {id(e): f"<b>{_e(v)}</b> — " for e, v in zip(cell.evidence, values)}
    by_page: dict[int, list] = {}
    for evidence in cell.evidence:
        by_page.setdefault(evidence.page, []).append(evidence)
    for page, quotes in by_page.items():
        parts += [f'<p class="cmp-quote">{label.get(id(e), "")}{_where(e)}: “{_e(e.quote)}”</p>' for e in quotes]
        parts.append(_page_view(files.get(source), page, [e.quote for e in quotes],
                                comparison.page_texts.get(source, {}).get(page, ""), quotes[0].cell is not None))
    return _panel(parts)


def _panel(parts: list[str]) -> str:
    return f'<div class="ev-panel" role="dialog">{"".join(parts)}</div>'


def _where(evidence) -> str:
    return f"cell {_e(evidence.cell)}" if evidence.cell else f"p.{evidence.page}"


def _page_view(path: str | None, page: int, quotes: list[str], page_text: str, from_grid: bool) -> str:
    if path and Path(path).suffix.lower() == ".pdf" and not from_grid:
        try:
            image = render_page(Path(path), page, quotes, width=1100)
        except Exception:  # a page that cannot be drawn still has its text below
            image = None
        if image is not None:
            located = all(image.found(i) for i in range(len(quotes)))
            note = "" if located else ('<p class="ev-note">The quote could not be placed exactly on the page image; '
                                       "the page text below has it marked.</p>")
            data = base64.b64encode(image.png).decode("ascii")
            top = min((b[1] for boxes in image.boxes for b in boxes), default=0)
            img = (f'<img class="ev-page" alt="page {page} with the quote highlighted" data-focus="{top / image.height:.3f}" '
                   f'src="data:image/png;base64,{data}">')
            text = f'<details><summary>Page text</summary><pre class="cmp-page">{highlight(page_text, quotes)}</pre>' \
                   f"</details>" if page_text else ""
            return f'<div class="ev-image">{img}</div>{note}{text}'
    if page_text:
        return f'<pre class="cmp-page">{highlight(page_text, quotes)}</pre>'
    return ""


def highlight(page_text: str, quotes: list[str] | str) -> str:
    """Page text as HTML with each quote marked, matching across line breaks and repeated spaces."""
    spans = []
    for quote in [quotes] if isinstance(quotes, str) else quotes:
        words = [re.escape(w) for w in quote.split()]
        match = re.compile(r"\s+".join(words)).search(page_text) if words else None
        if match:
            spans.append((match.start(), match.end()))
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out += [html.escape(page_text[at:start]), "<mark>", html.escape(page_text[start:end]), "</mark>"]
        at = end
    return "".join(out) + html.escape(page_text[at:])


# Scoped to each component (gr.HTML css_template), so app.py's shared stylesheet stays as it is.
TABLE_CSS = """
/* The table scrolls inside its own box so the vendor names stay on top and the field names on the left. */
.cmp-wrap { overflow: auto; max-height: 85vh; }
#side-by-side { border-collapse: separate; border-spacing: 0; border: none; padding: 0; }
#side-by-side th, #side-by-side td { border-width: 0 1px 1px 0; }
#side-by-side tr > :first-child { border-left-width: 1px; }
#side-by-side thead th { border-top-width: 1px; }
#side-by-side thead th { position: sticky; top: 0; z-index: 2; }
#side-by-side tbody th { position: sticky; left: 0; z-index: 1; background: #f9fafb; }
td[data-key] { cursor: pointer; }
td[data-key]:hover { outline: 2px solid #84adff; outline-offset: -2px; }
.cmp-items { margin: 0; padding-left: 1.1em; }
.cmp-more { color: #1570ef; font-size: .8em; white-space: nowrap; }
.cmp-rank { color: #475467; font-weight: normal; }
.cmp-page-ref { color: #667085; }
"""
RANKING_CSS = """
.cmp-ranking ol { margin: .2em 0 .4em 1.4em; font-size: 1.05em; }
.cmp-tie { background: #fef0c7; color: #93370d; border-radius: 4px; padding: 0 6px; font-size: .85em; }
.cmp-tie-note { background: #fffaeb; border-left: 4px solid #f79009; padding: 4px 10px; }
.cmp-basis { color: #475467; font-size: .85em; }
"""
SCORES_CSS = """
.cmp-parts { margin: 2px 0 0 0; padding-left: 1em; font-size: .8em; color: #475467; }
.cmp-part-missing { color: #b42318; }
.cmp-coverage { color: #b42318; font-weight: normal; }
.cmp-tie { background: #fef0c7; color: #93370d; border-radius: 4px; padding: 0 6px; font-size: .85em; }
"""
EVIDENCE_CSS = """
.ev-panel { position: fixed; top: 3vh; right: 1vw; width: min(820px, 58vw); max-height: 94vh; overflow-y: auto;
  background: var(--background-fill-primary, white); border: 1px solid #d0d5dd; border-radius: 8px;
  box-shadow: 0 8px 30px rgba(16, 24, 40, .25); padding: 10px 16px; z-index: 1000; }
.ev-close { float: right; font-size: 24px; line-height: 1; border: none; background: none; cursor: pointer; }
.ev-value { background: #f9fafb; padding: 6px 10px; border-radius: 4px; }
.ev-image { overflow-x: auto; }
.ev-page { width: 100%; border: 1px solid #eaecf0; cursor: zoom-in; }
.ev-page.ev-zoom { width: 180%; cursor: zoom-out; }
.ev-note { color: #93370d; font-size: .85em; }
.cmp-quote mark, .cmp-page mark { background: #fde272; }
.cmp-page { white-space: pre-wrap; max-height: 20em; overflow-y: auto; background: #f9fafb; padding: 8px; }
"""
