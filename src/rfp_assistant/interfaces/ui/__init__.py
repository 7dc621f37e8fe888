"""The Gradio web UI: a thin layer over the same core functions the CLI calls."""
