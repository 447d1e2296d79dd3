"""Consumer lag per partition, for the dashboard and its alerts."""

from __future__ import annotations

import asyncio

import faust

from khabar.streams import metrics
from khabar.streams.hooks.consumer import committed_offsets

LAG_EVERY_SECONDS = 10.0


def register_lag(app: faust.App) -> None:
    @app.timer(LAG_EVERY_SECONDS)
    async def consumer_lag() -> None:
        """Lag from the high watermark of fetch responses (Tansu's ListOffsets is wrong)."""
        consumer = app.consumer
        for tp in consumer.assignment():
            highwater = consumer.highwater(tp)
            if highwater is None:
                continue
            committed = committed_offsets(consumer).get(tp) or 0
            metrics.CONSUMER_LAG.labels(tp.topic, str(tp.partition)).set(
                max(0, highwater - committed)
            )
        await asyncio.sleep(0)
