"""The worker's Faust agents, driven through ``agent.test_context()``: no broker.

``agents.worker.build`` registers on an app from ``streams.app.create_app`` once for the whole
session, with the in-memory store. The
agents hand every outgoing record to the app's producer, whose ``send`` is patched to capture
it; ``Topic.send`` and ``Topic.send_soon`` fail the test if anything reaches them. Table writes
reach faust's changelog through each table's ``send_changelog``, which is patched to record
instead of producing.

The tables persist across tests (one build), so every test uses its own ids and texts.
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import faust
import orjson
import pytest
from faust.stores.rocksdb import RocksDBOptions
from faust.streams import current_event
from faust.types import TP
from prometheus_client import REGISTRY

from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.fingerprint import Fingerprint, fingerprint
from khabar.agents.dedup.state import DERIVED, TABLES, DedupState
from khabar.agents.ingest.normalize import normalize
from khabar.agents.pipeline import DEDUP_REASONS, DedupStage, Origin, PageStage
from khabar.agents.worker import Worker, build
from khabar.agents.worker.dedup_tables import CountedStories, LocalStore
from khabar.agents.worker.exits import EXIT_SEND_FAILED, exit_if_send_failed
from khabar.streams import metrics, records
from khabar.streams.app import create_app, rocksdb_options
from khabar.streams.hooks.consumer import committed_offsets
from khabar.streams.hooks.tables import BoundedRocksDBOptions, estimated_keys, partition_db
from khabar.streams.settings import Settings

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]

PREFIX = "agenttest"
RAW, DEDUP, DLQ = f"{PREFIX}.raw", f"{PREFIX}.dedup", f"{PREFIX}.dlq"
ENRICHED, DUPLICATES = f"{PREFIX}.enriched", f"{PREFIX}.duplicates"

Sent = list[tuple[str, bytes | None, Any]]


def page(page_id: str, text: str, **fields: Any) -> dict[str, Any]:
    return {"id": page_id, "source": "test-wire", "url": f"https://example.test/{page_id}",
            "text": text, **fields}


CEASEFIRE = (
    "Negotiators from both sides resumed ceasefire talks in Cairo on Monday, mediators said.\n\n"
    "The proposed truce would begin with a prisoner exchange and a pause in the fighting, "
    "followed by talks on a lasting peace agreement later this month."
)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(store="memory://", data_dir=tmp_path_factory.mktemp("faust"),
                    topic_prefix=PREFIX, partitions=2, app_id="khabar-agent-tests",
                    core_processes=0)  # the cores on the loop, where tests can patch them


@pytest.fixture(scope="session")
def worker(settings: Settings) -> Worker:
    return build(create_app(settings), settings)


@pytest.fixture
def sent(worker: Worker, monkeypatch: pytest.MonkeyPatch) -> Sent:
    """Every record handed to the app's producer as (topic name, key, decoded value).

    The agents send straight to the producer; faust's ``Topic.send`` and ``send_soon`` fail
    the test if anything reaches them."""
    captured: Sent = []

    async def send(self: Any, topic: str, key: bytes | None, value: bytes, partition: Any,
                   timestamp: Any, headers: Any) -> asyncio.Future:
        captured.append((topic, key, orjson.loads(value)))
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done

    def unexpected(self: faust.Topic, *args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"unexpected send through faust's topic {self.get_topic_name()}")

    monkeypatch.setattr(type(worker.app.producer), "send", send)
    monkeypatch.setattr(faust.topics.Topic, "send", unexpected)
    monkeypatch.setattr(faust.topics.Topic, "send_soon", unexpected)
    return captured


Acks = list[tuple[int, int]]


@pytest.fixture
def acks(sent: Sent, monkeypatch: pytest.MonkeyPatch) -> Acks:
    """Every event acked, as (its offset, records sent by then)."""
    recorded: Acks = []
    ack = faust.Stream.ack

    async def recording_ack(self: faust.Stream, event: Any) -> bool:
        recorded.append((event.message.offset, len(sent)))
        return await ack(self, event)

    monkeypatch.setattr(faust.Stream, "ack", recording_ack)
    return recorded


@pytest.fixture
def changelog(worker: Worker, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple]]:
    """Each table's changelog writes as (table name, key, value), instead of producing them.

    ``partition_for_key`` is patched too: faust's own one checks the source topic's partition
    count against the broker's metadata; ours only requires, as faust does, a current event.
    """
    written: list[tuple] = []
    for name, table in worker.tables.items():
        def send_changelog(partition: int | None, key: Any, value: Any, *args: Any,
                           _name: str = name, **kwargs: Any) -> SimpleNamespace:
            written.append((_name, key, value))
            return SimpleNamespace(message=SimpleNamespace(partition=partition or 0))

        def partition_for_key(key: Any) -> int:
            event = current_event()
            if event is None:
                raise AssertionError("table written outside stream iteration")
            return event.message.partition

        monkeypatch.setattr(table, "send_changelog", send_changelog)
        monkeypatch.setattr(table, "partition_for_key", partition_for_key)
    yield written


def candidate(worker: Worker, settings: Settings, raw: dict[str, Any],
              offset: int) -> dict[str, Any]:
    """A dedup candidate as the pages agent would send it."""
    stage = PageStage(worker.classifier, max_message_bytes=settings.max_message_bytes,
                      dlq_payload_bytes=settings.dlq_payload_bytes)
    result = stage.run(orjson.dumps(raw), Origin(RAW, 0, offset, time.time()))
    assert result.dead_letter is None and len(result.candidates) == 1, result
    return result.candidates[0]


def first_and_copy(worker: Worker, settings: Settings, name: str, text: str,
                   offset: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Candidates of a page (``<name>-first``) and of another wire's copy of it
    (``<name>-copy``), at ``offset`` and the next."""
    first = candidate(worker, settings, page(f"{name}-first", text), offset=offset)
    copy = candidate(worker, settings, page(f"{name}-copy", text, source="other-wire"),
                     offset=offset + 1)
    return first, copy


