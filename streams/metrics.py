"""Prometheus metrics: one registry (prometheus-client's default), served at ``/metrics``.

Labels have bounded cardinality: no ids, no URLs. Outlet names are capped at
``MAX_SOURCES`` distinct values per process; later ones count as ``other``.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

MAX_SOURCES = 200
COPY_BUCKETS = ("1", "2", "3-5", "6-10", "11+")

PAGES = Counter("khabar_pages", "Raw pages taken in, by outlet.", ["source"])
ARTICLES = Counter("khabar_articles", "Canonical articles published, by language.", ["lang"])
ARTICLE_LABELS = Counter(
    "khabar_article_labels", "Articles published to a label topic.", ["label", "lang"]
)
DUPLICATES = Counter("khabar_duplicates", "Duplicate notices published, by method.", ["method"])
DEAD_LETTERS = Counter("khabar_dead_letters", "Dead letters published, by reason and stage.",
                       ["reason", "stage"])
STAGE_SECONDS = Histogram(
    "khabar_stage_seconds", "Processing time per stage and record.", ["stage"],
    buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0),
)
END_TO_END_SECONDS = Histogram(
    "khabar_end_to_end_seconds", "From the raw message's timestamp to its output's publication.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
CONSUMER_LAG = Gauge(
    "khabar_consumer_lag",
    "Messages behind the high watermark, per partition of the input topics (raw pages, dedup "
    "candidates) assigned to this worker.",
    ["topic", "partition"],
)
DEDUP_STATE_KEYS = Gauge(
    "khabar_dedup_state_keys",
    "Keys in each dedup table (RocksDB's estimate), on the worker that owns the dedup "
    "partition; 0 on the others.",
    ["table"],
)
STORIES = Gauge(
    "khabar_stories",
    "Stories in the dedup_stories table, by copy count, on the worker that owns the dedup "
    "partition; 0 on the others.",
    ["copies"],
)
COMMIT_SECONDS = Histogram(
    "khabar_commit_seconds", "Offset commits: producer flush plus the commit request.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 15.0),
)
SKIPPED_OFFSETS = Counter(
    "khabar_consumer_skipped_offsets",
    "Offsets missing from a partition's fetched records, which faust counts as processed "
    "(compaction and transaction markers; on khabar's own topics, skipped records).",
    ["topic"],
)
DEDUP_REPLAY_FAILURES = Counter(
    "khabar_dedup_replay_failures",
    "dedup_docs changelog records replayed into dedup_docs but left out of the derived dedup "
    "tables (LSH buckets, exact hashes, expiry index, stories): they drift from dedup_docs.",
)
DEDUP_REFINGERPRINTED = Counter(
    "khabar_dedup_refingerprinted",
    "Dedup candidates whose fingerprint was of another parameter version, fingerprinted again "
    "from their text (a rolling upgrade's overlap).",
)
REBALANCES = Counter("khabar_rebalances", "Consumer group rebalances this worker went through.")
BUILD_INFO = Gauge("khabar_build_info", "Build information.", ["version", "classifier_version"])

_sources: set[str] = set()


def source_label(source: str | None) -> str:
    """The outlet as a bounded label value."""
    name = (source or "unknown")[:64]
    if name in _sources:
        return name
    if len(_sources) < MAX_SOURCES:
        _sources.add(name)
        return name
    return "other"


def copy_bucket(copies: int) -> str:
    """The ``khabar_stories`` bucket of a story with ``copies`` copies (canonical included)."""
    if copies <= 2:
        return COPY_BUCKETS[max(copies, 1) - 1]
    if copies <= 5:
        return "3-5"
    return "6-10" if copies <= 10 else "11+"

