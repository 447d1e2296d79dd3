"""The one Faust app, configured late from :class:`streams.settings.Settings`.

``app`` exists at import so that agents can import it; ``configure(settings)`` gives it its
configuration before anything touches ``app.conf``. The embedded-broker profile (Tansu's
workarounds, ``../shared/docs/broker.md``) lives here and only here, and is applied only when
``settings.broker_profile == "embedded"``.
"""

from __future__ import annotations

import asyncio
import logging
import math
import ssl
from collections.abc import Mapping
from time import monotonic
from typing import Any

import aiokafka
import faust
import rocksdict
from faust.sensors.monitor import Monitor
from faust.stores.rocksdb import RocksDBOptions
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth, server_list
from faust.types import TP, EventT, StreamT, TransportT
from mode.utils.queues import FlowControlQueue

from streams import metrics
from streams.settings import Settings

log = logging.getLogger(__name__)

#: Events an agent's stream buffers before its partitions stop being fetched.
STREAM_BUFFER = 1024
#: The most records one poll hands to the agents. faust stops fetching a partition once its
#: stream's buffer passes ``1/pressure_high_ratio`` full, but still delivers the rest of a poll
#: in full, and one loop delivers to every agent: a full buffer blocks it until the agent has
#: drained it. A poll no larger than the buffer's last fifth seldom blocks. Unbounded, a poll
#: took up to 1 MiB per raw partition (~2,400 pages), and under a raw backlog the dedup agent
#: then got nothing for up to 10 s at a time while the pages agent worked through them.
MAX_POLL_RECORDS = STREAM_BUFFER - math.floor(STREAM_BUFFER
                                              / FlowControlQueue.pressure_high_ratio)

#: Tansu does not wake a fetch when data arrives: it waits ~¼–½ of the fetch wait.
EMBEDDED_FETCH_WAIT_MS = 20


#: How long the side consumer may take to learn the high watermarks of recovering partitions.
HIGHWATER_FETCH_TIMEOUT_S = 30.0


class _Consumer(aiokafka_driver.Consumer):
    """faust's aiokafka consumer, in both profiles, with its seek after a rebalance made safe
    (:meth:`perform_seek`) and the offsets it passes over reported.

    When a partition's fetched offsets jump, faust records the offsets in between as a gap and
    counts them as processed, so the next commit moves past them. That is right for compacted
    topics and transaction markers, which khabar's own topics do not have: there, a gap is
    records a fetch skipped. Every gap is logged and counted
    (``khabar_consumer_skipped_offsets_total``), so that it shows where it happened, not as a
    loss downstream.
    """

    async def perform_seek(self) -> None:
        """Seek the assigned partitions to their committed offsets, with the flow stopped.

        After a rebalance faust resumes the stream partitions, awaits this seek (a committed
        offset request per partition, over a second on the embedded broker) and then resumes
        the flow, which empties the stream buffers. Records fetched during the seek went into
        those buffers and were dropped, while their offsets counted as read: a partition whose
        fetch position the seek had already set went on past them (a gap, committed past), a
        partition without a committed offset was never sought back (lost until a restart).
        Stopping the flow first keeps the buffers empty until faust resumes it; a stream
        partition without a committed offset, whose position the seek leaves where a dropped
        fetch took it, goes back to its beginning (the ``earliest`` reset it started from).
        """
        self.stop_flow()
        await super().perform_seek()
        uncommitted = [aiokafka.TopicPartition(tp.topic, tp.partition)
                       for tp in self.assignment()
                       if self._committed_offset.get(tp) is None
                       and self.app.topics.acks_enabled_for(tp.topic)
                       and not self._is_changelog_tp(tp)]
        if uncommitted:
            await self._thread.seek_to_beginning(*uncommitted)

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        # faust passes the offsets between the last record read and the one just fetched,
        # that one included (it is acked when processed)
        metrics.SKIPPED_OFFSETS.labels(tp.topic).inc(offset_to - offset_from)
        log.warning("consumer: offsets %d to %d of %s[%d] were not in the fetched records; "
                    "faust counts them as processed", offset_from, offset_to - 1, tp.topic,
                    tp.partition)
        await super()._add_gap(tp, offset_from, offset_to)


