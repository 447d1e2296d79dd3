"""Pairwise dedup precision and recall, the figure ``khabar eval`` reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def dedup_scores(rows: Iterable[Mapping[str, Any]]) -> tuple[float, float]:
    """Pairwise precision and recall of predicted stories against the true copy groups.

    Each row has ``dup_group`` (the true group, or None for an article with no copy) and
    ``story_id`` (the predicted canonical: the article's own id when it came out canonical, the
    ``duplicate_of`` id otherwise). Over every unordered pair of rows:

    - predicted pair: both rows have the same ``story_id``;
    - true pair: both rows have the same non-null ``dup_group``;
    - precision = |predicted and true| / |predicted|, recall = |predicted and true| / |true|.

    A story that merges two groups costs precision for every cross pair; a group split in two
    stories costs recall for every pair across the split. Either is 1.0 when its denominator is
    empty (nothing predicted, or no copies in the data).
    """
    stories: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    for row in rows:
        story, group = row["story_id"], row["dup_group"]
        stories[story] += 1
        if group is not None:
            groups[group] += 1
            both[(group, story)] += 1
    predicted = sum(_pairs(n) for n in stories.values())
    true = sum(_pairs(n) for n in groups.values())
    hit = sum(_pairs(n) for n in both.values())
    return (hit / predicted if predicted else 1.0, hit / true if true else 1.0)
