"""A one-agent faust pass-through (source -> sink, bytes unchanged) on khabar's app class and
embedded profile: the framework's ceiling. Run by ``bench/run.py`` as a subprocess.

    python bench/faust_passthrough.py MODE BROKER SRC DST GROUP DATADIR WEBPORT

MODE ``default``: faust's defaults (no producer linger, 16 KiB producer batches, its Monitor
sensor and terminal spinner) with only the workarounds the embedded broker needs (fetch wait
clamp, short session), one ``await send`` per event. MODE ``tuned``: khabar's faust config
and app as shipped (``streams.app``: 1 ms linger, 256 KiB batches, the stall-watch Monitor, no
spinner), uvloop, ``stream.take()`` batches of up to 500 (5 ms), a larger stream buffer, and
sends handed straight to the app's producer (past ``Topic.send``), as khabar's agents send.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import mode.loop

from khabar.streams.app import faust_config
from khabar.streams.hooks.app import KhabarApp
from khabar.streams.settings import Settings


def main(argv: list[str]) -> None:
    variant, broker, src, dst, group, datadir, web_port = argv
    settings = Settings(broker=broker, broker_profile="embedded", data_dir=Path(datadir),
                        app_id=group, web_port=int(web_port), store="memory://",
                        log_level="warn")
    tuned = variant == "tuned"
    app = KhabarApp(group, autodiscover=False)
    app.embedded_profile = True
    config = faust_config(settings)
    config.update(web_enabled=False)
    if tuned:
        config.update(stream_buffer_maxsize=4096)
    else:
        for key in ("producer_linger_ms", "producer_max_batch_size", "stream_buffer_maxsize",
                    "broker_max_poll_records", "broker_commit_interval", "Worker", "Monitor"):
            config.pop(key)
    app.config_from_object(config, force=True)
    source = app.topic(src, value_serializer="raw", key_serializer="raw")
    sink = app.topic(dst, value_serializer="raw", key_serializer="raw")

    if tuned:
        sink_name = sink.get_topic_name()

        @app.agent(source)
        async def passthrough(stream):  # type: ignore[no-untyped-def]
            async for values in stream.take(500, within=0.005):
                for value in values:  # straight to the producer, as khabar's agents send
                    await app.producer.send(sink_name, None, value, None, None, None)
                await asyncio.sleep(0)
    else:
        @app.agent(source)
        async def passthrough(stream):  # type: ignore[no-untyped-def]
            async for value in stream:
                await sink.send(value=value)

    if tuned:
        mode.loop.use("uvloop")  # khabar's worker default (KHABAR_EVENT_LOOP)
    sys.argv = [sys.argv[0], "worker", "-l", "warn"]
    app.main()


if __name__ == "__main__":
    main(sys.argv[1:])
