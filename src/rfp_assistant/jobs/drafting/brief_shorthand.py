"""A clause with its trade abbreviations spelled out, for placement (knowledge/brief_abbreviations.yaml).

The embedding model that places a clause reads 'DAR by HIC + LC-MS' or 'LN2 vap' as noise; it reads the same
clause with each abbreviation's meaning in brackets. Only placement sees this text: the RFP shows the sponsor's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from rfp_assistant.errors import ConfigurationError
from rfp_assistant.resources import KNOWLEDGE_DIR

# 'Ph1', 'Ph 2', 'Ph1b/2a', 'PhIII': a phase, however briefly written.
_PHASE = re.compile(r"\bPh\.?\s?(?=\d|I{1,3}\b|IV\b)")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, dict[str, str]], ...]:
    path = KNOWLEDGE_DIR / "brief_abbreviations.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"{path.name} could not be read ({exc})") from exc
    out = []
    for key, flags in (("acronyms", 0), ("shorthand", re.I)):
        table = {str(k): str(v) for k, v in (data.get(key) or {}).items()}
        if not table:
            continue
        words = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w/-])({words})s?(?![\w/-])", flags)
        out.append((pattern, table if not flags else {k.lower(): v for k, v in table.items()}))
    return tuple(out)


def spelled_out(clause: str) -> str:
    """`clause` with each known abbreviation followed by its meaning in brackets ('HIC (hydrophobic ...)')."""
    text = _PHASE.sub("Phase ", clause)
    for pattern, table in _patterns():
        text = pattern.sub(lambda m: f"{m.group(0)} ({table.get(m.group(1)) or table[m.group(1).lower()]})", text)
    return text
