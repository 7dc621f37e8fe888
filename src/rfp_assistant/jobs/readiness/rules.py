"""The readiness checklist (knowledge/checklist.yaml), its cue matching, and evidence retrieval per item.

For each item the offline engine retrieves passages with the item's queries and subject, keeps the best
ones that carry a cue, and reads them together with the rest of their section (a roster or register split
across chunks is one table). What the passages show is decided in `evidence` from their language.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import yaml
from pydantic import Field

from rfp_assistant.core.documents.chunking import Chunk
from rfp_assistant.errors import ConfigurationError
from rfp_assistant.core.text.sentences import normalize_whitespace
from rfp_assistant.core.text.units import passage_units as split_units
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.resources import KNOWLEDGE_DIR
from rfp_assistant.schemas.common import Model

Status = Literal["covered", "partial", "missing"]
STATUS_SCORE: dict[str, float] = {"covered": 1.0, "partial": 0.5, "missing": 0.0}
MAX_QUOTES = 4
HITS_PER_QUERY = 10
EVIDENCE_CHUNKS = 8
FACET_WEIGHT = 0.5
RETRIEVED_FOR_MODEL = 3

class ChecklistItem(Model):
    """One readiness question with its evidence rule."""

    id: str
    """Stable id, e.g. risk.financial (a contract)."""
    area: str
    """Id of the area the item belongs to."""
    title: str
    """Short human title."""
    question: str
    """The question the item answers."""
    covered_when: str
    """What the documents must show for `covered`."""
    partial_when: str
    """What counts as `partial`."""
    queries: list[str]
    """Retrieval queries that find candidate passages."""
    facets: list[list[str]]
    """Each facet is a list of interchangeable lowercase cue phrases."""
    covered_min: int
    """Distinct facets needed for `covered`."""
    partial_min: int
    """Distinct facets needed for `partial`."""
    required: list[int] = Field(default_factory=list)
    """Facets `covered` cannot do without (the thing itself: a runway, not only a financing; QA on a team)."""
    person_facet: int | None = None
    """A facet shown by a person's name beside another facet in one row or sentence ("Project manager | J. Doe")."""
    subject: list[str] = Field(default_factory=list)
    """Cue phrases naming the thing itself ("raci", "cda"): the latest passage naming it decides if it is settled."""
    kind: Literal["exists", "plan"] = "exists"
    """`plan`: a stated plan or intention is the content (scope, scale); `exists`: the thing must exist now."""
    negation_is_evidence: bool = False
    """True when saying what is not there is the evidence ("we have no GMP suite" for capability gaps)."""
    stale_after_years: int = 0
    """Data older than this many years is outdated (price benchmarks); 0: never."""
    qualifier_facets: list[int] = Field(default_factory=list)
    """Facets that only qualify another ("required"): they count only in a passage showing another facet."""
    topic_facet: int | None = 0
    """The facet naming the topic itself: one other facet alone is a side detail, not a partial answer
    (None for items whose facets are each an instance of the topic, like risk types)."""
    together: bool = False
    """True when the parts must be stated together (one document), like a location and the reason for it."""
    within: list[str] = Field(default_factory=list)
    """Only passages in such a context count (risks are read from risk registers and risk sections)."""
    recommendation: str
    """What to do when the item is not covered."""


class ChecklistArea(Model):
    """A group of checklist items."""

    id: str
    """Stable id, e.g. budget (a contract)."""
    title: str
    """Human title."""


class Checklist(Model):
    """The whole readiness checklist."""

    version: int
    """Checklist version (1)."""
    areas: list[ChecklistArea]
    """Areas in display order."""
    items: list[ChecklistItem]
    """Items in display order."""

    def items_of(self, area: str) -> list[ChecklistItem]:
        """The items of one area, in order."""
        return [item for item in self.items if item.area == area]


@dataclass
class EvidencePool:
    """What the offline rule read for one item: evidence chunks (whole sections) and the best retrieved ones."""

    chunks: list[Chunk] = field(default_factory=list)
    retrieved: list[Chunk] = field(default_factory=list)
    """The best retrieved chunks with or without cues: the model may read what the cue rule cannot."""


