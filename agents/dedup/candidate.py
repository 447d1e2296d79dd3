"""Read one dedup candidate (the page hop's output) into what :class:`Deduper` needs, or say
why it cannot be read. Never raises for a bad record: the reason is a value.

Everything the dedup hop later reads from the candidate is checked here, so that a decided
candidate cannot fail half-way through its publication. A fingerprint made with other
parameters (an older or newer worker during a rolling upgrade) is not refused: the article's
text is fingerprinted again with the running parameters (docs/decisions/010).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from khabar.agents.dedup.fingerprint import Fingerprint

#: Article fields the dedup hop reads, and the types each may have.
_STRING = (str,)
_OPTIONAL_STRING = (str, type(None))
ARTICLE_FIELDS: dict[str, tuple[type, ...]] = {
    "id": _STRING, "source_id": _STRING, "text": _STRING, "lang": _STRING,
    "ingested_at": _STRING, "url": _OPTIONAL_STRING, "source": _OPTIONAL_STRING,
    "title": _OPTIONAL_STRING, "labels": (list,),
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate ready to decide.

    Attributes:
        article: the enriched article as the page hop built it.
        fingerprint: of the running version (``refingerprinted`` when made here from the text).
        event_time: seconds since the epoch, for the dedup window.
        raw_timestamp: the raw message's timestamp, for the end-to-end latency, if known.
    """

    article: dict[str, Any]
    fingerprint: Fingerprint
    event_time: float
    raw_timestamp: float | None
    refingerprinted: bool = False


@dataclass(frozen=True, slots=True)
class Rejected:
    """Why a candidate cannot be decided: ``reason`` is a dead-letter reason (the raw pages'
    ``not_an_object`` and ``schema``, or ``invalid_fingerprint``), ``message`` the details."""

    reason: str
    message: str


def read_candidate(
    value: Any, refingerprint: Callable[[str], Fingerprint], latest: float,
) -> Candidate | Rejected:
    """Check a decoded candidate; ``refingerprint`` turns an article's text into a fingerprint
    of the running version. An event time after ``latest`` is refused: expiry walks the hours
    up to the latest event time seen, and one far in the future would hold it for ages."""
    if not isinstance(value, dict):
        return Rejected("not_an_object", f"candidate is a {type(value).__name__}, not an object")
    article = value.get("article")
    if not isinstance(article, dict):
        return Rejected("schema", "candidate has no article object")
    wrong = sorted(name for name, types in ARTICLE_FIELDS.items()
                   if not isinstance(article.get(name, _MISSING), types))
    if wrong or not article.get("id"):
        return Rejected("schema", f"article fields missing or of the wrong type: "
                        f"{wrong or ['id']}")
    if not all(isinstance(label, str) for label in article["labels"]):
        return Rejected("schema", "article labels are not all strings")
    event_time = _seconds(value.get("event_time"))
    if event_time is None or event_time > latest:
        return Rejected("schema", f"event_time is not a finite number up to {latest:.0f}")
    raw_timestamp = _seconds(value.get("raw_timestamp"))
    if "fingerprint" not in value:
        return Rejected("invalid_fingerprint", "candidate has no fingerprint")
    fp = Fingerprint.decode(value["fingerprint"])
    if isinstance(fp, Fingerprint):
        return Candidate(article, fp, event_time, raw_timestamp)
    if fp.reason == "other_version":
        return Candidate(article, refingerprint(article["text"]), event_time, raw_timestamp,
                         refingerprinted=True)
    return Rejected("invalid_fingerprint", fp.message)


_MISSING = object()


def _seconds(value: Any) -> float | None:
    """A finite number of seconds, or None (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        seconds = float(value)
    except OverflowError:  # an int beyond a float's range
        return None
    return seconds if math.isfinite(seconds) else None
