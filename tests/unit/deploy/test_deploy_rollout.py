"""What a real cluster needs of the manifests: replicated topics, one scrape path, pinned
images, a rollout on every config change, workers spread over nodes."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.unit.deploy.deploy_files import (
    K8S,
    REPO,
    compose,
    compose_env,
    config_generator,
    configmap_env,
    dockerfile,
    k8s_documents,
    k8s_one,
    load_yaml,
    worker_container,
    worker_statefulset,
)

VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"]


def _cores(quantity: str) -> float:
    return int(quantity[:-1]) / 1000 if quantity.endswith("m") else float(quantity)


# -- replication ----------------------------------------------------------------------------


def test_kubernetes_topics_survive_a_broker_loss():
    env = configmap_env()
    assert int(env["KHABAR_REPLICATION_FACTOR"]) == 3
    assert int(env["KHABAR_MIN_INSYNC_REPLICAS"]) == 2
    assert int(env["KHABAR_RETENTION_HOURS"]) > 0


def test_compose_replicates_no_further_than_its_one_broker():
    kafka = compose()["services"]["kafka"]["environment"]
    assert kafka["KAFKA_NODE_ID"] == 1 and "KAFKA_CONTROLLER_QUORUM_VOTERS" in kafka
    env = compose_env("worker")
    assert int(env["KHABAR_REPLICATION_FACTOR"]) == 1 == int(env["KHABAR_MIN_INSYNC_REPLICAS"])


# -- monitoring -----------------------------------------------------------------------------


def test_one_scrape_path_the_pod_monitor():
    """Annotations as well would let an annotation-based config scrape every pod again."""
    for doc in k8s_documents():
        if doc["kind"] == "Kustomization":
            continue
        metas = [doc["metadata"]]
        template = doc.get("spec", {}).get("template")
        if template:
            metas.append(template["metadata"])
        for meta in metas:
            annotations = meta.get("annotations") or {}
            assert not [a for a in annotations if a.startswith("prometheus.io/")], (
                doc["kind"], doc["metadata"]["name"])
    monitor = k8s_one("PodMonitor")
    labels = worker_statefulset()["spec"]["template"]["metadata"]["labels"]
    assert monitor["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert monitor["spec"]["jobLabel"] in labels
    (endpoint,) = monitor["spec"]["podMetricsEndpoints"]
    assert endpoint["path"] == "/metrics"
    assert endpoint["port"] in {port["name"] for port in worker_container()["ports"]}
    assert not [doc for doc in k8s_documents() if doc["kind"] == "ServiceMonitor"]


# -- images ---------------------------------------------------------------------------------


def _tag(image: str) -> str:
    name, _, tag = image.rpartition(":")
    return tag if name and "/" not in tag else ""


def test_images_are_pinned():
    images = {name: service["image"] for name, service in compose()["services"].items()}
    images["k8s worker"] = worker_container()["image"]
    for where, image in images.items():
        assert _tag(image) not in ("", "latest"), f"{where}: {image}"
    (kustomized,) = load_yaml(K8S / "kustomization.yaml")["images"]
    assert kustomized["newTag"] == _tag(worker_container()["image"]) == VERSION
    assert _tag(compose()["services"]["worker"]["image"]) == VERSION


def test_the_tag_check_can_fail():
    assert _tag("khabar") == _tag("registry:5000/khabar") == ""
    assert _tag("khabar:latest") == "latest"


# -- rollout --------------------------------------------------------------------------------


def test_pods_spread_over_nodes_without_service_links():
    pod = worker_statefulset()["spec"]["template"]["spec"]
    assert pod["enableServiceLinks"] is False
    labels = worker_statefulset()["spec"]["template"]["metadata"]["labels"]
    by_key = {c["topologyKey"]: c for c in pod["topologySpreadConstraints"]}
    node = by_key["kubernetes.io/hostname"]
    assert node["maxSkew"] == 1 and node["whenUnsatisfiable"] == "DoNotSchedule"
    for constraint in by_key.values():
        assert constraint["labelSelector"]["matchLabels"].items() <= labels.items()


def test_resources_cover_two_busy_processes():
    resources = worker_container()["resources"]
    assert _cores(resources["requests"]["cpu"]) >= 1.5
    assert "cpu" not in resources.get("limits", {}), "a CPU limit throttles into latency"
    assert configmap_env()["KHABAR_CORE_PROCESSES"] == "1"


def test_a_rebalance_does_not_take_every_pod_out():
    """Every worker goes through a rebalance when one pod restarts: its 503s must not reach
    the readiness failure threshold."""
    probe = worker_container()["readinessProbe"]
    assert probe["periodSeconds"] * probe["failureThreshold"] >= 60
    assert worker_statefulset()["spec"]["minReadySeconds"] > 0
    assert k8s_one("PodDisruptionBudget")["spec"]["maxUnavailable"] == 1


def _kustomize(directory: Path) -> list[dict[str, Any]]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed")
    out = subprocess.run([kubectl, "kustomize", str(directory)], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def _config_names(docs: list[dict[str, Any]]) -> tuple[str, list[str]]:
    (configmap,) = [d for d in docs if d["kind"] == "ConfigMap"]
    (sts,) = [d for d in docs if d["kind"] == "StatefulSet"]
    (container,) = sts["spec"]["template"]["spec"]["containers"]
    refs = [s["configMapRef"]["name"] for s in container["envFrom"] if "configMapRef" in s]
    return configmap["metadata"]["name"], refs


def test_a_config_change_rolls_the_pods(tmp_path: Path):
    name, refs = _config_names(_kustomize(K8S))
    assert name.startswith(config_generator()["name"] + "-") and refs == [name]
    edited = tmp_path / "k8s"
    shutil.copytree(K8S, edited)
    env_file = edited / config_generator()["envs"][0]
    env_file.write_text(env_file.read_text().replace("KHABAR_LOG_LEVEL=info",
                                                     "KHABAR_LOG_LEVEL=debug"))
    new_name, new_refs = _config_names(_kustomize(edited))
    assert new_name != name and new_refs == [new_name]


# -- image ----------------------------------------------------------------------------------


def _stage(number: int) -> list[tuple[str, str]]:
    return [(ins, args) for stage, ins, args in dockerfile().instructions if stage == number]


def test_dependencies_build_in_a_layer_of_their_own():
    """A source edit must not rebuild every dependency's wheel."""
    build = _stage(1)
    copies = [args for ins, args in build if ins == "COPY"]
    assert copies == ["pyproject.toml .", ". ."]
    first_copy, source_copy = (build.index(("COPY", c)) for c in copies)
    dependency_wheels = [i for i, (ins, args) in enumerate(build)
                         if ins == "RUN" and "pip wheel" in args and "-r requirements.txt" in args]
    assert dependency_wheels and first_copy < dependency_wheels[0] < source_copy
    (own,) = [args for ins, args in build[source_copy:] if ins == "RUN"]
    assert "pip wheel --no-deps" in own


