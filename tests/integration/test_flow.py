"""A backlog of raw pages does not starve the dedup hop.

Both agents read through one consumer. When a poll handed the pages agent more raw pages than
its stream buffer holds, faust's delivery loop waited for that agent, and the dedup agent got
nothing while it worked through them: during a burst, no article came out for seconds at a
time (``streams.app.MAX_POLL_RECORDS``).
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from khabar.agents.samples.synthetic import Generator
from tests.cluster import WorkerProcess, metric, publish_messages, settings_for

pytestmark = pytest.mark.integration

BACKLOG = 3000
#: After the first article, the most pages the worker may take in while none comes out. With an
#: unbounded poll it took in 1,344 of the 3,000 in one such stretch; bounded, 0 to 89.
MOST_PAGES_WITHOUT_OUTPUT = 500


def test_articles_keep_coming_out_while_a_raw_backlog_is_worked_through(
        broker, tmp_path: Path) -> None:
    corpus = Generator(seed=23).corpus(stories=BACKLOG, copies_per_story=0.0, bad=0)
    settings = settings_for(broker, tmp_path / "data", partitions=8)
    publish_messages(settings, corpus.messages)
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    samples: list[tuple[float, float]] = []  # (pages taken in, articles and duplicates out)
    try:
        deadline = time.monotonic() + 240
        while not samples or samples[-1][0] < BACKLOG:
            assert time.monotonic() < deadline, f"not done in 240 s: {samples[-1:]}"
            assert worker.process.poll() is None, worker.log_path.read_text(
                errors="replace")[-3000:]
            # Outputs before pages: a stretch is measured no shorter than it was.
            out = (metric(worker, "khabar_articles_total")
                   + metric(worker, "khabar_duplicates_total"))
            samples.append((metric(worker, "khabar_pages_total"), out))
            time.sleep(0.1)
    finally:
        worker.stop()
    longest = stretch = 0.0
    for (pages_before, out_before), (pages, out) in itertools.pairwise(samples):
        if out_before == 0:
            continue  # the first article waits for the worker's start, not for other pages
        stretch = stretch + pages - pages_before if out == out_before else 0.0
        longest = max(longest, stretch)
    assert longest <= MOST_PAGES_WITHOUT_OUTPUT, (
        f"the worker took in {longest:.0f} pages in a row with no article out")
