"""Settings: read from KHABAR_* variables, validated with one clear line, secrets hidden."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from mode.utils.queues import FlowControlQueue

from khabar.streams import records
from khabar.streams.app import faust_config
from khabar.streams.settings import ENV_VARS, Settings, SettingsError, worker_environment


def test_defaults() -> None:
    s = Settings.from_env({})
    assert (s.broker, s.topic_prefix, s.partitions, s.store) == (
        "kafka://127.0.0.1:9092", "articles", 8, "rocksdb://")
    assert s.dedup_window_seconds == 7 * 86400 and not s.embedded


@pytest.mark.parametrize(("env", "value"), [
    ({"KHABAR_DEDUP_WINDOW": "12h"}, 12 * 3600.0),
    ({"KHABAR_DEDUP_WINDOW": "90m"}, 5400.0),
    ({"KHABAR_DEDUP_WINDOW": "3600"}, 3600.0),
])
def test_window_durations(env: dict[str, str], value: float) -> None:
    assert Settings.from_env(env).dedup_window_seconds == value


@pytest.mark.parametrize(("env", "names"), [
    ({"KHABAR_PARTITIONS": "eight"}, "KHABAR_PARTITIONS"),
    ({"KHABAR_PARTITIONS": "0"}, "KHABAR_PARTITIONS"),
    ({"KHABAR_BROKER": "localhost:9092"}, "KHABAR_BROKER"),
    ({"KHABAR_BROKER_PROFILE": "tansu"}, "KHABAR_BROKER_PROFILE"),
    ({"KHABAR_STORE": "redis://"}, "KHABAR_STORE"),
    ({"KHABAR_DEDUP_WINDOW": "a week"}, "KHABAR_DEDUP_WINDOW"),
    ({"KHABAR_TOPIC_PREFIX": "bad prefix"}, "KHABAR_TOPIC_PREFIX"),
    ({"KHABAR_WEB_PORT": "70000"}, "KHABAR_WEB_PORT"),
    ({"KHABAR_TAXONOMY": "/nonexistent/taxonomy.toml"}, "KHABAR_TAXONOMY"),
    ({"KHABAR_SECURITY_PROTOCOL": "SASL_SSL"}, "KHABAR_SASL_MECHANISM"),
    ({"KHABAR_MIN_INSYNC_REPLICAS": "0"}, "KHABAR_MIN_INSYNC_REPLICAS"),
    ({"KHABAR_MIN_INSYNC_REPLICAS": "two"}, "KHABAR_MIN_INSYNC_REPLICAS"),
    ({"KHABAR_REPLICATION_FACTOR": "2", "KHABAR_MIN_INSYNC_REPLICAS": "3"},
     "KHABAR_MIN_INSYNC_REPLICAS=3 is more than KHABAR_REPLICATION_FACTOR=2"),
    ({"KHABAR_RETENTION_HOURS": "0"}, "KHABAR_RETENTION_HOURS"),
    ({"KHABAR_RETENTION_HOURS": "7d"}, "KHABAR_RETENTION_HOURS"),
])
def test_bad_settings_name_the_variable(env: dict[str, str], names: str) -> None:
    with pytest.raises(SettingsError, match=names):
        Settings.from_env(env)


def test_password_never_in_repr_or_errors() -> None:
    env = {"KHABAR_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KHABAR_SASL_MECHANISM": "PLAIN",
           "KHABAR_SASL_USERNAME": "khabar", "KHABAR_SASL_PASSWORD": "s3cret-value"}
    s = Settings.from_env(env)
    assert "s3cret-value" not in repr(s)
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({**env, "KHABAR_SASL_USERNAME": ""})
    assert "s3cret-value" not in str(caught.value)


def test_every_variable_is_read() -> None:
    source = Path(__file__).resolve().parents[3].joinpath("streams/settings.py").read_text()
    for name in ENV_VARS:
        assert source.count(f'"{name}"') >= 2, name


def test_embedded_profile_only_when_asked() -> None:
    production = faust_config(Settings.from_env({}))
    embedded = faust_config(Settings.from_env({"KHABAR_BROKER_PROFILE": "embedded"}))
    assert "broker_session_timeout" not in production
    # Producers batch in both: recovery reads its end offsets from fetch responses.
    assert embedded["producer_max_batch_size"] == production["producer_max_batch_size"] > 16384
    assert embedded["broker_session_timeout"] < 10


def test_a_poll_fits_in_what_a_stream_buffer_has_left_when_fetching_stops() -> None:
    """A poll larger than that blocks faust's one delivery loop, and so every other agent,
    until the agent with the full buffer drains it (``tests/integration/test_flow.py``)."""
    for profile in ("kafka", "embedded"):
        config = faust_config(Settings.from_env({"KHABAR_BROKER_PROFILE": profile}))
        buffer = config["stream_buffer_maxsize"]
        fetching_stops = math.floor(buffer / FlowControlQueue.pressure_high_ratio)
        assert 0 < config["broker_max_poll_records"] <= buffer - fetching_stops


def test_a_workers_environment_reproduces_its_settings_and_drops_the_parents() -> None:
    settings = Settings(broker="kafka://10.0.0.7:9092", broker_profile="embedded",
                        topic_prefix="envtest", partitions=3, app_id="khabar-env",
                        data_dir=Path("/tmp/khabar-env"), web_port=7001, log_level="warn")
    env = worker_environment(settings, {"PATH": "/bin", "KHABAR_STORE": "memory://"},
                             KHABAR_CORE_PROCESSES="0")
    assert env["PATH"] == "/bin"
    assert env["KHABAR_STORE"] == settings.store
    assert env["KHABAR_CORE_PROCESSES"] == "0"
    child = Settings.from_env(env)
    for name in ("broker", "broker_profile", "topic_prefix", "partitions", "app_id", "data_dir",
                 "web_port", "log_level", "store", "max_message_bytes"):
        assert getattr(child, name) == getattr(settings, name), name


def test_topic_configs_replicate_and_retain_on_a_cluster() -> None:
    s = Settings.from_env({"KHABAR_REPLICATION_FACTOR": "3", "KHABAR_MIN_INSYNC_REPLICAS": "2",
                           "KHABAR_RETENTION_HOURS": "48"})
    limit = str(1_048_576 + records.RECORD_OVERHEAD_BYTES)
    assert s.topic_configs() == {"min.insync.replicas": "2", "max.message.bytes": limit,
                                 "retention.ms": str(48 * 3_600_000)}
    assert s.topic_configs(changelog=True) == {"min.insync.replicas": "2",
                                               "max.message.bytes": limit,
                                               "cleanup.policy": "compact"}
    assert faust_config(s)["topic_replication_factor"] == 3


def test_topics_accept_the_largest_record_and_the_largest_producer_batch() -> None:
    large = Settings.from_env({"KHABAR_MAX_MESSAGE_BYTES": "4194304"})
    small = Settings.from_env({"KHABAR_MAX_MESSAGE_BYTES": "65536"})
    assert large.topic_configs()["max.message.bytes"] == str(
        4_194_304 + records.RECORD_OVERHEAD_BYTES)
    assert small.topic_configs()["max.message.bytes"] == str(
        small.producer_batch_bytes + records.RECORD_OVERHEAD_BYTES)


def test_defaults_keep_a_one_broker_cluster_writable() -> None:
    s = Settings.from_env({})
    assert s.min_insync_replicas <= s.replication_factor
    assert s.topic_configs()["retention.ms"] == str(7 * 24 * 3_600_000)


def test_the_embedded_broker_gets_no_topic_configs() -> None:
    """Tansu is one node: no replicas to wait for, and its own retention."""
    s = Settings.from_env({"KHABAR_BROKER_PROFILE": "embedded", "KHABAR_RETENTION_HOURS": "1"})
    assert s.topic_configs() == s.topic_configs(changelog=True) == {}
