"""Every clause of the brief placed in the RFP section it belongs to, by meaning, with the typed fields as a second signal.

A clause is compared, with the local embedding model, to what each section is for (its purpose and `holds` in
knowledge/rfp_sections.yaml), read with its trade abbreviations spelled out (brief_shorthand); a clause that
states a typed field (a budget, a milestone, a market) or a kind of statement the fields do not hold (storage or
shipping, a stability study, how proposals will be chosen) leans toward the section that field or kind belongs
in. A clause that fits no section goes into the overview: nothing is dropped. A clause about two things that
fits two sections equally well is shown in both.
Each clause is placed on its own, so adding or removing one never moves another.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from rfp_assistant.jobs.drafting.brief import parse_brief_text
from rfp_assistant.jobs.drafting.brief_shorthand import spelled_out
from rfp_assistant.jobs.drafting.brief_units import KEY_LINE, key_field
from rfp_assistant.jobs.drafting.catalog import SectionSpec, section_catalog
from rfp_assistant.jobs.drafting.clause_kinds import KINDS, LEANING, STAGE, clause_kinds, kind_sections
from rfp_assistant.schemas.brief import BriefField, ProjectBrief

FALLBACK = "overview"
# Below this similarity to every section's purpose a clause fits nowhere in particular.
MIN_FIT = 0.15
# How far stating a typed field (or labelling a line with its name) pulls a clause toward that field's section.
FIELD_PULL = 0.1
# How far a clause's kind of statement (storage or shipping, a stability study, how proposals are chosen) pulls it.
TYPE_PULL = 0.15
# A clause that names the sponsor or the product introduces the program.
IDENTITY_PULL = 0.15
IDENTITY_FIELDS = {"company_name", "product_name"}
# A clause about two things ('mAb: CHO-K1, 2 GMP batches') is shown in a second section this close to the first.
SECOND_WITHIN = 0.04
# A facet of a clause (a comma, semicolon, bracket or arrow piece carrying a figure, code or name) shows the whole
# clause in its own best section too, when it fits that section at all: 'tech transfer of our process, currently
# run at 2,000 L' is scope work and a production scale; in a terse line ('Linker-payload: vc-MMAE, sourced by CDMO,
# OEB5') each piece is a fact of its own, and a facet rarely reaches a high similarity on its own words.
FACET_FIT = MIN_FIT
MAX_SECTIONS = 3
NOT_PLACED = ("response_form",)  # the form is generated from the comparison schema, never from the brief
def placement_embedder():
    """The local contextual embedder (bundled MiniLM files, no network), shared by the process."""
    from rfp_assistant.core.embeddings.embedder import shared_minilm_embedder

    return shared_minilm_embedder()


def place_clauses(clauses: list[str], embedder=None) -> dict[str, list[str]]:
    """Section id -> the clauses placed there, in brief order (every clause in one section, or two when it
    belongs to both as much)."""
    placed: dict[str, list[str]] = {spec.id: [] for spec in section_catalog()}
    if not clauses:
        return placed
    embedder = embedder or placement_embedder()
    for clause, sections in zip(clauses, choose_sections(clauses, embedder)):
        for section in sections:
            placed[section].append(clause)
    return placed


def choose_sections(clauses: list[str], embedder) -> list[list[str]]:
    """The sections of each clause: the closest, a second one as close (within SECOND_WITHIN), and the section
    each of its facts fits best when the clause states facts for more than one."""
    specs = [s for s in section_catalog() if s.id not in NOT_PLACED]
    owners, prototypes = _prototypes(tuple(specs), embedder)
    pieces = [clause_facets(c) for c in clauses]
    texts = [spelled_out(t) for c, facets in zip(clauses, pieces) for t in (c, *facets)]
    similarity = _unit(np.asarray(embedder.embed_documents(texts), dtype=np.float32)) @ prototypes.T
    chosen, row = [], 0
    for clause, facets in zip(clauses, pieces):
        scores = []
        for j, text in enumerate((clause, *facets)):
            per_section = np.full(len(specs), -1.0, dtype=np.float32)
            np.maximum.at(per_section, owners, similarity[row + j])
            scores.append((per_section, per_section + _field_homes(text, specs)))
        row += 1 + len(facets)
        per_section, pulled = scores[0]
        if per_section.max() < MIN_FIT:
            chosen.append([FALLBACK])
            continue
        first, second = (int(j) for j in np.argsort(-pulled)[:2])
        sections = [specs[first].id]
        if pulled[second] >= pulled[first] - SECOND_WITHIN:
            # 'mAb: CHO-K1, 2 GMP batches': technical and scope alike; what the product is and how it is made: the
            # overview and the technical section alike, since the CDMO reads the overview to judge fit
            sections.append(specs[second].id)
        for section in [*kind_sections(clause), *field_sections(clause, specs)]:  # shown where each fact belongs
            if section not in sections and len(sections) < MAX_SECTIONS:
                sections.append(section)
        if STAGE.search(clause) and FALLBACK not in sections:
            sections.append(FALLBACK)  # the program's stage is part of what the program is, whatever else is said
        for _plain, facet_pulled in scores[1:]:
            best = int(np.argmax(facet_pulled))
            if facet_pulled[best] >= FACET_FIT and specs[best].id not in sections and specs[best].id != FALLBACK \
                    and len(sections) < MAX_SECTIONS:
                sections.append(specs[best].id)
        chosen.append(sections)
    return chosen


# Where a clause's facts part: a semicolon, a comma before a space (not '2,000'), an arrow, a spaced dash or plus.
_FACET_CUT = re.compile(r";|,(?=\s)|->|→|=>|\s[-–—+]\s")
_NOTE = re.compile(r"\s*\([A-Z][\w ]*: [^()]*\)$")  # a table row's other column ('(Priority: must)')


def clause_facets(clause: str) -> list[str]:
    """The pieces of a clause that each state a fact of their own, cut outside brackets and read with the clause's
    label; none when the clause states one thing."""
    label, body = "", _NOTE.sub("", clause)
    if m := KEY_LINE.match(body):
        label, body = f"{m.group(1)}: ", m.group(2)
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"[()\[\]]|" + _FACET_CUT.pattern, body):
        token = m.group(0)
        if token in "([":
            depth += 1
        elif token in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            parts.append(body[start:m.start()])
            start = m.end()
    parts = [p.strip(" .") for p in parts + [body[start:]]]
    facts = [p for p in parts if len(p.split()) >= 2]
    return [label + p for p in facts] if len(parts) > 1 and facts else []


def _prototypes(specs: tuple[SectionSpec, ...], embedder) -> tuple[np.ndarray, np.ndarray]:
    """Which section owns each prototype row, and the unit vectors of every section's purpose and holds."""
    return _cached_prototypes(specs, embedder.name, embedder)


