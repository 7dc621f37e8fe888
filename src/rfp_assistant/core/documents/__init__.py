"""Documents: load files into page-aware text, or refuse them in plain words."""

from rfp_assistant.core.documents.loader import SUPPORTED_SUFFIXES, RECOGNISED_SUFFIXES, load_bytes, load_document
from rfp_assistant.core.documents.pages import MAX_PAGES, LoadedDocument, Page

__all__ = ["MAX_PAGES", "SUPPORTED_SUFFIXES", "RECOGNISED_SUFFIXES", "LoadedDocument", "Page", "load_bytes",
           "load_document"]
