"""Write a drafted RFP: vendor-facing DOCX or Markdown (or the sponsor's internal version), the XLSX bid grid, JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from rfp_assistant.core.storage.files import write_atomically
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.jobs.drafting.bid_grid import write_bid_grid
from rfp_assistant.jobs.drafting.docx_rfp import write_rfp_docx
from rfp_assistant.jobs.drafting.versions import open_points_left, section_markdown, sources_lines
from rfp_assistant.schemas.brief import RfpDraft

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".json": "json", ".xlsx": "xlsx"}

__all__ = ["FORMATS", "open_points_left", "rfp_json", "rfp_markdown", "write_rfp", "write_rfp_docx"]


def rfp_markdown(draft: RfpDraft, *, internal: bool = False) -> str:
    """The RFP as one Markdown document: vendor-facing, or `internal` with citations, sources and open points."""
    sponsor = draft.brief.value("company_name")
    issued = f"Request for Proposal{f' from {sponsor}' if sponsor else ''}, {dt.date.today().isoformat()}"
    if internal:
        mode = "written with the language model" if draft.mode == "llm" else "offline"
        out = [f"# {draft.title}", "", f"_{issued}. **Internal version** (draft, {mode}) with citations, sources and "
               "open points: do not send it; send the vendor version._", ""]
    else:
        out = [f"# {draft.title}", "", f"_{issued}. Confidential: for CDMOs invited to respond._", ""]
    for number, section in enumerate(draft.sections, start=1):
        out += [f"## {number}. {section.title}", "", section_markdown(section, internal).strip(), ""]
    if internal:
        out += ["## Sources", ""] + sources_lines(draft) + [""]
        if draft.gaps:
            out += ["## Open points to settle before issue", "",
                    "_For the sponsor team: settle these, then send the vendor version._", ""]
            out += [f"- **{gap.field}:** {gap.question}" for gap in draft.gaps] + [""]
    return "\n".join(out)


def rfp_json(draft: RfpDraft) -> str:
    """The JSON contract of `rfp-assistant draft --json` (DESIGN.md section 6)."""
    return json.dumps(draft.contract_dict(), indent=2, ensure_ascii=False)


def write_rfp(draft: RfpDraft, path: str | Path, fmt: str | None = None, *, internal: bool = False) -> Path:
    """Write the draft to `path` as docx, md, xlsx (the bid grid) or json (from `fmt`, else the file suffix).

    DOCX and Markdown are the vendor-facing RFP unless `internal` asks for the sponsor's version.
    """
    path = Path(path)
    fmt = (fmt or FORMATS.get(path.suffix.lower(), "")).lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in ("docx", "md", "json", "xlsx"):
        raise ConfigurationError(f"Cannot write an RFP as '{path.suffix or fmt}'. Use .docx, .md, .xlsx or .json.")
    if internal and fmt not in ("docx", "md"):
        raise ConfigurationError("--internal applies to the RFP document (docx or md); the bid grid and the JSON "
                                 "have one version.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # `-o drafts/rfp.docx` makes the folder, as before
    except OSError:
        pass  # write_atomically names the problem
    if fmt == "docx":
        write_atomically(path, lambda tmp: write_rfp_docx(draft, tmp, internal=internal))
    elif fmt == "xlsx":
        write_atomically(path, lambda tmp: write_bid_grid(draft, tmp))
    else:
        text = rfp_markdown(draft, internal=internal) if fmt == "md" else rfp_json(draft) + "\n"
        write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path