# --- pages ---------------------------------------------------------------------------------


async def test_a_valid_page_becomes_one_dedup_candidate(
    worker: Worker, sent: Sent, changelog: list[tuple],
) -> None:
    async with worker.pages_agent.test_context() as agent:
        await agent.put(orjson.dumps(page("pg-valid-1", CEASEFIRE)))
    assert [(topic, key) for topic, key, _ in sent] == [(DEDUP, b"pg-valid-1")]
    value = sent[0][2]
    assert value["article"]["id"] == "pg-valid-1"
    assert value["article"]["kind"] == "article"
    assert "peace_talks" in value["article"]["labels"]
    fingerprint = Fingerprint.decode(value["fingerprint"])
    assert isinstance(fingerprint, Fingerprint), fingerprint
    assert fingerprint.content_hash == value["article"]["content_hash"]
    assert fingerprint.shingles > 0
    assert isinstance(value["event_time"], float) and value["event_time"] > 0
    assert changelog == []  # the pages agent owns no state


async def test_malformed_json_is_one_dead_letter(worker: Worker, sent: Sent) -> None:
    async with worker.pages_agent.test_context() as agent:
        await agent.put(b"not json")
    assert [(topic, key) for topic, key, _ in sent] == [(DLQ, None)]
    letter = sent[0][2]
    assert (letter["kind"], letter["reason"], letter["stage"]) == ("dead_letter",
                                                                   "invalid_json", "ingest")
    assert (letter["payload"], letter["topic"], letter["offset"]) == ("not json", RAW, 0)


async def test_a_failing_core_is_an_internal_dead_letter_and_the_agent_goes_on(
    worker: Worker, sent: Sent, monkeypatch: pytest.MonkeyPatch,
) -> None:
    classify = worker.classifier.classify

    def flaky(*, title: str | None, text: str, lang: str) -> Any:
        if "EXPLODE" in text:
            raise RuntimeError("classifier blew up")
        return classify(title=title, text=text, lang=lang)

    monkeypatch.setattr(worker.classifier, "classify", flaky)
    async with worker.pages_agent.test_context() as agent:
        await agent.put(orjson.dumps(page("pg-boom-1", CEASEFIRE + "\n\nEXPLODE now.")))
        await agent.put(orjson.dumps(page("pg-after-1", CEASEFIRE + "\n\nAfter the failure.")))
    assert [(topic, key) for topic, key, _ in sent] == [(DLQ, b"pg-boom-1"),
                                                       (DEDUP, b"pg-after-1")]
    letter = sent[0][2]
    assert (letter["reason"], letter["stage"], letter["source_id"]) == ("internal", "classify",
                                                                      "pg-boom-1")
    assert "RuntimeError: classifier blew up" in letter["error"]
    assert sent[1][2]["article"]["id"] == "pg-after-1"


async def test_each_page_is_acked_after_its_records_are_sent(
    worker: Worker, sent: Sent, acks: Acks,
) -> None:
    """At-least-once with read-ahead: an acked offset may be committed, so its records must
    already be with the producer (which faust flushes before it commits)."""
    async with worker.pages_agent.test_context() as agent:
        await agent.put(orjson.dumps(page("pg-ack-1", CEASEFIRE + "\n\nFirst.")))
        await agent.put(b"{broken")
        await agent.put(orjson.dumps(page("pg-ack-3", CEASEFIRE + "\n\nThird.")))
    assert [(topic, key) for topic, key, _ in sent] == [(DEDUP, b"pg-ack-1"), (DLQ, None),
                                                       (DEDUP, b"pg-ack-3")]
    assert acks == [(0, 1), (1, 2), (2, 3)]


