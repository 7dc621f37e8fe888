"""A person's career, told in a CV or a team profile: its figures are the person's past, never this offer's.

"Dr. Anne Morel, Head of Process Development. 18 years of experience; previously led 14 technology transfers at a
large CDMO" names a field (process development, technology transfer) beside figures that belong to her career. An
entry opens with a person's name and role; its sentences that tell the career (years of experience, earlier roles,
a former employer, what the person led or hosted) are read as nobody's value. The entry's other sentences ("assigned
full time to this project") still speak for the offer.
"""

from __future__ import annotations

import re

from rfp_assistant.jobs.extraction.voices import sentence_spans

_TITLE = r"(?:Dr|Prof|Mr|Mrs|Ms|Mx|Dipl\.-Ing|Ing|Ir)\.?"
_WORD = r"[A-Z][a-zà-ÿ]+(?:[-'’][A-Z][a-zà-ÿ]+)?"
_ROLE = (r"(?i:head|director|manager|lead|leader|scientist|vp|vice\s+president|chief|officer|senior|principal|engineer|"
         r"specialist|analyst|associate|consultant|expert|coordinator|supervisor|qualified\s+person|\bqp\b|founder|ceo|"
         r"cso|cto|coo|president|fellow|technologist|chemist|biologist|pharmacist|auditor)")
# "Dr. Anne Morel, Head of ...", "Anne Morel – Senior Scientist", "Morel, Anne (Director QA)"
_PERSON = re.compile(rf"(?m)^[^\S\n]*(?:[-•▪\x7f*][^\S\n]*)?(?:{_TITLE}[^\S\n]+{_WORD}(?:[^\S\n]+(?:[A-Z]\.|{_WORD})){{0,2}}|"
                     rf"{_WORD}(?:[^\S\n]+[A-Z]\.)?[^\S\n]+{_WORD}(?:[^\S\n]+{_WORD})?)[^\S\n]*(?:,|–|—|-|\(|:|\||\n)"
                     rf"[^\n]{{0,40}}?\b{_ROLE}")
# What a career says: experience in years, earlier roles and employers (what the person did here is the house's record).
_CAREER = re.compile(
    r"(?i)\b\d+\+?\s+years?\b[^.;\n]{0,30}\bexperience|\byears?\s+of\s+(?:\w+\s+){0,2}experience|\bprevious(?:ly)?\b|"
    r"\bformer(?:ly)?\b|\bprior\s+to\s+joining\b|\bbefore\s+joining\b|\bjoined\s+(?:us|the\s+company|[A-Z]\w+)\b|"
    r"\bearlier\s+in\s+(?:his|her|their)\s+career\b|\bcareer\b|\bph\.?\s?d\.?\b")
_PRONOUN = re.compile(r"(?i)^\W*(?:he|she|they|his|her|their)\b")
_WE = re.compile(r"(?i)\b(?:we|our|us|we['’](?:ve|re|ll))\b")
MAX_ENTRY = 1200


def career_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of `text` telling a person's career: in a CV entry that opens with a name and role, or any sentence
    that names the person's former employer."""
    spans = []
    for person in _PERSON.finditer(text):
        end = _entry_end(text, person.start())
        sentences = list(sentence_spans(text[person.start():end]))
        for n, (start, stop) in enumerate(sentences):
            sentence = text[person.start() + start:person.start() + stop]
            if _CAREER.search(sentence) and not _WE.search(sentence):  # "we've completed 26 programmes" is the house's
                while n + 1 < len(sentences) and not sentence.rstrip().endswith((".", "!", "?", ";")):
                    n += 1  # a line the layout broke mid-sentence ("the last in May" / "2021 (NAI).")
                    stop = sentences[n][1]
                    sentence = text[person.start() + start:person.start() + stop]
                spans.append((person.start() + start, person.start() + stop))
    for start, stop in sentence_spans(text):
        sentence = text[start:stop]
        if _PRONOUN.match(sentence) and re.search(r"(?i)\b(?:former|previous|prior)\s+(?:employer|company|role|position)|"
                                                  r"\bbefore\s+joining\b|\bprior\s+to\s+joining\b", sentence):
            spans.append((start, stop))
    return sorted(spans)


def _entry_end(text: str, start: int) -> int:
    """An entry runs to a blank line, the next person's entry or MAX_ENTRY characters."""
    limit = min(len(text), start + MAX_ENTRY)
    blank = text.find("\n\n", start, limit)
    following = _PERSON.search(text, text.find("\n", start) + 1 if "\n" in text[start:limit] else limit, limit)
    return min([limit] + [i for i in (blank, following.start() if following else -1) if i >= 0])
