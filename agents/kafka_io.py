"""Plain aiokafka clients for people at a terminal: publish raw pages, tail a topic.

These are tools around the worker, not part of it: they talk to the broker directly, with the
same connection settings (``KHABAR_*``) as the worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from khabar.streams.app import faust_config, max_request_bytes
from khabar.streams.settings import Settings


@dataclass(frozen=True, slots=True)
class Sent:
    """Where one published message landed."""

    key: bytes | None
    partition: int
    offset: int


def bootstrap(settings: Settings) -> list[str]:
    return [url.removeprefix("kafka://") for url in settings.broker_urls]


def _auth(settings: Settings) -> dict[str, Any]:
    from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

    return dict(credentials_to_aiokafka_auth(faust_config(settings).get("broker_credentials")))


def pages_from_files(paths: Iterable[Path]) -> Iterator[bytes]:
    """Raw pages from files: ``.jsonl``/``.json`` files give one page per line; any other
    file is one plain-text page whose id is the file name."""
    for path in paths:
        if path.suffix in (".jsonl", ".json", ".ndjson"):
            for line in path.read_bytes().splitlines():
                if line.strip():
                    yield line
        else:
            text = path.read_text(encoding="utf-8", errors="replace")
            yield orjson.dumps({"id": path.stem, "source": "file", "text": text})


def _key(payload: bytes) -> bytes | None:
    """The contract's key: the page's ``id``, else its ``url``, else none."""
    try:
        page = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return None
    if isinstance(page, dict):
        for field in ("id", "url"):
            if isinstance(page.get(field), str) and page[field]:
                return str(page[field]).encode()
    return None


async def ensure_topics(settings: Settings, names: Iterable[str], partitions: int) -> None:
    """Create topics that do not exist yet, with ``partitions`` partitions and the configured
    replication factor and topic configs. Auto-created topics would get the broker's default
    count, and on the embedded broker their leaders can stay unknown to the producer."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(settings), **_auth(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        new = [NewTopic(n, partitions, settings.replication_factor,
                        topic_configs=settings.topic_configs())
               for n in names if n not in existing]
        if new:
            try:
                await admin.create_topics(new)
            except TopicAlreadyExistsError:
                pass
    finally:
        await admin.close()


async def publish(settings: Settings, topic: str, payloads: Iterable[bytes]) -> list[Sent]:
    """Send every payload to ``topic``, keyed as the contract says; wait for every ack."""
    await ensure_topics(settings, [topic], settings.partitions)
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap(settings), linger_ms=settings.producer_linger_ms,
        acks="all",  # what min.insync.replicas guards: aiokafka's default waits for the leader only
        max_request_size=max_request_bytes(settings), **_auth(settings),
    )
    await producer.start()
    try:
        futures = []
        for payload in payloads:
            key = _key(payload)
            futures.append((key, await producer.send(topic, payload, key=key)))
        sent = []
        for key, future in futures:
            metadata = await future
            sent.append(Sent(key, metadata.partition, metadata.offset))
        return sent
    finally:
        await producer.stop()


async def consume(
    settings: Settings, topics: list[str], *, idle_timeout: float | None = None,
) -> AsyncIterator[tuple[str, Any]]:
    """Yield ``(topic, record)`` from the beginning of ``topics``; stop after ``idle_timeout``
    seconds without a message (None: follow forever)."""
    consumer = AIOKafkaConsumer(
        *topics, bootstrap_servers=bootstrap(settings), auto_offset_reset="earliest",
        enable_auto_commit=False, group_id=None, fetch_max_wait_ms=100, **_auth(settings),
    )
    await consumer.start()
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=500)
            if not batch:
                if idle_timeout is not None:
                    idle_timeout -= 0.5
                    if idle_timeout <= 0:
                        return
                continue
            for tp, messages in batch.items():
                for message in messages:
                    try:
                        value: Any = orjson.loads(message.value or b"null")
                    except orjson.JSONDecodeError:
                        value = {"undecodable": hashlib.sha1(message.value or b"").hexdigest()}
                    yield tp.topic, value
    finally:
        await consumer.stop()

