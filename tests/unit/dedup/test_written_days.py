"""Written news days (``tests/data/dedup/day-*.jsonl``): wire items, press releases and their
republished copies (near-verbatim with site furniture, the outlet's own lead, a cut tail,
figures spelled out, and short paraphrased copies with a rewritten headline), beside other
stories of the same event types and write-ups of one event by two reporters, which are not
copies. Every text was written for these tests by writers who did not read the dedup rules.

The rule for a short copy of a long original was chosen on days ``e`` and ``f`` (``f`` set
``corroborated_long_words``); day ``g`` took part in no choice. Each day is decided in order
by one ``Deduper`` and scored pairwise as ``khabar eval`` scores (docs/dedup.md)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.evaluate import dedup_scores
from khabar.agents.dedup.fingerprint import fingerprint
from khabar.agents.dedup.state import DedupState
from khabar.agents.ingest.normalize import normalize

DAYS = Path(__file__).resolve().parents[2] / "data" / "dedup"


def _scores(day: str) -> tuple[float, float]:
    rows = [orjson.loads(line) for line in (DAYS / f"day-{day}.jsonl").read_bytes().splitlines()]
    deduper = Deduper(DedupState.in_memory())
    decided = [{"dup_group": row["group"],
                "story_id": deduper.decide(row["id"], fingerprint(normalize(row["text"])),
                                           i * 60.0, None).story_id}
               for i, row in enumerate(rows)]
    return dedup_scores(decided)


@pytest.mark.parametrize(("day", "recall"), [("e", 0.70), ("f", 0.65)])
def test_the_days_read_while_writing_rules_merge_no_two_stories(day: str,
                                                                recall: float) -> None:
    precision, found = _scores(day)
    assert precision == 1.0 and found >= recall


def test_a_short_copy_meets_its_long_original_filed_before_it() -> None:
    """The long original is filed under its "L" word bands, which the short copy looks up; the
    long text looks up no word bands, so filed after its short copy it is found by 5-grams
    only (docs/dedup.md, limits)."""
    rows = {row["id"]: row for row in map(
        orjson.loads, (DAYS / "day-e.jsonl").read_bytes().splitlines())}
    wire, copy = (fingerprint(normalize(rows[key]["text"]))
                  for key in ("dedup-e-013", "dedup-e-041"))  # a flood toll and a short copy
    assert copy.short and not wire.short
    deduper = Deduper(DedupState.in_memory())
    assert deduper.decide("wire", wire, 0.0, None).canonical
    assert deduper.decide("copy", copy, 60.0, None).duplicate_of == "wire"
    later = Deduper(DedupState.in_memory())
    assert later.decide("copy", copy, 0.0, None).canonical
    assert later.decide("wire", wire, 60.0, None).canonical


def test_the_day_that_chose_nothing() -> None:
    """Its one false join is an independent short write-up of a market fire that shares two
    figures and 65 % of its long words with a short paraphrased copy (the rule for two short
    texts); its copies of long originals are found."""
    precision, found = _scores("g")
    assert precision >= 0.89 and found >= 0.72
