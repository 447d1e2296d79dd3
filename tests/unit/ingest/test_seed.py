"""The seed page (read from ../shared/data at run time) comes out as exactly two articles."""

from __future__ import annotations

import pytest

from khabar.agents.ingest.core import RawPage, ingest
from tests.shared_data import SEED_PAGE, shared_path


def _lines(path_text: str) -> list[str]:
    return path_text.split("\n")


@pytest.fixture(scope="module")
def seed() -> list[str]:
    return shared_path(SEED_PAGE).read_text(encoding="utf-8").split("\n")


def _numbered(seed: list[str], numbers: list[int]) -> list[str]:
    """Lines by their 1-based number, as ``grep -n`` prints them, stripped."""
    return [seed[n - 1].strip() for n in numbers]


def test_seed_page_is_two_articles(seed: list[str]) -> None:
    articles = ingest(RawPage(id="seed-1", source="alkhaleej-aljadeed", text="\n".join(seed)))
    assert [a.id for a in articles] == ["seed-1", "seed-1#2"]
    main, second = articles
    assert main.title is None
    assert second.title == seed[70].strip()
    assert {a.lang for a in articles} == {"ar"}
    assert all(a.source_id == "seed-1" and a.source == "alkhaleej-aljadeed" for a in articles)

    boilerplate = _numbered(
        seed, [17, 19, 37, 39, 59, 61, 63, 65, 67, 69, *range(121, len(seed) + 1)]
    )
    for article in articles:
        lines = set(article.text.split("\n"))
        assert not lines & {line for line in boilerplate if line}

    main_body = [line for line in _numbered(seed, list(range(1, 56))) if line]
    body_lines = [line for line in main_body if line not in _numbered(seed, [17, 19, 37, 39])]
    assert [line for line in main.text.split("\n") if line] == body_lines

    second_body = [line for line in _numbered(seed, list(range(71, 120))) if line]
    assert [line for line in second.text.split("\n") if line] == second_body
