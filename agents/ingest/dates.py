"""A raw page's ``published_at`` read into one form: UTC ISO 8601 to the second, or None.

Scrapers write dates in many forms. Read here: ISO 8601 with or without a UTC offset and
fraction, a date alone (midnight), RFC 2822 (``Thu, 12 Mar 2015 08:00:00 +0300``), and epoch
seconds or milliseconds, as a JSON number or a string of digits. A time without an offset is
taken as UTC. Anything else, and any year outside :data:`YEARS`, reads as None: an unreadable
date is better left out than guessed.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

#: Years a publication date may have. News on the web starts in the 1990s; an earlier or a far
#: later year is an accident (an epoch of 0, a year 1, a two-digit year) and would put the
#: article's event time decades away from its copies'.
YEARS = range(1990, 2100)
#: An epoch number at least this large counts milliseconds: as seconds it is after year 5000.
MILLISECONDS_FROM = 100_000_000_000
# Digits alone, at least 9 (an 8-digit number is an ISO basic date, 20150312), with an
# optional fraction: epoch seconds or milliseconds.
_EPOCH = re.compile(r"-?\d{9,}(\.\d+)?")


def published_at(value: str | float | None) -> str | None:
    """``value`` as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC, or None when it cannot be read."""
    moment = parse(value)
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(value: str | float | None) -> datetime | None:
    """``value`` as an aware UTC datetime, or None when it cannot be read (see the module)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        moment = _epoch(value)
    else:
        text = value.strip()
        moment = _epoch(float(text)) if _EPOCH.fullmatch(text) else _text(text)
    if moment is None or moment.year not in YEARS:
        return None
    return moment


def _epoch(number: float) -> datetime | None:
    if not math.isfinite(number):
        return None
    seconds = number / 1000 if abs(number) >= MILLISECONDS_FROM else number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _text(text: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (ValueError, TypeError, IndexError):
            return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):  # an offset that moves it out of datetime's years
        return None
