"""The committed dashboard is the generator's output and queries only metrics that exist."""

from __future__ import annotations

import importlib.util
import json
import re
import sys

import pytest

from tests.e2e.queries import DASHBOARD, alert_queries, dashboard_queries, deploy_queries
from tests.unit.deploy.deploy_files import GRAFANA

# The metrics of streams/metrics.py (spec: khabar-spec "Metrics") and Prometheus's own `up`.
METRICS = {
    "khabar_pages_total",
    "khabar_articles_total",
    "khabar_article_labels_total",
    "khabar_duplicates_total",
    "khabar_dead_letters_total",
    "khabar_stage_seconds",
    "khabar_end_to_end_seconds",
    "khabar_consumer_lag",
    "khabar_dedup_state_keys",
    "khabar_stories",
    "khabar_commit_seconds",
    "khabar_rebalances_total",
    "khabar_consumer_skipped_offsets_total",
    "khabar_dedup_replay_failures_total",
    "khabar_dedup_refingerprinted_total",
    "khabar_build_info",
}
HISTOGRAM_SUFFIXES = ("_bucket", "_count", "_sum")


def _generator():
    spec = importlib.util.spec_from_file_location("build_dashboard", GRAFANA / "build_dashboard.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _metric_names(expr: str) -> set[str]:
    names = set()
    for name in re.findall(r"\bkhabar_\w+", expr):
        for suffix in HISTOGRAM_SUFFIXES:
            if name.endswith(suffix) and name[: -len(suffix)] in METRICS:
                name = name[: -len(suffix)]
        names.add(name)
    return names


def test_committed_dashboard_is_the_generator_output():
    assert DASHBOARD.read_text(encoding="utf-8") == _generator().render(), (
        "stale dashboard: run python deploy/grafana/build_dashboard.py"
    )


def test_generator_is_deterministic():
    generator = _generator()
    assert generator.render() == generator.render()


def test_panels_have_unique_ids_and_the_provisioned_datasource():
    board = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    ids = [panel["id"] for panel in board["panels"]]
    assert len(ids) == len(set(ids))
    for panel in board["panels"]:
        if panel["type"] == "row":
            continue
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert target["datasource"] == {"type": "prometheus", "uid": "prometheus"}


@pytest.mark.parametrize("query", deploy_queries(), ids=lambda q: f"{q.source}:{q.name}")
def test_queries_name_only_known_metrics(query):
    unknown = _metric_names(query.expr) - METRICS
    assert not unknown, f"{query.name} uses unknown metrics {sorted(unknown)}"


def test_every_metric_is_on_the_dashboard():
    used = set().union(*(_metric_names(q.expr) for q in dashboard_queries()))
    assert used == METRICS


def test_required_panels_exist():
    titles = {q.name.rsplit(" [", 1)[0] for q in dashboard_queries()}
    assert {
        "Throughput in / out",
        "Label mix",
        "Duplicate ratio",
        "Dead letters by reason",
        "Stage latency p50",
        "Stage latency p95",
        "Stage latency p99",
        "End-to-end latency",
        "Consumer lag",
        "Workers up",
        "Dedup state size",
        "Stories by copy count",
    } <= titles


def test_deploy_queries_lists_every_target_and_rule():
    board = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    targets = sum(len(panel.get("targets", [])) for panel in board["panels"])
    assert len(dashboard_queries()) == targets
    assert {q.name for q in alert_queries()} == {
        "KhabarConsumerLagGrowing",
        "KhabarDeadLetterRatioHigh",
        "KhabarNoOutput",
        "KhabarSkippedOffsets",
        "KhabarDedupDeadLetters",
        "KhabarDedupReplayFailures",
        "KhabarWorkerDown",
        "KhabarNoWorkers",
    }
    assert all("$" not in q.expr for q in deploy_queries())
