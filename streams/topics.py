"""Topic names and declarations, in one place.

Names follow ``docs/contract.md``: ``<prefix>.raw`` in; ``<prefix>.enriched``,
``<prefix>.<label>``, ``<prefix>.duplicates`` and ``<prefix>.dlq`` out. One internal topic,
``<prefix>.dedup``, carries fingerprinted candidates from the per-page agent to the dedup agent;
it has a single partition so that every copy of a story meets the same dedup state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import faust

RESERVED = ("raw", "enriched", "duplicates", "dlq", "dedup")


@dataclass(frozen=True, slots=True)
class TopicNames:
    """Topic names for one prefix and taxonomy."""

    prefix: str
    labels: tuple[str, ...]

    def __post_init__(self) -> None:
        clash = sorted(set(self.labels) & set(RESERVED))
        if clash:
            raise ValueError(f"taxonomy labels {clash} clash with the reserved topic names")

    @property
    def raw(self) -> str:
        return f"{self.prefix}.raw"

    @property
    def enriched(self) -> str:
        return f"{self.prefix}.enriched"

    @property
    def duplicates(self) -> str:
        return f"{self.prefix}.duplicates"

    @property
    def dlq(self) -> str:
        return f"{self.prefix}.dlq"

    @property
    def dedup(self) -> str:
        return f"{self.prefix}.dedup"

    def label(self, label: str) -> str:
        return f"{self.prefix}.{label}"

    def outputs(self) -> list[str]:
        """Every output topic: enriched, one per label, duplicates, dead letters."""
        return [self.enriched, *map(self.label, self.labels), self.duplicates, self.dlq]


@dataclass(frozen=True, slots=True)
class Topology:
    """The faust topics the agents read, and every topic's name (the agents send by name,
    straight to the app's producer)."""

    names: TopicNames
    raw: faust.TopicT
    dedup: faust.TopicT


def declare(app: faust.App, prefix: str, labels: Iterable[str], partitions: int,
            config: Mapping[str, str] | None = None) -> Topology:
    """Declare the agents' source topics on ``app``; values and keys are bytes we (de)serialise
    with orjson. ``config`` holds the broker configs a topic gets when it is created
    (``Settings.topic_configs``)."""
    names = TopicNames(prefix, tuple(labels))

    def topic(name: str, count: int = partitions) -> faust.TopicT:
        return app.topic(
            name, partitions=count, key_serializer="raw", value_serializer="raw",
            acks=True, internal=True, config=dict(config or {}),
        )

    return Topology(
        names=names,
        raw=topic(names.raw),
        dedup=topic(names.dedup, 1),
    )
