"""Faults injected on the embedded broker lose nothing and stop nothing.

- crash: SIGKILL the worker twice mid-stream, restart it on the same data dir;
- slow seek: a worker recovering a changelog seeks with slow committed-offset requests;
- rebalance: two workers, one stops and another joins mid-stream;
- hostile input: random bytes and JSON values, oversized and pathological pages;
- late broker: the worker starts before the broker, which later pauses for a while;
- soak: RSS after 10,000 pages and at the end (100,000 pages with ``KHABAR_SOAK=1``).

After each, every raw message is accounted for by an output record, a record is re-sent only
as an exact copy of its first send (same id: same decision, same ``duplicate_of``), and every
story has exactly one canonical id.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from khabar.agents.cli import _stages
from khabar.agents.demo import Accounting
from khabar.agents.kafka_io import publish
from khabar.agents.pipeline import Origin
from khabar.agents.samples.synthetic import Corpus, Generator
from khabar.agents.worker.build import PAGE_BATCH
from khabar.streams.embedded import EmbeddedBroker, free_port
from khabar.streams.settings import Settings, worker_environment
from tests.cluster import (
    REPO,
    WorkerProcess,
    collect,
    metric,
    names,
    publish_messages,
    settings_for,
    wait_pages,
)

pytestmark = pytest.mark.integration

#: Fields that say when a record was made, so differ between a record and its re-send.
VOLATILE = ("ingested_at", "failed_at")
SOAK = os.environ.get("KHABAR_SOAK") == "1"


# --- helpers -------------------------------------------------------------------------------


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def outputs_of(settings: Settings, accounting: Accounting, timeout: float
               ) -> dict[str, list[dict[str, Any]]]:
    topics = names(settings)
    wanted = [topics.enriched, topics.duplicates, topics.dlq]

    accounting.done.clear()
    read = dict.fromkeys(wanted, 0)

    def until(out: dict[str, list[dict[str, Any]]]) -> bool:
        for topic, records in out.items():
            for record in records[read[topic]:]:
                accounting.see(record)
            read[topic] = len(records)
        return accounting.complete

    return collect(settings, wanted, until=until, timeout=timeout, idle=3.0)


def check_accounting(settings: Settings, corpus: Corpus, accounting: Accounting,
                     outputs: dict[str, list[dict[str, Any]]], logs: Path) -> dict[str, int]:
    """The guarantees: zero loss, re-sends only as exact copies, one canonical per story.
    ``logs``: the directory of the workers' logs, whose skipped-offset warnings a loss quotes."""
    topics = names(settings)
    if not accounting.complete:
        missing = accounting.missing
        # Tell a lost message from one the first reader missed: read everything once more.
        outputs_of(settings, accounting, timeout=30)
        still = {(m.partition, m.offset) for m in accounting.missing}
        found = [m for m in missing if (m.partition, m.offset) not in still]
        gaps = [line for log in sorted(logs.glob("*.log"))
                for line in log.read_text(errors="replace").splitlines()
                if "were not in the fetched records" in line]
        raise AssertionError(
            f"{len(missing)} raw messages unaccounted for, e.g. {missing[:3]}; a second "
            f"reader found outputs for {len(found)} of them; the workers logged "
            f"{len(gaps)} skipped-offset warnings: {gaps[:5]}")
    first: dict[tuple[str, Any], dict[str, Any]] = {}
    resent = 0
    for topic in (topics.enriched, topics.duplicates, topics.dlq):
        for record in outputs[topic]:
            if record["kind"] == "dead_letter":
                key: tuple[str, Any] = ("dead", (record["partition"], record["offset"]))
            else:
                key = ("decision", record["id"])
            stable = {k: v for k, v in record.items() if k not in VOLATILE}
            earlier = first.setdefault(key, stable)
            if earlier is not stable:
                resent += 1
                assert earlier == stable, ("a re-send differs from the first send",
                                           earlier, stable)
    canonical: dict[str, set[str]] = defaultdict(set)
    for record in outputs[topics.enriched]:
        canonical[corpus.story_of.get(record["id"], record["id"])].add(record["id"])
    split = {story: ids for story, ids in canonical.items() if len(ids) > 1}
    assert not split, f"stories with more than one canonical id: {list(split.items())[:5]}"
    stories = {corpus.story_of[i] for i in corpus.ids if i in corpus.story_of}
    assert stories <= set(canonical), f"stories without a canonical: {stories - set(canonical)}"
    for notice in outputs[topics.duplicates]:
        assert notice["duplicate_of"] != notice["id"]
        assert corpus.story_of[notice["id"]] == corpus.story_of[notice["duplicate_of"]]
    return {"records": sum(len(v) for v in outputs.values()), "resent": resent,
            "stories": len(canonical)}


