"""Record builders agree with the JSON Schemas that downstream services validate against."""

from __future__ import annotations

import base64
from unittest.mock import ANY

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


def _letter(payload: bytes, max_bytes: int | None, *, limit: int = 1 << 20,
            source_id: str | None = "page-1", error: str = "too big") -> records.Record:
    return records.dead_letter(reason="too_large", error=error, payload=payload,
                               payload_limit=limit, source_id=source_id, topic="articles.raw",
                               partition=0, offset=5, failed_at=records.iso_now(),
                               stage="publish", max_bytes=max_bytes)


def _size(letter: records.Record) -> int:
    return records.message_size(letter["source_id"], records.dumps(letter))


@pytest.mark.parametrize("payload", [
    b'{"id": "page-1", "text": "' + "نص عربي ".encode() * 3000 + b'"}',
    b"\x01\x02\x1f" * 9000,  # control characters: six bytes each once encoded
    b'"\\' * 9000,  # quotes and backslashes: two bytes each
    b"\xff\xfe" * 9000,  # not UTF-8: base64
])
def test_a_dead_letter_is_cut_to_fit_the_message_limit(payload: bytes) -> None:
    letter = _letter(payload, 4096)
    assert _size(letter) <= 4096 < _size(_letter(payload, None))
    assert letter["payload_truncated"] and letter["payload_bytes"] == len(payload)
    assert letter["source_id"] == "page-1"
    kept = (base64.b64decode(letter["payload"]) if letter["payload_encoding"] == "base64"
            else letter["payload"].encode())
    assert payload.startswith(kept) and len(kept) > 600  # a sixth of the limit at worst
    jsonschema.validate(letter, records.schema_for("dead_letter"))


def test_a_dead_letter_that_fits_is_left_whole() -> None:
    payload = b'{"id": "page-1", "text": "short"}'
    assert _letter(payload, 4096) == {**_letter(payload, None), "failed_at": ANY}
    assert not _letter(payload, 4096)["payload_truncated"]


def test_a_cut_through_a_character_keeps_the_text_up_to_it() -> None:
    payload = "ب".encode() * 100  # two bytes a character
    letter = _letter(payload, None, limit=51)
    assert (letter["payload"], letter["payload_encoding"]) == ("ب" * 25, "utf-8")


def test_a_source_id_too_long_to_fit_is_left_out_rather_than_the_letter_refused() -> None:
    letter = _letter(b"{}", 4096, source_id="x" * 5000)
    assert letter["source_id"] is None and _size(letter) <= 4096


def test_every_output_record_carries_the_schema_version() -> None:
    notice = records.duplicate(id="a", source_id="a", url=None, source=None, title=None,
                               duplicate_of="b", similarity=1.0, method="exact", story_id="b",
                               ingested_at=records.iso_now())
    for kind, record in (("duplicate", notice), ("dead_letter", _letter(b"", None))):
        assert record["schema_version"] == records.SCHEMA_VERSION
        jsonschema.validate(record, records.schema_for(kind))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**record, "schema_version": records.SCHEMA_VERSION + 1},
                                records.schema_for(kind))
        without = {k: v for k, v in record.items() if k != "schema_version"}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(without, records.schema_for(kind))
    for kind in ("article", "duplicate", "dead_letter"):
        schema = records.schema_for(kind)
        assert "schema_version" in schema["required"]
        assert schema["properties"]["schema_version"]["const"] == records.SCHEMA_VERSION