def test_the_image_carries_no_dev_only_package():
    text = " ".join(args for _, ins, args in dockerfile().instructions if ins == "RUN")
    for dev in ("[dev]", "[bench]", "pytest", "ruff", "grafana-foundation-sdk"):
        assert dev not in text
    runtime_installs = [args for ins, args in _stage(dockerfile().stages)
                        if ins == "RUN" and "apt-get install" in args]
    assert not any("build-essential" in a for a in runtime_installs), "the compiler stays behind"
    assert any(" tini" in a for a in runtime_installs)


def test_an_init_process_runs_the_worker():
    assert dockerfile().entrypoint[:2] == ["/usr/bin/tini", "--"]
    assert "-g" not in dockerfile().entrypoint, "the worker stops its core process itself"


def test_oci_labels():
    labels = dockerfile().labels
    for key in ("title", "description", "version", "revision", "licenses"):
        assert labels.get(f"org.opencontainers.image.{key}"), key
    runtime = _stage(dockerfile().stages)
    declared = {args.split("=", 1)[0] for ins, args in runtime if ins == "ARG"}
    assert f"VERSION={VERSION}" in {args for ins, args in runtime if ins == "ARG"}
    used = {name for ins, args in runtime if ins == "LABEL"
            for name in re.findall(r"\$\{(\w+)\}", args)}
    assert used <= declared, f"an ARG from before FROM is empty in a stage: {used - declared}"


def test_every_compose_service_has_a_healthcheck():
    for name, service in compose()["services"].items():
        assert service.get("healthcheck", {}).get("test"), name


def test_compose_kafka_keeps_its_data_on_a_volume():
    kafka = compose()["services"]["kafka"]
    log_dirs = kafka["environment"]["KAFKA_LOG_DIRS"]
    volumes = {str(v).split(":")[1]: str(v).split(":")[0] for v in kafka["volumes"]}
    assert volumes[log_dirs] in compose()["volumes"]


def test_grafana_has_no_default_credentials():
    env = compose()["services"]["grafana"]["environment"]
    password = str(env["GF_SECURITY_ADMIN_PASSWORD"])
    assert password.startswith("${") and ":?" in password, "no default: compose refuses to start"
    assert str(env["GF_AUTH_ANONYMOUS_ENABLED"]).lower() == "false"
