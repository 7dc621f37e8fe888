"""What span a duration measures: the whole step or plan, or a narrower one (one repeat, one part, one phase,
a gap that starts at another activity), a thing the step names (its report, its slot) or another programme's record. Such a figure is not the field's, nor a rival
to it."""

from __future__ import annotations

import re

PART = 0.3  # as much as a row that only mentions the step: still the answer when nothing names the whole
# "Each GMP batch takes 5 weeks", "per lot": the length of one of several repeats, not the span of the plan.
_EACH = re.compile(r"(?i)\b(?:each|every|per)[^\S\n]+(?:[\w/-]+[^\S\n]+){0,2}?(?:batch|lot|run|campaign|cycle|method|"
                   r"assay|stage|step|phase|package)e?s?\b(?![^.;\n]*\b(?:total|overall|in\s+all)\b)[^.;\n]*$")
# "Upstream process development", "DSP development": one side of the process, unless both are named.
_SIDE = re.compile(r"(?i)\b(upstream|downstream|usp|dsp|cell[^\S\n]+culture|fermentation|purification|formulation)\b")
_SIDES = {"upstream": "u", "usp": "u", "cell culture": "u", "fermentation": "u",
          "downstream": "d", "dsp": "d", "purification": "d", "formulation": "f"}
# "Phase A - documentation review: 3 weeks" on a line below the step's heading: a phase's own length.
_PHASE_LINE = re.compile(r"(?i)[^\S\n]*(?:[-•*–][^\S\n]*)?(?:phase|stage|step|part|task|sub-?step|activity)[^\S\n]*"
                         r"(?:[A-Z]|\d{1,2}(?:\.\d{1,2})?|[ivx]{1,4})\b")
# "Clone screening in ambr 250 takes 6 weeks" below a "Process development" heading: the line's own subject's length.
_SUBJECT = re.compile(r"(?i)[^\S\n]*((?:[\w/-]+[^\S\n]+){1,6}?)(?:takes?|will[^\S\n]+(?:take|last|require|run)|lasts?|"
                      r"requires?|runs?|(?:is|are)[^\S\n]+(?:planned|scheduled|expected|completed|estimated))\b")
_ANAPHOR = {"this", "that", "these", "those", "the", "it", "its", "which", "we", "our", "phase", "stage", "step", "work",
            "activity", "activities", "package", "duration", "effort", "whole", "entire", "overall", "total", "all",
            "complete", "programme", "program", "part", "each", "process", "in", "of", "estimated", "expected"}
# "The technology transfer report is issued within 3 weeks", "the first GMP batch slot is held for 6 weeks": the
# step names a thing (a report, a slot, a fee, a meeting), and the figure is that thing's.
_THING_AFTER = re.compile(r"(?i)[^\S\n]*(?:reports?|documents?|documentation|dossiers?|slots?|reservations?|fees?|"
                          r"invoices?|packages?|protocols?|teams?|meetings?|reviews?|data|records?|summary|summaries|"
                          r"leads?|managers?|costs?|prices?|quot(?:e|ation)s?|payments?|deliverables?|kick-?off)\b")
# "First GMP batch released | 40", "Delivery of the first GMP batch with CoA: 40 weeks", "Fill/finish of the first GMP
# batch (DP): week 34": a later event of the batch than its manufacture, which the plan's other figures may give.
_LATER_EVENT = re.compile(r"(?i)\b(?:releas\w*|availab\w*|ship(?:s|ped|ping|ment)?|deliver\w*|dispatch\w*|coa|"
                          r"certifi\w*|qp|disposition|fill(?:ed|ing)?|finish\w*|harvest\w*|complet\w*|end\s+of|dp|"
                          r"drug\s+product)\b")
_STEP_NOUN = re.compile(r"(?i)\b(?:batch|lot|run|campaign|transfer|development|optimi[sz]ation|characteri[sz]ation|tt|pd)\b")
# "Technology transfer to the first GMP batch takes 18 weeks": a gap from another activity, not from the order.
_FROM_ACTIVITY = re.compile(r"(?i)\b(?:transfer|development|engineering|scale-?up|run|optimi[sz]ation|validation|"
                            r"characteri[sz]ation|tox\w*|fill\w*|release|shipment|completion)[^\S\n]+(?:to|until|through)"
                            r"[^\S\n]+(?:the[^\S\n]+)?(?:first|1st)\b")


# "For a comparable bispecific we completed the transfer in 9 weeks": another programme's record, not this plan.
_RECORD = re.compile(r"(?i)\b(?:comparable|similar|analogous|equivalent|previous|earlier|past)[^\S\n]+(?:[\w-]+[^\S\n]+){0,3}?"
                     r"(?:programm?e?s?|projects?|products?|molecules?|antibod\w+|assets?|process(?:es)?|mabs?|clients?|"
                     r"customers?)\b|\bwe[^\S\n]+(?:have[^\S\n]+)?(?:completed|achieved|delivered|finished|did|managed)\b")


def narrower(key: str, context: str, cue: str, at: int) -> float:
    """How much less a figure at `at` in `context` (found after `cue`) counts because it measures a narrower span."""
    clause_start = max(context.rfind(". ", 0, at), context.rfind("\n", 0, at), 0)
    if _EACH.search(context[clause_start:at]):
        return 0.5  # one repeat's length
    if _RECORD.search(context[clause_start:at]):
        return 0.5  # a record of other work
    label = max((m.start() for m in re.finditer(re.escape(cue), context) if m.start() < at), default=-1)
    if key == "weeks_to_first_gmp_batch" and _LATER_EVENT.search(context, min(clause_start, max(label, 0)), at):
        return PART
    if label < 0:
        return 0.0
    step = _STEP_NOUN.search(context, label, at)
    if step and _THING_AFTER.match(context, step.end()):
        return 0.5
    if key == "process_development_weeks":
        sentence = max(context.rfind(". ", 0, label), context.rfind("\n", 0, label), 0)
        named = {_SIDES[" ".join(m.group(1).lower().split())] for m in _SIDE.finditer(context, sentence, at)}
        if _SIDE.search(context, max(0, label - 16), label + len(cue)) and len(named) == 1:
            return PART
    line_start = context.rfind("\n", 0, at) + 1
    if line_start > label and _PHASE_LINE.match(context, line_start):
        return PART
    subject = _SUBJECT.match(context, line_start) if line_start > label else None
    if subject and subject.end() <= at and not set(subject.group(1).lower().split()) <= _ANAPHOR:
        return PART
    if key == "weeks_to_first_gmp_batch" and _FROM_ACTIVITY.search(context, max(0, label - 40), at):
        return 0.5
    return 0.0
