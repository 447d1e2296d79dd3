"""``make bench``: khabar against its peers, on one embedded broker, in one run.

    python bench/run.py [--messages 20000] [--state 20000] [--only core,baselines,...]

Parts: 1 core (pure cores in this process), 2 baselines (confluent-kafka and
faust pass-throughs, the Quix Streams peer running khabar's cores), 3 streaming (one
``khabar worker``: sustained rate, CPU per article, latency at 25/50/90% of that rate),
4 scale (two workers vs one), 5 state (``bench/dedup_bench.py``), 6 pairs (the faust
pass-throughs, the Quix peer and one worker back to back, ``--pairs`` rounds: the ratios within
a round, and their median), 7 dedup (one worker deciding candidates queued on its dedup topic,
with no raw pages: the dedup hop's rate, the ceiling D of the README's capacity model). Every
broker part uses the same messages (``bench/corpus.py``; part 6 a smaller set) on 8-partition
topics and the embedded profile's fetch wait and linger.
Rates are taken from the output records' arrival at the bench's reader, skipping the first 10%
(startup and group join). Prints a table and writes ``bench/results/latest.json``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from confluent_kafka import Consumer, Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402
from corpus import BenchCorpus  # noqa: E402

from khabar.streams.embedded import EmbeddedBroker, free_port, terminate  # noqa: E402
from khabar.streams.settings import Settings, worker_environment  # noqa: E402

PARTITIONS = 8
FETCH_WAIT_MS = 20  # the embedded profile's clamp (streams/hooks/consumer.py)
LINGER_MS = 5
PYTHON = sys.executable
KHABAR = str(Path(sys.executable).with_name("khabar"))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def cpu_seconds(pid: int) -> float:
    """CPU of a process and of its children, live (the worker's core processes) or reaped."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    ticks = sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / CLK_TCK + sum(cpu_seconds(child) for child in _children(pid))


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return children


class Kafka:
    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.admin = AdminClient({"bootstrap.servers": bootstrap})

    def create(self, *names: str, partitions: int = PARTITIONS) -> None:
        futures = self.admin.create_topics(
            [NewTopic(n, num_partitions=partitions, replication_factor=1) for n in names])
        for future in futures.values():
            future.result(30)

    def producer(self, linger_ms: int = LINGER_MS) -> Producer:
        return Producer({"bootstrap.servers": self.bootstrap, "partitioner": "murmur2_random",
                         "linger.ms": linger_ms, "batch.size": 1_000_000,
                         "message.max.bytes": 4_000_000})

    def consumer(self, group: str, reset: str = "earliest") -> Consumer:
        return Consumer({"bootstrap.servers": self.bootstrap, "group.id": group,
                         "auto.offset.reset": reset, "enable.auto.commit": False,
                         "fetch.wait.max.ms": FETCH_WAIT_MS, "session.timeout.ms": 6000,
                         "heartbeat.interval.ms": 1000})

    def produce(self, topic: str, messages: list[bytes], keys: list[bytes] | None = None) -> None:
        producer = self.producer()
        for i, value in enumerate(messages):
            while True:
                try:
                    producer.produce(topic, value=value, key=keys[i] if keys else None)
                    break
                except BufferError:
                    producer.poll(0.05)
            producer.poll(0)
        producer.flush(60)

    def collect(self, topics: list[str], expected: int, idle: float = 20.0,
                limit: float = 600.0) -> list[tuple[str, bytes | None, float, float]]:
        """(topic, key, record timestamp s, arrival s) until ``expected`` records or idle."""
        consumer = self.consumer(f"bench-collect-{uuid.uuid4().hex[:8]}")
        consumer.subscribe(topics)
        out: list[tuple[str, bytes | None, float, float]] = []
        last = start = time.time()
        while len(out) < expected and time.time() - last < idle and time.time() - start < limit:
            for m in consumer.consume(1000, 0.2):
                if m.error():
                    continue
                now = time.time()
                out.append((m.topic(), m.key(), m.timestamp()[1] / 1000, now))
                last = now
        consumer.close()
        return out


def rate(records: list[tuple[str, bytes | None, float, float]], skip: float = 0.1) -> float:
    """Records per second by arrival at the bench's consumer, skipping the first ``skip``
    share (startup, group join). Arrival, not record timestamps: Quix Streams keeps the
    input's timestamp on what it produces."""
    stamps = sorted(r[3] for r in records)
    if len(stamps) < 20:
        return float("nan")
    k = int(len(stamps) * skip)
    span = stamps[-1] - stamps[k]
    return (len(stamps) - k) / span if span > 0 else float("nan")


def keys_for(messages: list[bytes]) -> list[bytes]:
    return [orjson.loads(m)["id"].encode() for m in messages]


# --- part 1 -------------------------------------------------------------------------------

def part_core(messages: list[bytes]) -> dict:
    import core

    log(f"core: {len(messages)} messages through the pure cores")
    return core.measure(messages)


# --- part 2 -------------------------------------------------------------------------------

def confluent_passthrough(kafka: Kafka, src: str, dst: str, n: int) -> dict:
    consumer = kafka.consumer(f"bench-cpt-{uuid.uuid4().hex[:6]}")
    producer = kafka.producer()
    consumer.subscribe([src])
    seen = 0
    first = None
    deadline = time.time() + 300
    cpu0 = time.process_time()
    while seen < n and time.time() < deadline:
        for m in consumer.consume(1000, 0.2):
            if m.error():
                continue
            first = first or time.time()
            while True:
                try:
                    producer.produce(dst, value=m.value(), key=m.key())
                    break
                except BufferError:
                    producer.poll(0.01)
            seen += 1
        producer.poll(0)
    producer.flush(60)
    elapsed = time.time() - (first or time.time())
    cpu = time.process_time() - cpu0
    consumer.close()
    return {"messages": seen, "per_s": seen / elapsed if elapsed else float("nan"),
            "client_cpu_ms_per_msg": cpu / max(1, seen) * 1e3}


def run_subprocess_until(argv: list[str], kafka: Kafka, outputs: list[str], expected: int,
                         broker_pid: int, env: dict | None = None, idle: float = 20.0,
                         articles: bool = False) -> dict:
    """Start ``argv``, collect ``expected`` records from ``outputs``, stop it; rate and CPU."""
    b0 = cpu_seconds(broker_pid)
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        records = kafka.collect(outputs, expected, idle=idle)
        received = len(records)
        cpu = cpu_seconds(process.pid)
        if articles:  # count articles (enriched or duplicate deliveries), as for khabar
            records = [r for r in records if r[1] in (b"enriched", b"duplicates")]
    finally:
        terminate(process, grace=5.0)
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    broker_cpu = cpu_seconds(broker_pid) - b0
    result = {"records": len(records), "per_s": rate(records),
              "process_cpu_ms_per_record": cpu / max(1, len(records)) * 1e3,
              "broker_cpu_ms_per_record": broker_cpu / max(1, len(records)) * 1e3}
    if received < expected:
        result["short"] = f"{received} of {expected}"
        result["stderr_tail"] = stderr[-1500:]
    return result


def part_baselines(kafka: Kafka, broker_pid: int, messages: list[bytes], outputs_expected: int,
                   work: Path) -> dict:
    run_id = uuid.uuid4().hex[:6]
    src = f"bench-{run_id}.src"
    kafka.create(src, f"bench-{run_id}.cpt")
    log(f"baselines: producing {len(messages)} messages")
    started = time.time()
    kafka.produce(src, messages, keys_for(messages))
    produce_rate = len(messages) / (time.time() - started)
    out: dict = {"producer_per_s": produce_rate}
    log("baselines: confluent-kafka pass-through")
    out["confluent"] = confluent_passthrough(kafka, src, f"bench-{run_id}.cpt", len(messages))
    for mode in ("default", "tuned"):
        out[f"faust_{mode}"] = run_faust_passthrough(kafka, broker_pid, src, len(messages), mode,
                                                 work)
    out["quix_cores"] = run_quix_peer(kafka, broker_pid, src, outputs_expected, work)
    return out


def run_faust_passthrough(kafka: Kafka, broker_pid: int, src: str, n: int, mode: str,
                          work: Path) -> dict:
    log(f"faust pass-through ({mode})")
    run_id = uuid.uuid4().hex[:6]
    dst = f"bench-{run_id}.f{mode[0]}"
    kafka.create(dst)
    argv = [PYTHON, str(HERE / "faust_passthrough.py"), mode, f"kafka://{kafka.bootstrap}",
            src, dst, f"bench-fpt-{mode}-{run_id}", str(work / f"faust-{mode}-{run_id}"),
            str(free_port())]
    return run_subprocess_until(argv, kafka, [dst], n, broker_pid)


def run_quix_peer(kafka: Kafka, broker_pid: int, src: str, outputs_expected: int, work: Path,
                  idle: float = 30.0) -> dict:
    log("Quix Streams peer with khabar's cores")
    run_id = uuid.uuid4().hex[:6]
    dst = f"bench-{run_id}.quix"
    kafka.create(dst)
    argv = [PYTHON, str(HERE / "quix_peer.py"), kafka.bootstrap, src, dst,
            f"bench-quix-{run_id}", str(work / f"quix-state-{run_id}")]
    return run_subprocess_until(argv, kafka, [dst], outputs_expected, broker_pid, idle=idle,
                                articles=True)


# --- part 6 ---------------------------------------------------------------------------------

def part_pairs(kafka: Kafka, broker_pid: int, messages: list[bytes], articles: int,
               deliveries: int, rounds: int, work: Path) -> dict:
    """The runs the ratios compare, back to back, ``rounds`` times over the same messages.

    The machine's speed drifts (the Quix peer ran 476/s in one run and 708/s in another, the
    same code), so a ratio of two parts measured minutes apart moves with it. Here each round
    runs the faust pass-throughs, the Quix peer and one khabar worker one after the other, and
    the ratios are taken within a round, and their median reported. The two pass-throughs, and
    the Quix peer and the worker, alternate which goes first.
    """
    out: dict = {"messages": len(messages), "rounds": []}
    for i in range(rounds):
        log(f"pairs: round {i + 1} of {rounds}")
        src = f"pair-{uuid.uuid4().hex[:6]}.src"
        kafka.create(src)
        kafka.produce(src, messages, keys_for(messages))
        # The broker slows as it holds more, so each pair takes turns going first: the faust
        # pass-throughs, then the peer and the worker. A short peer (it has missed about
        # 0.15 % of its outputs) waits out the idle time.
        modes = ("tuned", "default") if i % 2 else ("default", "tuned")
        passed = {mode: run_faust_passthrough(kafka, broker_pid, src, len(messages), mode, work)
                  for mode in modes}
        default, tuned = passed["default"], passed["tuned"]
        order = ("khabar", "quix") if i % 2 else ("quix", "khabar")
        got = {name: _paired_run(name, kafka, broker_pid, src, messages, articles, deliveries,
                                 work) for name in order}
        quix, khabar = got["quix"], got["khabar"]
        out["rounds"].append({
            "faust_default_per_s": default["per_s"], "faust_tuned_per_s": tuned["per_s"],
            "quix_per_s": quix["per_s"], "khabar_per_s": khabar["per_s"],
            "faust tuned ÷ default": tuned["per_s"] / default["per_s"],
            "khabar ÷ quix peer": khabar["per_s"] / quix["per_s"]})
    for key in ("faust tuned ÷ default", "khabar ÷ quix peer"):
        out[key] = statistics.median_high(r[key] for r in out["rounds"])
    return out


def _paired_run(name: str, kafka: Kafka, broker_pid: int, src: str, messages: list[bytes],
                articles: int, deliveries: int, work: Path) -> dict:
    if name == "quix":
        return run_quix_peer(kafka, broker_pid, src, deliveries, work, idle=10.0)
    return sustained(kafka, broker_pid, messages, articles, 1, work)[0]


# --- part 7 ---------------------------------------------------------------------------------

def part_dedup_hop(kafka: Kafka, broker_pid: int, messages: list[bytes], work: Path) -> dict:
    """One worker's dedup hop alone: the candidates of ``messages`` (from the page cores, in
    this process) queued on its one-partition dedup topic, and nothing on the raw topic, so the
    pages agent and the core process stay idle. Decisions per second and CPU per decision."""
    from core import stages

    from khabar.agents.page_runner import outcome
    from khabar.agents.pipeline import Origin

    page, _ = stages()
    candidates = [pair for offset, payload in enumerate(messages)
                  for pair in outcome(page.run(payload, Origin("raw", 0, offset))).candidates]
    prefix = f"d{uuid.uuid4().hex[:6]}"
    create_khabar_topics(kafka, prefix)
    kafka.produce(f"{prefix}.dedup", [value for _, value in candidates],
                  [key for key, _ in candidates])
    log(f"dedup hop: {len(candidates)} candidates queued on {prefix}.dedup")
    b0 = cpu_seconds(broker_pid)
    procs = start_workers(kafka, prefix, 1, work)
    try:
        records = kafka.collect([f"{prefix}.enriched", f"{prefix}.duplicates"], len(candidates),
                                idle=30.0)
        cpu = cpu_seconds(procs[0].pid)
    finally:
        terminate(procs[0], grace=5.0)
    decided = max(1, len(records))
    return {"candidates": len(candidates), "decided": len(records), "per_s": rate(records),
            "worker_cpu_ms_per_decision": cpu / decided * 1e3,
            "broker_cpu_ms_per_decision": (cpu_seconds(broker_pid) - b0) / decided * 1e3}


# --- parts 3 and 4 --------------------------------------------------------------------------

def worker_env(kafka: Kafka, prefix: str, app_id: str, data_dir: Path) -> dict[str, str]:
    return worker_environment(Settings(
        broker=f"kafka://{kafka.bootstrap}", broker_profile="embedded", topic_prefix=prefix,
        app_id=app_id, data_dir=data_dir, web_port=free_port(), log_level="warn",
        partitions=PARTITIONS))


def create_khabar_topics(kafka: Kafka, prefix: str) -> None:
    from khabar.agents.classify.core import Classifier
    from khabar.streams.topics import TopicNames

    names = TopicNames(prefix, Classifier.from_file().labels)
    kafka.create(names.raw, *names.outputs())
    kafka.create(names.dedup, partitions=1)


def start_workers(kafka: Kafka, prefix: str, count: int, work: Path) -> list[subprocess.Popen]:
    app_id = f"khabar-bench-{prefix}"
    return [subprocess.Popen([KHABAR, "worker"], cwd=ROOT,
                             env=worker_env(kafka, prefix, app_id, work / f"{prefix}-w{i}"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
            for i in range(count)]


def sustained(kafka: Kafka, broker_pid: int, messages: list[bytes], articles: int,
              workers: int, work: Path, keep: bool = False,
              window: float = 600.0) -> tuple[dict, list, str]:
    prefix = f"b{uuid.uuid4().hex[:6]}"
    create_khabar_topics(kafka, prefix)
    kafka.produce(f"{prefix}.raw", messages, keys_for(messages))
    log(f"{workers} worker(s): {len(messages)} messages queued on {prefix}.raw")
    b0 = cpu_seconds(broker_pid)
    procs = start_workers(kafka, prefix, workers, work)
    # A worker slower than the queue is long: measure over at most ``window`` seconds.
    records = kafka.collect([f"{prefix}.enriched", f"{prefix}.duplicates"], articles, idle=30.0,
                            limit=window)
    cpu = sum(cpu_seconds(p.pid) for p in procs)
    broker_cpu = cpu_seconds(broker_pid) - b0
    result = {"workers": workers, "articles_out": len(records), "articles_expected": articles,
              "per_s": rate(records),
              "worker_cpu_ms_per_article": cpu / max(1, len(records)) * 1e3,
              "broker_cpu_ms_per_article": broker_cpu / max(1, len(records)) * 1e3}
    if not keep:
        for p in procs:
            terminate(p, grace=5.0)
        procs = []
    return result, procs, prefix


def latency(kafka: Kafka, prefix: str, per_s: float, seconds: float, corpus: BenchCorpus,
            tag: str) -> dict:
    """Paced raw messages at ``per_s``; end-to-end latency to enriched/duplicates arrival."""
    messages, _ = corpus.messages(max(20, int(per_s * seconds)), prefix=f"lat{tag}")
    ids = keys_for(messages)
    sent: dict[bytes, float] = {}
    got: dict[bytes, float] = {}
    ready = threading.Event()
    stop = threading.Event()

    def consume() -> None:
        consumer = kafka.consumer(f"bench-lat-{uuid.uuid4().hex[:6]}", reset="latest")
        consumer.subscribe([f"{prefix}.enriched", f"{prefix}.duplicates"],
                           on_assign=lambda c, parts: ready.set())
        # poll, not consume(n, timeout): consume waits for n messages or the timeout, which
        # added up to 50 ms (p50 26 ms at 100/s) to every latency measured here.
        while not stop.is_set():
            m = consumer.poll(0.05)
            if m is not None and not m.error() and m.key() is not None:
                got.setdefault(m.key(), time.time())
        consumer.close()

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    ready.wait(30)
    time.sleep(1.0)
    producer = kafka.producer(linger_ms=0)
    start = time.time()
    for i, (value, key) in enumerate(zip(messages, ids, strict=True)):
        due = start + i / per_s
        delay = due - time.time()
        if delay > 0:
            time.sleep(delay)
        sent[key] = time.time()
        producer.produce(f"{prefix}.raw", value=value, key=key)
        producer.poll(0)
    producer.flush(30)
    deadline = time.time() + 20
    while time.time() < deadline and sum(k in got for k in sent) < len(sent):
        time.sleep(0.2)
    stop.set()
    thread.join(5)
    lat = sorted((got[k] - t) * 1e3 for k, t in sent.items() if k in got)
    if not lat:
        return {"per_s": per_s, "delivered": 0}

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))]

    return {"per_s": per_s, "sent": len(sent), "delivered": len(lat),
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99)}


