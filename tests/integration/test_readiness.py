"""Readiness of a worker the group gives no partition: three workers for two raw partitions.

Once the group has settled, every worker answers ``/readyz`` with 200, the idle one with
``"assigned": false`` (a standby that would otherwise hold a rolling update forever).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import orjson
import pytest

from khabar.streams.embedded import free_port
from tests.cluster import WorkerProcess, create_topics, names, settings_for, wait_all_ready

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

READY_TIMEOUT = 120.0


def test_a_worker_given_no_partition_is_ready_once_the_group_settles(
    broker, tmp_path: Path
) -> None:
    base = settings_for(broker, tmp_path / "data-0", partitions=2)
    create_topics(base, [names(base).raw])
    workers = [WorkerProcess(base, tmp_path / "worker-0.log")]
    workers += [WorkerProcess(dataclasses.replace(base, data_dir=tmp_path / f"data-{n}",
                                                  web_port=free_port()),
                              tmp_path / f"worker-{n}.log") for n in (1, 2)]
    try:
        wait_all_ready(workers, READY_TIMEOUT)
        answers = [worker.get("/readyz") for worker in workers]
    finally:
        for worker in workers:
            worker.stop()
    bodies = [orjson.loads(body) for _, body in answers]
    assert [status for status, _ in answers] == [200, 200, 200], bodies
    assert all(body["ready"] and not body["recovering"] for body in bodies), bodies
    assert [body["assigned"] for body in bodies].count(False) >= 1, bodies
