"""Raw pages: validation of what scrapers publish on the raw topic.

``parse_raw`` turns one message's bytes into a :class:`RawPage` or raises :class:`IngestError`
with a stable ``reason`` code (the dead-letter reason). Checks run cheapest first: size before
any decoding, then UTF-8, JSON, object shape, field types, non-empty content.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import orjson

from khabar.agents.ingest.dates import published_at as normalize_date

FIELDS = ("id", "url", "source", "title", "text", "html", "published_at", "lang")

# C0 controls except \t and \n, DEL, C1 controls, and non-characters U+FFFE/U+FFFF.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n?")
# What counts as readable: any letter or digit in any script.
_READABLE = re.compile(r"[^\W_]")
_REPLACEMENT = "\ufffd".encode()
#: The UTF-8 byte-order mark, which some Windows tools write before a page.
BOM = b"\xef\xbb\xbf"


class IngestError(Exception):
    """An expected rejection of a raw page; becomes one dead letter.

    ``reason`` is a dead-letter reason (the dead letter's schema lists them); ``message`` is
    human readable and quotes no payload; ``source_id`` is the page's id when it could be read.
    """

    def __init__(self, reason: str, message: str, source_id: str | None = None) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message
        self.source_id = source_id


@dataclass(frozen=True, slots=True)
class RawPage:
    """A validated raw page. ``id`` is always set; at least one of text/html is non-empty.
    ``published_at`` is normalised (:mod:`agents.ingest.dates`), ``published_at_raw`` as the
    scraper wrote it."""

    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published_at: str | None = None
    lang: str | None = None
    published_at_raw: str | float | None = None


def clean_chars(value: str) -> str:
    """Unify line endings to ``\\n`` and drop control characters (``\\n`` and ``\\t`` stay)."""
    # Every character that either regex matches (\r included) is not printable, and the
    # printable check runs at C speed, about twice as fast as a regex scan: most text is clean.
    if value.replace("\n", " ").isprintable():
        return value
    return _CONTROLS.sub("", _NEWLINES.sub("\n", value))


def _sha1(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8", "replace")).hexdigest()[:16]


def _loads(payload: bytes) -> Any:
    """The JSON value of ``payload`` decoded as UTF-8 with replacement.

    Raises:
        IngestError: ``encoding`` or ``invalid_json``.
    """
    payload = payload.removeprefix(BOM)
    # Most payloads are valid UTF-8 without U+FFFD: orjson then parses the bytes as they are,
    # which gives the same value without decoding them to a str (and orjson re-encoding it).
    if _REPLACEMENT not in payload:
        try:
            return orjson.loads(payload)
        except orjson.JSONDecodeError:
            pass  # invalid UTF-8 or invalid JSON: the checks below tell which, with their message
    decoded = payload.decode("utf-8", errors="replace")
    if "\ufffd" in decoded and not _READABLE.search(decoded):
        raise IngestError("encoding", "payload is not readable UTF-8")
    try:
        return orjson.loads(decoded)
    except orjson.JSONDecodeError as exc:
        raise IngestError("invalid_json", f"payload is not valid JSON: {exc.msg}") from None


def parse_raw(payload: bytes, *, max_bytes: int) -> RawPage:
    """Validate one raw message and return its page.

    Raises:
        IngestError: ``too_large`` (more than ``max_bytes``, checked before anything else),
            ``encoding`` (nothing readable after UTF-8 decoding with replacement),
            ``invalid_json``, ``not_an_object``, ``schema`` (a known field that is neither a
            string nor null; ``published_at`` may also be a number), ``empty_text`` (neither
            text nor html has content). Its ``source_id`` is the page's id when it can be read.
    """
    size = len(payload)
    if size > max_bytes:
        raise IngestError("too_large", f"payload of {size} bytes exceeds the {max_bytes} limit",
                          _id_of_large(payload))
    obj = _loads(bytes(payload))
    if not isinstance(obj, dict):
        raise IngestError("not_an_object", f"payload is a JSON {type(obj).__name__}, not an object")
    values: dict[str, str | None] = {}
    epoch: float | None = None
    for name in FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            if name == "published_at" and _is_number(value):  # epoch seconds or ms
                values[name], epoch = None, value
                continue
            raise IngestError("schema", f"field {name!r} must be a string or null",
                              _readable_id(obj))
        values[name] = clean_chars(value) if value else None
    if not any((values[name] or "").strip() for name in ("text", "html")):
        raise IngestError("empty_text", "neither text nor html has content",
                          _id_of(values["id"], values["url"]))
    page_id = _id_of(values["id"], values["url"]) or "sha1:" + _sha1(
        values["text"] or values["html"] or "")
    date = epoch if epoch is not None else values["published_at"]
    return RawPage(
        id=page_id, url=values["url"], source=values["source"], title=values["title"],
        text=values["text"], html=values["html"], published_at=normalize_date(date),
        lang=values["lang"], published_at_raw=date,
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _readable_id(obj: dict[str, Any]) -> str | None:
    """:func:`_id_of` the decoded object's ``id`` and ``url``, where they are strings."""
    page_id, url = (clean_chars(v) if isinstance(v := obj.get(k), str) else None
                    for k in ("id", "url"))
    return _id_of(page_id, url)


def _id_of(page_id: str | None, url: str | None) -> str | None:
    """The page's id from its cleaned ``id`` and ``url``: the publisher's id, else ``url:`` and
    a hash of the URL; None when neither is a non-empty string. (A page with neither gets an id
    from its content, once the content is known to be there.)"""
    page_id = (page_id or "").strip()
    if page_id:
        return page_id
    return "url:" + _sha1(url) if url else None


def _id_of_large(payload: bytes) -> str | None:
    """The id of a page over the size limit, if it is a JSON object that has one. Parsed
    whole: the broker's message limit bounds the size, orjson reads a few megabytes in
    milliseconds, and the page's fields may come in any order."""
    try:
        obj = orjson.loads(payload.removeprefix(BOM))
    except orjson.JSONDecodeError:
        return None
    return _readable_id(obj) if isinstance(obj, dict) else None
