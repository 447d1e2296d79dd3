"""A one-agent faust pass-through (source -> sink, bytes unchanged) on khabar's app class and
embedded profile: the framework's ceiling. Run by ``bench/run.py`` as a subprocess.

    python bench/faust_passthrough.py MODE BROKER SRC DST GROUP DATADIR WEBPORT

MODE ``default``: khabar's faust config as shipped (``streams.app.faust_config``, embedded
profile), one ``await send`` per event. MODE ``tuned``: the same, plus ``stream.take()``
batches of up to 500 (5 ms), sends not awaited one by one, producer batches of 256 KB
instead of the embedded profile's one record per batch (no tables here, so the ListOffsets
workaround is not needed), and faust's Monitor sensor removed.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from streams.app import KhabarApp, faust_config
from streams.settings import Settings


def main(argv: list[str]) -> None:
    mode, broker, src, dst, group, datadir, web_port = argv
    settings = Settings(broker=broker, broker_profile="embedded", data_dir=Path(datadir),
                        app_id=group, web_port=int(web_port), store="memory://",
                        log_level="warn")
    app = KhabarApp(group, autodiscover=False)
    app.embedded_profile = True
    config = faust_config(settings)
    config.update(web_enabled=False)
    tuned = mode == "tuned"
    if tuned:
        config.update(producer_max_batch_size=256 * 1024, producer_linger_ms=5,
                      stream_buffer_maxsize=4096)
    app.config_from_object(config, force=True)
    source = app.topic(src, value_serializer="raw", key_serializer="raw")
    sink = app.topic(dst, value_serializer="raw", key_serializer="raw")

    if tuned:
        @app.agent(source)
        async def passthrough(stream):  # type: ignore[no-untyped-def]
            async for values in stream.take(500, within=0.005):
                futures = [await sink.send(value=v) for v in values]
                if futures:
                    await asyncio.sleep(0)

        @app.task
        async def _no_monitor() -> None:
            app.sensors.remove(app.monitor)
    else:
        @app.agent(source)
        async def passthrough(stream):  # type: ignore[no-untyped-def]
            async for value in stream:
                await sink.send(value=value)

    sys.argv = [sys.argv[0], "worker", "-l", "warn"]
    app.main()


if __name__ == "__main__":
    main(sys.argv[1:])
