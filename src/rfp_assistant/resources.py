"""Where the shipped, non-code resources live: knowledge/ and prompts/ (and, in a checkout, eval/).

A wheel carries knowledge/ and prompts/ inside the package (pyproject force-includes them); an editable
checkout keeps them at the repository's top level, where the product's design puts them. One lookup
serves both.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parents[1]  # src/rfp_assistant -> the repository


def resource_dir(name: str) -> Path:
    """The folder `name` inside the installed package, else at the checkout's top level."""
    for base in (_PACKAGE_DIR, _CHECKOUT_DIR):
        if (base / name).is_dir():
            return base / name
    return _CHECKOUT_DIR / name  # absent: callers that need it say so when they open a file


KNOWLEDGE_DIR = resource_dir("knowledge")
PROMPTS_DIR = resource_dir("prompts")
BUNDLED_MODEL_DIR = _PACKAGE_DIR / "model"  # all-MiniLM-L6-v2, put in the wheel by hatch_build.py (not in a checkout)
EVAL_DIR = _CHECKOUT_DIR / "eval"  # fixtures are not shipped; `eval` runs from a checkout
