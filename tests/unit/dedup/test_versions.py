"""Fingerprint versions in the dedup state, and changelog records that are not docs.

Every doc records the fingerprint version it was filed under; signatures of another version
are neither filed in the LSH buckets nor compared, so during a rolling upgrade's overlap an
article filed under the old version is matched by exact hash only (docs/decisions/010).
"""

from __future__ import annotations

from typing import Any

import pytest

from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.fingerprint import (
    BAND_SCHEME,
    VERSION,
    Fingerprint,
    Undecodable,
    fingerprint,
)
from khabar.agents.dedup.state import (
    HOUR,
    UNVERSIONED,
    DedupState,
    _filed_keys,
    doc_version,
    is_doc,
)
from khabar.agents.ingest.normalize import normalize

T = 1.8e9
# Written for these tests.
PARAGRAPHS = [
    "Harbour workers in the southern port ended a three day strike on Thursday after the "
    "shipping authority agreed to raise night shift pay and hire two hundred more crane drivers.",
    "Union leaders said the deal also brings new safety checks on the container cranes, which "
    "had been the cause of two accidents in the spring, and a review of overtime rules.",
    "Ships that had waited at anchor outside the breakwater began to dock in the afternoon, "
    "and the authority expects the backlog of cargo to be cleared by the end of next week.",
    "Traders in the city had warned that fresh produce was spoiling in the heat while the "
    "terminals stood idle, and some shops had already run short of imported goods.",
]
STORY = "\n\n".join(PARAGRAPHS)
NEAR_COPY = "\n\n".join(PARAGRAPHS[:3])  # the last paragraph dropped


def fp(text: str) -> Fingerprint:
    return fingerprint(normalize(text))


def written_elsewhere(version: str) -> tuple[str, dict[str, Any]]:
    """The ``dedup_docs`` record of STORY as a worker of ``version`` wrote it."""
    writer = Deduper(DedupState.in_memory())
    writer.decide("old-story", fp(STORY), T, "wire")
    return "old-story", {**writer.state.docs["old-story"], "v": version}


def test_a_decided_doc_records_the_running_version() -> None:
    d = Deduper(DedupState.in_memory())
    d.decide("a1", fp(STORY), T, "wire")
    assert d.state.docs["a1"]["v"] == VERSION == doc_version(d.state.docs["a1"])
    assert doc_version({"t": 0}) == UNVERSIONED  # filed before docs recorded a version


def test_a_near_copy_is_found_against_a_doc_of_the_running_version() -> None:
    """The control for the next test: the same replay, of a doc of the running version."""
    reader = DedupState.in_memory()
    article_id, doc = written_elsewhere(VERSION)
    assert reader.replay([(article_id, doc)], reader.docs.get).failed == []
    reader.docs[article_id] = doc
    decision = Deduper(reader).decide("copy", fp(NEAR_COPY), T + 60, "other")
    assert (decision.canonical, decision.method) == (False, "near")


def test_a_doc_of_another_version_is_matched_by_exact_hash_only() -> None:
    reader = DedupState.in_memory()
    article_id, doc = written_elsewhere("w4p64b16r4s1")
    assert reader.replay([(article_id, doc)], reader.docs.get).changed == 1
    reader.docs[article_id] = doc
    assert reader.buckets == {}  # its band keys are of other parameters: not filed
    assert reader.exact[doc["h"]] == article_id
    d = Deduper(reader)
    near = d.decide("near-copy", fp(NEAR_COPY), T + 60, "other")
    assert near.canonical  # not compared: a second canonical during the overlap
    exact = d.decide("exact-copy", fp(STORY), T + 120, "third")
    assert (exact.canonical, exact.story_id, exact.method) == (False, "old-story", "exact")


def test_a_doc_of_another_version_found_in_a_bucket_is_not_compared() -> None:
    """Buckets a worker filed before its parameters changed may still list old docs."""
    d = Deduper(DedupState.in_memory())
    d.decide("old-story", fp(STORY), T, "wire")
    d.state.docs["old-story"] = {**d.state.docs["old-story"], "v": "w4p64b16r4s1"}
    assert d.decide("near-copy", fp(NEAR_COPY), T + 60, "other").canonical


