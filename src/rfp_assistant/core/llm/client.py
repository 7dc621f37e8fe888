"""OpenAI-compatible chat client with structured output, retries with backoff, and plain-language errors."""

from __future__ import annotations

import time
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from rfp_assistant.config import Settings
from rfp_assistant.errors import LLMError
from rfp_assistant.core.llm.prompts import render_messages

T = TypeVar("T", bound=BaseModel)


class ChatClient:
    """Asks the configured model for an answer shaped like a pydantic model; counts calls for tests and budgets."""

    def __init__(self, settings: Settings):
        from langchain_openai import ChatOpenAI

        settings.require_llm()
        self.settings = settings
        self.calls = 0
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        # The SDK retries 429/5xx/timeouts itself with exponential backoff and honours Retry-After.
        self._model = ChatOpenAI(
            model=settings.model,
            api_key=key,
            base_url=settings.openai_base_url,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            temperature=0,
        )

    def structured(self, prompt: str, schema: type[T], **variables) -> T:
        """Render prompt file `prompt` with `variables`, call the model, and return a validated `schema`."""
        messages = render_messages(prompt, **variables)
        runnable = self._model.with_structured_output(
            schema, method=self.settings.llm_structured_method, include_raw=True
        )
        attempts = 2  # one extra try when the model returns output that does not fit the schema
        last_problem = ""
        import openai

        for attempt in range(attempts):
            self.calls += 1
            try:
                result = runnable.invoke(messages)
            except ValidationError as exc:  # the SDK validates JSON-schema output itself
                result = {"raw": None, "parsed": None, "parsing_error": exc}
            except openai.LengthFinishReasonError:
                result = {"raw": None, "parsed": None, "parsing_error": None, "cut_off": True}
            except Exception as exc:  # the SDK raises many types; all become one plain message
                raise LLMError(describe_llm_failure(exc, self.settings)) from exc
            raw, parsed, error = result.get("raw"), result.get("parsed"), result.get("parsing_error")
            finish = (getattr(raw, "response_metadata", None) or {}).get("finish_reason")
            if finish == "length" or result.get("cut_off"):
                last_problem = "the model's answer was cut off (it hit its output limit)"
            elif parsed is not None and error is None:
                return parsed if isinstance(parsed, schema) else schema.model_validate(parsed)
            else:
                last_problem = f"the model's answer did not match the expected structure ({_short(error)})"
            if attempt + 1 < attempts:
                time.sleep(0.2)
        raise LLMError(f"The language model failed: {last_problem}. Try again, or use a larger model.")


def make_chat_client(settings: Settings) -> ChatClient | None:
    """A chat client when LLM mode is on, else None (offline)."""
    return ChatClient(settings) if settings.llm_enabled else None


def describe_llm_failure(exc: BaseException, settings: Settings) -> str:
    """Turn an SDK exception into one plain sentence that never contains the API key."""
    import openai

    where = settings.openai_base_url or "the OpenAI API"
    if isinstance(exc, openai.LengthFinishReasonError):
        text = "The model's answer was cut off (it hit its output limit). Try again, or use a larger model."
    elif isinstance(exc, openai.AuthenticationError):
        text = f"The model endpoint at {where} rejected the API key (401). Check OPENAI_API_KEY."
    elif isinstance(exc, openai.RateLimitError):
        text = f"The model endpoint at {where} is rate-limiting requests (429) and still refused after retries."
    elif isinstance(exc, openai.APITimeoutError):
        text = f"The model endpoint at {where} did not answer within {settings.llm_timeout_s:g} s (after retries)."
    elif isinstance(exc, openai.APIConnectionError):
        text = f"Could not connect to the model endpoint at {where}. Is it running and reachable?"
    elif isinstance(exc, openai.NotFoundError):
        text = f"The model '{settings.model}' was not found at {where} (404). Check RFP_MODEL."
    elif isinstance(exc, openai.APIStatusError):
        text = f"The model endpoint at {where} returned an error ({exc.status_code}) after retries."
    elif isinstance(exc, (ValidationError, ValueError)):
        text = f"The model endpoint at {where} returned a response that could not be read ({_short(exc)})."
    else:
        text = f"The model call failed: {type(exc).__name__}: {_short(exc)}"
    return _redact(text, settings)


def _redact(text: str, settings: Settings) -> str:
    if settings.openai_api_key:
        secret = settings.openai_api_key.get_secret_value()
        if secret:
            text = text.replace(secret, "***")
    return text


def _short(value) -> str:
    message = str(value).strip().splitlines()[0] if str(value).strip() else type(value).__name__
    return message if len(message) < 160 else message[:157] + "…"
