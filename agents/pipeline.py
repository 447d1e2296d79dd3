"""The pipeline cores composed: the same code in the worker's agents and in ``khabar process``.

Two stages, matching the two Kafka hops:

- :class:`PageStage` runs the per-page cores on one raw message (ingest → fingerprint →
  classify) and returns dedup candidates or one dead letter. It never raises: an unexpected
  exception becomes a dead letter with reason ``internal``.
- :class:`DedupStage` decides canonical or duplicate for one candidate and returns the
  deliveries to publish (:mod:`agents.publish.core`), or one dead letter (stage ``dedup``) for
  a candidate it cannot read or decide. It raises only what the state store raises.

Both measure what they output against the broker's message limit (``max_message_bytes``, the
same limit a raw page must respect): an output that would not fit is not sent, and its page
becomes one ``too_large`` dead letter (stage ``publish``) that fits, so one record cannot
make a send fail and the worker restart into it again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import orjson

from khabar.agents.classify.core import Classifier
from khabar.agents.dedup.candidate import Rejected, read_candidate
from khabar.agents.dedup.core import Decision, Deduper
from khabar.agents.dedup.fingerprint import Fingerprint, fingerprint
from khabar.agents.dedup.state import RECORD_ERRORS
from khabar.agents.ingest import dates
from khabar.agents.ingest.core import CleanArticle, IngestError, ingest, parse_raw
from khabar.agents.ingest.normalize import normalize
from khabar.agents.publish.core import DLQ, DUPLICATES, ENRICHED, Delivery, route
from khabar.agents.version import PIPELINE_VERSION
from khabar.streams import records

log = logging.getLogger(__name__)

Observer = Callable[[str, float], None]
#: How far past now an event time may be: a later ``published_at`` is not believed, and the
#: dedup hop refuses a candidate with a later event time.
FUTURE_SECONDS = 86400.0
#: The dead letters' payload limit when none is given (the settings' default).
DLQ_PAYLOAD_BYTES = 65_536
#: Every reason of the dedup stage's dead letters (an output too large to send is stage
#: ``publish``, from either hop).
DEDUP_REASONS = ("invalid_json", "not_an_object", "schema", "invalid_fingerprint", "internal")
#: The stage of a dead letter that stands for an output too large to send.
PUBLISH = "publish"


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
    """What one raw message became: candidates for dedup, or one dead letter. ``messages``
    are the candidates as sent: (key, encoded value)."""

    candidates: list[records.Record]
    dead_letter: records.Record | None
    source: str | None
    messages: list[tuple[bytes, bytes]]


class PageStage:
    """ingest → fingerprint → classify for one raw message. ``max_message_bytes`` is the
    broker's message limit: for the raw page, and for each candidate it makes."""

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
            stage = PUBLISH
            messages = []
            for candidate in candidates:
                article_id = candidate["article"]["id"]
                value = records.dumps(candidate)
                size = records.message_size(article_id, value)
                if size > self.max_message_bytes:
                    error = (f"a candidate of {size} bytes exceeds the {self.max_message_bytes}"
                             f"-byte message limit")
                    return PageResult([], self._dead_letter("too_large", error, payload, origin,
                                                            source_id, now, stage), source, [])
                messages.append((article_id.encode(), value))
            return PageResult(candidates, None, source, messages)
        except IngestError as exc:
            source_id = source_id or exc.source_id
            return PageResult([], self._dead_letter(exc.reason, exc.message, payload, origin,
                                                    source_id, now, stage), source, [])
        except Exception as exc:
            log.exception("stage %s failed on %s[%s]@%s", stage, origin.topic, origin.partition,
                          origin.offset)
            error = f"{stage} failed: {type(exc).__name__}: {exc}"[:1000]
            return PageResult([], self._dead_letter("internal", error, payload, origin,
                                                    source_id, now, stage), source, [])

    def _candidate(
        self, article: CleanArticle, fp: Fingerprint, event_time: float, origin: Origin,
        now: float,
    ) -> records.Record:
        result = self.classifier.classify(title=article.title, text=article.text,
                                          lang=article.lang)
        enriched = records.article(
            id=article.id, source_id=article.source_id, url=article.url, source=article.source,
            published_at=article.published_at, published_at_raw=article.published_at_raw,
            title=article.title, text=article.text,
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
            max_bytes=self.max_message_bytes,
        )


@dataclass(frozen=True, slots=True)
class Decided:
    """A dedup decision and the deliveries that publish it; or, with ``decision`` None, the one
    delivery of a dead letter. ``event_time`` and ``raw_timestamp`` are the candidate's, when
    it had readable ones; ``refingerprinted`` says its fingerprint was of another version."""

    decision: Decision | None
    deliveries: list[Delivery]
    event_time: float | None = None
    raw_timestamp: float | None = None
    refingerprinted: bool = False


