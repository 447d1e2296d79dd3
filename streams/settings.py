"""Settings: one frozen object, read once from ``KHABAR_*`` environment variables.

Everything configurable is read here and nowhere else; the cores receive plain values.
``Settings.from_env`` validates every field and raises :class:`SettingsError` with one line
naming the variable, which the CLI prints before exiting non-zero (no traceback).
Secret values (the SASL password) never appear in ``repr`` or error messages.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from khabar.streams.records import RECORD_OVERHEAD_BYTES

ENV_VARS: tuple[str, ...] = (
    "KHABAR_BROKER",
    "KHABAR_BROKER_PROFILE",
    "KHABAR_TOPIC_PREFIX",
    "KHABAR_PARTITIONS",
    "KHABAR_REPLICATION_FACTOR",
    "KHABAR_MIN_INSYNC_REPLICAS",
    "KHABAR_RETENTION_HOURS",
    "KHABAR_STORE",
    "KHABAR_ROCKSDB_MEMORY_MB",
    "KHABAR_DATA_DIR",
    "KHABAR_APP_ID",
    "KHABAR_WEB_HOST",
    "KHABAR_WEB_PORT",
    "KHABAR_MAX_MESSAGE_BYTES",
    "KHABAR_DLQ_PAYLOAD_BYTES",
    "KHABAR_DEDUP_WINDOW",
    "KHABAR_TAXONOMY",
    "KHABAR_LOG_LEVEL",
    "KHABAR_LOG_FORMAT",
    "KHABAR_BROKER_WAIT",
    "KHABAR_PRODUCER_LINGER_MS",
    "KHABAR_PRODUCER_BATCH_BYTES",
    "KHABAR_EVENT_LOOP",
    "KHABAR_CORE_PROCESSES",
    "KHABAR_SECURITY_PROTOCOL",
    "KHABAR_SASL_MECHANISM",
    "KHABAR_SASL_USERNAME",
    "KHABAR_SASL_PASSWORD",
    "KHABAR_SSL_CAFILE",
    "KHABAR_SSL_CERTFILE",
    "KHABAR_SSL_KEYFILE",
)

#: ``KHABAR_*`` variables read outside :class:`Settings`: by ``khabar demo``, and by the test
#: suite (in the tests and in the fault-injecting ``sitecustomize`` it gives a worker).
OTHER_ENV_VARS: tuple[str, ...] = ("KHABAR_DEMO_ONCE", "KHABAR_SOAK",
                                   "KHABAR_TEST_COMMITTED_DELAY_S")
#: Prefixes of the variables Kubernetes injects into every container of a namespace that has a
#: Service named ``khabar`` (``KHABAR_SERVICE_HOST``, ``KHABAR_PORT_6066_TCP``, ...) unless the
#: pod sets ``enableServiceLinks: false`` (``deploy/k8s`` does, but a cluster's own manifests
#: may not). Nobody wrote them, so warning about them would only teach operators to ignore the
#: warning.
SERVICE_ENV_PREFIXES: tuple[str, ...] = ("KHABAR_SERVICE_", "KHABAR_PORT")

PROFILES = ("kafka", "embedded")
SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
#: Log level names (any case) and their numbers: the standard names, and ``warn``.
LOG_LEVELS: dict[str, int] = {"debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40,
                              "critical": 50}
LOG_FORMATS = ("text", "json")
EVENT_LOOPS = ("uvloop", "asyncio")

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_DURATION_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_TOPIC_PREFIX = re.compile(r"^[A-Za-z0-9._-]{1,200}$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    broker: str = "kafka://127.0.0.1:9092"
    broker_profile: str = "kafka"
    topic_prefix: str = "articles"
    partitions: int = 8
    replication_factor: int = 1
    #: Replicas that must have a write before the broker acknowledges it (the worker produces
    #: with acks=all): with a replication factor of 3, 2 survives the loss of one broker.
    min_insync_replicas: int = 1
    #: How long the topics the worker creates keep records (the changelogs are compacted).
    retention_hours: int = 7 * 24
    store: str = "rocksdb://"
    #: RocksDB memory of all state tables together: memtables and block caches.
    rocksdb_memory_mb: int = 128
    data_dir: Path = Path("var")
    app_id: str = "khabar"
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    max_message_bytes: int = 1_048_576
    dlq_payload_bytes: int = 65_536
    dedup_window_seconds: float = 7 * 86400
    taxonomy: Path | None = None
    log_level: str = "info"
    #: ``text`` (faust's) or ``json``: one JSON object per line.
    log_format: str = "text"
    #: How long ``khabar publish`` and ``khabar tail`` try to reach the broker before giving up.
    broker_wait_seconds: float = 30.0
    #: The worker's event loop: uvloop cuts faust's and aiokafka's per-message loop overhead.
    event_loop: str = "uvloop"
    #: Processes that run the per-page cores beside the event loop; 0 runs them on the loop.
    core_processes: int = 1
    #: The pages agent sends a whole batch's records at once, so they share producer batches
    #: without a linger; 1 ms against 5 cut p99 at 229 pages/s by 50-110 ms (three paired runs).
    producer_linger_ms: int = 1
    #: Per-partition producer batch limit: fewer, larger produce requests (faust's is 16 KiB).
    producer_batch_bytes: int = 262_144
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = field(default=None, repr=False)
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None

    @property
    def embedded(self) -> bool:
        """True when talking to the embedded Tansu broker (its workarounds apply)."""
        return self.broker_profile == "embedded"

    @property
    def broker_urls(self) -> list[str]:
        return [u.strip() for u in self.broker.split(",") if u.strip()]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build and validate settings from ``env`` (default ``os.environ``)."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name)
            return value.strip() if value is not None and value.strip() else None

        d = cls()
        settings = cls(
            broker=_broker(get("KHABAR_BROKER") or d.broker),
            broker_profile=_choice("KHABAR_BROKER_PROFILE", get("KHABAR_BROKER_PROFILE"),
                                   PROFILES, d.broker_profile),
            topic_prefix=_topic_prefix(get("KHABAR_TOPIC_PREFIX") or d.topic_prefix),
            partitions=_int("KHABAR_PARTITIONS", get("KHABAR_PARTITIONS"), d.partitions, 1, 1024),
            replication_factor=_int("KHABAR_REPLICATION_FACTOR", get("KHABAR_REPLICATION_FACTOR"),
                                    d.replication_factor, 1, 16),
            min_insync_replicas=_int("KHABAR_MIN_INSYNC_REPLICAS",
                                     get("KHABAR_MIN_INSYNC_REPLICAS"),
                                     d.min_insync_replicas, 1, 16),
            retention_hours=_int("KHABAR_RETENTION_HOURS", get("KHABAR_RETENTION_HOURS"),
                                 d.retention_hours, 1, 24 * 365 * 10),
            store=_store(get("KHABAR_STORE") or d.store),
            rocksdb_memory_mb=_int("KHABAR_ROCKSDB_MEMORY_MB", get("KHABAR_ROCKSDB_MEMORY_MB"),
                                   d.rocksdb_memory_mb, 16, 1 << 20),
            data_dir=Path(get("KHABAR_DATA_DIR") or d.data_dir),
            app_id=get("KHABAR_APP_ID") or d.app_id,
            web_host=get("KHABAR_WEB_HOST") or d.web_host,
            web_port=_int("KHABAR_WEB_PORT", get("KHABAR_WEB_PORT"), d.web_port, 1, 65535),
            max_message_bytes=_int("KHABAR_MAX_MESSAGE_BYTES", get("KHABAR_MAX_MESSAGE_BYTES"),
                                   d.max_message_bytes, 1024, 1 << 30),
            dlq_payload_bytes=_int("KHABAR_DLQ_PAYLOAD_BYTES", get("KHABAR_DLQ_PAYLOAD_BYTES"),
                                   d.dlq_payload_bytes, 0, 1 << 26),
            dedup_window_seconds=_duration("KHABAR_DEDUP_WINDOW", get("KHABAR_DEDUP_WINDOW"),
                                           d.dedup_window_seconds),
            taxonomy=_existing_file("KHABAR_TAXONOMY", get("KHABAR_TAXONOMY")),
            log_level=_choice("KHABAR_LOG_LEVEL", (get("KHABAR_LOG_LEVEL") or "").lower() or None,
                              tuple(LOG_LEVELS), d.log_level),
            log_format=_choice("KHABAR_LOG_FORMAT",
                               (get("KHABAR_LOG_FORMAT") or "").lower() or None,
                               LOG_FORMATS, d.log_format),
            broker_wait_seconds=_duration("KHABAR_BROKER_WAIT", get("KHABAR_BROKER_WAIT"),
                                          d.broker_wait_seconds),
            event_loop=_choice("KHABAR_EVENT_LOOP", get("KHABAR_EVENT_LOOP"), EVENT_LOOPS,
                               d.event_loop),
            core_processes=_int("KHABAR_CORE_PROCESSES", get("KHABAR_CORE_PROCESSES"),
                                d.core_processes, 0, 64),
            producer_linger_ms=_int("KHABAR_PRODUCER_LINGER_MS", get("KHABAR_PRODUCER_LINGER_MS"),
                                    d.producer_linger_ms, 0, 10_000),
            producer_batch_bytes=_int("KHABAR_PRODUCER_BATCH_BYTES",
                                      get("KHABAR_PRODUCER_BATCH_BYTES"),
                                      d.producer_batch_bytes, 1024, 16_777_216),
            security_protocol=_choice("KHABAR_SECURITY_PROTOCOL", get("KHABAR_SECURITY_PROTOCOL"),
                                      SECURITY_PROTOCOLS, d.security_protocol),
            sasl_mechanism=_choice("KHABAR_SASL_MECHANISM", get("KHABAR_SASL_MECHANISM"),
                                   SASL_MECHANISMS, None),
            sasl_username=get("KHABAR_SASL_USERNAME"),
            sasl_password=env.get("KHABAR_SASL_PASSWORD") or None,
            ssl_cafile=_existing_file("KHABAR_SSL_CAFILE", get("KHABAR_SSL_CAFILE")),
            ssl_certfile=_existing_file("KHABAR_SSL_CERTFILE", get("KHABAR_SSL_CERTFILE")),
            ssl_keyfile=_existing_file("KHABAR_SSL_KEYFILE", get("KHABAR_SSL_KEYFILE")),
        )
        settings._check_security()
        settings._check_replication()
        return settings

    def topic_configs(self, *, changelog: bool = False) -> dict[str, str]:
        """Broker configs for a topic the worker creates: ``min.insync.replicas``,
        ``max.message.bytes`` and, for a changelog, compaction, else a retention time.

        None on the embedded broker: Tansu is one node with no replicas to wait for.
        """
        if self.embedded:
            return {}
        configs = {"min.insync.replicas": str(self.min_insync_replicas),
                   "max.message.bytes": str(self.topic_message_bytes)}
        if changelog:
            configs["cleanup.policy"] = "compact"
        else:
            configs["retention.ms"] = str(self.retention_hours * 3_600_000)
        return configs

    @property
    def topic_message_bytes(self) -> int:
        """The topics' ``max.message.bytes``: a record of ``max_message_bytes`` (key and
        value) with its batch's framing, or a full producer batch of smaller records."""
        return max(self.max_message_bytes, self.producer_batch_bytes) + RECORD_OVERHEAD_BYTES

    def _check_replication(self) -> None:
        if self.min_insync_replicas > self.replication_factor:
            raise SettingsError(
                f"KHABAR_MIN_INSYNC_REPLICAS={self.min_insync_replicas} is more than "
                f"KHABAR_REPLICATION_FACTOR={self.replication_factor}: every write would fail"
            )

    def _check_security(self) -> None:
        if self.security_protocol.startswith("SASL"):
            if not (self.sasl_mechanism and self.sasl_username and self.sasl_password):
                raise SettingsError(
                    f"KHABAR_SECURITY_PROTOCOL={self.security_protocol} needs "
                    "KHABAR_SASL_MECHANISM, KHABAR_SASL_USERNAME and KHABAR_SASL_PASSWORD"
                )
        if bool(self.ssl_certfile) != bool(self.ssl_keyfile):
            raise SettingsError("KHABAR_SSL_CERTFILE and KHABAR_SSL_KEYFILE go together")
        if self.embedded and self.security_protocol != "PLAINTEXT":
            raise SettingsError("KHABAR_BROKER_PROFILE=embedded speaks PLAINTEXT only")


