"""Bundled sample pages through ingest and classify: the labels a desk would expect."""

from __future__ import annotations

import orjson
import pytest

from agents.classify.core import Classifier
from agents.ingest.core import ingest, parse_raw
from agents.samples import raw_messages


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier.from_file()


def _sample(page_id: str) -> bytes:
    for line in raw_messages():
        try:
            page = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue  # the samples include malformed pages on purpose
        if isinstance(page, dict) and page.get("id") == page_id:
            return line
    raise AssertionError(f"no sample {page_id}")


def test_electoral_commission_opening_candidacies_is_elections(clf: Classifier) -> None:
    # «اللجنة المستقلة للانتخابات» and «الترشح للانتخابات البلدية»: ل + ال before the word
    main = ingest(parse_raw(_sample("sample-ar-17"), max_bytes=1 << 20))[0]
    result = clf.classify(title=main.title, text=main.text, lang=main.lang)
    assert result.labels == ["elections"], result.scores