# --- dedup ---------------------------------------------------------------------------------


async def test_dedup_publishes_the_first_copy_and_flags_the_second(
    worker: Worker, settings: Settings, sent: Sent, changelog: list[tuple],
) -> None:
    text = ("Mediators in Doha said a ceasefire between the two armies could be signed this week "
            "after months of talks.\n\nThe agreement includes a prisoner exchange and a "
            "monitored truce along the border, according to a draft seen by reporters.")
    first = candidate(worker, settings, page("dd-first", text), offset=10)
    second = candidate(worker, settings, page("dd-second", text, source="other-wire"), offset=11)
    labels = first["article"]["labels"]
    assert "peace_talks" in labels

    async with worker.dedup_agent.test_context() as agent:
        await agent.put(records.dumps(first))
        published, sent[:] = list(sent), []
        await agent.put(records.dumps(second))
        flagged, sent[:] = list(sent), []
        await agent.put(records.dumps(first))  # redelivered: at-least-once
        replayed = list(sent)

    assert [(topic, key) for topic, key, _ in published] == [
        (ENRICHED, b"dd-first"), *((f"{PREFIX}.{label}", b"dd-first") for label in labels)]
    for _, _, value in published:
        assert (value["kind"], value["id"], value["story_id"]) == ("article", "dd-first",
                                                                   "dd-first")

    assert [(topic, key) for topic, key, _ in flagged] == [(DUPLICATES, b"dd-second")]
    notice = flagged[0][2]
    assert (notice["kind"], notice["duplicate_of"], notice["story_id"], notice["method"]) == (
        "duplicate", "dd-first", "dd-first", "exact")

    # The same decision again, not a duplicate of itself.
    assert [(topic, key) for topic, key, _ in replayed] == [(t, k) for t, k, _ in published]
    assert [v["story_id"] for _, _, v in replayed] == ["dd-first"] * len(replayed)

    # Decisions went through the changelog-backed tables; the LSH buckets did not.
    written = {(table, key) for table, key, _ in changelog}
    assert {("dedup_docs", "dd-first"), ("dedup_docs", "dd-second")} <= written
    # Only dedup_docs is changelog-backed; the other tables are derived from it locally.
    assert {table for table, _ in written} == {"dedup_docs"}
    buckets = worker.tables["dedup_buckets"].data
    assert any(b'"dd-first"' in ids for ids in buckets.values())  # orjson bytes, see LocalStore
    assert worker.tables["dedup_docs"]["dd-second"]["st"] == "dd-first"


async def test_each_candidate_is_acked_after_its_records_are_sent(
    worker: Worker, settings: Settings, sent: Sent, changelog: list[tuple], acks: Acks,
) -> None:
    """At-least-once with batches in the dedup agent too: every record of a candidate is with
    the producer before the candidate's offset is acked."""
    text = CEASEFIRE + "\n\nThe talks resume on Monday."
    first, copy = first_and_copy(worker, settings, "ak", text, offset=30)
    async with worker.dedup_agent.test_context() as agent:
        await agent.put(records.dumps(first))
        await agent.put(records.dumps(copy))
    canonical = 1 + len(first["article"]["labels"])  # enriched and one per label
    assert [key for _, key, _ in sent] == [b"ak-first"] * canonical + [b"ak-copy"]
    assert acks == [(0, canonical), (1, canonical + 1)]


async def test_a_replayed_docs_changelog_brings_the_derived_tables_along(
    worker: Worker, settings: Settings, sent: Sent, changelog: list[tuple],
) -> None:
    """An article that another worker decided reaches this one only through the replayed
    ``dedup_docs`` changelog (a takeover's recovery, a standby): its derived entries come
    with it, so a copy that arrives afterwards is flagged."""
    text = ("Election officials in the northern province began counting ballots on Sunday "
            "night after polls closed two hours late because of long queues.\n\nObservers "
            "from three regional groups said turnout was the highest since the vote of 2019, "
            "and that no serious incident had been reported at the polling stations.")
    original = candidate(worker, settings, page("rp-original", text), offset=20)
    elsewhere = DedupState.in_memory()
    DedupStage(Deduper(elsewhere)).run(original)
    doc = elsewhere.docs["rp-original"]
    docs_table = worker.tables["dedup_docs"]

    def event(key: str, value: dict | None, offset: int) -> SimpleNamespace:
        raw = None if value is None else orjson.dumps(value)
        return SimpleNamespace(key=key, value=value, message=SimpleNamespace(
            key=orjson.dumps(key), value=raw, partition=0, offset=offset,
            tp=TP("khabar-agent-tests-dedup_docs-changelog", 0)))

    docs_table.apply_changelog_batch([event("rp-original", doc, 0)])
    assert docs_table["rp-original"] == doc
    bucket_ids = [orjson.loads(ids) for ids in worker.tables["dedup_buckets"].data.values()]
    bands = Fingerprint.decode(original["fingerprint"])
    assert isinstance(bands, Fingerprint)
    assert sum("rp-original" in ids for ids in bucket_ids) == len(bands.bands)

    copy = candidate(worker, settings, page("rp-copy", text.replace("Sunday", "Sunday evening"),
                                            source="other-wire"), offset=21)
    async with worker.dedup_agent.test_context() as agent:
        await agent.put(records.dumps(copy))
    assert [(topic, key) for topic, key, _ in sent] == [(DUPLICATES, b"rp-copy")]
    assert (sent[0][2]["duplicate_of"], sent[0][2]["method"]) == ("rp-original", "near")

    # Its expiry, replayed too, takes it out of the buckets.
    docs_table.apply_changelog_batch([event("rp-original", None, 1)])
    assert "rp-original" not in docs_table
    assert not any("rp-original" in orjson.loads(ids)
                   for ids in worker.tables["dedup_buckets"].data.values())


