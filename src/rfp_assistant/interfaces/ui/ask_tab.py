"""Ask tab: a question box answered from the guide and internal documents, with citations."""

from __future__ import annotations

import re

import gradio as gr

from rfp_assistant.jobs.answering import answer_question
from rfp_assistant.schemas.common import Answer
from rfp_assistant.interfaces.ui.common import Refusal, Session, problem, progress_adapter

INTRO = ("Ask anything about outsourcing to a CDMO or about your own program. Answers come from the built-in playbook "
         "and the documents in this workspace (add yours in the Knowledge tab), each statement with its source; "
         "when nothing says it, the answer says so.")
# A quoted e-mail line ("> From: ...") or a "#" at the start of a quoted line is text, not Markdown structure.
_BLOCK_START = re.compile(r"^(\s*(?:[-*] )?)([>#])", re.MULTILINE)
_CITED = re.compile(r"\[\d+\](?:\s*\[\d+\])*")
_AFTER_MARKER = re.compile(r"(?<=\d\])\s+(?=[^\s\[])")  # between one statement's marker(s) and the next statement
EXAMPLES = [
    "What hidden costs should we budget for?",
    "Who should be on our internal outsourcing team?",
    "What belongs in a technology transfer package?",
    "How should we score and weight CDMO proposals?",
]


def build(session: Session, workspace: gr.Dropdown) -> None:
    """Lay out the tab and wire its events."""
    gr.Markdown(INTRO)
    # One line that grows: Enter asks (a multi-line box would take Enter as a new line).
    question = gr.Textbox(label="Question", placeholder=EXAMPLES[0], lines=1, max_lines=4, elem_id="question")
    ask = gr.Button("Ask", variant="primary", elem_id="ask-button")
    gr.Examples(EXAMPLES, inputs=[question])
    answer = gr.Markdown(elem_id="answer")
    sources = gr.Markdown(elem_id="citations")

    run = answer_handler(session)
    ask.click(run, [question, workspace], [answer, sources], show_progress_on=[answer])
    question.submit(run, [question, workspace], [answer, sources], show_progress_on=[answer])


def answer_handler(session: Session):
    """The event handler shared by every question box: (question, workspace) -> (answer, sources) Markdown."""

    def run(text: str, ws: str, progress=gr.Progress()):
        try:
            if not text or not text.strip():
                raise Refusal("Type a question first.")
            # On first start this waits for the playbook, with its progress shown where the answer will be.
            result = answer_question(session.index(ws, progress=progress_adapter(progress)), text, chat=session.chat)
        except Exception as exc:  # said where the answer would be, never as an error badge
            return problem(exc), ""
        return render_answer(result), render_citations(result)

    return run


def render_answer(result: Answer) -> str:
    """The answer as Markdown, with a note when nothing was found."""
    mode = "offline, extractive" if result.mode == "offline" else "language model, verified quotes"
    text = "\n".join(_statements(line) for line in result.answer.split("\n"))
    text = _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)
    return f"{text}\n\n<small>Answered {mode}.</small>"


def _statements(line: str) -> str:
    """A line of several cited statements ("... [1] ... [2]") as one bullet each, so they do not run together."""
    if line.lstrip().startswith(("-", "*")) or len(_CITED.findall(line)) < 2:
        return line
    parts = [p.strip() for p in _AFTER_MARKER.split(line) if p.strip()]
    return "\n".join(f"- {part}" for part in parts) if len(parts) > 1 else line


def render_citations(result: Answer) -> str:
    """Numbered sources with page and quote."""
    if not result.citations:
        return ""
    lines = ["**Sources**", ""]
    for i, c in enumerate(result.citations, start=1):
        origin = f" ({c.origin_label})" if c.origin_label else ""
        lines.append(f"{i}. **{c.source}**, {c.location or f'page {c.page}'}{origin} — “{c.quote}”")
    return "\n".join(lines)
