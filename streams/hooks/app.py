"""The app, its worker, its monitor and a direct send through its producer."""

from __future__ import annotations

import asyncio
from time import monotonic
from typing import Any, cast

import faust
from faust.sensors.monitor import Monitor
from faust.types import TP, AppT, EventT, StreamT, TransportT

from khabar.streams.hooks.consumer import EmbeddedTransport, Transport


class KhabarApp(faust.App):
    """faust.App on khabar's transport, the embedded one when the profile asks for it (the
    broker URL is always ``kafka://``: aiokafka)."""

    embedded_profile: bool = False

    def _new_transport(self) -> TransportT:
        transport = EmbeddedTransport if self.embedded_profile else Transport
        return transport(self.conf.broker_consumer, self)


class StallWatchMonitor(Monitor):
    """faust's Monitor reduced to what its stall check reads.

    The full Monitor records every message, event, send and table access for faust's /stats
    pages, which khabar does not serve (its own metrics are counted where the work happens).
    faust's consumer thread still reads ``stream_inbound_time`` to log partitions whose stream
    stopped taking events, so that is kept. Per-commit and per-rebalance hooks are inherited.
    """

    def on_message_in(self, tp: TP, offset: int, message: Any) -> None:
        pass

    def on_stream_event_in(self, tp: TP, offset: int, stream: StreamT,
                           event: EventT) -> None:
        self.stream_inbound_time[tp] = monotonic()

    def on_stream_event_out(self, tp: TP, offset: int, stream: StreamT, event: EventT,
                            state: Any = None) -> None:
        pass

    def on_message_out(self, tp: TP, offset: int, message: Any) -> None:
        pass

    def on_table_get(self, table: Any, key: Any) -> None:
        pass

    def on_table_set(self, table: Any, key: Any, value: Any) -> None:
        pass

    def on_table_del(self, table: Any, key: Any) -> None:
        pass

    def on_send_initiated(self, producer: Any, topic: str, message: Any, keysize: int,
                          valsize: int) -> None:
        pass

    def on_send_completed(self, producer: Any, state: Any, metadata: Any) -> None:
        pass


class KhabarWorker(faust.Worker):
    """faust's worker without its terminal spinner.

    At log level ``warn`` and above the spinner sets the root logger to DEBUG to spin on every
    record, so each debug call in faust and aiokafka (several per message sent) builds and
    drops a log record: ~6% of a pass-through's CPU.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spinner = None


async def send_direct(app: AppT, topic: str, key: bytes | None,
                      value: bytes) -> asyncio.Future[Any]:
    """Hand one record to the app's producer, past faust's ``Topic.send``: its message
    futures and sensor calls took 9 % of the dedup agent's time in a profile, aiokafka's own
    send 2 %. Returns the future of the broker's acknowledgement."""
    sent = await app.producer.send(topic, key, value, None, None, None)
    return cast("asyncio.Future[Any]", sent)