async def test_bad_candidates_are_dead_letters_and_the_dedup_agent_goes_on(
    worker: Worker, settings: Settings, sent: Sent, changelog: list[tuple], acks: Acks,
) -> None:
    """Bytes that are no candidate, a candidate without a fingerprint and one whose
    fingerprint is of another version: two dead letters, one re-fingerprinted decision, each
    acked after its record is sent, then a valid candidate decided as usual."""
    text = ("Firefighters contained a forest fire in the eastern hills on Wednesday after three "
            "days of work by ground crews and water planes.\n\nResidents of four villages who "
            "had left their homes were allowed back in the evening, the civil defence said.")
    older = candidate(worker, settings, page("bc-older", text), offset=50)
    older["fingerprint"] = {"v": "w4p64b16r4s1", "h": "00", "s": "AAAA", "n": 1}
    unprintable = candidate(worker, settings, page("bc-nofp", CEASEFIRE + "\n\nNo print."),
                            offset=51)
    del unprintable["fingerprint"]
    after = candidate(worker, settings, page("bc-after", (
        "The city council approved a new bus line linking the airport with the old town, to "
        "open in the spring.\n\nTickets will cost the same as on the other lines, and buses "
        "will run every twelve minutes from early morning until midnight.")), offset=52)

    def dead(reason: str) -> float:
        return REGISTRY.get_sample_value("khabar_dead_letters_total",
                                         {"reason": reason, "stage": "dedup"}) or 0.0

    def refingerprinted() -> float:
        return REGISTRY.get_sample_value("khabar_dedup_refingerprinted_total") or 0.0

    counted = dead("invalid_json"), dead("invalid_fingerprint"), refingerprinted()
    async with worker.dedup_agent.test_context() as agent:
        await agent.put(b"\xff not json")
        await agent.put(records.dumps(unprintable))
        await agent.put(records.dumps(older))
        await agent.put(records.dumps(after))
    letters = [(topic, key, value["reason"], value["stage"]) for topic, key, value in sent
               if topic == DLQ]
    assert letters == [(DLQ, None, "invalid_json", "dedup"),
                       (DLQ, b"bc-nofp", "invalid_fingerprint", "dedup")]
    assert sent[0][2]["payload"] == base64.b64encode(b"\xff not json").decode()
    assert (sent[0][2]["topic"], sent[0][2]["offset"]) == (DEDUP, 0)
    decided = [(topic, key) for topic, key, _ in sent if topic in (ENRICHED, DUPLICATES)]
    assert decided == [(ENRICHED, b"bc-older"), (ENRICHED, b"bc-after")]
    assert worker.tables["dedup_docs"]["bc-older"]["h"] != "00"  # fingerprinted again
    assert [offset for offset, _ in acks] == [0, 1, 2, 3]
    assert (dead("invalid_json"), dead("invalid_fingerprint"), refingerprinted()) == (
        counted[0] + 1, counted[1] + 1, counted[2] + 1)


async def test_a_label_without_a_topic_is_not_routed(
    worker: Worker, settings: Settings, sent: Sent, changelog: list[tuple],
) -> None:
    """A candidate classified with a newer taxonomy (a rolling upgrade) carries a label this
    worker declared no topic for: the article is published, to the topics there are."""
    text = ("Delegations of the rebel movement and the army signed a truce in Nairobi on "
            "Friday, ending a month of peace negotiations.\n\nThe ceasefire takes effect at "
            "midnight, and both sides will free prisoners under the watch of the mediators.")
    newer = candidate(worker, settings, page("nl-newer", text), offset=70)
    known = newer["article"]["labels"]
    assert known, "the text needs a label"
    newer["article"]["labels"] = [*known, "label_of_a_newer_taxonomy"]
    async with worker.dedup_agent.test_context() as agent:
        await agent.put(records.dumps(newer))
    assert [topic for topic, _, _ in sent] == [ENRICHED, *(f"{PREFIX}.{label}" for label in known)]
    assert sent[0][2]["labels"][-1] == "label_of_a_newer_taxonomy"


