"""Every KHABAR_* variable named in the deployment files is one the settings module reads."""

from __future__ import annotations

import re

import pytest

from tests.unit.deploy.deploy_files import (
    COMPOSE,
    DEPLOY,
    compose_env,
    configmap_env,
    dockerfile,
    k8s_one,
)

NAME = re.compile(r"\bKHABAR_[A-Z0-9_]*[A-Z0-9]\b")
TEXT_FILES = [
    path
    for path in sorted([COMPOSE, *DEPLOY.rglob("*")])
    if path.is_file()
    and path.suffix in {"", ".yml", ".yaml", ".md", ".dockerignore", ".py", ".env"}
]


def _env_vars() -> frozenset[str]:
    from khabar.streams.settings import ENV_VARS

    return frozenset(ENV_VARS)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: str(p.relative_to(COMPOSE.parent)))
def test_every_variable_named_in_a_deploy_file_exists(path):
    """Also catches a misspelt variable in a comment or a README example."""
    unknown = set(NAME.findall(path.read_text(encoding="utf-8"))) - _env_vars()
    assert not unknown, f"{path.name} names unknown settings {sorted(unknown)}"


@pytest.mark.parametrize(
    "where, env",
    [
        ("Dockerfile", lambda: dockerfile().env),
        ("compose worker", lambda: compose_env("worker")),
        ("k8s ConfigMap", configmap_env),
    ],
)
def test_every_variable_set_exists(where, env):
    names = {key for key in env() if key.startswith("KHABAR_")}
    assert names, f"{where} sets no KHABAR_* variable"
    assert names <= _env_vars(), f"{where} sets unknown {sorted(names - _env_vars())}"


def test_the_scan_finds_variables():
    """The name scan itself: a file set that names nothing would make the test above vacuous."""
    found = set()
    for path in TEXT_FILES:
        found |= set(NAME.findall(path.read_text(encoding="utf-8")))
    assert {"KHABAR_WEB_PORT", "KHABAR_DATA_DIR", "KHABAR_BROKER"} <= found


@pytest.mark.parametrize(
    "where, env",
    [
        ("compose", lambda: {**dockerfile().env, **compose_env("worker")}),
        ("k8s", lambda: {**dockerfile().env, **configmap_env()}),
        (
            "k8s with the SASL example",
            lambda: {
                **dockerfile().env,
                **configmap_env(),
                **k8s_one("Secret")["stringData"],
                "KHABAR_SECURITY_PROTOCOL": "SASL_SSL",
                "KHABAR_SASL_MECHANISM": "SCRAM-SHA-512",
            },
        ),
    ],
)
def test_deployed_environment_is_valid_settings(where, env):
    from khabar.streams.settings import Settings

    settings = Settings.from_env(env())
    assert settings.web_port == int(env()["KHABAR_WEB_PORT"]), where
    assert str(settings.data_dir) == env()["KHABAR_DATA_DIR"], where
