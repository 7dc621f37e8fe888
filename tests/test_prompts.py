"""Every prompt file renders, and splits into chat messages."""

from __future__ import annotations

import pytest

from rfp_assistant.errors import ConfigurationError
from rfp_assistant.core.llm.prompts import prompt_names, render_messages

SAMPLES = {
    "assess_area.v1": {"area": "risk", "items": [{"id": "risk.financial", "title": "Financial risks", "question": "Q?",
                                                   "covered_when": "listed", "partial_when": "mentioned", "passages": [1]}],
                       "passages": [{"number": 1, "source": "r.md", "page": 1, "section": "Risks", "text": "FX risk."}]},
    "assess_area.v2": {"area": "risk", "program": "ABC-100", "today": "2026-12-05",
                       "items": [{"id": "risk.financial", "title": "Financial risks", "question": "Q?",
                                  "covered_when": "listed", "partial_when": "mentioned", "passages": [1]}],
                       "passages": [{"number": 1, "source": "r.md", "page": 1, "section": "Risks", "text": "FX risk.",
                                     "date": "2026-10-01"}]},
    "parse_brief.v1": {"brief": "PhI mAb, 2 x 2kL, US/EU, ~$6M", "criteria": ["cost", "timeline"]},
    "draft_section.v1": {"title": "Scope of Work", "purpose": "Defines the work to quote.",
                         "facts": ["Development phase: Phase 1"], "open_points": ["[To be confirmed: budget for this scope]"],
                         "program_blocks": ["| Milestone | Target date |"], "requirements": ["Quote each service separately."],
                         "asks": ["State all assumptions."],
                         "passages": [{"number": 1, "source": "a.md", "page": 1, "section": "Scope", "text": "Scope text."}]},
    "draft_section.v2": {"title": "Scope of Work", "purpose": "Defines the work to quote.",
                         "facts": ["Development phase: Phase 1"], "open_points": ["[To be confirmed: budget for this scope]"],
                         "brief_statements": ["Scope: tech transfer, 1 demo run + 2 GMP lots at 200 L"],
                         "program_blocks": ["| Milestone | Target date |"], "requirements": ["Quote each service separately."],
                         "asks": ["State all assumptions."],
                         "passages": [{"number": 1, "source": "a.md", "page": 1, "section": "Scope", "text": "Scope text."}]},
    "answer_question.v1": {"question": "Who owns tech transfer?",
                           "passages": [{"number": 1, "source": "a.md", "page": 2, "section": "Team", "text": "Lena owns it."}]},
    "answer_question.v2": {"question": "Who owns tech transfer?",
                           "passages": [{"number": 1, "source": "a.md", "page": 2, "origin": "user", "section": "Team",
                                         "text": "Lena owns it."}]},
    "extract_fields.v1": {"source": "acme.pdf", "page_count": 2, "group_title": "commercial terms", "excerpt": False,
                          "fields": [{"key": "total_price", "label": "Total price", "type": "money", "unit": "",
                                      "question": "Total price for the proposed scope", "format": "amount and ISO currency",
                                      "enum": []}],
                          "pages": [{"number": 1, "text": "Acme Biologics AG"}, {"number": 2, "text": "Total: USD 4.2M"}]},
}


def test_every_prompt_has_sample_variables_and_renders():
    names = prompt_names()
    assert "answer_question.v1" in names
    for name in names:
        assert name in SAMPLES, f"add sample variables for {name}"
        messages = render_messages(name, **SAMPLES[name])
        roles = [role for role, _ in messages]
        assert roles[0] == "system" and "user" in roles
        assert all(content.strip() for _, content in messages)


def test_missing_variable_is_an_error_not_a_silent_blank():
    with pytest.raises(Exception, match="question"):
        render_messages("answer_question.v1", passages=[])


def test_unknown_prompt_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="missing"):
        render_messages("nope.v9")
