"""Dedup cost per article and state size with N signatures in the window, on RocksDB (rocksdict)
with the worker's table options (``streams.app.rocksdb_options`` and
``streams.hooks.tables.BoundedRocksDBOptions``).

    python bench/dedup_bench.py [N]       # default 1_000_000; 100_000 for a quick run

Fingerprint cost is measured on ~2 KB synthetic texts. The store is filled through the real
``Deduper.decide`` with synthetic signatures (fingerprinting a million texts would only repeat the
first measurement), one article a second of event time so all stay inside a window of N seconds.
RSS is read at half and at the full window: memory flat in the window grows in the second half
only while the block caches and memtables fill up to their bound. Then a takeover on an empty
disk: every stored doc replayed into fresh derived tables in faust's recovery batches
(``DedupState.replay``, what the worker's ``dedup_docs`` table does), timed per batch (each
holds the event loop) and with the peak RSS it adds.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, MutableMapping
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from rocksdict import Rdict

from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.fingerprint import NUM_PERM, Fingerprint, band_keys, fingerprint
from khabar.agents.dedup.state import DERIVED, TABLES, DedupState
from khabar.streams.app import rocksdb_options
from khabar.streams.hooks.tables import BoundedRocksDBOptions
from khabar.streams.settings import Settings


class JsonRdict(MutableMapping[str, Any]):
    """A rocksdict column family seen as a mapping of str -> JSON value (what faust tables are)."""

    def __init__(self, db: Rdict) -> None:
        self.db = db

    def __getitem__(self, key: str) -> Any:
        raw = self.db.get(key.encode())
        if raw is None:
            raise KeyError(key)
        return orjson.loads(raw)

    def __setitem__(self, key: str, value: Any) -> None:
        self.db[key.encode()] = orjson.dumps(value)

    def __delitem__(self, key: str) -> None:
        del self.db[key.encode()]

    def __iter__(self) -> Iterator[str]:
        return (k.decode() for k in self.db.keys())

    def __len__(self) -> int:
        return sum(1 for _ in self.db.keys())


#: Changelog events faust applies to a table at once while recovering (its default buffer).
RECOVERY_BATCH = 1000


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def takeover(docs: Rdict, derived: dict[str, MutableMapping[str, Any]]
             ) -> tuple[float, float, float]:
    """Replay every doc into empty derived tables; (us per doc, longest batch ms, peak RSS MB)."""
    state = DedupState.from_mappings(dedup_docs={}, **derived)
    Path("/proc/self/clear_refs").write_text("5")  # restart the peak RSS from here
    rss = rss_mb()
    longest = total = 0.0
    filed = 0
    items = iter(docs.items())
    while batch := [(k.decode(), orjson.loads(v)) for k, v in islice(items, RECOVERY_BATCH)]:
        start = time.perf_counter()
        filed += state.replay(batch, lambda _key: None).changed  # nothing stored yet
        spent = time.perf_counter() - start
        longest, total = max(longest, spent), total + spent
    return total / filed * 1e6, longest * 1e3, rss_mb("VmHWM") - rss


def synthetic_text(rng: random.Random, vocab: list[str], size: int = 2048) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(vocab))
    return " ".join(words)


def synthetic_fp(rng: np.random.Generator, i: int) -> Fingerprint:
    signature = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint32).astype("<u4").tobytes()
    return Fingerprint(f"{i:032x}", signature, band_keys(signature), 300)


def main(n: int) -> None:
    rng = random.Random(1)
    vocab = [f"{rng.choice('abcdefghij')}{i}" for i in range(20000)]
    texts = [synthetic_text(rng, vocab) for _ in range(500)]
    start = time.perf_counter()
    fps = [fingerprint(t) for t in texts]
    fp_us = (time.perf_counter() - start) / len(texts) * 1e6

    tmp = Path(tempfile.mkdtemp(prefix="dedup-bench-"))
    # One database per table with the worker's options (faust's RocksDB store does the same).
    options = BoundedRocksDBOptions(**rocksdb_options(Settings(), len(TABLES)),
                                    use_rocksdict=True)
    dbs = {name: options.open(tmp / name) for name in TABLES}
    families = {name: JsonRdict(db) for name, db in dbs.items()}
    deduper = Deduper(DedupState.from_mappings(**families), window_seconds=float(n + 10))
    rss0 = rss_mb()
    nrng = np.random.default_rng(2)
    start = time.perf_counter()
    for i in range(n):
        deduper.decide(f"a{i}", synthetic_fp(nrng, i), float(i), "s")
        if i == n // 2:
            rss_half = rss_mb()
    fill_us = (time.perf_counter() - start) / n * 1e6
    # lookups at a full window: new texts (canonical) and copies of stored ones (near duplicate)
    start = time.perf_counter()
    for j, f in enumerate(fps):
        deduper.decide(f"q{j}", f, float(n), "s")
    new_us = (time.perf_counter() - start) / len(fps) * 1e6
    start = time.perf_counter()
    dups = sum(not deduper.decide(f"r{j}", fingerprint(t[:-200]), float(n), "s").canonical
               for j, t in enumerate(texts))
    dup_us = (time.perf_counter() - start) / len(texts) * 1e6 - fp_us
    rss1 = rss_mb()
    beside_cache_mb = sum(db.property_int_value("rocksdb.estimate-table-readers-mem") or 0
                          for db in dbs.values()) / 2**20
    fresh = {name: options.open(tmp / f"takeover-{name}") for name in DERIVED}
    replay_us, replay_longest_ms, replay_mb = takeover(
        dbs["dedup_docs"], {name: JsonRdict(db) for name, db in fresh.items()})
    for db in fresh.values():
        db.close()
    for db in dbs.values():
        db.flush()
        db.close()
    store_mb = sum(p.stat().st_size for name in TABLES for p in (tmp / name).rglob("*")
                   if p.is_file()) / 2**20
    shutil.rmtree(tmp, ignore_errors=True)  # RocksDB may still be deleting its old logs
    rows = [
        ("signatures in window", f"{n:,}"),
        ("fingerprint, 2 KB text", f"{fp_us:.0f} us"),
        ("decide while filling (RocksDB writes)", f"{fill_us:.0f} us"),
        ("decide, new article, full window", f"{new_us:.0f} us"),
        ("decide, near copy, full window", f"{dup_us:.0f} us ({dups}/{len(texts)} caught)"),
        ("RSS growth while filling", f"{rss1 - rss0:.0f} MB (total {rss1:.0f} MB), "
         f"{rss1 - rss_half:.0f} MB of it in the second half"),
        ("RocksDB table readers beside the block cache", f"{beside_cache_mb:.1f} MB"),
        ("store size on disk", f"{store_mb:.0f} MB ({store_mb * 2**20 / n:.0f} B/article)"),
        ("takeover: replay into derived tables", f"{replay_us:.0f} us/article "
         f"({replay_us * n / 1e6:.1f} s), longest batch {replay_longest_ms:.0f} ms, "
         f"peak RSS +{replay_mb:.0f} MB"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
