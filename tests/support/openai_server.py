"""A fake OpenAI-compatible HTTP server on 127.0.0.1 that records requests and plays scripted replies."""

from __future__ import annotations

import collections
import json
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from .openai_replies import Reply, chat_completion, embedding_for, embeddings_response, error_body, sse_stream

__all__ = ["OpenAIStubServer", "RecordedRequest", "Reply", "embedding_for", "openai_server"]

@dataclass
class RecordedRequest:
    """One HTTP request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: Any  # parsed JSON, or None when the body was empty or not JSON
    raw: str = field(repr=False, default="")

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The chat messages as {role, content} dicts (empty for non-chat requests)."""
        if not isinstance(self.body, dict):
            return []
        return [{"role": m.get("role"), "content": m.get("content")} for m in self.body.get("messages", [])]

    @property
    def is_chat(self) -> bool:
        """Whether this was a chat-completions call."""
        return self.method == "POST" and urlsplit(self.path).path.endswith("/chat/completions")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real API; every reply carries Content-Length
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.stub._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.stub._track(self.connection, add=False)

    def do_GET(self) -> None:
        self.server.stub._handle(self)

    do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # the records are the log; stderr noise would hide real test output


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    stub: OpenAIStubServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if not isinstance(exc, OSError):  # clients dropping connections is expected; anything else is a stub bug
            self.stub.errors.append(repr(exc))


