"""Scale benchmark: ingest of 1,000 documents, `ask` latency at 100,000 passages, extraction of 50 proposals,
peak memory per phase, and the same ingest and ask through a real Chroma server (`chroma run`).

    .venv/bin/python bench/scale_bench.py            # full scale (about 30 min on 2 busy cores)
    .venv/bin/python bench/scale_bench.py --quick    # smoke version (35-70 s, depending on machine load)

Every phase runs in its own subprocess, so each peak RSS (ru_maxrss) is that phase's alone; the Chroma
server's own peak (VmHWM) is read from /proc before it is stopped. Each figure is printed beside a
baseline measured in the same run, with the ratio. Results go to bench/results/scale-<date>[-quick].json
(git-ignored). Asserts nothing: speed is not a test.

How the data is made (deterministic, seeded; benchlib.Generator, shared with ask_latency_bench.py):
- ingest corpus: varied fictional program documents (meeting minutes and status reports as .txt with
  form-feed pages, memos / risk registers / budget notes as .md, reports and proposals as reportlab PDFs),
  1-10 pages each, sentences drawn from the built-in playbook mixed with generated facts (people,
  vendors, amounts, dates);
- ask workspaces: the built-in playbook (indexed and given its contextual tier, as `open_workspace`
  does), then generated Markdown memos of 20-80 one-passage sections each, each loaded with `load_bytes`
  and added with `WorkspaceIndex.add_document` (the normal add path: one call per document, Chroma
  writes of at most 4,000 passages) until the passage target is reached. The bulk documents are left at
  the static tier, as they are right after ingest and before the contextual upgrade pass. The ask
  processes open the workspace as `open_workspace` does but without its final `upgrade()`, which would
  first embed every pending passage with the contextual model (reported as an estimate instead).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchlib import MAX_BYTES, QUESTIONS, RESULTS, ROOT, Generator, free_port, peak_rss_mb, percentile

sys.path.insert(0, str(ROOT / "src"))

PROPOSALS = ROOT / "eval" / "extraction" / "proposals"

FULL = {"docs": 1000, "chunks": 100_000, "baseline_chunks": 10_000, "proposals": 50, "questions": 30,
        "server_docs": 1000, "server_chunks": 100_000, "server_baseline_chunks": 10_000}
QUICK = {"docs": 40, "chunks": 2_000, "baseline_chunks": 500, "proposals": 10, "questions": 3,
         "server_docs": 20, "server_chunks": 1_000, "server_baseline_chunks": 300}


# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------


def folder_mb(path: Path) -> float:
    total = 0
    for p in Path(path).rglob("*"):
        try:
            if p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total / 1e6


class Progress:
    """One progress line on stderr: rewritten in place on a terminal, a new line every 15 s otherwise."""

    def __init__(self, label: str, total: int, unit: str = ""):
        self.label, self.total, self.unit = label, total, unit
        self.start = time.perf_counter()
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def update(self, done: int, note: str = "", force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self.last < (0.5 if self.tty else 15.0):
            return
        self.last = now
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - done) / rate if rate > 0 and self.total else 0.0
        line = (f"[{self.label}] {done:,}/{self.total:,} {self.unit} {elapsed:6.0f} s  {rate:8.1f}/s"
                f"  eta {eta:5.0f} s {note}")
        if self.tty:
            sys.stderr.write("\r" + line[:150].ljust(150))
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self, done: int, note: str = "") -> None:
        self.update(done, note, force=True)
        if self.tty:
            sys.stderr.write("\n")
            sys.stderr.flush()


def make_settings(data_dir: str, server: dict | None):
    from rfp_assistant.config import Settings

    extra = {"chroma_host": server["host"], "chroma_port": server["port"]} if server else {"chroma_host": None}
    return Settings(data_dir=Path(data_dir), llm="offline", embeddings="local", **extra)


def setup_workspace(settings, workspace: str, guide_upgrade: bool) -> tuple:
    """The product's `open_workspace` (playbook indexed, then its contextual upgrade), timed in two parts."""
    from rfp_assistant.core.retrieval.index import WorkspaceIndex
    from rfp_assistant.jobs.ingestion import ensure_builtin_knowledge

    start = time.perf_counter()
    index = WorkspaceIndex(settings, workspace)
    ensure_builtin_knowledge(index, max_bytes=MAX_BYTES)
    guide_s = time.perf_counter() - start
    upgraded, upgrade_s = 0, 0.0
    if guide_upgrade:
        start = time.perf_counter()
        upgraded = index.upgrade()
        upgrade_s = time.perf_counter() - start
    return index, {"guide_index_s": round(guide_s, 3), "guide_upgrade_passages": upgraded,
                   "guide_upgrade_s": round(upgrade_s, 3),
                   "guide_passages_per_s_cached_vectors": round(upgraded / upgrade_s, 2) if upgrade_s else None}


