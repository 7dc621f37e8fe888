"""The chat model: an OpenAI-compatible endpoint through langchain-openai (offline mode never imports it)."""

from rfp_assistant.core.llm.client import ChatClient, make_chat_client

__all__ = ["ChatClient", "make_chat_client"]
