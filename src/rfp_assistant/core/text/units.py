"""A passage's answer units: sentences, list items and table rows, each with the line that introduces it.

One splitter serves ingest (which stores a vector per unit) and answering (which reads them back by position),
so both must see the same units; a change here changes stored positions, hence UNITS_VERSION.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rfp_assistant.core.text.sentences import normalize_whitespace, split_sentences

UNITS_VERSION = 1
"""Bump when the splitting changes: stored unit vectors of an older version are recomputed instead of misread."""

_ITEM = re.compile(r"^([-*•▪]|\d{1,2}[.)])\s")
# Table rows and spreadsheet-like lines: "| a | b |", "1 Tech transfer fee 450", "fees ........ USD 350k",
# "Item: Audits | Amount: 60,000" (a spreadsheet, CSV or slide row).
_ROW = re.compile(r"^(\||\d{1,2} [A-Z])|\.{4,}|\s\.\s|\S \| \S")


@dataclass(frozen=True)
class Unit:
    """One sentence, list item or row of a passage, verbatim on one line."""

    text: str
    lead: str
    """For a list item or row, the sentence introducing its list ("Typical costs include:"); else ""."""
    block: int
    """Number of the paragraph or item it belongs to: sentences of one paragraph share it."""
    is_row: bool


def passage_units(text: str) -> list[Unit]:
    """Sentences, list items and table or spreadsheet rows of a passage, in reading order."""
    units: list[Unit] = []
    lead = ""
    for number, (block, is_row) in enumerate(_blocks(text)):
        pieces = [normalize_whitespace(block)] if is_row else split_sentences(block)
        units.extend(Unit(piece, lead if is_row else "", number, is_row) for piece in pieces)
        if not is_row and pieces:
            lead = pieces[-1]
    return units


def _blocks(text: str) -> list[tuple[str, bool]]:
    """Paragraphs and rows (list items, table rows, spreadsheet-like lines), each joined onto one line."""
    blocks: list[tuple[list[str], str]] = []
    for line in (raw.strip() for raw in text.split("\n")):
        kind = "item" if _ITEM.match(line) else "row" if _ROW.search(line) else "para"
        if not line:
            blocks.append(([], "para"))
        elif kind == "para" and blocks and blocks[-1][0] and (
            blocks[-1][1] == "para" or (blocks[-1][1] == "item" and line[:1].islower())
        ):
            blocks[-1][0].append(line)  # a wrapped line continues its paragraph or list item
        else:
            blocks.append(([line], kind))
    return [(" ".join(lines), kind != "para") for lines, kind in blocks if lines]
