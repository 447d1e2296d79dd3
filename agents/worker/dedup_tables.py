"""The dedup tables: ``dedup_docs`` (changelog-backed) and the tables derived from it, written
straight to their local stores, and kept in step with ``dedup_docs``' changelog replay."""

from __future__ import annotations

import logging
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import faust
import orjson
from faust.types import TP
from rocksdict import WriteBatch

from khabar.agents.dedup.state import DERIVED, TABLES, DedupState
from khabar.streams import metrics
from khabar.streams.app import rocksdb_options
from khabar.streams.hooks.codecs import read_any_bytes
from khabar.streams.hooks.tables import BoundedTable, FollowedTable, estimated_keys, partition_db
from khabar.streams.settings import Settings

log = logging.getLogger(__name__)


def declare_tables(app: faust.App, settings: Settings) -> dict[str, BoundedTable]:
    """Every dedup table, one partition each, on RocksDB options bounded by
    ``settings.rocksdb_memory_mb``."""
    options = rocksdb_options(settings, len(TABLES))
    # derived tables: LocalStore writes orjson bytes (faust: "raw")
    raw: dict[str, Any] = {"key_type": bytes, "value_type": bytes}
    tables: dict[str, BoundedTable] = {
        name: (FollowedTable if name == "dedup_docs" else BoundedTable)(
            app, name=name, beacon=app.tables.beacon, partitions=1, default=None,
            help=f"dedup state: {name}",
            options=dict(options),  # faust's store pops keys from it
            extra_topic_configs=settings.topic_configs(changelog=True),
            **(raw if name in DERIVED else {}))
        for name in TABLES
    }
    read_any_bytes(tables["dedup_docs"])
    for table in tables.values():
        app.tables.add(table)
    return tables


def dedup_state(tables: dict[str, BoundedTable]) -> DedupState:
    """The dedup state over ``tables``, with the derived tables following ``dedup_docs``'
    changelog replay and its stories counted (:class:`CountedStories`)."""
    local_stores: dict[str, MutableMapping[str, Any]] = {
        name: LocalStore(tables[name]) for name in DERIVED if name != "dedup_stories"}
    local_stores["dedup_stories"] = CountedStories(LocalStore(tables["dedup_stories"]))
    state = DedupState.from_mappings(dedup_docs=tables["dedup_docs"], **local_stores)
    docs_table = tables["dedup_docs"]
    assert isinstance(docs_table, FollowedTable)
    docs_table.follower = DerivedTables(state)
    return state


class StateGauges:
    """``khabar_dedup_state_keys`` and ``khabar_stories`` from the dedup tables this worker
    owns, set by :meth:`refresh` at each scrape.

    A worker owns a table when its changelog partition is among its active assignments; on
    the other workers, standby replicas included, both gauges are 0, so that a sum over the
    workers is the state of the one dedup partition. During a rebalance the last values stay:
    the stores of revoked partitions are closed then, and reading one would reopen it.
    """

    def __init__(self, app: faust.App, tables: dict[str, BoundedTable],
                 state: DedupState) -> None:
        assert isinstance(state.stories, CountedStories)  # see dedup_state
        self.app = app
        self.tables = tables
        self.stories = state.stories

    def refresh(self) -> None:
        if self.app.rebalancing:
            return
        actives = self.app.assignor.assigned_actives()
        for name, table in self.tables.items():
            keys = estimated_keys(table) if _changelog_tp(table) in actives else 0
            metrics.DEDUP_STATE_KEYS.labels(name).set(keys)
        owned = _changelog_tp(self.tables["dedup_stories"]) in actives
        counts: Counter[str] = self.stories.counts() if owned else Counter()
        for bucket in metrics.COPY_BUCKETS:
            metrics.STORIES.labels(bucket).set(counts[bucket])


def _changelog_tp(table: BoundedTable) -> TP:
    """The changelog partition of a one-partition table."""
    return TP(table.changelog_topic.get_topic_name(), 0)


class CountedStories(MutableMapping[str, Any]):
    """``dedup_stories`` with its stories counted by ``khabar_stories`` bucket.

    The count is taken from the table once, when first needed (a walk of every story: 0.6 s
    at a million), and kept exact from then on by every write and delete, from the value it
    replaces (in the store's cache: :class:`DedupState` has just read it). A changelog replay
    (a restart, a takeover, a standby) and an expiry change the table through the same
    methods, so the count is what the table holds, whatever an earlier process counted.
    """

    def __init__(self, store: LocalStore) -> None:
        self.store = store
        self._counts: Counter[str] | None = None

    def counts(self) -> Counter[str]:
        """Stories by bucket (:func:`streams.metrics.copy_bucket`)."""
        if self._counts is None:
            self._counts = Counter(metrics.copy_bucket(orjson.loads(raw)["c"])
                                   for raw in partition_db(self.store.table).values())
        return self._counts

    def __getitem__(self, key: str) -> Any:
        return self.store[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.store.get(key, default)

    def __setitem__(self, key: str, value: Any) -> None:
        counts = self.counts()
        before = self.store.get(key)
        self.store[key] = value
        if before is not None:
            counts[metrics.copy_bucket(before["c"])] -= 1
        counts[metrics.copy_bucket(value["c"])] += 1

    def __delitem__(self, key: str) -> None:
        counts = self.counts()
        before = self.store[key]
        del self.store[key]
        counts[metrics.copy_bucket(before["c"])] -= 1

    def __iter__(self) -> Iterator[str]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)


