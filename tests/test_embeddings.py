"""Embeddings: the offline default and the full MiniLM find the right passages, fast, without rebuilding."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from rfp_assistant.core.embeddings import embedder as embeddings
from rfp_assistant.core.embeddings import minilm
from rfp_assistant.config import Settings
from rfp_assistant.core.embeddings.embedder import (
    Embedder,
    MiniLMEmbedder,
    OpenAIEmbedder,
    StaticMiniLMEmbedder,
    make_embedder,
)
from rfp_assistant.errors import ConfigurationError

# The real machine-wide cache: the table is distilled once per machine, not once per test run.
CACHE_DIR = Settings().cache_dir

# (query, passage that answers it, unrelated passage)
TRIPLES = [
    ("What costs have we not budgeted for?",
     "Hidden expenses: technology transfer fees, change orders and quality audits",
     "The bioreactor holds 2,000 liters"),
    ("How big is the bioreactor?",
     "The bioreactor holds 2,000 liters",
     "Hidden expenses: technology transfer fees, change orders and quality audits"),
    ("Who owns the intellectual property?",
     "All inventions and know-how developed under this agreement belong to the sponsor",
     "Batch records are reviewed within five business days"),
    ("Has the facility passed regulatory inspections?",
     "The site was inspected by the FDA in 2023 with no Form 483 observations",
     "Payment terms are net 60 days from invoice"),
    ("Can the agreement be terminated early?",
     "Either party may end the contract with ninety days written notice",
     "Drug substance is kept frozen at minus 70 degrees Celsius"),
    ("Is the product stored at the right temperature?",
     "Drug substance is kept frozen at minus 70 degrees Celsius in monitored freezers",
     "Either party may end the contract with ninety days written notice"),
]

# Each query must find its own passage among all the others.
RETRIEVAL = [
    ("What costs have we not budgeted for?", "Hidden expenses: technology transfer fees, change orders and quality audits"),
    ("How large is the production vessel?", "The bioreactor holds 2,000 liters"),
    ("Who owns the intellectual property?", "All inventions and know-how developed under this agreement belong to the sponsor"),
    ("When will we receive the batch documentation?", "Batch records are reviewed and released within five business days"),
    ("Has the facility passed regulatory inspections?", "The site was inspected by the FDA in 2023 with no Form 483 observations"),
    ("How do we pay the supplier?", "Payment terms are net 60 days from invoice"),
    ("What happens if the batch fails?", "Failed lots are reworked or replaced at the manufacturer's expense after root-cause investigation"),
    ("Can they scale up to commercial volumes?", "Capacity expansion to commercial scale manufacturing is planned with additional reactors"),
    ("How is confidential information protected?", "Both parties shall keep proprietary data secret under the non-disclosure agreement"),
    ("What is the delivery schedule?", "The first GMP lot ships in week 14, followed by two further lots every six weeks"),
    ("Which analytical tests will be performed?", "Release testing covers HPLC purity, endotoxin, sterility and potency assays"),
    ("How are deviations handled?", "Any deviation from the master batch record is documented, investigated and reported to the client within 24 hours"),
    ("Who is our main point of contact?", "A dedicated project manager coordinates all communication with the customer"),
    ("Is the product stored at the right temperature?", "Drug substance is kept frozen at minus 70 degrees Celsius in monitored freezers"),
    ("How much experience do they have with monoclonal antibodies?", "The company has manufactured more than forty antibody programs since 2010"),
    ("What insurance coverage does the vendor carry?", "The contractor maintains product liability insurance of ten million dollars"),
    ("Can the agreement be terminated early?", "Either party may end the contract with ninety days written notice"),
    ("Where is the plant located?", "Manufacturing takes place at our facility in Singapore"),
    ("How are raw materials sourced?", "Excipients and media are purchased from qualified suppliers with audited supply chains"),
    ("What is the total price of the project?", "The quoted fee for the full scope of work is 3.2 million euros"),
]


@pytest.fixture(scope="module")
def static() -> StaticMiniLMEmbedder:
    emb = StaticMiniLMEmbedder(CACHE_DIR)
    emb.prepare()
    return emb


@pytest.fixture(scope="module")
def full() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def _vectors(emb, texts) -> np.ndarray:
    return np.asarray(emb.embed_documents(texts))


def _mrr(emb) -> tuple[float, float]:
    sims = _vectors(emb, [q for q, _ in RETRIEVAL]) @ _vectors(emb, [p for _, p in RETRIEVAL]).T
    ranks = np.array([1 + (sims[i] > sims[i, i]).sum() for i in range(len(RETRIEVAL))])
    return float(np.mean(1 / ranks)), float(np.mean(ranks == 1))


def test_numpy_minilm_matches_published_reference_values(full):
    # Reference numbers from sentence-transformers all-MiniLM-L6-v2 (model card / a Rust port's test suite).
    v = _vectors(full, ["This is an example sentence"])[0]
    np.testing.assert_allclose(v[:5], [0.0676569, 0.0634959, 0.0487131, 0.0793050, 0.0374481], atol=2e-5)
    a, b, c = _vectors(full, [
        "This is a completely different text that is not similar to the other documents.",
        "This is another completely different text that is not similar to the other documents.",
        "I am a sentence for which I would like to get its embedding.",
    ])
    assert a @ b == pytest.approx(0.9923702, abs=1e-5)
    assert a @ c == pytest.approx(0.22324173, abs=1e-5)


@pytest.mark.parametrize("which", ["static", "full"])
@pytest.mark.parametrize("query,answer,unrelated", TRIPLES)
def test_question_is_nearer_its_answer_than_an_unrelated_passage(which, query, answer, unrelated, request):
    q, a, u = _vectors(request.getfixturevalue(which), [query, answer, unrelated])
    assert q @ a > q @ u + 0.1


def test_static_retrieves_the_right_passage_among_many(static):
    mrr, top1 = _mrr(static)
    assert mrr >= 0.8 and top1 >= 0.7, (mrr, top1)


def test_full_model_retrieves_the_right_passage_among_many(full):
    mrr, top1 = _mrr(full)
    assert mrr >= 0.85 and top1 >= 0.75, (mrr, top1)


def test_static_vectors_are_unit_length_deterministic_and_batch_independent(static):
    texts = [q for q, _ in RETRIEVAL]
    batch = _vectors(static, texts)
    assert static.dim == 256 and batch.shape == (len(texts), 256)
    np.testing.assert_allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(batch, _vectors(static, texts))
    np.testing.assert_allclose(batch[3], static.embed_query(texts[3]), atol=1e-6)


def test_full_model_is_deterministic_and_batch_independent(full):
    texts = ["Payment terms are net 60 days", "a", "The quoted fee for the full scope of work is 3.2 million euros"]
    batch = _vectors(full, texts)
    assert batch.shape == (3, full.dim)
    np.testing.assert_allclose(batch[2], full.embed_query(texts[2]), atol=1e-5)
    np.testing.assert_array_equal(batch, _vectors(full, texts))


def test_empty_text_gives_a_zero_vector_not_nan(static):
    v = np.asarray(static.embed_documents(["", "   "]))
    assert np.isfinite(v).all() and not v.any()
    assert static.embed_documents([]) == []


def test_the_end_of_a_long_chunk_still_counts(static):
    # ~600 filler tokens push the answer past where a 512-token cut would drop it.
    filler = " ".join(["The project timeline includes several review meetings with stakeholders."] * 60)
    needle = "Hidden expenses include technology transfer fees and quality audits. Change orders are charged separately."
    q = np.asarray(static.embed_query("What costs have we not budgeted for?"))
    with_needle, without = _vectors(static, [filler + " " + needle, filler])
    assert q @ with_needle > q @ without + 0.005


def test_make_embedder_reuses_the_loaded_table_and_is_fast(static):
    start = time.perf_counter()
    emb = make_embedder(Settings(cache_dir=CACHE_DIR, embeddings="local"))
    emb.embed_query("change orders")
    assert time.perf_counter() - start < 0.2
    assert isinstance(emb, Embedder) and emb.name == "static-minilm-l6-v1" and emb.dim == 256


def test_cached_table_loads_quickly_after_clearing_the_process_cache(static):
    path = CACHE_DIR / f"{embeddings.STATIC_NAME}.npy"
    mtime = path.stat().st_mtime_ns
    embeddings.clear_cache()
    start = time.perf_counter()
    fresh = StaticMiniLMEmbedder(CACHE_DIR)
    assert fresh.is_ready
    v = fresh.embed_query("quality audits")
    assert time.perf_counter() - start < 1.0
    assert path.stat().st_mtime_ns == mtime
    np.testing.assert_allclose(v, static.embed_query("quality audits"), atol=1e-6)


def test_a_new_process_loads_the_cached_table_without_recomputing(static):
    code = textwrap.dedent(f"""
        import time
        t = time.perf_counter()
        from rfp_assistant.core.embeddings.embedder import StaticMiniLMEmbedder
        e = StaticMiniLMEmbedder({str(CACHE_DIR)!r}, progress=lambda f, m: print("PROGRESS", m))
        e.embed_query("quality audits")
        print("SECONDS", time.perf_counter() - t)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "PROGRESS" not in out
    assert float(out.split("SECONDS")[1]) < 1.5  # includes importing numpy and tokenizers


