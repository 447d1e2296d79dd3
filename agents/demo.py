"""``make run``: the embedded broker, one worker, the bundled samples, and what came out.

Starts Tansu on a free port and a worker process against it (embedded profile), publishes the
sample pages, and prints every enriched article, duplicate notice and dead letter as it
arrives. Runs until Ctrl-C, or with ``KHABAR_DEMO_ONCE=1`` until every sample is accounted
for (exit 0) or the time runs out (exit 1). Stops everything it started.
"""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.agents.kafka_io import Sent, consume, ensure_topics, publish
from khabar.agents.samples import raw_messages
from khabar.streams.embedded import EmbeddedBroker, free_port, terminate
from khabar.streams.settings import Settings, worker_environment
from khabar.streams.topics import TopicNames

ONCE_TIMEOUT_SECONDS = 240.0


@dataclass
class Accounting:
    """Which published raw messages have an output yet.

    A page is accounted for by an article or duplicate notice whose ``source_id`` is its key,
    or by a dead letter naming its key or its partition and offset.
    """

    topic: str
    sent: list[Sent]
    by_key: dict[str, int] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        for index, message in enumerate(self.sent):
            if message.key is not None:
                self.by_key.setdefault(message.key.decode(), index)
        self.by_position: dict[tuple[object, object], int] = {
            (m.partition, m.offset): i for i, m in enumerate(self.sent)}

    def see(self, record: dict[str, Any]) -> None:
        if record.get("kind") == "dead_letter" and record.get("topic") == self.topic:
            index = self.by_position.get((record.get("partition"), record.get("offset")))
            if index is not None:
                self.done.add(index)
                return
        index = self.by_key.get(str(record.get("source_id")))
        if index is not None:
            self.done.add(index)

    @property
    def complete(self) -> bool:
        return len(self.done) == len(self.sent)

    @property
    def missing(self) -> list[Sent]:
        return [m for i, m in enumerate(self.sent) if i not in self.done]


def describe(topic: str, record: dict[str, Any]) -> str:
    """One terminal line for an output record."""
    kind = record.get("kind")
    if kind == "article":
        labels = ",".join(record["labels"]) or "-"
        return (f"ARTICLE   {record['id']:<24} {record['lang']:<3} [{labels}] "
                f"{record.get('title') or ''}"[:160])
    if kind == "duplicate":
        return (f"DUPLICATE {record['id']:<24} of {record['duplicate_of']} "
                f"({record['method']}, {record['similarity']:.2f})")
    if kind == "dead_letter":
        return (f"DEAD      {record.get('source_id') or '?':<24} {record['reason']}: "
                f"{record['error']}"[:160])
    return f"{topic}: {record}"


def start_worker(settings: Settings, log_path: Path) -> subprocess.Popen[bytes]:
    """A ``khabar worker`` process with ``settings`` as its environment."""
    log = log_path.open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "khabar.agents.cli", "worker"], env=worker_environment(settings),
        stdout=log, stderr=log,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )


async def _show(settings: Settings, names: TopicNames, once: bool) -> bool:
    await ensure_topics(settings, [names.raw], settings.partitions)
    await ensure_topics(settings, [names.enriched, names.duplicates, names.dlq],
                        settings.partitions)
    sent = await publish(settings, names.raw, raw_messages())
    print(f"published {len(sent)} sample pages to {names.raw}", flush=True)
    accounting = Accounting(names.raw, sent)
    outputs = [names.enriched, names.duplicates, names.dlq]
    async for topic, record in consume(settings, outputs):
        print(describe(topic, record), flush=True)
        accounting.see(record)
        if accounting.complete and once:
            print(f"all {len(sent)} samples accounted for", flush=True)
            return True
    return False


def run_demo(settings: Settings, *, once: bool) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="khabar-demo-"))
    broker = EmbeddedBroker().start()
    worker: subprocess.Popen[bytes] | None = None
    try:
        settings = dataclasses.replace(
            settings, broker=broker.url, broker_profile="embedded",
            data_dir=workdir / "data", web_port=free_port(), log_level="warn",
        )
        names = TopicNames(settings.topic_prefix, ())
        worker = start_worker(settings, workdir / "worker.log")
        print(f"embedded broker: {broker.url}   worker log: {workdir / 'worker.log'}")
        print(f"metrics: http://{settings.web_host}:{settings.web_port}/metrics   "
              f"health: /healthz /readyz", flush=True)
        if once:
            ok = asyncio.run(asyncio.wait_for(_show(settings, names, once),
                                              ONCE_TIMEOUT_SECONDS))
            return 0 if ok else 1
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        asyncio.run(_show(settings, names, once))
        return 0
    except TimeoutError:
        print("timed out before every sample was accounted for", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        if worker is not None:
            terminate(worker, grace=10.0)
        broker.stop()
        shutil.rmtree(workdir, ignore_errors=True)
