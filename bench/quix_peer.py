"""The Quix Streams peer: the same khabar cores (PageStage + DedupStage, in-memory dedup state)
in a Quix Streams application, on the embedded broker with the same fetch wait and linger.
Every delivery khabar would publish goes to one output topic, keyed by its destination.
Run by ``bench/run.py``.

    python bench/quix_peer.py BOOTSTRAP SRC DST GROUP STATEDIR
"""

from __future__ import annotations

import logging
import sys

from quixstreams import Application
from quixstreams.models.serializers import SerializationContext, Serializer

from khabar.agents.classify.core import Classifier
from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.state import DedupState
from khabar.agents.pipeline import DedupStage, Origin, PageStage
from khabar.streams import records


class _Payload(Serializer):
    """Values are (destination, record bytes) pairs; the record bytes go on the wire."""

    def __call__(self, value: tuple[bytes, bytes], ctx: SerializationContext) -> bytes:
        return value[1]


def main(argv: list[str]) -> None:
    bootstrap, src, dst, group, state_dir = argv
    page = PageStage(Classifier.from_file(), max_message_bytes=1_048_576,
                     dlq_payload_bytes=65_536)
    dedup = DedupStage(Deduper(DedupState.in_memory()))
    app = Application(
        broker_address=bootstrap, consumer_group=group, auto_offset_reset="earliest",
        # the embedded profile: short fetch wait, short session (a join waits half of it)
        consumer_extra_config={"fetch.wait.max.ms": 20, "session.timeout.ms": 6000,
                               "heartbeat.interval.ms": 1000},
        producer_extra_config={"linger.ms": 5, "partitioner": "murmur2_random"},
        use_changelog_topics=False, state_dir=state_dir, loglevel=logging.WARNING,
        auto_create_topics=False, commit_interval=1.0,
    )
    source = app.topic(src, value_deserializer="bytes", key_deserializer="bytes")
    sink = app.topic(dst, value_serializer=_Payload(), key_serializer="bytes")

    def process(value: bytes) -> list[tuple[bytes, bytes]]:
        result = page.run(value, Origin(src))
        out = []
        if result.dead_letter is not None:
            out.append((b"dlq", records.dumps(result.dead_letter)))
        for candidate in result.candidates:
            # what crosses khabar's internal dedup topic, serialised the same way
            candidate = records.loads(records.dumps(candidate))
            for delivery in dedup.run(candidate).deliveries:
                out.append((delivery.destination.encode(), records.dumps(delivery.record)))
        return out

    sdf = app.dataframe(source).apply(process, expand=True)
    sdf.to_topic(sink, key=lambda pair: pair[0])  # the destination, for the bench's counts
    app.run()


if __name__ == "__main__":
    main(sys.argv[1:])