def test_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    (tmp_path / f"{embeddings.STATIC_NAME}.npy").write_bytes(b"not a numpy file")
    fake = np.ones((minilm.vocab_size(), embeddings.STATIC_DIMS), dtype=np.float32)
    monkeypatch.setattr(embeddings, "_build_table", lambda progress: fake)
    assert embeddings.static_table(tmp_path) is fake
    assert np.load(tmp_path / f"{embeddings.STATIC_NAME}.npy").shape == fake.shape


_RACE = """
import sys, time, numpy as np
from rfp_assistant.core.embeddings import embedder as embeddings, minilm
def fake_build(progress):
    with open(sys.argv[2], "a") as f:
        f.write("built\\n")
    time.sleep(1.5)
    return np.random.default_rng(0).random((minilm.vocab_size(), embeddings.STATIC_DIMS), dtype=np.float32)
embeddings._build_table = fake_build
print(float(embeddings.static_table(sys.argv[1]).sum()))
"""


def test_two_processes_building_at_once_produce_one_valid_file(tmp_path):
    builds = tmp_path / "builds.log"
    procs = [
        subprocess.Popen([sys.executable, "-c", _RACE, str(tmp_path / "cache"), str(builds)], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert builds.read_text().count("built") == 1
    assert outs[0] == outs[1]
    files = sorted(f.name for f in (tmp_path / "cache").iterdir())
    assert files == [f"{embeddings.STATIC_NAME}.lock", f"{embeddings.STATIC_NAME}.npy"]


def test_distillation_reports_progress_with_a_time_estimate():
    vocab = {t: i for t, i in minilm.load_tokenizer().get_vocab().items() if i < 2600}
    seen: list[tuple[float, str]] = []
    table = minilm.distill_static_table(minilm.get_model(), vocab, dims=64, batch=256, progress=lambda f, m: seen.append((f, m)))
    assert table.shape == (minilm.vocab_size(), 64) and table.dtype == np.float32
    assert not table[:999].any()  # [PAD], [unusedN], [CLS]... never move a text's vector
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("one time, about" in m for _, m in seen)


@pytest.mark.slow
def test_real_concurrent_first_builds_share_one_table(tmp_path):
    code = "import sys; from rfp_assistant.core.embeddings.embedder import static_table; print(float(static_table(sys.argv[1])[2000:2100].sum()))"
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=240)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs) and outs[0] == outs[1]
    assert time.perf_counter() - start < 120
    built = np.load(tmp_path / f"{embeddings.STATIC_NAME}.npy")
    cached = embeddings.static_table(CACHE_DIR)
    np.testing.assert_allclose(built, cached, atol=1e-4)  # a rebuilt table matches vectors already in an index


