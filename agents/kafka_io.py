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
from aiokafka.errors import KafkaError, TopicAlreadyExistsError, for_code

from khabar.agents.console import EXIT_UNAVAILABLE, UserError
from khabar.agents.page_files import BOM, page_lines
from khabar.streams.app import faust_config, max_request_bytes
from khabar.streams.logs import redact, secrets
from khabar.streams.settings import Settings


@dataclass(frozen=True, slots=True)
class Sent:
    """Where one published message landed."""

    key: bytes | None
    partition: int
    offset: int


@dataclass(frozen=True, slots=True)
class Page:
    """One raw page to send, with where it came from (``FILE:LINE``, or ``FILE`` for a
    plain-text file), its key (:func:`page_key`) and, when it cannot be sent, why."""

    where: str
    payload: bytes
    key: bytes | None
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


def pages_from_files(paths: Iterable[Path], limit: int | None) -> Iterator[Page]:
    """Raw pages from files: ``.jsonl``/``.json`` files give one page per line; any other file
    is one plain-text page whose id is the file name. With ``limit`` (the message limit), a
    line that is not JSON, or a page whose key and value are over ``limit`` bytes, cannot be
    sent; without it every page is sent as it is (the worker dead-letters what it cannot take,
    where the topic accepts it). A file that cannot be read is one page that cannot be sent."""
    for path in paths:
        try:
            if path.suffix in (".jsonl", ".json", ".ndjson"):
                with path.open("rb") as handle:
                    for number, line in page_lines(handle):
                        yield _checked(f"{path}:{number}", line, limit)
            else:
                text = path.read_bytes().removeprefix(BOM).decode("utf-8", errors="replace")
                page = orjson.dumps({"id": path.stem, "source": "file", "text": text})
                yield _checked(str(path), page, limit)
        except OSError as exc:
            yield Page(str(path), b"", None, f"not read ({exc.strerror or exc})")


def _checked(where: str, payload: bytes, limit: int | None) -> Page:
    try:
        key = page_key(orjson.loads(payload))
    except orjson.JSONDecodeError as exc:
        return Page(where, payload, None, None if limit is None else f"not JSON ({exc})")
    size = len(payload) + len(key or b"")
    if limit is not None and size > limit:
        return Page(where, payload, key, f"{size} bytes with its key, over "
                                         f"KHABAR_MAX_MESSAGE_BYTES ({limit})")
    return Page(where, payload, key)


def page_key(page: object) -> bytes | None:
    """The contract's key of a decoded raw page: its ``id``, else its ``url``, else none."""
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
            response = await admin.create_topics(new)
            refused = [(topic, for_code(code).__name__) for topic, code, *_ in
                       response.topic_errors
                       if code and code != TopicAlreadyExistsError.errno]
            if refused:
                raise UserError("the broker did not create "
                                + ", ".join(f"{topic} ({why})" for topic, why in refused))
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
    """Send every payload to ``topic`` as it is, keyed as the contract says; wait for every
    ack. Raises :class:`UserError` on the first payload the producer or broker refuses."""

    def refused(where: str, reason: str) -> None:
        raise UserError(f"{where}: {reason}")

    pages = (_checked(f"message {n}", payload, None) for n, payload in enumerate(payloads, 1))
    sent, _ = await publish_pages(settings, topic, pages, refused)
    return sent


async def publish_pages(settings: Settings, topic: str, pages: Iterable[Page],
                        report: Callable[[str, str], None],
                        tick: Callable[[], None] = lambda: None) -> tuple[list[Sent], int]:
    """Send every page that can be sent to ``topic`` and wait for every ack. A page that cannot
    be sent, or that the producer or broker refuses, goes to ``report(where, reason)`` and the
    rest are still sent. ``tick()`` once per page. Returns where the sent pages landed, and
    how many pages were not sent."""
    await reach_broker(settings)
    await ensure_topics(settings, [topic], settings.partitions)
    producer = _producer(settings)
    await _started(settings, producer.start, producer.stop)
    failed = 0
    # Only where each pending page came from is kept until the acks, not its bytes.
    pending: list[tuple[str, bytes | None, asyncio.Future[Any]]] = []
    try:
        for page in pages:
            tick()
            problem = page.problem
            if problem is None:
                try:
                    pending.append((page.where, page.key, await producer.send(
                        topic, page.payload, key=page.key)))
                    continue
                except KafkaError as exc:
                    problem = f"not sent ({exc})"
            report(page.where, problem)
            failed += 1
        sent = []
        for where, key, future in pending:
            try:
                metadata = await future
            except KafkaError as exc:
                report(where, f"not acknowledged ({exc})")
                failed += 1
                continue
            sent.append(Sent(key, metadata.partition, metadata.offset))
        return sent, failed
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

