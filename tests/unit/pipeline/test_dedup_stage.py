"""The dedup stage never dies of one candidate: every failure path is one dead letter (stage
``dedup``, a stable reason, the original bytes) and the next candidate is decided; only the
state store's own errors are raised."""

from __future__ import annotations

import base64
import math
from typing import Any

import jsonschema
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.agents.classify.core import Classifier
from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.fingerprint import NUM_PERM, VERSION
from khabar.agents.dedup.state import DedupState
from khabar.agents.pipeline import DEDUP_REASONS, FUTURE_SECONDS, DedupStage, Origin, PageStage
from khabar.streams import records

CLASSIFIER = Classifier.from_file()
NOW = 1.8e9
ORIGIN = Origin("t.dedup", 0, 41, NOW)
TEXT = ("Rescue teams reached the flooded villages of the valley on Friday after the river burst "
        "its banks overnight.\n\nThe regional governor said two hundred families had been moved "
        "to schools on higher ground and that more tents were on their way from the capital.")

TALKS = ("Envoys of the two governments agreed a ceasefire on Sunday after peace talks hosted in "
         "Geneva.\n\nA prisoner exchange will follow next week, and negotiators meet again to "
         "discuss a lasting peace agreement, the mediators said.")


def make_candidate(page_id: str = "c1", text: str = TEXT, **fields: Any) -> dict[str, Any]:
    stage = PageStage(CLASSIFIER, max_message_bytes=100_000, dlq_payload_bytes=1000)
    result = stage.run(orjson.dumps({"id": page_id, "source": "wire", "text": text, **fields}),
                       Origin("t.raw", 0, 1, NOW), now=NOW)
    (candidate,) = result.candidates
    return candidate


def dedup_stage(labels: tuple[str, ...] | None = None) -> DedupStage:
    return DedupStage(Deduper(DedupState.in_memory()), labels=labels, dlq_payload_bytes=4096)


def dead_letter(stage: DedupStage, payload: bytes | dict[str, Any]) -> dict[str, Any]:
    decided = stage.run(payload, ORIGIN, now=NOW)
    assert decided.decision is None, decided
    (delivery,) = decided.deliveries
    assert delivery.destination == "dlq"
    letter = delivery.record
    jsonschema.validate(letter, records.schema_for("dead_letter"))
    assert (letter["stage"], letter["topic"], letter["partition"], letter["offset"]) == (
        "dedup", "t.dedup", 0, 41)
    assert letter["reason"] in DEDUP_REASONS
    return letter


def with_article(**changes: Any) -> bytes:
    candidate = make_candidate()
    article = {**candidate["article"], **changes}
    return orjson.dumps({**candidate, "article": {k: v for k, v in article.items()
                                                  if v is not _DROP}})


def with_fingerprint(**changes: Any) -> bytes:
    candidate = make_candidate()
    encoded = {**candidate["fingerprint"], **changes}
    return orjson.dumps({**candidate, "fingerprint": {k: v for k, v in encoded.items()
                                                      if v is not _DROP}})


_DROP = object()


@pytest.mark.parametrize(("payload", "reason"), [
    (b"\xff\xfe not utf-8 \x80", "invalid_json"),
    (b"{not json", "invalid_json"),
    (b"", "invalid_json"),
    (b"[1, 2, 3]", "not_an_object"),
    (b'"a string"', "not_an_object"),
    (b'{"fingerprint": {}}', "schema"),
    (b'{"article": [], "event_time": 1.0}', "schema"),
])
def test_bytes_that_are_no_candidate_are_one_dead_letter_with_the_bytes(
        payload: bytes, reason: str) -> None:
    letter = dead_letter(dedup_stage(), payload)
    assert letter["reason"] == reason
    kept = (base64.b64decode(letter["payload"]) if letter["payload_encoding"] == "base64"
            else letter["payload"].encode())
    assert kept == payload and letter["payload_bytes"] == len(payload)


@pytest.mark.parametrize("changes", [
    {"id": _DROP}, {"id": 7}, {"id": ""}, {"text": None}, {"source_id": _DROP},
    {"labels": "elections"}, {"labels": ["elections", 3]}, {"url": 5}, {"lang": _DROP},
    {"ingested_at": None}, {"title": ["a"]},
])
def test_an_article_missing_a_field_or_of_the_wrong_type_is_a_schema_dead_letter(
        changes: dict[str, Any]) -> None:
    letter = dead_letter(dedup_stage(), with_article(**changes))
    assert letter["reason"] == "schema"


