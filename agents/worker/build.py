"""The worker's two agents, and :func:`build`, which registers them and what they need."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

import faust
from faust.types import EventT
from mode import CrashingSupervisor

from khabar.agents.classify.core import Classifier
from khabar.agents.dedup.core import Deduper
from khabar.agents.page_runner import PageOutcome, PageRunner
from khabar.agents.pipeline import DedupStage, Origin, dead_letter_delivery
from khabar.agents.publish.core import DLQ, DUPLICATES, ENRICHED, Delivery, label_destination
from khabar.agents.read_ahead import read_ahead
from khabar.agents.worker.dedup_tables import StateGauges, declare_tables, dedup_state
from khabar.agents.worker.exits import CrashOnSendError, exit_if_send_failed, loop_ended
from khabar.agents.worker.health import CommitWatch, register_health
from khabar.agents.worker.lag import ConsumerLag
from khabar.agents.worker.prometheus import count_delivery, observe_stage, register_metrics
from khabar.streams import logs, metrics
from khabar.streams.hooks.app import send_direct
from khabar.streams.hooks.tables import set_current_event
from khabar.streams.settings import Settings
from khabar.streams.topics import TopicNames, Topology, declare

log = logging.getLogger(__name__)

EXPIRE_EVERY_SECONDS = 60.0
#: Raw pages per batch of the pages agent, and how long it waits to fill one. Each batch costs a
#: round trip to the core process: with 1 ms, batches under load averaged 5 pages and the core
#: process sat idle half the time; 5 ms fills them (about 14) at up to 5 ms more latency.
PAGE_BATCH = 16
PAGE_BATCH_WITHIN = 0.005
#: Batches whose cores may run while the pages agent sends the one before (see
#: :mod:`agents.read_ahead`).
PAGE_BATCHES_AHEAD = 2
#: Candidates per batch of the dedup agent, and how long it waits to fill one. A batch holds
#: the loop while it is decided and sent (about 1 ms a candidate under load), so it stays short:
#: batches of 64 were no faster.
DEDUP_BATCH = 16
DEDUP_BATCH_WITHIN = 0.002


@dataclass
class Worker:
    """What :func:`build` registered on the app, for tests and the CLI."""

    app: faust.App
    topology: Topology
    classifier: Classifier
    tables: dict[str, Any]
    pages_agent: Any
    dedup_agent: Any


def build(app: faust.App, settings: Settings, classifier: Classifier | None = None) -> Worker:
    """Declare topics and tables and register the agents, health pages and timers."""
    classifier = classifier or Classifier.from_file(settings.taxonomy)
    topology = declare(app, settings.topic_prefix, classifier.labels, settings.partitions,
                       settings.topic_configs())
    tables = declare_tables(app, settings)
    runner = PageRunner(
        classifier, max_message_bytes=settings.max_message_bytes,
        dlq_payload_bytes=settings.dlq_payload_bytes, processes=settings.core_processes,
        observe=observe_stage, setup_logging=partial(logs.configure, settings),
    )
    state = dedup_state(tables)
    dedup_stage = DedupStage(
        Deduper(state, window_seconds=settings.dedup_window_seconds),
        observe=observe_stage, labels=classifier.labels,
        dlq_payload_bytes=settings.dlq_payload_bytes,
        max_message_bytes=settings.max_message_bytes,
    )

    destinations = _destinations(topology.names)

    async def publish(topic: str, key: bytes | None, value: bytes) -> None:
        """Hand one record to the app's producer (:func:`streams.hooks.app.send_direct`). A
        send that fails after the producer's retries ends the process, as faust's send-error
        hook does for the changelog (:class:`agents.worker.exits.CrashOnSendError`)."""
        sent = await send_direct(app, topic, key, value)
        sent.add_done_callback(exit_if_send_failed)

    async def send(delivery: Delivery, raw_timestamp: float | None) -> None:
        started = time.perf_counter()
        await publish(destinations[delivery.destination],
                      delivery.key.encode() if delivery.key else None, delivery.value)
        count_delivery(delivery)
        metrics.STAGE_SECONDS.labels("publish").observe(time.perf_counter() - started)
        if raw_timestamp is not None and delivery.destination != "dedup":
            metrics.END_TO_END_SECONDS.observe(max(0.0, time.time() - raw_timestamp))

    def run_cores(events: list[EventT]) -> Awaitable[list[PageOutcome]]:
        return runner.run([(event.value or b"", _origin(event.message)) for event in events])

    async def pages(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        # Batches: the cores run over every page of a batch (in the runner's processes, or on
        # the loop) while the records of the batch before are sent, all of a batch's at once,
        # so they share producer batches (one record per send, spread over the linger, made the
        # dedup partition a batch per page or two; Tansu's fetches slow down with a
        # partition's batch count). An event is acked once its records are sent.
        batches = read_ahead(_event_batches(stream, PAGE_BATCH, PAGE_BATCH_WITHIN),
                             run_cores, depth=PAGE_BATCHES_AHEAD)
        try:
            async for events, outcomes in batches:
                for event, outcome in zip(events, outcomes, strict=True):
                    metrics.PAGES.labels(metrics.source_label(outcome.source)).inc()
                    if outcome.dead_letter is not None:
                        await send(dead_letter_delivery(outcome.dead_letter),
                                   event.message.timestamp)
                    for key, value in outcome.candidates:
                        await publish(topology.names.dedup, key, value)
                    await stream.ack(event)
                    yield None
                # Neither a finished batch nor a send suspends this task: yield the loop, or
                # a backlog of raw pages starves the dedup agent and the producer's sender.
                await asyncio.sleep(0)
        finally:
            await batches.aclose()
            runner.close()
        loop_ended(app, "khabar.pages")

    async def dedup(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        # Batches, as in the pages agent, for what faust costs per yielded value (a debug log
        # record formatted whether or not it is emitted, the active stream's lookups) and per
        # turn of the loop; each candidate is acked once its records are sent.
        last_expiry = float("-inf")  # expire on the first event
        frontier = 0.0
        async for events in _event_batches(stream, DEDUP_BATCH, DEDUP_BATCH_WITHIN):
            for event in events:
                set_current_event(stream, event)
                decided = dedup_stage.run(event.value or b"", _origin(event.message))
                if decided.decision is not None:  # else one dead letter
                    frontier = max(frontier, decided.event_time or 0.0)
                    metrics.DEDUP_REFINGERPRINTED.inc(decided.refingerprinted)
                for delivery in decided.deliveries:
                    await send(delivery, decided.raw_timestamp)
                await stream.ack(event)
            if time.monotonic() - last_expiry > EXPIRE_EVERY_SECONDS:
                last_expiry = time.monotonic()
                dropped = dedup_stage.deduper.expire(frontier)
                log.info("dedup expiry dropped %d entries older than the window", dropped)
            await asyncio.sleep(0)
            yield None
        loop_ended(app, "khabar.dedup")

    pages_agent = app.agent(topology.raw, name="khabar.pages",
                            supervisor_strategy=CrashingSupervisor)(pages)
    dedup_agent = app.agent(topology.dedup, name="khabar.dedup",
                            supervisor_strategy=CrashingSupervisor)(dedup)
    app.sensors.add(CrashOnSendError())
    register_metrics(app, topology.names, classifier.version,
                     refresh=(ConsumerLag(app, topology.names).refresh,
                              StateGauges(app, tables, state).refresh))
    watch = CommitWatch()
    app.sensors.add(watch)
    register_health(app, watch)
    return Worker(app, topology, classifier, tables, pages_agent, dedup_agent)


def _event_batches(stream: faust.StreamT[bytes], size: int,
                   within: float) -> AsyncGenerator[list[EventT], None]:
    """``stream.noack_take``: batches of events, each acked by the agent once handled (faust
    declares it on ``Stream`` only, as yielding values)."""
    batches: AsyncGenerator[list[EventT], None] = cast(Any, stream).noack_take(size, within=within)
    return batches


def _origin(message: Any) -> Origin:
    return Origin(message.topic, message.partition, message.offset, message.timestamp)


def _destinations(names: TopicNames) -> dict[str, str]:
    """Topic name of every delivery destination (see :mod:`agents.publish.core`)."""
    return {ENRICHED: names.enriched, DUPLICATES: names.duplicates, DLQ: names.dlq,
            **{label_destination(label): names.label(label) for label in names.labels}}
