"""`python -m rfp_assistant` runs the command line."""

from rfp_assistant.interfaces.cli import main

main()