class DedupStage:
    """Canonical or duplicate for one candidate, then what to publish.

    Args:
        deduper: the decisions, over the dedup state.
        observe: the stage timer.
        labels: the label topics there are; a canonical article goes to those of its labels
            among them (another taxonomy's label, during a rolling upgrade, has no topic yet).
            None: every label.
        dlq_payload_bytes: how much of a bad candidate's bytes its dead letter keeps.
        max_message_bytes: the broker's message limit, which every output must fit (key and
            encoded value); None: no limit.
    """

    def __init__(
        self, deduper: Deduper, observe: Observer = _ignore, *,
        labels: Iterable[str] | None = None, dlq_payload_bytes: int = DLQ_PAYLOAD_BYTES,
        max_message_bytes: int | None = None,
    ) -> None:
        self.deduper = deduper
        self.observe = observe
        self.labels = None if labels is None else frozenset(labels)
        self.dlq_payload_bytes = dlq_payload_bytes
        self.max_message_bytes = max_message_bytes

    def run(
        self, candidate: bytes | records.Record, origin: Origin = Origin(),
        now: float | None = None,
    ) -> Decided:
        """Decide one candidate: the bytes of a dedup-topic message, or the page stage's
        record (``khabar process``). A candidate that cannot be read, or whose decision fails
        on a malformed stored record, is a dead letter; the state store's own errors are
        raised, as they mean the worker cannot go on."""
        now = time.time() if now is None else now
        if isinstance(candidate, bytes):
            payload: bytes | None = candidate
            try:
                value = records.loads(candidate)
            except orjson.JSONDecodeError as exc:
                return self._dead_letter(Rejected("invalid_json", f"not JSON: {exc}"),
                                         candidate, origin, now)
        else:
            payload, value = None, candidate
        started = time.perf_counter()
        try:
            read = read_candidate(value, _refingerprint, now + FUTURE_SECONDS)
            if isinstance(read, Rejected):
                return self._dead_letter(read, payload, origin, now, value)
            article = read.article
            # The canonical record as the page hop wrote it, measured before the decision: an
            # article too large to publish is never stored as a story's canonical.
            encoded = records.dumps(article)
            if (too_large := self._too_large(article, encoded)) is not None:
                return self._dead_letter(too_large, payload, origin, now, value, PUBLISH)
            decision = self.deduper.decide(article["id"], read.fingerprint, read.event_time,
                                           article["source"])
        except RECORD_ERRORS as exc:  # a bug, or a malformed doc in the state
            log.exception("dedup failed on %s[%s]@%s", origin.topic, origin.partition,
                          origin.offset)
            error = f"dedup failed: {type(exc).__name__}: {exc}"
            return self._dead_letter(Rejected("internal", error), payload, origin, now, value)
        self.observe("dedup", time.perf_counter() - started)
        if decision.canonical:
            record = article
            if article.get("story_id") != decision.story_id:
                record = {**article, "story_id": decision.story_id}
                encoded = records.dumps(record)
        else:
            record = records.duplicate(
                id=article["id"], source_id=article["source_id"], url=article["url"],
                source=article["source"], title=article["title"],
                duplicate_of=decision.duplicate_of or decision.story_id,
                similarity=decision.similarity if decision.similarity is not None else 1.0,
                method=decision.method or "exact", story_id=decision.story_id,
                ingested_at=article["ingested_at"],
            )
            encoded = records.dumps(record)
        if (too_large := self._too_large(record, encoded)) is not None:
            # The decision stands (a copy's notice is what did not fit): the page's outputs are
            # its dead letter.
            return self._dead_letter(too_large, payload, origin, now, value, PUBLISH)
        labels = [label for label in article["labels"]
                  if self.labels is None or label in self.labels]
        deliveries = [Delivery(destination, record["id"], record, encoded)
                      for destination in route(decision.canonical, labels)]
        return Decided(decision, deliveries, read.event_time, read.raw_timestamp,
                       read.refingerprinted)

    def _too_large(self, record: records.Record, encoded: bytes) -> Rejected | None:
        """Why ``record`` cannot be sent, if it is over the message limit."""
        if self.max_message_bytes is None:
            return None
        size = records.message_size(record["id"], encoded)
        if size <= self.max_message_bytes:
            return None
        return Rejected("too_large", f"an output record of {size} bytes exceeds the "
                        f"{self.max_message_bytes}-byte message limit")

    def _dead_letter(
        self, rejected: Rejected, payload: bytes | None, origin: Origin, now: float,
        value: object = None, stage: str = "dedup",
    ) -> Decided:
        log.warning("dedup: dead letter %s for %s[%s]@%s: %s", rejected.reason, origin.topic,
                    origin.partition, origin.offset, rejected.message)
        if payload is None:
            payload = orjson.dumps(value)
        source_id = None
        if isinstance(value, dict) and isinstance(value.get("article"), dict):
            found = value["article"].get("source_id")
            source_id = found if isinstance(found, str) else None
        letter = records.dead_letter(
            reason=rejected.reason, error=rejected.message[:1000], payload=payload,
            payload_limit=self.dlq_payload_bytes, source_id=source_id, topic=origin.topic,
            partition=origin.partition, offset=origin.offset, failed_at=records.iso_time(now),
            stage=stage, max_bytes=self.max_message_bytes,
        )
        return Decided(None, [dead_letter_delivery(letter)])


def dead_letter_delivery(letter: records.Record) -> Delivery:
    """A dead letter for the ``dlq`` topic, keyed by the page's id when it has one."""
    return Delivery(DLQ, letter["source_id"], letter, records.dumps(letter))


def _refingerprint(text: str) -> Fingerprint:
    """A fingerprint of the running version from an article's text, as the page stage makes
    it from the same text."""
    return fingerprint(normalize(text))


def _event_time(published_at: str | None, timestamp: float | None, now: float) -> float:
    """Event time for the dedup window: the page's normalised ``published_at`` unless it is
    None or in the future, else the raw message's timestamp, else now."""
    moment = dates.parse(published_at)
    if moment is not None and moment.timestamp() <= now + FUTURE_SECONDS:
        return moment.timestamp()
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
            for delivery in dedup_stage.run(candidate, Origin(topic="stdin", offset=number)
                                            ).deliveries:
                if delivery.destination in (ENRICHED, DUPLICATES, DLQ):
                    yield delivery.record
