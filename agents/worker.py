"""The worker: thin Faust agents that move records between topics and tables.

Two hops. ``khabar.pages`` consumes the raw partitions and runs the per-page cores
(:class:`agents.pipeline.PageStage`, in the processes of :class:`agents.page_runner.PageRunner`
unless ``KHABAR_CORE_PROCESSES=0``), sending dead letters straight to the DLQ and
fingerprinted candidates to the single-partition ``<prefix>.dedup`` topic. ``khabar.dedup``
owns the dedup tables (RocksDB, changelog-backed), decides canonical or duplicate
(:class:`agents.pipeline.DedupStage`) and publishes. Every send happens before the event is
acknowledged, and faust flushes the producer before it commits offsets: at-least-once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

import faust
import orjson
from faust.exceptions import ConsumerNotStarted
from faust.sensors import Sensor
from faust.stores.rocksdb import Store as RocksDBStore
from faust.types import TP, EventT
from mode import CrashingSupervisor
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from rocksdict import WriteBatch

from agents.classify.core import Classifier
from agents.dedup.core import Deduper
from agents.dedup.state import DERIVED, TABLES, DedupState
from agents.page_runner import PageOutcome, PageRunner
from agents.pipeline import DedupStage, Origin
from agents.publish.core import DLQ, DUPLICATES, ENRICHED, Delivery, label_destination
from agents.read_ahead import read_ahead
from agents.version import PIPELINE_VERSION
from streams import metrics, records
from streams.app import BoundedRocksDBOptions, rocksdb_options
from streams.settings import Settings
from streams.topics import TopicNames, Topology, declare

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
EXIT_SEND_FAILED = 70
EXIT_AGENT_ENDED = 71
#: How long a worker whose agent ended may take to stop gracefully before it exits anyway.
STOP_GRACE_SECONDS = 15.0
LAG_EVERY_SECONDS = 10.0
#: ``/healthz`` fails when consumed messages have waited this long with no commit progress.
LIVENESS_STALL_SECONDS = 120.0
COMMIT_WATCH_EVERY_SECONDS = 5.0


class AgentEnded(RuntimeError):
    """An agent's stream loop ended while the worker was not stopping."""


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
    options = rocksdb_options(settings, len(TABLES))
    tables = {
        name: app.tables.add((_DocsTable if name == "dedup_docs" else _DedupTable)(
            app, name=name, beacon=app.tables.beacon, partitions=1, default=None,
            help=f"dedup state: {name}",
            options=dict(options),  # faust's store pops keys from it
            extra_topic_configs=settings.topic_configs(changelog=True),
            # derived tables: _LocalStore writes orjson bytes (faust: "raw")
            **({"key_type": bytes, "value_type": bytes} if name in DERIVED else {})))
        for name in TABLES
    }
    runner = PageRunner(
        classifier, max_message_bytes=settings.max_message_bytes,
        dlq_payload_bytes=settings.dlq_payload_bytes, processes=settings.core_processes,
        observe=_observe,
    )
    local_stores = {name: _LocalStore(tables[name]) for name in DERIVED}
    state = DedupState.from_mappings(dedup_docs=tables["dedup_docs"], **local_stores)
    tables["dedup_docs"].derived = state
    dedup_stage = DedupStage(
        Deduper(state, window_seconds=settings.dedup_window_seconds,
                on_story_expired=metrics.story_expired),
        observe=_observe,
    )
    metrics.BUILD_INFO.labels(PIPELINE_VERSION, classifier.version).set(1)
    for consumed in (topology.names.raw, topology.names.dedup):
        # at 0 from the start, so that the first gap is an increase Prometheus sees
        metrics.SKIPPED_OFFSETS.labels(consumed)

    destinations = _destinations(topology.names)

    async def publish(topic: str, key: bytes | None, value: bytes) -> None:
        """Hand one record to the app's producer, past faust's ``Topic.send``: its message
        futures and sensor calls took 9 % of the dedup agent's time in a profile, aiokafka's
        own send 2 %. A send that fails after the producer's retries ends the process, as
        faust's send-error hook does for the changelog (:class:`_CrashOnSendError`)."""
        sent = await app.producer.send(topic, key, value, None, None, None)
        sent.add_done_callback(_exit_if_send_failed)

    async def send(delivery: Delivery, raw_timestamp: float | None) -> None:
        started = time.perf_counter()
        await publish(destinations[delivery.destination],
                      delivery.key.encode() if delivery.key else None,
                      records.dumps(delivery.record))
        _count(delivery)
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
        batches = read_ahead(stream.noack_take(PAGE_BATCH, within=PAGE_BATCH_WITHIN),
                             run_cores, depth=PAGE_BATCHES_AHEAD)
        try:
            async for events, outcomes in batches:
                for event, outcome in zip(events, outcomes, strict=True):
                    metrics.PAGES.labels(metrics.source_label(outcome.source)).inc()
                    if outcome.dead_letter is not None:
                        await send(Delivery(DLQ, outcome.dead_letter.get("source_id"),
                                            outcome.dead_letter), event.message.timestamp)
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
        _loop_ended(app, "khabar.pages")

    async def dedup(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        # Batches, as in the pages agent, for what faust costs per yielded value (a debug log
        # record formatted whether or not it is emitted, the active stream's lookups) and per
        # turn of the loop; each candidate is acked once its records are sent.
        last_expiry = float("-inf")  # expire and report state size on the first event
        frontier = 0.0
        async for events in stream.noack_take(DEDUP_BATCH, within=DEDUP_BATCH_WITHIN):
            for event in events:
                # faust's tables take the changelog partition from the current event, which a
                # batch leaves unset
                stream._set_current_event(event)
                candidate = records.loads(event.value)
                frontier = max(frontier, float(candidate["event_time"]))
                decided = dedup_stage.run(candidate)
                metrics.story_grew(decided.decision.copies)
                for delivery in decided.deliveries:
                    await send(delivery, candidate.get("raw_timestamp"))
                await stream.ack(event)
            if time.monotonic() - last_expiry > EXPIRE_EVERY_SECONDS:
                last_expiry = time.monotonic()
                dropped = dedup_stage.deduper.expire(frontier)
                log.info("dedup expiry dropped %d entries older than the window", dropped)
                for name, table in tables.items():
                    metrics.DEDUP_STATE_KEYS.labels(name).set(_estimated_keys(table))
            await asyncio.sleep(0)
            yield None
        _loop_ended(app, "khabar.dedup")

    pages_agent = app.agent(topology.raw, name="khabar.pages",
                            supervisor_strategy=CrashingSupervisor)(pages)
    dedup_agent = app.agent(topology.dedup, name="khabar.dedup",
                            supervisor_strategy=CrashingSupervisor)(dedup)
    app.sensors.add(_CrashOnSendError())
    app.sensors.add(_CommitAndRebalanceMetrics())
    _register_metrics(app)
    watch = CommitWatch()
    app.sensors.add(watch)
    _register_health(app, watch)
    _register_lag(app)
    return Worker(app, topology, classifier, tables, pages_agent, dedup_agent)


class _CrashOnSendError(faust.Sensor):
    """A send that failed after the producer's retries ends the process at once.

    faust only logs such a failure and goes on to commit the source offsets, which would lose
    the message. Exiting before the commit keeps at-least-once: the orchestrator restarts
    the worker and the messages since the last commit are processed again (idempotently).
    """

    def on_send_error(self, producer: Any, exc: BaseException, state: Any) -> None:
        _exit_send_failed(exc)


def _exit_if_send_failed(sent: asyncio.Future) -> None:
    """Done-callback of a direct send; a cancelled one (the producer stopping) is not a
    failure."""
    if not sent.cancelled() and sent.exception() is not None:
        _exit_send_failed(sent.exception())


def _exit_send_failed(exc: BaseException) -> None:
    log.critical("a send failed after retries (%s: %s); exiting before the offsets are "
                 "committed so the messages are processed again on restart",
                 type(exc).__name__, exc)
    logging.shutdown()
    os._exit(EXIT_SEND_FAILED)


class _DedupTable(faust.Table):
    """A dedup table whose RocksDB store keeps index and filter blocks in its block cache
    (:class:`streams.app.BoundedRocksDBOptions`), so that its memory stays flat in the window."""

    def _new_store_by_url(self, url: Any) -> Any:
        store = super()._new_store_by_url(url)
        if isinstance(store, RocksDBStore):  # self.options: less the keys faust's store popped
            store.rocksdb_options = BoundedRocksDBOptions(**self.options,
                                                          use_rocksdict=store.use_rocksdict)
        return store


class _DocsTable(_DedupTable):
    """``dedup_docs``, whose changelog replay also brings the derived tables along.

    faust replays a table's changelog into its store when a worker takes the partition over
    (from where its local store stopped: the whole window on an empty disk, the last records
    after a restart) and on standby replicas. Each replayed batch goes through
    :meth:`DedupState.replay` first, against ``dedup_docs`` as stored before the batch, so the
    derived tables follow without a rebuild: no walk of the window, nothing held in memory,
    and a standby's view is ready when it takes over.
    """

    derived: DedupState | None = None

    def apply_changelog_batch(self, batch: Iterable[EventT]) -> None:
        events = list(batch)
        if self.derived is not None and events:
            db = _partition_db(self)
            before: dict[str, Any] = {}
            for event in events:
                if event.key not in before:
                    if isinstance(db, dict):  # the memory store: decoded keys and values
                        before[event.key] = db.get(event.key)
                    else:
                        raw = db.get(event.message.key)
                        before[event.key] = None if raw is None else self.data._decode_value(raw)
            changes = [(event.key, None if event.message.value is None else event.value)
                       for event in events]
            try:
                self.derived.replay(changes, before.__getitem__)
            except Exception:  # faust would log it and drop the batch from dedup_docs too
                log.exception("dedup: %d replayed articles left out of the derived tables; "
                              "dedup_docs keeps them", len(events))
        super().apply_changelog_batch(events)


class _LocalStore(MutableMapping[str, Any]):
    """A table's local store, written without a changelog: for state derived from
    ``dedup_docs`` (buckets, exact hashes, expiry index, stories), which would otherwise cost
    a changelog record per band and index for every article. Use it only inside the table's
    agent.

    Keys and values cross as bytes (orjson), straight to the partition's database: faust's
    store layer (key codec, current-event lookup, key index, a KeyError per miss) cost more
    than RocksDB itself on the ~70 reads and writes of a decision. The tables have one
    partition, 0. The last ``CACHE_KEYS`` keys read or written are kept decoded, absent ones
    too: a decision reads its 32 band buckets to find candidates, then again to add itself,
    and reads back the expiry chunk it wrote for the article before. Writes go through, so
    the cache holds only what the store holds; :class:`DedupState` never mutates a value it
    read.
    """

    CACHE_KEYS = 4096

    def __init__(self, table: Any) -> None:
        self.table = table
        self.cache: OrderedDict[str, Any] = OrderedDict()

    def _remember(self, key: str, value: Any) -> None:
        cache = self.cache
        if key in cache:
            cache.move_to_end(key)
        elif len(cache) >= self.CACHE_KEYS:
            cache.popitem(last=False)
        cache[key] = value

    def _read(self, key: str) -> Any:
        value = self.cache.get(key, _UNREAD)
        if value is _UNREAD:
            raw = _partition_db(self.table).get(key.encode())
            value = _ABSENT if raw is None else orjson.loads(raw)
            self._remember(key, value)
        return value

    def __getitem__(self, key: str) -> Any:
        value = self._read(key)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        """Without ``Mapping.get``'s KeyError: most band buckets a decision reads are absent."""
        value = self._read(key)
        return default if value is _ABSENT else value

    def __setitem__(self, key: str, value: Any) -> None:
        _partition_db(self.table)[key.encode()] = orjson.dumps(value)
        self._remember(key, value)

    def __delitem__(self, key: str) -> None:
        self._remember(key, _ABSENT)
        del _partition_db(self.table)[key.encode()]

    def update(self, other: Any = (), /, **kwargs: Any) -> None:
        """Every key in one RocksDB write: a decision files its article in 32 band buckets,
        and 32 puts cost 84-123 us against 36-51 us as one batch."""
        items = dict(other, **kwargs)
        db = _partition_db(self.table)
        if isinstance(db, dict):
            db.update({key.encode(): orjson.dumps(value) for key, value in items.items()})
        else:
            batch = WriteBatch(raw_mode=True)  # faust opens its databases in raw mode
            for key, value in items.items():
                batch.put(key.encode(), orjson.dumps(value))
            db.write(batch)
        for key, value in items.items():
            self._remember(key, value)

    def __iter__(self) -> Iterator[str]:
        return (key.decode() for key in self.table.data)

    def __len__(self) -> int:
        return len(self.table.data)


_UNREAD = object()
_ABSENT = object()


def _partition_db(table: Any) -> Any:
    """faust's RocksDB database (rocksdict, raw bytes) of a one-partition table's partition 0,
    opened on first use and reopened after a rebalance; or, with ``memory://``, the memory
    store's dict."""
    store = table.data
    open_partition = getattr(store, "_db_for_partition", None)
    return store.data if open_partition is None else open_partition(0)


def _estimated_keys(table: Any) -> int:
    """Keys in a dedup table without walking them, for the state gauge.

    ``len()`` of a faust RocksDB table iterates every key, on the event loop: at 20,000
    articles in the window that was 565,000 band keys and 0.2 s, once a minute, growing with the
    window. RocksDB's ``estimate-num-keys`` is read in microseconds, but counts overwritten and
    deleted keys until compaction folds them (the expiry index, rewritten on every article, read
    2,576 for 82 keys). The memory store's count is exact.
    """
    db = _partition_db(table)
    if isinstance(db, dict):
        return len(db)
    return db.property_int_value("rocksdb.estimate-num-keys") or 0


class _CommitAndRebalanceMetrics(faust.Sensor):
    """Commit timings and rebalance counts: work per commit and per rebalance, never per
    event."""

    def on_commit_initiated(self, consumer: Any) -> float:
        return time.perf_counter()

    def on_commit_completed(self, consumer: Any, state: Any) -> None:
        metrics.COMMIT_SECONDS.observe(time.perf_counter() - state)

    def on_rebalance_start(self, app: Any) -> None:
        metrics.REBALANCES.inc()


def _register_metrics(app: faust.App) -> None:
    """``/metrics`` from prometheus-client's registry.

    faust's Prometheus sensor (a Monitor) records every message, event and send; khabar's own
    metrics cover what its dashboard shows, so it is not installed (the app's Monitor is
    :class:`streams.app.StallWatchMonitor`).
    """

    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        # As a header: aiohttp refuses a content_type argument with a charset in it.
        return web.bytes(generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})