class _Transport(aiokafka_driver.Transport):
    Consumer = _Consumer


class _EmbeddedConsumerThread(aiokafka_driver.AIOKafkaConsumerThread):
    """The consumer thread with Tansu's fetch wait and end-offset defects worked around."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        # faust hard-codes fetch_max_wait_ms=1500; Tansu does not wake a waiting fetch.
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = EMBEDDED_FETCH_WAIT_MS
        return consumer

    async def _highwaters(self, partitions: list[TP]) -> Mapping[TP, int]:
        """End offsets from fetch responses: Tansu's ListOffsets answers the last batch's start.

        faust recovers a table up to these offsets, so a wrong answer silently drops the
        changelog's last batch. A fetch response carries the partition's true high watermark
        whatever offset it was asked for, so a group-less side consumer fetches from each
        partition once and reads it.
        """
        if not partitions:  # a side consumer with nothing assigned cancels faust's recovery
            return {}
        transport = self.transport
        consumer = aiokafka.AIOKafkaConsumer(
            bootstrap_servers=server_list(transport.url, transport.default_port),
            enable_auto_commit=False,
            fetch_max_wait_ms=EMBEDDED_FETCH_WAIT_MS,
            max_partition_fetch_bytes=1,
            **credentials_to_aiokafka_auth(self.app.conf.broker_credentials,
                                           self.app.conf.ssl_context),
        )
        await consumer.start()
        try:
            consumer.assign(list(partitions))
            for tp in partitions:
                consumer.seek(tp, 0)
            async with asyncio.timeout(HIGHWATER_FETCH_TIMEOUT_S):
                while any(consumer.highwater(tp) is None for tp in partitions):
                    await consumer.getmany(timeout_ms=EMBEDDED_FETCH_WAIT_MS * 5)
            return {tp: consumer.highwater(tp) for tp in partitions}
        finally:
            await consumer.stop()


class _EmbeddedConsumer(_Consumer):
    def _new_consumer_thread(self) -> aiokafka_driver.AIOKafkaConsumerThread:
        return _EmbeddedConsumerThread(self, loop=self.loop, beacon=self.beacon)


class _EmbeddedTransport(_Transport):
    Consumer = _EmbeddedConsumer


class KhabarApp(faust.App):
    """faust.App on khabar's transport, the embedded one when the profile asks for it (the
    broker URL is always ``kafka://``: aiokafka)."""

    embedded_profile: bool = False

    def _new_transport(self) -> TransportT:
        transport = _EmbeddedTransport if self.embedded_profile else _Transport
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


app = KhabarApp("khabar", autodiscover=False)


def faust_config(settings: Settings) -> dict[str, Any]:
    """The faust settings for ``settings``: production defaults plus the embedded profile."""
    config: dict[str, Any] = {
        "broker": settings.broker_urls,
        "store": settings.store,
        "datadir": str(settings.data_dir),
        "topic_partitions": settings.partitions,
        "topic_replication_factor": settings.replication_factor,
        "topic_allow_declare": True,
        "web_enabled": True,
        "web_bind": settings.web_host,
        "web_host": settings.web_host,
        "web_port": settings.web_port,
        "producer_linger_ms": settings.producer_linger_ms,
        "producer_max_batch_size": settings.producer_batch_bytes,
        "producer_max_request_size": max(1_048_576, settings.max_message_bytes * 2,
                                         settings.producer_batch_bytes),
        "consumer_max_fetch_size": max(1_048_576, settings.max_message_bytes * 2),
        "consumer_auto_offset_reset": "earliest",
        "broker_commit_interval": 1.0,
        "stream_buffer_maxsize": STREAM_BUFFER,
        "broker_max_poll_records": MAX_POLL_RECORDS,
        "table_cleanup_interval": 60.0,
        "logging_config": None,
        "processing_guarantee": "at_least_once",
        "Worker": KhabarWorker,
        "Monitor": StallWatchMonitor,
    }
    credentials = _credentials(settings)
    if credentials is not None:
        config["broker_credentials"] = credentials
    if settings.embedded:
        config.update(
            # A group join waits half the session timeout on Tansu.
            broker_session_timeout=6.0,
            broker_heartbeat_interval=1.0,
            broker_rebalance_timeout=30.0,
            # Tansu may leave a metadata request unanswered; faust's producer would wait
            # 1200 s on it, stalling flush() and so every commit. Retry instead.
            producer_request_timeout=15.0,
        )
    return config


