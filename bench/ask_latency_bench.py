"""Ask latency at 1k, 10k and 100k passages, and ingest time against the code before sentence vectors were stored.

    .venv/bin/python bench/ask_latency_bench.py --now HEAD          # full (about 1 h on 2 busy cores)
    .venv/bin/python bench/ask_latency_bench.py --sizes 1000,10000 --ingest-sizes 1000 --questions 10   # quicker

What is measured (each phase in its own subprocess, the machine load printed beside every figure):
- ask: `answer_question` on a workspace holding the built-in playbook (contextual tier from the machine cache) and
  generated program memos (one passage per section, at the first tier as right after ingest), for each size: the
  first ask of a new process (builds and saves the keyword index) and then p50/p95 over the questions.
- ingest: the same memo files ingested with `ingest_files` (the first tier, what makes a document searchable) by
  this checkout and by a `git worktree` of BASELINE (default 9f87a9a^, the commit before sentence vectors were
  made at ingest), in the same run, alternately; with --contextual-size N, for that size also the contextual pass
  that `rfp-assistant ingest` runs next (`upgrade()`), where the sentences get contextual vectors too. --now REV
  measures a committed revision (a worktree) instead of this working tree, which others may be editing.

How the 100k workspace is built quickly: ingest is timed on its own corpus, so the ask workspaces above the largest
ingest size are filled in batches (`build_batched`): the records `add_document` writes (passages, manifest, the
sentence vectors), one Chroma call per 4,000 passages instead of one per document. What an ask reads is the same.
Results go to bench/results/ask-latency-<date>.json (git-ignored). Asserts nothing: speed is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import (MAX_BYTES, MULTI_PART_QUESTIONS, QUESTIONS, RESULTS, ROOT, Generator, add_worktree, load_average, percentile,
                      remove_worktree)


# --- phases (run in a subprocess whose PYTHONPATH selects the checkout) ---------------------------------------------


def _settings(data: str):
    from rfp_assistant.config import Settings

    return Settings(data_dir=Path(data), llm="offline", embeddings="local", chroma_host=None)


def _open(settings, workspace: str, upgrade: bool = True):
    """The workspace with the playbook indexed and (`upgrade`) given its contextual tier from the machine cache."""
    from rfp_assistant.core.retrieval.index import WorkspaceIndex
    from rfp_assistant.jobs.ingestion import ensure_builtin_knowledge

    index = WorkspaceIndex(settings, workspace)
    ensure_builtin_knowledge(index, max_bytes=MAX_BYTES)
    if upgrade:
        index.upgrade()
    return index


def phase_generate(spec: dict) -> dict:
    """Memo files (one passage per section) and each one's passage count, by this checkout's chunker."""
    from rfp_assistant.core.documents.chunking import chunk_document
    from rfp_assistant.core.documents.loader import load_bytes

    out = Path(spec["corpus"])
    out.mkdir(parents=True, exist_ok=True)
    gen, files, total, n = Generator(seed=11), [], 0, 0
    while total < spec["passages"]:
        name, text = gen.bulk_memo(n)
        (out / name).write_text(text, encoding="utf-8")
        count = len(chunk_document(load_bytes(text.encode(), name, max_bytes=MAX_BYTES), "x" * 40))
        files.append([name, count])
        total, n = total + count, n + 1
    return {"files": files, "passages": total}


def phase_ingest(spec: dict) -> dict:
    """ingest_files on the corpus (timed), then optionally the contextual pass `rfp-assistant ingest` runs next."""
    from rfp_assistant.jobs.ingestion import ingest_files

    # The playbook stays at the first tier: its contextual vectors (a cache miss for an older checkout) are not timed.
    index = _open(_settings(spec["data"]), "ingest", upgrade=False)
    files = [Path(spec["corpus"]) / name for name in spec["names"]]
    index.embedder.embed_query("load the table first")
    start = time.perf_counter()
    reports = ingest_files(index, files, kind="internal", max_bytes=MAX_BYTES)
    result = {"seconds": round(time.perf_counter() - start, 2), "passages": sum(r.chunks or 0 for r in reports),
              "errors": sum(r.status == "error" for r in reports)}
    if spec.get("contextual"):
        index.contextual.embedder.embed_query("load the model first")
        start = time.perf_counter()
        result["contextual_passages"] = index.upgrade()
        result["contextual_seconds"] = round(time.perf_counter() - start, 2)
    return result


def build_batched(index, documents, kind: str = "internal") -> int:
    """Bench-only bulk add: the records `add_document` writes, written 4,000 passages per Chroma call."""
    from rfp_assistant.core.documents.chunking import chunk_document
    from rfp_assistant.core.retrieval.index import WRITE_BATCH
    from rfp_assistant.core.retrieval.records import (DocumentRecord, chunk_metadata, manifest_id,
                                                      manifest_metadata)

    ids, vectors, texts, metas, total = [], [], [], [], 0

    def flush():
        if ids:
            index._chunks.add(ids=ids, embeddings=vectors, documents=texts, metadatas=metas)  # noqa: SLF001 (bench)
            ids.clear(), vectors.clear(), texts.clear(), metas.clear()

    for document in documents:
        doc_id = document.sha256[:40]
        chunks = chunk_document(document, doc_id)
        record = DocumentRecord(doc_id, document.source, kind, document.sha256, document.page_count, len(chunks),
                                time.time(), list(document.warnings))
        index.units.add(doc_id, chunks)
        if len(ids) + len(chunks) + 1 > WRITE_BATCH:
            flush()
        embedded = index.embedder.embed_documents([c.search_text for c in chunks])
        ids.extend([c.chunk_id for c in chunks] + [manifest_id(doc_id)])
        vectors.extend(embedded + [[1.0] + [0.0] * (len(embedded[0]) - 1)])
        texts.extend([c.text for c in chunks] + [record.source])
        metas.extend([chunk_metadata(c, kind) for c in chunks] + [manifest_metadata(record)])
        total += len(chunks)
    flush()
    index._changed(index._swaps)  # noqa: SLF001 (bench: tell this and other processes the workspace changed)
    return total


def phase_build(spec: dict) -> dict:
    """Fill an ask workspace: memo files ingested normally (`add_document`) or in batches."""
    from rfp_assistant.core.documents.loader import load_bytes

    index = _open(_settings(spec["data"]), "ask")
    index.embedder.embed_query("load the table first")
    files = [Path(spec["corpus"]) / name for name in spec["names"]]
    start, made = time.perf_counter(), 0
    for first in range(0, len(files), 200):
        documents = [load_bytes(f.read_bytes(), f.name, max_bytes=MAX_BYTES) for f in files[first:first + 200]]
        if spec["batched"]:
            made += build_batched(index, documents)
        else:
            made += sum(index.add_document(d, "internal").record.chunks for d in documents)
        print(f"  build {spec['label']}: {made:,} passages, {time.perf_counter() - start:.0f} s, load {load_average()}",
              file=sys.stderr, flush=True)
    seconds = time.perf_counter() - start
    return {"passages": made, "seconds": round(seconds, 1), "passages_per_s": round(made / seconds, 1),
            "total_passages": sum(r.chunks for r in index.list_documents())}


def phase_ask(spec: dict) -> dict:
    """A new process asks: the first ask (keyword index built and saved), then p50/p95 over the questions."""
    from rfp_assistant.core.retrieval.index import WorkspaceIndex
    from rfp_assistant.jobs.answering import answer_question

    index = WorkspaceIndex(_settings(spec["data"]), "ask")  # open_workspace without its upgrade of the bulk
    index.embedder.embed_query("warm up")
    if index.contextual is not None:
        index.contextual.embedder.embed_query("warm up")
    start = time.perf_counter()
    # One question of each kind loads what an answer reads once per process (the readiness checklist, say).
    answer_question(index, "Warm-up: what is a tech transfer package?")
    answer_question(index, "Warm-up: do we have a quality agreement owner?")
    first = time.perf_counter() - start
    latencies, found = [], 0
    for question in QUESTIONS[: spec["questions"]]:
        start = time.perf_counter()
        found += bool(answer_question(index, question).found)
        latencies.append((time.perf_counter() - start) * 1000)
    multi = []
    for question in MULTI_PART_QUESTIONS:
        start = time.perf_counter()
        answer_question(index, question)
        multi.append((time.perf_counter() - start) * 1000)
    return {"passages": sum(r.chunks for r in index.list_documents()), "first_ask_s": round(first, 2),
            "p50_ms": round(percentile(latencies, 0.5), 1), "p95_ms": round(percentile(latencies, 0.95), 1),
            "mean_ms": round(statistics.mean(latencies), 1), "questions": len(latencies), "found": found,
            "multi_part_p50_ms": round(percentile(multi, 0.5), 1), "multi_part_questions": len(multi)}


PHASES = {"generate": phase_generate, "ingest": phase_ingest, "build": phase_build, "ask": phase_ask}


def run_phase(spec: dict, src: Path, work: Path) -> dict:
    """Run one phase in a subprocess importing rfp_assistant from `src`; its result with the load around it."""
    out = work / f"result-{os.getpid()}-{time.monotonic_ns()}.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RFP_")}
    env.update(PYTHONPATH=str(src), ANONYMIZED_TELEMETRY="False")
    before = os.getloadavg()[0]
    subprocess.run([sys.executable, __file__, "--child", json.dumps(dict(spec, output=str(out)))], env=env, check=True,
                   cwd=work)
    result = json.loads(out.read_text())
    result["load"] = f"{before:.1f}->{os.getloadavg()[0]:.1f}"
    return result


def child(spec: dict) -> None:
    import rfp_assistant

    result = PHASES[spec["phase"]](spec)
    result["code"] = str(Path(rfp_assistant.__file__).resolve().parents[2])
    Path(spec["output"]).write_text(json.dumps(result))


def subset(files: list, passages: int) -> list[str]:
    """The first memo files holding at least `passages` passages."""
    names, total = [], 0
    for name, count in files:
        if total >= passages:
            break
        names.append(name)
        total += count
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="1000,10000,100000", help="ask workspace sizes in passages")
    parser.add_argument("--ingest-sizes", default="1000,10000", help="corpus sizes ingested by both checkouts")
    parser.add_argument("--contextual-size", type=int, default=0,
                        help="ingest size also timed through the contextual pass (0: none)")
    parser.add_argument("--baseline", default="9f87a9a^", help="git revision of the ingest baseline")
    parser.add_argument("--now", default="", help="git revision to measure as 'now' (default: this working tree)")
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--output", type=Path, help="JSON result file (default bench/results/ask-latency-<date>.json)")
    parser.add_argument("--workdir", type=Path, help="keep generated data here (reused by a later run)")
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    ingest_sizes = [int(s) for s in args.ingest_sizes.split(",") if s]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="rfp-ask-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    head = ROOT / "src"
    base_tree, now_tree = work / "baseline", work / "now"
    for tree, revision, wanted in ((base_tree, args.baseline, bool(ingest_sizes)), (now_tree, args.now, bool(args.now))):
        if wanted and not tree.exists():
            add_worktree(revision, tree)
    if args.now:  # a committed revision, not a working tree others may be editing while this runs
        head = now_tree / "src"
    started, results = time.perf_counter(), {"load_start": load_average(), "cpus": os.cpu_count(), "baseline": args.baseline,
                                             "now": args.now or "working tree", "ingest": [], "ask": []}
    print(f"load average {results['load_start']} (1/5/15 min) on {os.cpu_count()} CPUs", flush=True)
    try:
        corpus = work / "corpus"
        manifest = work / "corpus.json"
        if not manifest.exists():
            generated = run_phase({"phase": "generate", "corpus": str(corpus),
                                   "passages": max(sizes + ingest_sizes)}, head, work)
            manifest.write_text(json.dumps(generated["files"]))
        files = json.loads(manifest.read_text())
        for size in ingest_sizes:
            names = subset(files, size)
            row = {"size": size}
            # Alternate the order per size, so drift in the machine's load does not always favour one side.
            sides = [("before", base_tree / "src"), ("now", head)]
            for label, src in sides if len(results["ingest"]) % 2 == 0 else sides[::-1]:
                data = work / f"ingest-{label}-{size}"
                shutil.rmtree(data, ignore_errors=True)
                row[label] = run_phase({"phase": "ingest", "data": str(data), "corpus": str(corpus), "names": names,
                                        "contextual": size == args.contextual_size}, src, work)
                shutil.rmtree(data, ignore_errors=True)
            results["ingest"].append(row)
            print_ingest(row, flush=True)
        for size in sizes:
            data = work / f"ask-{size}"
            if not data.exists():
                batched = size > max(ingest_sizes, default=0)
                build = run_phase({"phase": "build", "data": str(data), "corpus": str(corpus), "names": subset(files, size),
                                   "batched": batched, "label": f"{size:,}"}, head, work)
            else:
                build = {"reused": str(data)}
            asked = run_phase({"phase": "ask", "data": str(data), "questions": args.questions}, head, work)
            results["ask"].append({"size": size, "build": build, "ask": asked})
            print(f"ask at {asked['passages']:,} passages: p50 {asked['p50_ms']:.0f} ms, p95 {asked['p95_ms']:.0f} ms "
                  f"(load {asked['load']})", flush=True)
    finally:
        results["total_s"] = round(time.perf_counter() - started)
        RESULTS.mkdir(parents=True, exist_ok=True)
        output = args.output or RESULTS / f"ask-latency-{dt.date.today():%Y-%m-%d}.json"
        output.write_text(json.dumps(results, indent=2))
        if not args.workdir:
            for tree in (base_tree, now_tree):
                if tree.exists():
                    remove_worktree(tree)
            shutil.rmtree(work, ignore_errors=True)
    report(results)
    print(f"\nwritten: {output}")


def print_ingest(row: dict, flush: bool = False) -> None:
    before, now = row["before"], row["now"]
    print(f"ingest {now['passages']:,} passages: now {now['seconds']:.1f} s, before {before['seconds']:.1f} s "
          f"({now['seconds'] / before['seconds']:.2f}x; load {now['load']} / {before['load']})", flush=flush)


def report(results: dict) -> None:
    print(f"\nAsk latency and ingest, {results['cpus']} CPUs, load average at start {results['load_start']}, "
          f"total {results['total_s']} s; baseline = {results['baseline']}, now = {results['now']}")
    print(f"\n{'passages':>9}  {'p50':>7}  {'p95':>7}  {'first 2 asks':>9}  {'found':>6}  {'target p50':>10}  load during asks")
    targets = {10_000: "<= 150 ms", 100_000: "<= 500 ms"}
    for row in results["ask"]:
        a = row["ask"]
        print(f"{a['passages']:>9,}  {a['p50_ms']:>5.0f}ms  {a['p95_ms']:>5.0f}ms  {a['first_ask_s']:>8.1f}s  "
              f"{a['found']:>2}/{a['questions']:<3}  {targets.get(row['size'], '-'):>10}  {a['load']}")
        if "multi_part_p50_ms" in a:
            print(f"{'':>9}  questions in several parts ({a['multi_part_questions']}): p50 {a['multi_part_p50_ms']:.0f} ms")
    if results["ingest"]:
        print(f"\n{'ingest (first tier)':>20}  {'now':>8}  {'before':>8}  {'ratio':>6}  target <= 1.5x; load now / before")
        for row in results["ingest"]:
            now, before = row["now"], row["before"]
            print(f"{now['passages']:>11,} passages  {now['seconds']:>7.1f}s  {before['seconds']:>7.1f}s  "
                  f"{now['seconds'] / before['seconds']:>5.2f}x  {now['load']} / {before['load']}")
            if "contextual_seconds" in now:
                total_now = now["seconds"] + now["contextual_seconds"]
                total_before = before["seconds"] + before["contextual_seconds"]
                print(f"{'+ contextual pass':>20}  {now['contextual_seconds']:>7.1f}s  {before['contextual_seconds']:>7.1f}s  "
                      f"{now['contextual_seconds'] / before['contextual_seconds']:>5.2f}x")
                print(f"{'= rfp-assistant ingest':>20}  {total_now:>7.1f}s  {total_before:>7.1f}s  "
                      f"{total_now / total_before:>5.2f}x")
    for row in results["ask"]:
        build = row["build"]
        if "seconds" in build:
            print(f"(ask workspace {build['total_passages']:,} passages built in {build['seconds']:.0f} s, "
                  f"{build['passages_per_s']:.0f} passages/s, load {build['load']})")


if __name__ == "__main__":
    main()
