"""The dedup_docs changelog codecs: faust's JSON on the wire, and any bytes read as a value."""

from __future__ import annotations

import base64

import pytest
from faust.serializers import codecs

from khabar.streams.hooks.codecs import KEY_CODEC, UNREADABLE_KEY, UNREADABLE_VALUE, VALUE_CODEC

DOC = {"t": 1795168800, "h": "ab", "s": "AAAA", "n": 3, "v": "w5p128b32r2s1", "st": "a1",
       "src": "وكالة", "d": [True, "a1", None, None, None, 1]}


@pytest.mark.parametrize("value", ["a1", "article#2", "وكالة-1", DOC, None, [1, "x"]])
def test_they_write_and_read_what_fausts_json_codec_does(value: object) -> None:
    written = codecs.dumps("json", value)
    assert codecs.dumps(KEY_CODEC, value) == codecs.dumps(VALUE_CODEC, value) == written
    assert codecs.loads(VALUE_CODEC, written) == codecs.loads("json", written) == value
    if isinstance(value, str):
        assert codecs.loads(KEY_CODEC, written) == value


@pytest.mark.parametrize("key", [b'{"a": 1}', b"[1]", b"7", b"null"])
def test_a_key_that_is_no_string_is_read_as_one(key: bytes) -> None:
    assert codecs.loads(KEY_CODEC, key) == UNREADABLE_KEY + base64.b64encode(key).decode()


@pytest.mark.parametrize("data", [b"\xff{not json", b"{", b"", b'"unterminated'])
def test_bytes_fausts_codec_refuses_are_read_as_a_value(data: bytes) -> None:
    with pytest.raises(ValueError):
        codecs.loads("json", data)
    encoded = base64.b64encode(data).decode()
    assert codecs.loads(KEY_CODEC, data) == UNREADABLE_KEY + encoded
    assert codecs.loads(VALUE_CODEC, data) == {UNREADABLE_VALUE: encoded}
