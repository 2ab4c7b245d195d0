"""Credibility signals: how an article sources and words what it says (flagged, never judged)."""
