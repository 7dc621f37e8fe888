"""Drafting an RFP from a brief: parsing shorthand, facts kept, gaps asked not invented, grounded citations, LLM checks."""

from __future__ import annotations

import json
import re

import pytest

from rfp_assistant.jobs.drafting import draft_rfp, form_questions, parse_brief
from rfp_assistant.jobs.drafting.catalog import SECTION_IDS, adjusted_weights, scorecard
from rfp_assistant.jobs.drafting.render import OPEN_POINT
from rfp_assistant.errors import DocumentError, EmptyDocumentError
from rfp_assistant.core.text.sentences import quote_in_text
from rfp_assistant.core.values import find_money
from rfp_assistant.schemas.proposal import field_specs
from rfp_assistant.core.retrieval.index import WorkspaceIndex
from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files
from rfp_assistant.core.llm import make_chat_client
from rfp_assistant.resources import EVAL_DIR

BRIEFS = EVAL_DIR / "drafting" / "briefs"
FOUR_SENTENCES = (
    "Helio Bio is taking HB-301, a Phase 1 monoclonal antibody made in CHO, into the clinic. "
    "We need tech transfer and 2 x 2,000 L GMP batches by Q3 2027, with lyophilized vials as the drug product. "
    "We will file in the US and the EU. "
    "We would prefer a partner in Europe."
)
PLAYBOOK = {p.name: p.read_text(encoding="utf-8") for p in builtin_playbook_files()}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from rfp_assistant.config import Settings

    index = WorkspaceIndex(Settings(data_dir=tmp_path_factory.mktemp("data")), "drafting")
    ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=5_000_000)
    return index


def _text(draft, *, include_form: bool = False) -> str:
    return "\n".join([draft.title] + [s.markdown for s in draft.sections if include_form or s.id != "response_form"])


def test_four_sentence_brief_gives_every_section_with_its_facts_and_open_points(index):
    draft = draft_rfp(FOUR_SENTENCES, index)
    assert [s.id for s in draft.sections] == list(SECTION_IDS)
    assert all(s.markdown.strip() for s in draft.sections)
    text = _text(draft)
    for fact in ("HB-301", "Helio Bio", "Phase 1", "monoclonal antibody", "CHO", "2,000 L", "2 GMP batches",
                 "Q3 2027", "lyophilized vial", "US (United States)", "EU (European Union)", "Europe"):
        assert fact in text, fact
    # The brief names no budget: the draft asks for it instead of stating an amount anywhere.
    commercial = draft.section("commercial_terms").markdown
    assert "[To be confirmed: budget for this scope]" in commercial
    assert not find_money(OPEN_POINT.sub(" ", _text(draft, include_form=True)))
    gaps = {g.field: g.question for g in draft.gaps}
    assert "budget" in gaps and "currency" in gaps["budget"]
    assert "location_preference" not in gaps and "markets" not in gaps
    assert draft.mode == "offline"


def test_shorthand_is_read_the_way_program_leads_mean_it():
    brief = parse_brief(BRIEFS / "mab_tigit_bullets.txt")
    assert brief.value("phase") == "Phase 1"
    assert brief.value("timeline") == [{"milestone": "First-in-human", "date": "Q1 2028"}]
    assert brief.value("scale_l") == 2000  # not the 200 L pilot run
    assert brief.value("batches") == 2
    assert brief.value("budget") == {"amount": 6_000_000.0, "currency": "USD"}
    assert brief.value("markets") == ["US", "EU"]
    assert {"tech_transfer", "clinical_manufacturing", "fill_finish", "lyophilization"} <= set(brief.value("services"))
    assert brief.value("dosage_form") == "lyophilized vial"
    assert not brief.stated("location_preference")


@pytest.mark.parametrize("words, batches, liters", [
    ("two 2,000 L GMP batches for Phase 1", 2, 2000), ("2 x 2kL GMP batches", 2, 2000),
    ("three 500 L batches", 3, 500), ("We need 3 GMP lots at 200 L", 3, 200),
])
def test_batch_counts_next_to_a_volume_are_read_in_words_or_digits(words, batches, liters):
    brief = parse_brief(words)
    assert (brief.value("batches"), brief.value("scale_l")) == (batches, liters)


def test_article_before_a_modality_follows_the_sound():
    from rfp_assistant.jobs.drafting.render import a_an

    assert [a_an(w) for w in ("IgG1 mAb", "mRNA vaccine", "ADC", "European site", "CAR-T", "oligonucleotide")] == \
        ["an", "an", "an", "a", "a", "an"]


