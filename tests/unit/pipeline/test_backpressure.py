"""The dedup backlog pauses and resumes the raw partitions of the worker that owns dedup."""

from __future__ import annotations

from typing import Any, NamedTuple

from agents.backpressure import DedupBackpressure


class TP(NamedTuple):
    topic: str
    partition: int


RAW = [TP("a.raw", p) for p in range(4)]
DEDUP = TP("a.dedup", 0)


class FakeConsumer:
    def __init__(self, assigned: list[TP]) -> None:
        self.assigned = set(assigned)
        self.paused: set[TP] = set()

    def assignment(self) -> set[TP]:
        return set(self.assigned)

    def pause_partitions(self, tps: Any) -> None:
        self.paused |= set(tps)

    def resume_partitions(self, tps: Any) -> None:
        self.paused -= set(tps)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def pressure(clock: Clock | None = None) -> tuple[DedupBackpressure, list[int]]:
    seen: list[int] = []
    return DedupBackpressure("a.raw", "a.dedup", high=10, low=3, stall_seconds=5.0,
                             on_backlog=seen.append, clock=clock or Clock()), seen


def test_pauses_above_high_and_resumes_below_low() -> None:
    consumer = FakeConsumer([*RAW, DEDUP])
    bp, seen = pressure()
    bp.forwarded = 10
    bp.update(consumer)
    assert not consumer.paused  # at the mark, not above it
    bp.forwarded = 11
    bp.update(consumer)
    assert consumer.paused == set(RAW) and bp.paused
    for _ in range(8):  # 11 -> 3 behind: still paused
        bp.decided += 1
        bp.update(consumer)
        assert consumer.paused == set(RAW)
    bp.decided += 1
    bp.update(consumer)
    assert not consumer.paused and not bp.paused
    assert seen[-1] == 2


def test_a_worker_without_the_dedup_partition_never_pauses() -> None:
    consumer = FakeConsumer(RAW)
    bp, _ = pressure()
    bp.forwarded = 1000
    bp.update(consumer)
    assert not consumer.paused


def test_a_pause_without_decisions_is_lifted_after_the_stall_time() -> None:
    clock = Clock()
    consumer = FakeConsumer([*RAW, DEDUP])
    bp, _ = pressure(clock)
    bp.forwarded = 50
    bp.update(consumer)
    assert consumer.paused
    clock.now = 4.0
    bp.decided += 1  # progress: the stall clock restarts
    bp.update(consumer)
    clock.now = 8.5
    bp.update(consumer)
    assert consumer.paused
    clock.now = 9.5
    bp.update(consumer)
    assert not consumer.paused


def test_a_rebalance_resumes_what_is_still_assigned_and_restarts_the_count() -> None:
    consumer = FakeConsumer([*RAW, DEDUP])
    bp, _ = pressure()
    bp.forwarded = 20
    bp.update(consumer)
    assert consumer.paused == set(RAW)
    consumer.assigned = {RAW[0], RAW[1], DEDUP}  # faust keeps paused partitions still assigned
    consumer.paused &= consumer.assigned
    bp.reset(consumer)
    assert not consumer.paused and not bp.paused
    assert bp.backlog == 0
