"""What a question asks for: the company's own status, or advice; and the shape of a whole answer.

"Do we have a risk register?" and "who owns tech transfer on our side?" ask what the company's documents say
about itself: their silence is an answer worth stating. "What should we put in the tech transfer package?" asks
for advice, which the guide answers even when it is phrased with "we".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.jobs.readiness import GAP_QUESTION

Shape = Literal["list", "definition", "number", "other"]

_OWN = re.compile(r"\b(we|we're|we've|we'd|our|ours|us)\b", re.I)
# Asking what to do, what is usual or what the guide says is a request for advice, whoever "we" are.
_ADVICE = re.compile(
    r"\b(should|shall|ought|must|supposed to|meant to|expected to|needs? to|have to|has to|best|better|recommend\w*|advis\w*|suggest\w*"
    r"|typical(ly)?|usual(ly)?|general(ly)?|likely|common(ly)?|normally|ideally)\b"
    r"|\bhow (do|can|could|would|might|will) (we|i|you|one|a company|companies|sponsors?|a sponsor)\b"
    r"|\b(where|what|which|who) (can|could) (we|i)\b"
    r"|\b(the|this|that|their) (guide|article|doc|document|page|playbook|series|author|text)\b|\bguide'?s\b"
    r"|\baccording to\b|\bthey (mean|say|recommend|suggest|describe)\b",
    re.I,
)
# "What's the danger in ...", "what is the downside of ...": what a thing leads to, asked of one thing (no list).
_HARM = r"\bwhat('?s| is) the (danger|risk|downside|catch|harm|drawback)\s+(of|in|with|if|when)\b"
# "Why ...?", "what's the point of ...", "what happens if we skip ...": what a thing is for, or leads to.
_WHY = re.compile(r"^\s*(why|how come)\b|\bwhy\b|\bwhat'?s the (point|purpose|use|benefit|reason)\b"
                  rf"|\bwhat (happens|goes wrong|can go wrong|could go wrong|would go wrong)\b|{_HARM}", re.I)
# "Who owns ...?" asks for someone; "our own readiness" does not.
_PERSON = re.compile(r"^\s*(who|whom)\b|\bwhich (person|role|function|team)\b|\bowner|\bowns\b|\bowned by\b|\bresponsible\b", re.I)

# A source named by what is drawn from it ("rely on", "gained through", "drawn from") or called one ("sources include").
SOURCE = re.compile(r"\b(rel(y|ies|ying)|draw(s|n|ing)?) (on|upon|from)\b|\b(gained|gathered|obtained|drawn|learned|learnt"
                    r"|sourced|collected) (through|from|via|by)\b|\bsources? (include|are|such as)\b|\brecommendations from\b", re.I)

ASKS_FOR = {
    "person": (_PERSON,
               re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b|\b(Dr|Mr|Ms|Mrs)\.? [A-Z]|\b(head|director|lead|manager|VP|officer|owner)\b"
                          r"|^[-*•▪ ]*[A-Z][a-z]+ (is|was|will|has|owns|leads|runs|chairs|approves|signs)\b")),
    "money": (re.compile(r"\b(how much|cost|budget|price|spend|fund|money|expens)", re.I),
              re.compile(r"[$€£]\s?\d|\b(USD|EUR|GBP|CHF)\b|\b\d[\d,.]*\s?(k|m|million|bn)\b", re.I)),
    "time": (re.compile(r"\b(when|how long|deadline|date|timeline|by what)\b", re.I),
             re.compile(r"\b(Q[1-4]|20\d\d|\d+\s?(weeks?|months?|days?|years?)|january|february|march|april|may|june|"
                        r"july|august|september|october|november|december)\b", re.I)),
    "gap": (GAP_QUESTION,
            re.compile(r"\b(not|no|none|tbd|isn't|excluded|missing|open|yet|undecided)\b", re.I)),
    "number": (re.compile(r"\b(how many|how big|what share|what percent|number of|what number)\b", re.I),
               re.compile(r"\b\d+(\.\d+)?\s?%|\b\d+\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b", re.I)),
    # "Where do we get cost numbers?", "where to find intel on ...": the answer names where it comes from.
    "source": (re.compile(r"\bwhere\b(\s+[\w'-]+){0,8}?\s+(get|find|go|look|turn|learn|obtain|gather|source|hear)\b", re.I),
               SOURCE),
}
"""Per answer type: (the question asks for it, a unit carries it)."""

# "What happens if ...", "what goes wrong when ...", "what matters most": a verb after "what", not things asked for.
_NOT_A_NOUN = (r"(?!\s+(if|when|whenever|once|unless|wrong|right|most|best|the|a|an|our|your|their|my|its|we|you|they|it"
               r"|there|this|that|these|those)\b)")
_LIST = re.compile(
    r"(^|[,;:\u2014]\s*)(what|which)\s+(are|were)\s+(?!(we|you|they|i|our|us)\b)|\b(list|enumerate|name (the|all|every))\b|\bexamples?\b"
    r"|\b(what|which)\s+(\w+\s+){0,2}(kinds?|types?|sorts?|categories|elements|sections|steps|stages|phases|items"
    r"|things|parts|pieces|components|factors|areas|sources|options|ways|topics|points|criteria|questions|content)\b"
    r"|\b(include|included|cover|covered|contain|go(es)? in(to)?|belongs? in|consist|made up of|comprise)\b"
    rf"|^\s*(what|which)\s+\w+s\b(?<!\bis\b)(?<!ss\b){_NOT_A_NOUN}",
    re.I,
)
# "define" asks for a definition only as the request ("define X", "the definition of"), not as the user's own step
# ("what goes wrong if we don't define our requirements?"); "what's the danger in ..." asks for a consequence.
_DEFINITION = re.compile(
    r"\bmean(s|t)? by\b|\bmeaning of\b|\bdefinition\b|^\s*(please\s+)?define\b|\bdefined as\b"
    r"|^\s*what('s| is| are) (?!(a |an |the )?(danger|risk|downside|catch|harm|drawback)\s+(of|in|with|if|when)\b)"
    r"(a |an |the )?[\w' -]{1,40}\?\s*$"
    r"|^\s*what does [\w' -]{1,40} (mean|stand for)\b",
    re.I,
)
_NUMBER = re.compile(r"\bhow (many|much|long|often|big|large|soon)\b|\bwhat (number|percentage|share|proportion|amount)\b"
                     r"|\bnumber of\b", re.I)
_NAME_THEM = re.compile(r"\b(what|which) are (they|these|those)\b|\b(name|list) (them|these|those)\b", re.I)
# A search-box fragment naming things in the plural ("kpis to track the cdmo", "hidden costs in a budget") asks for them
# all; one with a question word or a leading verb ("does...", "how to...") is asked some other way.
_PREPOSITION = r"(to|for|of|in|on|at|with|from)"
_SINGULAR_IN_S = r"(analysis|basis|status|focus|bonus|thesis|crisis|emphasis|diagnosis|synopsis|consensus|campus|virus)\b"
_FRAGMENT = re.compile(
    rf"^\s*((?!{_PREPOSITION}\b)[\w/&'-]+\s+){{0,3}}?(?!{_SINGULAR_IN_S})[\w/&'-]*[a-z](?<!s)s\b"  # the head noun, plural
    rf"(?=\s+({_PREPOSITION}|that|we|our)\b|\s*(-|:|\?|$))",
    re.I,
)
_ASKED = re.compile(r"\b(what|which|who|whom|whose|when|where|why|how)\b|^\s*(is|are|do|does|did|can|could|should|would|"
                    r"will|has|have|was|were|may|must|any|tell|give|explain)\b", re.I)
_NOT_A_LIST = re.compile(r"^\s*(what|which)\s+(\w+\s+){0,2}(is|does|has|was)\b", re.I)
# "What does the RFP template include?": what a thing holds, asked with the verb last, is its list of contents.
_CONTENTS = re.compile(r"^\s*(what|which)\s+(do|does|did|should|would|will|must)\s+[\w\s'&/-]{1,60}?\b(include|contain|cover"
                       r"|involve|entail|comprise|consist of|hold|need to (include|contain|cover))(\s+\w+)?\s*\??\s*$", re.I)
# "... the documentation pack we hand over": a collection asked for is asked for with its contents.
_COLLECTION = re.compile(r"^\s*(what|which)\b(?!.*\bwhy\b).*\b(pack|package|packet|bundle|kit|checklist|dossier)s?\b", re.I)

# Words that say how a question is put, or point at the document itself, rather than name its topic.
QUESTION_FORM = frozenset(tokenize(
    "much many big level kind exactly current right now want guide article doc document page author say says said "
    "suggest describe mention actually really basically supposed according take tell get make use put go deal look "
    "think know thing things stuff people way good lot usually typically generally"))


def topic_words(question: str) -> str:
    """The question without the words that only shape it ("what does the guide say about ..."), for similarity."""
    kept = [w for w in re.findall(r"[\w'’&/-]+", question) if not (set(tokenize(w)) <= QUESTION_FORM and tokenize(w))]
    return " ".join(kept) or question


@dataclass(frozen=True)
class Intent:
    """How to answer a question."""

    about_us: bool
    """The question asks what the company's own documents say about itself (status, owners, decisions, gaps)."""
    shape: Shape
    """What a whole answer looks like: every item of a list, a definition's passage, a number with its qualifier."""
    wants: tuple[str, ...]
    """Answer types the question asks for (person, money, time, gap, number)."""
    why: bool = False
    """The question asks what something is for, or what not doing it leads to."""


