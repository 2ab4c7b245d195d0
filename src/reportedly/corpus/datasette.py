"""Datasette metadata for a corpus: titles, descriptions, column labels and facets.

``reportedly datasette --db corpus.db > metadata.json`` then
``datasette corpus.db --metadata metadata.json`` opens the corpus with every
table explained and the useful facets (kind, outlet, speaker type) one click away.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per distinct article text (id: a hash of the normalised text).",
        "facets": ["outlet", "language"],
        "sort_desc": "published",
        "columns": {
            "id": "Article id (16 hex digits of SHA-256 of the normalised text)",
            "title": "Headline",
            "outlet": "Publisher (page metadata, feed title or URL domain)",
            "published": "Publication date or date-time (ISO 8601)",
            "url": "Where the article was read from, when known",
            "language": "Language code from the page or the source",
            "text": "The text analyzed; every offset indexes it",
            "length": "Characters in the text",
            "origin": "The file, record or URL it was read from",
            "analysis_version": "reportedly version, model and schema of the analysis",
            "analyzed_at": "When it was analyzed (UTC)",
            "warnings": "Reading and analysis warnings (JSON list)",
        },
    },
    "attributions": {
        "description": "Who said what: one row per attribution (source, cue, content).",
        "facets": ["kind", "source_type", "stance", "cue_lemma"],
        "columns": {
            "kind": "direct, indirect, mixed or according_to",
            "speaker": "The source's resolved name",
            "source_text": "The source as written",
            "source_type": "person, organisation, pronoun, anonymous, ...",
            "cue": "The reporting verb or phrase as written",
            "cue_lemma": "The cue's lemma (say, tell, according to)",
            "stance": "What the cue implies about the content",
            "content": "What was said",
            "channel": "Through which channel (a statement, an interview)",
            "content_start": "Start of the content in the article text",
            "content_end": "End of the content in the article text",
            "spans": "All spans of every part (JSON)",
        },
    },
    "speakers": {
        "description": "One row per resolved speaker name per article.",
        "facets": ["type"],
        "columns": {"name_key": "The name folded, linking a speaker across articles"},
    },
    "claims": {
        "description": "Checkable claims, with their check-worthiness and attribution.",
        "facets": ["kind"],
        "sort_desc": "checkworthiness",
    },
    "signals": {
        "description": "Per-article signals (JSON value; number when it is one).",
        "facets": ["name"],
    },
    "repairs": {
        "description": "What the repair stage changed in each input.",
        "facets": ["kind"],
    },
    "flags": {
        "description": "Suspicious text left as it is (machine translation, datelines).",
        "facets": ["kind"],
    },
    "analyses": {"description": "The full analysis record (JSON) of each article."},
    "quotes": {
        "description": "Attributions with their speaker and article, for reading.",
        "facets": ["kind", "outlet", "speaker_type"],
        "sort_desc": "published",
    },
    "speaker_totals": {
        "description": "Each speaker over all articles.",
        "sort_desc": "attributions",
    },
}


def metadata(db_path: Path | None = None) -> dict[str, Any]:
    """Datasette metadata (``metadata.json``) for the corpus at ``db_path``."""
    name = db_path.stem if db_path is not None else "corpus"
    return {
        "title": "reportedly corpus",
        "description": "Who said what, in news articles analyzed by reportedly.",
        "source": "reportedly",
        "databases": {name: {"tables": TABLES}},
    }
