"""Synthetic raw pages for tests and benchmarks: many distinct stories, copies, bad messages.

Stories are random word sequences drawn from the vocabulary of the bundled sample pages, so
two stories share almost no shingles while a copy (re-wrapped, a paragraph dropped, digits
as Arabic-Indic) stays close to its original. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import orjson

from khabar.agents.samples import pages_by_script

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
WRAPPERS = {
    "ar": ("اقرأ أيضاً: {headline}", "المصدر: وكالات", "كلمات دلالية: {tags}",
           "© 2026 جميع الحقوق محفوظة"),
    "en": ("Read more: {headline}", "Tags: {tags}", "Share this article",
           "© 2026 Example Media. All rights reserved."),
}


@dataclass
class Corpus:
    """Raw messages with what each should become (``expect``: article/copy/dead reason)."""

    messages: list[bytes] = field(default_factory=list)
    expect: list[str] = field(default_factory=list)
    ids: list[str | None] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)

    def add(self, payload: bytes, expect: str, page_id: str | None,
            story: str | None = None) -> None:
        self.messages.append(payload)
        self.expect.append(expect)
        self.ids.append(page_id)
        if page_id is not None and story is not None:
            self.story_of[page_id] = story


def _vocabulary() -> dict[str, list[str]]:
    return {lang: sorted({w for page in pages for w in page["text"].split()
                          if w.isalpha() and len(w) > 2})
            for lang, pages in pages_by_script().items()}


class Generator:
    """Makes stories, copies and bad messages; ``seed`` fixes everything."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = _vocabulary()

    def sentence(self, lang: str, words: int) -> str:
        return " ".join(self.rng.choices(self.vocabulary[lang], k=words)) + "."

    def story(self, lang: str, size: int = 2000) -> tuple[str, list[str]]:
        """A headline and paragraphs of about ``size`` characters in all."""
        paragraphs: list[str] = []
        while sum(map(len, paragraphs)) < size:
            count = self.rng.randint(2, 4)
            paragraphs.append(" ".join(self.sentence(lang, self.rng.randint(12, 24))
                                       for _ in range(count)) + f" {self.rng.randint(2, 2026)}")
        return self.sentence(lang, 8).rstrip("."), paragraphs

    def copy(self, lang: str, headline: str, paragraphs: list[str]) -> str:
        """Another outlet's copy: re-wrapped, maybe a paragraph dropped, maybe ٣ for 3."""
        body = list(paragraphs)
        if len(body) > 3 and self.rng.random() < 0.5:
            body.pop(self.rng.randrange(1, len(body)))
        if lang == "ar" and self.rng.random() < 0.5:
            body = [p.translate(ARABIC_INDIC) for p in body]
        read_also, *footer = WRAPPERS[lang]
        middle = len(body) // 2
        lines = [headline, *body[:middle],
                 read_also.format(headline=self.sentence(lang, 7).rstrip(".")), *body[middle:],
                 *(f.format(tags=" ".join(self.rng.choices(self.vocabulary[lang], k=3)))
                   for f in footer)]
        return "\n\n".join(lines)

    def corpus(self, stories: int, copies_per_story: float = 0.3, bad: int = 20,
               size: int = 2000, prefix: str = "syn") -> Corpus:
        """``stories`` distinct stories, copies of about ``copies_per_story`` of them, and
        ``bad`` malformed messages of every kind, shuffled."""
        entries: list[tuple[bytes, str, str | None, str | None]] = []
        for n in range(stories):
            lang = "ar" if n % 3 else "en"
            headline, paragraphs = self.story(lang, size)
            story_id = f"{prefix}-{n}"
            page = {"id": story_id, "source": f"outlet-{n % 7}", "url":
                    f"https://example.org/{prefix}/{n}", "text": "\n\n".join(
                        [headline, *paragraphs])}
            entries.append((orjson.dumps(page), "article", story_id, story_id))
            if self.rng.random() < copies_per_story:
                copy_id = f"{story_id}-copy"
                copy = {"id": copy_id, "source": f"outlet-{(n + 3) % 7}",
                        "text": self.copy(lang, headline, paragraphs)}
                entries.append((orjson.dumps(copy), "copy", copy_id, story_id))
        for n in range(bad):
            entries.append(self.bad_message(n, prefix))
        self.rng.shuffle(entries)
        corpus = Corpus()
        for payload, expect, page_id, story in entries:
            corpus.add(payload, expect, page_id, story)
        return corpus

    def bad_message(self, n: int, prefix: str) -> tuple[bytes, str, str | None, str | None]:
        """One malformed message; ``expect`` is the dead-letter reason it must get."""
        page_id = f"{prefix}-bad-{n}"
        kind = n % 5
        if kind == 0:
            return b'{"id": "' + page_id.encode() + b'", "text": "unterminated', \
                "dead:invalid_json", None, None
        if kind == 1:
            return orjson.dumps(["not", "an", "object"]), "dead:not_an_object", None, None
        if kind == 2:
            return orjson.dumps({"id": page_id, "text": 12345}), "dead:schema", page_id, None
        if kind == 3:
            return orjson.dumps({"id": page_id, "text": "   \n\n  "}), "dead:empty_text", \
                page_id, None
        return b"\xff\xfe\xfd\x00\x01", "dead:encoding|invalid_json", None, None
