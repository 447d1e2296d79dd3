"""Start work on the next batches while the caller finishes the current one.

The pages agent takes a batch of raw pages, has the core process run them, then sends the
records and acknowledges the events. Done in turn, the core process waits while the loop
sends, and the loop's sends wait for the core process: under a backlog both sat about 40 %
idle. :func:`read_ahead` reads the batches in a task of its own and starts each one's work as
it arrives, up to ``depth`` batches ahead, while the caller gets them back in order, with
their results, and finishes one at a time.

The caller, not the reading task, acknowledges: a batch is acknowledged only after its records
are sent, and it is always finished, even while faust's reading is suspended for a rebalance
(faust waits for every event taken to be acknowledged before it commits and lets the
partitions go).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import TypeVar

B = TypeVar("B")
R = TypeVar("R")


async def read_ahead(batches: AsyncGenerator[B, None], start: Callable[[B], Awaitable[R]],
                     depth: int) -> AsyncGenerator[tuple[B, R], None]:
    """Each batch of ``batches`` with the result of ``start(batch)``, in the order read.

    A batch is read and ``start`` called on it as soon as fewer than ``depth`` batches are
    read and not yet finished with by the caller (who finishes one by asking for the next).
    An exception from reading or from a batch's work is raised here in order, after the
    batches before it. Closing this generator (iterate it inside ``contextlib.aclosing``: a
    ``break`` or an exception in the loop does not close it) closes ``batches`` and cancels
    the work not handed out.
    """
    if depth < 1:
        raise ValueError(f"depth must be at least 1, not {depth}")
    room = asyncio.Semaphore(depth)
    # (batch, its work) as read; None when reading ended, ran out or raised
    started: asyncio.Queue[tuple[B, asyncio.Future[R]] | None] = asyncio.Queue()

    async def read() -> None:
        try:
            while True:
                await room.acquire()
                try:
                    batch = await anext(batches)
                except StopAsyncIteration:
                    return
                started.put_nowait((batch, asyncio.ensure_future(start(batch))))
        finally:
            started.put_nowait(None)
            await batches.aclose()

    reader = asyncio.ensure_future(read())
    try:
        while (item := await started.get()) is not None:
            batch, work = item
            yield batch, await work
            room.release()
        await reader  # raises what reading raised
    finally:
        reader.cancel()
        while not started.empty():
            item = started.get_nowait()
            if item is not None:
                item[1].cancel()
