"""``khabar broker`` takes its Tansu broker down with it, whichever way it is stopped."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"KHABAR_BROKER=kafka://127\.0\.0\.1:(\d+)")


def _children(pid: int) -> list[int]:
    return [int(child) for child in
            Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _start(env: dict[str, str]) -> tuple[subprocess.Popen[str], int, int]:
    """``khabar broker`` on a free port: the process, its port and its Tansu child's pid."""
    cli = subprocess.Popen([sys.executable, "-m", "khabar.agents.cli", "broker"], cwd=REPO, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert cli.stdout is not None and cli.stderr is not None
    line = cli.stdout.readline()
    match = LISTENING.search(line)
    if not match:
        cli.kill()
        raise AssertionError(f"no listening line: {line!r} {cli.stderr.read()}")
    (tansu,) = _children(cli.pid)
    return cli, int(match.group(1)), tansu


def _clean_up(cli: subprocess.Popen[str], tansu: int) -> None:
    """Whatever the test found, leave neither process behind."""
    if cli.poll() is None:
        cli.kill()
        cli.wait()
    if _alive(tansu):
        os.kill(tansu, signal.SIGKILL)


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")


@needs_proc
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=lambda s: signal.Signals(s).name)
def test_a_stop_signal_stops_the_broker_and_closes_its_port(signum: int) -> None:
    cli, port, tansu = _start({**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert _alive(tansu) and _accepts(port)

        cli.send_signal(signum)
        assert cli.wait(timeout=15) == 0, cli.stderr.read() if cli.stderr else ""
        deadline = time.monotonic() + 5
        while _alive(tansu) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(tansu), f"Tansu (pid {tansu}) outlived khabar broker"
        assert not _accepts(port)
    finally:
        _clean_up(cli, tansu)


@needs_proc
def test_a_broker_that_dies_ends_the_command_with_one_line() -> None:
    cli, _port, tansu = _start({**os.environ, "PYTHONPATH": str(REPO)})
    try:
        os.kill(tansu, signal.SIGKILL)
        assert cli.wait(timeout=15) != 0
        assert cli.stderr is not None
        assert cli.stderr.read().splitlines() == [
            "khabar: the embedded broker exited with status -9"]
    finally:
        _clean_up(cli, tansu)


@needs_proc
def test_a_broker_left_running_is_stopped_when_its_process_exits() -> None:
    """Started and never stopped: interpreter exit takes it down."""
    script = ("import os\nfrom streams.embedded import EmbeddedBroker\n"
              "broker = EmbeddedBroker().start()\n"
              "print(broker.port, broker.process.pid, flush=True)\n")
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                         text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)},
                         check=True)
    port, tansu = map(int, run.stdout.split())
    alive = _alive(tansu)
    if alive:
        os.kill(tansu, signal.SIGKILL)
    assert not alive, f"Tansu (pid {tansu}) outlived its parent"
    assert not _accepts(port)
