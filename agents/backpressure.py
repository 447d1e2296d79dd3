"""Backpressure from the dedup hop onto the raw partitions of the worker that owns it.

Both agents of a worker read through one consumer, and faust hands a fetch's records to the
agents in order: while the pages agent's buffer is full, the fetcher waits on a raw page, and
the dedup records fetched after it wait too. Under a backlog of raw pages the dedup agent got
a few records per fetch and fell ever further behind (95,000 pages taken in, 10,500 decided).
Taking the raw partitions out of faust's active partitions makes the next fetches carry dedup
records only, until the backlog is down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol

log = logging.getLogger(__name__)

#: Candidates forwarded and not yet decided on this worker that pause the raw partitions.
BACKLOG_HIGH = 1000
#: ... and that resume them.
BACKLOG_LOW = 200
#: A pause that sees no decision for this long is lifted: it cannot help a dedup agent that
#: takes nothing in (the candidates went to another worker, or the counts are off).
STALL_SECONDS = 10.0


class PartitionConsumer(Protocol):
    """The part of faust's consumer this uses."""

    def assignment(self) -> Iterable[Any]: ...

    def pause_partitions(self, tps: Iterable[Any]) -> None: ...

    def resume_partitions(self, tps: Iterable[Any]) -> None: ...


class DedupBackpressure:
    """Pauses this worker's raw partitions while its own dedup agent is far behind.

    Counted on the worker that owns the dedup partition only (other workers' pages agents feed
    it too, so the count is a lower bound). The pages agent adds to ``forwarded``, the dedup
    agent to ``decided``; call :meth:`update` after either and on a timer, :meth:`reset` after
    every rebalance (faust keeps a paused partition paused across one).
    """

    def __init__(self, raw_topic: str, dedup_topic: str, *, high: int = BACKLOG_HIGH,
                 low: int = BACKLOG_LOW, stall_seconds: float = STALL_SECONDS,
                 on_backlog: Callable[[int], None] = lambda backlog: None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.raw_topic, self.dedup_topic = raw_topic, dedup_topic
        self.high, self.low, self.stall_seconds = high, low, stall_seconds
        self.on_backlog, self.clock = on_backlog, clock
        self.forwarded = self.decided = 0
        self.paused = False
        self._progress = (0, 0.0)  # (decided, when) at the last decision seen while paused

    @property
    def backlog(self) -> int:
        return self.forwarded - self.decided

    def update(self, consumer: PartitionConsumer) -> None:
        backlog = self.backlog
        self.on_backlog(backlog)
        if not self.paused:
            if backlog > self.high and self._owns_dedup(consumer):
                raw = self._raw(consumer)
                consumer.pause_partitions(raw)
                self.paused = True
                self._progress = (self.decided, self.clock())
                log.info("dedup is %d candidates behind: %d raw partitions paused",
                         backlog, len(raw))
            return
        if self.decided != self._progress[0]:
            self._progress = (self.decided, self.clock())
        stalled = self.clock() - self._progress[1] > self.stall_seconds
        if backlog < self.low or stalled:
            self._resume(consumer, "stalled" if stalled and backlog >= self.low else "caught up")

    def reset(self, consumer: PartitionConsumer) -> None:
        if self.paused:
            self._resume(consumer, "rebalanced")
        self.forwarded = self.decided = 0

    def _resume(self, consumer: PartitionConsumer, why: str) -> None:
        raw = self._raw(consumer)
        consumer.resume_partitions(raw)
        self.paused = False
        log.info("dedup %s, %d candidates behind: %d raw partitions resumed", why,
                 self.backlog, len(raw))

    def _raw(self, consumer: PartitionConsumer) -> set[Any]:
        return {tp for tp in consumer.assignment() if tp.topic == self.raw_topic}

    def _owns_dedup(self, consumer: PartitionConsumer) -> bool:
        return any(tp.topic == self.dedup_topic for tp in consumer.assignment())
