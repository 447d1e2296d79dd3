"""A real Prometheus scrapes a running worker while sample pages flow.

One worker on the embedded broker (fresh prefix and group), Prometheus on loopback scraping its
``/metrics`` every second with the committed config and alert rules. After a synthetic corpus of
N pages (D copies, B bad messages) is fully accounted for on the output topics, the counters
read through Prometheus agree with the traffic, every dashboard and alert expression parses,
and every dashboard panel's query returns data.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from khabar.agents.demo import Accounting
from khabar.agents.samples.synthetic import Generator
from tests.cluster import WorkerProcess, collect, names, publish_messages, settings_for
from tests.e2e.promserver import PrometheusServer, require_binary
from tests.e2e.queries import DeployQuery, deploy_queries, loopback_prometheus_config

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

STORIES = 150
BAD = 15  # three of each kind
SCRAPE = "1s"
RATE_INTERVAL = "10s"  # Grafana's $__rate_interval for a 1 s scrape: a few scrapes wide
ACCOUNTING_TIMEOUT = 90.0
PROMETHEUS_TIMEOUT = 30.0
WAVE_GAP = 4.0
PANEL_TIMEOUT = 40.0


def test_prometheus_sees_the_traffic(broker, tmp_path: Path) -> None:
    require_binary("prometheus")  # skip (fail under CI=true) before starting anything
    corpus = Generator(seed=6).corpus(stories=STORIES, copies_per_story=0.3, bad=BAD)
    expected = Counter(e.split(":")[0] for e in corpus.expect)
    pages, copies, bad = len(corpus.messages), expected["copy"], expected["dead"]
    assert (bad, pages) == (BAD, STORIES + copies + BAD) and copies > 0

    settings = settings_for(broker, tmp_path / "data")
    topics = names(settings)
    (tmp_path / "prometheus").mkdir()
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    prom = PrometheusServer(
        tmp_path / "prometheus",
        loopback_prometheus_config([f"127.0.0.1:{settings.web_port}"], scrape_interval=SCRAPE),
    )
    try:
        worker.wait_ready(timeout=90)
        assert worker.get("/healthz")[0] == 200
        assert worker.get("/readyz")[0] == 200
        status, body = worker.get("/metrics")
        assert status == 200, body[:500]
        assert b"khabar_build_info" in body

        prom.__enter__()  # stopped in the finally block, by its own PID
        prom.wait_for_targets(1, timeout=30)

        traffic_from = time.time()
        # Two waves a few scrapes apart: a worker takes a wave in within one scrape, and a
        # counter that appears and never moves again has no rate for the ratio panels.
        sent = publish_messages(settings, corpus.messages[::2])
        time.sleep(WAVE_GAP)
        sent += publish_messages(settings, corpus.messages[1::2])
        accounting = Accounting(topics.raw, sent)
        outputs = collect(
            settings, [topics.enriched, topics.duplicates, topics.dlq],
            until=lambda out: _seen_all(accounting, out), timeout=ACCOUNTING_TIMEOUT, idle=2.0,
        )
        assert accounting.complete, (
            f"{len(accounting.missing)} unaccounted: {accounting.missing[:5]}\n"
            f"{_tail(worker.log_path)}"
        )
        enriched = len(outputs[topics.enriched])
        notices = len(outputs[topics.duplicates])
        dead = len(outputs[topics.dlq])
        assert enriched + notices + dead == pages

        # Counters through Prometheus, once a scrape has caught up with the last message.
        counters = _wait_for(
            prom,
            {
                "pages": "sum(khabar_pages_total)",
                "articles": "sum(khabar_articles_total)",
                "duplicates": "sum(khabar_duplicates_total)",
                "dead": "sum(khabar_dead_letters_total)",
            },
            want={"pages": pages, "articles": enriched, "duplicates": notices, "dead": dead},
            timeout=PROMETHEUS_TIMEOUT,
        )
        assert counters["pages"] == pages
        assert counters["dead"] == bad == dead
        assert counters["duplicates"] == notices
        assert counters["duplicates"] == copies, "a synthetic copy was not caught as a duplicate"
        assert counters["articles"] == enriched == STORIES

        # Every dashboard and alert expression parses on the real server.
        queries = deploy_queries(rate_interval=RATE_INTERVAL)
        assert queries
        for query in queries:
            prom.query(query.expr)  # PromQLError on a parse error

        # Every dashboard panel's query returns data over the traffic window.
        panels = [q for q in queries if q.needs_data]
        assert panels
        empty = _wait_for_panels(prom, panels, since=traffic_from - 5, timeout=PANEL_TIMEOUT)
        assert not empty, f"panels without data: {empty}"
    finally:
        prom.stop()
        worker.stop()


def _seen_all(accounting: Accounting, outputs: dict[str, list[dict[str, Any]]]) -> bool:
    accounting.done.clear()
    for records in outputs.values():
        for record in records:
            accounting.see(record)
    return accounting.complete


def _scalar(prom: PrometheusServer, expr: str) -> float | None:
    result = prom.query(expr)
    if not result:
        return None
    return float(result[0]["value"][1])


def _wait_for(prom: PrometheusServer, exprs: dict[str, str], want: dict[str, float],
              timeout: float) -> dict[str, float | None]:
    """Poll the expressions until they read ``want`` or ``timeout`` passes; the last reading."""
    deadline = time.monotonic() + timeout
    while True:
        got = {name: _scalar(prom, expr) for name, expr in exprs.items()}
        if got == want or time.monotonic() > deadline:
            return got
        time.sleep(0.5)


def _has_data(prom: PrometheusServer, query: DeployQuery, since: float) -> bool:
    """A series with at least one number that is not NaN (a panel that draws something)."""
    if query.instant:
        values = [row["value"] for row in prom.query(query.expr)]
    else:
        seconds = max(time.time() - since, 1.0)
        values = [v for row in prom.query_range(query.expr, seconds) for v in row["values"]]
    return any(not math.isnan(float(value)) for _, value in values)


def _wait_for_panels(prom: PrometheusServer, panels: list[DeployQuery], since: float,
                     timeout: float) -> list[str]:
    """Names of the panel queries still without data when ``timeout`` passes."""
    pending = list(panels)
    deadline = time.monotonic() + timeout
    while pending:
        pending = [q for q in pending if not _has_data(prom, q, since)]
        if not pending or time.monotonic() > deadline:
            break
        time.sleep(1.0)
    return [f"{q.name}: {q.expr}" for q in pending]


def _tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""
