"""Every user error of a `khabar` command is one line on stderr and a non-zero status: no
traceback, no warning. Each case runs the command as a process, as a user would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import orjson
import pytest

from khabar.agents.console import EXIT_CLOSED_PIPE, EXIT_UNAVAILABLE, EXIT_USAGE

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "agents" / "samples" / "pages.jsonl"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
    env["PYTHONWARNINGS"] = "default"  # a ResourceWarning would show
    env.update(extra)
    return env


def khabar(*args: str, stdin: bytes | None = None,
           **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "khabar.agents.cli", *args], cwd=REPO,
                          env=_env(**env), input=stdin, capture_output=True, timeout=120)


def one_line(done: subprocess.CompletedProcess[bytes]) -> str:
    text = done.stderr.decode()
    assert text.count("\n") == 1 and text.endswith("\n"), text
    return text.rstrip("\n")


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("args", [
    ("explain", "/no/such/page.json"),
    ("process", "--input", "/no/such/page.json"),
    ("eval", "/no/such/page.json"),
])
def test_a_missing_file_is_one_line_naming_it(args: tuple[str, ...]) -> None:
    done = khabar(*args)
    assert done.returncode == EXIT_USAGE
    assert one_line(done) == "khabar: /no/such/page.json: No such file or directory"


def test_publish_names_every_missing_file() -> None:
    done = khabar("publish", "/no/a.jsonl", str(SAMPLES), "/no/b.txt")
    assert done.returncode == EXIT_USAGE
    assert one_line(done) == "khabar: no such file: /no/a.jsonl, /no/b.txt"


def test_an_output_that_cannot_be_opened_and_a_directory_as_input(tmp_path: Path) -> None:
    done = khabar("process", "--input", str(SAMPLES), "--output", str(tmp_path / "no" / "x"))
    assert done.returncode == EXIT_USAGE
    assert one_line(done).endswith("/no/x: No such file or directory")
    done = khabar("explain", str(tmp_path))
    assert done.returncode == EXIT_USAGE
    assert one_line(done) == f"khabar: {tmp_path}: Is a directory"


def test_an_eval_line_that_is_not_a_json_object_is_named(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_bytes(orjson.dumps({"id": "a", "text": "x"}) + b"\n[1, 2]\n")
    done = khabar("eval", str(path))
    assert done.returncode == EXIT_USAGE
    assert one_line(done) == f"khabar: {path}:2: not a JSON object with a string id"


@pytest.mark.parametrize("command", [("publish", str(SAMPLES)), ("tail", "enriched")])
def test_an_unreachable_broker_is_one_line_after_the_wait(command: tuple[str, ...]) -> None:
    port = closed_port()
    done = khabar(*command, KHABAR_BROKER=f"kafka://127.0.0.1:{port}", KHABAR_BROKER_WAIT="1",
                  KHABAR_SECURITY_PROTOCOL="SASL_PLAINTEXT", KHABAR_SASL_MECHANISM="PLAIN",
                  KHABAR_SASL_USERNAME="svc", KHABAR_SASL_PASSWORD="hunter2-pw")
    assert done.returncode == EXIT_UNAVAILABLE
    line = one_line(done)
    assert line.startswith(f"khabar: broker 127.0.0.1:{port} not reachable within 1s")
    assert "hunter2-pw" not in line


def test_a_closed_stdout_ends_the_command_quietly_with_141() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "khabar.agents.cli", "process", "--input", str(SAMPLES)],
        cwd=REPO, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first record is written
    err = process.stderr.read()
    assert process.wait(timeout=120) == EXIT_CLOSED_PIPE
    assert err == b""


def test_a_bad_setting_is_one_line() -> None:
    done = khabar("explain", "-", KHABAR_LOG_LEVEL="loud", stdin=b"x")
    assert done.returncode == EXIT_USAGE
    assert one_line(done).startswith("khabar: bad setting: KHABAR_LOG_LEVEL: 'loud'")


def test_a_misspelt_variable_is_one_warning_and_the_command_runs() -> None:
    done = khabar("process", stdin=b"", KHABAR_PARTITION="4", KHABAR_SERVICE_HOST="10.0.0.1")
    assert done.returncode == 0
    assert one_line(done).endswith(
        "[WARNING] unknown variable KHABAR_PARTITION is ignored; did you mean "
        "KHABAR_PARTITIONS?")


def test_with_json_logs_the_warning_is_a_json_object() -> None:
    done = khabar("process", stdin=b"", KHABAR_PARTITION="4", KHABAR_LOG_FORMAT="json")
    assert done.returncode == 0
    entry = orjson.loads(one_line(done))
    assert (entry["level"], entry["logger"]) == ("WARNING", "khabar.settings")
    assert "KHABAR_PARTITIONS" in entry["message"]


def test_a_broker_error_after_the_connection_is_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from aiokafka.errors import TopicAuthorizationFailedError

    from khabar.agents import kafka_io
    from khabar.agents.cli import main

    async def refused(*args: object, **kwargs: object) -> AsyncIterator[tuple[str, object]]:
        raise TopicAuthorizationFailedError("khabar.raw")
        yield  # an async generator, as consume is

    monkeypatch.setattr(kafka_io, "consume", refused)
    assert main(["tail", "raw"]) == EXIT_UNAVAILABLE
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("khabar: the broker refused: "
                                               "TopicAuthorizationFailedError"), err
