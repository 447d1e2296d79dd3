"""The app from its settings, and the app-level hooks: no spinner, and a monitor that keeps
only what faust's stall check reads."""

from __future__ import annotations

from faust.types import TP

from khabar.streams.app import create_app
from khabar.streams.hooks.app import KhabarWorker, StallWatchMonitor
from khabar.streams.hooks.consumer import EmbeddedTransport, Transport
from khabar.streams.settings import Settings


def test_an_app_per_settings_with_its_id_as_the_consumer_group() -> None:
    blue = create_app(Settings(app_id="khabar-blue", broker="kafka://127.0.0.1:1"))
    green = create_app(Settings(app_id="khabar-green", broker="kafka://127.0.0.1:1",
                                broker_profile="embedded"))
    assert (blue.conf.id, green.conf.id) == ("khabar-blue", "khabar-green")
    assert blue.conf.Worker is KhabarWorker and blue.conf.Monitor is StallWatchMonitor
    assert type(blue.transport) is Transport
    assert type(green.transport) is EmbeddedTransport


def test_the_worker_has_no_spinner() -> None:
    app = create_app(Settings(broker="kafka://127.0.0.1:1"))
    assert KhabarWorker(app, loglevel="warn", quiet=True).spinner is None


def test_the_monitor_keeps_inbound_times_and_drops_the_rest() -> None:
    monitor = StallWatchMonitor()
    tp = TP("khabar.raw", 0)
    monitor.on_message_in(tp, 5, object())
    monitor.on_stream_event_in(tp, 5, object(), object())  # type: ignore[arg-type]
    monitor.on_send_initiated(object(), "khabar.enriched", object(), 1, 10)
    assert tp in monitor.stream_inbound_time
    assert monitor.messages_received_total == 0
    assert monitor.events_total == 0
    assert monitor.messages_sent == 0
