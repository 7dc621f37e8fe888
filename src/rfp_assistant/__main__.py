"""`python -m rfp_assistant` runs the command line."""

from .cli import main

main()
