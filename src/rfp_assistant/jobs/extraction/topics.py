"""What a sentence must be about for an enum's option named in it to answer the field."""

from __future__ import annotations

import re

# The sentence an enum's option is read from must be about the field: a cadence about reporting, a model about how the
# work is charged ("a hybrid synthesis route" or "a team of 4 FTEs" says nothing about pricing).
ENUM_CONTEXT = {
    "reporting_cadence": re.compile(r"report|meeting|call|update|teleconference|\bTCs?\b|status|review|touch[- ]?point|"
                                    r"governance|steering", re.I),
    "pricing_model": re.compile(r"pric|\bcosts?\b|charg|\bfees?\b|invoic|quot(?:e|ed|es|ation)\b|\bbill|\brates?\b|"
                                r"\bpaid\b|\bpay|budget|commercial\s+(?:model|terms|basis)|lump|[$€£¥₹]|\b[A-Z]{3}\s?\d|"
                                r"\b(?:fte|resource|time|activity|milestone|unit)[- ]based\b|\b(?:offer|proposal|quotation)\s+is\b",
                                re.I),
}
