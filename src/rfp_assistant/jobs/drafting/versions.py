"""What differs between the vendor-facing RFP and the sponsor's internal version of the same draft."""

from __future__ import annotations

import re

from rfp_assistant.jobs.drafting.render import OPEN_POINT
from rfp_assistant.schemas.brief import RfpDraft, RfpSection

# "[1]", "[2, 3]", "[1-2]" after a statement: citation markers into the section's sources.
_MARKERS = re.compile(r"(?:[^\S\n]*\[\d+(?:\s*[,–-]\s*\d+)*\])+")


def section_markdown(section: RfpSection, internal: bool) -> str:
    """The section's Markdown; vendors get it without the [n] citation markers."""
    return section.markdown if internal else _MARKERS.sub("", section.markdown)


def program_label(draft: RfpDraft) -> str:
    """What the page header names: 'ACM-455 — Request for Proposal'."""
    name = draft.brief.value("product_name") or draft.brief.value("company_name")
    return f"{name} — Request for Proposal" if name else "Request for Proposal"


def sources_lines(draft: RfpDraft) -> list[str]:
    """The internal version's source list: per section, each cited passage with where it is."""
    lines: list[str] = []
    for number, section in enumerate(draft.sections, start=1):
        if not section.citations:
            continue
        lines += [f"**{number}. {section.title}**", ""]
        lines += [f"{i}. {c.source}, {c.where} — “{c.quote}”" for i, c in enumerate(section.citations, start=1)]
        lines.append("")
    return lines or ["No passages were cited."]


def open_points_left(draft: RfpDraft) -> int:
    """How many '[To be confirmed: …]' markers the vendor version still carries."""
    return sum(len(OPEN_POINT.findall(s.markdown)) for s in draft.sections)
