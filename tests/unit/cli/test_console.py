"""The progress line: on a terminal only, rewritten at most every half second, cleared at the
end; and the row count `khabar eval` reports it from."""

from __future__ import annotations

import io

from khabar.agents.console import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_gets_one_line_rewritten_every_interval_then_cleared() -> None:
    stream, clock = Terminal(), Clock()
    with Progress("process", stream=stream, clock=clock, every=0.45) as progress:
        for _ in range(10):
            clock.now += 0.1
            progress.tick()
    shown = stream.getvalue().split("\r\x1b[K")
    assert shown == ["", "process: 5 lines, 10/s", "process: 10 lines, 10/s", ""]
    assert "\n" not in stream.getvalue()


def test_nothing_is_written_when_stderr_is_not_a_terminal() -> None:
    stream, clock = io.StringIO(), Clock()
    with Progress("publish", "pages", stream=stream, clock=clock) as progress:
        for _ in range(100):
            clock.now += 1
            progress.tick()
    assert progress.done == 100
    assert stream.getvalue() == ""


def test_a_quick_run_leaves_no_trace() -> None:
    stream = Terminal()
    with Progress("eval", stream=stream, clock=Clock()) as progress:
        progress.tick()
    assert stream.getvalue() == ""


def test_eval_ticks_once_per_row() -> None:
    from khabar.agents.cli import _stages
    from khabar.agents.evaluate import evaluate
    from khabar.streams.settings import Settings

    rows = [{"id": f"r{i}", "lang": "en", "text": f"Row {i} of a test set, about nothing much.",
             "labels": [], "dup_group": None} for i in range(3)]
    ticks: list[None] = []
    evaluate(rows, *_stages(Settings()), lambda: ticks.append(None))
    assert len(ticks) == len(rows)