def worker_environment(settings: Settings, base: Mapping[str, str] | None = None,
                       **extra: str) -> dict[str, str]:
    """The environment of a ``khabar worker`` child process running with ``settings``:
    ``base`` (default ``os.environ``) without its ``KHABAR_*`` variables, the variables that
    reproduce ``settings`` (secrets excluded: they stay out of child environments), then
    ``extra``."""
    env = {k: v for k, v in (os.environ if base is None else base).items()
           if not k.startswith("KHABAR_")}
    env.update({
        "KHABAR_BROKER": settings.broker,
        "KHABAR_BROKER_PROFILE": settings.broker_profile,
        "KHABAR_TOPIC_PREFIX": settings.topic_prefix,
        "KHABAR_PARTITIONS": str(settings.partitions),
        "KHABAR_STORE": settings.store,
        "KHABAR_DATA_DIR": str(settings.data_dir),
        "KHABAR_APP_ID": settings.app_id,
        "KHABAR_WEB_HOST": settings.web_host,
        "KHABAR_WEB_PORT": str(settings.web_port),
        "KHABAR_MAX_MESSAGE_BYTES": str(settings.max_message_bytes),
        "KHABAR_DEDUP_WINDOW": str(settings.dedup_window_seconds),
        "KHABAR_LOG_LEVEL": settings.log_level,
        "KHABAR_LOG_FORMAT": settings.log_format,
        **({"KHABAR_TAXONOMY": str(settings.taxonomy)} if settings.taxonomy else {}),
    })
    env.update(extra)
    return env