def _origin(message: Any) -> Origin:
    return Origin(message.topic, message.partition, message.offset, message.timestamp)


def _observe(stage: str, seconds: float) -> None:
    metrics.STAGE_SECONDS.labels(stage).observe(seconds)


def _destinations(names: TopicNames) -> dict[str, str]:
    """Topic name of every delivery destination (see :mod:`agents.publish.core`)."""
    return {ENRICHED: names.enriched, DUPLICATES: names.duplicates, DLQ: names.dlq,
            **{label_destination(label): names.label(label) for label in names.labels}}


def _count(delivery: Delivery) -> None:
    record = delivery.record
    if delivery.destination == ENRICHED:
        metrics.ARTICLES.labels(record["lang"]).inc()
    elif delivery.destination == DUPLICATES:
        metrics.DUPLICATES.labels(record["method"]).inc()
    elif delivery.destination == DLQ:
        metrics.DEAD_LETTERS.labels(record["reason"]).inc()
    else:
        metrics.ARTICLE_LABELS.labels(delivery.destination.removeprefix("label:"),
                                      record["lang"]).inc()


def _loop_ended(app: faust.App, agent: str) -> None:
    """After an agent's ``async for``: in a worker, a stream ends only when the worker stops.
    Anything else is a silent death; raise, and the crashing supervisor stops the worker
    (non-zero exit). Outside a worker (an agent under ``test_context()``), the stream's end is
    the test's."""
    if not app.in_worker or app.should_stop or getattr(app.consumer, "should_stop", False):
        return
    log.critical("%s: its stream loop ended while the worker runs; stopping the worker", agent)
    # faust's graceful stop can hang waiting for the other agent's stream: exit regardless.
    watchdog = threading.Timer(STOP_GRACE_SECONDS, os._exit, args=(EXIT_AGENT_ENDED,))
    watchdog.daemon = True
    watchdog.start()
    raise AgentEnded(f"{agent}: stream loop ended unexpectedly")


