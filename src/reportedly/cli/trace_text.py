"""``trace`` as text a person reads: each entry with its article, outlet, date, language,
the link that joins it to the others and its changes in words (``--format json`` is the
machine form of the same timeline)."""

from __future__ import annotations

from typing import Any

from ..corpus.link.run import LANGUAGE_NAMES
from ..corpus.read.links import LABEL_BASES

MAX_CHANGES = 6
MAX_PIECE = 90
MAX_ALIGNED_SHOWN = 3
KIND_PHRASES = {
    "translation": "a translation of",
    "duplicate": "a duplicate of",
    "syndicated": "a syndicated copy of",
    "update": "an update of",
}


def language_name(code: str | None) -> str:
    if not code:
        return "language unknown"
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def _short(text: str, limit: int = MAX_PIECE) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def readable_changes(diff: list[dict[str, str]]) -> list[str]:
    """Word changes as phrases: "Share" became "Sharing", "of course" left out, … added."""
    lines = []
    for op in diff[:MAX_CHANGES]:
        before, after = _short(op["before"]), _short(op["after"])
        if op["op"] == "replace":
            lines.append(f'"{before}" became "{after}"')
        elif op["op"] == "delete":
            lines.append(f'"{before}" left out')
        else:
            lines.append(f'"{after}" added')
    if len(diff) > MAX_CHANGES:
        lines.append(f"… and {len(diff) - MAX_CHANGES} more change(s) (--format json: all)")
    return lines


def describe_link(link: dict[str, Any] | None, entry_of: dict[str, int]) -> str:
    """Why an entry is with the earlier ones, in one line."""
    if link is None:
        return "no link between the articles: joined on the speaker and the wording"
    source = entry_of.get(link.get("from") or "")
    target = f"entry {source}" if source else "an earlier entry"
    if link["kind"] == "same article":
        return f"the same article as {target}"
    confidence = link.get("confidence")
    parts = [
        f"{KIND_PHRASES.get(link['kind'], link['kind'] + ' of')} {target}",
        f"rule: {link.get('rule') or 'none recorded'}",
        "confidence " + (f"{confidence:.2f}" if confidence is not None else "unknown"),
    ]
    passages = link.get("aligned_passages")
    if passages is not None:
        unit = "sentences aligned" if link["kind"] == "translation" else "passages shared"
        parts.append(f"{passages} {unit}")
    return "; ".join(parts)


def _order_note(step: dict[str, Any], first_dated: bool) -> str | None:
    if not step["dated"]:
        return "undated: its place in the order is not known"
    if step["change"] == "first" or first_dated:
        return "first (the earliest dated entry)"
    return None


def format_trace(found: dict[str, Any], *, quote: bool) -> list[str]:
    """The lines of ``trace``'s text output for a quote cluster or an article family."""
    timeline = found["timeline"]
    languages = sorted({s.get("language") or "?" for s in timeline})
    if quote:
        lines = [
            f"Quote cluster {found['cluster']}: said by {found['speaker'] or 'an unnamed source'};"
            f" {len(timeline)} wording(s) in {len({s['article_id'] for s in timeline})} "
            f"article(s), {len(languages)} language(s) ({', '.join(languages)})"
        ]
        if found.get("label"):
            basis = LABEL_BASES.get(found.get("label_basis") or "", "")
            lines.append(
                f'  label: "{_short(found["label"], 120)}" '
                f"({language_name(found.get('language'))}; {basis})"
            )
    else:
        lines = [
            f"Article {found['article']}: a family of {found['family']} article(s) in "
            f"{len(languages)} language(s) ({', '.join(languages)})"
        ]
    if found["dates_missing"]:
        lines.append(
            f"  {found['dates_missing']} of {len(timeline)} without a published date: listed "
            "after the dated ones, in the order stored; none of them is called first"
        )
    entry_of: dict[str, int] = {}
    first_dated = next((i for i, s in enumerate(timeline) if s["dated"]), None)
    for i, step in enumerate(timeline, 1):
        entry_of.setdefault(step["article_id"], i)
        lines += ["", *_entry(step, i, first_dated == i - 1, entry_of, quote)]
    return lines


def _entry(
    step: dict[str, Any], number: int, first_dated: bool, entry_of: dict[str, int], quote: bool
) -> list[str]:
    title = _short(step.get("title") or "untitled", 80)
    if quote:
        lines = [f'{number:>3}. "{_short(step["text"], 200)}"']
        lines.append(f"     article   {title} ({step['article_id'][:12]})")
    else:
        lines = [f"{number:>3}. {title} ({step['article_id'][:12]})"]
    lines.append(
        f"     outlet    {step.get('outlet') or 'unknown'} · "
        f"{step['published'] or 'undated'} · {language_name(step.get('language'))}"
    )
    if quote:
        if step.get("speaker_from_cluster"):
            lines.append(
                f"     speaker   {step['speaker_from_cluster']} (from the cluster: its own "
                "article does not say)"
            )
        elif step.get("speaker"):
            lines.append(f"     speaker   {step['speaker']}")
        if step.get("channel"):
            lines.append(f"     via       {step['channel']}")
    note = _order_note(step, first_dated)
    if note:
        lines.append(f"     order     {note}")
    if number > 1 or step.get("link"):
        lines.append(f"     why       {describe_link(step.get('link'), entry_of)}")
    if step["change"] == "same":
        lines.append("     changes   none (worded the same)")
    elif step.get("diff"):
        changes = readable_changes(step["diff"])
        lines.append(f"     changes   {changes[0]}")
        lines += [f"               {line}" for line in changes[1:]]
    for pair in step.get("aligned", [])[:MAX_ALIGNED_SHOWN]:
        if quote:  # the entry's own words are above: what they translate
            lines.append(f'     translates "{_short(pair["before"])}"')
            continue
        cosine = f" (cosine {pair['cosine']})" if "cosine" in pair else ""
        lines.append(f'     aligned   "{_short(pair["after"], 60)}"')
        lines.append(f'             = "{_short(pair["before"], 60)}"{cosine}')
    return lines
