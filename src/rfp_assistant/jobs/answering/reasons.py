"""A "why ...?" is answered with the sentence that gives the reason; a "where do we get ...?" with the one naming a source.

The guide's reasons often follow what they explain ("... is established during planning. ... ensures that ..."),
so an answer that names the thing but stops before its reason is completed with the sentence that gives it. Its
sources sit in the paragraph about what they inform ("Startups often rely on market intelligence gained through
..." in a paragraph on budgets), rarely in the words the question uses: the paragraph's sentence naming one is added.
"""

from __future__ import annotations

import re

from rfp_assistant.jobs.answering.candidates import Candidate
from rfp_assistant.jobs.answering.intent import SOURCE

# A purpose or a consequence, said with the language's own connectives.
_BECAUSE = re.compile(r"\b(because|so that|in order to|to (ensure|avoid|prevent|reduce|support|help|enable|allow)"
                      r"|ensures?|helps?|enables?|allows?|prevents?|avoids?|reduces?|minimi[sz]es?|fosters?|undermines?"
                      r"|derails?|leads? to|results? in|without|otherwise)\b", re.I)
REACH = 2  # the reason is looked for this many sentences past the answer's last one, in the same paragraph


def with_reason(anchor: Candidate, units: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """`chosen`, plus the next sentence of the anchor's paragraph that gives a reason when none chosen gives one."""
    if any(_BECAUSE.search(c.text) for c in chosen):
        return chosen
    same = [c for c in chosen if c.chunk_id == anchor.chunk_id and c.unit.block == anchor.unit.block]
    last = max(c.position for c in same) if same else anchor.position
    for unit in units:
        if last < unit.position <= last + REACH and unit.unit.block == anchor.unit.block and _BECAUSE.search(unit.text):
            return chosen + [unit]
    return chosen


def with_source(anchor: Candidate, units: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """`chosen`, plus the anchor passage's best sentence naming a source when none chosen names one."""
    if any(SOURCE.search(c.text) for c in chosen):
        return chosen
    named = [c for c in units if c.eligible and SOURCE.search(c.text) and not c.text.rstrip().endswith("?")]
    return chosen + [max(named, key=lambda c: c.score)] if named else chosen
