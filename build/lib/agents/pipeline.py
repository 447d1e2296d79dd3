"""The pipeline cores composed: the same code in the worker's agents and in ``khabar process``.

Two stages, matching the two Kafka hops:

- :class:`PageStage` runs the per-page cores on one raw message (ingest → fingerprint →
  classify) and returns dedup candidates or one dead letter. It never raises: an unexpected
  exception becomes a dead letter with reason ``internal``.
- :class:`DedupStage` decides canonical or duplicate for one candidate and returns the
  deliveries to publish (:mod:`agents.publish.core`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from agents.classify.core import Classifier
from agents.dedup.core import Decision, Deduper
from agents.dedup.fingerprint import Fingerprint, fingerprint
from agents.ingest.core import CleanArticle, IngestError, ingest, parse_raw
from agents.publish.core import DUPLICATES, ENRICHED, Delivery, route
from agents.version import PIPELINE_VERSION
from streams import records

log = logging.getLogger(__name__)

Observer = Callable[[str, float], None]


def _ignore(stage: str, seconds: float) -> None:
    """The default stage observer: record nothing."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a raw message came from; ``timestamp`` in seconds since the epoch."""

    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    timestamp: float | None = None


@dataclass(frozen=True, slots=True)
class PageResult:
    """What one raw message became: candidates for dedup, or one dead letter."""

    candidates: list[records.Record]
    dead_letter: records.Record | None
    source: str | None


class PageStage:
    """ingest → fingerprint → classify for one raw message."""

    def __init__(
        self, classifier: Classifier, *, max_message_bytes: int, dlq_payload_bytes: int,
        observe: Observer = _ignore,
    ) -> None:
        self.classifier = classifier
        self.max_message_bytes = max_message_bytes
        self.dlq_payload_bytes = dlq_payload_bytes
        self.observe = observe
        self.versions = {"pipeline": PIPELINE_VERSION, "classifier": classifier.version}

    def run(self, payload: bytes, origin: Origin, now: float | None = None) -> PageResult:
        now = time.time() if now is None else now
        source_id: str | None = None
        source: str | None = None
        stage = "ingest"
        try:
            started = time.perf_counter()
            page = parse_raw(payload, max_bytes=self.max_message_bytes)
            source_id, source = page.id, page.source
            articles = ingest(page)
            self.observe("ingest", time.perf_counter() - started)
            event_time = _event_time(page.published_at, origin.timestamp, now)
            candidates = []
            for article in articles:
                stage = "fingerprint"
                started = time.perf_counter()
                fp = fingerprint(article.norm_text)
                self.observe("fingerprint", time.perf_counter() - started)
                stage = "classify"
                started = time.perf_counter()
                candidates.append(self._candidate(article, fp, event_time, origin, now))
                self.observe("classify", time.perf_counter() - started)
            return PageResult(candidates, None, source)
        except IngestError as exc:
            return PageResult([], self._dead_letter(exc.reason, exc.message, payload, origin,
                                                    source_id, now, stage), source)
        except Exception as exc:
            log.exception("stage %s failed on %s[%s]@%s", stage, origin.topic, origin.partition,
                          origin.offset)
            error = f"{stage} failed: {type(exc).__name__}: {exc}"[:1000]
            return PageResult([], self._dead_letter("internal", error, payload, origin,
                                                    source_id, now, stage), source)

    def _candidate(
        self, article: CleanArticle, fp: Fingerprint, event_time: float, origin: Origin,
        now: float,
    ) -> records.Record:
        result = self.classifier.classify(title=article.title, text=article.text,
                                          lang=article.lang)
        enriched = records.article(
            id=article.id, source_id=article.source_id, url=article.url, source=article.source,
            published_at=article.published_at, title=article.title, text=article.text,
            lang=article.lang, labels=result.labels, scores=result.scores,
            evidence=result.evidence, countries=result.countries, story_id=article.id,
            content_hash=fp.content_hash, ingested_at=records.iso_time(now),
            versions=self.versions,
        )
        return {"article": enriched, "fingerprint": fp.encode(), "event_time": event_time,
                "raw_timestamp": origin.timestamp}

    def _dead_letter(
        self, reason: str, error: str, payload: bytes, origin: Origin, source_id: str | None,
        now: float, stage: str,
    ) -> records.Record:
        return records.dead_letter(
            reason=reason, error=error, payload=payload, payload_limit=self.dlq_payload_bytes,
            source_id=source_id, topic=origin.topic, partition=origin.partition,
            offset=origin.offset, failed_at=records.iso_time(now), stage=stage,
        )


@dataclass(frozen=True, slots=True)
class Decided:
    """A dedup decision and the deliveries that publish it."""

    decision: Decision
    deliveries: list[Delivery]


class DedupStage:
    """Canonical or duplicate for one candidate, then what to publish."""

    def __init__(self, deduper: Deduper, observe: Observer = _ignore) -> None:
        self.deduper = deduper
        self.observe = observe

    def run(self, candidate: records.Record) -> Decided:
        article = candidate["article"]
        started = time.perf_counter()
        decision = self.deduper.decide(
            article["id"], Fingerprint.decode(candidate["fingerprint"]),
            float(candidate["event_time"]), article["source"],
        )
        self.observe("dedup", time.perf_counter() - started)
        if decision.canonical:
            record = {**article, "story_id": decision.story_id}
        else:
            record = records.duplicate(
                id=article["id"], source_id=article["source_id"], url=article["url"],
                source=article["source"], title=article["title"],
                duplicate_of=decision.duplicate_of or decision.story_id,
                similarity=decision.similarity if decision.similarity is not None else 1.0,
                method=decision.method or "exact", story_id=decision.story_id,
                ingested_at=article["ingested_at"],
            )
        return Decided(decision, [Delivery(destination, record["id"], record)
                                  for destination in route(decision.canonical, article["labels"])])


def _event_time(published_at: str | None, timestamp: float | None, now: float) -> float:
    """Event time for the dedup window: ``published_at`` if it parses and is not in the
    future, else the raw message's timestamp, else now."""
    if published_at:
        try:
            parsed = datetime.fromisoformat(published_at.replace("Z", "+00:00"))
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            seconds = parsed.timestamp()
            if seconds <= now + 86400:
                return seconds
        except (ValueError, OverflowError, OSError):
            pass
    return timestamp if timestamp is not None else now


def run_batch(
    lines: Iterable[bytes], page_stage: PageStage, dedup_stage: DedupStage,
) -> Iterator[records.Record]:
    """``khabar process``: every output record of every input line, in input order."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        result = page_stage.run(line.rstrip(b"\r\n"), Origin(topic="stdin", offset=number))
        if result.dead_letter is not None:
            yield result.dead_letter
        for candidate in result.candidates:
            for delivery in dedup_stage.run(candidate).deliveries:
                if delivery.destination in (ENRICHED, DUPLICATES):
                    yield delivery.record
