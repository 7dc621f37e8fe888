"""HTML reader (saved wiki pages, exported intranet pages): the main text, without menus, scripts or styles.

BeautifulSoup with the lxml parser finds the page's main content (<main>, <article>, the wiki's content
area, else <body>), drops navigation, headers and footers around it, scripts, styles and hidden
elements, and keeps headings, paragraphs, list items and tables (rows with their column names, cited
as "table 1, row 3"). The page is one page.
"""

from __future__ import annotations

import re

from rfp_assistant.core.documents.pages import Page, PageBuilder
from rfp_assistant.core.documents.sniff import from_utf16, sniff_mismatch
from rfp_assistant.core.documents.tables import header_names, is_header, render_row
from rfp_assistant.errors import EmptyDocumentError

_DROP = {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form", "button",
         "select", "input", "textarea", "nav", "aside", "menu", "dialog", "head", "link", "meta"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"}
# Class or id words of page furniture in wikis and intranets (MediaWiki, Confluence, SharePoint exports).
_FURNITURE = re.compile(r"(?<![a-z])(nav|navbar|navigation|menu|sidebar|breadcrumbs?|footer|toc|cookie|skip-link|"
                        r"mw-navigation|mw-jump|page-metadata|likes-and-labels)(?![a-z])", re.I)
_MAIN = ("main", "[role=main]", "#main-content", "#mw-content-text", ".wiki-content", "#content", "article")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK = {"p", "div", "section", "article", "main", "body", "ul", "ol", "dl", "dt", "dd", "blockquote", "figure",
          "figcaption", "address", "header", "footer", "hr", "center", "details", "summary", "caption"}


def read_html(data: bytes, source: str) -> tuple[list[Page], list[str]]:
    """The page's main text and the warnings; refuses a page with no readable text."""
    utf8 = from_utf16(data)
    sniff_mismatch(utf8, source, "html")
    page = PageBuilder(1)
    # Decoded here when it was UTF-16, so a <meta charset="utf-16"> cannot mislead the parser.
    warnings = html_into(utf8.decode("utf-8") if utf8 is not data else data, page)
    built = page.build()
    if not built.text.strip():
        raise EmptyDocumentError(source, "the page has no readable text: it holds only scripts, styles or menus "
                                         "(a page drawn by JavaScript); save it from the browser as PDF instead")
    return [built], warnings


def html_into(markup: bytes | str, page: PageBuilder, *, title: bool = True) -> list[str]:
    """Add the main text of an HTML page to `page`; returns warnings (hidden text left out)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    heading = soup.title.get_text(" ", strip=True) if title and soup.title else ""
    hidden = 0
    for element in soup.find_all(True):
        if element.decomposed:
            continue
        if _is_hidden(element):
            hidden += len(element.get_text(" ", strip=True))
            element.decompose()
        elif element.name in _DROP or _is_furniture(element):
            element.decompose()
    root = next((found for selector in _MAIN if (found := soup.select_one(selector))), None) or soup.body or soup
    for element in root.find_all(("header", "footer")):
        if element.find_parent("article") is None:
            element.decompose()
    if heading and root.find("h1") is None:  # a page's own h1 is its title; <title> often adds the site's name
        page.heading(heading)
    _Walker(page).walk(root)
    return [f"hidden text was left out of the page ({hidden:,} characters)"] if hidden else []


def _is_hidden(element) -> bool:
    attrs = element.attrs or {}
    return ("hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true"
            or bool(_HIDDEN_STYLE.search(str(attrs.get("style", "")))))


def _is_furniture(element) -> bool:
    if element.name in ("body", "html", "main", "article"):
        return False
    attrs = element.attrs or {}
    if str(attrs.get("role", "")).lower() in _DROP_ROLES:
        return True
    words = " ".join([str(attrs.get("id", "")), *[str(c) for c in attrs.get("class", []) or []]])
    return bool(_FURNITURE.search(words))


class _Walker:
    """Turns the DOM into lines: headings, paragraphs, list items ("- "), table rows."""

    def __init__(self, page: PageBuilder):
        self.page = page
        self.inline: list[str] = []
        self.prefix = ""
        self.tables = 0

    def flush(self) -> None:
        text = " ".join("".join(self.inline).split())
        if text:
            self.page.line(self.prefix + text)
        self.inline, self.prefix = [], ""

    def walk(self, node) -> None:
        from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

        for child in list(node.children):
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.inline.append(str(child))
            elif isinstance(child, Tag):
                self.element(child)

    def element(self, tag) -> None:
        name = tag.name
        if name == "br":
            self.flush()
        elif re.fullmatch(r"h[1-6]", name):
            self.flush()
            self.page.heading(tag.get_text(" ", strip=True), int(name[1]))
        elif name == "table":
            self.flush()
            self.table(tag)
        elif name == "li":
            self.flush()
            self.prefix = "- "
            self.walk(tag)
            self.flush()
        elif name == "pre":
            self.flush()
            for line in tag.get_text().split("\n"):
                self.page.line(line)
            self.page.blank()
        elif name in _BLOCK:
            self.flush()
            self.walk(tag)
            self.flush()
            if name in ("p", "div", "section", "blockquote"):
                self.page.blank()
        else:
            self.walk(tag)

    def table(self, table) -> None:
        self.tables += 1
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        headers: list[str] = []
        self.page.blank()
        for number, tr in enumerate(rows, start=1):
            cells = [cell.get_text(" ", strip=True) for cell in tr.find_all(("td", "th"), recursive=False)]
            if not any(cells):
                continue
            header_row = tr.find("td", recursive=False) is None or tr.find_parent("thead") is not None
            if not headers and number <= 2 and (header_row or is_header(cells)):
                headers = header_names(cells)
                continue
            self.page.line(render_row(headers, cells), f"table {self.tables}, row {number}")
        self.page.blank()
