"""Log output: the level and format of ``KHABAR_LOG_LEVEL`` and ``KHABAR_LOG_FORMAT``.

The terminal commands configure logging with :func:`configure`. The worker's logging is set
up by faust (mode's ``Worker._setup_logging``) from the app's ``logging_config`` setting:
:func:`faust_logging_config` gives it, ``None`` for the text format, which keeps faust's own
handler and colours.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

from khabar.streams.settings import LOG_LEVELS, Settings

#: The text format of the lines the terminal commands log themselves.
TEXT_FORMAT = "[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s"


def level(settings: Settings) -> int:
    """The ``logging`` level number of ``settings.log_level``."""
    return LOG_LEVELS[settings.log_level]


def secrets(settings: Settings) -> tuple[str, ...]:
    """Values no log line may show."""
    return (settings.sasl_password,) if settings.sasl_password else ()


def redact(text: str, hidden: tuple[str, ...]) -> str:
    """``text`` with every value of ``hidden`` masked."""
    for secret in hidden:
        text = text.replace(secret, "***")
    return text


class JsonFormatter(logging.Formatter):
    """One JSON object per record: ``time`` (UTC, ISO 8601), ``level``, ``logger``,
    ``message``, and ``exception`` when the record carries one; ``secrets`` are masked."""

    def __init__(self, secrets: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(secrets)

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage(), self.secrets),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info), self.secrets)
        elif record.exc_text:
            entry["exception"] = redact(record.exc_text, self.secrets)
        return orjson.dumps(entry).decode()


class RedactingFormatter(logging.Formatter):
    """The text format, with ``secrets`` masked."""

    def __init__(self, fmt: str, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(fmt)
        self.secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


def formatter(settings: Settings) -> logging.Formatter:
    """The formatter of ``settings.log_format``."""
    if settings.log_format == "json":
        return JsonFormatter(secrets(settings))
    return RedactingFormatter(TEXT_FORMAT, secrets(settings))


def configure(settings: Settings, *, quiet: tuple[str, ...] = ()) -> None:
    """Log to stderr at ``settings``' level and in its format, with the loggers ``quiet``
    at warning level at least, unless logging is set up already (as by a host program, or
    pytest)."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(settings))
    root.addHandler(handler)
    root.setLevel(level(settings))
    for name in quiet:
        logging.getLogger(name).setLevel(max(level(settings), logging.WARNING))


def faust_logging_config(settings: Settings) -> dict[str, Any] | None:
    """The worker's ``logging.config.dictConfig`` for faust's ``logging_config`` setting:
    JSON lines on stderr, or ``None`` for faust's own text format."""
    if settings.log_format != "json":
        return None
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter",
                                "secrets": list(secrets(settings))}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json",
                                "stream": "ext://sys.stderr"}},
        "root": {"level": level(settings), "handlers": ["stderr"]},
    }