def read_intent(question: str) -> Intent:
    """Classify a question: whose documents answer it and what shape the answer takes."""
    advice = bool(_ADVICE.search(question))
    person = bool(_PERSON.search(question))
    about_us = bool(_OWN.search(question) or person) and not advice
    return Intent(about_us=about_us, shape=answer_shape(question),
                  wants=tuple(kind for kind, (asks, _) in ASKS_FOR.items() if asks.search(question)),
                  why=bool(_WHY.search(question)))


# "Which cost lines (outside the fees) does the guide ...", "what risks should we ...": plural things asked for, then
# the question's verb; no verb before them ("what does it mean when CDMOs do ..." asks something else).
_AUXILIARY = r"(is|are|do|does|did|was|were|should|shall|can|could|would|will|must|has|have|had|may|might)"
# The ask may follow its context after a colon or a dash ("the bit about keeping score - what measures did it say ...").
_PLURAL_ASKED = re.compile(
    rf"(^|[;:\u2014\u2013]|\s-)\s*(what|which)\s+((?!({_AUXILIARY}|if|when|whenever|once|unless)\b)[\w-]+\s+){{0,7}}?(?!{_SINGULAR_IN_S})[a-z-]*[a-z](?<![s'])s\s+"
    rf"({_AUXILIARY}|need)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[?.!])\s+(?=[A-Z\"'])")


