"""Main text and title of an HTML page, with trafilatura.

trafilatura drops scripts, styles, navigation, HTML comments and (as configured here) reader
comments, and returns the main text one paragraph a line; the same boilerplate cleaning as for
plain-text pages runs on it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Extracted:
    """What trafilatura found: the main text (may be empty) and the page title."""

    text: str
    title: str | None


@cache
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "extensive_date_search", "off")
    config.set("DEFAULT", "min_extracted_size", "1")  # short pages are still articles
    return config


def extract_html(html: str) -> Extracted:
    """Return the main text and title of ``html``; empty text when nothing could be extracted."""
    import trafilatura
    from trafilatura.settings import Document

    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            with_metadata=True,
            deduplicate=False,
            config=_config(),
        )
    # trafilatura and lxml raise a variety of errors on malformed markup; a page we cannot
    # read is an empty page (the caller turns that into an empty_text dead letter).
    except Exception:  # noqa: BLE001
        return Extracted("", None)
    if not isinstance(doc, Document):  # None: nothing extracted (a dict only if asked for)
        return Extracted("", None)
    title = (doc.title or "").strip() or None
    return Extracted(doc.text or "", title)
