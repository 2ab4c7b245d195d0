"""Command-line interface: a thin layer over the library.

Each command lives in its own module and registers itself on :data:`cli`.
"""

from __future__ import annotations

from .app import cli

# importing a module registers its commands
from . import analyze  # noqa: E402,F401  isort: skip
from . import evaluate  # noqa: E402,F401  isort: skip
from . import corpus  # noqa: F401  isort: skip
from . import claims  # noqa: F401  isort: skip
from . import train  # noqa: F401  isort: skip

main = cli

__all__ = ["cli", "main"]
