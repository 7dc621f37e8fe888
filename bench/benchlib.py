"""What the benchmarks share: the sample questions, the generated corpora, and small measuring helpers.

Every script in bench/ imports this module (bench/ is on the path of a script run as `python bench/<name>.py`), so a
question or a corpus is written once and every benchmark asks and indexes the same ones. Nothing here imports
rfp_assistant at import time: ask_latency_bench.py chooses which checkout its child processes import.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import resource
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
MAX_BYTES = 50_000_000

# What the product's users ask: the playbook (first ten), then the generated program documents and the playbook mixed.
QUESTIONS = [
    "What hidden costs should we budget for?", "Who owns tech transfer on our side?",
    "What goes into a tech transfer package?", "How should we weight the scorecard?",
    "What KPIs should we track with the CDMO?", "How do we score risks?",
    "What should the RFP ask about capacity?", "When do we need an executive sponsor?",
    "What is the escalation path for a failed batch?", "How long does CDMO selection take?",
    "What did Northbridge Biologics quote for process validation?", "Who is responsible for the reference standard risk?",
    "What is our budget for stability studies in FY2027?", "What are the action items from the steering committee?",
    "Which CDMO has lyophilization experience?", "What are the red risks in the register?",
    "How much is the slot reservation fee?", "When is the qualification audit planned?",
    "What should a quality agreement cover?", "How many batches has the vendor made at 2,000 L scale?",
    "What is our FX exposure on EUR quotes?", "Who approves change orders over the limit?",
    "What does a person-in-plant do?", "How do we handle a deviation at the CDMO?",
    "Which analytical methods need to be transferred?", "What are the payment milestones?",
    "Which candidate sites are in the EU?", "What is the lead time for single-use bags?",
    "How do we compare proposals quoted in different currencies?", "What did we decide about drug product fill-finish?",
]
PLAYBOOK_QUESTIONS = QUESTIONS[:10]
# Questions in several sentences or clauses: an ask also embeds each asking part (two or three short texts more).
MULTI_PART_QUESTIONS = [
    "We have never outsourced before. What should we prepare first, and who should own it?",
    "Our CFO keeps asking about money. Which costs do teams forget, and how much contingency is usual?",
    "The CDMO missed a batch date. Who do we escalate to, and what does the quality agreement say about deviations?",
    "We are shortlisting vendors next month. How many should get the RFP? What should the scorecard weigh?",
    "Tech transfer starts in Q2. What goes into the package, and which methods need transferring?",
    "Who is on our outsourcing team? And what KPIs will we track with the CDMO once it is running?",
]


# --- measuring ----------------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Percentile by linear interpolation between the nearest ranks (nan for no values)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_average() -> str:
    """The machine's load average over 1/5/15 minutes, as '1.2/0.9/0.7'."""
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def add_worktree(revision: str, path: Path) -> Path:
    """A detached `git worktree` of `revision` at `path` (a committed revision, not a tree others are editing);
    returns its src folder, to put on a child process's PYTHONPATH."""
    subprocess.run(["git", "worktree", "add", "--detach", str(path), revision], cwd=ROOT, check=True,
                   capture_output=True)
    return path / "src"


def remove_worktree(path: Path) -> None:
    """Unregister and delete a worktree made by `add_worktree` (no error when it is already gone)."""
    subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, capture_output=True)


# --- corpora from the playbook ------------------------------------------------------------------------------------


def playbook_paragraphs(min_words: int = 30) -> list[str]:
    """Paragraphs of the built-in playbook longer than `min_words` words."""
    from rfp_assistant.jobs.ingestion import builtin_playbook_files

    return [p.strip() for path in builtin_playbook_files() for p in path.read_text().split("\n\n")
            if len(p.split()) > min_words]