# "Supply-chain question:", "Quick one -": a label before the question names who asks, not what.
_LABEL = re.compile(r"^\s*([\w/&-]+\s+){0,3}?(question|q|query)\s*[:\u2014-]\s+", re.I)


_CLAUSE_ASKS = re.compile(r",?\s+\b(and|or|but)\s+(?=(what|which|who|whom|when|where|why|how|should|do|does|can|is|are)\b)", re.I)


def question_parts(question: str) -> list[str]:
    """The separate asks of a question in several sentences or joined clauses; [] when it asks one thing."""
    parts = []
    for sentence in _SENTENCE_END.split(question.strip()):
        if sentence.rstrip().endswith("?") or _ASKED.search(sentence):
            parts += [p.strip() for p in _CLAUSE_ASKS.split(sentence) if p and len(p.split()) >= 3]
    parts = [p for p in parts if len(set(tokenize(topic_words(p)))) >= 2]
    return parts if len(parts) > 1 or (parts and parts[0] != question.strip()) else []


def without_label(question: str) -> str:
    """The question without a label naming who asks ("Supply-chain question: where ..." -> "where ...")."""
    return _LABEL.sub("", question.strip()) or question.strip()


def answer_shape(question: str) -> Shape:
    """list, definition, number or other; a list may be asked in any sentence that asks (after some context).

    Only a list: "What's the point of drafting it so early?" after context is no request for a definition.
    """
    shape = _sentence_shape(question)
    parts = [p for p in _SENTENCE_END.split(question.strip()) if p.rstrip().endswith("?") or _ASKED.search(p)]
    if shape != "list" and len(parts) > 1 and any(_sentence_shape(part) == "list" for part in parts):
        return "list"
    return shape


def _sentence_shape(question: str) -> Shape:
    if _PLURAL_ASKED.search(question):
        return "list"
    if _NUMBER.search(question) and _NAME_THEM.search(question):
        return "list"  # "how many ..., and what are they?"
    if _LIST.search(question) and not (_NOT_A_LIST.search(question) and not re.search(r"\bwhat are they\b", question, re.I)):
        return "list"
    if _CONTENTS.search(question) or (_COLLECTION.search(question) and not _DEFINITION.search(question)):
        return "list"
    if _FRAGMENT.search(question) and not _ASKED.search(question):
        return "list"
    if _DEFINITION.search(question):
        return "definition"
    if _NUMBER.search(question):
        return "number"
    return "other"