def trend(durations: list[float]) -> dict:
    """Mean per-item time over the first and last 10% of a sequence, and their ratio (growth with size)."""
    if len(durations) < 10:
        return {}
    tenth = max(1, len(durations) // 10)
    first, last = statistics.mean(durations[:tenth]), statistics.mean(durations[-tenth:])
    return {"first_10pct_mean_ms": round(first * 1000, 2), "last_10pct_mean_ms": round(last * 1000, 2),
            "growth": round(last / first, 2) if first else None}


# --------------------------------------------------------------------------------------------------
# Phases (each runs in its own subprocess)
# --------------------------------------------------------------------------------------------------


def phase_generate(spec: dict) -> dict:
    out = Path(spec["corpus"])
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator()
    progress = Progress("generate corpus", spec["docs"], "docs")
    start = time.perf_counter()
    kinds: dict[str, int] = {}
    size = 0
    for n in range(spec["docs"]):
        name, data, _ = gen.document(n)
        (out / name).write_bytes(data)
        suffix = name.rsplit(".", 1)[1]
        kinds[suffix] = kinds.get(suffix, 0) + 1
        size += len(data)
        progress.update(n + 1)
    progress.done(spec["docs"])
    return {"files": spec["docs"], "by_type": kinds, "mb": round(size / 1e6, 2),
            "seconds": round(time.perf_counter() - start, 2)}


def phase_ingest(spec: dict) -> dict:
    import pypdf

    from rfp_assistant.core.documents.loader import load_document
    from rfp_assistant.errors import RfpAssistantError
    from rfp_assistant.jobs.ingestion import ingest_files

    files = sorted(Path(spec["corpus"]).iterdir())
    # Baseline 1: bare text of the same files (pypdf page text; UTF-8 decode of .md/.txt).
    start = time.perf_counter()
    bare_pages = 0
    for path in files:
        if path.suffix == ".pdf":
            for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages:
                page.extract_text()
                bare_pages += 1
        else:
            bare_pages += path.read_bytes().decode("utf-8").count("\f") + 1
    bare_s = time.perf_counter() - start
    # Baseline 2: the project's own loader (checks, cleaning, hidden-text and injection screening).
    start = time.perf_counter()
    for path in files:
        try:
            load_document(path, max_bytes=MAX_BYTES)
        except RfpAssistantError:
            pass
    loader_s = time.perf_counter() - start

    settings = make_settings(spec["data"], spec.get("server"))
    index, setup = setup_workspace(settings, spec["workspace"], spec["guide_upgrade"])
    progress = Progress("ingest" + (" (server)" if spec.get("server") else ""), len(files), "docs")
    stamps: list[float] = []

    def on_progress(fraction: float, message: str) -> None:
        stamps.append(time.perf_counter())
        progress.update(len(stamps) - 1, message[:50])

    start = time.perf_counter()
    reports = ingest_files(index, files, kind="internal", max_bytes=MAX_BYTES, progress=on_progress)
    ingest_s = time.perf_counter() - start
    progress.done(len(files))
    per_doc = [b - a for a, b in zip(stamps[:-1], stamps[1:])]
    ok = [r for r in reports if r.status in ("added", "updated", "unchanged")]
    passages = sum(r.chunks or 0 for r in ok)
    pages = sum(r.pages or 0 for r in ok)
    start = time.perf_counter()
    listed = index.list_documents()
    list_s = time.perf_counter() - start
    result = {
        "docs": len(files), "ok": len(ok), "errors": [f"{r.source}: {r.error}" for r in reports if r not in ok][:10],
        "pages": pages, "passages": passages, "seconds": round(ingest_s, 2),
        "docs_per_s": round(len(files) / ingest_s, 2), "passages_per_s": round(passages / ingest_s, 1),
        "pages_per_s": round(pages / ingest_s, 1),
        "baseline_bare_text_s": round(bare_s, 2), "ratio_vs_bare_text": round(ingest_s / bare_s, 2),
        "baseline_loader_s": round(loader_s, 2), "ratio_vs_loader": round(ingest_s / loader_s, 2),
        "per_doc_trend": trend(per_doc), "list_documents_ms_after": round(list_s * 1000, 1),
        "documents_listed": len(listed), "setup": setup,
    }
    # The contextual second tier (what `ingest` runs next, via upgrade()): measured on a sample of the
    # documents just ingested (the playbook's vectors come from a machine-wide cache, so it cannot tell).
    result["peak_rss_mb_before_upgrade_sample"] = round(peak_rss_mb(), 1)
    tier = index.contextual
    if tier is not None and spec.get("upgrade_sample"):
        tier.embedder.embed_query("load the model first")
        sample, start = 0, time.perf_counter()
        for record in index.list_documents(kind="internal"):
            if sample >= spec["upgrade_sample"]:
                break
            chunks = index.chunks_of(record.doc_id)
            tier.add(record.doc_id, chunks)
            sample += len(chunks)
        took = time.perf_counter() - start
        rate = sample / took
        result.update({"upgrade_sample_passages": sample, "upgrade_sample_s": round(took, 2),
                       "contextual_passages_per_s": round(rate, 1),
                       "contextual_upgrade_estimate_s": round(passages / rate, 0)})
    if not spec.get("server"):
        result["data_mb"] = round(folder_mb(Path(spec["data"])), 1)
    return result


def phase_build(spec: dict) -> dict:
    from rfp_assistant.core.documents.loader import load_bytes

    settings = make_settings(spec["data"], spec.get("server"))
    index, setup = setup_workspace(settings, spec["workspace"], spec["guide_upgrade"])
    gen = Generator(seed=spec.get("seed", 11))
    target = spec["chunks"]
    progress = Progress("build " + spec["label"], target, "passages")
    made, n, add_s = 0, 0, 0.0
    per_doc: list[float] = []
    while made < target:
        name, text = gen.bulk_memo(n)
        start = time.perf_counter()
        document = load_bytes(text.encode(), name, max_bytes=MAX_BYTES)
        made += index.add_document(document, "internal").record.chunks
        took = time.perf_counter() - start
        add_s += took
        per_doc.append(took)
        n += 1
        progress.update(made)
    progress.done(made)
    total = sum(r.chunks for r in index.list_documents())
    result = {"bulk_docs": n, "bulk_passages": made, "total_passages": total, "add_seconds": round(add_s, 1),
              "passages_per_s": round(made / add_s, 1), "docs_per_s": round(n / add_s, 2),
              "per_doc_trend": trend(per_doc), "setup": setup}
    if not spec.get("server"):
        result["data_mb"] = round(folder_mb(Path(spec["data"])), 1)
    return result


def instrument() -> dict:
    """Time a few internal steps of an ask from the outside (wrappers set in this process only)."""
    from rfp_assistant.core.retrieval import index as index_module
    from rfp_assistant.core.retrieval import lexical

    totals: dict = {}

    def timed(key, original):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                totals[key] = totals.get(key, 0.0) + time.perf_counter() - start
                totals[key + "_calls"] = totals.get(key + "_calls", 0) + 1
        return wrapper

    index_module.WorkspaceIndex._build_lexical = timed("bm25_build", index_module.WorkspaceIndex._build_lexical)
    index_module.WorkspaceIndex.search = timed("search", index_module.WorkspaceIndex.search)
    lexical.LexicalIndex.save = timed("bm25_save", lexical.LexicalIndex.save)
    load = lexical.LexicalIndex.load
    lexical.LexicalIndex.load = classmethod(lambda cls, folder: timed("bm25_load", load)(folder))
    # Sentence vectors are stored at ingest; what an ask still spends on them is reading them and one query vector.
    index_module.WorkspaceIndex.unit_similarities = timed("sentence_similarity",
                                                          index_module.WorkspaceIndex.unit_similarities)
    return totals


def phase_ask(spec: dict) -> dict:
    from rfp_assistant.jobs.answering import answer_question

    totals = instrument()
    settings = make_settings(spec["data"], spec.get("server"))
    start = time.perf_counter()
    # `open_workspace` minus its final `upgrade()`: that call would give every bulk passage contextual vectors
    # first (hours at 100k passages on 2 cores), so the pending amount is reported instead of run.
    index, _ = setup_workspace(settings, spec["workspace"], False)
    open_s = time.perf_counter() - start
    start = time.perf_counter()
    records = index.list_documents()
    tier = index.contextual
    covered = tier.covered({r.doc_id for r in records}, {r.doc_id: r.chunks for r in records}) if tier else set()
    pending = sum(r.chunks for r in records if r.doc_id not in covered)
    covered_s = time.perf_counter() - start
    # Load the embedding models first, so the first ask measures the lexical index, not model loading.
    start = time.perf_counter()
    index.embedder.embed_query("warm up")
    if index.contextual is not None:
        index.contextual.embedder.embed_query("warm up")
    models_s = time.perf_counter() - start
    start = time.perf_counter()
    answer_question(index, "Warm-up: what is a tech transfer package?")
    first_s = time.perf_counter() - start
    first = {k: round(v, 3) for k, v in totals.items()}
    totals.clear()
    result = {"open_workspace_s": round(open_s, 2), "models_load_s": round(models_s, 2),
              "upgrade_pending_passages": pending, "upgrade_check_s": round(covered_s, 2),
              "first_ask_s": round(first_s, 2), "first_ask_parts_s": first}
    if spec.get("first_only"):
        return result
    questions = QUESTIONS[: spec["questions"]]
    progress = Progress("ask " + spec["label"], len(questions), "questions")
    latencies, found = [], 0
    for i, question in enumerate(questions):
        start = time.perf_counter()
        answer = answer_question(index, question)
        latencies.append((time.perf_counter() - start) * 1000)
        found += bool(answer.found)
        progress.update(i + 1)
    progress.done(len(questions))
    asks = sum(latencies) / 1000
    share = {"search_s": round(totals.get("search", 0.0), 2), "search_calls": totals.get("search_calls", 0),
             "sentence_similarity_s": round(totals.get("sentence_similarity", 0.0), 2),
             "all_asks_s": round(asks, 2)}
    share["rest_s"] = round(asks - share["search_s"] - share["sentence_similarity_s"], 2)
    # Where the time goes: the pieces an ask repeats, timed alone on the same index.
    pieces = {}
    sample = questions[: min(10, len(questions))]
    for label, call in (
        ("list_documents", lambda q: index.list_documents()),
        ("search_lexical", lambda q: index.search(q, k=8, method="lexical")),
        ("search_dense", lambda q: index.search(q, k=8, method="dense")),
        ("search_hybrid", lambda q: index.search(q, k=8)),
    ):
        runs = []
        for q in sample:
            start = time.perf_counter()
            call(q)
            runs.append((time.perf_counter() - start) * 1000)
        pieces[label + "_ms_median"] = round(statistics.median(runs), 1)
    records = index.list_documents()
    result.update({
        "passages": sum(r.chunks for r in records), "documents": len(records), "questions": len(latencies),
        "answered_found": found, "p50_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1), "max_ms": round(max(latencies), 1),
        "mean_ms": round(statistics.mean(latencies), 1), "time_split": share, "pieces": pieces,
    })
    return result


def phase_extract(spec: dict) -> dict:
    import pypdf

    from rfp_assistant.config import Settings
    from rfp_assistant.jobs.extraction.service import extract_proposals

    source = sorted(PROPOSALS.glob("*.pdf"))
    folder = Path(spec["folder"])
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(spec["proposals"]):
        original = source[n % len(source)]
        path = folder / f"{n:03d}-{original.name}"
        shutil.copyfile(original, path)
        paths.append(path)
    start = time.perf_counter()
    pages = 0
    for path in paths:
        for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages:
            page.extract_text()
            pages += 1
    bare_s = time.perf_counter() - start
    progress = Progress("extract", len(paths), "proposals")
    stamps: list[float] = []

    def on_progress(fraction: float, message: str) -> None:
        stamps.append(time.perf_counter())
        progress.update(len(stamps) - 1)

    settings = Settings(data_dir=Path(spec["data"]), llm="offline", chroma_host=None)
    start = time.perf_counter()
    results = extract_proposals(paths, settings, progress=on_progress)
    total = time.perf_counter() - start
    progress.done(len(paths))
    per = [b - a for a, b in zip(stamps[:-1], stamps[1:])]
    return {"proposals": len(paths), "distinct_files": min(len(source), len(paths)), "pages": pages,
            "errors": sum(1 for r in results if r.error), "seconds": round(total, 2),
            "per_proposal_mean_s": round(total / len(paths), 3),
            "per_proposal_p50_s": round(percentile(per, 0.5), 3), "per_proposal_max_s": round(max(per), 3),
            "baseline_pypdf_s": round(bare_s, 2), "ratio_vs_pypdf": round(total / bare_s, 2)}


def phase_minilm(spec: dict) -> dict:
    """Contextual MiniLM throughput on fresh passages, under whatever BLAS threading the environment sets."""
    from rfp_assistant.core.embeddings.embedder import MiniLMEmbedder

    gen = Generator(seed=5)
    rng = random.Random(5)
    texts = [gen.paragraph(rng, "QLX-101", 170) for _ in range(spec["passages"])]
    embedder = MiniLMEmbedder()  # a private instance: nothing remembered from earlier texts
    embedder.embed_documents(["load the model first"])
    start = time.perf_counter()
    embedder.embed_documents(texts)
    took = time.perf_counter() - start
    return {"passages": len(texts), "seconds": round(took, 2), "passages_per_s": round(len(texts) / took, 2),
            "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default")}


