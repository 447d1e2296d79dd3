"""Speed of the ingest core (parse_raw + ingest) on dev pages, and on a pathological page.

Prints pages/s and ms per KB over every dev row (text as published), over the seed page,
and the time to clean one page of a million repeated marker lines (must stay linear).

    python bench/ingest_bench.py [rounds]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import orjson

from khabar.agents.ingest.boilerplate import clean
from khabar.agents.ingest.core import ingest, parse_raw

SHARED = Path(__file__).resolve().parents[1] / "../shared/data"


def _time(payloads: list[bytes], rounds: int) -> tuple[float, int, int]:
    articles = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for payload in payloads:
            articles += len(ingest(parse_raw(payload, max_bytes=1 << 20)))
    return time.perf_counter() - start, articles, rounds * sum(len(p) for p in payloads)


def main(argv: list[str]) -> int:
    rounds = int(argv[0]) if argv else 5
    rows = [
        orjson.loads(line) for line in (SHARED / "dev/articles.jsonl").read_bytes().splitlines()
    ]
    dev = [orjson.dumps({"id": r["id"], "text": r["text"]}) for r in rows]
    seed = [
        orjson.dumps(
            {"id": "seed-1", "text": (SHARED / "seed/000_7a5cd6c446a82e29.txt").read_text()}
        )
    ]
    _time(dev[:5], 1)  # warm up (lingua model load)
    for name, payloads in (("dev", dev), ("seed", seed)):
        elapsed, articles, size = _time(payloads, rounds)
        pages = rounds * len(payloads)
        print(
            f"{name}: {pages} pages ({size / pages / 1024:.1f} KB avg), "
            f"{pages / elapsed:,.0f} pages/s, "
            f"{articles / elapsed:,.0f} articles/s, {elapsed * 1000 / (size / 1024):.3f} ms/KB"
        )
    evil = "اقرأ أيضاً:\n" * 1_000_000
    start = time.perf_counter()
    clean(evil)
    print(f"1M marker lines: {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
