"""The bench corpus: raw pages of 1–8 KB, Arabic and English, ~15% copies, deterministic.

Half the stories come from :class:`agents.samples.synthetic.Generator` (random words from the
sample pages' vocabulary), half are the bundled sample pages perturbed: a sample page of the
language, its long lines with about a third of the words swapped for others of the vocabulary
(so two stories share few 5-gram shingles, as distinct stories do) and lengthened with
perturbed paragraphs of other sample pages up to the drawn size. Short lines (headlines, site
chrome: «اقرأ أيضاً», "Share this article", copyright) are kept verbatim, so ingest sees
realistic boilerplate. Copies are the generator's: re-wrapped, a paragraph dropped, digits as
Arabic-Indic.

    python bench/corpus.py N > pages.jsonl      # N messages as JSON lines
"""

from __future__ import annotations

import math
import sys

import orjson

from khabar.agents.samples import pages_by_script
from khabar.agents.samples.synthetic import Generator

COPY_SHARE = 0.15
SWAP = 0.35


class BenchCorpus:
    """``messages(n)``: n raw messages; ``expect`` says article or copy for each."""

    def __init__(self, seed: int = 11) -> None:
        self.gen = Generator(seed)
        self.rng = self.gen.rng
        self.samples = pages_by_script()

    def _size(self) -> int:
        """Target page size in bytes: log-normal around 2.5 KB, clipped to 1–8 KB."""
        return int(min(8000, max(1000, self.rng.lognormvariate(math.log(2500), 0.5))))

    def _perturb(self, lang: str, line: str) -> str:
        words = line.split()
        if len(words) < 12:
            return line
        vocab = self.gen.vocabulary[lang]
        return " ".join(self.rng.choice(vocab) if self.rng.random() < SWAP else w for w in words)

    def _from_sample(self, lang: str, size: int) -> tuple[str | None, str, list[str]]:
        page = self.rng.choice(self.samples[lang])
        lines = [self._perturb(lang, line) for line in page["text"].split("\n")]
        body = "\n".join(lines)
        extra: list[str] = []
        while len(body.encode()) + sum(len(p.encode()) for p in extra) < size:
            other = self.rng.choice(self.samples[lang])["text"].split("\n\n")
            long = [p for p in other if len(p.split()) >= 12]
            if long:
                extra.append(self._perturb(lang, self.rng.choice(long)))
        if extra:  # before the page's tail, where its chrome sits
            parts = body.split("\n\n")
            cut = max(1, len(parts) - 2)
            body = "\n\n".join([*parts[:cut], *extra, *parts[cut:]])
        title = page.get("title")
        if title:
            title = self._perturb(lang, title + " " + self.gen.sentence(lang, 6))
        headline = title or body.split("\n", 1)[0]
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        return title, headline, paragraphs

    def messages(self, n: int, prefix: str = "b") -> tuple[list[bytes], list[str]]:
        out: list[bytes] = []
        expect: list[str] = []
        copy_p = COPY_SHARE / (1 - COPY_SHARE)
        k = 0
        while len(out) < n:
            lang = "ar" if k % 3 else "en"
            size = self._size()
            page_id = f"{prefix}-{k}"
            if k % 2:
                title, headline, paragraphs = self._from_sample(lang, size)
                text = "\n\n".join(paragraphs)
            else:
                chars = size // 2 if lang == "ar" else size
                headline, paragraphs = self.gen.story(lang, chars)
                title, text = None, "\n\n".join([headline, *paragraphs])
            page = {"id": page_id, "source": f"outlet-{k % 7}",
                    "url": f"https://example.org/{prefix}/{k}", "title": title, "text": text}
            out.append(orjson.dumps(page))
            expect.append("article")
            if len(out) < n and self.rng.random() < copy_p:
                copy = {"id": f"{page_id}-copy", "source": f"outlet-{(k + 3) % 7}",
                        "text": self.gen.copy(lang, headline, paragraphs)}
                out.append(orjson.dumps(copy))
                expect.append("copy")
            k += 1
        return out, expect


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    messages, _ = BenchCorpus().messages(n)
    sys.stdout.buffer.write(b"\n".join(messages) + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