class CommitWatch(Sensor):
    """Commit progress, for liveness: a worker is stalled when some message it consumed from a
    partition it still owns has waited more than ``threshold`` seconds and no commit has
    advanced in that time. An idle worker (nothing consumed past the last commit) is alive."""

    def __init__(self, threshold: float = LIVENESS_STALL_SECONDS,
                 clock: Any = time.monotonic, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.threshold = threshold
        self.clock = clock
        self.last_in: dict[TP, int] = {}
        self.committed: dict[TP, int] = {}
        self.pending_since: dict[TP, float] = {}
        self.last_progress = clock()

    def on_message_in(self, tp: TP, offset: int, message: Any) -> None:
        self.last_in[tp] = max(offset, self.last_in.get(tp, -1))
        if tp not in self.pending_since and offset >= self.committed.get(tp, -1):
            self.pending_since[tp] = self.clock()

    def on_tp_commit(self, tp_offsets: Any) -> None:
        now = self.clock()
        for tp, offset in tp_offsets.items():
            if offset is None or offset <= self.committed.get(tp, -1):
                continue
            self.committed[tp] = offset
            self.last_progress = now
            if self.last_in.get(tp, -1) < offset:
                self.pending_since.pop(tp, None)
            else:
                self.pending_since[tp] = now

    def stalled_for(self, assigned: Any = None) -> float:
        """Seconds the oldest uncommitted message (of ``assigned`` partitions) has waited
        since the last commit progress; 0.0 when nothing waits."""
        waiting = [since for tp, since in self.pending_since.items()
                   if assigned is None or tp in assigned]
        if not waiting:
            return 0.0
        return max(0.0, self.clock() - max(min(waiting), self.last_progress))

    def alive(self, assigned: Any = None) -> bool:
        return self.stalled_for(assigned) <= self.threshold


def _assignment(app: faust.App) -> set[Any]:
    """The partitions assigned to this worker; empty before its consumer has started."""
    try:
        return set(app.consumer.assignment())
    except ConsumerNotStarted:
        return set()


def _register_health(app: faust.App, watch: CommitWatch) -> None:
    def sync_commits() -> None:
        # faust reports commits to ``app.monitor`` only, not to added sensors: read them.
        consumer = app.consumer
        if consumer is not None:
            watch.on_tp_commit({tp: offset for tp, offset in
                                consumer._committed_offset.items() if offset is not None})

    @app.timer(COMMIT_WATCH_EVERY_SECONDS)
    async def commit_watch() -> None:
        sync_commits()

    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        sync_commits()
        assigned = _assignment(app)
        stalled = round(watch.stalled_for(assigned), 1)
        if stalled > watch.threshold:
            return web.json({"status": "stalled", "uncommitted_for_seconds": stalled},
                            status=503)
        return web.json({"status": "alive", "uncommitted_for_seconds": stalled})

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        assigned = bool(_assignment(app))
        recovering = bool(getattr(app, "in_recovery", False))
        ready = assigned and not recovering and not app.rebalancing
        body = {"ready": ready, "assigned": assigned, "recovering": recovering}
        return web.json(body, status=200 if ready else 503)


def _register_lag(app: faust.App) -> None:
    @app.timer(LAG_EVERY_SECONDS)
    async def consumer_lag() -> None:
        """Lag from the high watermark of fetch responses (Tansu's ListOffsets is wrong)."""
        consumer = app.consumer
        for tp in consumer.assignment():
            highwater = consumer.highwater(tp)
            if highwater is None:
                continue
            committed = consumer._committed_offset.get(tp) or 0
            metrics.CONSUMER_LAG.labels(tp.topic, str(tp.partition)).set(
                max(0, highwater - committed)
            )
        await asyncio.sleep(0)
