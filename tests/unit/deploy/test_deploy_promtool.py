"""promtool accepts the committed Prometheus config and rules, and the rules' unit tests pass."""

from __future__ import annotations

import subprocess

import pytest

from tests.e2e.promserver import require_binary
from tests.e2e.queries import loopback_prometheus_config
from tests.unit.deploy.deploy_files import PROMETHEUS


@pytest.fixture(scope="module")
def promtool() -> str:
    return require_binary("promtool")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    "command, path",
    [
        (("check", "config"), "prometheus.yml"),
        (("check", "rules"), "alerts.yml"),
        (("test", "rules"), "alerts_test.yml"),
    ],
)
def test_promtool_accepts(promtool, command, path):
    result = _run(promtool, *command, str(PROMETHEUS / path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_loopback_config_for_the_e2e_test_is_valid(promtool, tmp_path):
    config = tmp_path / "prometheus.yml"
    config.write_text(loopback_prometheus_config(["127.0.0.1:6066"]))
    result = _run(promtool, "check", "config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 rule files found" in result.stdout + result.stderr


def test_promtool_rejects_a_broken_rule(promtool, tmp_path):
    """The check can fail: an unparsable expression is refused."""
    rules = tmp_path / "broken.yml"
    rules.write_text(
        "groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum(rate(x[5m])\n"
    )
    assert _run(promtool, "check", "rules", str(rules)).returncode != 0
