"""KHABAR_* variables the CLI reads: log level names, log format, broker wait, and a warning
for a variable no part of khabar reads."""

from __future__ import annotations

import pytest

from khabar.streams.settings import ENV_VARS, Settings, SettingsError, unknown_variables


@pytest.mark.parametrize(("given", "number"), [
    ("debug", 10), ("INFO", 20), ("Warning", 30), ("warn", 30), ("WARN", 30), ("error", 40),
    ("critical", 50), ("CRITICAL", 50),
])
def test_standard_log_level_names_in_any_case(given: str, number: int) -> None:
    from khabar.streams.logs import level

    assert level(Settings.from_env({"KHABAR_LOG_LEVEL": given})) == number


def test_an_unknown_log_level_names_the_accepted_ones() -> None:
    with pytest.raises(SettingsError, match="KHABAR_LOG_LEVEL: 'verbose' is not one of "
                                            "debug, info, warning, warn, error, critical"):
        Settings.from_env({"KHABAR_LOG_LEVEL": "verbose"})


def test_log_format_is_text_by_default_json_on_request_and_nothing_else() -> None:
    assert Settings.from_env({}).log_format == "text"
    assert Settings.from_env({"KHABAR_LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(SettingsError, match="KHABAR_LOG_FORMAT"):
        Settings.from_env({"KHABAR_LOG_FORMAT": "logfmt"})


def test_broker_wait_is_a_duration() -> None:
    assert Settings.from_env({}).broker_wait_seconds == 30.0
    assert Settings.from_env({"KHABAR_BROKER_WAIT": "2m"}).broker_wait_seconds == 120.0
    with pytest.raises(SettingsError, match="KHABAR_BROKER_WAIT"):
        Settings.from_env({"KHABAR_BROKER_WAIT": "soon"})


def test_a_misspelt_variable_gets_the_closest_known_name() -> None:
    assert unknown_variables({"KHABAR_PARTITION": "4"}) == [
        "unknown variable KHABAR_PARTITION is ignored; did you mean KHABAR_PARTITIONS?"]
    assert unknown_variables({"KHABAR_LOGLEVEL": "debug"}) == [
        "unknown variable KHABAR_LOGLEVEL is ignored; did you mean KHABAR_LOG_LEVEL?"]


def test_a_variable_like_no_known_one_is_named_without_a_guess() -> None:
    assert unknown_variables({"KHABAR_ZZZZZZZZZZZZZZZZ": "1"}) == [
        "unknown variable KHABAR_ZZZZZZZZZZZZZZZZ is ignored"]


def test_known_variables_other_prefixes_and_kubernetes_service_variables_pass() -> None:
    env = {name: "x" for name in ENV_VARS}
    env.update({
        "KHABAR_DEMO_ONCE": "1", "KHABAR_SOAK": "1", "PATH": "/bin", "MY_KHABAR_THING": "1",
        # what Kubernetes injects for a Service named khabar
        "KHABAR_SERVICE_HOST": "10.0.0.1", "KHABAR_SERVICE_PORT": "6066",
        "KHABAR_SERVICE_PORT_METRICS": "6066", "KHABAR_PORT": "tcp://10.0.0.1:6066",
        "KHABAR_PORT_6066_TCP": "tcp://10.0.0.1:6066", "KHABAR_PORT_6066_TCP_ADDR": "10.0.0.1",
        "KHABAR_PORT_6066_TCP_PORT": "6066", "KHABAR_PORT_6066_TCP_PROTO": "tcp",
    })
    assert unknown_variables(env) == []


def test_every_variable_the_repository_names_is_known_to_the_warning() -> None:
    """A variable added to the code or the deploy files but not to the known names would be
    warned about as unknown while it works (the tests misspell names on purpose)."""
    import re
    from pathlib import Path

    from khabar.streams.settings import OTHER_ENV_VARS, SERVICE_ENV_PREFIXES

    root = Path(__file__).resolve().parents[3]
    files = [p for folder in ("agents", "streams", "bench", "deploy")
             for p in (root / folder).rglob("*") if p.suffix in {".py", ".yaml", ".yml", ".env"}]
    files += [root / "docker-compose.yml", root / "Makefile"]
    named = {name for path in files
             for name in re.findall(r"\bKHABAR_[A-Z0-9_]*[A-Z0-9]\b", path.read_text())}
    assert len(named) > 20
    unknown = sorted(n for n in named if n not in ENV_VARS + OTHER_ENV_VARS
                     and not n.startswith(SERVICE_ENV_PREFIXES))
    assert unknown == []
