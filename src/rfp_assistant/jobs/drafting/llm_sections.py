"""LLM section writing under the offline draft's rules: verified quotes, open points kept, no new specifics."""

from __future__ import annotations

import re

from rfp_assistant.core.text.sentences import normalize_whitespace, quote_in_text
from rfp_assistant.core.values import find_dates, find_money, find_volumes
from rfp_assistant.core.retrieval.index import SearchHit
from rfp_assistant.schemas.common import Citation, Model
from rfp_assistant.jobs.drafting.catalog import SectionSpec
from rfp_assistant.schemas.brief import ProjectBrief, RfpSection
from rfp_assistant.jobs.drafting.render import OPEN_POINT
from rfp_assistant.jobs.drafting.clause_check import missing_clauses
from rfp_assistant.jobs.drafting.section_parts import BRIEF_HEADING, Parts

MAX_PASSAGES = 8


class _LLMCitation(Model):
    """A verbatim quote from one numbered passage."""

    passage: int
    """The passage number, as given in the prompt."""
    quote: str
    """Text copied exactly from that passage (one sentence or less)."""


class LLMSection(Model):
    """One RFP section written for this program."""

    markdown: str
    """The section body in Markdown, without its heading; statements grounded in a passage end with [n]."""
    citations: list[_LLMCitation]
    """For each passage number used in the markdown, a quote copied exactly from that passage."""


def write_with_model(chat, spec: SectionSpec, brief: ProjectBrief, parts: Parts, hits: list[SearchHit],
                     offline: RfpSection, warnings: list[str]) -> RfpSection:
    """The model's section, checked against the brief and the passages; the offline section when it fails the checks."""
    hits = hits[:MAX_PASSAGES]
    open_points = list(dict.fromkeys(OPEN_POINT.findall(offline.markdown)))
    passages = [{"number": i, "source": h.chunk.source, "page": h.chunk.page, "section": h.chunk.section,
                 "text": h.chunk.text} for i, h in enumerate(hits, start=1)]
    facts = [f"{label}: {value}" for label, value in parts.facts if not OPEN_POINT.fullmatch(value)]
    reply = chat.structured(
        "draft_section.v2", LLMSection, title=spec.title, purpose=spec.purpose, facts=facts,
        open_points=open_points, requirements=parts.requirements, asks=parts.asks, passages=passages,
        program_blocks=[b for b in parts.blocks if b], brief_statements=parts.brief_clauses,
    )
    citations: list[Citation] = []
    renumber: dict[int, int] = {}
    for cited in reply.citations:
        if cited.passage in renumber:
            continue
        if not 1 <= cited.passage <= len(hits) or not quote_in_text(cited.quote, hits[cited.passage - 1].chunk.text):
            warnings.append(f"{spec.title}: a citation the model gave (passage {cited.passage}) is not in that "
                            "passage and was dropped.")
            continue
        chunk = hits[cited.passage - 1].chunk
        citations.append(Citation(source=chunk.source, page=chunk.page, quote=normalize_whitespace(cited.quote)))
        renumber[cited.passage] = len(citations)
    markdown = re.sub(r"\s?\[(\d+)\]", lambda m: f" [{renumber[int(m.group(1))]}]" if int(m.group(1)) in renumber
                      else "", reply.markdown).strip()
    unsupported = unsupported_specifics(markdown, brief, offline.markdown, [h.chunk.text for h in hits])
    if unsupported or not markdown:
        warnings.append(f"{spec.title}: the model's text stated {', '.join(unsupported) or 'nothing'} not given in "
                        "the brief; the offline section was used instead.")
        return offline
    missing_points = [p for p in open_points if p not in markdown]
    if missing_points:
        markdown += "\n\n**Open points**\n\n" + "\n".join(f"- {p}" for p in missing_points)
    for block in parts.blocks:
        lines = [line for line in block.splitlines() if line.strip() and not re.fullmatch(r"[|\s:-]+", line)]
        if any(_squash(line) not in _squash(markdown) for line in lines):
            markdown += "\n\n" + block
    missing_facts = [(label, value) for label, value in parts.facts
                     if not OPEN_POINT.fullmatch(value) and _squash(value) not in _squash(markdown)]
    if missing_facts:
        markdown += "\n\n**Program facts**\n\n" + "\n".join(f"- **{label}:** {value}" for label, value in missing_facts)
    dropped = missing_clauses(parts.brief_clauses, markdown)
    if dropped:
        # The brief's own words are the repair: the offline placement put these clauses in this section.
        markdown += f"\n\n**{BRIEF_HEADING}**\n\n" + "\n".join(f"- {clause}" for clause in dropped)
        warnings.append(f"{spec.title}: the model's text left out {len(dropped)} statement(s) of the brief, or changed "
                        "a number, name or qualifier in them; they were added back in the sponsor's words.")
    return RfpSection(id=spec.id, title=spec.title, markdown=markdown.strip() + "\n", citations=citations,
                      brief_clauses=parts.brief_clauses)


def unsupported_specifics(markdown: str, brief: ProjectBrief, offline_markdown: str, passages: list[str]) -> list[str]:
    """Amounts, volumes and dates in the model's text that neither the brief, the offline draft nor a passage gives."""
    known = "\n".join([brief.model_dump_json(), offline_markdown, *passages])
    known_values = {_key(m.value) for finder in (find_money, find_volumes, find_dates) for m in finder(known)}
    text = OPEN_POINT.sub(" ", markdown)
    return [m.text for finder in (find_money, find_volumes, find_dates) for m in finder(text)
            if _key(m.value) not in known_values]


def _key(value) -> str:
    if hasattr(value, "amount"):
        return f"{value.currency}:{round(value.amount, 2)}"
    if hasattr(value, "year"):
        return f"date:{value.year}-{value.month}"
    return f"num:{round(float(value), 3)}"


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())
