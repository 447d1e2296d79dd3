"""The page runner: the cores in pool processes give what they give on the event loop."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import orjson
import pytest

from khabar.agents.classify.core import Classifier
from khabar.agents.page_runner import PARENT_CHECK_SECONDS, PageOutcome, PageRunner
from khabar.agents.pipeline import Origin
from khabar.agents.samples import raw_messages

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


def make_runner(processes: int, observe: Any = lambda stage, seconds: None) -> PageRunner:
    return PageRunner(CLASSIFIER, max_message_bytes=100_000, dlq_payload_bytes=1000,
                      processes=processes, observe=observe)


def run(processes: int, pages: list[tuple[bytes, Origin]]) -> tuple[list[PageOutcome], list]:
    timings: list[tuple[str, float]] = []
    runner = make_runner(processes, lambda s, t: timings.append((s, t)))
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
    runner = make_runner(1)
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


def test_a_dead_pool_process_fails_the_batch_instead_of_losing_it() -> None:
    runner = make_runner(1)
    page = [(raw_messages()[0], Origin("raw", 0, 0, 1.7e9))]

    async def kill_then_run() -> None:
        await runner.run(page)
        for process in list(runner.pool._processes.values()):  # type: ignore[union-attr]
            os.kill(process.pid, signal.SIGKILL)
            process.join(10)
        await runner.run(page)

    try:
        with pytest.raises(BrokenProcessPool):
            asyncio.run(kill_then_run())
    finally:
        runner.close()


PARENT = """
import asyncio, sys, time
from khabar.agents.classify.core import Classifier
from khabar.agents.page_runner import PageRunner
from khabar.agents.pipeline import Origin
runner = PageRunner(Classifier.from_file(), max_message_bytes=100_000, dlq_payload_bytes=1000,
                    processes=1, observe=lambda s, t: None)
asyncio.run(runner.run([(b"{}", Origin("raw", 0, 0, 1.7e9))]))
print(*[p.pid for p in runner.pool._processes.values()], flush=True)
time.sleep(60)
"""


def test_pool_processes_leave_when_their_worker_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE,
                              cwd=Path(__file__).resolve().parents[3], text=True)
    try:
        children = [int(pid) for pid in parent.stdout.readline().split()]  # type: ignore[union-attr]
        assert children and all(alive(pid) for pid in children)
        parent.kill()
        parent.wait(10)
        deadline = time.monotonic() + 10 * PARENT_CHECK_SECONDS
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in children)
    finally:
        parent.kill()


def alive(pid: int) -> bool:
    """Running, not gone and not a zombie (an orphan's exit may wait for its reaper)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


class FailingClassifier(Classifier):
    """A classifier that raises, so the page stage makes an ``internal`` dead letter and logs
    its exception (a class at module level, so a spawned process can unpickle it)."""

    def classify(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the classifier broke")


def test_a_core_process_logs_in_the_workers_format(capfd: pytest.CaptureFixture[str]) -> None:
    from functools import partial

    from khabar.streams import logs
    from khabar.streams.settings import Settings

    settings = Settings.from_env({"KHABAR_LOG_FORMAT": "json"})
    failing = Classifier.from_file()
    failing.__class__ = FailingClassifier
    runner = PageRunner(failing, max_message_bytes=100_000, dlq_payload_bytes=1000, processes=1,
                        observe=lambda stage, seconds: None,
                        setup_logging=partial(logs.configure, settings))
    page = orjson.dumps({"id": "p", "text": "Talks resumed today in Geneva."})
    try:
        [done] = asyncio.run(runner.run([(page, Origin("raw", 0, 0, 1.7e9))]))
    finally:
        runner.close()
    assert done.dead_letter is not None and done.dead_letter["reason"] == "internal"
    lines = capfd.readouterr().err.splitlines()
    assert lines, "the core process logged nothing"
    entries = [orjson.loads(line) for line in lines]
    assert [e["level"] for e in entries] == ["ERROR"]
    assert "RuntimeError: the classifier broke" in entries[0]["exception"]
