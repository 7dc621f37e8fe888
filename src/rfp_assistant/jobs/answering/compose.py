"""Extractive answers: the best passage's answer, whole, in its own words, each statement cited.

Whole means by shape: an enumeration comes back with every item of its list (up to a cap, then "and N more"),
a definition with the rest of its paragraph, a number with the sentence that qualifies it; a question found in
the source (an FAQ) is answered by the text that follows it.
"""

from __future__ import annotations

import re

from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.core.retrieval.lexical import tokenize
from rfp_assistant.jobs.answering.candidates import Candidate, is_enumeration, lists_items
from rfp_assistant.jobs.answering.intent import Intent
from rfp_assistant.jobs.answering.reasons import with_reason, with_source
from rfp_assistant.schemas.common import Answer, Citation

MAX_SENTENCES = 4
MAX_LIST_ITEMS = 8
DEFINITION_SENTENCES = 3
CORROBORATE = 0.8  # a sentence from another passage this close to the best one is added as a second source
_CONTINUES = re.compile(r"^(additionally|also|in addition|furthermore|moreover|likewise|further|it also|they also|"
                        r"other|these|this|such|the same)\b", re.I)
_QUALIFIES = re.compile(r"^(this|that|these|those|it|they|such|the (range|figure|number|amount|estimate)|excluding|"
                        r"including|depending|for example|e\.g\.)\b|\b(depend\w*|typical\w*|usually|roughly|about|approx\w*|"
                        r"excluding|including|per|each|if|unless)\b", re.I)
# A sentence opening by pointing back ("These insights help...", "Regardless of the motivation, ...") or naming its
# subject with a demonstrative early on ("Sponsors should establish this infrastructure ...") is read with the sentence
# it points to: that one says what "these", "this infrastructure" or "the motivation" are. "This guide" points nowhere.
_DOCUMENT = r"(guide|page|article|document|series|report|paper|post)\b"
_REFERS_BACK = re.compile(r"^(this|that|these|those|it|they|such|both|either|neither|regardless|whatever|whichever|"
                          r"in (this|that|either|any) case|either way|otherwise)\b"
                          rf"|^(\S+\s+){{1,4}}?(this|these|those|such) (?!{_DOCUMENT})[a-z]", re.I)
# A sentence from another passage is read alone, so "these"/"those" anywhere in it ("will affect these departments'") points back.
_POINTS_BACK = re.compile(_REFERS_BACK.pattern + rf"|\b(these|those) (?!{_DOCUMENT})[a-z]", re.I)
_ABOUT_ITSELF = re.compile(rf"^(this|these) {_DOCUMENT}", re.I)
PLAYBOOK_ADDS = "The built-in playbook adds:"
_BULLET = re.compile(r"^([-*•▪]|\d{1,2}[.)])\s+")


def compose(intent: Intent, candidates: list[Candidate]) -> Answer:
    """The answer built from the best passage for the question's shape, cited unit by unit."""
    groups = _by_passage(candidates)
    best_group = max(groups.values(), key=_passage_score)
    anchor = next((c for c in best_group if c.eligible), best_group[0])
    units = sorted(best_group, key=lambda c: c.position)
    if anchor.text.rstrip().endswith("?"):
        answer_units = _after_question(anchor, units)
        if answer_units:
            return _render(answer_units, [])
    # "how many ..." is answered by the list when there is one; "how much ..." by the row or sentence that says it.
    if intent.shape == "list" or (intent.shape == "number" and "number" in intent.wants):
        items = _whole_list(anchor, units)
        if items is not None:
            intro, listed = items
            return _render(intro, listed)
    if intent.shape == "definition":
        return _render(_with_antecedent(anchor, units, _paragraph_from(anchor, units, DEFINITION_SENTENCES)), [])
    chosen = _with_antecedent(anchor, units, _best_sentences(anchor, best_group, units))
    if intent.shape == "number":
        chosen = _with_qualifier(anchor, units, chosen)
    if intent.shape == "list":
        chosen = _with_continuation(anchor, units, chosen)
    if intent.why:
        chosen = with_reason(anchor, units, chosen)
    if "source" in intent.wants:
        chosen = with_source(anchor, units, chosen)
    # A second source pointing back ("these departments' workflows") comes with the sentence naming what it points to.
    for extra in _corroboration(candidates, anchor, chosen):
        chosen += _with_antecedent(extra, sorted(groups[extra.chunk_id], key=lambda c: c.position), [extra], _POINTS_BACK)
    if intent.shape == "list":
        chosen = _with_following_list(chosen, groups)
    return _render(chosen, [])


def supplement(first: Answer, extra: Answer) -> Answer:
    """`first`, then `extra` introduced as the built-in playbook's, its markers renumbered after `first`'s."""
    offset = len(first.citations)
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", extra.answer)
    return Answer(answer=f"{first.answer}\n{PLAYBOOK_ADDS}\n{text}", citations=first.citations + extra.citations,
                  found=True)


def _by_passage(candidates: list[Candidate]) -> dict[str, list[Candidate]]:
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.chunk_id, []).append(candidate)
    return groups


