"""The `rfp-assistant` command line, one module per job."""

from rfp_assistant.interfaces.cli.app import app, main

__all__ = ["app", "main"]
