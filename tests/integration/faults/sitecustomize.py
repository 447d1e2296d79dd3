"""Faults for worker processes, put on their ``PYTHONPATH`` by the integration tests.

``KHABAR_TEST_COMMITTED_DELAY_S``: every committed-offset request of a consumer waits this long
first, as on a slow broker. faust asks for one per assigned partition when it seeks a worker's
partitions after a rebalance.
"""

import os

_DELAY = float(os.environ.get("KHABAR_TEST_COMMITTED_DELAY_S") or 0)

if _DELAY:
    import asyncio

    import aiokafka

    _committed = aiokafka.AIOKafkaConsumer.committed

    async def _slow_committed(self, partition):  # type: ignore[no-untyped-def]
        await asyncio.sleep(_DELAY)
        return await _committed(self, partition)

    aiokafka.AIOKafkaConsumer.committed = _slow_committed
