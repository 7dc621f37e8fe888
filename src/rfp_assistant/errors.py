"""Domain errors. Core code raises these; the CLI and UI turn them into plain-language messages."""

from __future__ import annotations


class RfpAssistantError(Exception):
    """Base class for every error this package raises on purpose."""


class ConfigurationError(RfpAssistantError):
    """The settings are incomplete or contradictory (for example LLM mode without a key)."""


class DocumentError(RfpAssistantError):
    """A document could not be read. Carries the file name so messages say which one."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EncryptedDocumentError(DocumentError):
    """The document is password-protected or encrypted."""


class EmptyDocumentError(DocumentError):
    """The document has no content at all."""


class DocumentTooLargeError(DocumentError):
    """The document exceeds the configured size limit."""


class UnsupportedDocumentError(DocumentError):
    """The file type is not supported, or its content does not match its extension."""


class IndexError_(RfpAssistantError):
    """The index could not be read or written."""


class LLMError(RfpAssistantError):
    """The model endpoint failed after retries, or returned something unusable."""


class EvalThresholdError(RfpAssistantError):
    """An evaluation suite scored below its target."""


class ExportError(RfpAssistantError):
    """An export file could not be written (missing folder, permissions, disk full)."""