def test_an_expired_doc_of_another_version_leaves_cleanly() -> None:
    reader = DedupState.in_memory()
    article_id, doc = written_elsewhere("w4p64b16r4s1")
    reader.replay([(article_id, doc)], reader.docs.get)
    reader.docs[article_id] = doc
    d = Deduper(reader, window_seconds=HOUR)
    assert d.expire(T + 3 * HOUR) == 1
    assert reader.exact == {} and reader.stories == {} and article_id not in reader.docs


#: Versions that share the running band scheme, and the fields their docs lacked: before docs
#: had a version (a signature, filed under its bands only), with numbers and a short text's
#: words (and its numbers' key), with its long words (and their bands), and a long text's
#: words filed under eight of its word bands.
EARLIER_RELEASES = {
    UNVERSIONED: ("x", "w", "k", "v"),
    "w5p128b32r2s1x1c16m2t80": ("k",),
    "w5p128b32r2s1x1c16m2t80l5wb16r1k8": ("k",),
    "w5p128b32r2s1x1c16m2t80l5wb16r1k8q2": (),
    "w5p128b32r2s1x2c16m2t80l5wb16r1k8q3": (),
    "w5p128b32r2s1x2c16m2t80l5a1200wb16r1L8k8q4": (),
}
#: How many of a long text's word bands each release filed it under (none kept its words
#: before the one listed).
LONG_TEXT_BANDS_FILED = {"w5p128b32r2s1x2c16m2t80l5a1200wb16r1L8k8q4": 8}
# Written for these tests: short, with figures and enough long words for word bands.
SHORT_ITEM = ("Ferry service to the islands resumes\n\nThe harbour authority said ferries to "
              "the three northern islands will sail again from Tuesday, after 11 days of gales "
              "kept them in port, with 6 crossings a day and 250 extra seats for travellers.")


@pytest.mark.parametrize(("version", "text"), [
    pytest.param(version, text, id=f"{version}-{kind}")
    for version in EARLIER_RELEASES
    for kind, text in (("long", STORY), ("short", SHORT_ITEM))
    if version != UNVERSIONED or kind == "long"  # its release filed no short-text keys
])
def test_an_expired_doc_of_an_earlier_release_leaves_the_buckets_it_filed(version: str,
                                                                        text: str) -> None:
    """The buckets of the worker's store outlive a version change: a doc the earlier release
    filed leaves them when it expires, word bands and numbers' key included."""
    d = Deduper(DedupState.in_memory(), window_seconds=HOUR)
    d.decide("old", fp(text), T, "wire")
    assert d.state.buckets
    doc = {k: v for k, v in d.state.docs["old"].items() if k not in EARLIER_RELEASES[version]}
    if not fp(text).short:  # as that release filed a long text: its words and first bands
        filed = LONG_TEXT_BANDS_FILED.get(version, 0)
        if not filed:
            doc.update({"w": ""} if "w" in doc else {})
        for key in [key for key in d.state.buckets
                    if key.startswith("L") and int(key[1:key.index(".")]) >= filed]:
            del d.state.buckets[key]
    d.state.docs["old"] = {**doc, "v": version} if version != UNVERSIONED else doc
    assert d.expire(T + 3 * HOUR) == 1
    assert d.state.buckets == {}


@pytest.mark.parametrize("text", [STORY, SHORT_ITEM], ids=["long", "short"])
def test_an_expired_doc_of_a_later_release_leaves_the_buckets_it_filed(text: str) -> None:
    """After a rollback, a doc a later release filed with the running scheme's keys (a long
    text under its "L" word bands, a short one under its "w" bands and numbers' key) leaves
    them when it expires."""
    d = Deduper(DedupState.in_memory(), window_seconds=HOUR)
    d.decide("new", fp(text), T, "wire")
    assert any(key[0] in "wL" for key in d.state.buckets)
    d.state.docs["new"] = {**d.state.docs["new"], "v": VERSION + "z"}
    assert d.expire(T + 3 * HOUR) == 1
    assert d.state.buckets == {}


