"""Settings, read once at the entry point (CLI or UI) and passed down to the core."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from rfp_assistant.errors import ConfigurationError

_WORKSPACE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "rfp-assistant"


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "rfp-assistant"


class Settings(BaseSettings):
    """Every knob the product has. Environment variables use the RFP_ prefix, except the OpenAI ones."""

    model_config = SettingsConfigDict(env_prefix="RFP_", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default_factory=_default_data_dir)
    """Where indexes, uploads and caches for each workspace live (RFP_DATA_DIR)."""

    cache_dir: Path = Field(default_factory=_default_cache_dir)
    """Machine-wide cache for derived artefacts such as the local embedding table (RFP_CACHE_DIR)."""

    workspace: str = "default"
    """Workspace used when a command does not name one (RFP_WORKSPACE)."""

    llm: Literal["offline", "openai"] = "offline"
    """offline = deterministic engine, no network; openai = any OpenAI-compatible endpoint (RFP_LLM)."""

    openai_api_key: SecretStr | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    """API key for the OpenAI-compatible endpoint (OPENAI_API_KEY)."""

    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    """Base URL of the endpoint, e.g. http://127.0.0.1:11434/v1 for Ollama (OPENAI_BASE_URL)."""

    model: str = "gpt-4o-mini"
    """Chat model name sent to the endpoint (RFP_MODEL)."""

    llm_timeout_s: float = 60.0
    """Seconds before one model call is abandoned (RFP_LLM_TIMEOUT_S)."""

    llm_max_retries: int = 3
    """Retries on 429, 5xx and timeouts, with exponential backoff (RFP_LLM_MAX_RETRIES)."""

    llm_structured_method: Literal["json_schema", "function_calling", "json_mode"] = "json_schema"
    """How structured output is requested; function_calling suits servers without JSON-schema support (RFP_LLM_STRUCTURED_METHOD)."""

    embeddings: str = "local"
    """local = bundled static MiniLM table (no network); openai[:model]; or st:/path/to/sentence-transformers model (RFP_EMBEDDINGS)."""

    chroma_host: str | None = None
    """Chroma server host; when set, the shared server is used instead of the embedded store (RFP_CHROMA_HOST)."""

    chroma_port: int = 8000
    """Chroma server port (RFP_CHROMA_PORT)."""

    auth_file: Path | None = None
    """File of `user:hash` lines written by `rfp-assistant user add`; when set, the web UI requires login (RFP_AUTH_FILE)."""

    login_lockout_s: float = Field(default=300.0, gt=0)
    """Seconds a user name or address is locked out after too many failed logins, and the window they are counted in (RFP_LOGIN_LOCKOUT_S)."""

    max_file_mb: float = 50.0
    """Largest document accepted, in megabytes (RFP_MAX_FILE_MB)."""

    max_pages: int = Field(default=2000, ge=1)
    """Most pages accepted in one document; longer ones are refused with a reason (RFP_MAX_PAGES)."""

    max_sheet_rows: int = Field(default=20_000, ge=1)
    """Most rows read from one spreadsheet sheet or CSV file; the rest are left out with a warning (RFP_MAX_SHEET_ROWS)."""

    @property
    def llm_enabled(self) -> bool:
        """True when a model endpoint is configured to be used."""
        return self.llm == "openai"

    def require_llm(self) -> None:
        """Raise a ConfigurationError when LLM mode lacks what it needs."""
        if not self.llm_enabled:
            return
        if self.openai_api_key is None and not self.openai_base_url:
            raise ConfigurationError(
                "RFP_LLM=openai needs OPENAI_API_KEY (for OpenAI or Azure) or OPENAI_BASE_URL "
                "(for a local server such as Ollama or vLLM). Set one, or unset RFP_LLM to work offline."
            )

    def workspace_dir(self, workspace: str | None = None) -> Path:
        """Folder holding one workspace's index and uploads."""
        name = validate_workspace_name(workspace or self.workspace)
        return self.data_dir / "workspaces" / name


def validate_workspace_name(name: str) -> str:
    """Return the name if it is safe to use as a folder and collection name (one workspace per program)."""
    if not _WORKSPACE_NAME.match(name or ""):
        raise ConfigurationError(
            f"Workspace name {name!r} is not allowed: use 1-63 letters, digits, '-' or '_', "
            "starting with a letter or digit."
        )
    return name


def load_settings(**overrides) -> Settings:
    """Read settings from the environment once; explicit overrides win."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)