PHASES = {"minilm": phase_minilm, "generate": phase_generate, "ingest": phase_ingest, "build": phase_build, "ask": phase_ask,
          "extract": phase_extract}


def run_child(spec: dict) -> None:
    """Entry point of a phase subprocess: run it, add peak memory and load, write the JSON result."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    result = PHASES[spec["phase"]](spec)
    result["wall_s"] = round(time.perf_counter() - start, 2)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    result["loadavg_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    Path(spec["out"]).write_text(json.dumps(result, indent=2))


# --------------------------------------------------------------------------------------------------
# Parent: Chroma server, orchestration, report
# --------------------------------------------------------------------------------------------------

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ChromaServer:
    """`chroma run` on 127.0.0.1 with its own folder; peak memory read from /proc before stopping."""

    def __init__(self, path: Path):
        self.path = path
        self.process: subprocess.Popen | None = None
        self.port = 0

    def start(self, timeout: float = 120.0) -> float:
        executable = Path(sys.executable).parent / "chroma"
        if not executable.exists():
            executable = Path(shutil.which("chroma") or "chroma")
        self.path.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        log = open(self.path.parent / f"{self.path.name}-{self.port}.log", "ab")
        start = time.perf_counter()
        self.process = subprocess.Popen(
            [str(executable), "run", "--host", "127.0.0.1", "--port", str(self.port), "--path", str(self.path)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=child_env(),
        )
        log.close()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.process.returncode}")
            try:
                with _OPENER.open(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("chroma run did not answer its heartbeat")

    @property
    def spec(self) -> dict:
        return {"host": "127.0.0.1", "port": self.port}

    def peak_mb(self) -> float | None:
        """VmHWM (peak RSS) of the server process and any children, in MB."""
        if self.process is None:
            return None
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            pids += [int(c) for c in children]
        except OSError:
            pass
        total = 0.0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1]) / 1024
            except OSError:
                pass
        return round(total, 1) if total else None

    def stop(self) -> float | None:
        peak = self.peak_mb()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        return peak


def child_env() -> dict:
    """The environment without RFP_/OpenAI settings, so every phase is offline and configured only by us."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RFP_", "OPENAI_"))}
    env.update(ANONYMIZED_TELEMETRY="False", CHROMA_TELEMETRY="False", PYTHONUNBUFFERED="1")
    return env


