"""The offline decision: an item is covered only when cells show its parts in place, for this program, now.

Facets (the parts an item needs) count toward `covered` only from firm cells; open or intended cells count
toward `partial`; cells about another product count for nothing. Cells that name the item's subject (the
thing itself: "RACI", "CDA", "location") are read in time order: when the latest of them leaves it open, the
item is partial, and when the latest says it does not exist and nothing is under way, missing; a
later hint alone (a question, an item under "Actions") does not reopen what a firm record settled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rfp_assistant.jobs.readiness.cells import Cell
from rfp_assistant.jobs.readiness.language import DEPENDENCY, judge, status_spans
from rfp_assistant.jobs.readiness.rules import ChecklistItem, Status, cue_pattern, cue_text, names_person

_WEAK = ("open", "intended")
NEAR_WORDS = 12
# "no RACI", "we do not have a CDA", "without a PM": the subject itself is denied (not a clause further on).
# A denial right after the subject: "TT package for 5530: not started", "CDA: none", "RACI - not yet drafted".
_ABSENT_NEAR = re.compile(r"^\W*(?:[\w/-]+\W+){0,4}?(?:none|not (?:yet )?(?:started|compiled|begun|issued|drafted|"
                          r"in place|available)|has not been|have not been|does not exist|nothing)\b")
# A denial of a whole list, further on: "RFP? scorecard? budget? -> we have none of these yet" denies each of them.
_ABSENT_ALL = re.compile(r"^\W*(?:[\w/-]+\W+){0,10}?(?:none of (?:these|them|those|the above)|"
                         r"neither of (?:these|them|those)|(?:do|does)(?: not|n't) have any of (?:these|them|those))\b")
# "without further financing" states a condition, not that the thing is missing.
_DENIED = re.compile(r"\b(?:no|without(?!\W+(?:further|additional|more|new|fresh|external)\b)|lacks?|lacking|"
                     r"(?:do|does|did)(?: not|n't)(?: yet)? have|ha(?:ve|s) no)\b"
                     r"(?:\W+[\w/-]+){0,3}\W*$|\bnot\W+(?:[\w/-]+\W+)?$")


# Columns that file a register's entries by kind: "Category", "Area", "Risk type" (the cell "Reg" files a risk).
_CATEGORY = re.compile(r"^(?:risk )?(?:category|categories|area|type|class|domain)$")
_LABEL_PREFIX = re.compile(r"^[^:|]{1,40}?:\s+")

# Columns of a register that describe what might go wrong, not what is: "Risk", "Failure mode", "Effect", "Cause".
_SUPPOSED = re.compile(r"^(?:risks?|risk description|description|failure mode|effects?|causes?|threats?|scenario|"
                       r"what could go wrong|issue)$")

# A statement of scope: "no commercial-scale activities are in scope at this stage" decides what is asked for,
# it does not deny the thing (the scale of the batches in scope).
_SCOPE = re.compile(r"\b(?:in|out of|within|outside(?: of)?(?: the)?|beyond(?: the)?) scope\b|\bexclu(?:ded|des|sions?)\b")

# Words a controlled record uses for being in force: a document register's status, an approval.
IN_FORCE = re.compile(r"(?<!not )(?<!not yet )(?<!never )(?<!\bun)\b(?:effective|approved|in force|issued|adopted|in use)\b",
                      re.I)


@dataclass
class Reading:
    """One cell as read for one item."""

    cell: Cell
    facets: set[int]
    decisive: bool
    """The cell speaks about the thing itself: names it (a heading only with a status), says it hangs on something
    missing; the latest such cell decides whether it is settled."""
    standing: str
    why: str
    title: bool = False
    """A plain section heading naming the thing ("6. LOCATION"): dated like the section, settles nothing alone."""
    inherited: bool = False
    """A sentence in a section whose heading names the thing (plan items only)."""
    hint: bool = False
    """Open only by a hint (a question, a next step, one person's view): a firm word of the same date outweighs it."""


@dataclass
class Decision:
    """An item's status, the cell that decided it and the cells worth quoting."""

    status: Status
    deciding: Reading | None = None
    reason: str = ""


def read(item: ChecklistItem, cells: list[Cell]) -> tuple[list[Reading], list[Reading]]:
    """Cells that bear on `item` (facets or subject), split into this program's and another product's."""
    ours, others = [], []
    foreign = _foreign_sections(cells)
    for cell in cells:
        low = cue_text(cell.text)
        found = {i: m for i, cues in enumerate(item.facets) for c in cues if (m := cue_pattern(c).search(low))}
        facets = {i for i, m in found.items() if item.negation_is_evidence or not _denies(low, m.start())}
        if item.person_facet is not None and facets - {item.person_facet} and _named(cell):
            facets.add(item.person_facet)  # "External Mfg PM | Jane Roe-Smith": the name is the assignment
        if facets and facets <= set(item.qualifier_facets):
            facets = set()  # "required" alone says nothing about which capability
        probe = low
        if item.within and _CATEGORY.match(cue_text(cell.label).strip()):
            probe = "category: " + _LABEL_PREFIX.sub("", low)  # read as the register's own "Category: Reg"
        subjects = [m for c in item.subject if (m := cue_pattern(c).search(probe))]
        if cell.label and probe is low and low.startswith(cue_text(cell.label)):
            # "Mitigation / control: Option for a 4th batch": the column's name is not what the cell speaks of.
            subjects = [m for m in subjects if m.start() > len(cue_text(cell.label))]
        section = cue_text(cell.chunk.section)
        inherited = item.kind == "plan" and not cell.heading and not cell.unit.is_row and any(
            cue_pattern(c).search(section) for c in item.subject)
        if not facets and not subjects and not inherited:
            continue
        if item.within and not _within(item, cell):
            continue
        standing, why = cell.verdict.standing, cell.verdict.why
        if standing == "absent" and item.negation_is_evidence and facets:
            standing, why = "firm", ""  # "we have no fill line", "no back-up supplier": the lack is what it records
        denied = [m for m in subjects if _denies(probe, m.start())]
        if _SUPPOSED.match(cue_text(cell.label).strip()):
            denied = []  # "Risk: the process does not scale": what might happen, not what is
        if subjects and len(denied) == len(subjects) and standing == "firm" and not _SCOPE.search(low):
            standing, why = "absent", "says there is none"
        elif standing == "absent" and subjects and not denied and not _ABSENT_NEAR.search(
                probe[subjects[0].end():subjects[0].end() + 50]) and not _ABSENT_ALL.search(
                probe[subjects[0].end():subjects[0].end() + 120]):
            standing = "open"  # "nobody on the team has run a quality system": not a denial of the thing itself
        title = bool(subjects) and cell.heading and standing == "firm"
        about = bool(subjects) and not title and (standing == "firm" or _near(probe, why, subjects))
        decisive = about or (
            standing == "open" and bool(DEPENDENCY.match(why)) and _hangs_on_facet(item, low, why))
        reading = Reading(cell, facets if standing != "absent" else set(), decisive, standing, why, title, inherited,
                          hint=cell.verdict.hint and standing == cell.verdict.standing)
        program = "other" if cell.heading and (cell.chunk.doc_id, cell.chunk.section) in foreign else cell.program
        (others if program == "other" else ours).append(reading)
    return ours, others


def _named(cell: Cell) -> bool:
    """Whether the cell's row or sentence names a person in a settled part ("vacant - interim: A. Ruiz" is not)."""
    return any(names_person(part) and judge(part, cell.when or date.today()).standing == "firm"
               for part in cell.unit.cells)


def _foreign_sections(cells: list[Cell]) -> set[tuple[str, str]]:
    """Sections most of whose cells are about another product: their heading is about it too."""
    counts: dict[tuple[str, str], list[int]] = {}
    for cell in cells:
        if not cell.heading:
            tally = counts.setdefault((cell.chunk.doc_id, cell.chunk.section), [0, 0])
            tally[cell.program == "other"] += 1
    return {key for key, (ours, theirs) in counts.items() if theirs > ours}


def _near(low: str, why: str, subjects: list[re.Match]) -> bool:
    """Whether the status words sit by the subject (within a dozen words), so they are about it: "RACI v0.2 is a
    draft", not "the draft MSA ... the CDA". A status from elsewhere in the row, or a question, always is."""
    at = low.find(why.lower()) if why else -1
    if at < 0 or why == "a question":
        return True
    # Any status word of the cell may be the one about the thing ("deferred in March ... the sponsor remained open").
    spots = [at] + [start for start, _ in status_spans(low)]
    return any(len(low[min(a, m.start()):max(a, m.end())].split()) <= NEAR_WORDS for a in spots for m in subjects)


def _denies(low: str, start: int) -> bool:
    """Whether the words just before position `start` deny what follows ("no RACI", "without a CDA", "not CMC")."""
    return bool(_DENIED.search(low[max(0, start - 60):start]))


def _hangs_on_facet(item: ChecklistItem, low: str, why: str) -> bool:
    """A dependency whose object is one of the item's own parts ("contingent on the Series B" for funding)."""
    at = low.find(why.lower())
    after = low[at + len(why):at + len(why) + 60] if at >= 0 else ""
    return any(cue_pattern(c).search(after) for cues in item.facets for c in cues)


def _within(item: ChecklistItem, cell: Cell) -> bool:
    place = cue_text(" ".join([cell.chunk.source, cell.chunk.section, cell.unit.lead, cell.unit.text]))
    return any(cue_pattern(word).search(place) for word in item.within)


def decide(item: ChecklistItem, ours: list[Reading]) -> Decision:
    """covered / partial / missing from the readings of this program's cells (see the module docstring)."""
    firm = set().union(*(r.facets for r in ours if r.standing == "firm"))
    if item.together:  # only the parts stated in one document count toward covered
        by_document: dict[str, set[int]] = {}
        for r in ours:
            if r.standing == "firm":
                by_document.setdefault(r.cell.chunk.doc_id, set()).update(r.facets)
        firm_together = max(by_document.values(), key=len, default=set())
    else:
        firm_together = firm
    weak = set().union(*(r.facets for r in ours if r.standing in _WEAK))
    required = set(item.required)
    def where(r: Reading) -> tuple[str, str]:
        return r.cell.chunk.doc_id, r.cell.chunk.section

    named_sections = {where(r) for r in ours if r.decisive}
    inherited = [r for r in ours if r.inherited and not r.decisive and where(r) not in named_sections]
    # A plain title counts when its section shows the thing (firm parts) or says more about it (inherited).
    shown = {where(r) for r in ours if r.standing == "firm" and r.facets and not r.title} | {where(r) for r in inherited}
    subject = [r for r in ours if r.decisive or (r.title and where(r) in shown)] + inherited
    # A register lists its entries by category: each firm row filed under the subject ("Category: Financial") is one.
    entries = len({r.cell.unit.text for r in subject if r.standing == "firm" and not r.title}) if item.within else 0
    on_topic = item.topic_facet is None or item.partial_min > 1 or item.topic_facet in firm | weak or bool(subject)
    need = covered_need(item, weak)
    if (len(firm_together) >= need and required <= firm) or entries >= item.covered_min:
        status: Status = "covered"
    elif (len(firm | weak) >= item.partial_min and on_topic) or entries:
        status = "partial"
    else:
        status = "missing"
    best = max((r for r in ours if r.standing == "firm"), key=lambda r: len(r.facets), default=None)
    decision = Decision(status, best if status == "covered" else None)
    if subject:
        latest_when = max((r.cell.when or date.min) for r in subject)
        latest = [r for r in subject if (r.cell.when or date.min) == latest_when]
        unsettled = [r for r in latest if r.standing != "firm"]
        settled = any(r.standing == "firm" and not r.title for r in subject)
        doubted = any(r.standing in _WEAK and not r.hint for r in subject)
        if any(r.standing == "firm" and not r.title for r in latest) or (settled and not doubted):
            # A firm word outweighs a question or a next step of its date, and of a later one when nothing but
            # such hints ever put it in doubt: "is the RACI still current?" after its approval does not reopen it.
            unsettled = [r for r in unsettled if not r.hint]
        if any(r.standing == "firm" and not r.title for r in latest):
            # "The runway does not assume a Series B, which is planned for 2027": an intention beside a firm record
            # of its date is a next step for something that exists, not a doubt about it.
            unsettled = [r for r in unsettled if r.standing != "intended"]
        if unsettled:
            under_way = [r for r in subject if r.standing in _WEAK]
            if all(r.standing == "absent" for r in unsettled) and not under_way and len(firm) < item.covered_min:
                return Decision("missing", unsettled[0], reason=_absent_reason(unsettled[0]))
            deciding = next((r for r in unsettled if r.standing != "absent"), unsettled[0])
            older = [r for r in subject if r.standing == "firm" and (r.cell.when or date.min) < latest_when]
            return Decision("partial", deciding, reason=_open_reason(deciding, bool(older)))
        # A register row or minute recording the thing itself as effective or approved shows it exists, whatever
        # parts of it the cues can read (a template's sections are not listed in a document index).
        in_force = [r for r in latest if r.standing == "firm" and r.decisive and not r.title and
                    IN_FORCE.search(r.cell.unit.text)]
        if status != "covered" and in_force:
            return Decision("covered", in_force[0], reason=_in_force_reason(in_force[0]))
        if status == "missing":
            return Decision("partial", latest[0], reason="The documents mention it but show none of what it needs.")
    if status != "covered":
        open_ones = [r for r in ours if r.standing in _WEAK and r.facets]
        decision.deciding = open_ones[0] if open_ones else best
    decision.reason = _count_reason(item, status, firm, weak, decision.deciding, firm_together, need)
    return decision


def covered_need(item: ChecklistItem, weak: set[int]) -> int:
    """Aspects `covered` needs: the item's count, or one fewer (never below two) when nothing is left open.

    The aspect count is a soft bar: cue phrases are one author's words, and another company states the same thing
    in others, so a firm record one aspect short is usually complete. Only when no passage of this program leaves
    any aspect open or merely intended is the shortfall forgiven; an open aspect keeps the full count.
    """
    return item.covered_min if weak else max(item.covered_min - 1, min(item.covered_min, 2))


def _in_force_reason(reading: Reading) -> str:
    return (f"The latest word on it ({_where(reading)}) records it as in force "
            f"(“{IN_FORCE.search(reading.cell.unit.text).group(0)}”), for this program.")


def _where(reading: Reading) -> str:
    chunk = reading.cell.chunk
    return f"{chunk.source}, {chunk.location or f'p. {chunk.page}'}"


def _open_reason(reading: Reading, superseded: bool) -> str:
    kind = {"open": "leaves it open", "intended": "only intends it", "absent": "says it does not exist"}
    text = f"The latest word on it ({_where(reading)}) {kind[reading.standing]}"
    text += f" (“{reading.why}”)." if reading.why else "."
    return text + (" An older document that looked settled is superseded by it." if superseded else "")


def _absent_reason(reading: Reading) -> str:
    why = f" (“{reading.why}”)" if reading.why else ""
    return f"The latest word on it ({_where(reading)}) says it does not exist yet{why}, and nothing is under way."


def _count_reason(item: ChecklistItem, status: str, firm: set[int], weak: set[int], deciding: Reading | None,
                  together: set[int], need: int) -> str:
    if status == "missing" and not weak:
        return "Nothing in the internal documents addresses this."
    text = f"The documents show {len(firm)} of {len(item.facets)} aspects in place ({need} needed"
    text += ", nothing left open)" if need < item.covered_min else ")"
    if weak - firm:
        text += f"; {len(weak - firm)} more only open or intended"
    if status != "covered" and len(firm) >= need:
        text += "; no one document states them together" if len(together) < need else \
            "; a required aspect is missing"
    if deciding is not None and deciding.standing != "firm" and deciding.why:
        text += f" (“{deciding.why}”, {_where(deciding)})"
    return text + "."


def set_aside_note(others: list[Reading], programs_named: str) -> str:
    """A sentence saying evidence about another product was not counted, or ""."""
    if not others:
        return ""
    return f" Passages about another product ({programs_named}) were not counted." if programs_named else \
        " Passages about another product were not counted."