async def test_replayed_records_that_are_not_docs_are_counted(
    worker: Worker, settings: Settings,
) -> None:
    """A changelog record the derived tables cannot take still reaches dedup_docs; the
    derived tables drift by that record, and the replay-failure counter says so."""
    text = ("The national library reopened its reading rooms on Saturday after a two year "
            "renovation of the roof and the old manuscript vaults.\n\nVisitors queued from "
            "early morning, and the first exhibition shows maps drawn by travellers.")
    good = candidate(worker, settings, page("rf-good", text), offset=60)
    elsewhere = DedupState.in_memory()
    DedupStage(Deduper(elsewhere)).run(good)
    docs_table = worker.tables["dedup_docs"]
    failures = REGISTRY.get_sample_value("khabar_dedup_replay_failures_total") or 0.0

    def event(key: str, value: Any, offset: int) -> SimpleNamespace:
        return SimpleNamespace(key=key, value=value, message=SimpleNamespace(
            key=orjson.dumps(key), value=orjson.dumps(value), partition=0, offset=offset,
            tp=TP("khabar-agent-tests-dedup_docs-changelog", 0)))

    keyless = event("rf-keyless", elsewhere.docs["rf-good"], 3)
    keyless.key = keyless.message.key = None
    docs_table.apply_changelog_batch([event("rf-bad", {"t": 1}, 0),
                                      event("rf-list", [1, 2], 1),
                                      event("rf-good", elsewhere.docs["rf-good"], 2), keyless])
    assert REGISTRY.get_sample_value("khabar_dedup_replay_failures_total") == failures + 3
    assert None not in docs_table
    assert docs_table["rf-bad"] == {"t": 1} and "rf-good" in docs_table
    assert worker.tables["dedup_exact"].data[
        elsewhere.docs["rf-good"]["h"].encode()] == b'"rf-good"'


async def test_a_direct_send_that_fails_ends_the_worker_before_any_commit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The agents' sends skip faust's Topic.send and its send-error sensor: their own
    callback exits with EXIT_SEND_FAILED on a failed send, and not on a cancelled one."""
    exits: list[int] = []
    monkeypatch.setattr("khabar.agents.worker.exits.os._exit", exits.append)
    monkeypatch.setattr("khabar.agents.worker.exits.logging.shutdown", lambda: None)
    loop = asyncio.get_running_loop()
    delivered, cancelled, failed = (loop.create_future() for _ in range(3))
    delivered.set_result(None)
    cancelled.cancel()
    failed.set_exception(RuntimeError("NotLeaderForPartition after retries"))
    for future in (delivered, cancelled):
        exit_if_send_failed(future)
    assert exits == []
    exit_if_send_failed(failed)
    assert exits == [EXIT_SEND_FAILED]


async def test_offsets_the_consumer_passes_over_are_logged_and_counted(
        worker: Worker, caplog: pytest.LogCaptureFixture) -> None:
    """faust counts offsets missing from a fetch as processed; khabar's consumer says so."""
    consumer = worker.app.consumer
    tp = TP(RAW, 6)
    counted = REGISTRY.get_sample_value("khabar_consumer_skipped_offsets_total",
                                        {"topic": RAW}) or 0.0
    await consumer._add_gap(tp, 16, 18)  # read 15, fetched 18: 16 and 17 are missing
    assert REGISTRY.get_sample_value("khabar_consumer_skipped_offsets_total",
                                     {"topic": RAW}) == counted + 2
    assert f"offsets 16 to 17 of {RAW}[6]" in caplog.text
    assert sorted((gap.begin, gap.end) for gap in consumer._gap[tp]) == [(16, 19)]  # faust's