class OpenAIStubServer:
    """Fake OpenAI chat/embeddings/models API on 127.0.0.1 with a reply queue and request log."""

    def __init__(self, embedding_dim: int = 8, models: tuple[str, ...] = ("stub-model",)) -> None:
        self.embedding_dim = embedding_dim
        self.models = models
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # exceptions raised inside the server, should stay empty
        self.responder: Callable[[dict[str, Any]], Any] = _default_responder
        self._queues: dict[str, collections.deque[Reply]] = {"chat": collections.deque(), "embeddings": collections.deque()}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._conns: set[socket.socket] = set()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------
    def start(self) -> OpenAIStubServer:
        """Bind to a free loopback port and serve in a daemon thread."""
        self._stopping.clear()
        self._httpd = httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        httpd.stub = self
        # A short poll interval keeps stop() (and so fixture teardown) from costing 0.5 s per test.
        serve = lambda: httpd.serve_forever(poll_interval=0.02)  # noqa: E731
        self._thread = threading.Thread(target=serve, name="openai-stub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake hung handlers and close open connections."""
        if self._httpd is None:
            return
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._httpd = None

    def __enter__(self) -> OpenAIStubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port."""
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        """OpenAI-style base URL, e.g. http://127.0.0.1:PORT/v1."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def azure_endpoint(self) -> str:
        """Azure-style endpoint (clients append /openai/deployments/<name>/...)."""
        return f"http://127.0.0.1:{self.port}"

    # -- scripting -------------------------------------------------------
    def enqueue(self, reply: Reply, times: int = 1, endpoint: str = "chat") -> OpenAIStubServer:
        """Queue a reply for the next `times` requests to `endpoint` ("chat" or "embeddings")."""
        with self._lock:
            self._queues[endpoint].extend([reply] * times)
        return self

    def reply_text(self, text: str, times: int = 1) -> OpenAIStubServer:
        """Queue a plain assistant message."""
        return self.enqueue(Reply(content=text), times)

    def reply_json(self, obj: Any, times: int = 1) -> OpenAIStubServer:
        """Queue structured data (dict or pydantic model), rendered as a tool call or JSON content per the request."""
        return self.enqueue(Reply(data=obj), times)

    def reply_tool_call(self, name: str, arguments: dict[str, Any], times: int = 1) -> OpenAIStubServer:
        """Queue an assistant tool call with finish_reason "tool_calls"."""
        return self.enqueue(Reply(tool_calls=[(name, arguments)]), times)

    def refuse(self, text: str = "I can't help with that.", times: int = 1) -> OpenAIStubServer:
        """Queue a structured-output refusal (message.refusal set, content null)."""
        return self.enqueue(Reply(refusal=text), times)

    def fail(
        self,
        status: int = 500,
        message: str = "stub failure",
        retry_after: float | None = None,
        code: str | None = None,
        times: int = 1,
        endpoint: str = "chat",
    ) -> OpenAIStubServer:
        """Queue an OpenAI-style error response, optionally with Retry-After and an error code."""
        reply = Reply(status=status, error=message, error_code=code, retry_after=retry_after)
        return self.enqueue(reply, times, endpoint)

    def hang(self, seconds: float, times: int = 1, endpoint: str = "chat") -> OpenAIStubServer:
        """Queue a reply that sleeps `seconds` before answering, to trigger client timeouts."""
        return self.enqueue(Reply(content="(late reply)", delay=seconds), times, endpoint)

    def malformed(self, body: str = '{"choices": [', times: int = 1, endpoint: str = "chat") -> OpenAIStubServer:
        """Queue a 200 response whose body is not valid JSON."""
        return self.enqueue(Reply(raw=body.encode()), times, endpoint)

    def truncated(self, content: str = '{"partial": ', times: int = 1) -> OpenAIStubServer:
        """Queue a reply cut off by the token limit (finish_reason "length")."""
        return self.enqueue(Reply(content=content, finish_reason="length"), times)

    def disconnect(self, times: int = 1, endpoint: str = "chat") -> OpenAIStubServer:
        """Queue closing the socket without sending any response."""
        return self.enqueue(Reply(disconnect=True), times, endpoint)

    @property
    def pending(self) -> int:
        """How many queued replies (all endpoints) have not been used yet."""
        with self._lock:
            return sum(len(q) for q in self._queues.values())

    def reset(self) -> None:
        """Forget recorded requests and errors, empty the queue and restore the default responder."""
        with self._lock:
            self.requests.clear()
            self.errors.clear()
            for queue in self._queues.values():
                queue.clear()
        self.responder = _default_responder

    # -- inspection ------------------------------------------------------
    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """Recorded chat-completions requests, oldest first."""
        return [r for r in self.requests if r.is_chat]

    def last_messages(self) -> list[dict[str, Any]]:
        """The {role, content} messages of the most recent chat request."""
        chats = self.chat_requests
        assert chats, "no chat request was recorded"
        return chats[-1].messages

    def leaks(self, secret: str, allowed_headers: tuple[str, ...] = ("authorization", "api-key")) -> list[str]:
        """Where `secret` appears in recorded requests outside the allowed headers (empty list = no leak)."""
        found = []
        for i, req in enumerate(self.requests):
            if secret in req.path:
                found.append(f"request {i} path")
            found += [f"request {i} header {k}" for k, v in req.headers.items() if secret in v and k not in allowed_headers]
            if secret in req.raw or secret in json.dumps(req.body, ensure_ascii=False):
                found.append(f"request {i} body")
        return found

    # -- serving ---------------------------------------------------------
    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            (self._conns.add if add else self._conns.discard)(conn)

    def _handle(self, h: _Handler) -> None:
        raw = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in h.headers.items()}
        req = RecordedRequest(h.command, h.path, headers, body, raw.decode("utf-8", "replace"))
        with self._lock:
            self.requests.append(req)
        path = urlsplit(h.path).path.rstrip("/")
        if h.command == "GET" and path.endswith("/models"):
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "stub"} for m in self.models]
            return self._send(h, 200, json.dumps({"object": "list", "data": data}).encode())
        if h.command == "POST" and path.endswith(("/chat/completions", "/embeddings")):
            return self._reply(h, path, body if isinstance(body, dict) else {})
        self._send(h, 404, error_body(f"stub has no route {h.command} {path}", 404))

    def _next_reply(self, endpoint: str, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self._queues[endpoint]:
                return self._queues[endpoint].popleft()
        if endpoint == "embeddings":
            return Reply()
        made = self.responder(body)
        return made if isinstance(made, Reply) else Reply(content=made) if isinstance(made, str) else Reply(data=made)

    def _reply(self, h: _Handler, path: str, body: dict[str, Any]) -> None:
        endpoint = "embeddings" if path.endswith("/embeddings") else "chat"
        reply = self._next_reply(endpoint, body)
        if reply.delay and self._stopping.wait(reply.delay):
            return
        if reply.disconnect:
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if reply.raw is not None:
            return self._send(h, 200, reply.raw)
        if reply.status >= 400:
            extra = {}
            if reply.retry_after is not None:
                extra = {"retry-after": f"{reply.retry_after:g}", "retry-after-ms": str(int(reply.retry_after * 1000))}
            return self._send(h, reply.status, error_body(reply.error or "error", reply.status, reply.error_code), extra)
        if endpoint == "embeddings":
            return self._send(h, 200, embeddings_response(body, self.embedding_dim))
        completion = chat_completion(reply, body)
        if body.get("stream"):
            return self._send(h, 200, sse_stream(completion, body), content_type="text/event-stream")
        self._send(h, 200, json.dumps(completion).encode())

    def _send(
        self, h: _Handler, status: int, payload: bytes, headers: dict[str, str] | None = None, content_type: str = "application/json"
    ) -> None:
        try:
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                h.send_header(name, value)
            h.end_headers()
            h.wfile.write(payload)
        except OSError:
            h.close_connection = True  # the client gave up (e.g. after a timeout)


def _default_responder(body: dict[str, Any]) -> Reply:
    return Reply(content="stub reply")


@pytest.fixture
def openai_server() -> Iterator[OpenAIStubServer]:
    """Pytest fixture: a running OpenAIStubServer, stopped after the test, failing it on stub-side errors."""
    with OpenAIStubServer() as server:
        yield server
        assert server.errors == [], f"OpenAI stub raised: {server.errors}"
