"""`khabar publish`, `khabar tail` and the worker's JSON logs against the embedded broker.

A line publish cannot send (over KHABAR_MAX_MESSAGE_BYTES with its key, or not JSON) is named
as ``FILE:LINE: reason`` and the lines after it are still sent; the command then exits 65 with a
count. Lines led by a byte-order mark are sent without it. A closed stdout ends `khabar tail`
with 141 and nothing on stderr. With ``KHABAR_LOG_FORMAT=json`` every line a worker writes, on
stdout or stderr, is a JSON object, a misspelt variable's warning included.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from khabar.agents.console import EXIT_CLOSED_PIPE, EXIT_DATA
from khabar.agents.kafka_io import Page, consume, publish_pages
from khabar.agents.page_files import BOM
from khabar.streams.app import max_request_bytes
from khabar.streams.embedded import EmbeddedBroker
from khabar.streams.settings import Settings, worker_environment
from tests.cluster import REPO, WorkerProcess, names, publish_messages, settings_for

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


def _page(page_id: str, text: str) -> bytes:
    return orjson.dumps({"id": page_id, "lang": "en", "text": text})


def _khabar(settings: Settings, *args: str,
            **popen: Any) -> subprocess.Popen[bytes]:
    env = worker_environment(settings, PYTHONWARNINGS="default")
    return subprocess.Popen([sys.executable, "-m", "khabar.agents.cli", *args], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def _read(settings: Settings, topic: str) -> list[dict[str, Any]]:
    async def run() -> list[dict[str, Any]]:
        return [record async for _, record in consume(settings, [topic], idle_timeout=3.0)]

    return asyncio.run(run())


def test_publish_names_the_lines_it_cannot_send_and_sends_the_rest(
        broker: EmbeddedBroker, tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data", max_message_bytes=1024)
    limit = settings.max_message_bytes
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"\n".join([
        _page("first", "A page before the bad ones."),
        _page("oversized", "x" * limit),
        b'{"id": "cut-short", "text": "no closing',
        BOM + _page("after-bom", "A page led by a byte-order mark."),
        b"",
        _page("last", "The page after everything else."),
    ]) + b"\n")
    done = _khabar(settings, "publish", str(path))
    out, err = done.communicate(timeout=120)
    assert done.returncode == EXIT_DATA, err
    lines = err.decode().splitlines()
    assert len(lines) == 3, lines
    oversized = len(_page("oversized", "x" * limit)) + len(b"oversized")
    assert lines[0] == (f"{path}:2: {oversized} bytes with its key, over "
                        f"KHABAR_MAX_MESSAGE_BYTES ({limit})")
    assert lines[1].startswith(f"{path}:3: not JSON (")
    assert lines[2] == "khabar: 2 of 5 pages not sent"
    assert out.decode() == f"published 3 pages to {names(settings).raw}\n"
    records = _read(settings, names(settings).raw)
    assert sorted(r["id"] for r in records) == ["after-bom", "first", "last"]


def test_a_page_the_producer_refuses_is_reported_and_the_rest_are_sent(
        broker: EmbeddedBroker, tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data")
    unchecked = Page("big.jsonl:2", _page("big", "x" * (max_request_bytes(settings) + 1)), b"big")
    pages = [Page("big.jsonl:1", _page("before", "Before."), b"before"), unchecked,
             Page("big.jsonl:3", _page("after", "After."), b"after")]
    reports: list[tuple[str, str]] = []
    sent, failed = asyncio.run(publish_pages(
        settings, names(settings).raw, pages, lambda where, why: reports.append((where, why))))
    assert (sorted(m.key for m in sent), failed) == ([b"after", b"before"], 1)
    assert [where for where, _ in reports] == ["big.jsonl:2"]
    assert reports[0][1].startswith("not sent (")
    assert sorted(r["id"] for r in _read(settings, names(settings).raw)) == ["after", "before"]


def test_a_closed_stdout_ends_tail_quietly_with_141(broker: EmbeddedBroker,
                                                      tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data")
    publish_messages(settings, [_page(f"p{i}", "Some text. " * 200) for i in range(200)])
    done = _khabar(settings, "tail", "raw", "--idle", "5")
    assert done.stdout is not None
    done.stdout.close()
    _, err = done.communicate(timeout=120)
    assert done.returncode == EXIT_CLOSED_PIPE
    assert err == b""


def test_a_worker_with_json_logs_writes_only_json_lines(broker: EmbeddedBroker,
                                                         tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data", log_format="json", store="memory://")
    worker = WorkerProcess(settings, tmp_path / "worker.log", {"KHABAR_PARTITION": "2",
                                                               "KHABAR_CORE_PROCESSES": "0"})
    try:
        worker.wait_ready()
    finally:
        worker.stop()
    lines = (tmp_path / "worker.log").read_text().splitlines()
    entries = [orjson.loads(line) for line in lines if line.strip()]
    assert len(entries) > 5 and all(isinstance(e, dict) for e in entries)
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    assert any(e["level"] == "WARNING" and "KHABAR_PARTITIONS?" in e["message"]
               for e in entries)
    assert any(e["logger"].startswith("faust") for e in entries)