def paragraph_memos(rng: random.Random, paragraphs: list[str], passages: int, tag: str) -> list[tuple[str, bytes]]:
    """Markdown memos of (up to) 50 one-passage sections of playbook paragraphs, `passages` sections in all; each
    section ends with a unique reference, so no two passages are equal and no vector comes from a cache."""
    files, made, n = [], 0, 0
    while made < passages:
        count = min(50, passages - made)
        sections = [f"## Topic {tag}-{n}-{s}\n{rng.choice(paragraphs)} Reference {tag}-{n}-{s}-{rng.randint(0, 10**6)}."
                    for s in range(count)]
        files.append((f"memo-{tag}-{n:03d}.md", "\n\n".join(sections).encode()))
        made, n = made + count, n + 1
    return files


# --- generated program documents ----------------------------------------------------------------------------------

FIRST = ("Anna Ben Carla Dev Elif Farid Greta Hiro Ines Jonas Kofi Lena Mateo Nadia Omar Priya Quinn Rosa "
         "Sven Tara Umar Vera Wei Ximena Yusuf Zofia").split()
LAST = ("Amato Brandt Chen Dubois Eriksen Ferreira Gupta Haddad Ito Jansen Kowalski Lindqvist Moreau Natarajan "
        "Okafor Petrov Quist Romero Sato Tanaka Ueda Varga Watanabe Xu Yilmaz Zhang").split()
COMPANIES = ["Northbridge Biologics", "Calder Pharma Services", "Ostrava BioManufacturing", "Kestrel CDMO",
             "Lumen Fill-Finish", "Rhone Valley Biotech", "Sakura Contract Manufacturing", "Tamsin Therapeutics Services",
             "Vantrell Bio", "Westmark Sterile", "Aurelia Biologics", "Brightwater Cell Services"]
SITES = ["Leiden (NL)", "Ghent (BE)", "Basel (CH)", "Cork (IE)", "Lyon (FR)", "Singapore", "Boston (US)",
         "Research Triangle Park (US)", "Incheon (KR)", "Hyderabad (IN)", "Munich (DE)", "Toronto (CA)"]
MODALITIES = ["monoclonal antibody", "bispecific antibody", "ADC", "AAV gene therapy", "mRNA-LNP vaccine",
              "peptide", "oligonucleotide", "lentiviral vector", "recombinant enzyme", "small-molecule oral solid"]
TOPICS = ["tech transfer", "process validation", "stability studies", "reference standard", "analytical method transfer",
          "fill-finish", "lyophilization", "QP release", "batch record review", "raw material qualification",
          "cleaning validation", "supply chain", "cold chain shipping", "regulatory filing", "quality agreement",
          "slot reservation", "change orders", "person-in-plant", "deviation handling", "FX exposure"]
ACTIONS = ["circulate the revised RFP draft", "book the qualification audit", "confirm the slot reservation fee",
           "send the tech transfer package index", "update the risk register", "ask for USD pricing",
           "draft the quality agreement", "review the stability protocol", "check single-use bag lead times",
           "collect references from two clients", "prepare the SteerCo slides", "request the capacity plan"]
DECISIONS = ["go to a two-vendor shortlist", "keep drug product fill-finish in-house until Phase 3",
             "reserve a 2,000 L slot for Q3", "require EU QP release", "fund an engineering run",
             "move the qualification audit forward", "accept the budgetary quote as a ceiling",
             "defer the lyophilization decision to the April SteerCo"]
COST_ITEMS = ["stability studies", "reference standard", "analytical method transfer", "engineering run",
              "GMP batch (2,000 L)", "fill-finish", "QP release", "shipping and cold chain", "slot reservation fee",
              "person-in-plant travel", "raw materials", "contingency reserve"]


def _playbook_sentences() -> list[str]:
    from rfp_assistant.jobs.ingestion import builtin_playbook_files

    sentences = []
    sources = list(builtin_playbook_files()) + sorted((ROOT / "eval" / "retrieval" / "docs").glob("*"))
    for path in sources:
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = block.strip()
            if not block or block.startswith(("#", "|", "---")):
                continue
            block = re.sub(r"^[-*] ", "", block, flags=re.M).replace("\n", " ")
            block = re.sub(r"[*_`]", "", block)
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", block):
                if 6 <= len(sentence.split()) <= 60:
                    sentences.append(sentence.strip())
    return sentences