@pytest.mark.parametrize("event_time", [None, "soon", True, NOW + FUTURE_SECONDS + 1, 10**45])
def test_an_unusable_event_time_is_a_schema_dead_letter(event_time: Any) -> None:
    payload = orjson.dumps({**make_candidate(), "event_time": 0}).replace(
        b'"event_time":0', b'"event_time":' + orjson.dumps(event_time)
        if not isinstance(event_time, int) or isinstance(event_time, bool)
        else b'"event_time":' + str(event_time).encode())
    letter = dead_letter(dedup_stage(), payload)
    assert letter["reason"] == "schema" and "event_time" in letter["error"]
    assert letter["source_id"] == "c1"


@pytest.mark.parametrize("event_time", [math.inf, -math.inf, math.nan])
def test_a_record_with_a_non_finite_event_time_is_a_dead_letter_too(event_time: float) -> None:
    """``khabar process`` hands the page stage's records over as they are, not as JSON."""
    letter = dead_letter(dedup_stage(), {**make_candidate(), "event_time": event_time})
    assert letter["reason"] == "schema"


@pytest.mark.parametrize("payload", [
    orjson.dumps({k: v for k, v in make_candidate().items() if k != "fingerprint"}),
    orjson.dumps({**make_candidate(), "fingerprint": "w5-string"}),
    with_fingerprint(s="not base64!"),
    with_fingerprint(s=base64.b64encode(b"\x00" * (NUM_PERM * 4 - 4)).decode()),
    with_fingerprint(n=-1),
    with_fingerprint(n="12"),
    with_fingerprint(h=_DROP),
    with_fingerprint(s="ٴ"),
    with_fingerprint(v=_DROP),
    with_fingerprint(v=2),
])
def test_a_fingerprint_of_the_running_version_that_is_malformed_is_a_dead_letter(
        payload: bytes) -> None:
    letter = dead_letter(dedup_stage(), payload)
    assert letter["reason"] == "invalid_fingerprint"


def test_another_version_is_fingerprinted_again_from_the_text_and_decided_as_usual() -> None:
    current = make_candidate("v-current")
    older = {**make_candidate("v-older"),
             "fingerprint": {"v": "w4p64b16r4s1", "h": "00", "s": "AAAA", "n": 3}}
    stage = dedup_stage()
    first = stage.run(orjson.dumps(current), ORIGIN, now=NOW)
    second = stage.run(orjson.dumps(older), ORIGIN, now=NOW)
    assert first.decision is not None and second.decision is not None
    assert (first.refingerprinted, second.refingerprinted) == (False, True)
    # Compared like with like: the text fingerprinted again finds the same story, exactly.
    assert (second.decision.canonical, second.decision.story_id, second.decision.method) == (
        False, "v-current", "exact")
    stored = stage.deduper.state.docs["v-older"]
    assert stored["v"] == VERSION and stored["h"] == current["fingerprint"]["h"]


def test_a_decision_that_fails_on_a_malformed_stored_doc_is_internal_and_the_stage_goes_on(
) -> None:
    stage = dedup_stage()
    stage.deduper.state.docs["bad-doc"] = {"t": int(NOW)}  # no decision: decide reads it back
    letter = dead_letter(stage, with_article(id="bad-doc"))
    assert letter["reason"] == "internal" and "KeyError" in letter["error"]
    after = stage.run(orjson.dumps(make_candidate("good-after")), ORIGIN, now=NOW)
    assert after.decision is not None and after.decision.canonical
    assert next(d.destination for d in after.deliveries) == "enriched"


def test_a_candidate_that_fails_to_be_fingerprinted_again_is_internal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(text: str) -> None:
        raise ValueError("cannot fingerprint this text")

    monkeypatch.setattr("khabar.agents.pipeline._refingerprint", failing)
    older = {**make_candidate("cannot-refingerprint"), "fingerprint": {"v": "w4p64b16r4s1"}}
    stage = dedup_stage()
    letter = dead_letter(stage, orjson.dumps(older))
    assert letter["reason"] == "internal" and "cannot fingerprint" in letter["error"]
    assert stage.run(orjson.dumps(make_candidate("after-it")), ORIGIN, now=NOW).decision


