"""Load versioned prompt templates from prompts/ (e.g. answer_question.v1.jinja) and render them."""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2

from rfp_assistant.errors import ConfigurationError
from rfp_assistant.resources import PROMPTS_DIR

_ROLE_MARKER = re.compile(r"^=== (system|user|assistant) ===\s*$", re.M)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PROMPTS_DIR)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def prompt_names() -> list[str]:
    """Every prompt file shipped, as 'name.vN'."""
    return sorted(p.name.removesuffix(".jinja") for p in PROMPTS_DIR.glob("*.jinja"))


def render_prompt(name: str, **variables) -> str:
    """Render prompt `name` ('answer_question.v1') with the given variables."""
    try:
        template = _environment().get_template(f"{name}.jinja")
    except jinja2.TemplateNotFound as exc:
        raise ConfigurationError(f"Prompt {name!r} is missing from {PROMPTS_DIR}.") from exc
    return template.render(**variables)


def render_messages(name: str, **variables) -> list[tuple[str, str]]:
    """Render a prompt split into (role, content) messages at its '=== role ===' markers."""
    text = render_prompt(name, **variables)
    parts = _ROLE_MARKER.split(text)
    messages = [(role, content.strip()) for role, content in zip(parts[1::2], parts[2::2]) if content.strip()]
    if not messages:
        raise ConfigurationError(f"Prompt {name!r} has no '=== system ===' or '=== user ===' sections.")
    return messages
