"""Read a batch of proposal files (PDFs, documents, filled bid grids): one result per file, in order; a bad file
gets its error, the rest go on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rfp_assistant.config import Settings
from rfp_assistant.core.documents import load_document
from rfp_assistant.errors import DocumentError
from rfp_assistant.jobs.extraction.bid_grid import read_bid_grid
from rfp_assistant.jobs.extraction.offline import extract_offline
from rfp_assistant.schemas.proposal import ProposalExtraction

Progress = Callable[[float, str], None]


def extract_proposals(
    paths: Iterable[str | Path], settings: Settings, *, chat=None, names: list[str] | None = None,
    progress: Progress | None = None, workspace: str | None = None, page_texts: dict | None = None,
) -> list[ProposalExtraction]:
    """Extract every file into comparison schema v1 (offline, or with the model when `chat` is given).

    When `page_texts` is given it is filled with {file name: {page number: text}} of every document read, so a
    viewer can show the evidence without reading the files a second time.

    Model readings are cached in `workspace` (default: the configured one), where deleting the file or the
    workspace removes them.
    """
    files = [Path(p) for p in paths]
    results: list[ProposalExtraction] = []
    for position, path in enumerate(files):
        name = names[position] if names and position < len(names) else path.name
        if progress:
            progress(position / max(len(files), 1), f"Reading {name} ({position + 1}/{len(files)})")
        try:
            grid = read_bid_grid(path, name, max_bytes=int(settings.max_file_mb * 1_000_000))
            if grid is not None:  # a filled bid grid is read cell by cell, never by the model
                results.append(grid)
                continue
            document = load_document(path, max_bytes=int(settings.max_file_mb * 1_000_000), source=name,
                                     max_pages=settings.max_pages, layouts=True)
        except DocumentError as exc:
            results.append(ProposalExtraction(source=name, error=exc.reason, mode="llm" if chat else "offline"))
            continue
        if page_texts is not None:
            page_texts[name] = {page.number: page.text for page in document.pages}
        offline = extract_offline(document)
        if chat is None:
            results.append(offline)
            continue
        from rfp_assistant.jobs.extraction.llm import extract_with_llm

        results.append(extract_with_llm(document, chat, cache_dir=settings.workspace_dir(workspace), offline=offline))
    if progress:
        progress(1.0, f"Read {len(files)} proposal(s)")
    return results
