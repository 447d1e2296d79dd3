"""Dedup on the two labelled dev sets (read at run time), pairwise as ``khabar eval`` scores it.

The dev set's copy groups include rewritten copies whose shingles alone fall below the plain
threshold, and template releases about different events that must stay apart; the second dev
set has no copies at all, so any story it forms is a false merge.
"""

from __future__ import annotations

import orjson
import pytest

from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.evaluate import dedup_scores
from khabar.agents.dedup.fingerprint import fingerprint
from khabar.agents.dedup.state import DedupState
from khabar.agents.ingest.core import RawPage, ingest
from tests.shared_data import DEV_SET, shared_path


def _scores(relative: str) -> tuple[float, float, int]:
    rows = [orjson.loads(line) for line in shared_path(relative).read_bytes().splitlines()]
    deduper = Deduper(DedupState.in_memory())
    scored = []
    for n, row in enumerate(rows):
        article = ingest(RawPage(id=row["id"], source=row["source"], text=row["text"]))[0]
        decision = deduper.decide(row["id"], fingerprint(article.norm_text), float(n), None)
        scored.append({"dup_group": row["dup_group"], "story_id": decision.story_id})
    precision, recall = dedup_scores(scored)
    return precision, recall, sum(row["dup_group"] is not None for row in rows)


def test_dev_copy_groups_are_found_and_templates_kept_apart() -> None:
    precision, recall, grouped = _scores(DEV_SET)
    assert grouped > 60
    assert precision >= 0.99 and recall >= 0.99


def test_second_dev_set_forms_no_story() -> None:
    precision, _, grouped = _scores("dev2/articles.jsonl")
    assert grouped == 0
    assert precision == pytest.approx(1.0)