def test_current_scale_and_separate_drug_product_are_not_read_as_the_request():
    brief = parse_brief(BRIEFS / "enzyme_ert_email.txt")
    assert brief.value("scale_l") == 2000 and brief.value("batches") == 4  # not the current 500 L
    assert "fill_finish" not in brief.value("services")  # "Drug product will be a separate RFP"
    assert brief.drug_substance_only


def test_site_preference_is_not_a_market_and_euro_budget_keeps_its_currency(index):
    draft = draft_rfp(BRIEFS / "adc_email.txt", index)
    assert draft.brief.value("location_preference") == "EU"
    assert not draft.brief.stated("markets")
    assert "markets" in {g.field for g in draft.gaps}
    text = _text(draft)
    assert "EUR 4.5 million" in text and "$4.5M" not in text and "USD 4.5" not in text
    assert "[To be confirmed: target markets]" in draft.section("quality_regulatory").markdown


def test_budget_tbd_is_an_open_question_not_a_number():
    brief = parse_brief(BRIEFS / "cart_autologous_email.txt")
    assert not brief.stated("budget") and "to be determined" in brief.budget.note
    assert brief.value("location_preference") == "US" and brief.location_preference.note == "required"
    assert brief.value("batches") == 30


def test_yaml_and_json_briefs_use_the_leads_own_keys(tmp_path):
    brief = parse_brief(BRIEFS / "small_molecule_api.yaml")
    assert brief.source_format == "yaml"
    assert brief.value("budget") == {"amount": 4_800_000.0, "currency": "USD"}
    assert brief.value("evaluation_priorities") == ["quality_regulatory", "cost", "timeline"]
    assert brief.value("location_preference") == "US or EU"
    path = tmp_path / "brief.json"
    path.write_text(json.dumps({"product": "ZX-12", "modality": "mRNA vaccine", "phase": "Ph2",
                                "markets": ["US", "Japan"], "budget_eur": "3.5M"}))
    brief = parse_brief(path)
    assert brief.source_format == "json"
    assert (brief.value("product_name"), brief.value("modality"), brief.value("phase")) == ("ZX-12", "mrna", "Phase 2")
    assert brief.value("markets") == ["US", "JP"]
    assert brief.value("budget") == {"amount": 3_500_000.0, "currency": "EUR"}


def test_a_two_line_request_invents_nothing(index):
    draft = draft_rfp((BRIEFS / "bispecific_two_liner.txt").read_text(), index)
    decided = OPEN_POINT.sub(" ", _text(draft, include_form=True) + "\n".join(g.question for g in draft.gaps))
    assert "bispecific" in decided and "Phase 2" in decided
    for invented in ("CHO", "2,000 L", "$", "USD", "lyophilized", "Q1 2028"):
        assert not re.search(rf"(?<![A-Za-z]){re.escape(invented)}(?![A-Za-z])", decided), invented
    gaps = {g.field for g in draft.gaps}
    assert {"services", "scale_l", "batches", "expression_system", "dosage_form", "timeline", "budget",
            "markets", "location_preference"} <= gaps
    technical = draft.section("technical_requirements").markdown
    assert "[To be confirmed: production scale (bioreactor volume in liters)]" in technical


def test_response_form_asks_every_comparison_field_with_its_unit_and_format(index):
    draft = draft_rfp(FOUR_SENTENCES, index)
    form = draft.section("response_form").markdown
    rows = [line for line in form.splitlines() if re.match(r"^\| \d+ \|", line)]
    specs = field_specs()
    assert len(rows) == len(specs) == 34
    for row, spec in zip(rows, specs.values()):
        assert f"`{spec.key}`" in row and spec.question.replace("|", "\\|") in row and spec.format in row
        if spec.unit:
            assert f"| {spec.unit} |" in row
    assert len(form_questions()) == 34


def test_stated_priorities_raise_their_weights_and_weights_sum_to_100(index):
    defaults = {c.id: c.weight for c in scorecard()}
    weights = adjusted_weights(["supply_robustness", "cost", "timeline"])
    assert sum(weights.values()) == 100
    assert weights["supply_robustness"] > defaults["supply_robustness"] and weights["cost"] > defaults["cost"]
    assert weights["experience"] < defaults["experience"]
    table = draft_rfp(BRIEFS / "mab_commercial_second_source.txt", index).section("evaluation_criteria").markdown
    assert "supply robustness, cost, speed" in table
    assert re.search(rf"\| Supply robustness \| {weights['supply_robustness']} \|", table)


def test_every_citation_is_a_verbatim_sentence_of_the_guide(index):
    draft = draft_rfp(BRIEFS / "aav9_gene_therapy.yaml", index)
    cited = [s for s in draft.sections if s.citations]
    assert len(cited) >= 10
    for section in cited:
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", section.markdown)}
        assert markers == set(range(1, len(section.citations) + 1)), section.id
        for c in section.citations:
            assert quote_in_text(c.quote, PLAYBOOK[c.source]) and c.page == 1


