"""The dedup tables' RocksDB options: index and filter blocks inside the bounded block cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from faust.stores.rocksdb import RocksDBOptions

from khabar.agents.dedup.state import TABLES
from khabar.streams.app import rocksdb_options
from khabar.streams.hooks.tables import BoundedRocksDBOptions
from khabar.streams.settings import Settings

KEYS = 50_000


def _options(kind: type[RocksDBOptions]) -> RocksDBOptions:
    return kind(**rocksdb_options(Settings(), len(TABLES)), use_rocksdict=True)  # a table's share


def _write(db: Any) -> None:
    for i in range(KEYS):
        db[f"band-{i:08x}".encode()] = b'["a%d"]' % i
    db.flush()  # into a table file, whose index and filter blocks are then read


def _outside_cache(db: Any) -> int:
    """Bytes of the open table files' readers held beside the block cache."""
    return db.property_int_value("rocksdb.estimate-table-readers-mem")


def _in_cache(db: Any) -> int:
    return db.property_int_value("rocksdb.block-cache-usage")


def test_index_and_filter_blocks_go_through_the_block_cache(tmp_path: Path) -> None:
    faust_db = _options(RocksDBOptions).open(tmp_path / "faust")
    bounded_db = _options(BoundedRocksDBOptions).open(tmp_path / "bounded")
    for db in (faust_db, bounded_db):
        _write(db)
    # faust's factory holds each file's index and filter beside the cache, for as long as
    # the file is open: this grows with the window.
    assert _outside_cache(faust_db) > 10 * _outside_cache(bounded_db)
    assert _in_cache(bounded_db) > _in_cache(faust_db) + _outside_cache(faust_db) // 2
    for db in (faust_db, bounded_db):
        assert db.get(b"band-00000010") == b'["a16"]' and db.get(b"band-absent") is None
        db.close()


def test_files_written_with_fausts_options_stay_readable(tmp_path: Path) -> None:
    db = _options(RocksDBOptions).open(tmp_path / "t")
    _write(db)
    db.close()
    reopened = _options(BoundedRocksDBOptions).open(tmp_path / "t")
    assert reopened.get(f"band-{KEYS - 1:08x}".encode()) == b'["a%d"]' % (KEYS - 1)
    assert reopened.get(b"band-absent") is None
    reopened.close()
