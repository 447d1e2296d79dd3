"""Publish: which topics a decided article goes to. Pure: routes, sends nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

ENRICHED = "enriched"
DUPLICATES = "duplicates"
DLQ = "dlq"


@dataclass(frozen=True, slots=True)
class Delivery:
    """One record for one topic: ``destination`` is ``enriched``, ``duplicates``, ``dlq`` or
    ``label:<name>``; ``key`` is the record's id (None when it has none); ``value`` the record
    encoded, as sent (encoded once, and measured against the broker's message limit)."""

    destination: str
    key: str | None
    record: dict[str, Any]
    value: bytes


def label_destination(label: str) -> str:
    return f"label:{label}"


def route(canonical: bool, labels: Sequence[str]) -> list[str]:
    """A canonical article goes to ``enriched`` and to each of its labels' topics; a copy
    goes to ``duplicates`` only (subscribers of label topics see each story once)."""
    if not canonical:
        return [DUPLICATES]
    return [ENRICHED, *map(label_destination, labels)]