def unknown_variables(env: Mapping[str, str]) -> list[str]:
    """One warning per ``KHABAR_*`` variable of ``env`` that no part of khabar reads, with the
    closest known name when one is close (a misspelt variable is otherwise silently ignored)."""
    known = ENV_VARS + OTHER_ENV_VARS
    warnings = []
    for name in sorted(env):
        if (not name.startswith("KHABAR_") or name in known
                or name.startswith(SERVICE_ENV_PREFIXES)):
            continue
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        warnings.append(f"unknown variable {name} is ignored{hint}")
    return warnings


def _broker(value: str) -> str:
    for url in value.split(","):
        url = url.strip()
        if not re.fullmatch(r"kafka://[A-Za-z0-9._\-\[\]:]+:\d{1,5}", url):
            raise SettingsError(
                f"KHABAR_BROKER: {url!r} is not of the form kafka://host:port[,kafka://host:port]"
            )
    return value


def _choice(name: str, value: str | None, allowed: tuple[str, ...], default: str | None) -> str:
    if value is None:
        return default  # type: ignore[return-value]
    if value not in allowed:
        raise SettingsError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _int(name: str, value: str | None, default: int, lo: int, hi: int) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SettingsError(f"{name}: {value!r} is not a whole number") from None
    if not lo <= number <= hi:
        raise SettingsError(f"{name}: {number} is outside {lo}..{hi}")
    return number


def _duration(name: str, value: str | None, default: float) -> float:
    if value is None:
        return default
    match = _DURATION.match(value)
    if not match or float(match.group(1)) <= 0:
        raise SettingsError(f"{name}: {value!r} is not a positive duration like 7d, 12h, 90m, 3600")
    return float(match.group(1)) * _DURATION_UNITS[match.group(2)]


def _topic_prefix(value: str) -> str:
    if not _TOPIC_PREFIX.match(value):
        raise SettingsError(f"KHABAR_TOPIC_PREFIX: {value!r} may hold only letters, digits, . _ -")
    return value


def _store(value: str) -> str:
    if value not in ("rocksdb://", "memory://"):
        raise SettingsError(f"KHABAR_STORE: {value!r} is not rocksdb:// or memory://")
    return value


def _existing_file(name: str, value: str | None) -> Path | None:
    if value is None:
        return None
    path = Path(value)
    if not path.is_file():
        raise SettingsError(f"{name}: no file at {value}")
    return path