def run_phase(name: str, spec: dict, work: Path, env: dict | None = None) -> dict:
    """Run one phase in a fresh interpreter; returns its result (or the error)."""
    out = work / f"result-{name}-{time.monotonic_ns()}.json"
    spec = dict(spec, phase=name, out=str(out))
    sys.stderr.write(f"--- phase {name} {spec.get('label', '')}\n")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
                            env=dict(child_env(), **(env or {})), cwd=str(ROOT))
    try:
        proc.wait()
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): do not leave the phase running
        proc.terminate()
        proc.wait(timeout=30)
        raise
    if proc.returncode != 0 or not out.exists():
        return {"error": f"phase {name} failed with exit code {proc.returncode}",
                "wall_s": round(time.perf_counter() - start, 1)}
    return json.loads(out.read_text())


def server_ingest(work: Path, cfg: dict) -> dict:
    server = ChromaServer(work / "server-ingest")
    try:
        started = server.start()
        result = run_phase("ingest", {"corpus": str(work / "corpus-server"), "data": str(work / "data-server-ingest"),
                                      "workspace": "scale-ingest", "server": server.spec,
                                      "guide_upgrade": cfg["guide_upgrade"], "label": "server"}, work)
        result["server_start_s"] = round(started, 2)
    finally:
        result_peak = server.stop()
    result["server_peak_rss_mb"] = result_peak
    result["server_data_mb"] = round(folder_mb(server.path), 1)
    return result


