"""Page-aware text of a loaded document, and the small helpers every reader shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rfp_assistant.errors import DocumentError

# An image-bearing page with less text than this is probably a scan with a caption or stamp.
SCAN_SUSPECT_CHARS = 40
# Default page limit (Settings.max_pages, RFP_MAX_PAGES, overrides it): a thousand-page file is a reference
# work, several thousand one-word pages is an attack on the index.
MAX_PAGES = 2000


@dataclass
class Page:
    """The text of one page; `number` is 1-based.

    `label` names the page where a number alone does not ("sheet Budget", "slide 2"); `locations` maps a line of
    `text` that is a table row to where it sits ("sheet Budget, row 3"), so a row is one unit and can be cited.
    """

    number: int
    text: str
    label: str = ""
    locations: dict[str, str] = field(default_factory=dict)
    layout: str = ""
    """The text placed by position, for a PDF page read one table cell per line when asked (load_document(layouts=
    True)): where its table columns and their headers are."""


@dataclass
class LoadedDocument:
    """A readable document: its pages, a content hash, and warnings worth showing the user."""

    source: str
    file_type: str
    pages: list[Page]
    sha256: str
    warnings: list[str] = field(default_factory=list)
    attachments: list[LoadedDocument] = field(default_factory=list)
    """Documents carried inside this one (an e-mail's attachments), each indexed as a document of its own."""
    attachment_errors: list[DocumentError] = field(default_factory=list)
    """Attachments of a supported type that could not be read, each with its plain-words reason."""

    @property
    def page_count(self) -> int:
        """Number of pages (1 for formats without pages)."""
        return len(self.pages)

    def page_text(self, number: int) -> str:
        """Text of page `number` (1-based), empty when out of range."""
        if 1 <= number <= len(self.pages):
            return self.pages[number - 1].text
        return ""


class PageBuilder:
    """Collects the lines of one page, remembering where each table row sits."""

    def __init__(self, number: int, label: str = ""):
        self.number, self.label = number, label
        self.lines: list[str] = []
        self.locations: dict[str, str] = {}

    def heading(self, text: str, level: int = 1) -> None:
        """A heading line (Markdown), which the chunker reads as the section of what follows."""
        text = " ".join(text.split())
        if text:
            self.lines.append("#" * level + " " + text)

    def line(self, text: str, location: str = "") -> None:
        """A line of text; with `location` it is a row: one unit, cited with where it sits."""
        text = " ".join(text.split())
        if not text:
            return
        self.lines.append(text)
        if location:
            self.locations.setdefault(text, location)

    def blank(self) -> None:
        """A paragraph break."""
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def build(self) -> Page:
        """The finished page."""
        return Page(self.number, "\n".join(self.lines).strip(), self.label, self.locations)


def too_many_pages(count: int, limit: int) -> str:
    """Plain-words reason for a document over the page limit."""
    return (f"the document has {count:,} pages, over the {limit:,}-page limit (RFP_MAX_PAGES); "
            "split it into smaller files or raise the limit")


def pages_warning(numbers: list[int], what: str) -> str:
    """A warning naming the pages it applies to ("page 3: …", "pages 2, 5: …")."""
    if len(numbers) == 1:
        return f"page {numbers[0]}: " + what.format(is_are="is it")
    listed = ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
    return f"pages {listed}: " + what.format(is_are="are they")


def clean_text(text: str) -> str:
    """Normalise line ends and runs of spaces; keep paragraph breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def short_reason(exc: BaseException) -> str:
    """An exception as a short phrase for a refusal message."""
    message = str(exc).strip() or type(exc).__name__
    return message if len(message) < 120 else message[:117] + "…"
