"""Where the pages agent runs the per-page cores: on the event loop, or in worker processes.

The page cores (ingest → fingerprint → classify, about 1.2 ms of CPU a page) are pure CPU. On
the event loop they hold it while the dedup hop, the producer and the consumer wait, so a
worker uses one core, and under load the dedup hop's latency grows with every page batch.
With ``processes >= 1`` each batch runs in a pool of spawned processes while the loop goes
on with the dedup hop and the sends, and the pages agent has the next batch run while it
sends the last one (:mod:`agents.read_ahead`). It still awaits each batch before sending and
acknowledging it, so delivery stays at-least-once and in order per partition. A process
that dies breaks the pool: the agent raises and the worker stops, to be restarted, without
having committed the batch.
"""

from __future__ import annotations

import asyncio
import gc
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from khabar.agents.classify.core import Classifier
from khabar.agents.pipeline import Observer, Origin, PageResult, PageStage
from khabar.streams import records

#: How often a pool process checks that the worker that started it is still alive.
PARENT_CHECK_SECONDS = 1.0

Page = tuple[bytes, Origin]


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """What one raw message became, ready to send: candidates as (key, serialised record)."""

    source: str | None
    dead_letter: records.Record | None
    candidates: list[tuple[bytes, bytes]]


def outcome(result: PageResult) -> PageOutcome:
    return PageOutcome(result.source, result.dead_letter, result.messages)


class PageRunner:
    """Runs :class:`PageStage` over batches of raw pages; see the module docstring."""

    def __init__(self, classifier: Classifier, *, max_message_bytes: int,
                 dlq_payload_bytes: int, processes: int, observe: Observer,
                 setup_logging: Callable[[], None] | None = None) -> None:
        """``setup_logging`` runs first in each core process (a spawned process has no log
        handler: its lines would bypass the worker's level and format); it must pickle."""
        self.processes = processes
        self.observe = observe
        self.setup_logging = setup_logging
        self.stage = PageStage(classifier, max_message_bytes=max_message_bytes,
                               dlq_payload_bytes=dlq_payload_bytes, observe=observe)
        self.pool: ProcessPoolExecutor | None = None

    async def run(self, pages: Sequence[Page]) -> list[PageOutcome]:
        """One outcome per page, in order."""
        if not self.processes:
            return [outcome(self.stage.run(payload, origin)) for payload, origin in pages]
        if self.pool is None:  # started at the first batch, after any close()
            # spawn: the worker has threads (consumer, RocksDB), which fork would copy locked
            self.pool = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_process,
                initargs=(self.stage.classifier, self.stage.max_message_bytes,
                          self.stage.dlq_payload_bytes, os.getpid(), self.setup_logging),
            )
        loop = asyncio.get_running_loop()
        size = math.ceil(len(pages) / self.processes)
        chunks = [pages[i:i + size] for i in range(0, len(pages), size)]
        done = await asyncio.gather(*(loop.run_in_executor(self.pool, _run_chunk, list(chunk))
                                      for chunk in chunks))
        outcomes: list[PageOutcome] = []
        for chunk_outcomes, timings in done:
            outcomes.extend(chunk_outcomes)
            for stage, seconds in timings:
                self.observe(stage, seconds)
        return outcomes

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


# --- in a pool process ----------------------------------------------------------------------

_stage: PageStage | None = None
_timings: list[tuple[str, float]] = []


def _start_process(classifier: Classifier, max_message_bytes: int, dlq_payload_bytes: int,
                   parent: int, setup_logging: Callable[[], None] | None) -> None:
    global _stage
    if setup_logging is not None:
        setup_logging()
    _stage = PageStage(classifier, max_message_bytes=max_message_bytes,
                       dlq_payload_bytes=dlq_payload_bytes,
                       observe=lambda stage, seconds: _timings.append((stage, seconds)))
    freeze_heap()  # the classifier lives as long as the process
    # A worker killed with SIGKILL cannot stop its pool: leave when it is gone.
    threading.Thread(target=_exit_without, args=(parent,), daemon=True).start()


def freeze_heap() -> None:
    """Move what a process has loaded at start-up out of the collector's way, for a process
    that keeps it to the end (the worker, a core process). A full collection then skips it: in
    a core process under load 4 ms instead of 24 ms, a pause of the batch that triggers it; in
    the worker during start-up 2 ms instead of 30-56 ms (about 107,000 objects)."""
    gc.collect()
    gc.freeze()


def _exit_without(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def _run_chunk(pages: list[Page]) -> tuple[list[PageOutcome], list[tuple[str, float]]]:
    assert _stage is not None, "the pool's initializer did not run"
    _timings.clear()
    outcomes = [outcome(_stage.run(payload, origin)) for payload, origin in pages]
    return outcomes, list(_timings)