# --- part 5 ---------------------------------------------------------------------------------

def part_state(n: int) -> dict:
    log(f"state: {n:,} signatures in the dedup window (bench/dedup_bench.py)")
    out = subprocess.run([PYTHON, str(HERE / "dedup_bench.py"), str(n)], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    rows = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition("  ")
        if value:
            rows[key.strip()] = value.strip()
    return rows


# --- report ---------------------------------------------------------------------------------

def fmt(value: float | None, unit: str = "") -> str:
    if value is None or value != value:
        return "n/a"
    return f"{value:,.0f}{unit}" if value >= 100 else f"{value:,.2f}{unit}"


def cpu_note(process_ms: float, broker_ms: float, who: str = "worker") -> str:
    """CPU per article (or decision) of the measured process(es) and of the broker."""
    return f"{process_ms:.2f} ms {who} + {broker_ms:.2f} ms broker"


def report(results: dict) -> str:
    lines = ["", f"khabar bench — {results['messages']:,} messages, "
             f"{results.get('mean_bytes', 0):,.0f} B mean, {os.cpu_count()} cores", ""]
    row = "{:<46} {:>14} {:>26}".format
    lines.append(row("measure", "rate", "cost / notes"))
    lines.append("-" * 88)
    core = results.get("core")
    if core:
        for name, stage in core["stages"].items():
            lines.append(row(f"1 core: {name}", fmt(stage["articles_per_s"], "/s"),
                             f"{stage['ms_per_article']:.3f} ms/article"))
        lines.append(row("1 core: whole pipeline", fmt(core["whole"]["articles_per_s"], "/s"),
                         f"{core['whole']['ms_per_article']:.3f} ms/article"))
    base = results.get("baselines")
    if base:
        lines.append(row("2 producer (confluent-kafka)", fmt(base["producer_per_s"], "/s"), ""))
        c = base["confluent"]
        lines.append(row("2 confluent-kafka pass-through", fmt(c["per_s"], "/s"),
                         f"{c['client_cpu_ms_per_msg']:.3f} ms CPU/msg"))
        for key, name in (("faust_default", "faust pass-through, default"),
                          ("faust_tuned", "faust pass-through, tuned"),
                          ("quix_cores", "Quix Streams + khabar cores (art.)")):
            r = base[key]
            note = cpu_note(r["process_cpu_ms_per_record"], r["broker_cpu_ms_per_record"],
                            "app")
            lines.append(row(f"2 {name}", fmt(r["per_s"], "/s"),
                             note + (f" SHORT {r['short']}" if "short" in r else "")))
    s = results.get("streaming")
    if s:
        lines.append(row("3 khabar worker, sustained", fmt(s["per_s"], " art/s"),
                         cpu_note(s["worker_cpu_ms_per_article"],
                                  s["broker_cpu_ms_per_article"])))
        for lat in s.get("latency", []):
            lines.append(row(f"3 latency at {lat['share']:.0%} ({fmt(lat['per_s'], '/s')})",
                             f"p50 {fmt(lat.get('p50_ms'))} ms",
                             f"p95 {fmt(lat.get('p95_ms'))} / p99 {fmt(lat.get('p99_ms'))} ms"
                             f" ({lat.get('delivered', 0)}/{lat.get('sent', 0)})"))
    sc = results.get("scale")
    if sc:
        lines.append(row("4 two workers, 8 partitions", fmt(sc["per_s"], " art/s"),
                         cpu_note(sc["worker_cpu_ms_per_article"],
                                  sc["broker_cpu_ms_per_article"], "workers")))
    st = results.get("state")
    if st:
        for key, value in st.items():
            lines.append(row(f"5 {key}", "", value))
    pairs = results.get("pairs")
    if pairs:
        for i, r in enumerate(pairs["rounds"], 1):
            lines.append(row(f"6 round {i}: khabar, Quix peer (art/s)",
                             f"{fmt(r['khabar_per_s'])}, {fmt(r['quix_per_s'])}",
                             f"faust {fmt(r['faust_tuned_per_s'])} vs "
                             f"{fmt(r['faust_default_per_s'])}/s"))
    d = results.get("dedup_hop")
    if d:
        short = (f" SHORT {d['decided']} of {d['candidates']}"
                 if d["decided"] < d["candidates"] else "")
        lines.append(row("7 dedup hop alone, one worker", fmt(d["per_s"], " dec/s"),
                         cpu_note(d["worker_cpu_ms_per_decision"],
                                  d["broker_cpu_ms_per_decision"]) + short))
    lines.append("")
    for key, value in results.get("ratios", {}).items():
        lines.append(f"ratio {key:<44} {fmt(value)}")
    return "\n".join(lines)


def ratios(results: dict) -> dict:
    out: dict[str, float] = {}
    s = results.get("streaming", {}).get("per_s")
    base = results.get("baselines", {})
    core = results.get("core", {}).get("whole", {}).get("articles_per_s")
    quix = base.get("quix_cores")
    if s and quix:
        out["khabar ÷ quix peer (articles/s)"] = s / quix["per_s"]
    if s and base.get("faust_default"):
        out["khabar ÷ faust pass-through (default)"] = s / base["faust_default"]["per_s"]
    if base.get("faust_default") and base.get("faust_tuned"):
        out["faust tuned ÷ default"] = base["faust_tuned"]["per_s"] / base["faust_default"]["per_s"]
    if s and core:
        out["khabar ÷ core"] = s / core
    sc = results.get("scale", {}).get("per_s")
    if s and sc:
        out["two workers ÷ one"] = sc / s
    pairs = results.get("pairs")
    if pairs:
        rounds = len(pairs["rounds"])
        for key in ("khabar ÷ quix peer", "faust tuned ÷ default"):
            out[f"{key}, paired (median of {rounds})"] = pairs[key]
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=20_000)
    ap.add_argument("--state", type=int, default=20_000, help="articles in the dedup window")
    ap.add_argument("--latency-seconds", type=float, default=12.0)
    ap.add_argument("--window", type=float, default=100.0,
                    help="seconds of output at most for the two-worker rate (the one-worker "
                         "run drains its queue: its latency phase uses the same topic)")
    ap.add_argument("--pairs", type=int, default=3,
                    help="rounds of the compared runs back to back (part 6)")
    ap.add_argument("--pair-messages", type=int, default=12_000)
    ap.add_argument("--only", default="core,baselines,streaming,scale,pairs,dedup,state")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    corpus = BenchCorpus()
    messages, _ = corpus.messages(args.messages)
    results: dict = {"messages": len(messages),
                     "mean_bytes": sum(map(len, messages)) / len(messages),
                     "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    articles, deliveries = expected_outputs(messages)
    results["articles"], results["deliveries"] = articles, deliveries
    results["outputs_per_article"] = deliveries / articles
    if "core" in parts:
        results["core"] = part_core(messages)
    if parts & {"baselines", "streaming", "scale", "pairs", "dedup"}:
        with tempfile.TemporaryDirectory(prefix="khabar-bench-") as tmp, \
                EmbeddedBroker() as broker:
            work = Path(tmp)
            kafka = Kafka(broker.bootstrap)
            pid = broker.process.pid  # type: ignore[union-attr]
            if "baselines" in parts:
                results["baselines"] = part_baselines(kafka, pid, messages, deliveries, work)
            if "streaming" in parts:
                log("streaming: one khabar worker")
                s, procs, prefix = sustained(kafka, pid, messages, articles, 1, work, keep=True)
                try:
                    s["latency"] = []
                    if s["per_s"] == s["per_s"]:
                        for share in (0.25, 0.5, 0.9):
                            log(f"streaming: latency at {share:.0%} of {s['per_s']:.0f}/s")
                            lat = latency(kafka, prefix, share * s["per_s"],
                                          args.latency_seconds, corpus, f"{int(share * 100)}")
                            lat["share"] = share
                            s["latency"].append(lat)
                finally:
                    for p in procs:
                        terminate(p, grace=5.0)
                results["streaming"] = s
            if "scale" in parts:
                log("scale: two khabar workers")
                results["scale"], _, _ = sustained(kafka, pid, messages, articles, 2, work,
                                                   window=args.window)
            if "pairs" in parts and args.pairs > 0:
                paired, _ = corpus.messages(args.pair_messages, prefix="pair")
                pair_articles, pair_deliveries = expected_outputs(paired)
                results["pairs"] = part_pairs(kafka, pid, paired, pair_articles,
                                              pair_deliveries, args.pairs, work)
            if "dedup" in parts:
                results["dedup_hop"] = part_dedup_hop(kafka, pid, messages, work)
    if "state" in parts:
        results["state"] = part_state(args.state)
    results["ratios"] = ratios(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
    print(report(results))
    print(f"\nwritten: {args.out}")
    return 0


def expected_outputs(messages: list[bytes]) -> tuple[int, int]:
    """Articles and deliveries ``messages`` make through the cores (what the broker parts wait
    for), with a fresh dedup state."""
    from core import stages

    from khabar.agents.pipeline import Origin

    page, dedup = stages()
    articles = deliveries = 0
    for offset, payload in enumerate(messages):
        result = page.run(payload, Origin("raw", 0, offset, None))
        deliveries += 1 if result.dead_letter is not None else 0
        for candidate in result.candidates:
            deliveries += len(dedup.run(candidate).deliveries)
        articles += len(result.candidates)
    return articles, deliveries


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
