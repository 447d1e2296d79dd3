"""Written news days (``tests/data/dedup/day-*.jsonl``): wire items, press releases and their
republished copies (near-verbatim with site furniture, the outlet's own lead, a cut tail,
figures spelled out, and short paraphrased copies with a rewritten headline), beside other
stories of the same event types and write-ups of one event by two reporters, which are not
copies. Every text was written for these tests by writers who did not read the dedup rules.

The rules for a short copy of a long original were chosen on these days: ``f`` set
``corroborated_long_words``, ``e`` to ``h`` ``many_figures_words``, and ``h`` the number of
word bands a long text is filed under (docs/dedup.md gives ``h``'s figures without those
rules); the figures read in full (thousands, multipliers, separators) were written on the
misses of ``e`` to ``j``, and ``k`` chose four figures for two short texts. Day ``l`` was read
after every rule and took part in no choice. Each day is decided in order by one ``Deduper``
and scored pairwise as ``khabar eval`` scores (docs/dedup.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from khabar.agents.dedup.core import (
    DEFAULT_CORROBORATED_LONG_WORDS,
    MANY_FIGURES,
    MIN_WORD_HITS,
    Deduper,
)
from khabar.agents.dedup.evaluate import dedup_scores
from khabar.agents.dedup.fingerprint import (
    WORD_BANDS,
    Fingerprint,
    figures,
    fingerprint,
    word_containment,
)
from khabar.agents.dedup.state import DedupState
from khabar.agents.ingest.normalize import normalize

DAYS = Path(__file__).resolve().parents[2] / "data" / "dedup"


def _rows(day: str) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (DAYS / f"day-{day}.jsonl").read_bytes().splitlines()]


def _scores(day: str) -> tuple[float, float]:
    deduper = Deduper(DedupState.in_memory())
    decided = [{"dup_group": row["group"],
                "story_id": deduper.decide(row["id"], fingerprint(normalize(row["text"])),
                                           i * 60.0, None).story_id}
               for i, row in enumerate(_rows(day))]
    return dedup_scores(decided)


def _day(day: str) -> dict[str, Fingerprint]:
    return {row["id"]: fingerprint(normalize(row["text"])) for row in _rows(day)}


@pytest.mark.parametrize(("day", "recall"), [
    ("e", 0.90), ("f", 0.85), ("h", 0.79), ("i", 0.53), ("j", 1.0), ("k", 0.70),
])
def test_the_days_merge_no_two_stories(day: str, recall: float) -> None:
    precision, found = _scores(day)
    assert precision == 1.0 and found >= recall


@pytest.mark.parametrize(("wire", "copy"), [
    ("dedup-h-003", "dedup-h-017"),  # a flood toll: six figures, 49 % of the copy's words
    ("dedup-h-012", "dedup-h-031"),  # a boat capsized: three figures, 55 %
])
def test_a_short_copy_that_keeps_three_figures_joins_with_half_its_words(wire: str,
                                                                         copy: str) -> None:
    """Found under none of the first eight of the long text's word bands, and joined by the
    figures."""
    texts = _day("h")
    long, short = texts[wire], texts[copy]
    assert figures(short, long).agree(MANY_FIGURES, years=False)
    assert word_containment(long, short) < DEFAULT_CORROBORATED_LONG_WORDS
    shared = {int(k[1:k.index(".")]) for k in set(long.bands) & set(short.probes())
              if k[0] == "L"}
    assert shared and min(shared) >= WORD_BANDS // 2
    deduper = Deduper(DedupState.in_memory())
    assert deduper.decide(wire, long, 0.0, None).canonical
    assert deduper.decide(copy, short, 60.0, None).duplicate_of == wire
    strict = Deduper(DedupState.in_memory(),
                     many_figures_words=DEFAULT_CORROBORATED_LONG_WORDS)
    strict.decide(wire, long, 0.0, None)
    assert strict.decide(copy, short, 60.0, None).canonical


def test_a_short_copy_and_its_long_original_meet_in_either_order() -> None:
    """The long original is filed under its "L" word bands, all of which a short copy looks
    up; a long text filed after its short copy looks up the first ``LONG_PROBE_WORD_BANDS``
    of the short texts' "w" bands and verifies a short text that shares two of them."""
    texts = _day("e")
    for wire, copy, either_order in [("dedup-e-003", "dedup-e-023", True),  # two bands
                                     ("dedup-e-013", "dedup-e-041", False)]:  # one band
        long, short = texts[wire], texts[copy]
        assert short.short and not long.short
        shared = {k for k in long.probes() if k[0] == "w"} & set(short.bands)
        assert (len(shared) >= MIN_WORD_HITS) is either_order
        deduper = Deduper(DedupState.in_memory())
        assert deduper.decide("wire", long, 0.0, None).canonical
        assert deduper.decide("copy", short, 60.0, None).duplicate_of == "wire"
        later = Deduper(DedupState.in_memory())
        assert later.decide("copy", short, 0.0, None).canonical
        assert later.decide("wire", long, 60.0, None).canonical is not either_order


def test_the_day_with_a_false_join_keeps_its_figures() -> None:
    """Its one false join is an independent short write-up of a market fire that shares two
    figures and 65 % of its long words with a short paraphrased copy (the rule for two short
    texts); its copies of long originals are found."""
    precision, found = _scores("g")
    assert 0.91 <= precision < 1.0 and found >= 0.91


def test_the_day_that_chose_nothing() -> None:
    """Read once, after every rule above, with no rule written on its misses."""
    precision, found = _scores("l")
    assert precision == 1.0 and found >= 0.60
