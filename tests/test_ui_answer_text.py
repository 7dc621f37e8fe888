"""An answer that quotes an e-mail is shown as the text it is: a quoted line ("> From: ...") or a line starting with
"#" does not turn into a Markdown block quote or heading, and the engine's own bullets stay bullets. Several cited
statements on one line are shown one per bullet instead of running together."""

from __future__ import annotations

from rfp_assistant.interfaces.ui.ask_tab import render_answer
from rfp_assistant.schemas.common import Answer


def test_quoted_mail_lines_and_hashes_stay_text_and_bullets_stay_bullets():
    answer = Answer(answer="> From: Dalia > Sent: 15 October [1]\n- > Procurement owns the contact [2]\n"
                           "# 3 on the list is open [1]\n- Budget line is a placeholder [2]",
                    citations=[], mode="offline")
    shown = render_answer(answer).splitlines()
    assert shown[0] == "\\> From: Dalia > Sent: 15 October [1]"
    assert shown[1] == "- \\> Procurement owns the contact [2]"
    assert shown[2] == "\\# 3 on the list is open [1]"
    assert shown[3] == "- Budget line is a placeholder [2]"
    assert shown[-1] == "<small>Answered offline, extractive.</small>"


def test_several_cited_statements_on_one_line_are_shown_one_per_bullet():
    answer = Answer(answer="VP CMC (lead), Corwin Ibekwe-Lunde, owns CDMO selection [1] External Manufacturing PM: "
                           "VACANT, see note [A] in the roster [2] Regulatory Affairs, Soraya Ketterman [2][3]",
                    citations=[], mode="offline")
    shown = render_answer(answer).splitlines()
    assert shown[:3] == ["- VP CMC (lead), Corwin Ibekwe-Lunde, owns CDMO selection [1]",
                         "- External Manufacturing PM: VACANT, see note [A] in the roster [2]",
                         "- Regulatory Affairs, Soraya Ketterman [2][3]"]
    single = render_answer(Answer(answer="Okafor owns tech transfer. [1]", citations=[], mode="offline"))
    assert single.startswith("Okafor owns tech transfer. [1]\n")  # one statement stays a sentence
