"""Log lines: JSON objects with KHABAR_LOG_FORMAT=json, secrets masked in both formats, and the
worker's faust logging set up in the same format."""

from __future__ import annotations

import logging
import subprocess
import sys

import orjson

from khabar.agents.cli import faust_argv
from khabar.streams.app import faust_config
from khabar.streams.logs import JsonFormatter, faust_logging_config, formatter
from khabar.streams.settings import Settings

SASL = {"KHABAR_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KHABAR_SASL_MECHANISM": "PLAIN",
        "KHABAR_SASL_USERNAME": "svc", "KHABAR_SASL_PASSWORD": "hunter2-pw"}


def _record(message: str, *args: object, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise RuntimeError("login with hunter2-pw failed")
        except RuntimeError:
            exc_info = sys.exc_info()
    return logging.LogRecord("khabar.test", logging.WARNING, __file__, 1, message, args,
                             exc_info)


def test_a_json_line_has_time_level_logger_and_message() -> None:
    line = JsonFormatter().format(_record("lag is %d", 12))
    entry = orjson.loads(line)
    assert set(entry) == {"time", "level", "logger", "message"}
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "WARNING", "khabar.test", "lag is 12")
    assert entry["time"].endswith("+00:00") and "T" in entry["time"]
    assert "\n" not in line


def test_a_json_line_carries_the_exception_with_secrets_masked() -> None:
    settings = Settings.from_env({**SASL, "KHABAR_LOG_FORMAT": "json"})
    line = formatter(settings).format(_record("broker said %s", "hunter2-pw", exc=True))
    entry = orjson.loads(line)
    assert "RuntimeError" in entry["exception"] and "Traceback" in entry["exception"]
    assert "hunter2-pw" not in line
    assert entry["message"] == "broker said ***"


def test_text_lines_mask_secrets_too() -> None:
    line = formatter(Settings.from_env(SASL)).format(_record("broker said %s", "hunter2-pw"))
    assert "hunter2-pw" not in line and "broker said ***" in line and "[WARNING]" in line


def test_the_worker_keeps_fausts_text_logging_by_default() -> None:
    settings = Settings.from_env({})
    assert faust_logging_config(settings) is None
    assert faust_config(settings)["logging_config"] is None
    assert faust_argv(settings) == ["khabar", "worker", "-l", "info"]


def test_the_worker_is_started_with_fausts_level_names() -> None:
    assert faust_argv(Settings.from_env({"KHABAR_LOG_LEVEL": "warning"}))[-1] == "warn"
    assert faust_argv(Settings.from_env({"KHABAR_LOG_LEVEL": "critical"}))[-1] == "crit"


def test_the_workers_json_logging_config_writes_json_lines_at_its_level() -> None:
    settings = Settings.from_env({**SASL, "KHABAR_LOG_FORMAT": "json", "KHABAR_LOG_LEVEL": "warn"})
    config = faust_config(settings)["logging_config"]
    assert config == faust_logging_config(settings)
    assert faust_argv(settings) == ["khabar", "--quiet", "worker", "-l", "warn"]
    # dictConfig replaces the process's logging, so it runs in a process of its own.
    script = (
        "import logging, logging.config, sys\n"
        f"logging.config.dictConfig({config!r})\n"
        "logging.getLogger('faust.worker').info('hidden at warn')\n"
        "logging.getLogger('faust.worker').warning('key %s', 'hunter2-pw')\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('khabar.x').exception('failed')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                          timeout=60)
    lines = done.stderr.decode().splitlines()
    entries = [orjson.loads(line) for line in lines]
    assert [(e["logger"], e["message"]) for e in entries] == [
        ("faust.worker", "key ***"), ("khabar.x", "failed")]
    assert "ZeroDivisionError" in entries[1]["exception"]
    assert done.stdout == b""
