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
    title: str | None, text: str, lang: str, labels: list[str], scores: dict[str, float],
    evidence: dict[str, list[str]], countries: list[str], story_id: str, content_hash: str,
    ingested_at: str, versions: dict[str, str],
) -> Record:
    """An enriched, canonical article (``kind: "article"``)."""
    return {
        "kind": "article", "id": id, "source_id": source_id, "url": url, "source": source,
        "published_at": published_at, "title": title, "text": text, "lang": lang,
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
        "kind": "duplicate", "id": id, "source_id": source_id, "url": url, "source": source,
        "title": title, "duplicate_of": duplicate_of, "similarity": similarity,
        "method": method, "story_id": story_id, "ingested_at": ingested_at,
    }


def dead_letter(
    *, reason: str, error: str, payload: bytes, payload_limit: int, source_id: str | None,
    topic: str | None, partition: int | None, offset: int | None, failed_at: str,
    stage: str = "ingest",
) -> Record:
    """A dead letter keeping the original bytes (text if UTF-8, else base64), truncated."""
    if reason not in dead_letter_reasons():
        raise ValueError(f"unknown dead-letter reason {reason!r}")
    kept = payload[:payload_limit]
    try:
        body, encoding = kept.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        body, encoding = base64.b64encode(kept).decode("ascii"), "base64"
    return {
        "kind": "dead_letter", "source_id": source_id, "reason": reason, "stage": stage,
        "error": error, "payload": body, "payload_encoding": encoding,
        "payload_truncated": len(payload) > payload_limit, "payload_bytes": len(payload),
        "topic": topic, "partition": partition, "offset": offset, "failed_at": failed_at,
    }


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
