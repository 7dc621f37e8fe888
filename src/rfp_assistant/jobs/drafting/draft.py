"""Draft an RFP from a brief: parse, write each catalog section for this program, ground it, list the gaps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rfp_assistant.errors import LLMError
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.drafting import render as R
from rfp_assistant.jobs.drafting.brief import parse_brief
from rfp_assistant.jobs.drafting.catalog import section_catalog
from rfp_assistant.jobs.drafting.citations import cite, retrieve
from rfp_assistant.jobs.drafting.clause_check import missing_clauses
from rfp_assistant.jobs.drafting.gaps import find_gaps
from rfp_assistant.jobs.drafting.placement import place_clauses
from rfp_assistant.schemas.brief import ProjectBrief, RfpDraft, RfpSection
from rfp_assistant.jobs.drafting.section_parts import BRIEF_HEADING
from rfp_assistant.jobs.drafting.sections import assemble, write_parts

Progress = Callable[[float, str], None]
MAX_FAILURES_IN_A_ROW = 2


def draft_rfp(brief_text_or_path: str | Path, index: WorkspaceIndex, *, chat=None,
              progress: Progress | None = None) -> RfpDraft:
    """Draft a complete RFP from a brief (text, a file path, or YAML/JSON), offline or with the model."""
    try:
        brief = parse_brief(brief_text_or_path, chat=chat)
    except LLMError as exc:
        # A team asking for a draft is better served by the offline draft, clearly labelled, than by nothing.
        draft = draft_from_brief(parse_brief(brief_text_or_path), index, progress=progress)
        note = f"The model could not read the brief ({exc}), so the whole draft was written offline."
        return draft.model_copy(update={"warnings": [note, *draft.warnings]})
    return draft_from_brief(brief, index, chat=chat, progress=progress)


def draft_from_brief(brief: ProjectBrief, index: WorkspaceIndex, *, chat=None,
                     progress: Progress | None = None) -> RfpDraft:
    """Write the 13 sections for an already parsed brief."""
    sections: list[RfpSection] = []
    warnings: list[str] = []
    specs = section_catalog()
    failures_in_a_row, used_model = 0, False
    placed = place_clauses(brief.clauses)
    for position, spec in enumerate(specs):
        if progress:
            progress(position / len(specs), f"Drafting {spec.title}")
        parts = write_parts(spec, brief)
        parts.brief_clauses = placed[spec.id]
        hits = retrieve(index, spec, parts.requirements)
        markers, citations = cite(index, hits, parts.requirements)
        section = RfpSection(id=spec.id, title=spec.title, markdown=assemble(parts, markers), citations=citations,
                             brief_clauses=placed[spec.id])
        if chat is not None and spec.id != "response_form":
            from rfp_assistant.jobs.drafting.llm_sections import write_with_model

            try:
                section = write_with_model(chat, spec, brief, parts, hits, section, warnings)
                failures_in_a_row, used_model = 0, True
            except LLMError as exc:
                # One failed section should not cost the team the other twelve; the offline text stands in.
                warnings.append(f"{spec.title}: the model failed ({exc}); the offline section was used instead.")
                failures_in_a_row += 1
                if failures_in_a_row == MAX_FAILURES_IN_A_ROW:
                    # An endpoint that is down stays down: stop waiting on it for every remaining section.
                    warnings.append("The model failed on two sections in a row; the remaining sections were "
                                    "written offline.")
                    chat = None
        sections.append(section)
    sections = keep_every_clause(sections, brief.clauses, warnings)
    if progress:
        progress(1.0, "Draft ready")
    return RfpDraft(title=draft_title(brief), brief=brief, sections=sections, gaps=find_gaps(brief),
                    mode="llm" if used_model else "offline", warnings=warnings)


def keep_every_clause(sections: list[RfpSection], clauses: list[str], warnings: list[str]) -> list[RfpSection]:
    """The sections, with any clause of the brief no section carries any more added to the overview."""
    lost = missing_clauses(clauses, "\n".join(s.markdown for s in sections))
    if not lost:
        return sections
    warnings.append(f"{len(lost)} statement(s) of the brief were missing from the draft and were added to the overview.")
    overview = sections[0]
    block = f"\n\n**{BRIEF_HEADING}**\n\n" + "\n".join(f"- {clause}" for clause in lost)
    return [overview.model_copy(update={"markdown": overview.markdown.rstrip() + block + "\n",
                                        "brief_clauses": overview.brief_clauses + lost}), *sections[1:]]


def draft_title(brief: ProjectBrief) -> str:
    """The brief's own title, else one built from what the brief states."""
    if brief.stated("title"):
        return brief.value("title")
    pieces = [p for p in (brief.value("product_name"), R.modality(brief), brief.value("phase")) if p]
    title = "Request for Proposal: " + (", ".join(pieces) if pieces else "CDMO development and manufacturing services")
    return f"{brief.value('company_name')} — {title}" if brief.stated("company_name") else title
