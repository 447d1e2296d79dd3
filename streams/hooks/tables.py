"""Tables and their stores: bounded RocksDB memory, a changelog replay handed to a follower,
direct access to a partition's database, and the current event a table write reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, cast

import faust
import rocksdict
from faust.stores.rocksdb import RocksDBOptions
from faust.stores.rocksdb import Store as RocksDBStore
from faust.types import EventT, StreamT


class BoundedRocksDBOptions(RocksDBOptions):
    """faust's RocksDB options, with every table file's index and filter blocks inside the
    block cache.

    faust's table factory keeps them beside the cache, one index and one filter per file, for
    as long as the file is open: memory that grows with the window (21.6 MB at a million
    articles in it, ``bench/dedup_bench.py``). Here they are partitioned (a two-level index and
    partitioned full filters), the partitions go through the block cache with the data blocks,
    and only their small top levels stay pinned, as RocksDB's guide to bounding memory
    advises. Files written with faust's format stay readable: the options apply to new files.
    """

    #: About 1 % false positives. Partitioned filters are full filters (faust's are the older
    #: block-based kind, at 3 bits a key).
    FILTER_BITS_PER_KEY = 10
    #: The size of an index or filter partition.
    METADATA_BLOCK_BYTES = 4096

    def as_options(self) -> Any:
        options = super().as_options()  # khabar's stores are rocksdict (faust's default)
        table = rocksdict.BlockBasedOptions()
        table.set_block_cache(rocksdict.Cache(self.block_cache_size))
        table.set_format_version(5)
        table.set_bloom_filter(self.FILTER_BITS_PER_KEY, block_based=False)
        table.set_index_type(rocksdict.BlockBasedIndexType.two_level_index_search())
        table.set_partition_filters(True)
        table.set_metadata_block_size(self.METADATA_BLOCK_BYTES)
        table.set_cache_index_and_filter_blocks(True)
        table.set_pin_top_level_index_and_filter(True)
        table.set_pin_l0_filter_and_index_blocks_in_cache(True)
        options.set_block_based_table_factory(table)
        return options


class BoundedTable(faust.Table):
    """A table whose RocksDB store keeps index and filter blocks in its block cache
    (:class:`BoundedRocksDBOptions`), so that its memory stays flat as it grows."""

    def _new_store_by_url(self, url: Any) -> Any:
        store = super()._new_store_by_url(url)
        if isinstance(store, RocksDBStore):  # self.options: less the keys faust's store popped
            store.rocksdb_options = BoundedRocksDBOptions(**(self.options or {}),
                                                          use_rocksdict=store.use_rocksdict)
        return store


class ChangelogFollower(Protocol):
    """State kept beside a table and brought along with its changelog replay."""

    def replay(self, changes: list[tuple[Any, Any]], stored: Callable[[Any], Any],
               keyless: int) -> None:
        """Apply ``changes`` (key, value or None for a tombstone), in order, before the table
        stores them; ``stored`` reads the table as it was before them. ``keyless`` records of
        the batch had no key and are left out of the table too. Must not raise: raised here,
        faust would apply the batch again on every record after it."""
        ...


class FollowedTable(BoundedTable):
    """A table whose changelog replay also brings a :class:`ChangelogFollower` along.

    faust replays a table's changelog into its store when a worker takes the partition over
    (from where its local store stopped: the whole table on an empty disk, the last records
    after a restart) and on standby replicas. Each replayed batch goes to ``follower`` first,
    against the table as stored before the batch, so the follower's state keeps up without a
    rebuild: no walk of the table, nothing held in memory, and a standby is ready when it
    takes over.
    """

    follower: ChangelogFollower | None = None

    def apply_changelog_batch(self, batch: Iterable[EventT]) -> None:
        received = list(batch)
        # a record without a key is no key's value, and faust's store could not write it
        events = [event for event in received if event.message.key is not None]
        if self.follower is not None and received:
            changes = [(event.key, None if event.message.value is None else event.value)
                       for event in events]
            raw_keys = {event.key: event.message.key for event in events}
            self.follower.replay(changes, lambda key: self._stored(key, raw_keys[key]),
                                 keyless=len(received) - len(events))
        super().apply_changelog_batch(events)

    def _stored(self, key: Any, raw_key: bytes | None) -> Any:
        """The value stored under ``key`` (``raw_key`` as it is in RocksDB), or None."""
        db = partition_db(self)
        if isinstance(db, dict):  # the memory store: decoded keys and values
            return db.get(key)
        raw = db.get(raw_key)
        return None if raw is None else cast(Any, self.data)._decode_value(raw)


def partition_db(table: Any) -> Any:
    """faust's RocksDB database (rocksdict, raw bytes) of a one-partition table's partition 0,
    opened on first use and reopened after a rebalance; or, with ``memory://``, the memory
    store's dict."""
    store = table.data
    open_partition = getattr(store, "_db_for_partition", None)
    return store.data if open_partition is None else open_partition(0)


def estimated_keys(table: Any) -> int:
    """Keys in a one-partition table without walking them.

    ``len()`` of a faust RocksDB table iterates every key, on the event loop: at 20,000
    articles in the dedup window that was 565,000 band keys and 0.2 s, growing with the
    window. RocksDB's ``estimate-num-keys`` is read in microseconds, but counts overwritten
    and deleted keys until compaction folds them (the dedup expiry index, rewritten on every
    article, read 2,576 for 82 keys). The memory store's count is exact.
    """
    db = partition_db(table)
    if isinstance(db, dict):
        return len(db)
    return db.property_int_value("rocksdb.estimate-num-keys") or 0


def set_current_event(stream: StreamT, event: EventT) -> None:
    """Make ``event`` the stream's current event: faust's tables take the changelog partition
    of a write from it, and a batch (``take``, ``noack_take``) leaves it unset."""
    stream_: Any = stream
    stream_._set_current_event(event)