class Generator:
    """Deterministic generator of varied fictional program documents."""

    def __init__(self, seed: int = 7):
        self.sentences = _playbook_sentences()
        self.seed = seed

    # -- atoms ---------------------------------------------------------------------------------
    @staticmethod
    def person(rng):
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    @staticmethod
    def date(rng):
        return dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 700))

    @staticmethod
    def program(rng):
        return f"{rng.choice('ABCDHKLMNPRTVZ')}{rng.choice('BDKLMRTX')}{rng.choice('ACDGHLNRSX')}-{rng.randint(100, 999)}"

    def fact(self, rng, program: str) -> str:
        kind = rng.randrange(8)
        p, d, c = self.person(rng), self.date(rng), rng.choice(COMPANIES)
        if kind == 0:
            return f"{p} owns {rng.choice(TOPICS)} for {program}; next review on {d:%d %b %Y}."
        if kind == 1:
            return (f"The {rng.choice(COST_ITEMS)} line for {program} is budgeted at "
                    f"${rng.randint(20, 2500):,}k in FY{rng.choice([2026, 2027, 2028])}.")
        if kind == 2:
            return f"{c} quoted {rng.randint(4, 60)} weeks for {rng.choice(TOPICS)} at its {rng.choice(SITES)} site."
        if kind == 3:
            return f"Decision: {program} will {rng.choice(DECISIONS)} (agreed by {p} on {d:%d %b %Y})."
        if kind == 4:
            return f"Action: {p} to {rng.choice(ACTIONS)} by {d:%d %b %Y}."
        if kind == 5:
            return (f"{c} reports {rng.randint(2, 80)} GMP batches of {rng.choice(MODALITIES)} at "
                    f"{rng.choice([50, 200, 500, 1000, 2000, 5000])} L scale since {rng.randint(2008, 2024)}.")
        if kind == 6:
            return (f"The slot reservation fee quoted by {c} is {rng.choice(['EUR', 'USD', 'CHF'])} "
                    f"{rng.randint(100, 900)}k, creditable against the first batch.")
        return (f"Payment milestones for {program}: {rng.randint(10, 30)}% at signature, {rng.randint(20, 40)}% at "
                f"engineering run, balance at batch release.")

    def paragraph(self, rng, program: str, words: int = 120) -> str:
        out, count = [], 0
        while count < words:
            sentence = self.fact(rng, program) if rng.random() < 0.3 else rng.choice(self.sentences)
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    # -- documents -----------------------------------------------------------------------------
    def document(self, n: int) -> tuple[str, bytes, int]:
        """The n-th document of the ingest corpus: (file name, content, pages intended)."""
        rng = random.Random(self.seed * 1_000_003 + n)
        pages = rng.choices(range(1, 11), weights=[4, 4, 3, 3, 2, 2, 2, 1, 1, 1])[0]
        program = self.program(rng)
        kind = rng.choices(["minutes", "status", "memo", "register", "budget", "report", "proposal"],
                           weights=[14, 12, 18, 10, 10, 18, 18])[0]
        stem = f"{n:04d}-{program.lower()}-{kind}"
        if kind in ("report", "proposal"):
            return stem + ".pdf", self.pdf(rng, program, kind, pages), pages
        if kind in ("minutes", "status"):
            return stem + ".txt", self.text_doc(rng, program, kind, pages).encode(), pages
        return stem + ".md", self.markdown_doc(rng, program, kind, pages).encode(), pages

    def text_doc(self, rng, program: str, kind: str, pages: int) -> str:
        out = []
        for page in range(pages):
            lines = []
            if page == 0:
                title = "STEERING COMMITTEE MINUTES" if kind == "minutes" else "WEEKLY STATUS REPORT"
                lines += [f"{program} — {title}", f"Date: {self.date(rng):%d %b %Y}",
                          "Attendees: " + ", ".join(self.person(rng) for _ in range(rng.randint(4, 9))), ""]
            for item in range(rng.randint(2, 4)):
                lines.append(f"{page + 1}.{item + 1} {rng.choice(TOPICS).capitalize()}")
                lines.append(self.paragraph(rng, program, rng.randint(60, 140)))
                for _ in range(rng.randint(1, 3)):
                    lines.append("- " + self.fact(rng, program))
                lines.append("")
            out.append("\n".join(lines))
        return "\f".join(out)

    def markdown_doc(self, rng, program: str, kind: str, pages: int) -> str:
        title = {"memo": "Outsourcing strategy memo", "register": "CMC risk register", "budget": "Budget note"}[kind]
        lines = [f"# {program} — {title}", "", f"Owner: {self.person(rng)}. Version {rng.randint(1, 9)}.{rng.randint(0, 9)}, "
                 f"{self.date(rng):%d %b %Y}.", ""]
        target = pages * 420
        words = 0
        section = 0
        while words < target:
            section += 1
            lines += [f"## {section}. {rng.choice(TOPICS).capitalize()}", ""]
            if kind == "register" and rng.random() < 0.6:
                lines += ["| ID | Risk | L | I | Score | Owner | Status |", "|---|---|---|---|---|---|---|"]
                for r in range(rng.randint(4, 12)):
                    lik, imp = rng.randint(1, 5), rng.randint(1, 5)
                    status = "RED" if lik * imp >= 15 else "AMBER" if lik * imp >= 8 else "GREEN"
                    risk = rng.choice(self.sentences)[:90]
                    lines.append(f"| R-{section:02d}{r:02d} | {risk} | {lik} | {imp} | {lik * imp} | "
                                 f"{self.person(rng)} | {status} |")
                    words += 22
            elif kind == "budget" and rng.random() < 0.6:
                lines += ["| Cost line | FY2026 | FY2027 | Note |", "|---|---|---|---|"]
                for item in rng.sample(COST_ITEMS, rng.randint(3, 8)):
                    lines.append(f"| {item} | ${rng.randint(10, 900):,}k | ${rng.randint(10, 1500):,}k | "
                                 f"{rng.choice(['quoted', 'estimate', 'not in quote', 'TBD'])} |")
                    words += 10
            for _ in range(rng.randint(1, 3)):
                text = self.paragraph(rng, program, rng.randint(70, 180))
                lines += [text, ""]
                words += len(text.split())
        return "\n".join(lines)

    def pdf(self, rng, program: str, kind: str, pages: int) -> bytes:
        from reportlab import rl_config
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import getSampleStyleSheet
        from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

        rl_config.invariant = 1
        styles = getSampleStyleSheet()
        company = rng.choice(COMPANIES)
        title = f"{company} — proposal for {program}" if kind == "proposal" else f"{program} — technical report"

        def para(text, style="BodyText"):
            return Paragraph(text.replace("&", "and").replace("<", "").replace(">", ""), styles[style])

        story = [para(title, "Title")]
        for page in range(pages):
            story.append(para(f"{page + 1}. {rng.choice(TOPICS).capitalize()}", "Heading2"))
            if rng.random() < 0.25:
                rows = [["Item", "Weeks", "Price"]] + [
                    [rng.choice(COST_ITEMS), str(rng.randint(2, 40)), f"USD {rng.randint(20, 2000):,}k"]
                    for _ in range(rng.randint(3, 6))]
                story.append(Table(rows))
            for _ in range(rng.randint(2, 3)):
                story.append(para(self.paragraph(rng, program, rng.randint(70, 110))))
            story.append(PageBreak())
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title=title).build(story)
        return buffer.getvalue()

    def bulk_memo(self, n: int) -> tuple[str, str]:
        """A Markdown memo of 20-80 sections, each one passage, for the bulk of the ask workspaces."""
        rng = random.Random(self.seed * 7_000_003 + n)
        program = self.program(rng)
        sections = [f"# {program} — working notes {n}"]
        for s in range(rng.randint(20, 80)):
            sections.append(f"## {s + 1}. {rng.choice(TOPICS).capitalize()} ({program})\n"
                            f"{self.paragraph(rng, program, rng.randint(50, 140))}")
        return f"memo-{n:05d}-{program.lower()}.md", "\n\n".join(sections)
