"""The page runner: the cores in pool processes give what they give on the event loop."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest

from agents.classify.core import Classifier
from agents.page_runner import PageOutcome, PageRunner
from agents.pipeline import Origin
from agents.samples import raw_messages

CLASSIFIER = Classifier.from_file()


def comparable(outcomes: list[PageOutcome]) -> list[Any]:
    """Outcomes without the wall-clock fields (ingested_at, failed_at)."""
    out = []
    for o in outcomes:
        letter = dict(o.dead_letter or {})
        letter.pop("failed_at", None)
        candidates = []
        for key, value in o.candidates:
            candidate = orjson.loads(value)
            candidate["article"].pop("ingested_at")
            candidates.append((key, candidate))
        out.append((o.source, letter, candidates))
    return out


def run(processes: int, pages: list[tuple[bytes, Origin]]) -> tuple[list[PageOutcome], list]:
    timings: list[tuple[str, float]] = []
    runner = PageRunner(CLASSIFIER, max_message_bytes=100_000, dlq_payload_bytes=1000,
                        processes=processes, observe=lambda s, t: timings.append((s, t)))
    try:
        return asyncio.run(runner.run(pages)), timings
    finally:
        runner.close()


@pytest.mark.parametrize("processes", [1, 3])
def test_pool_processes_give_the_loops_outcomes_in_order(processes: int) -> None:
    pages = [(payload, Origin("raw", 0, offset, 1.7e9))
             for offset, payload in enumerate(raw_messages())]
    on_loop, loop_timings = run(0, pages)
    in_pool, pool_timings = run(processes, pages)
    assert any(o.dead_letter for o in on_loop) and any(o.candidates for o in on_loop)
    assert comparable(in_pool) == comparable(on_loop)
    # stage timings measured in the pool are observed in the worker
    assert sorted(stage for stage, _ in pool_timings) == sorted(s for s, _ in loop_timings)
    assert all(seconds >= 0 for _, seconds in pool_timings)


def test_a_closed_runner_starts_a_new_pool_for_the_next_batch() -> None:
    runner = PageRunner(CLASSIFIER, max_message_bytes=100_000, dlq_payload_bytes=1000,
                        processes=1, observe=lambda s, t: None)
    page = [(raw_messages()[0], Origin("raw", 0, 0, 1.7e9))]

    async def twice() -> tuple[list[PageOutcome], list[PageOutcome]]:
        first = await runner.run(page)
        runner.close()
        assert runner.pool is None
        return first, await runner.run(page)

    try:
        first, second = asyncio.run(twice())
    finally:
        runner.close()
    assert comparable(first) == comparable(second)
