"""Every faust, mode and aiokafka internal that :mod:`streams.hooks` overrides or uses still
exists in the installed releases, with the parameters the hook expects.

A release that renames, removes or reshapes one fails here, naming the hook, instead of
crashing (or silently doing the wrong thing) in a running worker. The table is the one in
``docs/framework-hooks.md``; a test below keeps every override in :mod:`streams.hooks` in it.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from types import ModuleType

import aiokafka
import faust
import pytest
from faust.sensors.monitor import Monitor
from faust.serializers import codecs as faust_codecs
from faust.stores import memory as memory_store
from faust.stores import rocksdb as rocksdb_store
from faust.streams import Stream
from faust.tables.base import Collection
from faust.transport import consumer as base_consumer
from faust.transport.drivers import aiokafka as aiokafka_driver
from mode.utils.queues import FlowControlQueue

from khabar.streams.hooks import app as hooks_app
from khabar.streams.hooks import codecs as hooks_codecs
from khabar.streams.hooks import consumer as hooks_consumer
from khabar.streams.hooks import tables as hooks_tables


@dataclass(frozen=True)
class Method:
    """A method overridden or called: its parameter names, and whether it is a coroutine."""

    hook: str
    owner: type
    name: str
    parameters: tuple[str, ...]
    coroutine: bool = False


@dataclass(frozen=True)
class Attribute:
    """An instance attribute read or set: assigned as ``self.<name>`` in ``assigned_in`` (and,
    when given, read in ``read_in``)."""

    hook: str
    owner: type
    name: str
    assigned_in: str = "__init__"
    read_in: str | None = None


@dataclass(frozen=True)
class ClassAttribute:
    hook: str
    owner: type
    name: str


_MONITOR = "StallWatchMonitor (sensor calls)"

HOOKS: tuple[Method | Attribute | ClassAttribute, ...] = (
    # streams.hooks.consumer
    Method("SafeSeekConsumer.perform_seek (seek after a rebalance)",
           aiokafka_driver.Consumer, "perform_seek", ("self",), coroutine=True),
    Method("SafeSeekConsumer.perform_seek (stops the flow)",
           base_consumer.Consumer, "stop_flow", ("self",)),
    Method("SafeSeekConsumer.perform_seek (changelog partitions left alone)",
           base_consumer.Consumer, "_is_changelog_tp", ("self", "tp")),
    Attribute("SafeSeekConsumer.perform_seek, committed_offsets (faust's committed offsets)",
              base_consumer.Consumer, "_committed_offset"),
    Attribute("SafeSeekConsumer.perform_seek (the consumer thread)",
              base_consumer.ThreadDelegateConsumer, "_thread"),
    Method("SafeSeekConsumer.perform_seek (seek to the beginning)",
           aiokafka_driver.AIOKafkaConsumerThread, "seek_to_beginning",
           ("self", "partitions"), coroutine=True),
    Method("SafeSeekConsumer._add_gap (gaps reported)",
           base_consumer.Consumer, "_add_gap", ("self", "tp", "offset_from", "offset_to"),
           coroutine=True),
    ClassAttribute("Transport.Consumer, EmbeddedTransport.Consumer (khabar's consumers)",
                   aiokafka_driver.Transport, "Consumer"),
    Method("EmbeddedConsumer._new_consumer_thread (the embedded consumer thread)",
           aiokafka_driver.Consumer, "_new_consumer_thread", ("self",)),
    Method("EmbeddedConsumerThread._create_worker_consumer (fetch wait)",
           aiokafka_driver.AIOKafkaConsumerThread, "_create_worker_consumer",
           ("self", "transport")),
    Attribute("EmbeddedConsumerThread._create_worker_consumer (fetch wait)",
              aiokafka.AIOKafkaConsumer, "_fetch_max_wait_ms", read_in="start"),
    Method("EmbeddedConsumerThread._highwaters (end offsets)",
           aiokafka_driver.AIOKafkaConsumerThread, "_highwaters", ("self", "partitions"),
           coroutine=True),
    # streams.hooks.app
    Method("KhabarApp._new_transport (khabar's transport)",
           faust.App, "_new_transport", ("self",)),
    Attribute("KhabarWorker (no spinner)", faust.Worker, "spinner"),
    Attribute("StallWatchMonitor.on_stream_event_in (stall check)",
              Monitor, "stream_inbound_time"),
    Method(_MONITOR, Monitor, "on_message_in", ("self", "tp", "offset", "message")),
    Method(_MONITOR, Monitor, "on_stream_event_in", ("self", "tp", "offset", "stream", "event")),
    Method(_MONITOR, Monitor, "on_stream_event_out",
           ("self", "tp", "offset", "stream", "event", "state")),
    Method(_MONITOR, Monitor, "on_message_out", ("self", "tp", "offset", "message")),
    Method(_MONITOR, Monitor, "on_table_get", ("self", "table", "key")),
    Method(_MONITOR, Monitor, "on_table_set", ("self", "table", "key", "value")),
    Method(_MONITOR, Monitor, "on_table_del", ("self", "table", "key")),
    Method(_MONITOR, Monitor, "on_send_initiated",
           ("self", "producer", "topic", "message", "keysize", "valsize")),
    Method(_MONITOR, Monitor, "on_send_completed", ("self", "producer", "state", "metadata")),
    Method("send_direct (past Topic.send)", aiokafka_driver.Producer, "send",
           ("self", "topic", "key", "value", "partition", "timestamp", "headers",
            "transactional_id"), coroutine=True),
    # streams.hooks.tables
    Method("BoundedRocksDBOptions.as_options (index and filters in the block cache)",
           rocksdb_store.RocksDBOptions, "as_options", ("self",)),
    Attribute("BoundedRocksDBOptions.as_options (the cache size)",
              rocksdb_store.RocksDBOptions, "block_cache_size"),
    Method("BoundedTable._new_store_by_url (bounded RocksDB options)",
           faust.Table, "_new_store_by_url", ("self", "url")),
    Attribute("BoundedTable._new_store_by_url (the table's store options)",
              Collection, "options"),
    Attribute("BoundedTable._new_store_by_url (the store's RocksDB options)",
              rocksdb_store.Store, "rocksdb_options"),
    Attribute("BoundedTable._new_store_by_url (the store's driver)",
              rocksdb_store.Store, "use_rocksdict"),
    Method("FollowedTable.apply_changelog_batch (changelog replay followed)",
           faust.Table, "apply_changelog_batch", ("self", "batch")),
    Method("FollowedTable.apply_changelog_batch (stored values decoded)",
           rocksdb_store.Store, "_decode_value", ("self", "value")),
    Method("partition_db (a partition's RocksDB database)",
           rocksdb_store.Store, "_db_for_partition", ("self", "partition")),
    Attribute("partition_db (the memory store's dict)", memory_store.Store, "data",
              assigned_in="__post_init__"),
    Method("the changelog codecs' _loads (any bytes read)",
           faust_codecs.json, "_loads", ("self", "s")),
    Attribute("read_any_bytes (a table's changelog codecs)", Collection, "key_serializer"),
    Attribute("read_any_bytes (a table's changelog codecs)", Collection, "value_serializer"),
    Method("set_current_event (table writes in a batch)",
           Stream, "_set_current_event", ("self", "event")),
    # streams.app
    ClassAttribute("MAX_POLL_RECORDS (the stream buffer's pressure ratio)",
                   FlowControlQueue, "pressure_high_ratio"),
)


def _where(owner: type, name: str) -> str:
    return f"{owner.__module__}.{owner.__qualname__}.{name}"


def _check(hook: Method | Attribute | ClassAttribute) -> None:
    where = _where(hook.owner, hook.name)
    if isinstance(hook, Method):
        method = getattr(hook.owner, hook.name, None)
        assert callable(method), f"faust hook {hook.hook}: {where} is gone"
        parameters = tuple(inspect.signature(method).parameters)
        assert parameters == hook.parameters, (
            f"faust hook {hook.hook}: {where} takes {parameters}, the hook expects "
            f"{hook.parameters}")
        assert inspect.iscoroutinefunction(method) == hook.coroutine, (
            f"faust hook {hook.hook}: {where} is "
            f"{'now' if not hook.coroutine else 'no longer'} a coroutine")
    elif isinstance(hook, Attribute):
        for method_name in filter(None, (hook.assigned_in, hook.read_in)):
            method = getattr(hook.owner, method_name, None)
            source = inspect.getsource(method) if callable(method) else ""
            assert f"self.{hook.name}" in source, (
                f"faust hook {hook.hook}: {where} is no longer "
                f"{'set' if method_name == hook.assigned_in else 'read'} in "
                f"{_where(hook.owner, method_name)}")
    else:
        assert hasattr(hook.owner, hook.name), f"faust hook {hook.hook}: {where} is gone"


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: _where(hook.owner, hook.name))
def test_each_hooked_internal_exists_with_the_expected_signature(
        hook: Method | Attribute | ClassAttribute) -> None:
    _check(hook)


def _hook_classes(*modules: ModuleType) -> list[type]:
    return [value for module in modules for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module.__name__]


def test_every_override_in_the_hooks_is_checked() -> None:
    """A method a hook class defines that its framework base class also has is an override,
    and must be in ``HOOKS``."""
    checked = {hook.name for hook in HOOKS if not isinstance(hook, Attribute)}
    overrides = sorted(
        f"{cls.__qualname__}.{name}"
        for cls in _hook_classes(hooks_app, hooks_codecs, hooks_consumer, hooks_tables)
        for name, value in vars(cls).items()
        if callable(value) and name != "__init__"
        and any(name in vars(base) for base in cls.__mro__[1:]
                if not base.__module__.startswith(("streams.", "builtins", "typing")))
        and name not in checked)
    assert not overrides, f"overrides of framework methods not checked in HOOKS: {overrides}"


def test_a_removed_internal_fails_naming_its_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself: with a hooked method gone, it fails and names the hook."""
    hook = next(h for h in HOOKS if isinstance(h, Method) and h.name == "_highwaters")
    monkeypatch.delattr(hook.owner, hook.name)
    with pytest.raises(AssertionError, match=r"faust hook EmbeddedConsumerThread\._highwaters"):
        _check(hook)


def test_a_changed_signature_fails_naming_its_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = next(h for h in HOOKS if isinstance(h, Method) and h.name == "_add_gap")

    async def _add_gap(self: object, tp: object, offsets: object) -> None: ...

    monkeypatch.setattr(hook.owner, hook.name, _add_gap)
    with pytest.raises(AssertionError, match=r"faust hook SafeSeekConsumer\._add_gap.*takes"):
        _check(hook)


