"""Consumer lag of the input partitions this worker is assigned, for the dashboard and its
alerts."""

from __future__ import annotations

import faust

from khabar.agents.worker.health import assigned_partitions
from khabar.streams import metrics
from khabar.streams.hooks.consumer import committed_offsets
from khabar.streams.topics import TopicNames


class ConsumerLag:
    """``khabar_consumer_lag`` of the raw and dedup partitions assigned to this worker, set by
    :meth:`refresh` at each scrape; a partition's series is removed once it is no longer
    assigned (another worker reports it then).

    Changelog partitions (read to recover tables, never committed) and faust's assignor topic
    are left out: their lag says nothing about the work left. The high watermark is the one
    the last fetch response carried (no request; a partition not fetched yet has none, and no
    series), the committed offset faust's own (:func:`streams.hooks.consumer.committed_offsets`).
    """

    def __init__(self, app: faust.App, names: TopicNames) -> None:
        self.app = app
        self.topics = frozenset((names.raw, names.dedup))
        self.exported: set[tuple[str, str]] = set()

    def refresh(self) -> None:
        lags: dict[tuple[str, str], int] = {}
        assigned = [tp for tp in assigned_partitions(self.app) if tp.topic in self.topics]
        if assigned:
            consumer = self.app.consumer
            committed = committed_offsets(consumer)
            for tp in assigned:
                highwater = consumer.highwater(tp)
                if highwater is not None:
                    lags[(tp.topic, str(tp.partition))] = max(
                        0, highwater - (committed.get(tp) or 0))
        for labels in self.exported - lags.keys():
            metrics.CONSUMER_LAG.remove(*labels)
        for labels, lag in lags.items():
            metrics.CONSUMER_LAG.labels(*labels).set(lag)
        self.exported = set(lags)
