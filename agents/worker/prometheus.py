"""The worker's Prometheus metrics: the ``/metrics`` page, the series set up front, the
commit and rebalance sensor, and the counts of what is published."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import faust
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from khabar.agents.pipeline import DEDUP_REASONS, PUBLISH
from khabar.agents.publish.core import DLQ, DUPLICATES, ENRICHED, Delivery
from khabar.agents.version import PIPELINE_VERSION
from khabar.streams import metrics
from khabar.streams.topics import TopicNames


def register_metrics(app: faust.App, names: TopicNames, classifier_version: str,
                     refresh: Sequence[Callable[[], None]] = ()) -> None:
    """The ``/metrics`` page, the commit and rebalance sensor, and the series that must exist
    before their first event. ``refresh`` set the gauges computed from the worker's state,
    before each scrape."""
    metrics.BUILD_INFO.labels(PIPELINE_VERSION, classifier_version).set(1)
    for consumed in (names.raw, names.dedup):
        # at 0 from the start, so that the first gap is an increase Prometheus sees
        metrics.SKIPPED_OFFSETS.labels(consumed)
    for reason in DEDUP_REASONS:
        metrics.DEAD_LETTERS.labels(reason, "dedup")
    metrics.DEAD_LETTERS.labels("too_large", PUBLISH)
    app.sensors.add(CommitAndRebalanceMetrics())
    register_metrics_page(app, refresh)


class CommitAndRebalanceMetrics(faust.Sensor):
    """Commit timings and rebalance counts: work per commit and per rebalance, never per
    event."""

    def on_commit_initiated(self, consumer: Any) -> float:
        return time.perf_counter()

    def on_commit_completed(self, consumer: Any, state: Any) -> None:
        metrics.COMMIT_SECONDS.observe(time.perf_counter() - state)

    def on_rebalance_start(self, app: Any) -> dict[str, Any]:
        metrics.REBALANCES.inc()
        return {}


def register_metrics_page(app: faust.App, refresh: Sequence[Callable[[], None]] = ()) -> None:
    """``/metrics`` from prometheus-client's registry, once ``refresh`` have set the gauges
    computed from the worker's state.

    faust's Prometheus sensor (a Monitor) records every message, event and send; khabar's own
    metrics cover what its dashboard shows, so it is not installed (the app's Monitor is
    :class:`streams.hooks.app.StallWatchMonitor`).
    """

    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        for set_gauges in refresh:
            set_gauges()
        # As a header: aiohttp refuses a content_type argument with a charset in it.
        return web.bytes(generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})


def observe_stage(stage: str, seconds: float) -> None:
    metrics.STAGE_SECONDS.labels(stage).observe(seconds)


def count_delivery(delivery: Delivery) -> None:
    record = delivery.record
    if delivery.destination == ENRICHED:
        metrics.ARTICLES.labels(record["lang"]).inc()
    elif delivery.destination == DUPLICATES:
        metrics.DUPLICATES.labels(record["method"]).inc()
    elif delivery.destination == DLQ:
        metrics.DEAD_LETTERS.labels(record["reason"], record["stage"]).inc()
    else:
        metrics.ARTICLE_LABELS.labels(delivery.destination.removeprefix("label:"),
                                      record["lang"]).inc()