def ask_scale(work: Path, label: str, chunks: int, cfg: dict, server_mode: bool) -> dict:
    """Build a workspace of `chunks` passages, then ask in a fresh process, then a cold first ask again."""
    data = work / f"data-{label}"
    base = {"data": str(data), "workspace": "scale-ask", "guide_upgrade": cfg["guide_upgrade"], "label": label}
    result: dict = {"target_passages": chunks}
    server = ChromaServer(work / f"server-{label}") if server_mode else None
    try:
        if server:
            result["server_start_s"] = round(server.start(), 2)
            base["server"] = server.spec
        result["build"] = run_phase("build", dict(base, chunks=chunks), work)
        if server:
            result["build"]["server_peak_rss_mb"] = server.stop()
            result["server_restart_s"] = round(server.start(), 2)  # cold server: loads what it stored
            base["server"] = server.spec
        result["ask"] = run_phase("ask", dict(base, questions=cfg["questions"]), work)
        if not cfg["quick"]:  # a new process finds the lexical index saved by the first: the usual first ask
            result["reopen"] = run_phase("ask", dict(base, questions=0, first_only=True), work)
        if server:
            result["ask"]["server_peak_rss_mb"] = server.stop()
            result["server_data_mb"] = round(folder_mb(server.path), 1)
        else:
            result["data_mb"] = round(folder_mb(data), 1)
    finally:
        if server:
            server.stop()
    return result