def publish_corpus(settings: Settings, corpus: Corpus) -> Accounting:
    sent = publish_messages(settings, corpus.messages)
    return Accounting(names(settings).raw, sent)


class Orchestrated:
    """A worker restarted when it exits on its own, as an orchestrator would. Only exit 70 (a
    send failed after the producer's retries; the worker exits before committing, see
    ``agents/worker/exits.py``) is tolerated: Tansu sometimes answers NotLeaderForPartition to one
    produce request for longer than the request timeout. Any other exit fails the test."""

    def __init__(self, settings: Settings, log_dir: Path, name: str) -> None:
        self.settings, self.log_dir, self.name = settings, log_dir, name
        self.exits: list[int] = []
        self.lives = 0
        self.worker = self._start()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _start(self) -> WorkerProcess:
        self.lives += 1
        return WorkerProcess(self.settings, self.log_dir / f"{self.name}-{self.lives}.log")

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            with self._lock:
                code = self.worker.process.poll()
                if code is not None:
                    self.exits.append(code)
                    self.worker.log.close()
                    if code == 70:
                        self.worker = self._start()

    def check(self) -> None:
        bad = [code for code in self.exits if code != 70]
        assert not bad, f"{self.name} exited with {bad}"

    def kill(self) -> None:
        with self._lock:
            self.worker.kill()

    def restart(self) -> None:
        with self._lock:
            self.worker.kill()
            self.worker = self._start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        with self._lock:
            self.worker.stop()


def wait_taken(node: Orchestrated, at_least: float, timeout: float) -> float:
    """Wait until the current life of ``node`` has taken in ``at_least`` raw pages."""
    deadline = time.monotonic() + timeout
    seen = 0.0
    while time.monotonic() < deadline:
        node.check()
        seen = metric(node.worker, "khabar_pages_total")
        if seen >= at_least:
            return seen
        time.sleep(0.2)
    raise TimeoutError(f"{node.name} took in {seen} pages, not {at_least}, in {timeout} s")


# --- crash ---------------------------------------------------------------------------------

@pytest.mark.timeout(300)
def test_sigkill_twice_loses_nothing(broker: EmbeddedBroker, tmp_path: Path) -> None:
    rng = random.Random(7001)
    corpus = Generator(seed=71).corpus(stories=3900, copies_per_story=0.25, bad=120,
                                       prefix="crash")
    assert len(corpus.messages) >= 5000
    settings = settings_for(broker, tmp_path / "data", partitions=8)
    accounting = publish_corpus(settings, corpus)
    assert len({s.partition for s in accounting.sent}) == 8

    node = Orchestrated(settings, tmp_path, "worker")
    kills = []
    try:
        for _ in range(2):
            node.worker.wait_ready(timeout=90)
            kills.append(wait_taken(node, rng.randint(400, 1600), timeout=120))
            node.restart()  # SIGKILL, then a new process on the same data dir
        outputs = outputs_of(settings, accounting, timeout=200)
        node.check()
    finally:
        node.stop()
    figures = check_accounting(settings, corpus, accounting, outputs, tmp_path)
    figures["self_exits"] = len(node.exits)
    print(f"crash: killed after {kills} pages; {figures}")


