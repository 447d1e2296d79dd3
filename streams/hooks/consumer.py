"""The consumer and transport: a safe seek after a rebalance, gaps reported, and the
embedded broker's fetch wait and end offsets."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any, cast

import aiokafka
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth, server_list
from faust.types import TP, ConsumerT

from khabar.streams import metrics

log = logging.getLogger(__name__)

#: Tansu does not wake a fetch when data arrives: it waits ~¼–½ of the fetch wait.
EMBEDDED_FETCH_WAIT_MS = 20
#: How long the side consumer may take to learn the high watermarks of recovering partitions.
HIGHWATER_FETCH_TIMEOUT_S = 30.0


class SafeSeekConsumer(aiokafka_driver.Consumer):
    """faust's aiokafka consumer, in both profiles, with its seek after a rebalance made safe
    (:meth:`perform_seek`) and the offsets it passes over reported.

    When a partition's fetched offsets jump, faust records the offsets in between as a gap and
    counts them as processed, so the next commit moves past them. That is right for compacted
    topics and transaction markers, which khabar's own topics do not have: there, a gap is
    records a fetch skipped. Every gap is logged and counted
    (``khabar_consumer_skipped_offsets_total``), so that it shows where it happened, not as a
    loss downstream.
    """

    async def perform_seek(self) -> None:
        """Seek the assigned partitions to their committed offsets, with the flow stopped.

        After a rebalance faust resumes the stream partitions, awaits this seek (a committed
        offset request per partition, over a second on the embedded broker) and then resumes
        the flow, which empties the stream buffers. Records fetched during the seek went into
        those buffers and were dropped, while their offsets counted as read: a partition whose
        fetch position the seek had already set went on past them (a gap, committed past), a
        partition without a committed offset was never sought back (lost until a restart).
        Stopping the flow first keeps the buffers empty until faust resumes it; a stream
        partition without a committed offset, whose position the seek leaves where a dropped
        fetch took it, goes back to its beginning (the ``earliest`` reset it started from).
        """
        self.stop_flow()
        await super().perform_seek()
        uncommitted = [aiokafka.TopicPartition(tp.topic, tp.partition)
                       for tp in self.assignment()
                       if self._committed_offset.get(tp) is None
                       and self.app.topics.acks_enabled_for(tp.topic)
                       and not self._is_changelog_tp(tp)]
        if uncommitted:
            await self._thread.seek_to_beginning(*uncommitted)

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        # faust passes the offsets between the last record read and the one just fetched,
        # that one included (it is acked when processed)
        metrics.SKIPPED_OFFSETS.labels(tp.topic).inc(offset_to - offset_from)
        log.warning("consumer: offsets %d to %d of %s[%d] were not in the fetched records; "
                    "faust counts them as processed", offset_from, offset_to - 1, tp.topic,
                    tp.partition)
        await super()._add_gap(tp, offset_from, offset_to)


class Transport(aiokafka_driver.Transport):
    Consumer = SafeSeekConsumer


class EmbeddedConsumerThread(aiokafka_driver.AIOKafkaConsumerThread):
    """The consumer thread with Tansu's fetch wait and end-offset defects worked around."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        # faust hard-codes fetch_max_wait_ms=1500; Tansu does not wake a waiting fetch.
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = EMBEDDED_FETCH_WAIT_MS
        return consumer

    async def _highwaters(self, partitions: list[TP]) -> Mapping[TP, int]:
        """End offsets from fetch responses: Tansu's ListOffsets answers the last batch's start.

        faust recovers a table up to these offsets, so a wrong answer silently drops the
        changelog's last batch. A fetch response carries the partition's true high watermark
        whatever offset it was asked for, so a group-less side consumer fetches from each
        partition once and reads it.
        """
        if not partitions:  # a side consumer with nothing assigned cancels faust's recovery
            return {}
        transport: Any = self.transport
        consumer = aiokafka.AIOKafkaConsumer(
            bootstrap_servers=server_list(transport.url, transport.default_port),
            enable_auto_commit=False,
            fetch_max_wait_ms=EMBEDDED_FETCH_WAIT_MS,
            max_partition_fetch_bytes=1,
            **credentials_to_aiokafka_auth(self.app.conf.broker_credentials,
                                           self.app.conf.ssl_context),
        )
        await consumer.start()
        try:
            consumer.assign(list(partitions))
            for tp in partitions:
                consumer.seek(tp, 0)
            async with asyncio.timeout(HIGHWATER_FETCH_TIMEOUT_S):
                while any(consumer.highwater(tp) is None for tp in partitions):
                    await consumer.getmany(timeout_ms=EMBEDDED_FETCH_WAIT_MS * 5)
            return {tp: consumer.highwater(tp) for tp in partitions}
        finally:
            await consumer.stop()


class EmbeddedConsumer(SafeSeekConsumer):
    def _new_consumer_thread(self) -> aiokafka_driver.AIOKafkaConsumerThread:
        return EmbeddedConsumerThread(self, loop=self.loop, beacon=self.beacon)


class EmbeddedTransport(Transport):
    Consumer = EmbeddedConsumer


def committed_offsets(consumer: ConsumerT) -> Mapping[TP, int | None]:
    """The committed offset of each assigned partition, as faust keeps it: set by the seek
    after a rebalance and by each commit, dropped on revoke. faust reports commits to
    ``app.monitor`` only, not to sensors added beside it, and the monitor's
    ``tp_committed_offsets`` has neither the offsets the seek found nor a revoke."""
    committed: Mapping[TP, int | None] = cast(Any, consumer)._committed_offset
    return committed
