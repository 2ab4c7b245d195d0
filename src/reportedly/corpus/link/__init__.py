"""Provenance across the corpus: identities, article copies, quote clusters, timelines.

>>> from reportedly.corpus import open_db  # doctest: +SKIP
>>> from reportedly.corpus.link import link  # doctest: +SKIP
>>> summary = link(open_db("corpus.db"))  # doctest: +SKIP
"""

from __future__ import annotations

from .run import LinkEvent, LinkOptions, LinkSummary, link

__all__ = ["LinkEvent", "LinkOptions", "LinkSummary", "link"]
