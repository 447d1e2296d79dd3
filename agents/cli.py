"""``khabar``: the worker, the embedded broker, batch mode, evaluation and terminal tools.

A user's error ends the command with one line on stderr and a non-zero exit status, never a
traceback: a bad setting or an unreadable file (2), a broker that does not answer (69), a
stdout closed by its reader (141). The statuses are in :mod:`agents.console`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, aclosing
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from khabar.agents.console import (
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_UNAVAILABLE,
    Progress,
    UserError,
    closed_stdout,
    fail,
    file_error,
)
from khabar.agents.page_files import BOM, lines, page_lines
from khabar.streams import logs
from khabar.streams.settings import Settings, SettingsError, unknown_variables

if TYPE_CHECKING:  # imported where used: the CLI's light commands start without them
    from khabar.agents.pipeline import DedupStage, PageStage


def _stages(settings: Settings) -> tuple[PageStage, DedupStage]:
    """The two pipeline stages with in-memory dedup state, as ``khabar process`` runs them."""
    from khabar.agents.classify.core import Classifier
    from khabar.agents.dedup.core import Deduper
    from khabar.agents.dedup.state import DedupState
    from khabar.agents.pipeline import DedupStage, PageStage

    classifier = Classifier.from_file(settings.taxonomy)
    page_stage = PageStage(classifier, max_message_bytes=settings.max_message_bytes,
                           dlq_payload_bytes=settings.dlq_payload_bytes)
    deduper = Deduper(DedupState.in_memory(), window_seconds=settings.dedup_window_seconds)
    return page_stage, DedupStage(deduper, dlq_payload_bytes=settings.dlq_payload_bytes,
                                  max_message_bytes=settings.max_message_bytes)


def _open_in(name: str) -> BinaryIO:
    return sys.stdin.buffer if name == "-" else open(name, "rb")


#: faust's names for the log levels whose standard name its ``-l`` option does not take.
FAUST_LOG_LEVELS = {"warning": "warn", "critical": "crit"}


#: Backoff between broker probes before the worker starts: doubles from the first, capped.
BROKER_RETRY_FIRST_SECONDS = 0.5
BROKER_RETRY_MAX_SECONDS = 10.0
BROKER_PROBE_TIMEOUT_SECONDS = 10.0


def _startup_log(settings: Settings) -> logging.Logger:
    """A logger for the worker's start, before faust sets up logging (its own handler, so
    faust's handlers do not print its lines twice)."""
    logger = logging.getLogger("khabar.startup")
    handler = next((h for h in logger.handlers if getattr(h, "khabar_startup", False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.khabar_startup = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    handler.setFormatter(logs.formatter(settings))
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def wait_for_broker(settings: Settings, *, sleep: Callable[[float], None] = time.sleep,
                    probe: Callable[[], None] | None = None,
                    max_attempts: int | None = None) -> bool:
    """Block until a broker answers a metadata request, retrying with exponential backoff
    (capped at ``BROKER_RETRY_MAX_SECONDS``) and one log line per failed attempt."""
    from khabar.agents.kafka_io import bootstrap, probe_broker

    log = _startup_log(settings)
    where = ",".join(bootstrap(settings))
    probe = probe or (lambda: asyncio.run(probe_broker(settings, BROKER_PROBE_TIMEOUT_SECONDS)))
    delay = BROKER_RETRY_FIRST_SECONDS
    attempt = 0
    while True:
        attempt += 1
        try:
            probe()
        except Exception as exc:  # noqa: BLE001 - any failure to reach the broker is retried
            if max_attempts is not None and attempt >= max_attempts:
                return False
            reason = logs.redact(str(exc) or type(exc).__name__, logs.secrets(settings))
            log.warning("broker %s not reachable, retrying in %gs (attempt %d; %s)",
                        where, delay, attempt, reason[:200])
            sleep(delay)
            delay = min(delay * 2, BROKER_RETRY_MAX_SECONDS)
            continue
        if attempt > 1:
            log.info("broker %s reachable after %d attempts; starting the worker", where,
                     attempt)
        return True


def faust_argv(settings: Settings) -> list[str]:
    """The command line faust's worker is started with: the log level in faust's names and,
    with JSON logs, ``--quiet``, as faust prints its start banner on stdout, which would be
    the one output line that is not a JSON object."""
    level = FAUST_LOG_LEVELS.get(settings.log_level, settings.log_level)
    quiet = ["--quiet"] if settings.log_format == "json" else []
    return ["khabar", *quiet, "worker", "-l", level]


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    from khabar.agents.kafka_io import ensure_topics
    from khabar.agents.page_runner import freeze_heap
    from khabar.agents.worker import build
    from khabar.streams.app import create_app

    if settings.event_loop == "uvloop":
        import mode.loop

        mode.loop.use("uvloop")  # before any loop exists; faust reads --loop only at import
    wait_for_broker(settings)
    app = create_app(settings)
    names = build(app, settings).topology.names
    # Create every topic up front with its partition count: faust creates only the topics it
    # reads, and auto-created ones get the broker's default count (leaders unknown for a while
    # on the embedded broker).
    asyncio.run(ensure_topics(settings, [names.raw, *names.outputs()], settings.partitions))
    asyncio.run(ensure_topics(settings, [names.dedup], 1))
    sys.argv = faust_argv(settings)
    freeze_heap()  # what is loaded by now lives as long as the worker
    app.main()
    return 0


def cmd_broker(settings: Settings, args: argparse.Namespace) -> int:
    from khabar.streams.embedded import BrokerExitedError, BrokerStartError, EmbeddedBroker, serve

    def announce(broker: EmbeddedBroker) -> None:
        print(f"embedded broker listening: KHABAR_BROKER={broker.url} "
              "KHABAR_BROKER_PROFILE=embedded  (Ctrl-C stops it)", flush=True)

    try:
        serve(args.port, announce)
    except (BrokerStartError, BrokerExitedError) as exc:
        return fail(str(exc))
    return 0


def cmd_publish(settings: Settings, args: argparse.Namespace) -> int:
    from khabar.agents.kafka_io import pages_from_files, publish_pages

    paths = [Path(p) for p in args.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise UserError(f"no such file: {', '.join(missing)}")
    topic = args.topic or f"{settings.topic_prefix}.raw"

    def report(where: str, reason: str) -> None:
        progress.close()
        print(f"{where}: {reason}", file=sys.stderr, flush=True)

    with Progress("publish", "pages") as progress:
        pages = pages_from_files(
            paths, None if args.send_invalid else settings.max_message_bytes)
        sent, failed = asyncio.run(publish_pages(settings, topic, pages, report, progress.tick))
    print(f"published {len(sent)} pages to {topic}")
    if failed:
        return fail(f"{failed} of {len(sent) + failed} pages not sent", EXIT_DATA)
    return 0


def cmd_tail(settings: Settings, args: argparse.Namespace) -> int:
    from khabar.agents.kafka_io import consume

    topic = args.topic if "." in args.topic else f"{settings.topic_prefix}.{args.topic}"

    async def tail() -> None:
        shown = 0
        # Closed here, not at the loop's shutdown: a consumer stopped then leaves a socket open.
        async with aclosing(consume(settings, [topic],
                                    idle_timeout=None if args.follow else args.idle)) as records:
            async for _, record in records:
                sys.stdout.buffer.write(orjson.dumps(record) + b"\n")
                sys.stdout.flush()
                shown += 1
                if args.n and shown >= args.n:
                    return

    asyncio.run(tail())
    return 0


def cmd_process(settings: Settings, args: argparse.Namespace) -> int:
    from khabar.agents.pipeline import run_batch

    page_stage, dedup_stage = _stages(settings)
    with ExitStack() as files:
        source = files.enter_context(_open_in(args.input))
        out = (sys.stdout.buffer if args.output == "-"
               else files.enter_context(open(args.output, "wb")))
        progress = files.enter_context(Progress("process"))

        def counted(handle: BinaryIO) -> Iterator[bytes]:
            for line in lines(handle):
                progress.tick()
                yield line

        for record in run_batch(counted(source), page_stage, dedup_stage):
            out.write(orjson.dumps(record) + b"\n")
    return 0


def _rows(path: str) -> Iterator[dict[str, Any]]:
    """The labelled rows of a JSON-lines file; a line that is not a JSON object is a
    :class:`UserError` naming it."""
    with _open_in(path) as handle:
        for number, line in page_lines(handle):
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise UserError(f"{path}:{number}: not JSON ({exc})") from None
            if not isinstance(row, dict) or not isinstance(row.get("id"), str):
                raise UserError(f"{path}:{number}: not a JSON object with a string id")
            yield row


def _set_name(path: str, taken: Mapping[str, object]) -> str:
    """A labelled set's name: its file's directory name (dev, dev2), else the file's stem."""
    p = Path(path)
    name = p.parent.name if p.stem == "articles" and p.parent.name else p.stem
    return name if name not in taken else path


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    from khabar.agents.evaluate import evaluate, evaluate_cross, format_cross, format_report

    sets: dict[str, Sequence[dict[str, Any]]] = {}
    for path in args.files:
        sets[_set_name(path, sets)] = list(_rows(path))
    stages = _stages(settings)
    with Progress("eval", "rows") as progress:
        if args.cross:
            report, formatter = evaluate_cross(sets, *stages, progress.tick), format_cross
        else:
            rows = [row for set_rows in sets.values() for row in set_rows]
            report, formatter = evaluate(rows, *stages, progress.tick), format_report
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode() if args.json
          else formatter(report))
    return 0


def cmd_explain(settings: Settings, args: argparse.Namespace) -> int:
    from khabar.agents.classify.core import Classifier
    from khabar.agents.ingest.core import IngestError, ingest, parse_raw

    with _open_in(args.file) as handle:
        data = handle.read().removeprefix(BOM)
    try:
        orjson.loads(data)
    except orjson.JSONDecodeError:
        data = orjson.dumps({"id": "explain", "text": data.decode("utf-8", "replace")})
    classifier = Classifier.from_file(settings.taxonomy)
    try:
        articles = ingest(parse_raw(data, max_bytes=settings.max_message_bytes))
    except IngestError as exc:
        return fail(f"{exc.reason}: {exc.message}")
    for article in articles:
        result = classifier.explain(title=article.title, text=article.text, lang=article.lang)
        print(f"{article.id}  lang={article.lang}  title={article.title!r}")
        for v in result.verdicts:
            mark = "+" if v.assigned else ("x" if v.passed else " ")
            print(f"  {mark} {v.label:<14} {v.score:.3f}  raw {v.raw:.2f} (title+lead "
                  f"{v.lead:.2f})  {', '.join(v.evidence)}")
            if v.passed:
                for gate in v.gates:
                    print(f"      {gate}")
        found = [f"{name} {score:.2f} [{', '.join(cues)}]"
                 for name, (score, cues) in result.contexts.items() if score > 0]
        print(f"  contexts: {'; '.join(found) or '-'}")
        print(f"  countries: {' '.join(result.countries) or '-'}")
    print("(+ labelled, x held back by a gate: FAIL or FIRE)")
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from khabar.agents.demo import run_demo

    return run_demo(settings, once=os.environ.get("KHABAR_DEMO_ONCE") == "1")


def versions(taxonomy: str | None) -> str:
    """What ``khabar --version`` prints: the package, fingerprint and classifier versions (the
    classifier's is that of the taxonomy file ``taxonomy``, the bundled one without it)."""
    from khabar.agents.classify.core import Classifier, TaxonomyError
    from khabar.agents.dedup.fingerprint import VERSION as FINGERPRINT_VERSION
    from khabar.agents.version import PIPELINE_VERSION

    try:
        version = Classifier.from_file(Path(taxonomy) if taxonomy else None).version
        classifier = f"{version} ({taxonomy or 'bundled taxonomy'})"
    except TaxonomyError as exc:
        classifier = f"unknown (bad taxonomy: {exc})"
    return (f"khabar {PIPELINE_VERSION}\n"
            f"fingerprint {FINGERPRINT_VERSION}\n"
            f"classifier {classifier}")


class _Version(argparse.Action):
    """``--version``: print :func:`versions` and exit 0."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        # The taxonomy's variable alone: --version answers whatever other setting is wrong.
        print(versions(os.environ.get("KHABAR_TAXONOMY") or None))
        parser.exit()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="khabar", description=__doc__.splitlines()[0])
    p.add_argument("--version", action=_Version, nargs=0,
                   help="print the package, fingerprint and classifier versions")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("worker", help="run a worker against KHABAR_BROKER").set_defaults(
        run=cmd_worker)
    b = sub.add_parser("broker", help="run the embedded broker in this terminal")
    b.add_argument("--port", type=int, default=0)
    b.set_defaults(run=cmd_broker)
    pub = sub.add_parser("publish", help="publish raw pages (JSON lines or text files)")
    pub.add_argument("files", nargs="+")
    pub.add_argument("--topic", help="default: <prefix>.raw")
    pub.add_argument("--send-invalid", action="store_true",
                     help="send lines that are not JSON or over KHABAR_MAX_MESSAGE_BYTES too "
                          "(the worker makes them dead letters where the topic accepts them)")
    pub.set_defaults(run=cmd_publish)
    t = sub.add_parser("tail", help="print a topic's records as JSON lines")
    t.add_argument("topic", help="full name, or a suffix such as enriched, dlq, peace_talks")
    t.add_argument("--n", type=int, default=0, help="stop after N records")
    t.add_argument("--follow", action="store_true", help="wait for new records")
    t.add_argument("--idle", type=float, default=3.0, help="stop after this many idle seconds")
    t.set_defaults(run=cmd_tail)
    pr = sub.add_parser("process", help="run the pipeline on JSON lines, without a broker")
    pr.add_argument("--input", default="-")
    pr.add_argument("--output", default="-")
    pr.set_defaults(run=cmd_process)
    e = sub.add_parser("eval", help="quality figures on labeled JSONL files")
    e.add_argument("files", nargs="+", metavar="file")
    e.add_argument("--cross", action="store_true",
                   help="also score each source group with cut-offs fitted on the others")
    e.add_argument("--json", action="store_true")
    e.set_defaults(run=cmd_eval)
    x = sub.add_parser("explain", help="one article's scores and evidence")
    x.add_argument("file", help="a raw page as JSON, or plain text; - for stdin")
    x.set_defaults(run=cmd_explain)
    sub.add_parser("demo", help="what `make run` runs").set_defaults(run=cmd_demo)
    return p


def _client_errors(command: str) -> tuple[type[Exception], ...]:
    """The Kafka client's errors, for the commands that talk to a broker themselves (importing
    aiokafka costs the others about 70 ms)."""
    if command not in ("publish", "tail", "demo"):
        return ()
    from aiokafka.errors import KafkaError

    return (KafkaError,)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        return fail(f"bad setting: {exc}")
    # A terminal command's stderr is for its own lines: aiokafka's info lines (subscriptions,
    # connections) stay in the worker's log only.
    logs.configure(settings, quiet=() if args.command == "worker" else ("aiokafka",))
    for warning in unknown_variables(os.environ):
        logging.getLogger("khabar.settings").warning(warning)
    from khabar.agents.classify.core import TaxonomyError
    from khabar.streams.embedded import BrokerStartError

    try:
        status = int(args.run(settings, args) or 0)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        return closed_stdout()
    except UserError as exc:
        return fail(str(exc), exc.status)
    except TaxonomyError as exc:
        return fail(f"bad taxonomy: {exc}")
    except BrokerStartError as exc:
        return fail(str(exc))
    except _client_errors(args.command) as exc:
        return fail(logs.redact(f"the broker refused: {type(exc).__name__}: {exc}",
                                logs.secrets(settings)), EXIT_UNAVAILABLE)
    except OSError as exc:
        return fail(file_error(exc))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