class _BrokenStore(dict):
    """A table whose writes fail as a full or closed RocksDB does (not a record error)."""

    class StoreError(Exception):
        pass

    def __setitem__(self, key: str, value: Any) -> None:
        raise self.StoreError("no space left on device")


def test_an_error_of_the_state_store_is_raised_not_made_a_dead_letter() -> None:
    state = DedupState.in_memory()
    state.docs = _BrokenStore()
    stage = DedupStage(Deduper(state))
    with pytest.raises(_BrokenStore.StoreError):
        stage.run(orjson.dumps(make_candidate("store-fails")), ORIGIN, now=NOW)


def test_labels_without_a_topic_are_not_routed_but_stay_on_the_article() -> None:
    candidate = make_candidate("labelled", TALKS)
    labels = candidate["article"]["labels"]
    assert labels, "the sample text needs a label"
    candidate["article"]["labels"] = [*labels, "label_of_a_newer_taxonomy"]
    decided = dedup_stage(labels=tuple(labels)).run(orjson.dumps(candidate), ORIGIN, now=NOW)
    assert [d.destination for d in decided.deliveries] == [
        "enriched", *(f"label:{label}" for label in labels)]
    assert decided.deliveries[0].record["labels"][-1] == "label_of_a_newer_taxonomy"


def test_a_dead_letter_quotes_no_field_and_keeps_its_error_short(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An error that quoted a field could be as large as the candidate, too large to send."""
    stage = dedup_stage()

    def quoting(*args: Any) -> None:
        raise ValueError("x" * 100_000)

    monkeypatch.setattr(stage.deduper, "decide", quoting)
    letter = dead_letter(stage, with_article(id="long-error"))
    assert letter["reason"] == "internal" and 900 < len(letter["error"]) <= 1000
    monkeypatch.undo()
    huge = "9" * 100_000
    letter = dead_letter(stage, orjson.dumps({**make_candidate(), "event_time": huge}))
    assert huge not in letter["error"] and len(letter["error"]) <= 1000


def test_a_dead_letter_keeps_at_most_the_payload_limit() -> None:
    payload = b"[" + b"1," * 5000 + b"1]"
    letter = dead_letter(dedup_stage(), payload)
    assert letter["payload_truncated"] and len(letter["payload"]) == 4096
    assert letter["payload_bytes"] == len(payload)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats()
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["article", "fingerprint", "event_time", "v", "h", "s", "n", "id"]),
        inner, max_size=5),
    max_leaves=20)
VALID = make_candidate("fuzzed")
FIELDS = [("top", key) for key in VALID] + [("article", key) for key in VALID["article"]] + [
    ("fingerprint", key) for key in VALID["fingerprint"]]


def _mutated(where_key: tuple[str, str], value: Any) -> bytes:
    where, key = where_key
    candidate = orjson.loads(orjson.dumps(VALID))
    (candidate if where == "top" else candidate[where])[key] = value
    return orjson.dumps(candidate)


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.binary(max_size=400),
    JSON_VALUES.map(orjson.dumps),
    st.builds(_mutated, st.sampled_from(FIELDS), JSON_VALUES),
))
def test_any_bytes_are_a_decision_or_one_dead_letter(payload: bytes) -> None:
    decided = dedup_stage().run(payload, ORIGIN, now=NOW)
    if decided.decision is None:
        (delivery,) = decided.deliveries
        jsonschema.validate(delivery.record, records.schema_for("dead_letter"))
    else:
        assert decided.deliveries
        for delivery in decided.deliveries:
            records.dumps(delivery.record)  # publishable


@pytest.mark.parametrize(("payload", "reason"), [
    (orjson.dumps({**make_candidate(), "event_time": "soon"}), "schema"),
    (with_article(labels=[1]), "schema"),
    (with_fingerprint(n=-1), "invalid_fingerprint"),
    (with_article(id="bad-doc"), "internal"),
])
def test_a_dead_letter_names_its_page_and_is_keyed_by_it(payload: bytes, reason: str) -> None:
    stage = dedup_stage()
    stage.deduper.state.docs["bad-doc"] = {"t": int(NOW)}
    decided = stage.run(payload, ORIGIN, now=NOW)
    (delivery,) = decided.deliveries
    assert (delivery.record["reason"], delivery.record["source_id"], delivery.key) == (
        reason, "c1", "c1")
    assert delivery.value == records.dumps(delivery.record)
    assert delivery.record["schema_version"] == records.SCHEMA_VERSION
