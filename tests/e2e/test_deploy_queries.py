"""Every PromQL expression of the dashboard and the alert rules parses on a real Prometheus."""

from __future__ import annotations

import pytest

from tests.e2e.promserver import PrometheusServer, PromQLError
from tests.e2e.queries import deploy_queries, loopback_prometheus_config

pytestmark = pytest.mark.e2e

QUERIES = deploy_queries(rate_interval="10s")


@pytest.fixture(scope="module")
def prom(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("prometheus")
    with PrometheusServer(workdir, loopback_prometheus_config([])) as server:
        yield server


def test_a_broken_query_is_refused(prom):
    with pytest.raises(PromQLError, match="bad_data"):
        prom.query("sum(rate(khabar_pages_total[1m])")


@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.source}:{q.name}" for q in QUERIES])
def test_query_parses(prom, query):
    prom.query(query.expr)
