"""Every output fits the broker's message limit: a page whose candidate, article or notice
would not is one ``too_large`` dead letter for the page, itself cut to fit; dead letters name
the page whenever its id can be read; articles carry the schema version and a normalised
``published_at``."""

from __future__ import annotations

import jsonschema
import orjson
import pytest

from khabar.agents.classify.core import Classifier
from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.state import DedupState
from khabar.agents.pipeline import DedupStage, Origin, PageStage
from khabar.streams import records

CLASSIFIER = Classifier.from_file()
LIMIT = 24_000
NOW = 1.8e9
SENTENCE = ("The committee met again on Tuesday to review the water sharing plan, and its members "
            "said the talks would go on next month in the capital. ")


def page_stage(limit: int = LIMIT) -> PageStage:
    return PageStage(CLASSIFIER, max_message_bytes=limit, dlq_payload_bytes=1 << 20)


def page(size: int, page_id: str = "big-1") -> bytes:
    """A page of ``size`` bytes: paragraphs of article text."""
    text = "\n\n".join([SENTENCE * 3] * (size // len(SENTENCE * 3) + 1))
    while len(payload := orjson.dumps({"id": page_id, "source": "wire", "text": text})) > size:
        text = text[:len(text) - (len(payload) - size)]  # a newline takes two bytes encoded
    assert size - 100 < len(payload)
    return payload


def fits(letter: records.Record, limit: int = LIMIT) -> bool:
    return records.message_size(letter["source_id"], records.dumps(letter)) <= limit


def test_a_page_under_the_limit_whose_candidate_is_over_it_is_one_fitting_dead_letter() -> None:
    payload = page(LIMIT - 300)
    assert len(payload) <= LIMIT
    whole = page_stage(10 * LIMIT).run(payload, Origin("raw", 0, 3), now=NOW)
    (key, value), = whole.messages
    assert len(key) + len(value) > LIMIT  # the candidate is what does not fit

    result = page_stage().run(payload, Origin("raw", 0, 3), now=NOW)
    assert result.candidates == [] and result.messages == []
    letter = result.dead_letter
    assert letter is not None
    assert (letter["reason"], letter["stage"], letter["source_id"]) == (
        "too_large", "publish", "big-1")
    assert letter["payload_truncated"] and letter["payload_bytes"] == len(payload)
    assert payload.startswith(letter["payload"].encode()) and fits(letter)
    jsonschema.validate(letter, records.schema_for("dead_letter"))


def test_candidates_that_fit_are_sent_as_they_were_measured() -> None:
    result = page_stage().run(page(LIMIT // 2), Origin("raw", 0, 3), now=NOW)
    (key, value), = result.messages
    assert key == b"big-1" and orjson.loads(value) == result.candidates[0]


BOILERPLATE = "\n\n".join(["Share on Facebook", "Follow us on Twitter", "All rights reserved"])


@pytest.mark.parametrize(("payload", "reason", "source_id"), [
    (b'{"id": "p1", "text": "abc", "title": 7}', "schema", "p1"),
    (b'{"id": "p2", "text": ""}', "empty_text", "p2"),
    (orjson.dumps({"id": "p3", "text": BOILERPLATE}), "empty_text", "p3"),
    (b'{"id": "p4", "text": "' + b"x" * LIMIT + b'"}', "too_large", "p4"),
    (b'{"id": "p5", "text": ', "invalid_json", None),
    (b'["p6"]', "not_an_object", None),
    (b"\xff\xfe\xfa\x80\x81", "encoding", None),
])
def test_dead_letters_name_the_page_whenever_its_id_can_be_read(
        payload: bytes, reason: str, source_id: str | None) -> None:
    letter = page_stage().run(payload, Origin("raw", 1, 9), now=NOW).dead_letter
    assert letter is not None
    assert (letter["reason"], letter["source_id"]) == (reason, source_id)
    assert fits(letter)
    jsonschema.validate(letter, records.schema_for("dead_letter"))


def test_an_internal_dead_letter_names_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    stage = page_stage()

    def broken(**kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(stage.classifier, "classify", broken)
    letter = stage.run(page(2000, "p7"), Origin("raw", 0, 9), now=NOW).dead_letter
    assert letter is not None and (letter["reason"], letter["source_id"]) == ("internal", "p7")


def test_a_page_with_a_byte_order_mark_is_processed() -> None:
    result = page_stage().run(b"\xef\xbb\xbf" + page(2000, "bom"), Origin("raw", 0, 1), now=NOW)
    assert result.dead_letter is None and result.candidates[0]["article"]["id"] == "bom"


def test_the_article_carries_the_version_and_both_forms_of_its_date() -> None:
    raw = orjson.loads(page(2000, "d1")) | {"published_at": "Thu, 12 Mar 2015 11:00:00 +0300"}
    (candidate,) = page_stage().run(orjson.dumps(raw), Origin("raw", 0, 1), now=NOW).candidates
    article = candidate["article"]
    assert article["schema_version"] == records.SCHEMA_VERSION
    assert (article["published_at"], article["published_at_raw"]) == (
        "2015-03-12T08:00:00Z", "Thu, 12 Mar 2015 11:00:00 +0300")
    assert candidate["event_time"] == 1426147200.0
    jsonschema.validate(article, records.schema_for("article"))


def candidate(page_id: str, size: int) -> bytes:
    (_key, value), = page_stage(10 * LIMIT).run(page(size, page_id), Origin("raw", 0, 1),
                                               now=NOW).messages
    return value


def test_an_article_too_large_to_publish_is_a_dead_letter_and_never_a_canonical() -> None:
    stage = DedupStage(Deduper(DedupState.in_memory()), dlq_payload_bytes=1 << 20,
                       max_message_bytes=LIMIT)
    large = candidate("big-1", LIMIT + 2000)
    decided = stage.run(large, Origin("articles.dedup", 0, 4), now=NOW)
    assert decided.decision is None
    (delivery,) = decided.deliveries
    letter = delivery.record
    assert (delivery.destination, delivery.key) == ("dlq", "big-1")
    assert (letter["reason"], letter["stage"], letter["source_id"]) == (
        "too_large", "publish", "big-1")
    assert fits(letter) and delivery.value == records.dumps(letter)
    assert letter["payload_truncated"] and large.startswith(letter["payload"].encode())
    # Its copy, small enough, is then the story's canonical: the large one was never stored.
    again = stage.run(orjson.dumps({**orjson.loads(large), "article": {
        **orjson.loads(large)["article"], "id": "big-2", "source_id": "big-2",
        "story_id": "big-2", "text": "A short text."}}), Origin("articles.dedup", 0, 5), now=NOW)
    assert again.decision is not None and again.decision.canonical


def test_a_notice_too_large_to_publish_is_a_dead_letter_for_its_page() -> None:
    stage = DedupStage(Deduper(DedupState.in_memory()), max_message_bytes=LIMIT)
    first = stage.run(candidate("x" * 4800, 5800), now=NOW)
    assert first.decision is not None and first.decision.canonical
    copy = candidate("y" * 4800, 5800)  # same text: its notice quotes both long ids
    decided = stage.run(copy, Origin("articles.dedup", 0, 6), now=NOW)
    (delivery,) = decided.deliveries
    assert delivery.destination == "dlq"
    assert (delivery.record["reason"], delivery.record["stage"]) == ("too_large", "publish")
    assert fits(delivery.record)


def test_outputs_that_fit_are_sent_as_measured() -> None:
    stage = DedupStage(Deduper(DedupState.in_memory()), max_message_bytes=LIMIT)
    decided = stage.run(candidate("s1", 3000), now=NOW)
    assert decided.deliveries and all(d.value == records.dumps(d.record)
                                      for d in decided.deliveries)
