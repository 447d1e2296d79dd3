"""Ports, paths, names and probes agree across the Dockerfile, compose, Prometheus and k8s."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import PurePosixPath

import pytest

from tests.e2e.queries import JOB, deploy_queries
from tests.unit.deploy.deploy_files import (
    DEPLOY,
    DOCKERFILE,
    GRAFANA,
    PROMETHEUS,
    REPO,
    compose,
    compose_env,
    config_generator,
    configmap_env,
    dockerfile,
    k8s_all,
    k8s_one,
    load_yaml,
    worker_container,
    worker_statefulset,
)

WEB_PORT = 6066
DATA_DIR = "/var/lib/khabar"
UID = 10001


def _named_port(port: int | str) -> int:
    if isinstance(port, int):
        return port
    (match,) = [p for p in worker_container()["ports"] if p["name"] == port]
    return match["containerPort"]


# -- web port -------------------------------------------------------------------------------


def test_web_port_agrees_everywhere():
    image = dockerfile()
    prometheus = load_yaml(PROMETHEUS / "prometheus.yml")
    (job,) = [job for job in prometheus["scrape_configs"] if job["job_name"] == JOB]
    container = worker_container()
    seen = {
        "Dockerfile EXPOSE": image.expose,
        "Dockerfile KHABAR_WEB_PORT": [int(image.env["KHABAR_WEB_PORT"])],
        "compose KHABAR_WEB_PORT": [int(compose_env("worker")["KHABAR_WEB_PORT"])],
        "compose expose": [int(p) for p in compose()["services"]["worker"]["expose"]],
        "prometheus dns_sd port": [sd["port"] for sd in job["dns_sd_configs"]],
        "ConfigMap KHABAR_WEB_PORT": [int(configmap_env()["KHABAR_WEB_PORT"])],
        "containerPort": [p["containerPort"] for p in container["ports"]],
        "probes": [
            _named_port(container[probe]["httpGet"]["port"])
            for probe in ("startupProbe", "livenessProbe", "readinessProbe")
        ],
        "services": [
            _named_port(port["targetPort"])
            for service in k8s_all("Service")
            for port in service["spec"]["ports"]
        ],
        "PodMonitor": [
            _named_port(endpoint["port"])
            for endpoint in k8s_one("PodMonitor")["spec"]["podMetricsEndpoints"]
        ],
    }
    wrong = {where: ports for where, ports in seen.items() if set(ports) != {WEB_PORT}}
    assert not wrong, f"web port is not {WEB_PORT} in {wrong}"


def test_containers_listen_on_all_interfaces():
    for where, env in {
        "Dockerfile": dockerfile().env,
        "compose": compose_env("worker"),
        "ConfigMap": configmap_env(),
    }.items():
        assert env.get("KHABAR_WEB_HOST") == "0.0.0.0", where


# -- data directory ---------------------------------------------------------------------------


def test_data_dir_agrees_everywhere():
    image = dockerfile()
    (claim,) = worker_statefulset()["spec"]["volumeClaimTemplates"]
    mounts = {m["name"]: m["mountPath"] for m in worker_container()["volumeMounts"]}
    assert image.volumes == [DATA_DIR]
    assert image.env["KHABAR_DATA_DIR"] == DATA_DIR
    assert compose_env("worker")["KHABAR_DATA_DIR"] == DATA_DIR
    assert configmap_env()["KHABAR_DATA_DIR"] == DATA_DIR
    assert mounts[claim["metadata"]["name"]] == DATA_DIR


def test_compose_replicas_get_their_own_state():
    """A named volume would be shared by every replica and RocksDB would refuse the lock."""
    worker = compose()["services"]["worker"]
    assert not any(str(v).split(":")[-1].rstrip("/") == DATA_DIR for v in worker.get("volumes", []))


# -- image ----------------------------------------------------------------------------------


def test_image_is_multi_stage_non_root_and_runs_the_worker():
    image = dockerfile()
    assert image.stages >= 2
    assert image.user.split(":")[0] not in ("", "root", "0")
    assert image.entrypoint == ["/usr/bin/tini", "--", "khabar", "worker"]
    assert "/healthz" in image.healthcheck
    assert "python" in image.healthcheck and "curl" not in image.healthcheck
    assert DOCKERFILE.read_text().startswith("# syntax=docker/dockerfile:1")


def test_image_user_matches_pod_security_context():
    uid = int(dockerfile().user.split(":")[0])
    pod = worker_statefulset()["spec"]["template"]["spec"]["securityContext"]
    assert pod["runAsNonRoot"] is True
    assert pod["runAsUser"] == uid == UID
    assert worker_container()["securityContext"]["allowPrivilegeEscalation"] is False


def test_entrypoint_is_a_console_script_and_the_context_has_the_packages():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "khabar" in project["project"]["scripts"]
    allowed = {
        line[1:].rstrip("/")
        for line in (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
        if line.startswith("!")
    }
    for folder in project["tool"]["setuptools"]["package-dir"].values():
        assert folder in allowed, f"{folder} left out of the build context"
    readme = project["project"].get("readme")
    if readme:
        assert readme in allowed


# -- compose wiring -------------------------------------------------------------------------


def test_worker_scales():
    worker = compose()["services"]["worker"]
    assert "container_name" not in worker
    assert "ports" not in worker
    assert (REPO / worker["build"]["context"] / worker["build"]["dockerfile"]) == DOCKERFILE


def test_compose_kafka_is_kraft_and_reachable_as_kafka_9092():
    services = compose()["services"]
    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert "controller" in kafka["environment"]["KAFKA_PROCESS_ROLES"]
    assert "PLAINTEXT://kafka:9092" in kafka["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    assert compose_env("worker")["KHABAR_BROKER"] == "kafka://kafka:9092"
    assert services["worker"]["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_partitions_agree_between_broker_and_worker():
    kafka = compose()["services"]["kafka"]["environment"]
    assert str(kafka["KAFKA_NUM_PARTITIONS"]) == str(
        compose()["services"]["worker"]["environment"]["KHABAR_PARTITIONS"]
    )


def _mounts(service: str) -> dict[str, str]:
    volumes = compose()["services"][service]["volumes"]
    return {
        target: source
        for source, target, *_ in (str(v).split(":") for v in volumes)
        if source.startswith("./")
    }


def test_prometheus_gets_the_committed_config_and_rules():
    service = compose()["services"]["prometheus"]
    (config_flag,) = [a for a in service["command"] if a.startswith("--config.file=")]
    config = PurePosixPath(config_flag.split("=", 1)[1])
    mounts = _mounts("prometheus")
    assert (REPO / mounts[str(config.parent)] / config.name) == PROMETHEUS / "prometheus.yml"
    rules = load_yaml(PROMETHEUS / "prometheus.yml")["rule_files"]
    for rule_file in rules:
        assert (PROMETHEUS / rule_file).exists()


def test_grafana_provisioning_points_at_the_dashboards_and_prometheus():
    mounts = _mounts("grafana")
    assert REPO / mounts["/etc/grafana/provisioning"] == GRAFANA / "provisioning"
    (provider,) = load_yaml(GRAFANA / "provisioning/dashboards/khabar.yml")["providers"]
    assert REPO / mounts[provider["options"]["path"]] == GRAFANA / "dashboards"
    (source,) = load_yaml(GRAFANA / "provisioning/datasources/prometheus.yml")["datasources"]
    assert source["url"] == "http://prometheus:9090"
    assert "prometheus" in compose()["services"]
    board = json.loads((GRAFANA / "dashboards/khabar.json").read_text())
    (datasource,) = [v for v in board["templating"]["list"] if v["name"] == "datasource"]
    assert datasource["current"]["value"] == source["uid"]


def test_queries_depend_on_no_scrape_job_name():
    """Compose names its job; a PodMonitor or annotation scrape names it otherwise."""
    jobs = {job["job_name"] for job in load_yaml(PROMETHEUS / "prometheus.yml")["scrape_configs"]}
    assert JOB in jobs
    used = {name for query in deploy_queries() for name in re.findall(r'job="([^"]+)"', query.expr)}
    assert not used


# -- kubernetes -----------------------------------------------------------------------------


def test_probes_use_health_endpoints():
    container = worker_container()
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["resources"]["requests"] and container["resources"]["limits"]["memory"]


def test_services_and_budget_select_the_worker_pods():
    sts = worker_statefulset()
    labels = sts["spec"]["template"]["metadata"]["labels"]
    assert sts["spec"]["selector"]["matchLabels"].items() <= labels.items()
    headless = k8s_one("Service", sts["spec"]["serviceName"])
    assert headless["spec"]["clusterIP"] == "None"
    for service in k8s_all("Service"):
        assert service["spec"]["selector"].items() <= labels.items(), service["metadata"]["name"]
    pdb = k8s_one("PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_env_sources_exist():
    sources = worker_container()["envFrom"]
    (config,) = [s["configMapRef"] for s in sources if "configMapRef" in s]
    (secret,) = [s["secretRef"] for s in sources if "secretRef" in s]
    assert config["name"] == config_generator()["name"]
    assert secret["name"] == k8s_one("Secret")["metadata"]["name"]
    assert secret.get("optional") is True


@pytest.mark.parametrize("doc", k8s_all("Secret"), ids=lambda d: d["metadata"]["name"])
def test_secret_example_holds_only_placeholders(doc):
    assert "data" not in doc, "example secrets use readable stringData placeholders"
    for key, value in doc["stringData"].items():
        if "PASSWORD" in key:
            assert value == "change-me", key


def test_manifests_are_namespace_free_and_listed_in_the_kustomization():
    kustomization = load_yaml(DEPLOY / "k8s/kustomization.yaml")
    files = {p.name for p in (DEPLOY / "k8s").glob("*.yaml")}
    assert set(kustomization["resources"]) == files - {
        "kustomization.yaml",
        "secret.example.yaml",
    }
    for path in (DEPLOY / "k8s").glob("*.yaml"):
        assert "namespace:" not in path.read_text().replace("`namespace:`", ""), path.name


# -- alerts ---------------------------------------------------------------------------------


def _alert_rules() -> list[dict]:
    groups = load_yaml(PROMETHEUS / "alerts.yml")["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


@pytest.mark.parametrize("rule", _alert_rules(), ids=lambda r: r["alert"])
def test_every_alert_links_its_runbook_section(rule):
    """Anchors are the alert names in lower case, the headings of docs/operations.md."""
    assert rule["annotations"].get("runbook_url") == f"docs/operations.md#{rule['alert'].lower()}"
    assert rule["labels"]["severity"] in ("warning", "critical")


def test_latency_and_restarts_are_alerted_on():
    exprs = " ".join(rule["expr"] for rule in _alert_rules())
    assert "khabar_end_to_end_seconds_bucket" in exprs
    assert "process_start_time_seconds" in exprs


def test_the_wheel_lists_every_package_folder_under_khabar():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = project["tool"]["setuptools"]
    on_disk = {
        "khabar." + ".".join(init.parent.relative_to(REPO).parts)
        for folder in setuptools["package-dir"].values()
        for init in (REPO / folder).rglob("__init__.py")
    }
    assert set(setuptools["packages"]) == on_disk
