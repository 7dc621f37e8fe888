"""What a writer takes back or declines: 'we dropped lyo', 'no longer planned', 'Fill/finish: N/A', 'the earlier
budget (GBP 5m) is superseded'. A negation reader (negation.py) asks whether a term is denied; this one finds the
pieces of a sentence that no longer state the plan, so a reader of the plan can leave them out.
"""

from __future__ import annotations

import re

# A field's value that declines it: 'Fill/finish: N/A', 'Lyophilization: No' (read as false from YAML), 'Potent
# handling: not required'.
_DECLINED_VALUE = re.compile(
    r"^\s*(?:n/?a|n\.a\.|not applicable|none|nil|false|no(?!\.\s*\d)|not (?:required|needed|applicable|planned|wanted"
    r"|requested|in scope)|no need|out of scope|excluded)\b[\s.,;:!–—-]*", re.I)
# 'Originally' names an earlier plan only beside a word of planning ('the process was previously run at 50 L' is
# history, a fact the CDMO needs; 'originally the plan was 3 campaigns' is a plan replaced).
_ONCE = r"(?:originally|initially|previously|formerly|earlier|at first)"
_PLAN = (r"(?:plan\w*|budget\w*|target\w*|estimat\w*|quot\w*|assum\w*|said|thought|asked|request\w*|agreed|scheduled"
         r"|foreseen|expected|intended|proposed|figure|number)")
_NOW = re.compile(r"\b(?:revised|changed|updated|reduced|increased|lowered|raised|corrected)\b", re.I)
# A piece that states an earlier plan, now replaced: 'originally 3 campaigns', '(it was 3.5m before the cut)',
# 'the budget we were given earlier (GBP 5m) is superseded', 'replacing the 1,000 L plan', 'we had said EMA and FDA'.
_SUPERSEDED = re.compile(
    rf"\b(?:{_ONCE}\b[^.;()]{{0,40}}\b{_PLAN}|{_PLAN}\b[^.;()]{{0,40}}\b{_ONCE}|superseded|obsolete|replaced"
    r"|(?:the|our|an?) (?:earlier|old|previous|original|initial) (?:plan|figure|number|estimate|budget|target)"
    r"|(?:given|said|planned|quoted|agreed|assumed) (?:earlier|before|previously)|had (?:said|planned|assumed|budgeted)"
    r"|shelved|parked|we thought|used to be|(?:was|were) going to"
    r"|\b(?:it|that|this|which) (?:was|were)\b[^;()]{0,40}\bbefore\b)", re.I)
# What a piece puts aside from here on ('2,000 L single-use, replacing the 1,000 L plan', 'X rather than Y').
_REPLACING = re.compile(r"\b(?:replacing|in place of|instead of|rather than)\b", re.I)
# A piece or aside that only names the figure it replaces: '..., not EUR 4M', '(not 400 g - we re-ran the numbers)'.
_NOT_THAT = re.compile(r"^\s*\(?\s*(?:and\s+|but\s+)?not\s+(?:the\s+)?[^\s,;()]+(?:\s+[^\s,;()]+)?\s*(?:$|[-–—]\s)", re.I)
# A piece that drops or declines part of the plan: 'we dropped lyo', 'lyophilisation no longer planned', 'we are not
# asking for commercial manufacturing', 'we won't need the adjuvant sourced by them', 'the FDA filing is off the table'.
_DECLINED = re.compile(
    r"\b(?:dropped|scrapped|cancell?ed|ditched|abandoned|shelved|no longer|off the table|(?:got|was|were|been|be) cut"
    r"|(?:not|n't) (?:be )?(?:asking (?:for|them)|ask(?:ing)? for|needed|need|required|planned|planning|going to"
    r"|doing|included?|in scope|part of)|won'?t (?:need|be|do|ask|include)|will not (?:need|be|do|ask|include)"
    r"|no need (?:for|to)|excluded|out of scope)\b|\bno\b[^,;.()]{1,40}\b(?:needed|required|planned|wanted)\b", re.I)
# The writer telling the colleague who drafts the RFP to leave something out: 'don't quote it', 'don't mention FDA
# filing', 'don't put it in'. What it names is no part of the request, so the instruction and its object go.
_OMIT = re.compile(r"(?:,\s*)?(?:\b(?:so|and|but)\s+)?\b(?:do not|don'?t|no need to)\s+(?:mention\b[^.;()]*|(?:quote|include|put"
                   r"|list|show|cite)\s+(?:it|that|this|them)\b(?:\s+in\b)?)|\bleave (?:it|that|this|them) out\b", re.I)
# Options weighed before the decision that follows them: 'Discussion: 1,000 L vs 2,000 L. Decision: 2,000 L'.
_OPTIONS = re.compile(r"\s(?:vs\.?|versus)\s", re.I)
_DECIDED = re.compile(r"\b(?:decision|decided|agreed|chose|chosen|selected|settled on|going with)\b", re.I)
# Where a sentence divides into pieces: separators, a bracket, 'but'.
_PIECE_BREAK = re.compile(r"\s*(?:;|,(?=\s)|\s[-–—]\s|\.(?=\s|$)|\bbut\b)\s*", re.I)
_BRACKET = re.compile(r"\([^()]*\)")
_LABEL = re.compile(r"^\s*([A-Za-z][^:]{0,40}):\s+(\S.*)$", re.S)