def _settings(**kw) -> Settings:
    base = dict(cache_dir=CACHE_DIR, openai_api_key=None, openai_base_url=None)
    return Settings(**{**base, **kw})


def test_unknown_choice_lists_the_valid_ones():
    with pytest.raises(ConfigurationError, match="local, static, minilm, openai"):
        make_embedder(_settings(embeddings="bert-huge"))


def test_openai_without_key_or_base_url_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        make_embedder(_settings(embeddings="openai"))


def test_openai_is_built_lazily_with_the_configured_endpoint():
    emb = make_embedder(_settings(embeddings="openai:text-embedding-3-large", openai_base_url="http://127.0.0.1:9/v1"))
    assert isinstance(emb, OpenAIEmbedder)
    assert (emb.name, emb.dim) == ("openai:text-embedding-3-large", 3072)
    assert emb._client is None
    client = emb._get_client()
    assert client.model == "text-embedding-3-large" and client.openai_api_base == "http://127.0.0.1:9/v1"
    small = make_embedder(_settings(embeddings="openai", openai_api_key="sk-test"))
    assert (small.name, small.dim) == ("openai:text-embedding-3-small", 1536)


def test_sentence_transformers_choice_explains_what_is_missing(tmp_path):
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigurationError, match="pip install sentence-transformers"):
            make_embedder(_settings(embeddings=f"st:{tmp_path}"))
    else:
        with pytest.raises(ConfigurationError, match="no model folder"):
            make_embedder(_settings(embeddings=f"st:{tmp_path / 'missing'}"))


def test_minilm_choice_gives_the_full_model():
    emb = make_embedder(_settings(embeddings="minilm"))
    assert (emb.name, emb.dim) == ("minilm-l6-v2", 384)


def test_contextual_vectors_of_repeated_texts_are_remembered_and_identical():
    from rfp_assistant.core.embeddings.embedder import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    texts = ["Who owns technology transfer on our side?", "Budget for change orders"]
    first = embedder.embed_array(texts)
    assert len(embedder._memo) == 2
    again = embedder.embed_array([texts[1], "A new sentence about stability studies.", texts[0]])
    assert np.allclose(again[0], first[1]) and np.allclose(again[2], first[0])
    assert np.allclose(again[1], embedder._compute(["A new sentence about stability studies."])[0])
