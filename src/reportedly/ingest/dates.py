"""Publication dates as ISO 8601, from whatever form a source gives them.

ISO 8601 and RFC 2822 (feeds, e-mail) are read by the standard library;
anything else ("November 19, 2019", "19 Nov 2019 14:05 EST") by python-dateutil.
A date is kept only when it names a day: "May 2024" or "yesterday" give
``None`` rather than a day made up from today's date. Dates outside
:data:`YEARS` are refused (a typo or a placeholder, never a news date).
"""

from __future__ import annotations

import email.utils
from datetime import date, datetime

YEARS = range(1800, 2200)
# two defaults that differ in every field: what dateutil fills in from them was not given
_DEFAULTS = (datetime(2000, 1, 1, 0, 0), datetime(2001, 2, 2, 1, 1))
_LONGEST = 200  # longer strings are not dates (and would cost the parser time)
# zone abbreviations news pages use, as UTC offsets in seconds (dateutil knows none)
_ZONES = {
    name: int(hours * 3600)
    for name, hours in {
        "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
        "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "IST": 5.5, "JST": 9,
        "AEST": 10, "AEDT": 11,
    }.items()
}  # fmt: skip


def normalise_date(value: str) -> str | None:
    """``2024-05-01`` or ``2024-05-01T09:30:00+00:00``, or None when ``value`` names no day."""
    value = value.strip()
    if not value or len(value) > _LONGEST:
        return None
    parsed: date | None = None
    for parse in (date.fromisoformat, datetime.fromisoformat, _rfc2822, _dateutil):
        try:
            parsed = parse(value)
        except (ValueError, OverflowError, TypeError, IndexError):
            continue
        if parsed is not None:
            break
    if parsed is None or parsed.year not in YEARS:
        return None
    return parsed.isoformat()


def _rfc2822(value: str) -> datetime:
    return email.utils.parsedate_to_datetime(value)


def _dateutil(value: str) -> date | None:
    first: datetime
    second: datetime
    import warnings

    from dateutil import parser

    with warnings.catch_warnings():  # an unknown zone name is dropped, not reported
        warnings.simplefilter("ignore")
        first, second = (parser.parse(value, default=d, tzinfos=_ZONES) for d in _DEFAULTS)
    if first.date() != second.date():
        return None  # no day, month or year given
    if (first.hour, first.minute) != (second.hour, second.minute):
        return first.date()  # a day without a time
    return first
