"""Hard exits: a send that failed after retries, an agent whose stream loop ended.

Both end the process rather than let faust go on: a failed send would otherwise be committed
past (a lost message), and a dead agent would leave a worker that looks alive and does
nothing. The orchestrator restarts the worker; what was not committed is processed again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from typing import Any

import faust

log = logging.getLogger(__name__)

EXIT_SEND_FAILED = 70
EXIT_AGENT_ENDED = 71
#: How long a worker whose agent ended may take to stop gracefully before it exits anyway.
STOP_GRACE_SECONDS = 15.0


class AgentEnded(RuntimeError):
    """An agent's stream loop ended while the worker was not stopping."""


class CrashOnSendError(faust.Sensor):
    """A send that failed after the producer's retries ends the process at once.

    faust only logs such a failure and goes on to commit the source offsets, which would lose
    the message. Exiting before the commit keeps at-least-once: the orchestrator restarts
    the worker and the messages since the last commit are processed again (idempotently).
    """

    def on_send_error(self, producer: Any, exc: BaseException, state: Any) -> None:
        exit_send_failed(exc)


def exit_if_send_failed(sent: asyncio.Future) -> None:
    """Done-callback of a direct send; a cancelled one (the producer stopping) is not a
    failure."""
    if not sent.cancelled() and (exc := sent.exception()) is not None:
        exit_send_failed(exc)


def exit_send_failed(exc: BaseException) -> None:
    log.critical("a send failed after retries (%s: %s); exiting before the offsets are "
                 "committed so the messages are processed again on restart",
                 type(exc).__name__, exc)
    logging.shutdown()
    os._exit(EXIT_SEND_FAILED)


def loop_ended(app: faust.App, agent: str) -> None:
    """After an agent's ``async for``: in a worker, a stream ends only when the worker stops.
    Anything else is a silent death; raise, and the crashing supervisor stops the worker
    (non-zero exit). Outside a worker (an agent under ``test_context()``), the stream's end is
    the test's."""
    if not app.in_worker or app.should_stop or getattr(app.consumer, "should_stop", False):
        return
    log.critical("%s: its stream loop ended while the worker runs; stopping the worker", agent)
    # faust's graceful stop can hang waiting for the other agent's stream: exit regardless.
    watchdog = threading.Timer(STOP_GRACE_SECONDS, os._exit, args=(EXIT_AGENT_ENDED,))
    watchdog.daemon = True
    watchdog.start()
    raise AgentEnded(f"{agent}: stream loop ended unexpectedly")