def gather_evidence(
    index: WorkspaceIndex, item: ChecklistItem, documents: list[str], sections: dict[str, list[Chunk]]
) -> EvidencePool:
    """Retrieve with the item's queries and subject, keep the best chunks that carry a cue, read their sections."""
    score: dict[str, float] = defaultdict(float)
    seen: dict[str, Chunk] = {}
    queries = [*item.queries, " ".join(item.subject[:8])] if item.subject else item.queries
    for query in queries:
        for rank, hit in enumerate(index.search(query, k=HITS_PER_QUERY, kinds=["internal"], sources=documents)):
            score[hit.chunk.chunk_id] += 1.0 / (rank + 3)
            seen[hit.chunk.chunk_id] = hit.chunk
    ranked: list[tuple[float, Chunk]] = []
    for cid, chunk in seen.items():
        text = f"{chunk.section}\n{chunk.text}"
        cues = len(facets_in(item, text)) + subject_in(item, text)
        if cues:
            ranked.append((score[cid] + FACET_WEIGHT * cues, chunk))
    ranked.sort(key=lambda pair: -pair[0])
    best_retrieved = sorted(score, key=lambda cid: -score[cid])[:RETRIEVED_FOR_MODEL]
    pool = EvidencePool(retrieved=[seen[cid] for cid in best_retrieved])
    # A table or list split across chunks is judged whole: a roster's functions, a register's risk types.
    for _, chunk in ranked[:EVIDENCE_CHUNKS]:
        for sibling in _section_of(index, chunk, sections):
            if sibling not in pool.chunks:
                pool.chunks.append(sibling)
    return pool


def add_subject_chunks(item: ChecklistItem, pool: EvidencePool, documents: dict[str, list[Chunk]]) -> None:
    """Add every chunk of the documents read that names the item's subject (the latest word on it must be seen)
    or shows on its own as many of the item's parts as `covered` needs (retrieval may rank it below others)."""
    for chunks in documents.values():
        for chunk in chunks:
            if chunk in pool.chunks:
                continue
            low = cue_text(f"{chunk.section}\n{chunk.text}")  # read once for both tests
            if _names_subject(item, low) or len(_facets(item, low)) >= max(item.covered_min, 2):
                pool.chunks.append(chunk)


def _section_of(index: WorkspaceIndex, chunk: Chunk, cache: dict[str, list[Chunk]]) -> list[Chunk]:
    if chunk.doc_id not in cache:
        cache[chunk.doc_id] = index.chunks_of(chunk.doc_id)
    siblings = [c for c in cache[chunk.doc_id] if c.section == chunk.section and c.page == chunk.page]
    return [chunk] + [c for c in siblings if c.chunk_id != chunk.chunk_id]


@lru_cache(maxsize=1)
def load_checklist() -> Checklist:
    """The shipped checklist v1."""
    path = KNOWLEDGE_DIR / "checklist.yaml"
    try:
        return Checklist.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"The readiness checklist {path} could not be read: {exc}") from exc


@lru_cache(maxsize=4096)
def cue_pattern(phrase: str) -> re.Pattern[str]:
    """Whole-word match of a cue; a boundary is required only where the phrase starts/ends with a letter or digit."""
    left = r"(?<![a-z0-9])" if phrase[:1].isalnum() else ""
    right = r"(?![a-z0-9])" if phrase[-1:].isalnum() else ""
    # "small molecule" also reads "small-molecule", "scale-up" also "scale up": writers hyphenate at will.
    body = "[\\s-]".join(re.escape(word).replace(r"\-", "-").replace("-", r"[\s-]?") for word in phrase.split(" "))
    return re.compile(left + body + right)


def cue_text(text: str) -> str:
    """Text as the cue rule reads it: lowercase, whitespace normalised, typographic dashes and quotes plain."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
    return normalize_whitespace(text).lower().translate(table)


@lru_cache(maxsize=4096)
def _cue_literal(phrase: str) -> str:
    """The longest piece of a cue that any match must contain verbatim (a plain substring test is far cheaper)."""
    return max(re.split(r"[\s-]+", phrase), key=len)


def cue_in(phrase: str, low: str) -> bool:
    """Whether the cue matches in `low` (text already passed through cue_text)."""
    return _cue_literal(phrase) in low and cue_pattern(phrase).search(low) is not None


def facets_in(item: ChecklistItem, text: str) -> set[int]:
    """Positions of the item's facets that have a cue in `text`."""
    return _facets(item, cue_text(text))


def subject_in(item: ChecklistItem, text: str) -> int:
    """1 when `text` names the item's subject, else 0."""
    return int(_names_subject(item, cue_text(text)))