@pytest.mark.timeout(300)
def test_records_fetched_while_the_worker_seeks_are_not_lost(broker: EmbeddedBroker,
                                                             tmp_path: Path) -> None:
    """faust resumes a worker's stream partitions, seeks them to their committed offsets (one
    request per partition), then empties the stream buffers. When the worker had a changelog to
    recover first, its fetcher already runs during that seek, and records fetched then were
    dropped but counted as read: they never came again. Here a first worker takes part of a
    backlog and stops; a second one, on an empty data dir, recovers the dedup changelog and
    takes the rest with every committed-offset request slowed to 0.3 s."""
    corpus = Generator(seed=75).corpus(stories=2400, copies_per_story=0.25, bad=30,
                                       prefix="seek")
    settings = settings_for(broker, tmp_path / "first", partitions=8)
    accounting = publish_corpus(settings, corpus)
    first = WorkerProcess(settings, tmp_path / "first.log")
    try:
        wait_pages(first, 300, timeout=120, counter="khabar_articles_total")
    finally:
        first.stop()
    second = WorkerProcess(replace(settings, data_dir=tmp_path / "second"),
                           tmp_path / "second.log", extra_env={
        "PYTHONPATH": str(Path(__file__).resolve().parent / "faults"),
        "KHABAR_TEST_COMMITTED_DELAY_S": "0.3",
    })
    try:
        outputs = outputs_of(settings, accounting, timeout=150)
        log = second.log_path.read_text(errors="replace")
    finally:
        second.stop()
    assert "Restoring state from changelog topics" in log
    seek = _seconds(log, "Seek stream partitions to committed offsets", "Worker ready")
    assert seek >= 2.0, f"the delay did not reach the worker's seek ({seek:.1f} s)"
    check_accounting(settings, corpus, accounting, outputs, tmp_path)


def _seconds(log: str, start: str, end: str) -> float:
    """Seconds from the first log line containing ``start`` to the next containing ``end``."""
    stamps: list[datetime] = []
    for line in log.splitlines():
        if (start if not stamps else end) in line:
            stamps.append(datetime.strptime(line[1:24], "%Y-%m-%d %H:%M:%S,%f"))
            if len(stamps) == 2:
                return (stamps[1] - stamps[0]).total_seconds()
    raise AssertionError(f"no {start!r} then {end!r} in the worker's log")


# --- rebalance -----------------------------------------------------------------------------

@pytest.mark.timeout(300)
def test_stop_one_worker_and_start_another_mid_stream(broker: EmbeddedBroker,
                                                      tmp_path: Path) -> None:
    corpus = Generator(seed=72).corpus(stories=2400, copies_per_story=0.25, bad=60,
                                       prefix="rebal")
    settings = settings_for(broker, tmp_path / "a", partitions=8)
    accounting = publish_corpus(settings, corpus)
    second = settings.__class__(**{**_fields(settings), "data_dir": tmp_path / "b",
                                   "web_port": free_port()})
    third = settings.__class__(**{**_fields(settings), "data_dir": tmp_path / "c",
                                  "web_port": free_port()})
    a = WorkerProcess(settings, tmp_path / "a.log")
    b = WorkerProcess(second, tmp_path / "b.log")
    c: WorkerProcess | None = None
    try:
        a.wait_ready(timeout=90)
        b.wait_ready(timeout=90)
        wait_pages(b, 300, timeout=120)
        b.stop()
        assert b.process.returncode == 0, b.log_path.read_text(errors="replace")[-2000:]
        c = WorkerProcess(third, tmp_path / "c.log")
        outputs = outputs_of(settings, accounting, timeout=200)
        assert a.process.poll() is None and c.process.poll() is None
        taken = metric(c, "khabar_pages_total")
    finally:
        for worker in (a, b, c):
            if worker is not None:
                worker.stop()
    figures = check_accounting(settings, corpus, accounting, outputs, tmp_path)
    print(f"rebalance: the late worker took {taken} pages; {figures}")


def _fields(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}


# --- hostile input -------------------------------------------------------------------------

