"""Scripted replies for the OpenAI stub server and their rendering as OpenAI wire JSON."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import time
from array import array
from dataclasses import dataclass, field
from typing import Any

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "requests",
}


@dataclass
class Reply:
    """One scripted server behaviour; a default Reply() is an empty assistant message."""

    content: str | None = None
    data: Any = None  # structured payload: dict or pydantic model, rendered per request
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    refusal: str | None = None
    finish_reason: str | None = None  # default: "tool_calls" when there are tool calls, else "stop"
    status: int = 200
    error: str | None = None
    error_code: str | None = None  # e.g. "context_length_exceeded"
    retry_after: float | None = None
    delay: float = 0.0  # seconds to sleep before answering
    raw: bytes | None = None  # sent verbatim as a 200 body
    disconnect: bool = False
    usage: dict[str, int] | None = None


def error_body(message: str, status: int, code: str | None = None) -> bytes:
    """OpenAI-style error JSON for an HTTP status."""
    err_type = _ERROR_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
    code = code or ("rate_limit_exceeded" if status == 429 else None)
    return json.dumps({"error": {"message": message, "type": err_type, "param": None, "code": code}}).encode()


def embedding_for(text: str, dim: int = 8) -> list[float]:
    """The unit vector the stub returns for `text` (float32-rounded, so exact equality holds)."""
    digest = hashlib.shake_256(text.encode()).digest(2 * dim)
    raw = [int.from_bytes(digest[i : i + 2], "little") / 32767.5 - 1.0 for i in range(0, 2 * dim, 2)]
    norm = math.sqrt(sum(x * x for x in raw)) or 1.0
    return array("f", [x / norm for x in raw]).tolist()


def embeddings_response(body: dict[str, Any], default_dim: int) -> bytes:
    """An embeddings list response with deterministic vectors, float or base64 as requested."""
    inputs = body.get("input", [])
    # A flat token list is one input; a list of strings or token lists is many.
    if isinstance(inputs, str) or (inputs and isinstance(inputs[0], int)):
        inputs = [inputs]
    dim = int(body.get("dimensions") or default_dim)
    data = []
    for i, item in enumerate(inputs):
        vec: Any = embedding_for(item if isinstance(item, str) else json.dumps(item), dim)
        if body.get("encoding_format") == "base64":  # the openai SDK asks for this unless told otherwise
            vec = base64.b64encode(array("f", vec).tobytes()).decode()
        data.append({"object": "embedding", "index": i, "embedding": vec})
    tokens = sum(_count(x) for x in inputs)
    usage = {"prompt_tokens": tokens, "total_tokens": tokens}
    return json.dumps({"object": "list", "data": data, "model": body.get("model"), "usage": usage}).encode()


def _jsonable(obj: Any) -> Any:
    return obj.model_dump(mode="json") if hasattr(obj, "model_dump") else obj


def _tool_for_data(body: dict[str, Any]) -> str | None:
    """Name of the tool structured data should be sent through, or None for JSON content."""
    names = [t["function"]["name"] for t in body.get("tools") or [] if t.get("type") == "function"]
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("function"):
        return choice["function"]["name"]
    if not names or choice == "none":
        return None
    if choice in ("required", "any") or "response_format" not in body:
        return names[0]
    return None


def _count(text: Any) -> int:
    return max(1, len(json.dumps(text)) // 4) if text else 0


def chat_completion(reply: Reply, body: dict[str, Any]) -> dict[str, Any]:
    """A non-streaming chat.completion object for `reply`, shaped by what the request asked for."""
    message: dict[str, Any] = {"role": "assistant", "content": reply.content, "refusal": reply.refusal}
    calls = list(reply.tool_calls)
    if reply.data is not None:
        tool = _tool_for_data(body)
        if tool:
            calls.append((tool, _jsonable(reply.data)))
        else:
            message["content"] = json.dumps(_jsonable(reply.data))
    if calls:
        message["tool_calls"] = [
            {"id": f"call_stub_{i}", "type": "function", "function": {"name": n, "arguments": json.dumps(a)}}
            for i, (n, a) in enumerate(calls)
        ]
    finish = reply.finish_reason or ("tool_calls" if calls else "stop")
    prompt = sum(_count(m.get("content")) for m in body.get("messages", []))
    completion = _count(message["content"]) + sum(_count(a) for _, a in calls)
    usage = reply.usage or {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
    return {
        "id": f"chatcmpl-stub-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model") or "stub-model",
        "system_fingerprint": "fp_stub",
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": usage,
    }


def sse_stream(completion: dict[str, Any], body: dict[str, Any]) -> bytes:
    """The same completion as chat.completion.chunk SSE events ending with `data: [DONE]`."""
    choice = completion["choices"][0]
    message = choice["message"]
    deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
    # Word-sized pieces so clients really have to reassemble several chunks.
    deltas += [{"content": piece} for piece in re.findall(r"\s*\S+\s*", message["content"] or "")]
    if message.get("refusal"):
        deltas.append({"refusal": message["refusal"]})
    for i, call in enumerate(message.get("tool_calls") or []):
        head = {"index": i, "id": call["id"], "type": "function", "function": {"name": call["function"]["name"], "arguments": ""}}
        deltas.append({"tool_calls": [head]})
        deltas.append({"tool_calls": [{"index": i, "function": {"arguments": call["function"]["arguments"]}}]})
    base = {k: completion[k] for k in ("id", "created", "model", "system_fingerprint")}
    base["object"] = "chat.completion.chunk"
    chunks = [{**base, "choices": [{"index": 0, "delta": d, "finish_reason": None, "logprobs": None}]} for d in deltas]
    chunks.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": choice["finish_reason"], "logprobs": None}]})
    if (body.get("stream_options") or {}).get("include_usage"):
        chunks.append({**base, "choices": [], "usage": completion["usage"]})
    events = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    return events.encode()
