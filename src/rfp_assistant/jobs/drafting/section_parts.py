"""The pieces of one RFP section (facts, requirements, asks) and the helpers every section writer uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rfp_assistant.jobs.drafting import render as R
from rfp_assistant.jobs.drafting.gaps import is_open
from rfp_assistant.schemas.brief import ProjectBrief


BRIEF_HEADING = "From the program brief"


@dataclass
class Parts:
    """The pieces of one section before citations are attached."""

    intro: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)
    requirements_title: str = "Requirements"
    brief_clauses: list[str] = field(default_factory=list)
    """The brief's clauses placed in this section, shown in the sponsor's words."""


def fact(brief: ProjectBrief, name: str, render: Callable[[ProjectBrief], str] | None = None) -> str | None:
    """The rendered fact when stated, its open point when the program needs it, else None (row omitted)."""
    if brief.stated(name):
        return render(brief) if render is not None else str(brief.value(name))
    return R.open_point(name) if is_open(brief, name) else None


def add_fact(parts: Parts, label: str, value: str | None) -> None:
    """Add a 'label: value' row unless the value is None."""
    if value:
        parts.facts.append((label, value))


def sponsor(brief: ProjectBrief) -> str:
    """The sponsor's name, or 'The sponsor'."""
    return brief.value("company_name") or "The sponsor"


def program_name(brief: ProjectBrief) -> str:
    """'ACM-114' or 'the program'."""
    return brief.value("product_name") or "the program"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; pipes inside cells are escaped."""
    def cell(value: str) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def assemble(parts: Parts, markers: dict[int, list[int]] | None = None) -> str:
    """Markdown of a section; `markers` maps a requirement's index to its citation numbers."""
    markers = markers or {}
    out: list[str] = []
    out += [p for p in parts.intro if p]
    if parts.facts:
        out.append("**Program facts**\n\n" + "\n".join(f"- **{label}:** {value}" for label, value in parts.facts))
    if parts.brief_clauses:
        out.append(f"**{BRIEF_HEADING}**\n\n" + "\n".join(f"- {clause}" for clause in parts.brief_clauses))
    out += [b for b in parts.blocks if b]
    if parts.requirements:
        lines = []
        for i, text in enumerate(parts.requirements):
            cite = "".join(f" [{n}]" for n in markers.get(i, []))
            lines.append(f"- {text}{cite}")
        out.append(f"**{parts.requirements_title}**\n\n" + "\n".join(lines))
    if parts.asks:
        out.append("**Respondents are asked to:**\n\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(parts.asks, 1)))
    return "\n\n".join(out).strip() + "\n"
