"""Bundled sample pages through ingest and classify: the labels a desk would expect."""

from __future__ import annotations

import orjson
import pytest

from khabar.agents.classify.core import Classifier
from khabar.agents.ingest.core import ingest, parse_raw
from khabar.agents.samples import raw_messages


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


# Our own page: an election story whose headline and first paragraph carry the label.
STORY = [
    "فتح باب الترشح للانتخابات البلدية في الولاية",
    "أعلنت اللجنة المستقلة للانتخابات فتح باب الترشح للانتخابات البلدية المقررة في الربيع، "
    "ودعت الأحزاب إلى إيداع قوائم مرشحيها خلال أسبوعين.",
    "وقال رئيس اللجنة إن المكاتب ستستقبل الملفات كل يوم من الصباح حتى المساء.",
    "وأضاف أن العمل جار لتجهيز المقرات وتدريب الموظفين على الإجراءات الجديدة.",
]
MENUS = [
    ["الرئيسية | محليات | عربي ودولي | اقتصاد | رياضة | منوعات"],
    ["أخبار", "سياسة", "اقتصاد", "رياضة"],
    ["الرئيسية الأخبار المحلية الاقتصاد الرياضة الثقافة"],
]


@pytest.mark.parametrize("menu", MENUS, ids=["pipes", "one-per-line", "names"])
def test_a_menu_at_the_head_does_not_take_the_lead(clf: Classifier, menu: list[str]) -> None:
    def scores(lines: list[str]) -> dict[str, float]:
        page = orjson.dumps({"id": "menu-test", "text": "\n\n".join(lines)})
        main = ingest(parse_raw(page, max_bytes=1 << 20))[0]
        return clf.classify(title=main.title, text=main.text, lang=main.lang).scores

    assert scores(menu + STORY) == scores(STORY)
