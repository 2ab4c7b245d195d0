"""The explorer: ``reportedly serve``'s web app and REST API over a corpus (read-only)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