def ratio(a, b) -> float | None:
    try:
        return round(a / b, 2) if a is not None and b else None
    except TypeError:
        return None


def report(results: dict) -> str:
    rows: list[tuple[str, str, str, str]] = []

    def row(what, value, baseline="", ratio_=""):
        rows.append((what, value, baseline, ratio_))

    def ingest_rows(tag: str, r: dict) -> None:
        if "error" in r:
            row(f"ingest {tag}", r["error"])
            return
        row(f"ingest {tag}: {r['docs']} docs, {r['pages']} pages, {r['passages']} passages",
            f"{r['seconds']:.1f} s", f"bare text {r['baseline_bare_text_s']:.1f} s", f"{r['ratio_vs_bare_text']:.1f}x")
        row("  throughput", f"{r['docs_per_s']:.1f} docs/s, {r['passages_per_s']:.0f} passages/s",
            f"project loader {r['baseline_loader_s']:.1f} s", f"{r['ratio_vs_loader']:.1f}x")
        t = r.get("per_doc_trend") or {}
        if t:
            row("  per-doc time, first vs last 10%", f"{t['first_10pct_mean_ms']:.0f} -> {t['last_10pct_mean_ms']:.0f} ms",
                "first 10%", f"{t['growth']:.1f}x")
        mem = f"client {r['peak_rss_mb']:.0f} MB" + (f", server {r['server_peak_rss_mb']:.0f} MB"
                                                       if r.get("server_peak_rss_mb") else "")
        if r.get("upgrade_sample_passages") and r.get("peak_rss_mb_before_upgrade_sample"):
            mem += f" ({r['peak_rss_mb_before_upgrade_sample']:.0f} MB before the contextual sample)"
        row("  peak RSS", mem)
        if r.get("contextual_upgrade_estimate_s"):
            row("  + contextual upgrade of all passages (estimate)",
                f"{r['contextual_upgrade_estimate_s'] / 60:.0f} min",
                f"{r['contextual_passages_per_s']:.1f} passages/s, sample of {r['upgrade_sample_passages']}")

    def ask_rows(tag: str, big: dict, small: dict | None) -> None:
        if small is None:  # no baseline: compare with itself so the rows still print
            small = big
            row(f"({tag}: no baseline at this scale; ratios are 1.0)", "")
        pairs = [(f"{tag} {big.get('target_passages')}", big)]
        if small is not big:
            pairs.append((f"{tag} {small.get('target_passages')}", small))
        for label, r in pairs:
            b = r.get("build", {})
            if "error" in b or "error" in r.get("ask", {}):
                row(f"build/ask {label}", b.get("error") or r["ask"]["error"])
                continue
            mem = f"client {b['peak_rss_mb']:.0f} MB" + (f", server {b['server_peak_rss_mb']:.0f} MB"
                                                           if b.get("server_peak_rss_mb") else "")
            row(f"build {label}: {b['bulk_docs']} docs + playbook -> {b['total_passages']} passages",
                f"{b['add_seconds']:.0f} s ({b['passages_per_s']:.0f}/s)", mem,
                f"per-doc {b['per_doc_trend'].get('growth', '-')}x" if b.get("per_doc_trend") else "")
        bb, sb = big.get("ask", {}), small.get("ask", {})
        if "p50_ms" not in bb or "p50_ms" not in sb:
            return
        n_big, n_small = bb["passages"], sb["passages"]
        row(f"ask p50 ({bb['questions']} q) at {n_big} vs {n_small} passages", f"{bb['p50_ms']:.0f} ms",
            f"{sb['p50_ms']:.0f} ms", f"{ratio(bb['p50_ms'], sb['p50_ms'])}x")
        row("ask p95", f"{bb['p95_ms']:.0f} ms", f"{sb['p95_ms']:.0f} ms", f"{ratio(bb['p95_ms'], sb['p95_ms'])}x")
        row("first ask, cold (builds + saves BM25)", f"{bb['first_ask_s']:.2f} s", f"{sb['first_ask_s']:.2f} s",
            f"{ratio(bb['first_ask_s'], sb['first_ask_s'])}x")
        fb, fs = bb["first_ask_parts_s"], sb["first_ask_parts_s"]
        row("  of which BM25 build (fetch + tokenize + index)", f"{fb.get('bm25_build', 0):.2f} s",
            f"{fs.get('bm25_build', 0):.2f} s", f"{ratio(fb.get('bm25_build'), fs.get('bm25_build'))}x")
        row("  of which BM25 save", f"{fb.get('bm25_save', 0):.2f} s", f"{fs.get('bm25_save', 0):.2f} s",
            f"{ratio(fb.get('bm25_save'), fs.get('bm25_save'))}x")
        row("embedding models load (before first ask)", f"{bb['models_load_s']:.2f} s", f"{sb['models_load_s']:.2f} s")
        tb, ts = bb["time_split"], sb["time_split"]
        for key, label in (("search_s", "retrieval (index.search)"), ("sentence_similarity_s",
                           "sentence similarity (stored vectors)"), ("rest_s", "rest (scoring, gaps, lists)")):
            row(f"  share of ask time: {label}", f"{100 * tb[key] / tb['all_asks_s']:.0f}%",
                f"{100 * ts[key] / ts['all_asks_s']:.0f}%")
        rb, rs = big.get("reopen", {}), small.get("reopen", {})
        if "first_ask_s" in rb and "first_ask_s" in rs:
            row("first ask, new process (BM25 from disk)", f"{rb['first_ask_s']:.2f} s", f"{rs['first_ask_s']:.2f} s",
                f"{ratio(rb['first_ask_s'], rs['first_ask_s'])}x")
            row("open workspace, no upgrade (new process)", f"{rb['open_workspace_s']:.2f} s",
                f"{rs['open_workspace_s']:.2f} s", f"{ratio(rb['open_workspace_s'], rs['open_workspace_s'])}x")
        rate = results["embedded"]["ingest"].get("contextual_passages_per_s")
        if rate:
            row("open_workspace's upgrade() would first embed", f"{bb['upgrade_pending_passages']} passages",
                f"~{bb['upgrade_pending_passages'] / rate / 60:.0f} min at {rate:.0f}/s",
                f"check {bb['upgrade_check_s']:.2f} s")
        for piece, value in bb["pieces"].items():
            small_value = sb["pieces"].get(piece)
            row(f"  {piece.replace('_ms_median', '')} (median)", f"{value:.0f} ms", f"{small_value:.0f} ms",
                f"{ratio(value, small_value)}x")
        mem_b = f"{bb['peak_rss_mb']:.0f} MB" + (f" + server {bb['server_peak_rss_mb']:.0f}" if bb.get("server_peak_rss_mb") else "")
        mem_s = f"{sb['peak_rss_mb']:.0f} MB" + (f" + server {sb['server_peak_rss_mb']:.0f}" if sb.get("server_peak_rss_mb") else "")
        row("  peak RSS of the ask process", mem_b, mem_s, f"{ratio(bb['peak_rss_mb'], sb['peak_rss_mb'])}x")
        row("  answers found", f"{bb['answered_found']}/{bb['questions']}", f"{sb['answered_found']}/{sb['questions']}")

    probe = results.get("minilm_threads", {})
    if "passages_per_s" in probe.get("default", {}) and "passages_per_s" in probe.get("one_thread", {}):
        d, o = probe["default"], probe["one_thread"]
        row(f"contextual MiniLM, {d['passages']} passages: default BLAS threads vs 1 thread",
            f"{d['passages_per_s']:.1f} passages/s", f"{o['passages_per_s']:.1f} passages/s",
            f"{ratio(d['passages_per_s'], o['passages_per_s'])}x")
    embedded = results["embedded"]
    ingest_rows("(embedded)", embedded["ingest"])
    ask_rows("embedded", embedded["ask_big"], embedded["ask_small"])
    e = results.get("extract", {})
    if "error" in e:
        row("extract", e["error"])
    elif e:
        row(f"extract {e['proposals']} proposals ({e['distinct_files']} distinct, {e['pages']} pages)",
            f"{e['seconds']:.1f} s", f"pypdf {e['baseline_pypdf_s']:.1f} s", f"{e['ratio_vs_pypdf']:.1f}x")
        row("  per proposal", f"mean {e['per_proposal_mean_s']:.2f} s, p50 {e['per_proposal_p50_s']:.2f}, "
            f"max {e['per_proposal_max_s']:.2f}", "", "")
        row("  peak RSS", f"{e['peak_rss_mb']:.0f} MB")
    server = results.get("server")
    if server:
        ingest_rows("(server)", server["ingest"])
        ask_rows("server", server["ask_big"], server.get("ask_small"))
        si, ei = server["ingest"], embedded["ingest"]
        if "seconds" in si and "seconds" in ei:
            row("ingest passages/s: server vs embedded", f"{si['passages_per_s']:.0f}", f"{ei['passages_per_s']:.0f}",
                f"{ratio(si['passages_per_s'], ei['passages_per_s'])}x")
        sb_, eb_ = server["ask_big"].get("ask", {}), embedded["ask_big"].get("ask", {})
        if "p50_ms" in sb_ and "p50_ms" in eb_:
            row(f"ask p50: server ({sb_['passages']}) vs embedded ({eb_['passages']})", f"{sb_['p50_ms']:.0f} ms",
                f"{eb_['p50_ms']:.0f} ms", f"{ratio(sb_['p50_ms'], eb_['p50_ms'])}x")

    widths = [max(len(r[i]) for r in rows + [("figure", "value", "baseline", "ratio")]) for i in range(4)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(("figure", "value", "baseline", "ratio"), widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="small smoke version (50 docs, 5k passages, 10 proposals)")
    for key, value in FULL.items():
        parser.add_argument("--" + key.replace("_", "-"), type=int, help=f"default {value} ({QUICK[key]} with --quick)")
    parser.add_argument("--no-server", action="store_true", help="skip the Chroma-server phases")
    parser.add_argument("--no-guide-upgrade", action="store_true",
                        help="skip the playbook's contextual upgrade in each workspace (default with --quick)")
    parser.add_argument("--workdir", type=Path, help="where to put generated data (default: a temp folder, removed)")
    parser.add_argument("--output", type=Path, help="JSON result file (default bench/results/scale-<date>.json)")
    args = parser.parse_args()
    if args.child:
        run_child(json.loads(args.child))
        return
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up (servers, phase) on SIGTERM

    cfg = dict(QUICK if args.quick else FULL)
    for key in FULL:
        if getattr(args, key) is not None:
            cfg[key] = getattr(args, key)
    cfg["guide_upgrade"] = not (args.no_guide_upgrade or args.quick)
    cfg["server"] = not args.no_server
    cfg["quick"] = args.quick
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="rfp-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict = {"config": cfg, "machine": machine_info(), "started": dt.datetime.now().isoformat(timespec="seconds")}
    try:
        # BLAS threading check: the contextual model with the default threads, then with one thread.
        probe = 4 if cfg["quick"] else 32
        results["minilm_threads"] = {
            "default": run_phase("minilm", {"passages": probe, "label": "default threads"}, work),
            "one_thread": run_phase("minilm", {"passages": probe, "label": "OPENBLAS_NUM_THREADS=1"}, work,
                                    env={"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}),
        }
        results["generate"] = run_phase("generate", {"docs": max(cfg["docs"], cfg["server_docs"]),
                                                     "corpus": str(work / "corpus-all")}, work)
        for name, count in (("corpus", cfg["docs"]), ("corpus-server", cfg["server_docs"])):
            (work / name).mkdir(exist_ok=True)
            for path in sorted((work / "corpus-all").iterdir())[:count]:
                os.link(path, work / name / path.name)
        results["embedded"] = {
            "ingest": run_phase("ingest", {"corpus": str(work / "corpus"), "data": str(work / "data-ingest"),
                                           "workspace": "scale-ingest", "guide_upgrade": cfg["guide_upgrade"],
                                           "label": "embedded", "upgrade_sample": 0 if cfg["quick"] else 100}, work),
            "ask_big": ask_scale(work, "embedded-big", cfg["chunks"], cfg, False),
            "ask_small": ask_scale(work, "embedded-small", cfg["baseline_chunks"], cfg, False),
        }
        results["extract"] = run_phase("extract", {"proposals": cfg["proposals"], "folder": str(work / "proposals"),
                                                   "data": str(work / "data-extract")}, work)
        if cfg["server"]:
            results["server"] = {
                "ingest": server_ingest(work, cfg),
                "ask_big": ask_scale(work, "server-big", cfg["server_chunks"], cfg, True),
            }
            if not cfg["quick"]:  # --quick: no server baseline, to stay near a minute
                results["server"]["ask_small"] = ask_scale(work, "server-small", cfg["server_baseline_chunks"], cfg, True)
    finally:
        results["total_wall_s"] = round(time.perf_counter() - started, 1)
        output = args.output or RESULTS / f"scale-{dt.date.today():%Y-%m-%d}{'-quick' if args.quick else ''}.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(results, indent=2))
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nScale benchmark ({'quick' if args.quick else 'full'}), {results['machine']['cpus']} CPUs, "
          f"total {results['total_wall_s']:.0f} s; load average at start {results['machine']['loadavg']}")
    if not cfg["guide_upgrade"]:
        print("(playbook contextual upgrade skipped: every passage is at the static tier)")
    print(report(results))
    print(f"\nwritten: {output}")


def machine_info() -> dict:
    import platform

    info = {"cpus": os.cpu_count(), "loadavg": [round(x, 2) for x in os.getloadavg()], "python": platform.python_version()}
    try:
        import chromadb

        info["chromadb"] = chromadb.__version__
    except ImportError:
        pass
    try:
        info["git"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                     text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True,
                               text=True, timeout=10).stdout
        info["src_uncommitted"] = dirty.split("\n")[:-1]  # others' work in progress is part of what was measured
    except (OSError, subprocess.SubprocessError):
        pass
    return info


if __name__ == "__main__":
    main()