async def test_the_seek_after_a_rebalance_keeps_fetched_records_out_of_the_buffers(
        worker: Worker, monkeypatch: pytest.MonkeyPatch) -> None:
    """faust resumes the flow (emptying the stream buffers) only after this seek: the flow
    stays stopped through it, and stream partitions without a committed offset are sought
    back to their beginning, so records a dropped fetch had taken are fetched again."""
    consumer = worker.app.consumer
    committed, uncommitted, dedup = TP(RAW, 0), TP(RAW, 1), TP(DEDUP, 0)
    changelog = TP(worker.tables["dedup_docs"].changelog_topic.get_topic_name(), 0)
    flow_during_seek: list[bool] = []
    rewound: list[tuple[str, int]] = []

    async def seek_to_committed() -> dict[TP, int | None]:
        flow_during_seek.append(consumer.flow_active)
        return {committed: 40, uncommitted: None, dedup: 7, changelog: None}

    async def seek_to_beginning(*partitions: Any) -> None:
        rewound.extend((tp.topic, tp.partition) for tp in partitions)

    monkeypatch.setattr(consumer, "seek_to_committed", seek_to_committed)
    monkeypatch.setattr(consumer, "assignment", lambda: {committed, uncommitted, dedup, changelog})
    monkeypatch.setattr(consumer._thread, "seek_to_beginning", seek_to_beginning)
    monkeypatch.setattr(worker.app.topics, "acks_enabled_for", lambda topic: topic in (RAW, DEDUP))
    consumer.resume_flow()
    try:
        await consumer.perform_seek()
        assert flow_during_seek == [False] and not consumer.flow_active
        assert rewound == [(RAW, 1)]
        assert consumer._read_offset[committed] == 40 and consumer._read_offset[uncommitted] is None
        # what the lag gauge reads: the committed offsets the seek found
        assert committed_offsets(consumer)[committed] == 40
        assert committed_offsets(consumer).get(uncommitted) is None
    finally:
        consumer.resume_flow()
        for tp in (committed, uncommitted, dedup, changelog):
            consumer._read_offset.pop(tp, None)
            consumer._committed_offset.pop(tp, None)

# --- health --------------------------------------------------------------------------------


async def test_health_pages(worker: Worker, monkeypatch: pytest.MonkeyPatch) -> None:
    views = worker.app.web.views
    assert {"/healthz", "/readyz", "/metrics"} <= set(views)

    alive = await views["/healthz"].get(None)
    assert (alive.status, orjson.loads(alive.body)["status"]) == (200, "alive")

    assignment: set[TP] = set()
    monkeypatch.setattr(worker.app, "_consumer",
                        SimpleNamespace(assignment=lambda: set(assignment)))
    monkeypatch.setattr(worker.app, "rebalancing", False)
    monkeypatch.setattr(worker.app, "rebalancing_count", 0)
    unready = await views["/readyz"].get(None)  # not joined yet
    assert unready.status == 503
    assert orjson.loads(unready.body) == {"ready": False, "assigned": False,
                                          "recovering": False}
    # joined, and given nothing: more workers than partitions
    monkeypatch.setattr(worker.app, "rebalancing_count", 1)
    monkeypatch.setattr(worker.app, "rebalancing", True)
    assert (await views["/readyz"].get(None)).status == 503
    monkeypatch.setattr(worker.app, "rebalancing", False)
    standby = await views["/readyz"].get(None)
    assert standby.status == 200
    assert orjson.loads(standby.body) == {"ready": True, "assigned": False, "recovering": False}
    assignment.add(TP(DEDUP, 0))
    ready = await views["/readyz"].get(None)
    assert (ready.status, orjson.loads(ready.body)["ready"]) == (200, True)
    monkeypatch.setattr(worker.app, "in_recovery", True)
    recovering = await views["/readyz"].get(None)
    assert recovering.status == 503 and orjson.loads(recovering.body)["recovering"] is True


