"""Record builders agree with the JSON Schemas that downstream services validate against."""

from __future__ import annotations

import base64

import jsonschema
import pytest

from khabar.streams import records


def test_dead_letter_keeps_bytes_as_text_or_base64() -> None:
    text = records.dead_letter(reason="invalid_json", error="bad", payload=b"{oops",
                               payload_limit=100, source_id=None, topic="t", partition=1,
                               offset=2, failed_at=records.iso_now())
    binary = records.dead_letter(reason="encoding", error="bad", payload=b"\xff\xfe" * 100,
                                 payload_limit=10, source_id=None, topic="t", partition=1,
                                 offset=3, failed_at=records.iso_now())
    assert text["payload"] == "{oops" and text["payload_encoding"] == "utf-8"
    assert base64.b64decode(binary["payload"]) == b"\xff\xfe" * 5
    assert binary["payload_truncated"] and binary["payload_bytes"] == 200
    for record in (text, binary):
        jsonschema.validate(record, records.schema_for("dead_letter"))


def test_unknown_reason_is_refused() -> None:
    with pytest.raises(ValueError):
        records.dead_letter(reason="whatever", error="", payload=b"", payload_limit=1,
                            source_id=None, topic=None, partition=None, offset=None,
                            failed_at=records.iso_now())


def test_schemas_reject_a_wrong_record() -> None:
    notice = records.duplicate(id="a", source_id="a", url=None, source=None, title=None,
                               duplicate_of="b", similarity=0.9, method="near", story_id="b",
                               ingested_at=records.iso_now())
    jsonschema.validate(notice, records.schema_for("duplicate"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**notice, "method": "fuzzy"}, records.schema_for("duplicate"))
