"""The Faust app, made from :class:`streams.settings.Settings` by :func:`create_app`.

The embedded-broker profile's settings are here, applied only when
``settings.broker_profile == "embedded"``; its transport (the fetch wait and end offsets) is in
:mod:`streams.hooks.consumer`.
"""

from __future__ import annotations

import math
import ssl
from typing import Any

import faust
from mode.utils.queues import FlowControlQueue

from khabar.streams.hooks.app import KhabarApp, KhabarWorker, StallWatchMonitor
from khabar.streams.logs import faust_logging_config
from khabar.streams.settings import Settings

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
        "producer_max_request_size": max(max_request_bytes(settings),
                                         settings.producer_batch_bytes),
        "consumer_max_fetch_size": max_request_bytes(settings),
        "consumer_auto_offset_reset": "earliest",
        "broker_commit_interval": 1.0,
        "stream_buffer_maxsize": STREAM_BUFFER,
        "broker_max_poll_records": MAX_POLL_RECORDS,
        "table_cleanup_interval": 60.0,
        "logging_config": faust_logging_config(settings),
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


def max_request_bytes(settings: Settings) -> int:
    """The largest produce request or partition fetch: twice the largest raw message, so a
    message at the limit fits with its record's other fields, and never under Kafka's 1 MiB
    default."""
    return max(1_048_576, settings.max_message_bytes * 2)


def rocksdb_options(settings: Settings, tables: int) -> dict[str, int]:
    """RocksDB options for each of ``tables`` tables, within ``settings.rocksdb_memory_mb``.

    faust's defaults give every table 3 memtables of 64 MiB and its own 2 GiB block cache, so
    state memory grew with the data (the 100k soak went from 223 to 534 MiB). Each table gets an
    equal share: half for its block cache, half for two memtables.
    """
    share = settings.rocksdb_memory_mb * 1024 * 1024 // tables
    return {"block_cache_size": share // 2, "write_buffer_size": share // 4,
            "max_write_buffer_number": 2}


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


def create_app(settings: Settings) -> KhabarApp:
    """A faust app configured for ``settings``, with nothing registered on it yet (see
    :func:`agents.worker.build`). ``settings.app_id`` is its id: the consumer group."""
    app = KhabarApp(settings.app_id, autodiscover=False, **faust_config(settings))
    app.embedded_profile = settings.embedded
    return app
