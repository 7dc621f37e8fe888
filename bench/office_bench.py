"""Benchmark: ingesting a 10,000-row spreadsheet (and the same rows as CSV), stage by stage.

Run with `python bench/office_bench.py [--rows N]`. Prints seconds for reading the file, chunking it,
indexing it (first, static-vector tier: the document is searchable after this), and the contextual
second tier that `ingest` runs next, plus rows per second. It asserts nothing (speed is not a test).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import tempfile
import time
from pathlib import Path

from benchlib import ROOT, peak_rss_mb

sys.path.insert(0, str(ROOT / "src"))

from rfp_assistant.config import Settings  # noqa: E402
from rfp_assistant.core.documents.chunking import chunk_document  # noqa: E402
from rfp_assistant.core.documents.loader import load_bytes  # noqa: E402
from rfp_assistant.core.retrieval.index import WorkspaceIndex  # noqa: E402

HEADER = ["Line", "Date", "Cost centre", "Item", "Vendor", "Amount (USD)", "Owner", "Comment"]
ITEMS = ["GMP batch", "Tech transfer", "Release testing", "Stability pull", "Person-in-plant travel", "Audit",
         "Cell bank storage", "Shipping", "Change order", "Analytical method transfer"]


def rows(count: int) -> list[list]:
    """ERP-export-like rows: dates, amounts, free-text comments."""
    import datetime as dt

    rng = random.Random(11)
    return [[n, dt.date(2026, 1, 1) + dt.timedelta(days=n % 365), f"CC-{rng.randint(100, 999)}", rng.choice(ITEMS),
             rng.choice(["Rhenova", "Northgate", "Bellhaven", "internal"]), round(rng.uniform(500, 900_000), 2),
             rng.choice(["CMC", "QA", "MSAT", "Finance"]), rng.choice(["", "accrued", "PO pending", "see memo"])]
            for n in range(1, count + 1)]


def make_xlsx(data: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("GL export")
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_csv(data: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(data)
    return out.getvalue().encode()


def timed(label: str, figures: dict, action):
    print(f"  ... {label}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    result = action()
    figures[label] = time.perf_counter() - start
    return result


def bench(name: str, data: bytes, settings: Settings, row_count: int, contextual: bool) -> None:
    figures: dict[str, float] = {}
    document = timed("read", figures, lambda: load_bytes(data, name, max_bytes=200_000_000, max_rows=row_count + 10))
    chunks = timed("chunk", figures, lambda: chunk_document(document, document.sha256[:40]))
    index = WorkspaceIndex(settings, name.replace(".", "-"))
    index.embedder  # the embedding table is built once per machine; not part of an ingest
    timed("index (searchable)", figures, lambda: index.add_document(document, "internal"))
    if contextual:
        timed("contextual tier", figures, lambda: index.upgrade())
    searchable = figures["read"] + figures["chunk"] + figures["index (searchable)"]
    print(f"{name}: {len(data) / 1e6:.1f} MB, {row_count:,} rows -> {len(chunks):,} passages "
          f"({row_count / len(chunks):.1f} rows each), warnings: {document.warnings or 'none'}")
    for label, seconds in figures.items():
        print(f"  {label:<22} {seconds:7.2f} s")
    print(f"  {'searchable after':<22} {searchable:7.2f} s  ({row_count / searchable:,.0f} rows/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--no-contextual", action="store_true", help="skip the slower second tier")
    args = parser.parse_args()
    data = rows(args.rows)
    with tempfile.TemporaryDirectory(prefix="rfp-office-bench-") as folder:
        settings = Settings(data_dir=Path(folder), max_sheet_rows=args.rows + 10)
        bench("gl-export.xlsx", make_xlsx(data), settings, args.rows, not args.no_contextual)
        bench("gl-export.csv", make_csv(data), settings, args.rows, contextual=False)
    print(f"peak memory {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
