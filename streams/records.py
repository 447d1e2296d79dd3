"""Record schemas: what crosses khabar's topics, as plain dicts serialised with orjson.

One builder per record kind, matching ``docs/contract.md`` and the JSON Schema files
under ``streams/schemas/`` (``schema_for(kind)``), which tests validate real output against
and which downstream services can use too.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import orjson

KINDS = ("raw_page", "article", "duplicate", "dead_letter")
#: The version of the output records' shape, in every output record's ``schema_version``. A
#: breaking change (a field removed, retyped or given new meaning) makes the next version;
#: added fields and enum values do not (see ``docs/contract.md``).
SCHEMA_VERSION = 1

Record = dict[str, Any]


def dumps(record: Record) -> bytes:
    return orjson.dumps(record)


def loads(data: bytes | str) -> Any:
    return orjson.loads(data)


def iso_now() -> str:
    return iso_time(datetime.now(UTC).timestamp())


def iso_time(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z"
    )


def article(
    *, id: str, source_id: str, url: str | None, source: str | None, published_at: str | None,
    published_at_raw: str | float | None, title: str | None, text: str, lang: str,
    labels: list[str], scores: dict[str, float], evidence: dict[str, list[str]],
    countries: list[str], story_id: str, content_hash: str, ingested_at: str,
    versions: dict[str, str],
) -> Record:
    """An enriched, canonical article (``kind: "article"``). ``published_at`` is normalised,
    ``published_at_raw`` the raw page's as written (a string, or epoch seconds or ms)."""
    return {
        "kind": "article", "schema_version": SCHEMA_VERSION, "id": id, "source_id": source_id,
        "url": url, "source": source, "published_at": published_at,
        "published_at_raw": published_at_raw, "title": title, "text": text, "lang": lang,
        "labels": labels, "scores": scores, "evidence": evidence, "countries": countries,
        "story_id": story_id, "content_hash": content_hash, "ingested_at": ingested_at,
        "versions": versions,
    }


def duplicate(
    *, id: str, source_id: str, url: str | None, source: str | None, title: str | None,
    duplicate_of: str, similarity: float, method: str, story_id: str, ingested_at: str,
) -> Record:
    """A duplicate notice (``kind: "duplicate"``) pointing at the story's canonical article."""
    return {
        "kind": "duplicate", "schema_version": SCHEMA_VERSION, "id": id,
        "source_id": source_id, "url": url, "source": source, "title": title,
        "duplicate_of": duplicate_of, "similarity": similarity, "method": method,
        "story_id": story_id, "ingested_at": ingested_at,
    }


def dead_letter(
    *, reason: str, error: str, payload: bytes, payload_limit: int, source_id: str | None,
    topic: str | None, partition: int | None, offset: int | None, failed_at: str,
    stage: str = "ingest", max_bytes: int | None = None,
) -> Record:
    """A dead letter keeping the original bytes (text if UTF-8, else base64), truncated to
    ``payload_limit``.

    With ``max_bytes``, the payload is cut further where needed so that the letter fits the
    broker's message limit: ``message_size`` of its key (its ``source_id``) and encoded value
    is at most ``max_bytes``. A source id too long for that is left out; an error too, in
    part, as a last resort.
    """
    if reason not in dead_letter_reasons():
        raise ValueError(f"unknown dead-letter reason {reason!r}")
    letter = _dead_letter(reason, error, payload, payload_limit, source_id, topic, partition,
                          offset, failed_at, stage)
    if max_bytes is None:
        return letter
    keep = min(payload_limit, len(payload))
    while (over := message_size(letter["source_id"], dumps(letter)) - max_bytes) > 0:
        if keep > 0:
            # Cut in proportion to what the payload takes encoded (escapes take up to 6 bytes
            # a byte, base64 4 for 3), and at least 3 bytes a step, so that it ends.
            encoded = len(dumps(letter["payload"]))
            keep = max(0, min(keep - 3, keep * (encoded - over) // encoded))
        elif letter["source_id"] is not None:
            source_id = None
        elif len(error) > 1:
            error = error[:max(1, len(error) - over)]
        else:
            raise ValueError(f"no dead letter fits in {max_bytes} bytes")
        letter = _dead_letter(reason, error, payload, keep, source_id, topic, partition, offset,
                              failed_at, stage)
    return letter


def message_size(key: str | None, value: bytes) -> int:
    """What one record takes of the broker's message limit: its key and value bytes. The
    record's framing (up to :data:`RECORD_OVERHEAD_BYTES`) is left to the topics' margin."""
    return len(value) + (len(key.encode("utf-8", "replace")) if key is not None else 0)


#: What the broker counts of a one-record batch besides the key and value: the batch header
#: (61 bytes) and the record's own framing (its length, offset and timestamp deltas, key and
#: value lengths and header count, as varints: a few dozen bytes), with room to spare. Topics
#: the worker creates accept ``KHABAR_MAX_MESSAGE_BYTES`` plus this much.
RECORD_OVERHEAD_BYTES = 1024


def _dead_letter(
    reason: str, error: str, payload: bytes, payload_limit: int, source_id: str | None,
    topic: str | None, partition: int | None, offset: int | None, failed_at: str, stage: str,
) -> Record:
    kept = payload[:payload_limit]
    truncated = len(payload) > len(kept)
    body, encoding = _text_or_base64(kept, truncated)
    return {
        "kind": "dead_letter", "schema_version": SCHEMA_VERSION, "source_id": source_id,
        "reason": reason, "stage": stage, "error": error, "payload": body,
        "payload_encoding": encoding, "payload_truncated": truncated,
        "payload_bytes": len(payload), "topic": topic, "partition": partition,
        "offset": offset, "failed_at": failed_at,
    }


def _text_or_base64(kept: bytes, truncated: bool) -> tuple[str, str]:
    """``kept`` as text when it is UTF-8, else base64. A cut that split the last character
    drops that character's bytes rather than turning the whole payload into base64."""
    try:
        return kept.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(kept) - 3 and exc.reason == "unexpected end of data":
            return kept[:exc.start].decode("utf-8"), "utf-8"
        return base64.b64encode(kept).decode("ascii"), "base64"


@cache
def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}")
    schemas = resources.files("khabar.streams.schemas")
    text = schemas.joinpath(f"{kind}.schema.json").read_text("utf-8")
    return dict(json.loads(text))


@cache
def dead_letter_reasons() -> frozenset[str]:
    """The dead-letter reasons: the ``reason`` enum of the dead letter's schema, their one
    list."""
    return frozenset(schema_for("dead_letter")["properties"]["reason"]["enum"])
