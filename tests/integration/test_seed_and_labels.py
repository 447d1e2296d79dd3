"""On the embedded broker: the seed page comes out as exactly its two articles, and a label
added to the taxonomy file gets its own topic with the matching articles, with no code change.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import orjson
import pytest

from tests.cluster import WorkerProcess, collect, names, publish_messages, settings_for
from tests.shared_data import SEED_PAGE, shared_path
from tests.taxonomies import with_sports_label

pytestmark = pytest.mark.integration

MATCH_REPORT = {
    "id": "sports-1", "source": "test-sport", "title": "Football: late goal settles the derby",
    "text": "The home goalkeeper saved two penalties before a late goal settled the football "
            "derby on Saturday.\n\nThe win lifts the club to second place in the league.",
}


def test_seed_page_and_an_added_label(broker, tmp_path: Path) -> None:
    seed = shared_path(SEED_PAGE).read_text(encoding="utf-8")
    taxonomy = with_sports_label(tmp_path)
    settings = dataclasses.replace(settings_for(broker, tmp_path / "data"), taxonomy=taxonomy)
    topics = names(settings, ["sports"])
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    try:
        publish_messages(settings, [
            orjson.dumps({"id": "seed-1", "source": "alkhaleej-aljadeed", "text": seed}),
            orjson.dumps(MATCH_REPORT),
        ])
        out = collect(
            settings, [topics.enriched, topics.duplicates, topics.dlq, topics.label("sports")],
            until=lambda o: len(o[topics.enriched]) >= 3 and o[topics.label("sports")],
            timeout=120,
        )
    finally:
        worker.stop()
    articles = {a["id"]: a for a in out[topics.enriched]}
    assert set(articles) == {"seed-1", "seed-1#2", "sports-1"}
    assert out[topics.duplicates] == [] and out[topics.dlq] == []
    main, embedded = articles["seed-1"], articles["seed-1#2"]
    assert {"peace_talks", "humanitarian"} <= set(main["labels"])
    assert "elections" not in main["labels"]
    assert {"AZ", "AM", "RU"} <= set(main["countries"])
    assert "elections" in embedded["labels"] and embedded["title"]
    assert embedded["title"] in seed.splitlines()
    for article in (main, embedded):
        assert "اقرأ أيضا" not in article["text"] and "كلمات دلالية" not in article["text"]
    assert [a["id"] for a in out[topics.label("sports")]] == ["sports-1"]