MARKER = "اقرأ أيضاً: عنوان\n"
HOSTILE_MAX_BYTES = 8_000_000


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """A JSON value of any type, nested a few levels; deterministic for ``rng``."""
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 2**63 - 1, rng.randint(-10**9, 10**9), rng.random() * 1e300])
    if kind in (3, 4):
        alphabet = "abc خبر\u200f\u0000\n\t\"\\ء٣😀"
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
    if kind == 5:
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(5))]
    fields = ["id", "text", "html", "url", "source", "title", "published_at", "x"]
    return {rng.choice(fields): random_json(rng, depth + 1) for _ in range(rng.randrange(6))}


def hostile_messages(seed: int) -> list[tuple[str, bytes]]:
    """(label, payload): random bytes and JSON values, then the pathological pages."""
    rng = random.Random(seed)
    out: list[tuple[str, bytes]] = []
    for n in range(40):
        out.append((f"bytes-{n}", rng.randbytes(rng.randrange(0, 300))))
    for n in range(60):
        value = random_json(rng)
        if isinstance(value, dict):
            # every page that may become an article carries a string id to account for it
            value["id"] = f"hostile-json-{n}"
        out.append((f"json-{n}", orjson.dumps(value)))
    out += [
        ("empty", b""),
        ("ten-megabytes", orjson.dumps({"id": "hostile-10mb", "text": "word " * 2_000_000})),
        ("invalid-utf8-in-string", b'{"id": "hostile-utf8", "text": "abc \xff\xfe\xc3\x28 def"}'),
        ("lone-surrogate", b'{"id": "hostile-surrogate", "text": "\\ud800 text"}'),
        ("nested-array", b"[" * 200_000 + b"]" * 200_000),
        ("nested-object", orjson.dumps({"id": "hostile-nested", "text": "short text here"})[:-1]
         + b', "meta": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_000 + b"}"),
        ("wrong-id", orjson.dumps({"id": 12345, "text": "a real sentence of news"})),
        ("wrong-text", orjson.dumps({"id": "hostile-wrong-text", "text": ["a", "list"]})),
        ("wrong-url", orjson.dumps({"id": "hostile-wrong-url", "text": "news", "url": {"a": 1}})),
        ("wrong-source", orjson.dumps({"id": "hostile-wrong-source", "text": "news",
                                       "source": 7})),
        ("markers-only", orjson.dumps({"id": "hostile-markers",
                                       "text": MARKER * 240_000})),
        ("markers-in-story", orjson.dumps({
            "id": "hostile-markers-story",
            "text": "A headline about talks\n\n" + MARKER * 240_000 +
                    "Negotiators met again on Tuesday to discuss a ceasefire and the exchange "
                    "of prisoners, officials said after the meeting ended late at night."})),
    ]
    for label, payload in out[-3:]:
        assert len(payload) < HOSTILE_MAX_BYTES or label == "ten-megabytes", label
    return out


def test_a_million_marker_lines_in_bounded_time() -> None:
    """The ingest core on a 33 MB page of a million boilerplate lines (too big for a message):
    linear time, no catastrophic backtracking."""
    page_stage, _ = _stages(Settings(max_message_bytes=64 << 20))
    for text, want in ((MARKER * 1_000_000, "empty_text"),
                       ("Headline\n\n" + MARKER * 1_000_000 + "A body line of the story.", None)):
        started = time.monotonic()
        result = page_stage.run(orjson.dumps({"id": "m", "text": text}),
                                Origin("t", 0, 0, None))
        assert time.monotonic() - started < 30
        reason = result.dead_letter["reason"] if result.dead_letter else None
        assert reason == want, result.dead_letter


@pytest.mark.timeout(300)
def test_hostile_input_through_a_running_worker(broker: EmbeddedBroker, tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data", partitions=4,
                            max_message_bytes=HOSTILE_MAX_BYTES)
    topics = names(settings)
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    try:
        worker.wait_ready(timeout=90)
        hostile = hostile_messages(seed=7007)
        started = time.monotonic()
        sent = asyncio.run(_publish_big(settings, topics.raw, [p for _, p in hostile]))
        accounting = Accounting(topics.raw, sent)
        # Not JSON to the publisher (so unkeyed), but the worker reads it with U+FFFD for the
        # bad bytes and finds its id.
        accounting.by_key["hostile-utf8"] = [label for label, _ in hostile].index(
            "invalid-utf8-in-string")
        outputs = outputs_of(settings, accounting, timeout=120)
        assert accounting.complete, [hostile[accounting.sent.index(m)][0]
                                     for m in accounting.missing]
        took = time.monotonic() - started
        assert worker.process.poll() is None
        assert worker.get("/healthz")[0] == 200

        by_source = {r.get("source_id"): r for rs in outputs.values() for r in rs}
        dead = {(r["partition"], r["offset"]): r["reason"] for r in outputs[topics.dlq]}
        reason = {label: dead.get((s.partition, s.offset))
                  for (label, _), s in zip(hostile, sent, strict=True)}
        assert reason["ten-megabytes"] == "too_large"
        assert (reason["invalid-utf8-in-string"] == "encoding"
                or "\ufffd" in by_source["hostile-utf8"]["text"])
        assert reason["nested-array"] == "invalid_json"
        assert reason["nested-object"] == "invalid_json"
        assert reason["empty"] in ("invalid_json", "encoding")
        for label in ("wrong-id", "wrong-text", "wrong-url", "wrong-source"):
            assert reason[label] == "schema", label
        assert reason["markers-only"] == "empty_text"
        assert by_source["hostile-markers-story"]["kind"] == "article"

        # A well-formed page after all that still comes out.
        good = Generator(seed=73).corpus(stories=1, copies_per_story=0, bad=0, prefix="after")
        after = Accounting(topics.raw, publish_messages(settings, good.messages))
        outputs_of(settings, after, timeout=60)
        assert after.complete
        assert worker.process.poll() is None
    finally:
        worker.stop()
    print(f"hostile: {len(hostile)} messages accounted for in {took:.1f} s")


async def _publish_big(settings: Settings, topic: str, payloads: list[bytes]) -> list[Any]:
    """``publish`` with room for the 10 MB page (it sizes requests from the worker's limit)."""
    return await publish(replace(settings, max_message_bytes=16 << 20), topic, payloads)


# --- late broker ---------------------------------------------------------------------------

@pytest.mark.timeout(300)
def test_worker_started_before_the_broker(tmp_path: Path) -> None:
    late = EmbeddedBroker(port=free_port())
    settings = settings_for(late, tmp_path / "data", partitions=4)
    node = Orchestrated(settings, tmp_path, "worker")
    try:
        time.sleep(10)
        node.check()
        assert node.lives == 1 and node.worker.process.poll() is None
        log = node.worker.log_path.read_text(errors="replace")
        retries = [line for line in log.splitlines()
                   if f"broker 127.0.0.1:{late.port} not reachable, retrying in" in line]
        assert 3 <= len(retries) <= 8, log[-2000:]
        late.start()
        corpus = Generator(seed=74).corpus(stories=40, copies_per_story=0.3, bad=5,
                                           prefix="late")
        accounting = publish_corpus(settings, corpus)
        outputs = outputs_of(settings, accounting, timeout=120)
        check_accounting(settings, corpus, accounting, outputs, tmp_path)

        # The broker pauses for longer than the session timeout, then comes back.
        lives = node.lives
        os.kill(late.process.pid, signal.SIGSTOP)
        time.sleep(12)
        os.kill(late.process.pid, signal.SIGCONT)
        more = Generator(seed=75).corpus(stories=40, copies_per_story=0.3, bad=5,
                                         prefix="paused")
        accounting = publish_corpus(settings, more)
        outputs = outputs_of(settings, accounting, timeout=120)
        assert accounting.complete, f"{len(accounting.missing)} missing after the pause"
        node.check()
        print(f"late broker: {len(retries)} retry lines; exits {node.exits}; "
              f"restarts across the pause: {node.lives - lives}")
    finally:
        node.stop()
        late.stop()


# --- no silent death, no password in logs -----------------------------------------------------

#: ``khabar worker`` whose raw stream (``noack_take`` batches) ends after three batches, as if
#: faust's loop had returned. The dedup stream, batched too, goes on.
ENDING_STREAM = """
import sys
from faust.streams import Stream
noack_take = Stream.noack_take
async def three_then_end(self, *args, **kwargs):
    raw = any(name.endswith(".raw") for name in self.channel.topics)
    n = 0
    async for batch in noack_take(self, *args, **kwargs):
        yield batch
        n += 1
        if raw and n == 3:
            return
Stream.noack_take = three_then_end
from khabar.agents.cli import main
sys.exit(main(["worker"]))
"""


def _run(settings: Settings, code: list[str], log: Path,
         extra: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    env = worker_environment(settings, **(extra or {}))
    return subprocess.Popen([sys.executable, *code], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                            stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)


@pytest.mark.timeout(120)
def test_an_agent_whose_loop_ends_stops_the_worker(broker: EmbeddedBroker,
                                                   tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data", partitions=2)
    log = tmp_path / "worker.log"
    process = _run(settings, ["-c", ENDING_STREAM], log)
    try:
        messages = Generator(seed=77).corpus(stories=60, bad=0).messages
        assert len(messages) > 3 * PAGE_BATCH  # more than three batches however they fill
        publish_messages(settings, messages)
        code = process.wait(timeout=90)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
    text = log.read_text(errors="replace")
    assert code != 0, text[-2000:]
    assert "khabar.pages: its stream loop ended while the worker runs" in text


@pytest.mark.timeout(60)
def test_worker_never_logs_the_sasl_password(broker: EmbeddedBroker, tmp_path: Path) -> None:
    """SASL against Tansu (which has none) fails: the retry lines must not carry the secret."""
    settings = settings_for(broker, tmp_path / "data", broker_profile="kafka")
    log = tmp_path / "worker.log"
    secret = "pw-" + os.urandom(6).hex()
    process = _run(settings, ["-m", "khabar.agents.cli", "worker"], log, {
        "KHABAR_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KHABAR_SASL_MECHANISM": "PLAIN",
        "KHABAR_SASL_USERNAME": "khabar", "KHABAR_SASL_PASSWORD": secret})
    try:
        time.sleep(8)
        assert process.poll() is None
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    text = log.read_text(errors="replace")
    assert f"broker {broker.bootstrap} not reachable, retrying in" in text, text[-2000:]
    assert secret not in text


# --- soak ----------------------------------------------------------------------------------

SOAK_PAGES = 100_000 if SOAK else 20_000
FIRST = 10_000


@pytest.mark.timeout(1800 if SOAK else 400)
def test_soak_rss_stays_bounded(broker: EmbeddedBroker, tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data", partitions=8)
    generator = Generator(seed=76)
    corpus = generator.corpus(stories=int(SOAK_PAGES / 1.2), copies_per_story=0.2, bad=200,
                              size=1200, prefix="soak")
    accounting = publish_corpus(settings, corpus)
    total = len(corpus.messages)
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    try:
        worker.wait_ready(timeout=90)
        started = time.monotonic()
        wait_pages(worker, FIRST, timeout=600)
        rss_first = rss_bytes(worker.process.pid)
        wait_pages(worker, total, timeout=3000 if SOAK else 300)
        took = time.monotonic() - started
        outputs = outputs_of(settings, accounting, timeout=300)
        rss_end = rss_bytes(worker.process.pid)
    finally:
        worker.stop()
    assert accounting.complete, f"{len(accounting.missing)} missing"
    mib = 1 << 20
    print(f"soak: {total} pages in {took:.0f} s; RSS after {FIRST}: {rss_first / mib:.0f} MiB, "
          f"at the end: {rss_end / mib:.0f} MiB; outputs {sum(map(len, outputs.values()))}")
    assert rss_end <= 1.5 * rss_first + 100 * mib
