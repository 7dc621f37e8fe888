"""A brief cut into units (sentences, bullets, "key: value" pairs) and the BriefField builders the readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rfp_assistant.core.text.sentences import normalize_whitespace, split_sentences
from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.schemas.brief import BriefField


@dataclass(frozen=True)
class Unit:
    """One sentence, bullet or "key: value" line of the brief; `key` is the ProjectBrief field its key names."""

    text: str
    key: str | None = None


KEY_LINE = re.compile(r"^\s*([A-Za-z](?:[A-Za-z _/-]|\.(?= )){0,30}?)\s*:\s+(\S.*)$")
_BULLET = re.compile(r"^\s*[-*•▪]\s+")
_FORM_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]\s+)?(?P<label>[A-Za-z][^.:\n]{0,50}?)\s*\.{2,}\s+(?P<value>\S.*)$")
_HEADER = re.compile(r"^\s*(?:From|To|Cc|Sent|Date)\s*:", re.I)
def units_from_text(text: str) -> list[Unit]:
    """Sentences and bullets of a free-text brief; 'Key: value' lines carry their key's field."""
    units: list[Unit] = []
    for line in text.splitlines():
        if _HEADER.match(line):
            continue
        cells = [c.strip() for c in line.strip().split("\t") if c.strip()]
        if len(cells) >= 2:  # a row pasted from a spreadsheet reads as 'Label: value; other cells'
            line = f"{cells[0]}: {'; '.join(cells[1:])}"
        line = form_line(line)
        for sentence in split_sentences(line):
            sentence = _BULLET.sub("", sentence)
            m = KEY_LINE.match(sentence)
            key = key_field(m.group(1)) if m else None
            units.append(Unit(sentence, key))
    return units


def form_line(line: str) -> str:
    """An intake form's line as 'Label: value' ("4. Drug product ........ N/A" reads "Drug product: N/A")."""
    m = _FORM_LINE.match(line)
    return f"{m.group('label').strip()}: {m.group('value').strip()}" if m else line


def units_from_mapping(data: dict) -> list[Unit]:
    """'key: value' units of a YAML/JSON brief, one per scalar (list items get their own unit)."""
    units: list[Unit] = []

    def walk(key: str, value) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(str(k), v)
        elif isinstance(value, list):
            for item in value:
                walk(key, item)
        elif value is not None:
            human = key.replace("_", " ")
            units.append(Unit(f"{human}: {value}", key_field(key) or _key_hint(key)))

    for k, v in data.items():
        walk(str(k), v)
    return units


def key_field(label: str) -> str | None:
    """The ProjectBrief field a 'Label:' names; a count's label names what it counts ('No. of batches')."""
    snake = _snake(label)
    return T.KEY_FIELDS.get(snake) or T.KEY_FIELDS.get(re.sub(r"^(?:no|nr|num|number|count|total)_(?:of_)?", "", snake))


def _snake(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", key.strip().lower()).strip("_")


def _key_hint(key: str) -> str | None:
    k = _snake(key)
    if k.startswith("budget"):
        return "budget"
    return "timeline" if re.search(r"first|start|date|deadline|fih|launch|release", k) else None


def value_part(unit: Unit) -> str:
    """The value of a 'key: value' unit, or the whole unit."""
    m = KEY_LINE.match(unit.text)
    return m.group(2).strip() if m and unit.key else unit.text


def stated(value, text: str) -> BriefField:
    """A stated field with the brief's words."""
    return BriefField(status="stated", value=value, text=[normalize_whitespace(text)])


def listed(pairs: list[tuple[object, str]]) -> BriefField:
    """A stated list field from (value, words) pairs; missing when there are none."""
    if not pairs:
        return BriefField()
    return BriefField(status="stated", value=[v for v, _ in pairs], text=[normalize_whitespace(t) for _, t in pairs])
