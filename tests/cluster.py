"""Worker processes and Kafka I/O on the embedded broker, for the integration and e2e tiers.

Each test gets its own topic prefix and consumer group on the session's broker (a Tansu
restart empties it, so one broker serves the whole session).
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from khabar.agents.kafka_io import Sent, consume, ensure_topics, publish
from khabar.streams.embedded import EmbeddedBroker, free_port, terminate
from khabar.streams.settings import Settings, worker_environment
from khabar.streams.topics import TopicNames

REPO = Path(__file__).resolve().parents[1]


def settings_for(broker: EmbeddedBroker, data_dir: Path, **changes: Any) -> Settings:
    """Settings for one test: a fresh prefix and group on the session's broker."""
    tag = uuid.uuid4().hex[:8]
    base = Settings(
        broker=broker.url, broker_profile="embedded", topic_prefix=f"t{tag}",
        app_id=f"khabar-{tag}", data_dir=data_dir, web_port=free_port(), log_level="info",
    )
    return dataclasses.replace(base, **changes)


class WorkerProcess:
    """``khabar worker`` as a child process with its own data dir and web port."""

    def __init__(self, settings: Settings, log_path: Path, extra_env: dict[str, str] | None = None):
        self.settings = settings
        self.log_path = log_path
        env = worker_environment(settings, **(extra_env or {}))
        self.log = log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "khabar.agents.cli", "worker"], cwd=REPO, env=env,
            stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL, start_new_session=True,
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.web_port}"

    def get(self, path: str, timeout: float = 2.0) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited with {self.process.returncode}: "
                                   f"{self.log_path.read_text(errors='replace')[-3000:]}")
            try:
                if self.get("/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"worker not ready: {self.log_path.read_text(errors='replace')[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: a crash, no clean shutdown."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()

    def stop(self) -> None:
        terminate(self.process, grace=15.0)
        self.log.close()


def wait_all_ready(workers: list[WorkerProcess], timeout: float) -> None:
    """Every worker ready at the same time, twice in a row (a second member's join makes the
    first one rebalance after it first said ready)."""
    deadline = time.monotonic() + timeout
    for worker in workers:
        worker.wait_ready(timeout=max(1.0, deadline - time.monotonic()))
    streak = 0
    while streak < 2:
        if time.monotonic() > deadline:
            raise TimeoutError("workers never ready together")
        ok = True
        for worker in workers:
            try:
                ok = ok and worker.get("/readyz")[0] == 200
            except OSError:
                ok = False
        streak = streak + 1 if ok else 0
        time.sleep(1.0)


def metric(worker: WorkerProcess, name: str) -> float:
    """Sum of every sample of ``name`` on the worker's /metrics page (0 when unreachable)."""
    try:
        status, body = worker.get("/metrics", timeout=5.0)
    except OSError:
        return 0.0
    if status != 200:
        return 0.0
    total = 0.0
    for line in body.decode().splitlines():
        if line.startswith(name) and line[len(name)] in " {":
            total += float(line.rsplit(" ", 1)[1])
    return total


def samples(worker: WorkerProcess, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """Every sample of the gauge ``name`` on the worker's /metrics page, by its labels as
    sorted (label, value) pairs."""
    status, body = worker.get("/metrics", timeout=5.0)
    assert status == 200, body[:500]
    return {tuple(sorted(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(body.decode())
            for sample in family.samples if sample.name == name}


def wait_pages(worker: WorkerProcess, at_least: float, timeout: float,
               counter: str = "khabar_pages_total") -> float:
    """Wait until the worker's ``counter`` (by default, raw pages taken in) reaches
    ``at_least``; return its value."""
    deadline = time.monotonic() + timeout
    seen = 0.0
    while time.monotonic() < deadline:
        assert worker.process.poll() is None, worker.log_path.read_text(errors="replace")[-3000:]
        seen = metric(worker, counter)
        if seen >= at_least:
            return seen
        time.sleep(0.2)
    raise TimeoutError(f"worker's {counter} at {seen}, not {at_least}, after {timeout} s")


def names(settings: Settings, labels: Iterable[str] = ()) -> TopicNames:
    return TopicNames(settings.topic_prefix, tuple(labels))


def publish_messages(settings: Settings, messages: list[bytes]) -> list[Sent]:
    return asyncio.run(publish(settings, names(settings).raw, messages))


def create_topics(settings: Settings, topics: list[str]) -> None:
    asyncio.run(ensure_topics(settings, topics, settings.partitions))


def collect(settings: Settings, topics: list[str], *, until: Any, timeout: float = 120.0,
            idle: float = 5.0) -> dict[str, list[dict[str, Any]]]:
    """Read ``topics`` from the start until ``until(records)`` is true (then ``idle`` more
    seconds, to catch anything extra) or ``timeout`` passes."""

    async def run() -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {t: [] for t in topics}
        done_at: float | None = None

        async def read() -> None:
            nonlocal done_at
            async for topic, record in consume(settings, topics):
                out[topic].append(record)
                if done_at is None and until(out):
                    done_at = time.monotonic()

        task = asyncio.ensure_future(read())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if done_at is not None and time.monotonic() - done_at > idle:
                break
            await asyncio.sleep(0.2)
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception):  # noqa: BLE001 - the reader is being stopped
            pass
        return out

    return asyncio.run(run())
