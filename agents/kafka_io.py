"""Plain aiokafka clients for people at a terminal: publish raw pages, tail a topic.

These are tools around the worker, not part of it: they talk to the broker directly, with the
same connection settings (``KHABAR_*``) as the worker.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from khabar.agents.console import EXIT_UNAVAILABLE, UserError
from khabar.agents.page_files import BOM, page_lines
from khabar.streams.app import faust_config, max_request_bytes
from khabar.streams.logs import redact, secrets
from khabar.streams.settings import Settings

#: An upper bound on what a record batch adds to one record's key and value: the batch
#: header (61 bytes) and the record's own framing (at most 21 bytes plus the length varints).
RECORD_OVERHEAD_BYTES = 128


@dataclass(frozen=True, slots=True)
class Sent:
    """Where one published message landed."""

    key: bytes | None
    partition: int
    offset: int


@dataclass(frozen=True, slots=True)
class Page:
    """One raw page read from a file, with where it came from (``FILE:LINE``, or ``FILE`` for
    a plain-text file) and, when it cannot be sent, why."""

    where: str
    payload: bytes
    problem: str | None = None


class BrokerUnreachableError(UserError):
    """No broker answered within ``KHABAR_BROKER_WAIT``; the message names the address."""

    def __init__(self, settings: Settings, reason: BaseException) -> None:
        why = type(reason).__name__ if isinstance(reason, KafkaError | TimeoutError) else (
            str(reason) or type(reason).__name__)
        super().__init__(redact(f"broker {','.join(bootstrap(settings))} not reachable within "
                                f"{settings.broker_wait_seconds:g}s ({why})", secrets(settings)),
                         EXIT_UNAVAILABLE)


def bootstrap(settings: Settings) -> list[str]:
    return [url.removeprefix("kafka://") for url in settings.broker_urls]


def _auth(settings: Settings) -> dict[str, Any]:
    from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

    return dict(credentials_to_aiokafka_auth(faust_config(settings).get("broker_credentials")))


def pages_from_files(paths: Iterable[Path], limit: int, *,
                     json_only: bool = True) -> Iterator[Page]:
    """Raw pages from files: ``.jsonl``/``.json`` files give one page per line (with
    ``json_only``, a line that is not JSON cannot be sent); any other file is one plain-text
    page whose id is the file name. A page whose record would be over ``limit`` bytes cannot
    be sent either."""
    for path in paths:
        if path.suffix in (".jsonl", ".json", ".ndjson"):
            with path.open("rb") as handle:
                for number, line in page_lines(handle):
                    yield _checked(f"{path}:{number}", line, limit, json=json_only)
        else:
            text = path.read_bytes().removeprefix(BOM).decode("utf-8", errors="replace")
            page = orjson.dumps({"id": path.stem, "source": "file", "text": text})
            yield _checked(str(path), page, limit, json=False)


def _checked(where: str, payload: bytes, limit: int, *, json: bool) -> Page:
    if json:
        try:
            orjson.loads(payload)
        except orjson.JSONDecodeError as exc:
            return Page(where, payload, f"not JSON ({exc})")
    size = len(payload) + len(_key(payload) or b"") + RECORD_OVERHEAD_BYTES
    if size > limit:
        return Page(where, payload, f"{len(payload)} bytes, over the producer's limit of "
                                    f"{limit} bytes a record (twice KHABAR_MAX_MESSAGE_BYTES, "
                                    "at least 1 MiB)")
    return Page(where, payload)


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
    await _started(settings, admin.start, admin.close)
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


async def probe_broker(settings: Settings, timeout: float) -> None:
    """One metadata bootstrap against the configured brokers; raises if none answers within
    ``timeout`` seconds."""
    # aiokafka logs its own line for every refused connection; the callers say it once.
    aiokafka_log = logging.getLogger("aiokafka")
    level = aiokafka_log.level
    aiokafka_log.setLevel(logging.CRITICAL)
    client = AIOKafkaClient(bootstrap_servers=bootstrap(settings),
                            request_timeout_ms=max(1, int(timeout * 1000)), **_auth(settings))
    try:
        await asyncio.wait_for(client.bootstrap(), timeout)
    finally:
        await client.close()
        aiokafka_log.setLevel(level)


async def reach_broker(settings: Settings) -> None:
    """Probe the broker until it answers, for at most ``settings.broker_wait_seconds``
    (a broker still starting refuses connections for a moment); then raise
    :class:`BrokerUnreachableError`."""
    deadline = time.monotonic() + settings.broker_wait_seconds
    delay = 0.25
    while True:
        try:
            await probe_broker(settings, max(0.1, deadline - time.monotonic()))
            return
        except (KafkaError, OSError, TimeoutError) as exc:
            if time.monotonic() + delay >= deadline:
                raise BrokerUnreachableError(settings, exc) from None
        await asyncio.sleep(delay)
        delay = min(delay * 2, 2.0)


async def _started(settings: Settings, start: Callable[[], Awaitable[None]],
                   stop: Callable[[], Awaitable[None]]) -> None:
    """``start()`` a client within the broker wait; on failure ``stop()`` it (an aiokafka
    client left unclosed warns at exit) and raise :class:`BrokerUnreachableError`."""
    try:
        await asyncio.wait_for(start(), settings.broker_wait_seconds)
    except (KafkaError, OSError, TimeoutError) as exc:
        await stop()
        raise BrokerUnreachableError(settings, exc) from None


def _producer(settings: Settings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap(settings), linger_ms=settings.producer_linger_ms,
        acks="all",  # what min.insync.replicas guards: aiokafka's default waits for the leader only
        max_request_size=max_request_bytes(settings), **_auth(settings),
    )


async def publish(settings: Settings, topic: str, payloads: Iterable[bytes]) -> list[Sent]:
    """Send every payload to ``topic``, keyed as the contract says; wait for every ack."""
    await ensure_topics(settings, [topic], settings.partitions)
    producer = _producer(settings)
    await _started(settings, producer.start, producer.stop)
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


async def publish_pages(settings: Settings, topic: str, pages: Iterable[Page],
                        report: Callable[[str, str], None],
                        tick: Callable[[], None] = lambda: None) -> tuple[int, int]:
    """Send every page that can be sent to ``topic``, keyed as the contract says, and wait
    for every ack. A page that cannot be sent, or that the producer or broker refuses, goes to
    ``report(where, reason)`` and the rest are still sent. ``tick()`` once per page. Returns
    how many pages were sent and how many were not."""
    await reach_broker(settings)
    await ensure_topics(settings, [topic], settings.partitions)
    producer = _producer(settings)
    await _started(settings, producer.start, producer.stop)
    failed = 0
    pending: list[tuple[str, asyncio.Future[Any]]] = []
    try:
        for page in pages:
            tick()
            problem = page.problem
            if problem is None:
                try:
                    pending.append((page.where, await producer.send(
                        topic, page.payload, key=_key(page.payload))))
                    continue
                except KafkaError as exc:
                    problem = f"not sent ({exc})"
            report(page.where, problem)
            failed += 1
        refused = 0
        for where, future in pending:
            try:
                await future
            except KafkaError as exc:
                report(where, f"not acknowledged ({exc})")
                refused += 1
        return len(pending) - refused, failed + refused
    finally:
        await producer.stop()


async def consume(
    settings: Settings, topics: list[str], *, idle_timeout: float | None = None,
) -> AsyncGenerator[tuple[str, Any], None]:
    """Yield ``(topic, record)`` from the beginning of ``topics``; stop after ``idle_timeout``
    seconds without a message (None: follow forever)."""
    await reach_broker(settings)
    consumer = AIOKafkaConsumer(
        *topics, bootstrap_servers=bootstrap(settings), auto_offset_reset="earliest",
        enable_auto_commit=False, group_id=None, fetch_max_wait_ms=100, **_auth(settings),
    )
    await _started(settings, consumer.start, consumer.stop)
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

