"""Liveness from commit progress, and the worker's wait for its broker."""

from __future__ import annotations

import logging

import pytest
from faust.types import TP

from khabar.agents.cli import BROKER_RETRY_MAX_SECONDS, wait_for_broker
from khabar.agents.worker.health import CommitWatch
from khabar.streams.settings import Settings

A, B = TP("raw", 0), TP("raw", 1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_idle_worker_is_alive() -> None:
    clock = Clock()
    watch = CommitWatch(threshold=120, clock=clock)
    clock.now += 10_000
    assert watch.stalled_for() == 0.0 and watch.alive()


def test_committed_messages_keep_the_worker_alive() -> None:
    clock = Clock()
    watch = CommitWatch(threshold=120, clock=clock)
    for offset in range(10):
        watch.on_message_in(A, offset, None)
        clock.now += 30
        watch.on_tp_commit({A: offset + 1})
    clock.now += 10_000  # idle since the last commit covered everything
    assert watch.alive()


def test_uncommitted_messages_without_commit_progress_fail_liveness() -> None:
    clock = Clock()
    watch = CommitWatch(threshold=120, clock=clock)
    watch.on_message_in(A, 0, None)
    watch.on_message_in(A, 1, None)
    clock.now += 100
    assert watch.alive()
    clock.now += 21
    assert not watch.alive() and watch.stalled_for() == pytest.approx(121)
    watch.on_tp_commit({A: 1})  # progress, offset 1 still waits
    assert watch.alive()
    clock.now += 121
    assert not watch.alive()
    watch.on_tp_commit({A: 2})
    assert watch.alive() and watch.stalled_for() == 0.0


def test_progress_on_any_partition_counts_and_revoked_partitions_do_not() -> None:
    clock = Clock()
    watch = CommitWatch(threshold=120, clock=clock)
    watch.on_message_in(A, 5, None)
    watch.on_message_in(B, 0, None)
    clock.now += 100
    watch.on_tp_commit({B: 1})  # a slow message on A, but the worker still commits
    clock.now += 100
    assert watch.alive()
    clock.now += 100
    assert not watch.alive()
    assert watch.alive(assigned={B})  # A was revoked: its messages are another worker's now


def test_a_stale_commit_is_not_progress() -> None:
    clock = Clock()
    watch = CommitWatch(threshold=120, clock=clock)
    watch.on_tp_commit({A: 10})
    watch.on_message_in(A, 10, None)
    clock.now += 200
    watch.on_tp_commit({A: 10})
    assert not watch.alive()


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_broker_wait_backs_off_to_the_cap_with_one_line_per_attempt() -> None:
    settings = Settings(broker="kafka://127.0.0.1:9")
    sleeps: list[float] = []
    attempts = iter([OSError("refused")] * 8 + [None])

    def probe() -> None:
        failure = next(attempts)
        if failure is not None:
            raise failure

    logger, handler = logging.getLogger("khabar.startup"), Lines()
    logger.addHandler(handler)
    try:
        assert wait_for_broker(settings, sleep=sleeps.append, probe=probe)
    finally:
        logger.removeHandler(handler)
    assert sleeps == [0.5, 1, 2, 4, 8, 10, 10, 10]
    assert max(sleeps) == BROKER_RETRY_MAX_SECONDS
    lines = handler.lines[:-1]
    assert handler.lines[-1].startswith("broker 127.0.0.1:9 reachable after 9 attempts")
    assert len(lines) == 8
    assert lines[0].startswith("broker 127.0.0.1:9 not reachable, retrying in 0.5s")
    assert lines[-1].startswith("broker 127.0.0.1:9 not reachable, retrying in 10s")


def test_broker_wait_never_echoes_the_password() -> None:
    settings = Settings(broker="kafka://127.0.0.1:9", security_protocol="SASL_PLAINTEXT",
                        sasl_mechanism="PLAIN", sasl_username="u", sasl_password="s3cret-pw")

    def probe() -> None:
        raise RuntimeError("authentication failed for u with password s3cret-pw")

    logger, handler = logging.getLogger("khabar.startup"), Lines()
    logger.addHandler(handler)
    try:
        assert not wait_for_broker(settings, sleep=lambda _: None, probe=probe, max_attempts=3)
    finally:
        logger.removeHandler(handler)
    text = "\n".join(handler.lines)
    assert "not reachable" in text and "s3cret-pw" not in text and "***" in text
