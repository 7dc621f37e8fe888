"""Benchmark: offline extraction of a 20-page proposal, and `compare` of 10 proposals end to end.

Prints figures beside pypdf's bare text extraction of the same files, measured in the same run.
Run with `python bench/extraction_bench.py` (or `make bench`). Asserts nothing.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from benchlib import ROOT, peak_rss_mb

sys.path.insert(0, str(ROOT / "src"))

from rfp_assistant.config import Settings  # noqa: E402
from rfp_assistant.core.documents.loader import load_document  # noqa: E402
from rfp_assistant.jobs.extraction.offline import extract_offline  # noqa: E402
from rfp_assistant.jobs.extraction.service import extract_proposals  # noqa: E402

PROPOSALS = ROOT / "eval" / "extraction" / "proposals"


def bare_parse(paths: list[Path]) -> float:
    import pypdf

    start = time.perf_counter()
    for path in paths:
        for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages:
            page.extract_text()
    return time.perf_counter() - start


def main() -> None:
    long_one = PROPOSALS / "14_aurora_vaccine_long.pdf"
    document = load_document(long_one, max_bytes=50_000_000)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        extract_offline(document)
        runs.append(time.perf_counter() - start)
    print(f"offline extraction of a {document.page_count}-page proposal (already parsed): "
          f"median {statistics.median(runs) * 1000:.0f} ms (target <= 1000 ms)")
    print(f"  pypdf bare parse of the same file: {bare_parse([long_one]) * 1000:.0f} ms")

    every = sorted(PROPOSALS.glob("*.pdf")) + sorted((PROPOSALS.parent / "blind" / "proposals").glob("*.pdf"))
    documents = [load_document(path, max_bytes=50_000_000) for path in every]
    total_pages = sum(d.page_count for d in documents)
    passes = []
    for _ in range(3):
        start = time.perf_counter()
        for d in documents:
            extract_offline(d)
        passes.append(time.perf_counter() - start)
    print(f"offline extraction of all {len(documents)} eval proposals ({total_pages} pages, already parsed): "
          f"{statistics.median(passes) / total_pages * 20 * 1000:.0f} ms per 20 pages")

    ten = sorted(PROPOSALS.glob("*.pdf"))[:10]
    pages = sum(len(__import__("pypdf").PdfReader(str(p)).pages) for p in ten)
    bare = bare_parse(ten)
    start = time.perf_counter()
    extractions = extract_proposals(ten, Settings())
    read = time.perf_counter() - start
    line = f"compare of {len(ten)} proposals ({pages} pages): parse + extract {read:.2f} s"
    try:
        from rfp_assistant.jobs.comparison.table import compare_proposals, load_scorecard

        start = time.perf_counter()
        compare_proposals(extractions, load_scorecard())
        line += f", table + scores {time.perf_counter() - start:.3f} s"
        total = read + time.perf_counter() - start
    except ImportError:
        total = read
    print(f"{line}; end to end {total:.2f} s (target <= 10 s); pypdf bare parse {bare:.2f} s "
          f"(ratio {total / bare:.1f}x)")
    print(f"peak memory (RSS): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
