"""Readers for the deployment files, shared by the static deploy tests."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "deploy"
COMPOSE = REPO / "docker-compose.yml"
DOCKERFILE = DEPLOY / "Dockerfile"
K8S = DEPLOY / "k8s"
PROMETHEUS = DEPLOY / "prometheus"
GRAFANA = DEPLOY / "grafana"

_INTERPOLATION = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def compose() -> dict[str, Any]:
    return load_yaml(COMPOSE)


def compose_env(service: str) -> dict[str, str]:
    """A compose service's environment, `${VAR:-default}` resolved to its default."""
    env = compose()["services"][service].get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: _INTERPOLATION.sub(lambda m: m.group(2) or "", str(v)) for key, v in env.items()}


def k8s_documents() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        docs.extend(doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc)
    return docs


def k8s_one(kind: str, name: str | None = None) -> dict[str, Any]:
    found = [
        doc
        for doc in k8s_documents()
        if doc["kind"] == kind and (name is None or doc["metadata"]["name"] == name)
    ]
    assert len(found) == 1, f"expected one {kind} {name or ''}, found {len(found)}"
    return found[0]


def k8s_all(kind: str) -> list[dict[str, Any]]:
    return [doc for doc in k8s_documents() if doc["kind"] == kind]


@dataclass
class Dockerfile:
    """The runtime stage of deploy/Dockerfile (instructions after the last FROM)."""

    env: dict[str, str] = field(default_factory=dict)
    expose: list[int] = field(default_factory=list)
    volumes: list[str] = field(default_factory=list)
    user: str = ""
    entrypoint: list[str] = field(default_factory=list)
    healthcheck: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    stages: int = 0
    #: Every stage's instructions in order, each as (stage number, INSTRUCTION, arguments).
    instructions: list[tuple[int, str, str]] = field(default_factory=list)


def dockerfile() -> Dockerfile:
    text = DOCKERFILE.read_text(encoding="utf-8")
    logical = re.sub(r"\\\n", " ", text)
    result = Dockerfile()
    for line in logical.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, args = line.partition(" ")
        instruction, args = instruction.upper(), args.strip()
        if instruction == "FROM":
            result = Dockerfile(stages=result.stages + 1, instructions=result.instructions)
        result.instructions.append((result.stages, instruction, args))
        if instruction == "ENV":
            result.env.update(pair.split("=", 1) for pair in shlex.split(args))
        elif instruction == "EXPOSE":
            result.expose.extend(int(port.split("/")[0]) for port in args.split())
        elif instruction == "VOLUME":
            result.volumes.extend(json.loads(args) if args.startswith("[") else args.split())
        elif instruction == "USER":
            result.user = args
        elif instruction == "ENTRYPOINT":
            result.entrypoint = json.loads(args)
        elif instruction == "HEALTHCHECK":
            result.healthcheck = args
        elif instruction == "LABEL":
            result.labels.update(pair.split("=", 1) for pair in shlex.split(args))
    return result


def worker_statefulset() -> dict[str, Any]:
    return k8s_one("StatefulSet", "khabar-worker")


def worker_container() -> dict[str, Any]:
    (container,) = worker_statefulset()["spec"]["template"]["spec"]["containers"]
    return container


def config_generator() -> dict[str, Any]:
    """The kustomization's generator of the worker's ConfigMap."""
    (generator,) = load_yaml(K8S / "kustomization.yaml")["configMapGenerator"]
    return generator


def configmap_env() -> dict[str, str]:
    """The worker's ConfigMap data, read from the env files its generator takes."""
    env: dict[str, str] = {}
    for name in config_generator()["envs"]:
        for line in (K8S / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                key, _, value = line.partition("=")
                env[key.strip()] = value
    return env
