"""What a sentence says about whether a thing exists now: the language rules behind "covered".

A passage that mentions a topic is not evidence that the thing exists. These rules read status words,
modality and tense, and dates against today, and give each sentence or table cell a standing:

- ``firm``: states something that exists or is decided ("the CDA template v4 was approved on 14 Oct");
- ``open``: names the thing but leaves it open, unfinished or not current: TBD/TBC, undecided, a draft or
  v0.x, not approved, vacant/interim/to be hired, in progress, a question, expired or superseded;
- ``intended``: only an intention or a plan to make it ("we will draft", "to be compiled", "X to draft");
- ``absent``: says it does not exist ("no TT package has been compiled", "not started", "nobody owns it").

Whether an intention counts depends on the item: for a plan-like item (scope, scale, submissions) the plan
is the content; for a thing that must exist (a template, a RACI, a named PM) it is not there yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rfp_assistant.core.values import find_dates

Standing = str  # "firm" | "open" | "intended" | "absent"
STRENGTH = {"firm": 3, "open": 2, "intended": 2, "absent": 1}

# Participles of making, deciding and filling in: "to be drafted", "not yet estimated".
_DONE = (r"(?:decided|determined|confirmed|defined|agreed(?: on)?|appointed|hired|named|assigned|completed?|populated|"
         r"added|written(?: down)?|drafted|compiled|prepared|developed|set(?: up)?|finali[sz]ed|clarified|discussed|"
         r"reviewed|approved|estimated|updated|filled(?: in)?|identified|selected|chosen|built(?: up)?|established|"
         r"created|revisited|tightened|signed|settled|known|modell?ed|calculated|qualified|budgeted|"
         r"scored|assessed|validated|quantified|costed|documented|formali[sz]ed|raised|secured|closed|funded|"
         r"included|thought (?:about|through)|staffed|filled|adopted|implemented|accepted|considered|addressed|"
         r"recruited|undertaken|resolved|designated|ratified|endorsed)")
# Making or deciding something that is not there yet: "will be compiled", "we will draft", "we need to define".
_MAKE = (r"(?:draft|drafted|write|written|prepare|prepared|define|defined|develop|developed|create|created|build|built|"
         r"set up|establish|established|compile|compiled|decide|decided|agree|agreed|hire|hired|appoint|appointed|"
         r"recruit|recruited|start|started|begin|put together|work out|worked out|look into|consider|think about|"
         r"finali[sz]e|finali[sz]ed|assign|assigned|name|named|select|selected|choose|chosen|identify|identified|"
         r"approve|approved|sign|signed|complete|completed|document|documented|get|obtain|need)")
_OPEN = re.compile(
    r"\b(?:tbd|tbc|tba|to be (?:re-?)?(?:" + _DONE + r"|started|done)"
    r"|(?<!\bif )(?<!\bunless )(?<!\bwhere )(?<!\bwhen )not (?:yet |fully )?(?:been )?(?:re-?)?" + _DONE +
    r"|undecided|unclear|unknown|open (?:question|questions|point|points|item|items|issue|issues)|still open"
    r"|remains? open|now open|still (?:hasn't|haven't|has not|have not|isn't|is not|doesn't|no)|pending|parked"
    r"|on hold|deferred|postponed|carried (?:over|forward)|options? for|in discussion"
    r"|under (?:discussion|review|evaluation|negotiation)|being (?:reworked|revised|discussed|evaluated|reviewed|"
    r"updated|drafted|prepared|defined|negotiated|finali[sz]ed|rebuilt|redone)|still (?:being |under |with |tbd|"
    r"open|empty|not|evaluat\w*|debat\w*|discuss\w*|in (?:progress|discussion|draft|review)|a placeholder|pending|"
    r"missing|unclear|undecided|outstanding)|debating|placeholder|vacant|vacancy"
    r"|interim(?! (?:analysis|analyses|data|results?|reports?|readouts?|looks?)\b)"
    r"|acting (?:head|lead|pm|project manager|manager|director|qp|owner)|backfill\w*"
    r"|open req|req(?:uisition)? (?:\w+ )?open|recruitment open|recruiting|offer (?:out|expected|pending)|nobody owns"
    r"|no owner|unassigned|unowned|in progress|work in progress|wip|under way|underway|so far|tentative"
    r"|provisional|preliminary|(?<!to )(?<!will )(?<!ll )(?<!we )(?<!i )drafts?(?! (?:a|an|the|one)\b)|unapproved"
    r"|for (?:internal )?review|incomplete|(?:partly|partially) \w+(?:ed|en)"
    r"|depends on|dependent on|contingent on|subject to (?:approval|confirmation|funding|financing|board)"
    r"|if (?:the )?(?:series|financing|funding|round)|not decided|no decision|without a decision"
    r"|working assumption|guess|guesstimate|rough estimate|ballpark|back[- ]of[- ](?:the[- ])?envelope"
    r"|approval (?:is|was|will be|has been) (?:also )?(?:sought|requested)"
    r"|(?:seeks?|seeking) (?:the )?(?:approval|endorsement)"
    r"|(?:is|are) (?:invited|asked|requested) to (?:approve|endorse|agree|designate|ratify|adopt|consider|decide)"
    r"|(?<!responsible )(?<!accountable )for (?:decision|approval|endorsement|ratification)(?!\s+of\b)"
    r"|in due course|at a (?:later|future) (?:date|stage|point)"
    r"|remain(?:s|ed|ing)? (?:outstanding|unresolved|to be \w+)"
    r"|expired|superseded|withdrawn|retired|terminated|discontinued|archived|obsolete|no longer|anymore|any more"
    r"|not valid|invalid|dropped|reopened|re-opened|off the table|outdated|out of date|stale|lapsed|rescinded)\b"
    r"|\bv(?:ersion)?\s?0\.\d+\b|\?\?"
    r"|\[\s*(?:insert|enter|add|fill in|tbd|tbc|name|owner|date|xx+)\b[^\]]*\]", re.I)
_INTENT = re.compile(
    r"\b(?:(?<!after )(?<!before )(?<!the )(?<!than )(?<!per )(?<!vs )planned|recommend(?:s|ed|ations?)?|(?:we|i|our team)(?: will| shall|'ll| would like to| want to| wish to| intend to| plan to| aim to|"
    r" hope to| need to| should| must| are going to| expect to| propose to|'d like to)(?: \w+)?? " + _MAKE +
    r"|(?:we|i)(?: will| 'll|'ll)? need (?:a|an|to|more)|will be " + _MAKE +
    r"|plans? to|planning to|next steps?|to do\b|action items?|actions?:|should (?:think|consider|look|be)"
    r"|needs? (?:writing|a pass|to be|work|drafting)|at some point|will start|0% complete"
    r"|once (?:the|we|it)|to follow|to come|(?:it is|is|are) (?:anticipated|envisaged|intended) that"
    r"|(?:is|are) to be " + _MAKE + r"|(?:requested|asked|instructed) (?:that )?(?:\w+ ){0,4}?(?:to )?(?:prepare|draft|"
    r"develop|bring forward|present|propose|submit)|target(?:ed)? (?:date|q[1-4]|h[12]|\d{4}|for))\b", re.I)
# A decision left to a body or an office: "Location: ExCo to confirm in November", "Board to decide".
_TO_DECIDE = re.compile(r"\b(?:[A-Z][A-Za-z]{1,8}|[Tt]he (?:[Bb]oard|[Cc]ommittee|[Cc]ompany)) to (?:confirm|decide|agree|"
                        r"approve|sign off|ratify)\b")
# Work done in answer to advice: "tab added (per the adviser's recommendation R6)" is not itself advice.
_PER_ADVICE = re.compile(r"\b(?:as per|per|following|in line with|in response to)\s+(?:[\w'’-]+\s+){0,3}?"
                         r"recommendations?\b", re.I)
# One person's view is not the company's decision: "Lars would prefer", "Priya argues for".
_OPINION = re.compile(r"\b[A-Z][a-z]+(?:'s view)? (?:would prefer|prefers|wants|argues|argued|thinks|suggests|suggested|"
                      r"favou?rs|pushes for|leans towards|would like|is in favou?r)\b")
# Action items in notes: "PT to draft msg", "LK to add", "owner to propose".
_ACTION = re.compile(
    r"\b[A-Z]{2,4}(?:/[A-Z]{2,4})? to (?:draft|prepare|write|propose|add|populate|bring|report|update|ask|chase|"
    r"give|take|check|review|build|define|set|circulate|present|confirm|fill|put|organi[sz]e)\b"
    r"|\b[Oo]wner to \w+")
_ABSENT = re.compile(
    r"(?:(?<=[-\u2013:] )|(?<=until )|(?<=till )|(?<=for ))later\b(?!\s+(?:than|on|in|this|that|the)\b)|\b(?:none|nothing (?:compiled|done|written|in place|yet|exists|agreed|defined|planned|budgeted)|not started"
    r"|does not exist|doesn't exist|do(?:es)? not (?:yet )?have|don't (?:yet )?have|doesn't (?:yet )?have"
    r"|ha(?:ve|s) not (?:yet )?(?:been )?(?:compiled|started|created|written|done|prepared|defined|issued|begun|set up)"
    r"|haven't|hasn't|never|nobody|no one|not in place|not re-?done|not (?:yet )?issued|lacking|missing"
    r"|no (?:\w+ ){0,3}(?:yet|to date|so far|in place|exists?))\b", re.I)
# A planned task not begun yet: for a plan-like item the plan itself is the content.
_NOT_YET_DUE = re.compile(r"\bnot (?:yet )?started\b|\b0% complete\b", re.I)
_EXPIRY = re.compile(r"\b(?:expir\w*|exp\.|valid (?:until|through|to|till)|ends?|terminat\w*|lapses?)\b", re.I)
_YEAR = re.compile(r"(?<![\w.-])(?:19|20)\d\d(?![\w-])")


# A record in force noting that an earlier version of it was replaced ("Status: Effective | Remarks: v1.0 of
# 18-Feb-2026 superseded"): the lapse is the old version's, the record itself is current.
_IN_FORCE_WORD = re.compile(r"(?<!not )(?<!not yet )(?<!never )(?<!\bun)\b(?:effective|approved|in force|issued|"
                            r"adopted|in use|current)\b", re.I)
_OLD_VERSION = re.compile(r"\b(?:v(?:ersion)?\s?\d+(?:\.\d+)*|rev(?:ision)?\.?\s?\d+|(?:the )?(?:previous|earlier|prior|old|"
                          r"first) (?:version|edition|issue|revision))\b[^|;]{0,40}?\b(?:superseded|replaced|retired|"
                          r"withdrawn|obsolete|archived)\b", re.I)


# Words making a thing hang on something not in place: "contingent on the Series B", "depends on the hire".
DEPENDENCY = re.compile(r"^(?:depends on|dependent on|contingent on|subject to|if )", re.I)


@dataclass(frozen=True)
class Verdict:
    """The standing of one sentence or cell, and the words that gave it."""

    standing: Standing
    why: str = ""
    """The status words read, e.g. "TBD" or "expired on 30.06.2025"; empty when firm."""
    hint: bool = False
    """Only a hint that it is open (a question, an item under "Next steps", one person's view): a firm statement
    of the same date outweighs it."""


def judge(text: str, today: date, *, plan_item: bool = False, stale_years: int = 0) -> Verdict:
    """The standing of `text` by its status words, modality and dates (see the module docstring)."""
    absent = _ABSENT.search(text)
    intent = _INTENT.search(_PER_ADVICE.sub(" ", text)) or _ACTION.search(text)
    current = _OLD_VERSION.sub(" ", text) if _IN_FORCE_WORD.search(_OLD_VERSION.sub(" ", text)) else text
    opened = _OPEN.search(current) or _TO_DECIDE.search(current)
    opinion = _OPINION.search(text)
    lapse = _lapsed(text, today, stale_years)
    if lapse:
        return Verdict("open", lapse)
    if absent and not (intent or opened or opinion):
        return Verdict("absent", absent.group(0))
    if opened:
        return Verdict("open", opened.group(0).strip())
    if opinion:
        return Verdict("open", opinion.group(0), hint=True)
    if text.rstrip().endswith("?"):
        return Verdict("open", "a question", hint=True)
    if intent and not plan_item:
        return Verdict("intended", intent.group(0))
    if absent and not (plan_item and _NOT_YET_DUE.search(text)):
        return Verdict("absent", absent.group(0))
    return Verdict("firm")


def status_spans(text: str) -> list[tuple[int, int]]:
    """Where each open, intended or absent status word of `text` stands."""
    return [m.span() for pattern in (_OPEN, _INTENT, _ABSENT) for m in pattern.finditer(text)]


def _lapsed(text: str, today: date, stale_years: int) -> str:
    """A date that has passed where the text says something ends ("exp. 30.06.2025"), or data past its age."""
    expiry = _EXPIRY.search(text)
    if expiry:
        for match in find_dates(text[expiry.start():]):
            if match.value < today:
                return f"{expiry.group(0)} {match.text}"
    if stale_years:
        years = [int(y) for y in _YEAR.findall(text)]
        if years and max(years) < today.year - stale_years:
            return f"dated {max(years)}, more than {stale_years} years ago"
    return ""
