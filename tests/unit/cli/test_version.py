"""`khabar --version`: the package, fingerprint and classifier versions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from khabar.agents.classify.core import DEFAULT_TAXONOMY, Classifier
from khabar.agents.cli import versions
from khabar.agents.dedup.fingerprint import VERSION
from khabar.agents.version import PIPELINE_VERSION


def test_versions_name_package_fingerprint_and_classifier() -> None:
    assert versions(None).splitlines() == [
        f"khabar {PIPELINE_VERSION}", f"fingerprint {VERSION}",
        f"classifier {Classifier.from_file(None).version} (bundled taxonomy)"]


def test_the_option_prints_them_and_exits_0() -> None:
    done = subprocess.run([sys.executable, "-m", "khabar.agents.cli", "--version"],
                          capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode().splitlines()[0] == f"khabar {PIPELINE_VERSION}"


def test_a_bad_taxonomy_still_gives_the_other_versions(tmp_path: Path) -> None:
    taxonomy = tmp_path / "taxonomy.toml"
    taxonomy.write_text("this is = not [ a taxonomy\n")
    lines = versions(str(taxonomy)).splitlines()
    assert lines[:2] == [f"khabar {PIPELINE_VERSION}", f"fingerprint {VERSION}"]
    assert lines[2].startswith("classifier unknown (bad taxonomy: ")
    missing = versions(str(tmp_path / "missing.toml")).splitlines()[2]
    assert missing.startswith(f"classifier unknown (bad taxonomy: {tmp_path / 'missing.toml'}: ")


def test_the_option_reports_the_taxonomy_in_use_when_another_setting_is_bad(
        tmp_path: Path) -> None:
    taxonomy = tmp_path / "taxonomy.toml"
    taxonomy.write_bytes(DEFAULT_TAXONOMY.read_bytes())
    env = {**os.environ, "KHABAR_TAXONOMY": str(taxonomy), "KHABAR_PARTITIONS": "0"}
    done = subprocess.run([sys.executable, "-m", "khabar.agents.cli", "--version"],
                          capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[2] == (
        f"classifier {Classifier.from_file(taxonomy).version} ({taxonomy})")