def test_an_expired_short_doc_without_long_words_leaves_its_numbers_bucket() -> None:
    """A release that flags short texts files one without long words under its numbers' key;
    the key is computed again from the flag when the doc expires."""
    d = Deduper(DedupState.in_memory(), window_seconds=HOUR)
    d.decide("old", fp("On Sun the port will shut 12 of its 30 dock cars for a day, and the "
                       "crew of each gets 2 days off."), T, "wire")
    assert not d.state.docs["old"]["w"] and [k for k in d.state.buckets if k.startswith("x.")]
    d.state.docs["old"] = {**d.state.docs["old"], "v": "w5p128b32r2s1x1c16m2t80l5wb16r1k8q2"}
    assert d.expire(T + 3 * HOUR) == 1
    assert d.state.buckets == {}


def test_an_expired_doc_of_another_band_scheme_is_dropped_without_its_keys() -> None:
    d = Deduper(DedupState.in_memory(), window_seconds=HOUR)
    d.decide("old", fp(STORY), T, "wire")
    d.state.docs["old"] = {**d.state.docs["old"], "v": "w4p64b16r4s1", "s": "AAAA"}
    assert d.expire(T + 3 * HOUR) == 1
    assert "old" not in d.state.docs


def test_a_longer_seed_is_another_band_scheme() -> None:
    """A version whose seed merely starts with the running seed's digits (s1 and s12) files its
    docs under other keys: it has none to compute."""
    d = Deduper(DedupState.in_memory())
    d.decide("old", fp(STORY), T, "wire")
    doc = d.state.docs["old"]
    assert _filed_keys(doc)
    assert _filed_keys({**doc, "v": BAND_SCHEME + "2x1c16m2t80"}) == ()


def test_replay_reports_records_that_are_not_docs_and_files_the_others() -> None:
    reader = DedupState.in_memory()
    article_id, doc = written_elsewhere(VERSION)
    replayed = reader.replay(
        [("no-decision", {"t": 1, "h": "ab", "s": "", "n": 0, "st": "x", "src": None}),
         ("a-list", ["not", "a", "doc"]),
         ("bad-signature", {**doc, "s": "!" * len(doc["s"])}),
         (article_id, doc)],
        reader.docs.get)
    assert [failed_id for failed_id, _ in replayed.failed] == [
        "no-decision", "a-list", "bad-signature"]
    assert "not a dedup doc" in replayed.failed[0][1]
    assert "not a dedup doc" in replayed.failed[2][1]  # its fingerprint does not decode
    assert replayed.changed == 1 and reader.exact == {doc["h"]: article_id}
    assert list(reader.stories) == [doc["st"]]


def test_a_doc_replaced_by_a_record_that_is_not_one_leaves_and_expiry_passes_it_over() -> None:
    reader = DedupState.in_memory()
    article_id, doc = written_elsewhere(VERSION)
    for record in (doc, {"t": "yesterday"}):
        assert reader.replay([(article_id, record)], reader.docs.get).changed == 1
        reader.docs[article_id] = record
    assert reader.buckets == {} and reader.exact == {} and reader.stories == {}
    d = Deduper(reader, window_seconds=HOUR)
    assert d.expire(T + 3 * HOUR) == 0  # its id is still in the expiry index
    # A copy decided afterwards is canonical; the id itself cannot be decided again.
    assert d.decide("copy", fp(STORY), T + 60, "other").canonical


def test_decode_says_why_as_a_value() -> None:
    encoded = fp(STORY).encode()
    assert Fingerprint.decode(encoded) == fp(STORY)
    for data, reason in [
        ({**encoded, "v": "w4p64b16r4s1"}, "other_version"),
        ({**encoded, "v": None}, "malformed"),
        ([encoded], "malformed"),
        ({**encoded, "s": encoded["s"][:-8]}, "malformed"),
        ({**encoded, "n": True}, "malformed"),
    ]:
        result = Fingerprint.decode(data)
        assert isinstance(result, Undecodable) and result.reason == reason, data


@pytest.mark.parametrize(("field", "value"), [
    ("w", "not base64!"), ("x", ["7"]), ("x", [2**32]), ("s", "AAAA"),
])
def test_a_stored_doc_whose_fingerprint_does_not_decode_is_no_doc(field: str,
                                                                  value: object) -> None:
    """Replay files only docs whose fingerprint the candidate loop can read back."""
    deduper = Deduper(DedupState.in_memory())
    deduper.decide("a", fp(STORY), 0.0, "wire")
    doc = deduper.state.docs["a"]
    assert is_doc(doc)
    assert not is_doc({**doc, field: value})
