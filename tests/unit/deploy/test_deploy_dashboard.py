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


def _variables() -> dict[str, dict]:
    board = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return {variable["name"]: variable for variable in board["templating"]["list"]}


def test_panels_have_unique_ids_and_the_datasource_variable():
    board = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    ids = [panel["id"] for panel in board["panels"]]
    assert len(ids) == len(set(ids))
    for panel in board["panels"]:
        if panel["type"] == "row":
            continue
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert target["datasource"] == {"type": "prometheus", "uid": "${datasource}"}


def test_the_dashboard_picks_datasource_job_and_instance():
    variables = _variables()
    assert list(variables) == ["datasource", "job", "instance"]
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    for name in ("job", "instance"):
        assert variables[name]["datasource"]["uid"] == "${datasource}"
        assert variables[name]["includeAll"] and variables[name]["multi"], name
        assert "khabar_build_info" in variables[name]["query"], name
    assert '"$job"' in variables["instance"]["query"]


@pytest.mark.parametrize("query", dashboard_queries(), ids=lambda q: q.name)
def test_every_panel_metric_is_scoped_to_the_chosen_job_and_instances(query):
    """Substituting the variables leaves `=~".+"`: every metric must have had the selector."""
    board = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    (expr,) = [target["expr"] for panel in board["panels"] for target in panel.get("targets", [])
               if f"{panel['title']} [{target['refId']}]" == query.name]
    metrics = re.findall(r"\b(?:khabar_\w+|process_\w+|up)\b(?=[{\[)\s])", expr)
    assert metrics, expr
    for metric in metrics:
        assert re.search(rf'\b{metric}\{{job=~"\$job", instance=~"\$instance"[,}}]', expr), (
            f"{metric} unscoped in {expr}")


def test_the_scoping_can_fail():
    generator = _generator()
    assert generator.scoped("sum(rate(khabar_pages_total[5m]))") == (
        'sum(rate(khabar_pages_total{job=~"$job", instance=~"$instance"}[5m]))')
    assert generator.scoped('khabar_pages_total{source="x"}') == (
        'khabar_pages_total{job=~"$job", instance=~"$instance", source="x"}')


def test_no_query_names_a_scrape_job():
    for query in deploy_queries():
        assert not re.search(r'\bjob\s*=\s*"', query.expr), f"{query.name}: {query.expr}"


def test_cpu_memory_and_restart_panels_exist():
    exprs = {q.name.rsplit(" [", 1)[0]: q.expr for q in dashboard_queries()}
    assert "process_cpu_seconds_total" in exprs["CPU"]
    assert "process_resident_memory_bytes" in exprs["Memory"]
    assert "process_start_time_seconds" in exprs["Worker restarts"]


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
        "KhabarEndToEndLatencyHigh",
        "KhabarWorkerRestarting",
    }
    assert all("$" not in q.expr for q in deploy_queries())