def _facets(item: ChecklistItem, low: str) -> set[int]:
    return {i for i, cues in enumerate(item.facets) if any(cue_in(c, low) for c in cues)}


# A register's column filing entries by kind ("Area: Reg", "Risk type: Supply") reads as its "Category:".
_KIND_LABEL = re.compile(r"(?<![\w-])(?:risk )?(?:area|type|class|domain|categories)\s*:")


def _names_subject(item: ChecklistItem, low: str) -> bool:
    if item.within and ":" in low:
        low = _KIND_LABEL.sub("category:", low)
    return any(cue_in(c, low) for c in item.subject)


# A person's name: "Jane Roe-Smith", "J. Doe", "Dr Mary Major" (capitalised words, an initial).
_NAME = re.compile(r"(?<![\w.])(?:(?:[A-Z]\.\s?){1,2}|[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\s(?:[A-Z]\.\s)?)"
                   r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?![\w-])")
# Capitalised words that are no one's name: organisations, calendar words, and the roles and topics the
# checklist itself speaks of (added in `_not_names`).
_NOT_NAMES = frozenset(
    "therapeutics bio biosciences biologics biotech pharma pharmaceuticals inc ltd gmbh llc corp services solutions "
    "group labs laboratories university hospital january february march april may june july august september october "
    "november december monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept "
    "oct nov dec steering committee board slide page version draft status table section team meeting notes minutes "
    "function name role owner head vice president chief officer director manager lead senior associate interim vacant "
    "open approved external internal global clinical commercial product program programme project the".split())


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    checklist = load_checklist()
    words = " ".join([*(a.title for a in checklist.areas), *(
        f"{i.title} {i.question} {i.covered_when} {i.partial_when} {i.recommendation} "
        f"{' '.join(c for f in i.facets for c in f)}" for i in checklist.items)])
    return _NOT_NAMES | frozenset(re.findall(r"[a-z]+", words.lower()))


def names_person(text: str) -> bool:
    """Whether `text` names a person ("Project manager | Jane Roe-Smith"), not only roles or organisations."""
    stop = _not_names()
    return any(not any(w in stop for w in re.findall(r"[a-z]+", m.group(0).lower()) if len(w) > 1)
               for m in _NAME.finditer(text))


def passage_units(text: str) -> list[tuple[str, str, int]]:
    """Sentences, list items and rows of a passage as (text, introducing line, block number); see core.text.units."""
    return [(unit.text, unit.lead, unit.block) for unit in split_units(text)]


# Words that say how a question is put, not what it is about ("how do we want to...", "what have we not...").
_GENERIC = frozenset(tokenize("want need plan planning make use get put go deal look think know not no"))
# Where a question's word appears in an item says how surely the question is about it.
_FIELD_WEIGHTS = (1.0, 0.6, 0.4)


@lru_cache(maxsize=1)
def _item_terms() -> tuple[dict[str, tuple[frozenset[str], ...]], dict[str, float]]:
    """Per item the stems of its title and question, its queries, and its cues; and each stem's idf over the items."""
    checklist = load_checklist()
    terms = {
        item.id: (
            frozenset(tokenize(f"{item.title} {item.question}")),
            frozenset(tokenize(" ".join(item.queries))),
            frozenset(tokenize(" ".join([*item.subject, *(c for f in item.facets for c in f)]))),
        )
        for item in checklist.items
    }
    counts: dict[str, int] = {}
    for fields in terms.values():
        for stem in frozenset().union(*fields):
            counts[stem] = counts.get(stem, 0) + 1
    n = len(terms)
    return terms, {stem: math.log(1 + n / (1 + c)) for stem, c in counts.items()} | {"": math.log(1 + n)}


def item_relevance(question: str) -> list[tuple[ChecklistItem, float]]:
    """Checklist items ranked by how much of the question's (idf-weighted) wording they share, best first."""
    terms, idf = _item_terms()
    asked = set(tokenize(re.sub(r"n't\b", " not", question.replace("\u2019", "'")))) - _GENERIC
    weight = sum(idf.get(t, idf[""]) for t in asked) or 1.0
    ranked = []
    for item in load_checklist().items:
        fields = terms[item.id]
        shared = sum(idf.get(t, 0.0) * next((w for w, f in zip(_FIELD_WEIGHTS, fields) if t in f), 0.0) for t in asked)
        ranked.append((item, shared / weight))
    return sorted(ranked, key=lambda pair: -pair[1])