def rocksdb_options(settings: Settings, tables: int) -> dict[str, int]:
    """RocksDB options for each of ``tables`` tables, within ``settings.rocksdb_memory_mb``.

    faust's defaults give every table 3 memtables of 64 MiB and its own 2 GiB block cache, so
    state memory grew with the data (the 100k soak went from 223 to 534 MiB). Each table gets an
    equal share: half for its block cache, half for two memtables.
    """
    share = settings.rocksdb_memory_mb * 1024 * 1024 // tables
    return {"block_cache_size": share // 2, "write_buffer_size": share // 4,
            "max_write_buffer_number": 2}


class BoundedRocksDBOptions(RocksDBOptions):
    """faust's RocksDB options, with every table file's index and filter blocks inside the
    block cache.

    faust's table factory keeps them beside the cache, one index and one filter per file, for
    as long as the file is open: memory that grows with the window (21.6 MB at a million
    articles in it, ``bench/dedup_bench.py``). Here they are partitioned (a two-level index and
    partitioned full filters), the partitions go through the block cache with the data blocks,
    and only their small top levels stay pinned, as RocksDB's guide to bounding memory
    advises. Files written with faust's format stay readable: the options apply to new files.
    """

    #: About 1 % false positives. Partitioned filters are full filters (faust's are the older
    #: block-based kind, at 3 bits a key).
    FILTER_BITS_PER_KEY = 10
    #: The size of an index or filter partition.
    METADATA_BLOCK_BYTES = 4096

    def as_options(self) -> Any:
        options = super().as_options()  # khabar's stores are rocksdict (faust's default)
        table = rocksdict.BlockBasedOptions()
        table.set_block_cache(rocksdict.Cache(self.block_cache_size))
        table.set_format_version(5)
        table.set_bloom_filter(self.FILTER_BITS_PER_KEY, block_based=False)
        table.set_index_type(rocksdict.BlockBasedIndexType.two_level_index_search())
        table.set_partition_filters(True)
        table.set_metadata_block_size(self.METADATA_BLOCK_BYTES)
        table.set_cache_index_and_filter_blocks(True)
        table.set_pin_top_level_index_and_filter(True)
        table.set_pin_l0_filter_and_index_blocks_in_cache(True)
        options.set_block_based_table_factory(table)
        return options


def _credentials(settings: Settings) -> Any:
    context: ssl.SSLContext | None = None
    if settings.security_protocol.endswith("SSL"):
        context = ssl.create_default_context(
            cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None
        )
        if settings.ssl_certfile and settings.ssl_keyfile:
            context.load_cert_chain(str(settings.ssl_certfile), str(settings.ssl_keyfile))
    if settings.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            ssl_context=context,
            mechanism=settings.sasl_mechanism,
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None


def configure(settings: Settings) -> KhabarApp:
    """Give the app its configuration; call once, before agents, topics or tables."""
    app.embedded_profile = settings.embedded
    # The app id (the consumer group) is the constructor's argument, not a config key.
    app._default_options = (settings.app_id, app._default_options[1])
    app.config_from_object(faust_config(settings), force=True)
    return app
