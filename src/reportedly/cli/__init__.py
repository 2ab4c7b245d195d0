"""Command-line interface: a thin layer over the library.

Each command lives in its own module and registers itself on :data:`cli`.
"""

from __future__ import annotations

# importing a module registers its commands
from . import analyze, batch, claims, corpus, evaluate, provenance, serve, train  # noqa: F401
from .app import cli

main = cli

__all__ = ["cli", "main"]