def declined_field(text: str) -> str | None:
    """For a 'Label: value' whose value declines the label ('Fill/finish: N/A'), what the value adds after the
    declining word ('Drug product: N/A (API only)' -> '(API only)'); None when the text is no such field."""
    m = _LABEL.match(text)
    if not m or not (d := _DECLINED_VALUE.match(m.group(2))):
        return None
    return m.group(2)[d.end():].strip()


def pieces(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence's pieces, cut at semicolons, commas, spaced dashes, full stops and 'but'."""
    spans, start = [], 0
    for brk in _PIECE_BREAK.finditer(sentence):
        if brk.start() > start and not _inside_bracket(sentence, brk.start()):
            spans.append((start, brk.start()))
            start = brk.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


def _inside_bracket(sentence: str, at: int) -> bool:
    return any(m.start() < at < m.end() for m in _BRACKET.finditer(sentence))


def _gone(sentence: str, cue: re.Pattern) -> list[tuple[int, int]]:
    """Pieces (or bracketed asides) that `cue` marks: a cue inside an aside removes the aside, else the piece."""
    spans = []
    for a, b in pieces(sentence):
        asides = [m for m in _BRACKET.finditer(sentence, a, b)]
        outside = without_spans(sentence[a:b], [(m.start() - a, m.end() - a) for m in asides])
        if cue.search(outside) or cue is _SUPERSEDED and _NOT_THAT.match(outside):
            spans.append((a, b))
        else:
            spans += [(m.start(), m.end()) for m in asides
                      if cue.search(m.group(0)) or cue is _SUPERSEDED and _NOT_THAT.match(m.group(0))]
    return spans


def superseded_pieces(sentence: str) -> list[tuple[int, int]]:
    """Spans of the pieces (or bracketed asides) stating an earlier plan the writer has replaced, and of options
    weighed before a decision the sentence goes on to state."""
    options = [(a, b) for a, b in pieces(sentence) if _OPTIONS.search(sentence, a, b) and _DECIDED.search(sentence, b)]
    replaced = [(m.start(), b) for a, b in pieces(sentence) if (m := _REPLACING.search(sentence, a, b))]
    # 'previously 4 batches; revised to 2': what was, before the sentence says what is now.
    was = [(a, b) for a, b in pieces(sentence) if re.search(rf"\b{_ONCE}\b", sentence[a:b], re.I) and _NOW.search(sentence, b)]
    return _past_label(sentence, _gone(sentence, _SUPERSEDED) + options + replaced + was)


def _past_label(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, a 'Label:' that opens the sentence kept ('Batches: previously 4 ...' keeps 'Batches:')."""
    label = _LABEL.match(sentence)
    return [(max(a, label.start(2)) if label and a < label.start(2) else a, b) for a, b in spans
            if not label or b > label.start(2)]


def standing_text(sentence: str) -> str:
    """The sentence without what it declines or takes back: a declined field is reduced to what its value adds,
    and pieces stating an earlier plan or dropping part of it are left out."""
    if (rest := declined_field(sentence)) is not None:
        return rest
    return without_spans(sentence, superseded_pieces(sentence) + _past_label(sentence, _gone(sentence, _DECLINED)))


def without_omitted(sentence: str) -> str:
    """The sentence without what its writer says to leave out of the RFP: an aside holding the instruction goes
    whole ('500 L (the 1,000 L plan is shelved - don't quote it)' -> '500 L'), else the words from the instruction on."""
    lead = len(re.match(r"\s*(?:[-*•▪]\s+)?", sentence).group(0))  # a list item keeps its indent and bullet
    spans = []
    for m in _OMIT.finditer(sentence, lead):
        aside = next((b for b in _BRACKET.finditer(sentence) if b.start() < m.start() < b.end()), None)
        spans.append((aside.start() - lead, aside.end() - lead) if aside else (m.start() - lead, m.end() - lead))
    return sentence[:lead] + without_spans(sentence[lead:], spans) if spans else sentence


def without_spans(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the spans cut out and the separators they leave behind tidied."""
    if not spans:
        return sentence
    out, last = [], 0
    for a, b in sorted(spans):
        out.append(sentence[last:a] if a > last else "")
        last = max(last, b)
    out.append(sentence[last:])
    text = re.sub(r"\(\s*\)", "", "".join(out))
    text = re.sub(r"^\s*but\b|\s*\bbut\s*(?=[,;.]|$)", "", text)
    text = re.sub(r"\s*([,;:])(?:\s*[,;.])+", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text)
    return text.strip(" ,;-–—").replace(" .", ".").replace(" ,", ",")
