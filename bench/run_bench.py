"""Benchmarks: ingest throughput against bare pypdf extraction, and `ask` latency over 10,000 chunks.

Run with `make bench` (or `python bench/run_bench.py [--chunks N] [--pdfs N]`). Prints figures and
ratios against a baseline measured in the same run; it asserts nothing (speed is not a test).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchlib import MAX_BYTES, PLAYBOOK_QUESTIONS, ROOT, paragraph_memos, peak_rss_mb, playbook_paragraphs

sys.path.insert(0, str(ROOT / "src"))

from rfp_assistant.jobs.answering import answer_question  # noqa: E402
from rfp_assistant.config import Settings  # noqa: E402
from rfp_assistant.core.documents.loader import load_bytes  # noqa: E402
from rfp_assistant.core.embeddings.embedder import make_embedder  # noqa: E402
from rfp_assistant.core.retrieval.index import WorkspaceIndex  # noqa: E402
from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files  # noqa: E402

def make_pdfs(count: int, pages: int) -> list[tuple[str, bytes]]:
    """Proposal-like PDFs: wrapped paragraphs from the playbook, a heading per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    rng = random.Random(7)
    paragraphs = playbook_paragraphs()
    files = []
    for n in range(count):
        buffer = io.BytesIO()
        story = []
        for page in range(pages):
            story.append(Paragraph(f"{page + 1}. Section {page + 1} of proposal {n}", styles["Heading2"]))
            for paragraph in rng.sample(paragraphs, 3):
                story.append(Paragraph(paragraph.replace("&", "and").replace("<", "").replace(">", ""), styles["BodyText"]))
            story.append(PageBreak())
        SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
        files.append((f"proposal-{n:03d}.pdf", buffer.getvalue()))
    return files


def corpus_pdfs() -> list[tuple[str, bytes]]:
    """The shared corpus of real PDFs from many producers (only those that have a text layer)."""
    from rfp_assistant.core.documents.loader import load_bytes
    from rfp_assistant.errors import DocumentError

    folder = ROOT.parent / "shared" / "pdf-corpus"
    files = []
    for path in sorted(folder.glob("*.pdf")):
        try:
            load_bytes(path.read_bytes(), path.name, max_bytes=MAX_BYTES)
        except DocumentError:
            continue
        files.append((path.name, path.read_bytes()))
    return files


def bench_ingest(settings: Settings, label: str, files: list[tuple[str, bytes]]) -> None:
    import pypdf

    if not files:
        print(f"ingest ({label}): no files")
        return
    total_pages = 0
    start = time.perf_counter()
    for _, data in files:
        reader = pypdf.PdfReader(io.BytesIO(data))
        for page in reader.pages:
            page.extract_text()
            total_pages += 1
    bare = time.perf_counter() - start

    index = WorkspaceIndex(settings, "bench-" + "".join(c if c.isalnum() else "-" for c in label)[:40])
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, data in files:
            (Path(folder) / name).write_bytes(data)
            paths.append(Path(folder) / name)
        start = time.perf_counter()
        reports = ingest_files(index, paths, kind="internal", max_bytes=MAX_BYTES)
        full = time.perf_counter() - start
        start = time.perf_counter()
        upgraded = index.upgrade()
        upgrade = time.perf_counter() - start
    chunks = sum(r.chunks for r in reports)
    print(f"ingest ({label}): {len(files)} PDFs, {total_pages} pages, {chunks} passages")
    print(f"  bare pypdf extraction                      {bare:7.2f} s  {total_pages / bare:7.1f} pages/s")
    print(f"  ingest until searchable (load+chunk+static embedding+BM25/Chroma)"
          f" {full:7.2f} s  {total_pages / full:7.1f} pages/s  ratio {full / bare:.2f}x (target <= 2.0x)")
    print(f"  contextual upgrade (full MiniLM, second tier) {upgrade:7.2f} s  {upgraded / max(upgrade, 1e-9):7.1f} passages/s")


def bench_ask(settings: Settings, target_chunks: int, upgrade_all: bool) -> None:
    memos = paragraph_memos(random.Random(11), playbook_paragraphs(), target_chunks, "ask")
    index = WorkspaceIndex(settings, "bench-ask")
    ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=MAX_BYTES)
    index.upgrade()
    start = time.perf_counter()
    made = sum(index.add_document(load_bytes(data, name, max_bytes=MAX_BYTES), "internal").record.chunks
               for name, data in memos)
    build = time.perf_counter() - start
    if upgrade_all:
        start = time.perf_counter()
        index.upgrade()
        print(f"ask: contextual upgrade of {made} passages took {time.perf_counter() - start:.1f} s")
    total = sum(r.chunks for r in index.list_documents())
    start = time.perf_counter()
    answer_question(index, "warm-up: what is a tech transfer package?")
    first = time.perf_counter() - start
    latencies = []
    for round_ in range(5):
        for question in PLAYBOOK_QUESTIONS:
            start = time.perf_counter()
            answer_question(index, question)
            latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"ask: index of {total} passages built in {build:.1f} s ({total / build:.0f} passages/s)")
    print(f"  first ask (builds the lexical index) {first * 1000:7.0f} ms")
    print(f"  ask latency over {len(latencies)} questions: p50 {p50:6.1f} ms, p95 {p95:6.1f} ms   (target p50 <= 150 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--pdfs", type=int, default=20)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--upgrade-ask-index", action="store_true",
                        help="also give the 10k-passage index contextual vectors (about 15 minutes on 2 cores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rfp-bench-") as data:
        settings = Settings(data_dir=Path(data))
        start = time.perf_counter()
        make_embedder(settings).embed_query("warm the embedding table")
        print(f"embedding table ready in {time.perf_counter() - start:.2f} s (built once per machine, then loaded)")
        bench_ingest(settings, "generated proposals", make_pdfs(args.pdfs, args.pages))
        bench_ingest(settings, "shared corpus, real producers", corpus_pdfs())
        bench_ask(settings, args.chunks, args.upgrade_ask_index)
    print(f"peak memory (RSS): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
