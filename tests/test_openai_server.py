"""The OpenAI stub server works end to end with the real openai SDK and langchain-openai clients."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator

import openai
import pytest
from langchain_core.exceptions import ModelRefusalError
from langchain_openai import AzureChatOpenAI, ChatOpenAI, OpenAIEmbeddings
from pydantic import BaseModel

from support.openai_server import OpenAIStubServer, embedding_for

MODEL = "gpt-4o-mini"  # not the gpt-3.5 default: that silently downgrades json_schema to function_calling


class Supplier(BaseModel):
    name: str
    score: int


@pytest.fixture
def server() -> Iterator[OpenAIStubServer]:
    with OpenAIStubServer() as srv:
        yield srv
        assert srv.errors == []


def chat(server: OpenAIStubServer, **kwargs) -> ChatOpenAI:
    return ChatOpenAI(base_url=server.base_url, api_key="test-key", model=MODEL, **{"max_retries": 0, **kwargs})


def test_openai_sdk_chat_call_is_answered_and_recorded(server):
    server.reply_text("Hello from the stub")
    client = openai.OpenAI(base_url=server.base_url, api_key="sk-secret-123", max_retries=0)
    resp = client.chat.completions.create(
        model=MODEL, messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]
    )
    assert resp.choices[0].message.content == "Hello from the stub"
    assert resp.choices[0].finish_reason == "stop"
    assert resp.usage.total_tokens == resp.usage.prompt_tokens + resp.usage.completion_tokens > 0
    (req,) = server.requests
    assert (req.method, req.path) == ("POST", "/v1/chat/completions")
    assert req.headers["authorization"] == "Bearer sk-secret-123"
    assert req.body["model"] == MODEL
    assert server.last_messages() == [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]
    assert server.leaks("sk-secret-123") == []


def test_leaks_reports_a_secret_outside_the_auth_header(server):
    client = openai.OpenAI(base_url=server.base_url, api_key="sk-secret-123", max_retries=0)
    client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "key is sk-secret-123"}])
    assert server.leaks("sk-secret-123") == ["request 0 body"]
    assert server.leaks("sk-secret-123", allowed_headers=()) == ["request 0 header authorization", "request 0 body"]


def test_chatopenai_invoke_uses_queue_then_responder(server):
    server.reply_text("queued answer")
    server.responder = lambda body: f"echo: {body['messages'][-1]['content']}"
    llm = chat(server)
    first = llm.invoke("one")
    assert first.content == "queued answer"
    assert first.usage_metadata["input_tokens"] > 0 and first.usage_metadata["output_tokens"] > 0
    assert llm.invoke("two").content == "echo: two"
    assert [r.messages[-1]["content"] for r in server.chat_requests] == ["one", "two"]


@pytest.mark.parametrize("method", ["json_schema", "function_calling", "json_mode"])
def test_with_structured_output_returns_parsed_model(server, method):
    server.reply_json(Supplier(name="Acme", score=4))
    result = chat(server).with_structured_output(Supplier, method=method).invoke("Rate Acme")
    assert result == Supplier(name="Acme", score=4)
    body = server.chat_requests[-1].body
    if method == "json_schema":
        assert body["response_format"]["type"] == "json_schema"
        assert body["response_format"]["json_schema"]["name"] == "Supplier"
        assert "tools" not in body
    elif method == "function_calling":
        assert body["tool_choice"] == {"type": "function", "function": {"name": "Supplier"}}
        assert [t["function"]["name"] for t in body["tools"]] == ["Supplier"]
        assert "response_format" not in body
    else:
        assert body["response_format"] == {"type": "json_object"}


def test_reply_tool_call_reaches_bound_tools(server):
    server.reply_tool_call("Supplier", {"name": "Beta", "score": 2})
    msg = chat(server).bind_tools([Supplier]).invoke("pick one")
    assert [(c["name"], c["args"]) for c in msg.tool_calls] == [("Supplier", {"name": "Beta", "score": 2})]
    assert msg.response_metadata["finish_reason"] == "tool_calls"


def test_langchain_stream_reassembles_text_chunks(server):
    server.reply_text("alpha beta gamma delta")
    chunks = list(chat(server).stream("go"))
    assert "".join(c.content for c in chunks) == "alpha beta gamma delta"
    assert len([c for c in chunks if c.content]) == 4
    assert server.chat_requests[-1].body["stream"] is True


class Buyer(BaseModel):
    company: str


def test_langchain_stream_reassembles_forced_tool_call(server):
    server.reply_json({"name": "Gamma", "score": 9})
    merged = None
    for chunk in chat(server).bind_tools([Buyer, Supplier], tool_choice="Supplier").stream("go"):
        merged = chunk if merged is None else merged + chunk
    assert merged.tool_calls[0]["name"] == "Supplier"
    assert merged.tool_calls[0]["args"] == {"name": "Gamma", "score": 9}


def test_openai_sdk_stream_ends_with_usage_when_asked(server):
    server.reply_text("a b c")
    client = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0)
    chunks = list(
        client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": "x"}], stream=True, stream_options={"include_usage": True}
        )
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "a b c"
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0


def test_429_then_success_is_retried(server):
    server.fail(429, "Rate limit reached", retry_after=0.01).reply_text("after retry")
    assert chat(server, max_retries=1).invoke("x").content == "after retry"
    assert len(server.chat_requests) == 2
    assert [r.headers["x-stainless-retry-count"] for r in server.chat_requests] == ["0", "1"]
    assert server.pending == 0


@pytest.mark.parametrize(
    ("status", "error_cls"),
    [(429, openai.RateLimitError), (500, openai.InternalServerError), (502, openai.InternalServerError),
     (503, openai.InternalServerError), (401, openai.AuthenticationError)],
)
def test_fail_surfaces_status_and_message(server, status, error_cls):
    server.fail(status, f"boom {status}")
    with pytest.raises(error_cls) as info:
        chat(server).invoke("x")
    assert info.value.status_code == status
    assert f"boom {status}" in str(info.value)
    assert len(server.chat_requests) == 1


def test_fail_sends_retry_after_headers(server):
    server.fail(429, "slow down", retry_after=2.5)
    with pytest.raises(openai.RateLimitError) as info:
        chat(server).invoke("x")
    headers = info.value.response.headers
    assert (headers["retry-after"], headers["retry-after-ms"]) == ("2.5", "2500")
    assert info.value.code == "rate_limit_exceeded"


def test_fail_times_exhausts_retries(server):
    server.fail(503, "down", retry_after=0.01, times=3).reply_text("never reached")
    with pytest.raises(openai.InternalServerError):
        chat(server, max_retries=2).invoke("x")
    assert len(server.chat_requests) == 3
    assert server.pending == 1


def test_fail_code_reaches_the_client(server):
    server.fail(400, "This model's maximum context length is 128000 tokens.", code="context_length_exceeded")
    with pytest.raises(openai.BadRequestError) as info:
        chat(server).invoke("x")
    assert info.value.code == "context_length_exceeded"
    assert info.value.body["type"] == "invalid_request_error"


def test_hang_makes_client_time_out(server):
    server.hang(5)
    start = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        chat(server, timeout=0.5).invoke("x")
    assert time.monotonic() - start < 2


def test_malformed_body_raises(server):
    server.malformed()
    # The SDK lets the JSONDecodeError escape unwrapped, not as an openai.APIError.
    with pytest.raises(json.JSONDecodeError):
        chat(server).invoke("x")


def test_truncated_reply_reports_length(server):
    server.truncated('{"name": "Ac')
    msg = chat(server).invoke("x")
    assert msg.content == '{"name": "Ac'
    assert msg.response_metadata["finish_reason"] == "length"


def test_truncated_structured_output_raises(server):
    server.truncated('{"name": "Ac')
    with pytest.raises(openai.LengthFinishReasonError):
        chat(server).with_structured_output(Supplier).invoke("x")


def test_refusal_raises_in_structured_output(server):
    server.refuse("Not allowed")
    with pytest.raises(ModelRefusalError, match="Not allowed"):
        chat(server).with_structured_output(Supplier).invoke("x")


def test_disconnect_is_a_connection_error_and_retryable(server):
    server.disconnect()
    with pytest.raises(openai.APIConnectionError):
        chat(server).invoke("x")
    server.disconnect().reply_text("second try")
    assert chat(server, max_retries=1).invoke("x").content == "second try"
    assert len(server.chat_requests) == 3


def test_embeddings_are_deterministic_and_sized(server):
    emb = OpenAIEmbeddings(base_url=server.base_url, api_key="test-key", check_embedding_ctx_length=False, max_retries=0)
    docs = emb.embed_documents(["alpha", "beta"])
    assert docs == [embedding_for("alpha", 8), embedding_for("beta", 8)]
    assert docs[0] != docs[1] and len(docs[0]) == 8
    assert emb.embed_query("alpha") == docs[0]
    raw = openai.OpenAI(base_url=server.base_url, api_key="k").embeddings.create(
        model="m", input="alpha", encoding_format="float", dimensions=16
    )
    assert raw.data[0].embedding == embedding_for("alpha", 16)
    assert server.requests[0].body["input"] == ["alpha", "beta"]


def test_embedding_faults_do_not_consume_chat_replies(server):
    server.reply_text("chat answer").fail(500, "embed down", endpoint="embeddings")
    emb = OpenAIEmbeddings(base_url=server.base_url, api_key="k", check_embedding_ctx_length=False, max_retries=0)
    with pytest.raises(openai.InternalServerError):
        emb.embed_query("q")
    assert chat(server).invoke("x").content == "chat answer"


def test_models_list_and_unknown_route(server):
    client = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0)
    assert [m.id for m in client.models.list()] == ["stub-model"]
    with pytest.raises(openai.NotFoundError):
        client.completions.create(model="m", prompt="x")


def test_azure_deployment_path_is_served(server):
    llm = AzureChatOpenAI(
        azure_endpoint=server.azure_endpoint, azure_deployment="rfp-dep", api_version="2024-10-21",
        api_key="azure-key", max_retries=0,
    )
    server.reply_text("from azure")
    assert llm.invoke("x").content == "from azure"
    req = server.chat_requests[-1]
    assert req.path.startswith("/openai/deployments/rfp-dep/chat/completions?")
    assert req.headers["api-key"] == "azure-key"
    assert server.leaks("azure-key") == []


def test_async_invoke_works(server):
    server.reply_text("async ok")
    assert asyncio.run(chat(server).ainvoke("x")).content == "async ok"


def test_reset_forgets_requests_queue_and_responder(server):
    server.reply_text("unused")
    server.responder = lambda body: "custom"
    chat(server).invoke("x")
    server.reply_text("also unused")
    server.reset()
    assert server.requests == [] and server.pending == 0
    assert chat(server).invoke("x").content == "stub reply"


def test_stop_releases_port_and_hung_handlers():
    srv = OpenAIStubServer().start()
    srv.hang(30)
    with pytest.raises(openai.APITimeoutError):
        chat(srv, timeout=0.2).invoke("x")
    port = srv.port
    start = time.monotonic()
    srv.stop()
    assert time.monotonic() - start < 1
    with pytest.raises(openai.APIConnectionError):
        openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="k", max_retries=0).models.list()
