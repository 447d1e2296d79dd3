"""Measure the ingest cleaner on the dev set (read at run time from ../shared/data/dev).

For every generated variant (kind=variant), `clean_text` is what a perfect stripper returns:
report the lines our output keeps that are not in it (leftover boilerplate) and the lines of it
that our output lost. For every original, report lost lines and any split. Prints a summary;
`-v` prints every leftover and lost line.

    python bench/ingest_dev.py [-v] [path/to/articles.jsonl]
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

from khabar.agents.ingest.core import RawPage, ingest
from khabar.agents.ingest.raw import clean_chars

DEFAULT = Path(__file__).resolve().parents[1] / "../shared/data/dev/articles.jsonl"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in clean_chars(text).split("\n") if line.strip()]


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    rows = [
        orjson.loads(line)
        for line in Path(paths[0] if paths else DEFAULT).read_bytes().splitlines()
    ]
    totals = {"variants": 0, "leftover": 0, "lost": 0, "orig_lost": 0, "splits": 0}
    for row in rows:
        arts = ingest(RawPage(id=row["id"], source=row["source"], text=row["text"]))
        totals["splits"] += len(arts) - 1
        got = _lines("\n".join(a.text for a in arts))
        if row["kind"] == "variant":
            want = _lines(row["clean_text"])
            leftover = [g for g in got if g not in set(want)]
            lost = [w for w in want if w not in set(got)]
            totals["variants"] += 1
            totals["leftover"] += len(leftover)
            totals["lost"] += len(lost)
        else:
            leftover, lost = [], [w for w in _lines(row["text"]) if w not in set(got)]
            totals["orig_lost"] += len(lost)
        if verbose and (leftover or lost or len(arts) > 1):
            print(f"== {row['id']} {row.get('transforms')} articles={len(arts)}")
            for line in leftover:
                print("   + leftover:", line[:120])
            for line in lost:
                print("   - lost:    ", line[:120])
    print(
        f"variants={totals['variants']} leftover_lines={totals['leftover']} "
        f"lost_lines={totals['lost']} | originals: lost_lines={totals['orig_lost']} "
        f"| extra articles from splits={totals['splits']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
