"""Speed of the classify core on a labelled set (default ../shared/data/dev/articles.jsonl).

Each article is classified as the pipeline classifies it: no title unless the row has one
(ingest never promotes a first line to a title), the whole text, the row's language. Prints
the cold rate (first pass of a fresh classifier) and the warm cost per article (20 passes).
Quality is measured by ``khabar eval``, on the same cores the worker runs.

    python bench/classify_bench.py [--file F] [--taxonomy T]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from khabar.agents.classify.core import Classifier

DEV = Path(__file__).resolve().parents[1] / "../shared/data/dev/articles.jsonl"
WARM_PASSES = 20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", type=Path, default=DEV)
    ap.add_argument("--taxonomy", type=Path, default=None)
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.file.open(encoding="utf-8") if line.strip()]
    docs = [(row.get("title"), row["text"], row["lang"]) for row in rows]
    size = sum(len(text) for _, text, _ in docs) / len(docs)
    clf = Classifier.from_file(args.taxonomy)
    start = time.perf_counter()
    for title, text, lang in docs:
        clf.classify(title=title, text=text, lang=lang)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(WARM_PASSES):
        for title, text, lang in docs:
            clf.classify(title=title, text=text, lang=lang)
    warm = (time.perf_counter() - start) / WARM_PASSES
    print(f"speed: {len(docs)} articles, mean {size:.0f} chars; cold {len(docs) / cold:.0f}/s, "
          f"warm {len(docs) / warm:.0f}/s ({warm / len(docs) * 1e3:.3f} ms/article)")


if __name__ == "__main__":
    main()
