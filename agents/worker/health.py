"""Liveness and readiness: ``/healthz`` (commit progress) and ``/readyz`` (joined the group,
not recovering, not rebalancing)."""

from __future__ import annotations

import time
from typing import Any

import faust
from faust.exceptions import ConsumerNotStarted
from faust.sensors import Sensor
from faust.types import TP

from khabar.streams.hooks.consumer import committed_offsets

#: ``/healthz`` fails when consumed messages have waited this long with no commit progress.
LIVENESS_STALL_SECONDS = 120.0
COMMIT_WATCH_EVERY_SECONDS = 5.0


class CommitWatch(Sensor):
    """Commit progress, for liveness: a worker is stalled when some message it consumed from a
    partition it still owns has waited more than ``threshold`` seconds and no commit has
    advanced in that time. An idle worker (nothing consumed past the last commit) is alive."""

    def __init__(self, threshold: float = LIVENESS_STALL_SECONDS,
                 clock: Any = time.monotonic, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.threshold = threshold
        self.clock = clock
        self.last_in: dict[TP, int] = {}
        self.committed: dict[TP, int] = {}
        self.pending_since: dict[TP, float] = {}
        self.last_progress = clock()

    def on_message_in(self, tp: TP, offset: int, message: Any) -> None:
        self.last_in[tp] = max(offset, self.last_in.get(tp, -1))
        if tp not in self.pending_since and offset >= self.committed.get(tp, -1):
            self.pending_since[tp] = self.clock()

    def on_tp_commit(self, tp_offsets: Any) -> None:
        now = self.clock()
        for tp, offset in tp_offsets.items():
            if offset is None or offset <= self.committed.get(tp, -1):
                continue
            self.committed[tp] = offset
            self.last_progress = now
            if self.last_in.get(tp, -1) < offset:
                self.pending_since.pop(tp, None)
            else:
                self.pending_since[tp] = now

    def stalled_for(self, assigned: Any = None) -> float:
        """Seconds the oldest uncommitted message (of ``assigned`` partitions) has waited
        since the last commit progress; 0.0 when nothing waits."""
        waiting = [since for tp, since in self.pending_since.items()
                   if assigned is None or tp in assigned]
        if not waiting:
            return 0.0
        return max(0.0, self.clock() - max(min(waiting), self.last_progress))

    def alive(self, assigned: Any = None) -> bool:
        return self.stalled_for(assigned) <= self.threshold


def assigned_partitions(app: faust.App) -> set[Any]:
    """The partitions assigned to this worker; empty before its consumer has started."""
    try:
        return set(app.consumer.assignment())
    except ConsumerNotStarted:
        return set()


def register_health(app: faust.App, watch: CommitWatch) -> None:
    def sync_commits() -> None:
        # faust reports commits to ``app.monitor`` only, not to added sensors: read them.
        consumer = app.consumer
        if consumer is not None:
            watch.on_tp_commit({tp: offset for tp, offset in
                                committed_offsets(consumer).items() if offset is not None})

    @app.timer(COMMIT_WATCH_EVERY_SECONDS)
    async def commit_watch() -> None:
        sync_commits()

    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        sync_commits()
        assigned = assigned_partitions(app)
        stalled = round(watch.stalled_for(assigned), 1)
        if stalled > watch.threshold:
            return web.json({"status": "stalled", "uncommitted_for_seconds": stalled},
                            status=503)
        return web.json({"status": "alive", "uncommitted_for_seconds": stalled})

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        # A worker that has been through a rebalance and holds nothing (more workers than
        # partitions) is a settled member on standby: ready, or it would stall a rollout.
        assigned = bool(assigned_partitions(app))
        joined = assigned or app.rebalancing_count > 0
        recovering = bool(getattr(app, "in_recovery", False))
        ready = joined and not recovering and not app.rebalancing
        body = {"ready": ready, "assigned": assigned, "recovering": recovering}
        return web.json(body, status=200 if ready else 503)
