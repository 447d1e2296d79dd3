"""Dedup state over plain key/value mappings with JSON values.

The worker passes Faust tables (RocksDB, changelog-backed), ``khabar process`` and the tests pass
dicts: both are ``MutableMapping[str, JSON]``. Nothing that grows with traffic is kept in Python
objects. Tables (create them with exactly these names) and value shapes:

``dedup_docs``     article id -> ``{"t": event time (int s), "h": content hash, "s": signature
                   base64, "n": shingle count, "x": number hashes (at most ``NUMBERS_CAP``),
                   "w": the long-word hashes base64, "k": whether the text is short,
                   "v": fingerprint version,
                   "st": story id, "src": source, "d": decision list}``; the other four tables
                   are derived from it (:meth:`DedupState.file`)
``dedup_buckets``  bucket key (LSH band, long-word band; for a short text, numbers)
                   -> ``[article id, ...]``
                   (newest last, at most ``BUCKET_CAP``)
``dedup_exact``    content hash -> article id (the first in the window with that text)
``dedup_expiry``   ``"<hour>:<chunk>"`` -> ``[article id, ...]`` (at most ``EXPIRY_CHUNK`` ids);
                   ``"<hour>"`` -> ids filed under that hour; ``"oldest"`` -> first hour not expired
``dedup_stories``  story id -> ``{"c": copies, "s": [distinct sources, at most SOURCES_CAP],
                   "t": latest event time}``

The expiry index files every article under the hour of its event time, in chunks so that no
value is rewritten at more than ``EXPIRY_CHUNK`` ids; expiry walks hours from ``"oldest"`` up to
the window's start and never scans the other tables.

The derived tables are a view of ``dedup_docs``, kept by filing every article as it is decided
and, where ``dedup_docs`` changes by replaying its changelog (a worker taking the dedup
partition over, a restart, a standby replica), by :meth:`DedupState.replay`. A decided article
is written to ``dedup_docs`` last, so a stored doc means its derived entries are written too.

Only docs of the running fingerprint version (:func:`doc_version`) are filed in the LSH buckets:
a signature made with other parameters is never compared with the running version's
(docs/decisions/010). The buckets a release filed its docs under outlive it in the worker's
store, so a doc of another version is taken out of the buckets it was filed under, when its
version shares the running band scheme (``BAND_SCHEME``) and those keys can be computed.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

from khabar.agents.dedup.fingerprint import (
    BAND_SCHEME,
    NUM_PERM,
    VERSION,
    Fingerprint,
    bucket_keys,
)

TABLES = ("dedup_docs", "dedup_buckets", "dedup_exact", "dedup_expiry", "dedup_stories")
#: Tables derived from ``dedup_docs`` (see :meth:`DedupState.file`).
DERIVED = TABLES[1:]
BUCKET_CAP = 32
EXPIRY_CHUNK = 256
SOURCES_CAP = 64
HOUR = 3600
#: The fingerprint version of every doc filed before docs recorded theirs.
UNVERSIONED = "w5p128b32r2s1"
#: What a malformed record or doc raises in the dedup code: a missing key, a wrong type or
#: value. The store's own failures are none of these (rocksdict's errors derive from Exception
#: directly, the producer's from KafkaError), so they still stop the worker.
RECORD_ERRORS = (LookupError, TypeError, ValueError, ArithmeticError, AttributeError)

Mapping = MutableMapping[str, Any]


def doc_version(doc: dict[str, Any]) -> str:
    """The fingerprint version a ``dedup_docs`` value was filed under."""
    version: str = doc.get("v", UNVERSIONED)
    return version


_METHODS = (None, "exact", "near")


def is_doc(value: Any) -> bool:
    """Whether ``value`` has the shape of a ``dedup_docs`` value that the dedup code can read
    (a doc of the running version carries a fingerprint that decodes: signature, numbers and
    words of the running shape), so that a malformed record
    never reaches the derived tables, from which decisions about other articles read it."""
    if not isinstance(value, dict):
        return False
    t, n, signature, version = value.get("t"), value.get("n"), value.get("s"), value.get("v")
    decision = value.get("d")
    return (isinstance(t, int | float) and not isinstance(t, bool)
            and type(n) is int and n >= 0 and isinstance(signature, str)
            and isinstance(value.get("h"), str) and isinstance(value.get("st"), str)
            and isinstance(value.get("src"), str | None)
            and isinstance(version, str | None)
            and isinstance(value.get("x", []), list) and isinstance(value.get("w", ""), str)
            and isinstance(value.get("k", False), bool)
            and isinstance(decision, list) and len(decision) == 6
            and decision[4] in _METHODS
            and (doc_version(value) != VERSION
                 or isinstance(Fingerprint.decode(value), Fingerprint)))


@dataclass(frozen=True, slots=True)
class Replayed:
    """What :meth:`DedupState.replay` did: articles filed or unfiled, and the records it could
    not apply as ``(article id, error)``, left out of the derived tables."""

    changed: int
    failed: list[tuple[str, str]]


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

    # --- the derived view of dedup_docs --------------------------------------------------------

    def file(self, article_id: str, doc: dict[str, Any], *, exact_copy: bool,
             bands: tuple[str, ...] | None = None) -> int:
        """File one decided article into the derived tables; returns its story's copy count.

        ``doc`` is its ``dedup_docs`` value (the decision ``"d"`` may still be missing: the
        copy count goes into it). An exact copy leaves the exact-hash entry to the earlier
        article with its text. ``bands`` saves decoding the signature when the caller has them.
        """
        if doc["n"] and doc_version(doc) == VERSION:
            if bands is None:  # before any write: a signature that is not base64 raises
                bands = _bucket_keys(doc)
            self.add_to_buckets(article_id, bands)
        if not exact_copy or doc["h"] not in self.exact:
            self.exact[doc["h"]] = article_id
        self.file_for_expiry(article_id, doc["t"])
        story_id, event_time, source = doc["st"], doc["t"], doc["src"]
        story = self.stories.get(story_id) or {"c": 0, "s": [], "t": event_time}
        sources = story["s"]
        if source is not None and source not in sources and len(sources) < SOURCES_CAP:
            sources = [*sources, source]
        copies: int = story["c"] + 1
        self.stories[story_id] = {"c": copies, "s": sources, "t": max(story["t"], event_time)}
        return copies

    def unfile(self, article_id: str, doc: dict[str, Any]) -> None:
        """Take a dropped article out of the buckets, the exact-hash index and its story (the
        story goes when it ended with this article). Its id stays filed in the expiry index,
        whose walk skips ids without a live doc of that hour."""
        if doc["n"]:
            keys = _bucket_keys(doc) if doc_version(doc) == VERSION else _filed_keys(doc)
            self.remove_from_buckets(article_id, keys)
        if self.exact.get(doc["h"]) == article_id:
            del self.exact[doc["h"]]
        story = self.stories.get(doc["st"])
        if story is not None and story["t"] <= doc["t"]:
            del self.stories[doc["st"]]

    def replay(self, changes: Iterable[tuple[str, dict[str, Any] | None]],
               stored: Callable[[str], dict[str, Any] | None]) -> Replayed:
        """Bring the derived tables along with ``dedup_docs`` changelog records, in order,
        before they are written to ``dedup_docs``.

        ``stored`` reads ``dedup_docs`` as it is before these records. A record equal to the
        stored doc changes nothing (this worker's own record coming back after a restart), a
        tombstone unfiles the stored doc, a new doc is filed as :meth:`file` did when it was
        decided, so the view is rebuilt in decision order. A record that is not a doc
        (:func:`is_doc`) is reported in :attr:`Replayed.failed` and filed nowhere, and the
        others go on; an error of the store itself is raised.
        """
        pending: dict[str, dict[str, Any] | None] = {}
        changed = 0
        failed: list[tuple[str, str]] = []
        for article_id, doc in changes:
            before = pending[article_id] if article_id in pending else stored(article_id)
            pending[article_id] = doc
            if doc == before:
                continue
            if doc is not None and not is_doc(doc):
                failed.append((article_id, f"not a dedup doc: {str(doc)[:200]}"))
                if before is None or not is_doc(before):
                    continue
                doc = None  # the doc it replaces leaves the derived tables all the same
            try:
                if before is not None and is_doc(before):  # else it was filed nowhere
                    self.unfile(article_id, before)
                if doc is not None:
                    self.file(article_id, doc, exact_copy=doc["d"][4] == "exact")
            except RECORD_ERRORS as exc:
                failed.append((article_id, f"{type(exc).__name__}: {exc}"))
                continue
            changed += 1
        return Replayed(changed, failed)

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
        grown = {}
        for key in keys:
            ids = self.buckets.get(key, [])
            if article_id not in ids:
                grown[key] = [*ids[-(BUCKET_CAP - 1):], article_id]
        self.buckets.update(grown)  # one write in the worker's store (_LocalStore.update)

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


def stored_fingerprint(doc: dict[str, Any]) -> Fingerprint:
    """The fingerprint a ``dedup_docs`` value was filed with, without its bucket keys. A doc
    written under an older fingerprint version may lack numbers, words or the short flag."""
    return Fingerprint(doc["h"], base64.b64decode(doc["s"], validate=True), (), doc["n"],
                       tuple(doc.get("x", ())), base64.b64decode(doc.get("w", ""), validate=True),
                       doc.get("k", False))


def _bucket_keys(doc: dict[str, Any]) -> tuple[str, ...]:
    fp = stored_fingerprint(doc)
    return bucket_keys(fp.signature, fp.shingles, fp.numbers, fp.words, fp.short)


def _filed_keys(doc: dict[str, Any]) -> tuple[str, ...]:
    """The bucket keys the release that wrote a doc of another fingerprint version filed it
    under, when its version shares ``BAND_SCHEME``: the same LSH band keys, its word bands
    (``w`` for a short text, flagged ``k`` or, before the flag, any text with words; ``L`` for
    a long one) and a short text's numbers' key, which those versions computed as the running
    one does. A key it was never filed under costs a read: removal skips a bucket without its
    id. Other docs, and docs whose fields do not decode, have none."""
    version = doc_version(doc)
    # the scheme ends with the seed's digits: "...s1" must not take "...s12" for its own
    if not version.startswith(BAND_SCHEME) or version[len(BAND_SCHEME):][:1].isdigit():
        return ()
    try:
        fp = stored_fingerprint(doc)
        if len(fp.signature) != NUM_PERM * 4:
            return ()
        short = fp.short if "k" in doc else bool(fp.words)
        return bucket_keys(fp.signature, fp.shingles, fp.numbers, fp.words, short)
    except RECORD_ERRORS:
        return ()