def _passage_score(group: list[Candidate]) -> float:
    """A passage is as good as its best unit, plus a little for other units that answer nearly as well.

    Only those: a long passage's filler sentences would otherwise outweigh a short section that answers squarely.
    """
    top = sorted((c.score for c in group if c.eligible), reverse=True)[:3] or [max(c.score for c in group)]
    return top[0] + 0.15 * sum(s for s in top[1:] if s >= CORROBORATE * top[0]) / 2


def _after_question(anchor: Candidate, units: list[Candidate]) -> list[Candidate]:
    """The sentences answering a question that the source itself asks (an FAQ entry)."""
    following = [c for c in units if c.position > anchor.position]
    if not following:
        return []
    block = following[0].unit.block
    return [c for c in following if c.unit.block == block][:DEFINITION_SENTENCES]


def _whole_list(anchor: Candidate, units: list[Candidate]) -> tuple[list[Candidate], list[Candidate]] | None:
    """(introduction, items) of the list the anchor belongs to or introduces; None when it is in no list."""
    if anchor.unit.is_row:
        lead = anchor.unit.lead
        items = _without_header([c for c in units if _is_item(c) and c.unit.lead == lead])
        intro = [c for c in units if not c.unit.is_row and c.text == lead][:1]
        return intro, _singled_out(items)
    # The anchor's paragraph may end by introducing a list ("... by considering:").
    block_end = max((c for c in units if c.unit.block == anchor.unit.block), key=lambda c: c.position)
    items = _without_header([c for c in units if _is_item(c) and c.unit.lead == block_end.text
                             and c.position > block_end.position])
    if items:
        intro = [anchor] if anchor is block_end else [anchor, block_end]
        return intro, _singled_out(items)
    return None


def _without_header(items: list[Candidate]) -> list[Candidate]:
    """A table's rows without its heading row ("| # | Risk | Owner |": labels only), which lists no thing itself."""
    first = min(items, key=lambda c: c.position, default=None)
    if first is None or len(items) < 3 or "|" not in first.text or re.search(r"\d", first.text):
        return items
    cells = [c.strip() for c in first.text.strip().strip("|").split("|")]
    labels = len(cells) >= 2 and all(len(c.split()) <= 3 for c in cells)
    return [c for c in items if c is not first] if labels else items


def _singled_out(items: list[Candidate]) -> list[Candidate]:
    """The one item the question's own words pick out ("which risks are financial?"), else the whole list.

    It holds a word of the question no other item holds, in its head (the words naming the item: "Financial risks
    like ..."), and every question word another item holds. A word further in ("... tech transfer delays") only
    describes the item: "first time CEO" does not single out the item mentioning delays.
    """
    for item in items:
        others = set().union(*(c.matched for c in items if c is not item))
        if item.matched & _head_words(item.text) - others and others <= item.matched:
            return [item]
    return items


def _head_words(text: str) -> set[str]:
    """Stems of the words naming a list item: before its first verb-like break, at most the first four words."""
    head = re.split(r"[:(,;\u2014]|\s[-\u2013]\s|\b(?:like|include[sd]?|including|such as|is|are|was|were|means?)\b",
                    _BULLET.sub("", text), maxsplit=1)[0]
    return set(tokenize(" ".join(head.split()[:4])))


def _is_item(candidate: Candidate) -> bool:
    """A list item or row that can be part of an answer: numbered questions (an FAQ) are not a list of answers."""
    return candidate.unit.is_row and not candidate.text.rstrip().endswith("?")


def _paragraph_from(anchor: Candidate, units: list[Candidate], limit: int) -> list[Candidate]:
    same = [c for c in units if c.unit.block == anchor.unit.block and c.position >= anchor.position]
    return same[:limit]


def _best_sentences(anchor: Candidate, group: list[Candidate], units: list[Candidate]) -> list[Candidate]:
    """The anchor, the passage's other strong units, and the sentence completing the anchor."""
    floor = anchor.score * 0.7
    # A question found in the source (an FAQ's) is not part of an answer: the sentences after it are.
    chosen = [c for c in group if c.eligible and c.score >= floor and not c.text.rstrip().endswith("?")][:MAX_SENTENCES]
    chosen = chosen if anchor.eligible else [anchor]
    if anchor not in chosen:
        chosen.insert(0, anchor)
    follow = next((c for c in units if c.position == anchor.position + 1 and c.unit.block == anchor.unit.block), None)
    if follow is not None and follow not in chosen and follow.score >= 0.5 * anchor.score and len(chosen) < MAX_SENTENCES:
        chosen.append(follow)
    return chosen


def _with_antecedent(anchor: Candidate, units: list[Candidate], chosen: list[Candidate],
                     refers_back: re.Pattern = _REFERS_BACK) -> list[Candidate]:
    """The sentence just before an anchor that points back to it, from the same paragraph."""
    opening = _BULLET.sub("", anchor.text)
    if not refers_back.search(opening) or _ABOUT_ITSELF.match(opening):
        return chosen
    before = next((c for c in units if c.position == anchor.position - 1 and c.unit.block == anchor.unit.block), None)
    if before is None or before in chosen or before.unit.is_row or before.text.rstrip().endswith("?"):
        return chosen
    return [before] + chosen


