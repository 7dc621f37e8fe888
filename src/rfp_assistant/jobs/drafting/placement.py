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

from rfp_assistant.jobs.drafting import brief_terms as T
from rfp_assistant.jobs.drafting import program_questions as Q
from rfp_assistant.jobs.drafting.brief import parse_brief_text
from rfp_assistant.jobs.drafting.brief_terms import KEY_FIELDS
from rfp_assistant.jobs.drafting.brief_shorthand import spelled_out
from rfp_assistant.jobs.drafting.brief_units import KEY_LINE
from rfp_assistant.jobs.drafting.catalog import SectionSpec, section_catalog
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
NOT_PLACED = ("response_form",)  # the form is generated from the comparison schema, never from the brief
# Kinds of statement the typed fields do not hold, each pulling toward its section like a stated field: how the
# product is stored or shipped (the same reading as the storage question), a stability study to quote, and how the
# sponsor will choose among proposals.
_SELECTION = re.compile(r"nice[- ]to[- ]have|would be (?:a )?(?:plus|bonus|advantage)|\bis a plus\b|weighs?\b|\bweigh(?:ed|ing)\b"
                        r"|\bscor(?:e|ed|ing)\b|\brank\w*|must have (?:existing|proven|prior|demonstrated)|track record"
                        r"|(?:above|over|more than|before) (?:the )?(?:price|cost)\b", re.I)
_STABILITY_STUDY = re.compile(r"\bstabilit\w*\b[^.;\n]{0,60}(?:months?|\bmo\b|%\s*RH|°C|\bICH\b)|%\s*RH", re.I)
CLAUSE_TYPES = {
    "storage_or_shipping": ("logistics", lambda c: bool(
        Q.PRODUCT_SHIPPING.search(c) or Q.TEMPERATURE.search(c) and not Q.NOT_STORAGE.search(c))),
    "stability_study": ("scope_of_work", lambda c: bool(_STABILITY_STUDY.search(c))),
    "selection": ("evaluation_criteria", lambda c: bool(_SELECTION.search(c) or T.PRIORITY_CONTEXT.search(c))),
}


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
    """The sections of each clause: the closest, then a second one as close (within SECOND_WITHIN)."""
    specs = [s for s in section_catalog() if s.id not in NOT_PLACED]
    owners, prototypes = _prototypes(tuple(specs), embedder)
    vectors = _unit(np.asarray(embedder.embed_documents([spelled_out(c) for c in clauses]), dtype=np.float32))
    similarity = vectors @ prototypes.T
    chosen = []
    for i, clause in enumerate(clauses):
        per_section = np.full(len(specs), -1.0, dtype=np.float32)
        np.maximum.at(per_section, owners, similarity[i])
        if per_section.max() < MIN_FIT:
            chosen.append([FALLBACK])
            continue
        pulled = per_section + _field_homes(clause, specs)
        first, second = (int(j) for j in np.argsort(-pulled)[:2])
        sections = [specs[first].id]
        if pulled[second] >= pulled[first] - SECOND_WITHIN and specs[second].id != FALLBACK:
            sections.append(specs[second].id)  # 'mAb: CHO-K1, 2 GMP batches': technical and scope alike
        chosen.append(sections)
    return chosen


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
    brief: ProjectBrief = parse_brief_text(clause)
    stated = {name for name, value in brief if isinstance(value, BriefField) and value.status == "stated"}
    if m := KEY_LINE.match(clause):
        stated.add(KEY_FIELDS.get(re.sub(r"[^a-z0-9]+", "_", m.group(1).lower()).strip("_"), ""))
    kinds = {section for section, says in CLAUSE_TYPES.values() if says(clause)}
    pull = np.asarray([FIELD_PULL * bool(stated & set(spec.clause_fields)) + TYPE_PULL * (spec.id in kinds)
                       for spec in specs], dtype=np.float32)
    if stated & IDENTITY_FIELDS:
        pull[[i for i, spec in enumerate(specs) if spec.id == FALLBACK]] += IDENTITY_PULL
    return pull


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
