"""The dev set (read at run time): originals keep their body, variants lose their chrome.

The dev set is a measuring stick, not a source of rules: nothing here names a dev string.
"""

from __future__ import annotations

import orjson
import pytest

from khabar.agents.ingest import markers
from khabar.agents.ingest.core import RawPage, ingest
from khabar.agents.ingest.normalize import fold
from khabar.agents.ingest.raw import clean_chars
from tests.shared_data import DEV_SET, shared_path


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [orjson.loads(line) for line in shared_path(DEV_SET).read_bytes().splitlines()]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in clean_chars(text).split("\n") if line.strip()]


def _output(row: dict) -> list[str]:
    articles = ingest(RawPage(id=row["id"], source=row["source"], text=row["text"]))
    assert len(articles) == 1, "no dev page carries a second article"
    return _lines(articles[0].text)


def test_originals_keep_every_body_line(rows: list[dict]) -> None:
    lost = {}
    for row in rows:
        if row["kind"] != "original":
            continue
        got = set(_output(row))
        # A "link to this story" line is the only site line the originals carry in their body.
        missing = [
            line
            for line in _lines(row["text"])
            if line not in got and not markers.LINK_LINE.match(fold(line))
        ]
        if missing:
            lost[row["id"]] = missing
    assert lost == {}


def test_variants_come_out_as_their_clean_text(rows: list[dict]) -> None:
    report = {}
    for row in rows:
        if row["kind"] != "variant":
            continue
        got, want = _output(row), _lines(row["clean_text"])
        leftover = [line for line in got if line not in want]
        lost = [line for line in want if line not in got]
        if leftover or lost:
            report[row["id"]] = {"leftover": leftover, "lost": lost}
    assert report == {}
