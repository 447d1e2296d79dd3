"""JSON codecs for the ``dedup_docs`` changelog that read any bytes.

faust reads a table's changelog through the table's key and value codecs. A record that its
codec cannot read (not UTF-8, not JSON) is skipped with an "Error in recovery" warning, and
its offset is never counted as read: when it is the changelog's last record, the recovery
waits for it forever and the worker never becomes ready, and nothing is decided until the
changelog grows, which needs that worker. These codecs write what faust's ``json`` codec
writes, byte for byte, and read what it cannot into a value the dedup code refuses as a
value: the record is replayed, counted as a replay failure, and the recovery ends.
"""

from __future__ import annotations

import base64
from typing import Any

from faust.serializers import codecs
from faust.tables.base import Collection

#: Registered names: set them as a table's ``key_serializer`` and ``value_serializer``.
KEY_CODEC = "khabar_json_key"
VALUE_CODEC = "khabar_json_value"
#: A key that is not a JSON string becomes this prefix and the base64 of its bytes.
UNREADABLE_KEY = "unreadable:"
#: A value that could not be read becomes ``{UNREADABLE_VALUE: base64 of its bytes}``.
UNREADABLE_VALUE = "unreadable"


class _Key(codecs.json):
    """A key is an article id: anything else (not JSON, or JSON but not a string, which could
    not even be a dictionary key) is read as a string that says what it was."""

    def _loads(self, s: bytes) -> Any:
        try:
            key = super()._loads(s)
        except ValueError:  # UnicodeDecodeError and every JSON decoder's error
            key = None
        if isinstance(key, str):
            return key
        return UNREADABLE_KEY + base64.b64encode(bytes(s)).decode("ascii")


class _Value(codecs.json):
    def _loads(self, s: bytes) -> Any:
        try:
            return super()._loads(s)
        except ValueError:
            return {UNREADABLE_VALUE: base64.b64encode(bytes(s)).decode("ascii")}


codecs.register(KEY_CODEC, _Key())
codecs.register(VALUE_CODEC, _Value())


def read_any_bytes(table: Collection) -> None:
    """Read ``table``'s changelog with these codecs: JSON as before, but a record that is not
    becomes a value the table's user refuses, instead of one faust's recovery skips and then
    waits for. faust sets a table's codecs from its key and value types when it is made."""
    table.key_serializer, table.value_serializer = KEY_CODEC, VALUE_CODEC
