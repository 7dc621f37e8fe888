"""Where the shipped, non-code resources live: prompts/ and knowledge/ at the project root."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROMPTS_DIR = PROJECT_ROOT / "prompts"
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
EVAL_DIR = PROJECT_ROOT / "eval"