@lru_cache(maxsize=4)
def _cached_prototypes(specs: tuple[SectionSpec, ...], _name: str, embedder) -> tuple[np.ndarray, np.ndarray]:
    owners, texts = [], []
    for position, spec in enumerate(specs):
        for text in (spec.purpose, *spec.holds):
            owners.append(position)
            texts.append(text)
    return np.asarray(owners), _unit(np.asarray(embedder.embed_documents(texts), dtype=np.float32))


def _field_homes(clause: str, specs: list[SectionSpec]) -> np.ndarray:
    """The pull of each section from the fields the clause states on its own or names in its label."""
    stated = stated_fields(clause)
    kinds = {KINDS[name][0] for name in clause_kinds(clause) if name in LEANING}
    pull = np.asarray([FIELD_PULL * bool(stated & set(spec.clause_fields)) + TYPE_PULL * (spec.id in kinds)
                       for spec in specs], dtype=np.float32)
    if stated & IDENTITY_FIELDS:
        pull[[i for i, spec in enumerate(specs) if spec.id == FALLBACK]] += IDENTITY_PULL
    return pull


@lru_cache(maxsize=4096)
def stated_fields(clause: str) -> frozenset[str]:
    """The typed fields a clause states on its own, or names in its label."""
    brief: ProjectBrief = parse_brief_text(clause)
    stated = {name for name, value in brief if isinstance(value, BriefField) and value.status == "stated"}
    if m := KEY_LINE.match(clause):
        stated.add(key_field(m.group(1)) or "")
    return frozenset(stated - {""})


def field_sections(clause: str, specs) -> list[str]:
    """The sections whose typed fields the clause states (a date: the timeline; an amount: the commercial terms)."""
    stated = stated_fields(clause)
    return [spec.id for spec in specs if stated & set(spec.clause_fields) and spec.id != FALLBACK]


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
