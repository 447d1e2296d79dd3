"""Every PromQL expression the deployment files carry, and Prometheus configs derived from them.

The dashboard (deploy/grafana/dashboards/khabar.json) and the alert rules
(deploy/prometheus/alerts.yml) are read as committed, so a query added to either is checked by
the tests without being listed twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
DASHBOARD = REPO / "deploy" / "grafana" / "dashboards" / "khabar.json"
PROMETHEUS_DIR = REPO / "deploy" / "prometheus"
PROMETHEUS_CONFIG = PROMETHEUS_DIR / "prometheus.yml"
ALERTS = PROMETHEUS_DIR / "alerts.yml"
JOB = "khabar"


@dataclass(frozen=True)
class DeployQuery:
    source: str  # "dashboard" | "alerts"
    name: str  # "<panel title> [<refId>]" or the alert's name
    expr: str  # ready to send to Prometheus (Grafana macros substituted)
    instant: bool  # the panel asks for an instant value, not a range
    needs_data: bool  # dashboard queries must return data once traffic has flowed


#: The dashboard's job and instance variables, set to "All" (their ``allValue``).
ALL = ".+"


def grafana_expr(expr: str, rate_interval: str) -> str:
    """Substitute the Grafana macros and variables the dashboard uses; refuse any other."""
    out = expr.replace("$__rate_interval", rate_interval)
    out = out.replace("$job", ALL).replace("$instance", ALL)
    if "$" in out:
        raise ValueError(f"unsupported Grafana variable in {expr!r}")
    return out


def _panels(panels: list[dict[str, Any]]):
    for panel in panels:
        yield panel
        yield from _panels(panel.get("panels", []))


def dashboard_queries(rate_interval: str = "1m") -> list[DeployQuery]:
    board = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [
        DeployQuery(
            source="dashboard",
            name=f"{panel['title']} [{target['refId']}]",
            expr=grafana_expr(target["expr"], rate_interval),
            instant=bool(target.get("instant")),
            needs_data=True,
        )
        for panel in _panels(board["panels"])
        for target in panel.get("targets", [])
    ]


def alert_queries() -> list[DeployQuery]:
    rules = yaml.safe_load(ALERTS.read_text(encoding="utf-8"))
    return [
        DeployQuery(
            source="alerts",
            name=rule.get("alert") or rule["record"],
            expr=rule["expr"].strip(),
            instant=True,
            needs_data=False,
        )
        for group in rules["groups"]
        for rule in group["rules"]
    ]


def deploy_queries(rate_interval: str = "1m") -> list[DeployQuery]:
    """Every PromQL expression of the dashboard and of the alert rules.

    `rate_interval` replaces Grafana's `$__rate_interval`: with a short scrape interval in a
    test, a few times that interval (e.g. "10s" for a 1 s scrape) gives data quickly.
    """
    return dashboard_queries(rate_interval) + alert_queries()


def loopback_prometheus_config(
    targets: list[str], *, scrape_interval: str = "1s", rules: Path | None = ALERTS
) -> str:
    """The committed prometheus.yml with the worker discovery swapped for static `targets`.

    Job name, metrics path and rule file stay those of the committed config; only the service
    discovery (Docker DNS, unreachable in a test) and the intervals change.
    """
    config = yaml.safe_load(PROMETHEUS_CONFIG.read_text(encoding="utf-8"))
    config["global"].update(
        scrape_interval=scrape_interval,
        scrape_timeout=scrape_interval,
        evaluation_interval=scrape_interval,
    )
    config["rule_files"] = [str(rules)] if rules else []
    jobs = [job for job in config["scrape_configs"] if job["job_name"] == JOB]
    for job in jobs:
        job.pop("dns_sd_configs", None)
        job["static_configs"] = [{"targets": list(targets)}]
    config["scrape_configs"] = jobs
    return yaml.safe_dump(config, sort_keys=False)
