"""parse_raw: every rejection has its reason; ids are derived when missing."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from khabar.agents.ingest import raw
from khabar.agents.ingest.core import IngestError, RawPage, ingest, parse_raw
from khabar.agents.ingest.raw import clean_chars

MAX = 10_000

REJECTIONS = [
    ("too-large", b'{"text": "' + b"x" * MAX + b'"}', "too_large"),
    ("too-large-before-json", b"\xff" * (MAX + 1), "too_large"),
    ("encoding", b"\xff\xfe\xfa\x80\x81", "encoding"),
    ("invalid-json", b'{"text": ', "invalid_json"),
    ("empty-payload", b"", "invalid_json"),
    ("deep-json", b"[" * 5000 + b"]" * 5000, "invalid_json"),
    ("array", b'["text"]', "not_an_object"),
    ("string", b'"text"', "not_an_object"),
    ("number-title", b'{"text": "abc", "title": 3}', "schema"),
    ("list-text", b'{"text": ["abc"]}', "schema"),
    ("object-id", b'{"id": {}, "text": "abc"}', "schema"),
    ("no-text", b'{"id": "a"}', "empty_text"),
    ("blank-text", b'{"id": "a", "text": "  \\n ", "html": ""}', "empty_text"),
    ("controls-only", b'{"id": "a", "text": "\\u0000\\u0001"}', "empty_text"),
]


@pytest.mark.parametrize(("name", "payload", "reason"), REJECTIONS, ids=[r[0] for r in REJECTIONS])
def test_rejections(name: str, payload: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        parse_raw(payload, max_bytes=MAX)
    assert info.value.reason == reason
    assert info.value.message


def test_fields_and_control_characters() -> None:
    page = parse_raw(
        orjson.dumps(
            {"id": "x1", "url": "https://e.example/a", "text": "a\u0000b\r\nc\td\x85", "lang": None}
        ),
        max_bytes=MAX,
    )
    assert page == RawPage(id="x1", url="https://e.example/a", text="ab\nc\td")


def test_clean_text_is_returned_as_is() -> None:
    # clean_chars skips its regexes when the text is printable (newlines aside): every
    # character they remove or rewrite must be one that is not printable.
    touched = [chr(c) for c in range(0x10000)
               if raw._CONTROLS.match(chr(c)) or raw._NEWLINES.match(chr(c))]
    assert "\r" in touched and not any(ch.isprintable() for ch in touched)
    assert clean_chars("نص\n\ntext «x»") == "نص\n\ntext «x»"


def test_invalid_utf8_is_replaced_when_something_is_readable() -> None:
    page = parse_raw(b'{"text": "caf\xe9 ok"}', max_bytes=MAX)
    assert page.text == "caf\ufffd ok"


@pytest.mark.parametrize(
    ("payload", "prefix"),
    [
        ({"url": "https://e.example/a", "text": "t"}, "url:"),
        ({"text": "some text"}, "sha1:"),
        ({"id": "  ", "html": "<p>x</p>"}, "sha1:"),
    ],
)
def test_derived_ids(payload: dict, prefix: str) -> None:
    page = parse_raw(orjson.dumps(payload), max_bytes=MAX)
    assert page.id.startswith(prefix) and len(page.id) == len(prefix) + 16
    assert parse_raw(orjson.dumps(payload), max_bytes=MAX).id == page.id


@settings(deadline=None)  # the first html page imports trafilatura
@given(st.binary(max_size=300))
def test_any_bytes_give_articles_or_one_ingest_error(payload: bytes) -> None:
    try:
        articles = ingest(parse_raw(payload, max_bytes=200))
    except IngestError:
        return
    assert articles


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "text", "html", "title", "url", "lang"]), st.text()))
def test_any_json_object_gives_articles_or_one_ingest_error(obj: dict) -> None:
    try:
        articles = ingest(parse_raw(orjson.dumps(obj), max_bytes=MAX))
    except IngestError:
        return
    assert all(a.text and a.norm_text for a in articles)


def _decoded_loads(payload: bytes) -> object:
    """What parse_raw parses: the payload past a leading byte-order mark, decoded with
    replacement, checked, then orjson."""
    decoded = payload.removeprefix(raw.BOM).decode("utf-8", errors="replace")
    if "\ufffd" in decoded and not raw._READABLE.search(decoded):
        return ("encoding",)
    try:
        return orjson.loads(decoded)
    except orjson.JSONDecodeError as exc:
        return ("invalid_json", exc.msg)


_JSON_BYTES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
).map(orjson.dumps)


@settings(max_examples=300)
@given(_JSON_BYTES | st.binary(max_size=80)
       | st.tuples(_JSON_BYTES, st.integers(0, 200), st.binary(min_size=1, max_size=3)).map(
           lambda t: t[0][:t[1]] + t[2] + t[0][t[1]:]))
@example(orjson.dumps("\ufffd")).via("nothing readable but a replacement character")
@example(b'["\xff", "a"]').via("invalid UTF-8, readable")
@example(b'{"text": "x"').via("truncated")
def test_loads_equals_parsing_the_decoded_payload(payload: bytes) -> None:
    """The bytes fast path of ``_loads`` gives the value, or the rejection, of the slow path."""
    try:
        got: object = raw._loads(payload)
    except IngestError as exc:
        got = (exc.reason, exc.message.removeprefix("payload is not valid JSON: ")) \
            if exc.reason == "invalid_json" else (exc.reason,)
    assert got == _decoded_loads(payload)


def test_a_byte_order_mark_before_the_page_is_read_past() -> None:
    page = parse_raw(b"\xef\xbb\xbf" + orjson.dumps({"id": "bom", "text": "abc"}), max_bytes=MAX)
    assert (page.id, page.text) == ("bom", "abc")


ID_REJECTIONS = [
    ("schema", b'{"id": "p7", "text": "abc", "title": 3}', "schema", "p7"),
    ("schema-id-from-url", b'{"url": "https://e.example/z", "text": 5}', "schema",
     "url:" + raw._sha1("https://e.example/z")),
    ("schema-id-itself", b'{"id": 7, "text": "abc"}', "schema", None),
    ("empty-text", b'{"id": " p8 ", "text": " "}', "empty_text", "p8"),
    ("empty-text-bom", b'\xef\xbb\xbf{"id": "p9"}', "empty_text", "p9"),
    ("too-large-id-last", b'{"text": "' + b"x" * MAX + b'", "id": "p10"}', "too_large", "p10"),
    ("too-large-bom", b'\xef\xbb\xbf{"id": "p11", "text": "' + b"x" * MAX + b'"}', "too_large",
     "p11"),
    ("too-large-not-json", b'{"id": "p12", "text": "' + b"x" * MAX, "too_large", None),
    ("too-large-array", b'["' + b"x" * MAX + b'"]', "too_large", None),
    ("invalid-json", b'{"id": "p13", "text": ', "invalid_json", None),
    ("not-an-object", b'["p14"]', "not_an_object", None),
    ("encoding", b"\xff\xfe\xfa\x80\x81", "encoding", None),
]


@pytest.mark.parametrize(("name", "payload", "reason", "source_id"), ID_REJECTIONS,
                         ids=[r[0] for r in ID_REJECTIONS])
def test_a_rejection_names_the_page_when_its_id_can_be_read(
        name: str, payload: bytes, reason: str, source_id: str | None) -> None:
    with pytest.raises(IngestError) as info:
        parse_raw(payload, max_bytes=MAX)
    assert (info.value.reason, info.value.source_id) == (reason, source_id)


@pytest.mark.parametrize(("value", "normalised"), [
    ("Thu, 12 Mar 2015 08:00:00 +0300", "2015-03-12T05:00:00Z"),
    (1426147200, "2015-03-12T08:00:00Z"),
    ("last Tuesday", None),
])
def test_published_at_is_normalised_and_kept_as_written(value: str | int,
                                                        normalised: str | None) -> None:
    page = parse_raw(orjson.dumps({"id": "d", "text": "abc", "published_at": value}),
                     max_bytes=MAX)
    assert (page.published_at, page.published_at_raw) == (normalised, value)


def test_published_at_may_be_a_number_but_not_a_boolean() -> None:
    with pytest.raises(IngestError) as info:
        parse_raw(b'{"id": "d", "text": "abc", "published_at": true}', max_bytes=MAX)
    assert (info.value.reason, info.value.source_id) == ("schema", "d")