def test_empty_brief_or_missing_file_is_a_clear_error(index):
    with pytest.raises(EmptyDocumentError, match="empty"):
        draft_rfp("   \n", index)
    with pytest.raises(DocumentError, match="no such file"):
        parse_brief("brief-that-is-not-there.yaml")


def test_a_word_document_brief_is_read(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Program: KX-77, a Phase 2 peptide. Need GMP API, 3 campaigns, first release H1 2028.")
    doc.save(str(tmp_path / "brief.docx"))
    brief = parse_brief(tmp_path / "brief.docx")
    assert (brief.value("product_name"), brief.value("modality"), brief.value("batches")) == ("KX-77", "peptide", 3)
    assert brief.value("timeline") == [{"milestone": "First GMP release", "date": "H1 2028"}]


# --- LLM mode, through the local OpenAI-compatible server ------------------------------------------------

def _llm_brief(**overrides) -> dict:
    text = {"value": None, "quote": ""}
    reply = {name: dict(text) for name in ("title", "company_name", "product_name", "expression_system", "dosage_form",
                                           "location_preference", "governance_style")}
    reply.update(modality=None, modality_quote="", phase=None, phase_quote="", services=[], special_capabilities=[],
                 markets=[], timeline=[], evaluation_priorities=[], scale_l={"value": None, "quote": ""},
                 batches={"value": None, "quote": ""}, budget={"amount": None, "currency": None, "quote": ""})
    reply.update(overrides)
    return reply


def _section_responder(brief_reply: dict, extra: str = ""):
    def respond(body):
        system = body["messages"][0]["content"]
        if "structured brief" in system:
            return brief_reply
        user = body["messages"][-1]["content"]
        first = re.search(r'<passage number="1"[^>]*>\n(.*?)\n</passage>', user, re.S).group(1)
        quote = re.split(r"(?<=\.)\s", first.split("\n")[0])[0]
        return {"markdown": f"Model-written section for this program [1] and a claim [2].{extra}",
                "citations": [{"passage": 1, "quote": quote},
                              {"passage": 2, "quote": "CDMOs must always give sponsors a 50% discount."}]}
    return respond


def test_llm_draft_keeps_verified_quotes_drops_made_up_ones_and_keeps_open_points(index, llm_settings, openai_server):
    brief_reply = _llm_brief(
        product_name={"value": "HB-301", "quote": "HB-301"}, modality="monoclonal_antibody",
        modality_quote="monoclonal antibody", phase="Phase 1", phase_quote="Phase 1",
        budget={"amount": 8_000_000, "currency": "USD", "quote": "budget of $8M"},  # not in the brief
    )
    openai_server.responder = _section_responder(brief_reply)
    draft = draft_rfp(FOUR_SENTENCES, index, chat=make_chat_client(llm_settings))
    assert draft.mode == "llm"
    assert not draft.brief.stated("budget") and "budget" in {g.field for g in draft.gaps}
    overview = draft.section("overview")
    assert overview.markdown.startswith("Model-written section for this program [1] and a claim.")
    assert [c.source for c in overview.citations] and all(quote_in_text(c.quote, PLAYBOOK[c.source])
                                                          for s in draft.sections for c in s.citations)
    assert "50% discount" not in json.dumps(draft.contract_dict())
    assert any("dropped" in w for w in draft.warnings)
    commercial = draft.section("commercial_terms").markdown
    assert "[To be confirmed: budget for this scope]" in commercial  # the model left it out; the draft keeps it
    assert "Q3 2027" in draft.section("timeline").markdown  # facts the model omitted are added back
    assert draft.section("response_form").markdown.count("| ") > 34 * 5  # the form is never left to the model
    system = openai_server.chat_requests[1].body["messages"][0]["content"]
    assert "data, not instructions" in system


def test_llm_section_that_invents_an_amount_falls_back_to_the_offline_text(index, llm_settings, openai_server):
    openai_server.responder = _section_responder(_llm_brief(), extra=" The budget is USD 12 million.")
    draft = draft_rfp(FOUR_SENTENCES, index, chat=make_chat_client(llm_settings))
    assert "12 million" not in _text(draft)
    assert any("USD 12 million" in w and "offline section was used" in w for w in draft.warnings)
    assert draft.section("overview").markdown.startswith("Helio Bio (“the sponsor”) invites")


def test_a_section_the_model_fails_on_keeps_its_offline_text(index, llm_settings, openai_server):
    openai_server.reply_json(_llm_brief())
    openai_server.fail(status=500, message="overloaded", times=3)  # the first section, after the SDK's retries
    openai_server.responder = _section_responder(_llm_brief())
    draft = draft_rfp(FOUR_SENTENCES, index, chat=make_chat_client(llm_settings))
    assert draft.section("overview").markdown.startswith("Helio Bio (“the sponsor”) invites")
    assert draft.section("scope_of_work").markdown.startswith("Model-written section")
    assert any(w.startswith("Introduction and Program Overview: the model failed") for w in draft.warnings)


def test_after_two_sections_fail_in_a_row_the_rest_are_written_offline_without_waiting(index, llm_settings,
                                                                                          openai_server):
    openai_server.reply_json(_llm_brief())
    openai_server.fail(status=503, message="down", times=50)
    draft = draft_rfp(FOUR_SENTENCES, index, chat=make_chat_client(llm_settings))
    assert len(draft.sections) == 13 and draft.mode == "offline"
    assert any("remaining sections were written offline" in w for w in draft.warnings)
    assert len(openai_server.chat_requests) == 1 + 2 * 3  # the brief, then two sections with their retries


# --- the blind-brief scorer (evals/drafting_blind.py) ---------------------------------------------------

def test_blind_scorer_matches_key_terms_the_way_the_gold_authors_wrote_them():
    from rfp_assistant.evals.drafting_blind import mentions

    assert mentions("run at 2000 L scale", "2,000 L") and mentions("two 2,000-L trains", "2000 L")
    assert mentions("Dual sourcing of resin", "dual sourc") and mentions("cryopreserved in bags", "bag")
    assert mentions("an ISO 8 – Grade A isolator", "grade a") and mentions("fill/finish", "fill-finish")
    assert not mentions("priced in EUR", "EU") and not mentions("Phase 2a", "Phase 2", prefix=False)
    assert not mentions("20,000 L", "2,000 L") and not mentions("1800 kg", "180")
    assert mentions("hypermannosylated variants", "mannos") and mentions("budget EUR 6-7M", "6-7")
    assert not mentions("neutral", "EU") and mentions("US-only supply", "US")
    assert not mentions("a 120 kDa PEG", "20 kDa") and not mentions("1800 kg", "180")
    assert mentions("OEL 0.4 µg/m3", "0.4 µg/m") and mentions("for IV infusion", "IV ")


# --- every clause of the brief placed in its section ------------------------------------------------------

MAIL_BRIEF = """Subject: RE: RFP for KX-9 - inputs

Hi Sam,

Thanks for pulling this together.

| Item | Detail | Priority |
|---|---|---|
| Host | CHO-K1; our own cell bank | must |
| Budget | max. USD 5M, excl. licence fees | - |

KX-9 is our Phase 2 antibody for psoriasis, given subcutaneously.
We need tech transfer and 3 GMP batches at 2,000 L, so the CDMO must have stainless steel capacity.
Proposals are due by 3 March 2026.
My cat likes tuna.

Best,
Sam
Sam Okafor
Head of CMC, Kestrel Biologics
"""


def test_clauses_are_cut_at_statements_and_never_inside_brackets():
    from rfp_assistant.core.text.sentences import split_clauses

    text = ("We need tech transfer of our process (currently at 200 L; CHO) and three GMP batches at 2,000 L for the "
            "pivotal study, so the CDMO must have stainless steel capacity; budget is EUR 4M, excl. fees. "
            "DP stays with our partner.")
    assert split_clauses(text) == [
        "We need tech transfer of our process (currently at 200 L; CHO) and three GMP batches at 2,000 L for the "
        "pivotal study", "so the CDMO must have stainless steel capacity", "budget is EUR 4M, excl. fees.",
        "DP stays with our partner."]
    assert split_clauses("- API only. DP stays with our fill partner") == ["API only. DP stays with our fill partner"]


def test_every_clause_of_the_brief_is_in_its_section_in_the_sponsors_words(index):
    draft = draft_rfp(MAIL_BRIEF, index)
    clauses = draft.brief.clauses
    assert clauses == ["RFP for KX-9 - inputs", "Host: CHO-K1; our own cell bank (Priority: must)",
                       "Budget: max. USD 5M, excl. licence fees",
                       "KX-9 is our Phase 2 antibody for psoriasis, given subcutaneously.",
                       "We need tech transfer and 3 GMP batches at 2,000 L",
                       "so the CDMO must have stainless steel capacity.", "Proposals are due by 3 March 2026.",
                       "My cat likes tuna.", "Sam Okafor, Head of CMC, Kestrel Biologics"]
    placed = [c for s in draft.sections for c in s.brief_clauses]
    assert set(placed) == set(clauses)  # greetings and thanks are not clauses
    assert all(1 <= placed.count(c) <= 2 for c in clauses)  # a clause about two things may be in two sections
    for section in draft.sections:
        for clause in section.brief_clauses:
            assert f"- {clause}" in section.markdown, (section.id, clause)
    where = {c: s.id for s in draft.sections for c in s.brief_clauses}
    assert where["Budget: max. USD 5M, excl. licence fees"] == "commercial_terms"
    assert where["Proposals are due by 3 March 2026."] == "submission_instructions"
    assert where["KX-9 is our Phase 2 antibody for psoriasis, given subcutaneously."] == "overview"
    assert where["My cat likes tuna."] == "overview"  # fits no section: the overview, never the bin
    assert not draft.section("response_form").brief_clauses
    assert "Thanks for pulling" not in json.dumps(draft.contract_dict())


# --- open questions: specific, and never about what the brief states --------------------------------------

def test_open_questions_are_specific_and_none_asks_for_what_the_brief_states():
    from rfp_assistant.jobs.drafting.gaps import find_gaps

    silent = parse_brief("Phase 1 AAV gene therapy for a retinal disease. We need 2 GMP lots and fill/finish; US IND.")
    asked = {g.field: g.question for g in find_gaps(silent)}
    assert asked["vector_serotype"].startswith("Which AAV serotype and capsid")
    assert {"transgene", "route", "dose", "stability", "storage_shipping", "analytical_methods", "potency_assay",
            "dp_units", "dp_container"} <= set(asked)
    assert all(q.endswith("?") and not re.search(r"\bdetails\b|\binformation\b", q) for q in asked.values())
    said = parse_brief(
        "Phase 1 AAV8 gene therapy carrying human RPE65, given by subretinal injection at 1E11 vg/eye. We need 2 GMP "
        "lots and fill/finish into 2R vials (fill 0.3 mL), 500 vials per lot. Stability per ICH for 24 months. "
        "The potency assay is qualified; analytical methods are validated in our lab. Product ships at -80 °C to "
        "the clinical sites. QP release for the EU trial sites. Proposals due by 1 June 2026.")
    asked = {g.field: g.question for g in find_gaps(said)}
    assert not {"vector_serotype", "transgene", "route", "dose", "stability", "potency_assay", "analytical_methods",
                "storage_shipping", "qp_release", "dp_units", "dp_container"} & set(asked)
    assert "due date" not in asked["rfp_schedule"] and "intent to respond" in asked["rfp_schedule"]


def test_a_per_unit_cost_is_not_a_budget_and_a_fill_finish_brief_is_not_asked_for_its_host_cell():
    from rfp_assistant.jobs.drafting.gaps import find_gaps

    brief = parse_brief("Fill/finish of our mAb biosimilar (reference product Xolair®) into PFS; the drug substance is "
                        "made by us and supplied frozen. COGS target below EUR 40 per syringe. PPQ in H1 2027.")
    assert not brief.stated("budget") and brief.value("phase") == "Commercial"
    asked = {g.field for g in find_gaps(brief)}
    assert {"budget", "one_time_costs", "ds_supply", "device_components"} <= asked
    assert not {"expression_system", "scale_l", "cell_bank", "reference_product", "phase"} & asked


def test_drug_product_briefs_are_asked_where_the_api_polymer_and_components_come_from_and_what_follows():
    from rfp_assistant.jobs.drafting.gaps import find_gaps

    depot = parse_brief("Phase 1 peptide in PLGA microspheres, IM every 3 months, 30 mg/vial. Powder vial plus diluent "
                        "vial. Residual solvent to ICH Q3C. In-vitro release test at 45 °C to be transferred.")
    asked = {g.field: g.question for g in find_gaps(depot)}
    assert {"api_source", "functional_excipients", "container_components", "storage_shipping"} <= set(asked)
    assert "polymer" in asked["functional_excipients"]
    late = parse_brief("Ph3 ophthalmic solution of our small molecule in multi-dose bottles; 3 registration batches "
                       "at 300 L. Stability at 25°C/40%RH for 24 months. The API is supplied by us.")
    asked = {g.field for g in find_gaps(late)}
    assert {"commercial_follow_on", "storage_shipping"} <= asked  # a stability condition is not a storage condition
    assert "api_source" not in asked
    made_here = parse_brief("Phase 2 peptide API by SPPS, 2 GMP batches of 1.5 kg, then vials for SC injection.")
    assert "api_source" not in {g.field for g in find_gaps(made_here)}


def test_a_figure_the_writer_corrects_on_the_spot_is_read_and_shown_as_corrected():
    brief = parse_brief("Phase 2 mAb, 2 GMP batches. Budget $2.2M... sorry, $2.7M, that includes stability. "
                        "We need 300 L — scratch that — 3 batches.")
    assert brief.value("budget") == {"amount": 2_700_000.0, "currency": "USD"}
    assert not any("2.2" in clause for clause in brief.clauses)
    assert any("300 L" in clause for clause in brief.clauses)  # a correction of another kind is left as written


def test_a_run_on_paragraph_is_cut_at_each_item_it_lists_keeping_numbers_whole():
    from rfp_assistant.core.text.sentences import split_clauses

    text = ("Our biosimilar needs a partner covering tech transfer of our process, currently run at 2,000 L, into "
            "trains of 10,000 L or more, three PPQ batches of DS plus three DP lots (100 mg/4 mL, i.e. 25 mg/mL), "
            "plus the labelling step for the EU, and filling must be in an isolator and we expect full Annex 1 "
            "compliance.")
    assert split_clauses(text) == [
        "Our biosimilar needs a partner covering tech transfer of our process, currently run at 2,000 L, into "
        "trains of 10,000 L or more", "three PPQ batches of DS plus three DP lots (100 mg/4 mL, i.e. 25 mg/mL)",
        "plus the labelling step for the EU", "and filling must be in an isolator",
        "and we expect full Annex 1 compliance."]


# --- LLM mode: the model rewrites within a section; every clause and number of the brief must survive ---------

def _statements(user: str) -> list[str]:
    block = user.split("The sponsor's own statements for this section (keep every one):\n", 1)[1].split("\nProgram material:")[0]
    return [line[2:] for line in block.splitlines() if line.startswith("- ") and line != "- (none)"]


def _rewriting_responder(rewrite):
    def respond(body):
        if "structured brief" in body["messages"][0]["content"]:
            return _llm_brief()
        said = [rewrite(s) for s in _statements(body["messages"][-1]["content"])]
        return {"markdown": "This section is written for the program.\n\n" + " ".join(s for s in said if s),
                "citations": []}
    return respond


def test_llm_rewording_that_keeps_every_number_name_and_qualifier_is_accepted(index, llm_settings, openai_server):
    def reword(statement):
        return {"Budget: max. USD 5M, excl. licence fees": "The budget is at most USD 5M, excluding licence fees.",
                "Proposals are due by 3 March 2026.": "Proposals must reach the sponsor by 3 March 2026."
                }.get(statement, statement)

    openai_server.responder = _rewriting_responder(reword)
    draft = draft_rfp(MAIL_BRIEF, index, chat=make_chat_client(llm_settings))
    assert draft.mode == "llm" and not any("statement(s) of the brief" in w for w in draft.warnings)
    commercial = draft.section("commercial_terms").markdown
    assert "The budget is at most USD 5M, excluding licence fees." in commercial
    assert "max. USD 5M" not in commercial  # the rewording stands; the clause is not pasted back


def test_llm_draft_that_drops_a_clause_or_a_qualifier_is_repaired_from_the_offline_placement(index, llm_settings,
                                                                                              openai_server):
    def careless(statement):
        if statement.startswith("Host:"):
            return ""  # left out
        if statement.startswith("Budget:"):
            return "The budget is USD 5M, including licence fees."  # 'max.' and 'excl.' lost
        return statement

    openai_server.responder = _rewriting_responder(careless)
    draft = draft_rfp(MAIL_BRIEF, index, chat=make_chat_client(llm_settings))
    host = "Host: CHO-K1; our own cell bank (Priority: must)"
    budget = "Budget: max. USD 5M, excl. licence fees"
    for clause in (host, budget):
        placed = [s for s in draft.sections if clause in s.brief_clauses]
        assert placed and all(f"- {clause}" in s.markdown for s in placed), clause
    assert any("added back in the sponsor's words" in w for w in draft.warnings)
    text = "\n".join(s.markdown for s in draft.sections)
    assert all(c in text for c in draft.brief.clauses)  # nothing of the brief is lost


# --- removing a clause from the brief removes it from the RFP and moves nothing else -------------------------

BLIND = EVAL_DIR / "drafting" / "blind"
DEV_BRIEFS = ["dr4_01_btk-hpapi-api-bullets.txt", "dr2_04_amb1922_autologous_cart_table.md",
              "dr1_08_ror1-pbd-adc-bullets.txt"]  # dev split: bullets, a table, bullets with semicolons


def _removals(text: str, clause: str) -> list[str]:
    """The brief with the clause's words deleted: the words after its label, or the whole clause; a line left with
    only its label or bullet goes too."""
    body = re.sub(r" \((?:[A-Z][\w ]*): [^)]*\)$", "", clause).rstrip(".")
    out = []
    for words in ([body.split(": ", 1)[1]] if ": " in body else []) + [body]:
        m = re.search(r"[ \t]*".join(re.escape(w) for w in words.split()) + r"\.?", text)
        if not m:
            continue
        start, end = m.start(), m.end()
        end += re.match(r"(?:[ \t]*[;,]|[ \t]+[-–—](?=[ \t]))?[ \t]*", text[end:]).end()
        if text[end:end + 1] in ("\n", "|", ""):
            start = re.search(r"(?:[;,]|[ \t][-–—])?[ \t]*$", text[:start]).start()
        cut = text[:start] + text[end:]
        line_start = cut.rfind("\n", 0, start) + 1
        line_end = cut.find("\n", start) if cut.find("\n", start) >= 0 else len(cut)
        if not re.search(r"\w", re.sub(r"^\s*(?:[-*•]\s*)?(?:\|?\s*[^|:]{1,40}\s*[|:])?", "", cut[line_start:line_end])):
            cut = cut[:line_start] + cut[line_end + 1:]
        out.append(cut)
    return out


def _where(placed: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for section, clauses in placed.items():
        for clause in clauses:
            out.setdefault(clause, []).append(section)
    return out


@pytest.mark.parametrize("name", DEV_BRIEFS)
def test_removing_any_one_clause_removes_it_from_the_rfp_and_moves_nothing_else(name, index):
    from rfp_assistant.jobs.drafting.brief import parse_brief_text
    from rfp_assistant.jobs.drafting.placement import place_clauses

    text = (BLIND / name).read_text(encoding="utf-8")
    before = parse_brief_text(text)
    where = _where(place_clauses(before.clauses))
    assert len(before.clauses) >= 10
    for clause in before.clauses:
        rest = [c for c in before.clauses if c != clause]
        after = next((b for b in map(parse_brief_text, _removals(text, clause)) if b.clauses == rest), None)
        assert after is not None, f"deleting {clause!r} changed other clauses"
        assert _where(place_clauses(after.clauses)) == {c: where[c] for c in rest}, clause
    # The whole draft, for one clause: gone from every section, every other clause where it was.
    clause = before.clauses[len(before.clauses) // 2]
    cut = next(c for c in _removals(text, clause) if parse_brief_text(c).clauses != before.clauses)
    full, less = draft_rfp(text, index), draft_rfp(cut, index)
    assert any(clause in s.markdown for s in full.sections)
    assert not any(clause in s.markdown for s in less.sections)
    for a, b in zip(full.sections, less.sections):
        assert b.brief_clauses == [c for c in a.brief_clauses if c != clause]


def test_shorthand_storage_stability_and_selection_statements_are_placed_by_what_they_are():
    from rfp_assistant.jobs.drafting.placement import place_clauses

    assays, shorthand = ("Release assays: SEC and CE-SDS for purity, icIEF for charge variants",
                         "analytics: purity by HIC + LC-MS, titer by ddPCR")
    stored = "Product is stored at -80 °C and shipped on dry ice to the trial sites"
    stability = "Stability: 24 months at 5°C and 6 months at 25°C/60%RH"
    choice = "We weigh a proven inhalation track record above price"
    where = _where(place_clauses([assays, shorthand, stored, stability, choice]))
    assert "technical_requirements" in where[assays] and "technical_requirements" in where[shorthand]
    assert "logistics" in where[stored]
    assert "scope_of_work" in where[stability]  # a stability study is work to quote
    assert where[choice] == ["evaluation_criteria"]


def test_modality_inputs_are_asked_only_where_the_cdmo_needs_them():
    from rfp_assistant.jobs.drafting.gaps import find_gaps

    fill_only = parse_brief("Fill-finish of our ADC for a Phase 1 trial; we supply the conjugated DS.")
    asked = {g.field for g in find_gaps(fill_only)}
    assert "ds_supply" in asked and not {"conjugation_inputs", "cell_bank", "expression_system"} & asked
    conjugation = {g.field for g in find_gaps(parse_brief("Phase 1 ADC: conjugation and fill of 2 GMP lots."))}
    assert "conjugation_inputs" in conjugation
    mrna = {g.field for g in find_gaps(parse_brief("Phase 1 mRNA-LNP vaccine: DS and LNP, 3 GMP lots, US IND."))}
    assert {"mrna_template", "functional_excipients"} <= mrna
    told = parse_brief("Phase 1 mRNA-LNP vaccine: 3 GMP lots; we supply the linearised plasmid template and CleanCap.")
    assert "mrna_template" not in {g.field for g in find_gaps(told)}


def test_a_scope_note_cut_inside_brackets_is_shown_with_its_bracket_closed():
    brief = parse_brief("We need 3 PPQ lots in the same presentation as the originator (100 mg/4 mL, 25 mg/mL), and "
                        "the DS is supplied by us.")
    assert any(n.endswith("(100 mg/4 mL, 25 mg/mL)") for n in brief.value("scope_notes"))


def test_a_clause_stating_facts_of_several_kinds_is_shown_in_each_of_their_sections():
    from rfp_assistant.jobs.drafting.placement import MAX_SECTIONS, clause_facets, place_clauses

    forecast = "the commercial forecast is 40-60 kg DS per year from 2031"
    transfer = "We need tech transfer of our NS0 process, currently at 500 L, into the CDMO's 5,000 L stainless steel trains"
    sites = "Phase 2 trial at 9 clinical sites in Spain and Italy"
    assay = "residual host DNA must meet ICH Q5A limits at release"
    single = "Budget: EUR 2M"
    where = _where(place_clauses([forecast, transfer, sites, assay, single]))
    assert {"scope_of_work", "commercial_terms"} <= set(where[forecast])
    assert {"scope_of_work", "technical_requirements"} <= set(where[transfer])
    assert "logistics" in where[sites] and "quality_regulatory" in where[assay]
    assert where[single] == ["commercial_terms"]
    assert all(len(sections) <= MAX_SECTIONS for sections in where.values())
    # Facets are cut outside brackets and never inside a number ('5,000 L').
    assert clause_facets("Drug-linker: ~5 g GMP, route from our chemists (7 steps, 1 chromatography)") == [
        "Drug-linker: ~5 g GMP", "Drug-linker: route from our chemists (7 steps, 1 chromatography)"]


def test_a_sub_item_or_a_list_under_a_lead_in_keeps_what_it_is_about():
    brief = parse_brief("AB-12 RFP notes\n1. Vector: AAV9, CMV promoter\n   - made by triple transfection in HEK293\n"
                        "2. Batches: 2 GMP lots\nNice to have:\n   - potency assay in-house\n   - prior BLA experience\n"
                        "Budget is EUR 3M.\n- a loose bullet after prose")
    assert brief.clauses == ["AB-12 RFP notes", "Vector: AAV9, CMV promoter",
                             "Vector: made by triple transfection in HEK293", "Batches: 2 GMP lots",
                             "Nice to have: potency assay in-house", "Nice to have: prior BLA experience",
                             "Budget is EUR 3M.", "a loose bullet after prose"]


def test_each_modality_is_asked_the_inputs_a_cdmo_quotes_it_on():
    from rfp_assistant.jobs.drafting.gaps import find_gaps

    def asked(text: str) -> set[str]:
        return {g.field for g in find_gaps(parse_brief(text))}

    oligo = asked("Phase 1 siRNA: DS synthesis, 2 GMP batches of 300 g, US IND.")
    assert {"oligo_chemistry", "starting_materials", "potent_handling"} <= oligo and "potency_assay" not in oligo
    lentiviral = asked("Lentiviral vector for ex vivo use: 2 GMP lots at 50 L by transient transfection in HEK293T.")
    assert {"vector_plasmids", "transgene"} <= lentiviral
    assert "vector_plasmids" not in asked("Autologous CAR-T, Phase 1: LVV supplied by us, 20 patients per year.")
    assert {"cell_source", "potency_assay"} <= asked("iPSC-derived NK cell therapy, Phase 1: 3 GMP lots.")
    assert "radionuclide" in asked("Lu-177 radioligand, Phase 2: GMP manufacture and daily dispatch to 12 US sites.")
    assert "inhalation_performance" in asked("Dry powder inhaler, Phase 2: spray drying and capsule filling, 3 batches.")
    api = asked("Small-molecule API, 8-step route, Phase 2: 2 GMP batches, US IND.")
    assert {"solid_form", "synthesis_scale"} <= api
    assert not {"solid_form", "synthesis_scale"} & asked(
        "Small-molecule API, 8-step route, Phase 2: 2 GMP batches of 20 kg each, mesylate salt Form II, US IND.")
    # A word of the topic is not the input: 'stability package' says nothing of the studies or of packaging.
    told = asked("Phase 3 small molecule tablets, 3 batches for the NDA stability package; we supply the API.")
    assert {"stability", "packaging_labelling"} <= told
    assert "potency_assay" in asked("Phase 1 mAb in CHO: 2 GMP batches at 500 L.")
    # A dosage form is not the formulation: 'lyophilized vials' leaves buffer, excipients and concentration open.
    assert "formulation" in asked("Phase 1 mAb: fill/finish of 2 lots into lyophilized vials; we supply the DS.")
    assert "formulation" not in asked("Phase 1 mAb: fill/finish of 2 lots, 50 mg/mL in histidine buffer; we supply the DS.")
    assert "analytical_methods" in asked("Release testing and stability testing of our marketed mAb: 12 lots per year.")
