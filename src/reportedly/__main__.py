"""``python -m reportedly`` runs the CLI."""

from .cli import main

main()
