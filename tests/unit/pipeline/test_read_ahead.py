"""read_ahead: batches' work started ahead of the caller, handed back in order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from typing import TypeVar

import pytest

from khabar.agents.read_ahead import read_ahead

B = TypeVar("B")
R = TypeVar("R")


async def take(pairs: AsyncGenerator[tuple[B, R], None], n: int) -> list[tuple[B, R]]:
    """The first ``n`` pairs, then the generator closed, as the pages agent closes it."""
    got = []
    async with aclosing(pairs):
        async for pair in pairs:
            got.append(pair)
            if len(got) == n:
                break
    return got


class Source:
    """Batches 0..n-1 as an async generator; records how far it was read and if it closed."""

    def __init__(self, n: int, fail_after: int | None = None) -> None:
        self.n = n
        self.fail_after = fail_after
        self.read = 0
        self.closed = False

    async def batches(self) -> AsyncIterator[int]:
        try:
            for i in range(self.n):
                if self.fail_after is not None and i == self.fail_after:
                    raise RuntimeError("reading failed")
                self.read += 1
                yield i
                await asyncio.sleep(0)
            await asyncio.Event().wait()  # like a stream: no end until stopped
        finally:
            self.closed = True


async def test_results_come_in_the_order_read_even_when_later_work_ends_first() -> None:
    async def start(batch: int) -> str:
        await asyncio.sleep(0.02 if batch == 0 else 0)
        return f"done {batch}"

    got = await take(read_ahead(Source(3).batches(), start, depth=3), 3)
    assert got == [(0, "done 0"), (1, "done 1"), (2, "done 2")]


async def test_the_next_batches_start_while_the_caller_finishes_one_up_to_depth() -> None:
    source = Source(10)
    started: list[int] = []

    async def start(batch: int) -> int:
        started.append(batch)
        return batch

    pairs = read_ahead(source.batches(), start, depth=2)
    async with aclosing(pairs):
        async for batch, _ in pairs:
            await asyncio.sleep(0.01)  # the caller sends the batch
            # batch+1 started while this one is finished; batch+2 waits for room
            assert started == [*range(batch + 2)]
            if batch == 5:
                break
    assert source.read == 7  # read no further than depth ahead


async def test_a_failed_batch_is_raised_after_the_batches_before_it() -> None:
    cancelled: list[int] = []

    async def start(batch: int) -> int:
        try:
            await asyncio.sleep({0: 0, 1: 0.01}.get(batch, 1.0))
        except asyncio.CancelledError:
            cancelled.append(batch)
            raise
        if batch == 1:
            raise ValueError("core failed")
        return batch

    source = Source(5)
    got = []
    pairs = read_ahead(source.batches(), start, depth=3)
    with pytest.raises(ValueError, match="core failed"):
        async with aclosing(pairs):
            async for batch, _ in pairs:
                got.append(batch)
    assert got == [0]
    await asyncio.sleep(0)
    assert cancelled == [2, 3] and source.closed  # work not handed out is cancelled, reading ends


async def test_a_reading_error_is_raised_after_the_batches_read_before_it() -> None:
    async def start(batch: int) -> int:
        return batch

    got = []
    with pytest.raises(RuntimeError, match="reading failed"):
        async for batch, _ in read_ahead(Source(5, fail_after=2).batches(), start, depth=2):
            got.append(batch)
    assert got == [0, 1]


async def test_batches_that_run_out_end_the_loop() -> None:
    async def finite() -> AsyncIterator[int]:
        for i in range(4):
            yield i

    async def start(batch: int) -> int:
        return batch * 10

    got = [pair async for pair in read_ahead(finite(), start, depth=2)]
    assert got == [(0, 0), (1, 10), (2, 20), (3, 30)]


async def test_leaving_the_loop_stops_the_reading() -> None:
    source = Source(100)

    async def start(batch: int) -> int:
        return batch

    assert [batch for batch, _ in await take(read_ahead(source.batches(), start, depth=2), 2)] \
        == [0, 1]
    await asyncio.sleep(0)
    assert source.closed and source.read <= 3


def test_depth_must_be_positive() -> None:
    async def start(batch: int) -> int:
        return batch

    with pytest.raises(ValueError, match="depth"):
        asyncio.run(anext(read_ahead(Source(1).batches(), start, depth=0)))