class _RocksDBLike:
    """faust's RocksDB store as LocalStore and the state gauge use it: a database per
    partition. It has no len() and no iteration, which would walk every key."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.opened: list[int] = []

    def _db_for_partition(self, partition: int) -> Any:
        self.opened.append(partition)
        return self.data


@pytest.mark.parametrize("rocksdb", [False, True], ids=["memory", "rocksdb"])
async def test_local_store_caches_reads_and_writes_through(rocksdb: bool) -> None:
    data: dict[bytes, bytes] = {}
    faust_store = _RocksDBLike(data) if rocksdb else SimpleNamespace(data=data)
    store = LocalStore(SimpleNamespace(data=faust_store))
    with pytest.raises(KeyError):
        store["band-1"]
    assert "band-1" not in store and store.get("band-1", ()) == () and store.get("band-1") is None
    store["band-1"] = ["a1"]
    assert data[b"band-1"] == b'["a1"]' and store["band-1"] == ["a1"] == store.get("band-1", ())
    data[b"band-1"] = b'["changed underneath"]'
    assert store["band-1"] == ["a1"]  # served from the cache
    del store["band-1"]
    assert b"band-1" not in data and "band-1" not in store
    for i in range(LocalStore.CACHE_KEYS + 10):
        store[f"k{i}"] = i
    assert len(store.cache) == LocalStore.CACHE_KEYS
    data[b"k0"] = b'"from the store"'
    assert store["k0"] == "from the store"  # evicted first, read again
    assert store[f"k{LocalStore.CACHE_KEYS + 9}"] == LocalStore.CACHE_KEYS + 9
    if rocksdb:  # the tables have one partition
        assert set(faust_store.opened) == {0}


async def test_local_store_writes_many_keys_at_once_and_caches_them(tmp_path: Path) -> None:
    db = RocksDBOptions().open(tmp_path / "dedup_buckets")  # faust's raw-mode database
    store = LocalStore(SimpleNamespace(data=_RocksDBLike(db)))
    store["band-0"] = ["old"]
    store.update({"band-0": ["a1"], "band-1": ["a1", "a2"]})
    assert (db[b"band-0"], db[b"band-1"]) == (b'["a1"]', b'["a1","a2"]')
    db[b"band-1"] = b'["changed underneath"]'
    assert store["band-1"] == ["a1", "a2"]  # served from the cache
    memory: dict[bytes, bytes] = {}
    LocalStore(SimpleNamespace(data=SimpleNamespace(data=memory))).update({"band-0": ["a1"]})
    assert memory == {b"band-0": b'["a1"]'}


async def test_the_dedup_tables_open_rocksdb_with_the_bounded_options(
        worker: Worker, settings: Settings) -> None:
    """On ``rocksdb://`` every dedup table keeps its index and filter blocks in its share of
    the block cache (the tests' worker runs on ``memory://``)."""
    share = rocksdb_options(settings, len(TABLES))
    for name in TABLES:
        store = worker.tables[name]._new_store_by_url("rocksdb://")
        options = store.rocksdb_options
        assert isinstance(options, BoundedRocksDBOptions), name
        assert (options.block_cache_size, options.write_buffer_size) == (
            share["block_cache_size"], share["write_buffer_size"])


async def test_the_state_gauge_reads_rocksdbs_estimate_instead_of_walking_the_keys(
        tmp_path: Path) -> None:
    db = RocksDBOptions().open(tmp_path / "dedup_buckets")
    for i in range(1000):
        db[f"band-{i}".encode()] = b'["a1"]'
    faust_store = _RocksDBLike(db)
    assert estimated_keys(SimpleNamespace(data=faust_store)) == 1000
    assert faust_store.opened == [0]
    memory_store = SimpleNamespace(data={b"band-1": b"[]", b"band-2": b"[]"})
    assert estimated_keys(SimpleNamespace(data=memory_store)) == 2


def _story_counts(db: Any) -> Counter[str]:
    """Stories by ``khabar_stories`` bucket, walking a ``dedup_stories`` store."""
    return Counter(metrics.copy_bucket(orjson.loads(raw)["c"]) for raw in db.values())


def _nonzero(counts: Counter[str]) -> dict[str, int]:
    assert all(n >= 0 for n in counts.values()), counts
    return {bucket: n for bucket, n in counts.items() if n}


async def test_the_story_count_is_what_the_table_holds_across_a_restart_and_an_expiry(
        tmp_path: Path) -> None:
    """A second process counts the stories its store kept from the first, then keeps the
    count exact through an expiry and a replayed tombstone: never below zero."""
    docs: dict[str, Any] = {}
    derived = {name: {} for name in DERIVED if name != "dedup_stories"}
    day = 86400.0

    def process(stories_db: Any) -> tuple[Deduper, CountedStories]:
        stories = CountedStories(LocalStore(SimpleNamespace(data=_RocksDBLike(stories_db))))
        stores = {name: LocalStore(SimpleNamespace(data=SimpleNamespace(data=data)))
                  for name, data in derived.items()}
        state = DedupState.from_mappings(dedup_docs=docs, dedup_stories=stories, **stores)
        return Deduper(state, window_seconds=7 * day), stories

    db = RocksDBOptions().open(tmp_path / "dedup_stories")
    first, counted = process(db)
    for story, (copies, when) in {"harbour": (3, 0.0), "drought": (1, 0.0),
                                  "budget": (2, 3 * day)}.items():
        text = fingerprint(normalize(" ".join(f"{story}{i}" for i in range(40))))
        for n in range(copies):
            first.decide(f"{story}-{n}", text, when + n, f"outlet-{n}")
    assert _nonzero(counted.counts()) == {"3-5": 1, "1": 1, "2": 1} == _story_counts(db)
    db.close()

    db = RocksDBOptions().open(tmp_path / "dedup_stories")
    second, counted = process(db)
    assert _nonzero(counted.counts()) == {"3-5": 1, "1": 1, "2": 1}
    assert second.expire(8 * day) == 4  # the stories of day 0
    assert _nonzero(counted.counts()) == {"2": 1} == _story_counts(db)
    replayed = second.state.replay([(f"budget-{n}", None) for n in range(2)], docs.get)
    assert (replayed.changed, replayed.failed) == (2, [])
    assert _nonzero(counted.counts()) == {} == _story_counts(db)
    db.close()


def _samples(gauge: Any) -> dict[tuple[str, ...], float]:
    return {tuple(sample.labels.values()): sample.value
            for family in gauge.collect() for sample in family.samples}


async def test_the_state_gauges_are_those_of_the_tables_this_worker_owns(
    worker: Worker, settings: Settings, sent: Sent, changelog: list[tuple],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = CEASEFIRE + "\n\nA second round is planned for the end of the month."
    first, copy = first_and_copy(worker, settings, "sg", text, offset=60)
    async with worker.dedup_agent.test_context() as agent:
        await agent.put(records.dumps(first))
        await agent.put(records.dumps(copy))
    owned: set[TP] = set()
    monkeypatch.setattr(worker.app.assignor, "assigned_actives", lambda: set(owned))
    monkeypatch.setattr(worker.app, "rebalancing", False)
    scrape = worker.app.web.views["/metrics"]

    await scrape.get(None)  # a worker without the dedup partition: a standby, for example
    assert set(_samples(metrics.STORIES).values()) == {0.0}
    assert set(_samples(metrics.DEDUP_STATE_KEYS).values()) == {0.0}

    owned.update(TP(table.changelog_topic.get_topic_name(), 0)
                 for table in worker.tables.values())
    await scrape.get(None)
    stories = _story_counts(partition_db(worker.tables["dedup_stories"]))
    assert stories["2"] >= 1  # sg-first and its copy
    assert _samples(metrics.STORIES) == {(bucket,): float(stories[bucket])
                                         for bucket in metrics.COPY_BUCKETS}
    assert _samples(metrics.DEDUP_STATE_KEYS) == {
        (name,): float(len(partition_db(table))) for name, table in worker.tables.items()}

    # During a rebalance the stores of revoked partitions are closed: the values stay.
    owned.clear()
    monkeypatch.setattr(worker.app, "rebalancing", True)
    await scrape.get(None)
    assert _samples(metrics.STORIES)[("2",)] == stories["2"]


async def test_the_lag_is_that_of_the_assigned_input_partitions(
        worker: Worker, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raw and dedup partitions only (not the changelogs nor faust's assignor topic), each
    removed once revoked."""
    raw0, raw1, dedup = TP(RAW, 0), TP(RAW, 1), TP(DEDUP, 0)
    docs_changelog = TP(worker.tables["dedup_docs"].changelog_topic.get_topic_name(), 0)
    assignor = TP(f"{worker.app.conf.id}-__assignor-__leader", 0)
    assignment = {raw0, raw1, dedup, docs_changelog, assignor}
    highwaters = {raw0: 50, raw1: 9, dedup: 30, docs_changelog: 12, assignor: 3}
    consumer = SimpleNamespace(assignment=lambda: set(assignment), highwater=highwaters.get,
                               _committed_offset={raw0: 40, dedup: 30, docs_changelog: None})
    monkeypatch.setattr(worker.app, "_consumer", consumer)
    scrape = worker.app.web.views["/metrics"]

    await scrape.get(None)
    assert _samples(metrics.CONSUMER_LAG) == {(RAW, "0"): 10, (RAW, "1"): 9, (DEDUP, "0"): 0}
    assignment.discard(raw1)
    assignment.discard(dedup)
    await scrape.get(None)
    assert _samples(metrics.CONSUMER_LAG) == {(RAW, "0"): 10}
    assignment.clear()
    await scrape.get(None)
    assert _samples(metrics.CONSUMER_LAG) == {}


async def test_a_stopped_agent_is_not_taken_for_a_dead_one(
    worker: Worker, sent: Sent, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Outside a worker (test_context()), an agent's end does not arm the worker's exit
    watchdog (a threading.Timer that would end this process); the integration tier checks
    that a worker whose stream ends by itself exits."""
    timers: list[Any] = []
    monkeypatch.setattr("khabar.agents.worker.exits.threading.Timer",
                        lambda *a, **k: timers.append(a))
    for agent in (worker.pages_agent, worker.dedup_agent):
        async with agent.test_context():
            pass
    assert timers == []


async def test_topics_and_changelogs_are_declared_with_the_settings_topic_configs(
        worker: Worker, settings: Settings) -> None:
    """The configs a topic gets when faust creates it: retention on the agents' sources,
    compaction on the changelogs, and min.insync.replicas on both."""
    assert settings.topic_configs()  # the kafka profile: not the embedded broker's empty set
    for topic in (worker.topology.raw, worker.topology.dedup):
        assert topic.config == settings.topic_configs()
    for table in worker.tables.values():
        changelog = table.changelog_topic
        assert changelog.config == settings.topic_configs(changelog=True)
        assert changelog.compacting and not changelog.deleting


async def test_the_dead_letter_series_a_worker_can_make_exist_before_the_first(
        worker: Worker) -> None:
    """An alert's ``increase()`` sees the first dead letter only if its series was there at 0."""
    def sample(reason: str, stage: str) -> float | None:
        return REGISTRY.get_sample_value("khabar_dead_letters_total",
                                         {"reason": reason, "stage": stage})

    assert sample("too_large", "publish") is not None
    assert all(sample(reason, "dedup") is not None for reason in DEDUP_REASONS)
    assert sample("too_large", "dedup") is None, "the dedup stage has no too_large dead letter"