class DerivedTables:
    """The derived dedup tables as the follower of ``dedup_docs``' changelog replay
    (:class:`streams.hooks.tables.FollowedTable`): see :meth:`DedupState.replay`. Records it
    cannot apply are logged and counted, never raised."""

    def __init__(self, state: DedupState) -> None:
        self.state = state

    def replay(self, changes: list[tuple[Any, Any]], stored: Callable[[Any], Any],
               keyless: int) -> None:
        failed = [("", "a record without a key")] * keyless
        if changes:
            try:
                failed += self.state.replay(changes, stored).failed
            except Exception:  # the store itself: the whole batch is left out
                log.exception("dedup: %d replayed articles left out of the derived tables; "
                              "dedup_docs keeps them", len(changes))
                failed += [(str(key), "the batch failed") for key, _ in changes]
        if failed:
            log.error("dedup: %d replayed records left out of the derived tables, e.g. %s",
                      len(failed), failed[:3])
        metrics.DEDUP_REPLAY_FAILURES.inc(len(failed))


class LocalStore(MutableMapping[str, Any]):
    """A table's local store, written without a changelog: for state derived from
    ``dedup_docs`` (buckets, exact hashes, expiry index, stories), which would otherwise cost
    a changelog record per band and index for every article. Use it only inside the table's
    agent.

    Keys and values cross as bytes (orjson), straight to the partition's database: faust's
    store layer (key codec, current-event lookup, key index, a KeyError per miss) cost more
    than RocksDB itself on the ~70 reads and writes of a decision. The tables have one
    partition, 0. The last ``CACHE_KEYS`` keys read or written are kept decoded, absent ones
    too: a decision reads its 32 band buckets to find candidates, then again to add itself,
    and reads back the expiry chunk it wrote for the article before. Writes go through, so
    the cache holds only what the store holds; :class:`DedupState` never mutates a value it
    read.
    """

    CACHE_KEYS = 4096

    def __init__(self, table: Any) -> None:
        self.table = table
        self.cache: OrderedDict[str, Any] = OrderedDict()

    def _remember(self, key: str, value: Any) -> None:
        cache = self.cache
        if key in cache:
            cache.move_to_end(key)
        elif len(cache) >= self.CACHE_KEYS:
            cache.popitem(last=False)
        cache[key] = value

    def _read(self, key: str) -> Any:
        value = self.cache.get(key, _UNREAD)
        if value is _UNREAD:
            raw = partition_db(self.table).get(key.encode())
            value = _ABSENT if raw is None else orjson.loads(raw)
            self._remember(key, value)
        return value

    def __getitem__(self, key: str) -> Any:
        value = self._read(key)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        """Without ``Mapping.get``'s KeyError: most band buckets a decision reads are absent."""
        value = self._read(key)
        return default if value is _ABSENT else value

    def __setitem__(self, key: str, value: Any) -> None:
        partition_db(self.table)[key.encode()] = orjson.dumps(value)
        self._remember(key, value)

    def __delitem__(self, key: str) -> None:
        self._remember(key, _ABSENT)
        del partition_db(self.table)[key.encode()]

    def update(self, other: Any = (), /, **kwargs: Any) -> None:
        """Every key in one RocksDB write: a decision files its article in 32 band buckets,
        and 32 puts cost 84-123 us against 36-51 us as one batch."""
        items = dict(other, **kwargs)
        db = partition_db(self.table)
        if isinstance(db, dict):
            db.update({key.encode(): orjson.dumps(value) for key, value in items.items()})
        else:
            batch = WriteBatch(raw_mode=True)  # faust opens its databases in raw mode
            for key, value in items.items():
                batch.put(key.encode(), orjson.dumps(value))
            db.write(batch)
        for key, value in items.items():
            self._remember(key, value)

    def __iter__(self) -> Iterator[str]:
        return (key.decode() for key in self.table.data)

    def __len__(self) -> int:
        return len(self.table.data)


_UNREAD = object()
_ABSENT = object()
