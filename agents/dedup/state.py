"""Dedup state over plain key/value mappings with JSON values.

The worker passes Faust tables (RocksDB, changelog-backed), ``khabar process`` and the tests pass
dicts: both are ``MutableMapping[str, JSON]``. Nothing that grows with traffic is kept in Python
objects. Tables (create them with exactly these names) and value shapes:

``dedup_docs``     article id -> ``{"t": event time (int s), "h": content hash, "s": signature
                   base64, "n": shingle count, "st": story id, "src": source, "d": decision
                   list}``; the other four tables are derived from it (``rebuild_derived``)
``dedup_buckets``  LSH band key -> ``[article id, ...]`` (newest last, at most ``BUCKET_CAP``)
``dedup_exact``    content hash -> article id (the first in the window with that text)
``dedup_expiry``   ``"<hour>:<chunk>"`` -> ``[article id, ...]`` (at most ``EXPIRY_CHUNK`` ids);
                   ``"<hour>"`` -> ids filed under that hour; ``"oldest"`` -> first hour not expired
``dedup_stories``  story id -> ``{"c": copies, "s": [distinct sources, at most SOURCES_CAP],
                   "t": latest event time}``

The expiry index files every article under the hour of its event time, in chunks so that no
value is rewritten at more than ``EXPIRY_CHUNK`` ids; expiry walks hours from ``"oldest"`` up to
the window's start and never scans the other tables.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

from agents.dedup.fingerprint import band_keys

TABLES = ("dedup_docs", "dedup_buckets", "dedup_exact", "dedup_expiry", "dedup_stories")
#: Tables derived from ``dedup_docs`` (see :meth:`DedupState.rebuild_derived`).
DERIVED = TABLES[1:]
BUCKET_CAP = 32
EXPIRY_CHUNK = 256
SOURCES_CAP = 64
HOUR = 3600

Mapping = MutableMapping[str, Any]


@dataclass(slots=True)
class DedupState:
    """The five dedup mappings; see the module docstring for keys and values."""

    docs: Mapping
    buckets: Mapping
    exact: Mapping
    expiry: Mapping
    stories: Mapping

    @classmethod
    def from_mappings(cls, **tables: Mapping) -> DedupState:
        """Build from mappings keyed by table name (``dedup_docs=...``); all of ``TABLES``."""
        missing = set(TABLES) - tables.keys()
        unknown = tables.keys() - set(TABLES)
        if missing or unknown:
            raise ValueError(f"tables missing {sorted(missing)}, unknown {sorted(unknown)}")
        return cls(*(tables[name] for name in TABLES))

    @classmethod
    def in_memory(cls) -> DedupState:
        """Plain dicts, for ``khabar process`` and tests."""
        return cls.from_mappings(**{name: {} for name in TABLES})

    def key_counts(self) -> dict[str, int]:
        """Keys per table, exact: it walks every key (the worker's gauge estimates instead)."""
        return {name: len(self._table(name)) for name in TABLES}

    def _table(self, name: str) -> Mapping:
        return getattr(self, name.removeprefix("dedup_"))

    # --- expiry index -------------------------------------------------------------------------

    def file_for_expiry(self, article_id: str, event_time: float) -> None:
        """Index ``article_id`` under its event hour (or the oldest live hour, if earlier)."""
        hour = int(event_time // HOUR)
        oldest = self.expiry.get("oldest")
        if oldest is None:
            self.expiry["oldest"] = hour
        elif hour < oldest:
            hour = oldest
        count = self.expiry.get(str(hour), 0)
        chunk_key = f"{hour}:{count // EXPIRY_CHUNK}"
        self.expiry[chunk_key] = [*self.expiry.get(chunk_key, []), article_id]
        self.expiry[str(hour)] = count + 1

    def pop_expired_ids(self, before_hour: int) -> Iterator[str]:
        """Yield and unfile every article id filed under an hour earlier than ``before_hour``."""
        oldest = self.expiry.get("oldest")
        if oldest is None:
            return
        for hour in range(oldest, before_hour):
            count = self.expiry.pop(str(hour), 0)
            for chunk in range((count + EXPIRY_CHUNK - 1) // EXPIRY_CHUNK):
                yield from self.expiry.pop(f"{hour}:{chunk}", [])
            self.expiry["oldest"] = hour + 1

    # --- buckets ------------------------------------------------------------------------------

    def add_to_buckets(self, article_id: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            ids = self.buckets.get(key, [])
            if article_id not in ids:
                self.buckets[key] = [*ids[-(BUCKET_CAP - 1):], article_id]

    def rebuild_derived(self) -> int:
        """Rebuild every table but ``dedup_docs`` from ``dedup_docs``; returns the docs read.

        Each doc holds its signature, hash, event time, story and source, so the LSH buckets,
        the exact-hash index, the expiry index and the story counts are all derived from it.
        The worker keeps only ``dedup_docs`` changelog-backed (one changelog record per
        article, not one per band and index) and rebuilds the rest in its local store
        whenever it is assigned the dedup partition.
        """
        for table in DERIVED:
            mapping = self._table(table)
            for key in list(mapping):
                del mapping[key]
        docs = sorted(self.docs.items(), key=lambda item: item[1]["t"])
        for article_id, doc in docs:
            if doc.get("n"):
                self.add_to_buckets(article_id, band_keys(base64.b64decode(doc["s"])))
            self.exact.setdefault(doc["h"], article_id)
            self.file_for_expiry(article_id, doc["t"])
            story = self.stories.get(doc["st"]) or {"c": 0, "s": [], "t": doc["t"]}
            sources = story["s"]
            source = doc.get("src")
            if source is not None and source not in sources and len(sources) < SOURCES_CAP:
                sources = [*sources, source]
            self.stories[doc["st"]] = {"c": story["c"] + 1, "s": sources,
                                       "t": max(story["t"], doc["t"])}
        return len(docs)

    def remove_from_buckets(self, article_id: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            ids = self.buckets.get(key)
            if ids is None or article_id not in ids:
                continue
            rest = [i for i in ids if i != article_id]
            if rest:
                self.buckets[key] = rest
            else:
                del self.buckets[key]
