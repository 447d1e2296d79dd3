"""What the terminal commands say on stderr: one-line errors with their exit statuses, and a
progress line for long runs."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

#: A bad setting or taxonomy, or a file that cannot be read: fix it, a retry will not help.
EXIT_USAGE = 2
#: ``khabar publish``: some pages could not be sent (each is named on stderr); the rest were.
EXIT_DATA = 65
#: No broker answered within ``KHABAR_BROKER_WAIT``.
EXIT_UNAVAILABLE = 69
#: Ctrl-C.
EXIT_INTERRUPTED = 130
#: Whoever read stdout closed it (``khabar process | head``): 128 + SIGPIPE, as a shell reports
#: a process SIGPIPE ended.
EXIT_CLOSED_PIPE = 141


class UserError(Exception):
    """A problem the user can fix: the command ends with its message as one line on stderr
    and exit status ``status``."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def fail(message: str, status: int = EXIT_USAGE) -> int:
    """Print ``khabar: message`` on stderr (one line) and return ``status``."""
    one_line = " ".join(message.split())
    print(f"khabar: {one_line}", file=sys.stderr, flush=True)
    return status


def file_error(exc: OSError) -> str:
    """An OS error on a file, as ``FILE: reason``."""
    if exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def closed_stdout() -> int:
    """After a write to a closed stdout: point stdout at /dev/null, so the interpreter's own
    flush at exit does not raise again, and return :data:`EXIT_CLOSED_PIPE`."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_CLOSED_PIPE


class Progress:
    """One line on ``stream`` (stderr) that says how many ``unit`` are done and how fast,
    rewritten at most every ``every`` seconds, and cleared at the end. Silent unless
    ``stream`` is a terminal: piped or redirected stderr gets nothing."""

    def __init__(self, what: str, unit: str = "lines", *, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic, every: float = 0.5) -> None:
        self.what = what
        self.unit = unit
        self.stream = sys.stderr if stream is None else stream
        self.clock = clock
        self.every = every
        self.done = 0
        self.enabled = self.stream.isatty()
        self.started = self.shown_at = clock()
        self.shown = False

    def tick(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = self.clock()
        if now - self.shown_at >= self.every:
            self.shown_at = now
            rate = self.done / max(now - self.started, 1e-9)
            self.stream.write(f"\r\x1b[K{self.what}: {self.done:,} {self.unit}, "
                              f"{rate:,.0f}/s")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
