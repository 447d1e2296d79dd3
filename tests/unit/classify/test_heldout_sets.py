"""The labelled sets written for khabar (``tests/data/heldout/``) through the batch pipeline.

Files ``a`` to ``v`` and ``x`` of each language were each scored once as unseen text and the
taxonomy was then adjusted on their errors, so they hold it to what it has learnt; files
``w`` and ``y`` (one day of a general newspaper) were never read while writing rules, and
their figures are the ones to compare with unseen outlets (docs/classification.md). A floor
here guards against a rule that wins on the development sets and loses these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from khabar.agents.cli import _stages
from khabar.agents.evaluate import evaluate
from khabar.streams.settings import Settings

HELD_OUT = Path(__file__).resolve().parents[2] / "data" / "heldout"


def _scores(*names: str) -> dict[str, Any]:
    rows = [orjson.loads(line) for name in names
            for line in (HELD_OUT / name).read_bytes().splitlines() if line.strip()]
    report = evaluate(rows, *_stages(Settings()))
    assert report["dead_letters"] == 0
    return report["classification"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_label_of_the_adjusted_files_keeps_precision_and_f1(lang: str) -> None:
    scores = _scores(*(f"{lang}-{part}.jsonl" for part in "abcdefghijklmnopqrstuvx"))[lang]
    for label, s in scores["labels"].items():
        assert s["precision"] >= 0.9 and s["f1"] >= 0.9, (label, s)
    assert scores["macro_f1"] >= 0.95
