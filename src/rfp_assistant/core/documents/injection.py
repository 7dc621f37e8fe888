"""Text addressed to an AI reader ("ignore previous instructions"): found so it is flagged and never obeyed.

Documents are data. A passage that talks to a model or an evaluator instead of describing the vendor or the
program is a possible prompt injection: loading flags its page, extraction never takes evidence from it.
"""

from __future__ import annotations

import re

from rfp_assistant.core.text.spans import merge_spans

# Text that talks to a model or an evaluator rather than describing the vendor ("ignore previous instructions").
ADDRESSED_TO_AI = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|prompts?|rules|guidelines)\b"
    r"|\bsystem prompt\b|\b(?:you are|as) an? (?:ai|llm|language model|ai assistant)\b"
    r"|\b(?:ai|llm|gpt|chatbot|language model|automated)[- ](?:evaluators?|reviewers?|assistants?|models?|graders?)\b"
    r"|\b(?:score|rank|rate|grade)\s+(?:us|this (?:vendor|proposal|company|bid|cdmo))\b",
    re.I,
)
# A marker inside a wall of text blocks this much around it, not the whole wall.
MAX_BLOCK = 1200


def ai_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph that addresses an AI reader (around the marker, in a wall of text)."""
    if not ADDRESSED_TO_AI.search(text):
        return []
    spans = []
    for paragraph in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):
        for marker in ADDRESSED_TO_AI.finditer(paragraph.group(0)):
            start, end = paragraph.span()
            if end - start > MAX_BLOCK:
                half = MAX_BLOCK // 2
                start, end = max(start, start + marker.start() - half), min(end, start + marker.end() + half)
            spans.append((start, end))
    return merge_spans(spans)


def addresses_ai(text: str) -> bool:
    """True when some paragraph of `text` addresses an AI reader."""
    return bool(ai_spans(text))


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span replaced by a line break (the rest stays verbatim, so quotes still match)."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + "\n" + text[end:]
    return text


def without_ai_text(text: str) -> str:
    """`text` without the paragraphs that address an AI reader."""
    return blank_spans(text, ai_spans(text))
