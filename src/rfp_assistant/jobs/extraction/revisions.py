"""Words that date a figure: the one a revision replaced, the one it arrived at, and a cue that names only a reference
point ("from PO") rather than what is counted from it."""

from __future__ import annotations

import re

SUPERSEDED = re.compile(r"(?i)\b(?:replac(?:es|ing|ed)|supersed(?:es|ing|ed)|instead of|previously|formerly|"
                        r"originally|rather than|in place of|no longer)\b[^.;]*$")
FROM_OLD = re.compile(r"(?i)\b(?:chang|updat|revis|reduc|increas|mov|extend|shorten|lower|rais|cut|brought)\w*\s+"
                      r"(?:down\s+|up\s+)?from\s+(?:\S+\s+){0,2}$|\((?:previously|formerly|was|originally)\s*:?\s*$")
# The figure a revision arrives at: "revised from X to", "which makes the total", "the new price is".
TO_NEW = re.compile(r"(?i)\b(?:chang|updat|revis|reduc|increas|lower|rais|cut|brought|extend|shorten)\w*\s+(?:\w+\s+){0,3}?"
                    r"from\s+[^.;]{1,40}?\bto\s+(?:\S+\s+){0,1}$|\b(?:makes?|making|brings?|bringing)\s+(?:the\s+|our\s+)?"
                    r"(?:new\s+|revised\s+)?(?:total|price|figure)\b[^.;]{0,70}$|\b(?:new|revised|updated)\s+(?:total|price)"
                    r"\s+(?:is|of|becomes|will\s+be)\s+[^.;]{0,20}$")
# A cue that names only the point durations are counted from, not what is counted.
REFERENCE_ONLY = re.compile(r"(?i)(?:(?:from|after|since)\s+(?:the\s+)?(?:po|purchase\s+order|contract|signature|award|"
                            r"kick-?off)|(?:po|contract(?:\s+(?:signature|execution))?)\s+to|m\+\d+)")
