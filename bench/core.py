"""Part 1 (core): articles/s through the pure cores, per stage and whole, in this process.

Stages as the worker runs them (:mod:`agents.pipeline`): ingest (parse_raw + ingest),
fingerprint, classify (with the enriched record built), dedup decision (in-memory state) and
serialise (orjson of the candidate and of every delivery). A warm-up pass over the first
messages fills the classifier's token caches first, as a running worker has them.

    python bench/core.py [N]
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict

from khabar.agents.classify.core import Classifier
from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.state import DedupState
from khabar.agents.pipeline import DedupStage, Origin, PageStage
from khabar.streams import records

MAX_BYTES = 1_048_576


def stages(classifier: Classifier | None = None, observe=None):  # type: ignore[no-untyped-def]
    classifier = classifier or Classifier.from_file()
    kwargs = {"observe": observe} if observe else {}
    page = PageStage(classifier, max_message_bytes=MAX_BYTES, dlq_payload_bytes=65536, **kwargs)
    dedup = DedupStage(Deduper(DedupState.in_memory()), **kwargs)
    return page, dedup


def run_whole(messages: list[bytes], page: PageStage, dedup: DedupStage) -> tuple[int, int]:
    """Every message through both stages, serialising what crosses topics; (articles, dups)."""
    articles = dups = 0
    dumps = records.dumps
    for offset, payload in enumerate(messages):
        result = page.run(payload, Origin("raw", 0, offset, None))
        for candidate in result.candidates:
            articles += 1
            decided = dedup.run(records.loads(dumps(candidate)))
            dups += not decided.decision.canonical
            for delivery in decided.deliveries:
                dumps(delivery.record)
    return articles, dups


def measure(messages: list[bytes], warmup: int = 500) -> dict:
    classifier = Classifier.from_file()
    page, dedup = stages(classifier)
    run_whole(messages[:warmup], page, dedup)  # caches, lingua, numpy paths

    spent: dict[str, float] = defaultdict(float)

    def observe(stage: str, seconds: float) -> None:
        spent[stage] += seconds

    page, dedup = stages(classifier, observe)
    articles = 0
    dumps, perf = records.dumps, time.perf_counter
    for offset, payload in enumerate(messages):
        result = page.run(payload, Origin("raw", 0, offset, None))
        for candidate in result.candidates:
            articles += 1
            started = perf()
            wire = dumps(candidate)
            back = records.loads(wire)
            spent["serialise"] += perf() - started
            decided = dedup.run(back)
            started = perf()
            for delivery in decided.deliveries:
                dumps(delivery.record)
            spent["serialise"] += perf() - started

    page, dedup = stages(classifier)
    started = perf()
    whole_articles, dups = run_whole(messages, page, dedup)
    whole = perf() - started
    out = {
        "messages": len(messages),
        "articles": whole_articles,
        "duplicates": dups,
        "mean_bytes": sum(map(len, messages)) / len(messages),
        "stages": {
            name: {"ms_per_article": spent[name] / articles * 1e3,
                   "articles_per_s": articles / spent[name] if spent[name] else None}
            for name in ("ingest", "fingerprint", "classify", "dedup", "serialise")
        },
        "whole": {"seconds": whole, "articles_per_s": whole_articles / whole,
                  "ms_per_article": whole / whole_articles * 1e3},
    }
    return out


def main(argv: list[str]) -> int:
    from corpus import BenchCorpus

    n = int(argv[0]) if argv else 5000
    messages, _ = BenchCorpus().messages(n)
    result = measure(messages)
    for name, row in result["stages"].items():
        print(f"{name:12s} {row['ms_per_article']:.3f} ms  {row['articles_per_s']:,.0f}/s")
    whole = result["whole"]
    print(f"{'whole':12s} {whole['ms_per_article']:.3f} ms  {whole['articles_per_s']:,.0f}/s "
          f"({result['articles']} articles, {result['duplicates']} duplicates, "
          f"{result['mean_bytes']:.0f} B mean)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
