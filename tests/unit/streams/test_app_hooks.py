"""The app-level hooks do what they are for: the app id set after construction, no spinner,
and a monitor that keeps only what faust's stall check reads."""

from __future__ import annotations

from faust.types import TP

from streams.hooks.app import KhabarApp, KhabarWorker, StallWatchMonitor, set_app_id


def _app(app_id: str = "khabar") -> KhabarApp:
    app = KhabarApp("khabar", autodiscover=False)
    set_app_id(app, app_id)
    app.config_from_object({"broker": "kafka://127.0.0.1:1"}, force=True)
    return app


def test_the_app_id_set_after_construction_is_the_consumer_group() -> None:
    assert _app("khabar-blue").conf.id == "khabar-blue"


def test_the_worker_has_no_spinner() -> None:
    assert KhabarWorker(_app(), loglevel="warn", quiet=True).spinner is None


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