def _with_qualifier(anchor: Candidate, units: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """A number comes with the neighbouring sentence that qualifies it."""
    neighbours = {c.position: c for c in units if c.unit.block == anchor.unit.block}
    after, before = neighbours.get(anchor.position + 1), neighbours.get(anchor.position - 1)
    extra = []
    if after is not None and after not in chosen and _QUALIFIES.search(after.text):
        extra.append(after)
    if before is not None and before not in chosen and re.match(r"^(this|that|these|it|they|such)\b", anchor.text, re.I):
        extra.append(before)
    return chosen + extra


def _with_continuation(anchor: Candidate, units: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """An inline list continued by the next sentence ("Additionally, ... d, e and f") is given whole."""
    out = list(chosen)
    position = anchor.position
    for _ in range(2):
        nxt = next((c for c in units if c.position == position + 1 and c.unit.block == anchor.unit.block), None)
        if nxt is None or not (_CONTINUES.search(nxt.text) and is_enumeration(nxt.text)):
            break
        if nxt not in out:
            out.append(nxt)
        position += 1
    return out


def _with_following_list(chosen: list[Candidate], groups: dict[str, list[Candidate]]) -> list[Candidate]:
    """A sentence naming the topic ("Set up key metrics.") is followed by the one listing it ("They include a, b, c")."""
    out = list(chosen)
    for c in chosen:
        if lists_items(c.text):
            continue
        nxt = next((u for u in groups[c.chunk_id] if u.position == c.position + 1 and u.unit.block == c.unit.block), None)
        if nxt is not None and nxt not in out and not nxt.unit.is_row and lists_items(nxt.text):
            out.append(nxt)
    return out


def _corroboration(candidates: list[Candidate], anchor: Candidate, chosen: list[Candidate]) -> list[Candidate]:
    """One strong sentence from another passage, when it says something the chosen ones do not."""
    for candidate in candidates:
        if candidate.chunk_id == anchor.chunk_id or not candidate.eligible:
            continue
        if candidate.score >= CORROBORATE * anchor.score and not any(
            _jaccard(set(tokenize(candidate.text)), set(tokenize(c.text))) > 0.5 for c in chosen
        ):
            return [candidate]
        return []
    return []


def _render(statements: list[Candidate], items: list[Candidate]) -> Answer:
    """Statements in reading order as sentences, list items as bullets (capped), each with its citation marker."""
    order: dict[str, int] = {}
    for c in statements + items:
        order.setdefault(c.chunk_id, len(order))
    statements = sorted(dict.fromkeys(statements), key=lambda c: (order[c.chunk_id], c.position))
    items = sorted(dict.fromkeys(items), key=lambda c: c.position)
    shown, hidden = items[:MAX_LIST_ITEMS], items[MAX_LIST_ITEMS:]
    citations: list[Citation] = []
    marker: dict[tuple[str, int], int] = {}
    for run in _runs(statements + shown):
        citations.append(cite(run[0].hit.chunk, _run_quote(run), builtin=run[0].hit.builtin))
        for c in run:
            marker[(c.chunk_id, c.position)] = len(citations)
    lines = [" ".join(f"{_clean(c.text)} [{marker[(c.chunk_id, c.position)]}]" for c in statements)] if statements else []
    lines += [f"- {_clean(c.text)} [{marker[(c.chunk_id, c.position)]}]" for c in shown]
    if hidden:
        lines.append(f"- … and {len(hidden)} more")
    return Answer(answer="\n".join(line for line in lines if line), citations=citations, found=True)


def _runs(units: list[Candidate]) -> list[list[Candidate]]:
    """Consecutive units of one passage, which one verbatim quote can cite together."""
    runs: list[list[Candidate]] = []
    for c in units:
        last = runs[-1][-1] if runs else None
        if last is not None and last.chunk_id == c.chunk_id and c.position == last.position + 1 \
                and quote_in_text(_run_quote(runs[-1] + [c]), c.hit.chunk.text):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def _run_quote(run: list[Candidate]) -> str:
    return " ".join(c.text for c in run)


def cite(chunk, quote: str, *, builtin: bool = False) -> Citation:
    """A citation of `quote` in `chunk`: where it is, and whether it comes from the built-in playbook or the user."""
    return Citation(source=chunk.source, page=chunk.page, quote=quote, location=chunk.locate(quote),
                    origin="playbook" if builtin else "user")


_ANSWER_LABEL = re.compile(r"^(a|ans|answer)\s*:\s+", re.I)  # an FAQ's "A: ..." shown without its label


def _clean(text: str) -> str:
    text = _ANSWER_LABEL.sub("", _BULLET.sub("", text)).strip("| ").replace(" | ", ", ")
    return text[:1].upper() + text[1:] if text else text


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)
