"""Generate the khabar Grafana dashboard (deploy/grafana/dashboards/khabar.json).

Run `python deploy/grafana/build_dashboard.py` after editing the panels below and commit the
JSON it writes; `--check` exits non-zero when the committed file is stale. Built with
grafana-foundation-sdk (a dev dependency), so the JSON follows Grafana's own schema. Output is
deterministic: fixed panel ids and grid positions, sorted keys.

No query names a scrape job: the dashboard's variables pick the datasource, the job and the
instances, and every khabar and process metric in a panel's expression is given their selector
(:func:`scoped`), so the same file serves Compose's Prometheus and a Kubernetes one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from grafana_foundation_sdk.builders import (
    bargauge,
    common,
    dashboard,
    prometheus,
    stat,
    timeseries,
)
from grafana_foundation_sdk.cog.encoder import JSONEncoder
from grafana_foundation_sdk.models import common as common_models
from grafana_foundation_sdk.models.dashboard import (
    DataSourceRef,
    GridPos,
    VariableOption,
    VariableRefresh,
    VariableSort,
)

OUTPUT = Path(__file__).resolve().parent / "dashboards" / "khabar.json"

#: The provisioned datasource (provisioning/datasources/prometheus.yml) has this uid; it is the
#: datasource variable's default.
PROVISIONED_UID = "prometheus"
DATASOURCE = DataSourceRef(type_val="prometheus", uid="${datasource}")
#: The label selector of the job and instance variables.
SELECTOR = 'job=~"$job", instance=~"$instance"'
#: A khabar or process metric name not already followed by a selector.
_SCOPED_METRIC = re.compile(r"\b((?:khabar|process)_\w+)\b(?!\w)(\{)?")
RATE = "$__rate_interval"
QUANTILES = (("p50", "0.5"), ("p95", "0.95"), ("p99", "0.99"))
GRID_WIDTH = 24


@dataclass(frozen=True)
class Query:
    expr: str
    legend: str
    instant: bool = False


@dataclass(frozen=True)
class PanelSpec:
    title: str
    description: str
    queries: tuple[Query, ...]
    unit: str = "short"
    kind: str = "timeseries"  # timeseries | stacked | stat | bargauge
    width: int = 12
    height: int = 8


def scoped(expr: str) -> str:
    """``expr`` with the job and instance selector on every khabar and process metric."""
    return _SCOPED_METRIC.sub(
        lambda m: f"{m.group(1)}{{{SELECTOR}" + (", " if m.group(2) else "}"), expr)


def _rate(metric: str, by: str = "") -> str:
    grouping = f"sum by ({by}) " if by else "sum"
    return f"{grouping}(rate({metric}[{RATE}]))"


def _quantiles(metric: str, by: str, legend: str) -> tuple[Query, ...]:
    keys = f"{by}, le" if by else "le"
    return tuple(
        Query(
            f"histogram_quantile({q}, sum by ({keys}) (rate({metric}_bucket[{RATE}])))",
            f"{legend} {name}".strip(),
        )
        for name, q in QUANTILES
    )


def _stage_quantile(q: str) -> Query:
    return Query(
        f"histogram_quantile({q}, sum by (stage, le) (rate(khabar_stage_seconds_bucket[{RATE}])))",
        "{{stage}}",
    )


ROWS: tuple[tuple[str, tuple[PanelSpec, ...]], ...] = (
    (
        "Throughput",
        (
            PanelSpec(
                "Throughput in / out",
                "Raw pages taken in against what comes out: canonical articles, duplicate "
                "notices and dead letters.",
                (
                    Query(_rate("khabar_pages_total"), "pages in"),
                    Query(_rate("khabar_articles_total"), "articles out"),
                    Query(_rate("khabar_duplicates_total"), "duplicates"),
                    Query(_rate("khabar_dead_letters_total"), "dead letters"),
                ),
                unit="ops",
            ),
            PanelSpec(
                "Pages in by source",
                "Raw pages per second by source (rare sources are counted as 'other').",
                (Query(_rate("khabar_pages_total", "source"), "{{source}}"),),
                unit="ops",
                kind="stacked",
            ),
        ),
    ),
    (
        "Content",
        (
            PanelSpec(
                "Label mix",
                "Publications per second on each label topic.",
                (Query(_rate("khabar_article_labels_total", "label"), "{{label}}"),),
                unit="ops",
                kind="stacked",
            ),
            PanelSpec(
                "Articles by language",
                "Canonical articles per second by detected language.",
                (Query(_rate("khabar_articles_total", "lang"), "{{lang}}"),),
                unit="ops",
                kind="stacked",
            ),
            PanelSpec(
                "Duplicate ratio",
                "Share of deduplicated articles that were copies of an earlier story.",
                (
                    Query(
                        f"{_rate('khabar_duplicates_total')} / ({_rate('khabar_duplicates_total')}"
                        f" + {_rate('khabar_articles_total')})",
                        "duplicates",
                    ),
                ),
                unit="percentunit",
                width=6,
            ),
            PanelSpec(
                "Duplicates by method",
                "Duplicates per second: exact (same content hash) or near (LSH similarity).",
                (Query(_rate("khabar_duplicates_total", "method"), "{{method}}"),),
                unit="ops",
                width=6,
            ),
            PanelSpec(
                "Dead letters by reason",
                "Dead letters per second, by the stage that made them (ingest to classify for "
                "raw pages, dedup for candidates) and reason.",
                (Query(_rate("khabar_dead_letters_total", "stage, reason"),
                       "{{stage}} {{reason}}"),),
                unit="ops",
                kind="stacked",
                width=6,
            ),
            PanelSpec(
                "Dead-letter ratio",
                "Share of raw pages that became dead letters (alert: above 5% for 10m).",
                (
                    Query(
                        f"{_rate('khabar_dead_letters_total')} / {_rate('khabar_pages_total')}",
                        "dead letters",
                    ),
                ),
                unit="percentunit",
                width=6,
            ),
        ),
    ),
    (
        "Latency",
        (
            *(
                PanelSpec(
                    f"Stage latency {name}",
                    f"{name} of the seconds spent in each processing stage.",
                    (_stage_quantile(q),),
                    unit="s",
                    width=8,
                )
                for name, q in QUANTILES
            ),
            PanelSpec(
                "End-to-end latency",
                "Seconds from the raw message's timestamp to publication.",
                _quantiles("khabar_end_to_end_seconds", "", ""),
                unit="s",
                width=24,
            ),
        ),
    ),
    (
        "Workers and state",
        (
            PanelSpec(
                "Consumer lag",
                "Messages not yet committed, per input topic (raw pages, dedup candidates) and "
                "partition.",
                (
                    Query(
                        "max by (topic, partition) (khabar_consumer_lag)",
                        "{{topic}}/{{partition}}",
                    ),
                ),
            ),
            PanelSpec(
                "Workers up",
                "Workers that answered their last scrape.",
                (Query(f"count(up{{{SELECTOR}}} == 1) or vector(0)", "workers", instant=True),),
                kind="stat",
                width=6,
            ),
            PanelSpec(
                "Workers by build",
                "Workers running each version and classifier version (useful during rollouts).",
                (
                    Query(
                        "count by (version, classifier_version) (khabar_build_info)",
                        "{{version}} / {{classifier_version}}",
                        instant=True,
                    ),
                ),
                kind="stat",
                width=6,
            ),
            PanelSpec(
                "Commit latency",
                "p99 seconds per offset commit (producer flush and commit request).",
                (
                    Query(
                        "histogram_quantile(0.99, sum by (le) "
                        "(rate(khabar_commit_seconds_bucket[$__rate_interval])))",
                        "p99 commit",
                    ),
                ),
                unit="s",
                width=6,
            ),
            PanelSpec(
                "Rebalances",
                "Consumer group rebalances per second, summed over workers.",
                (Query(_rate("khabar_rebalances_total"), "rebalances"),),
                unit="ops",
                width=6,
            ),
            PanelSpec(
                "Dedup state size",
                "Keys in each dedup table (RocksDB's estimate; bounded by the dedup window).",
                (Query("sum by (table) (khabar_dedup_state_keys)", "{{table}}"),),
            ),
            PanelSpec(
                "Stories by copy count",
                "Stories in the dedup window by how many copies were seen.",
                (Query("sum by (copies) (khabar_stories)", "{{copies}}", instant=True),),
                kind="bargauge",
            ),
            PanelSpec(
                "Skipped offsets",
                "Offsets missing from fetched records, counted as processed by faust: "
                "transaction markers or compaction, or on khabar's own topics skipped records.",
                (Query(f"sum by (topic) (increase(khabar_consumer_skipped_offsets_total[{RATE}]))",
                       "{{topic}}"),),
            ),
            PanelSpec(
                "Dedup hop failures",
                "Candidates the dedup hop made dead letters of, by reason, and dedup_docs "
                "changelog records left out of the derived dedup tables on replay (alerts on "
                "both). The stream goes on: see docs/failure-modes.md.",
                (
                    Query('sum by (reason) (increase(khabar_dead_letters_total{stage="dedup"}'
                          f"[{RATE}]))", "dead letter {{reason}}"),
                    Query(f"sum(increase(khabar_dedup_replay_failures_total[{RATE}]))",
                          "replay failures"),
                ),
            ),
            PanelSpec(
                "Candidates fingerprinted again",
                "Candidates per second whose fingerprint was of another parameter version, "
                "fingerprinted again from their text: a rolling upgrade's overlap, which ends "
                "when this falls to zero.",
                (Query(_rate("khabar_dedup_refingerprinted_total"), "fingerprinted again"),),
                unit="ops",
            ),
        ),
    ),
    (
        "Resources",
        (
            PanelSpec(
                "CPU",
                "Cores used by each worker's main process (the event loop). The page-core "
                "process (KHABAR_CORE_PROCESSES) is not in it: on Kubernetes the container's "
                "CPU counts both.",
                (Query(f"sum by (instance) (rate(process_cpu_seconds_total[{RATE}]))",
                       "{{instance}}"),),
                unit="short",
            ),
            PanelSpec(
                "Memory",
                "Resident memory of each worker's main process: RocksDB caches and memtables "
                "(KHABAR_ROCKSDB_MEMORY_MB) included, the page-core process not.",
                (Query("sum by (instance) (process_resident_memory_bytes)", "{{instance}}"),),
                unit="bytes",
            ),
            PanelSpec(
                "Worker restarts",
                "Process restarts of each worker in the last hour (alert: "
                "KhabarWorkerRestarting).",
                (Query("changes(process_start_time_seconds[1h])", "{{instance}}"),),
            ),
        ),
    ),
)


def _target(query: Query, ref_id: str) -> prometheus.Dataquery:
    target = (
        prometheus.Dataquery()
        .expr(scoped(query.expr))
        .legend_format(query.legend)
        .ref_id(ref_id)
        .datasource(DATASOURCE)
    )
    return target.instant() if query.instant else target.range()


def _panel(spec: PanelSpec, panel_id: int, pos: GridPos):
    if spec.kind in ("timeseries", "stacked"):
        panel = timeseries.Panel().legend(
            common.VizLegendOptions()
            .display_mode(common_models.LegendDisplayMode.LIST)
            .placement(common_models.LegendPlacement.BOTTOM)
            .show_legend(True)
        )
        if spec.kind == "stacked":
            panel = panel.stacking(
                common.StackingConfig().mode(common_models.StackingMode.NORMAL)
            ).fill_opacity(30)
    elif spec.kind == "stat":
        panel = stat.Panel().graph_mode(common_models.BigValueGraphMode.NONE)
    elif spec.kind == "bargauge":
        panel = (
            bargauge.Panel()
            .orientation(common_models.VizOrientation.HORIZONTAL)
            .display_mode(common_models.BarGaugeDisplayMode.GRADIENT)
        )
    else:
        raise ValueError(f"unknown panel kind {spec.kind!r}")
    for index, query in enumerate(spec.queries):
        panel = panel.with_target(_target(query, chr(ord("A") + index)))
    return (
        panel.id(panel_id)
        .title(spec.title)
        .description(spec.description)
        .datasource(DATASOURCE)
        .unit(spec.unit)
        .grid_pos(pos)
    )


def _variables() -> tuple:
    """Datasource, then job and instances as that datasource sees khabar's workers."""
    return (
        dashboard.DatasourceVariable("datasource")
        .label("Datasource")
        .type("prometheus")
        .current(VariableOption(selected=True, text=PROVISIONED_UID, value=PROVISIONED_UID)),
        dashboard.QueryVariable("job")
        .label("Job")
        .datasource(DATASOURCE)
        .query("label_values(khabar_build_info, job)")
        .refresh(VariableRefresh.ON_TIME_RANGE_CHANGED)
        .sort(VariableSort.ALPHABETICAL_ASC)
        .multi(True)
        .include_all(True)
        .all_value(".+"),
        dashboard.QueryVariable("instance")
        .label("Instance")
        .datasource(DATASOURCE)
        .query('label_values(khabar_build_info{job=~"$job"}, instance)')
        .refresh(VariableRefresh.ON_TIME_RANGE_CHANGED)
        .sort(VariableSort.ALPHABETICAL_ASC)
        .multi(True)
        .include_all(True)
        .all_value(".+"),
    )


def build() -> dict:
    """The dashboard as a JSON-ready dict."""
    board = (
        dashboard.Dashboard("khabar")
        .uid("khabar")
        .description("khabar news stream processor: throughput, content, latency, state.")
        .tags(["khabar", "kafka", "faust"])
        .time("now-1h", "now")
        .refresh("30s")
        .timezone("browser")
        .editable()
    )
    for variable in _variables():
        board = board.with_variable(variable)
    panel_id, y = 1, 0
    for row_title, specs in ROWS:
        board = board.with_row(dashboard.Row(row_title).id(panel_id).grid_pos(GridPos(1, 24, 0, y)))
        panel_id, y, x, row_height = panel_id + 1, y + 1, 0, 0
        for spec in specs:
            if x + spec.width > GRID_WIDTH:
                x, y, row_height = 0, y + row_height, 0
            board = board.with_panel(_panel(spec, panel_id, GridPos(spec.height, spec.width, x, y)))
            panel_id, x, row_height = panel_id + 1, x + spec.width, max(row_height, spec.height)
        y += row_height
    return json.loads(json.dumps(board.build(), cls=JSONEncoder))


def render() -> str:
    """The dashboard file's exact text."""
    return json.dumps(build(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed JSON is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is stale: run python {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
