"""Measure the classify core on the labelled dev set (../shared/data/dev/articles.jsonl).

    python bench/classify_eval.py [--file F] [--errors] [--half even|odd] [--speed]

The first line of an article's text is taken as its title, as the ingest stage does. Prints
per-label, per-language precision, recall and F1, the macro-F1 per language, and with
--errors the misclassified ids with their scores and evidence. --half keeps only the rows whose
id hash is even (or odd), for a held-out check. --speed times classification.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

from khabar.agents.classify.core import Classifier

DEV = Path(__file__).resolve().parents[1] / "../shared/data/dev/articles.jsonl"


def split(text: str) -> tuple[str, str]:
    head, _, rest = text.strip().partition("\n")
    return head, rest


def in_half(row_id: str, half: str | None) -> bool:
    if half is None:
        return True
    base = row_id.split("#")[0]
    parity = hashlib.sha1(base.encode()).digest()[0] % 2
    return parity == (0 if half == "even" else 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", type=Path, default=DEV)
    ap.add_argument("--taxonomy", type=Path, default=None)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--half", choices=["even", "odd"])
    ap.add_argument("--speed", action="store_true")
    args = ap.parse_args()
    clf = Classifier.from_file(args.taxonomy)
    rows = [json.loads(line) for line in args.file.open(encoding="utf-8")]
    rows = [r for r in rows if in_half(r.get("variant_of") or r["id"], args.half)]
    counts: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        title, text = split(row["text"])
        out = clf.classify(title=title, text=text, lang=row["lang"])
        gold, pred = set(row["labels"]), set(out.labels)
        for label in clf.labels:
            tp_fp_fn = counts.setdefault((row["lang"], label), [0, 0, 0])
            tp_fp_fn[0] += label in gold and label in pred
            tp_fp_fn[1] += label in pred and label not in gold
            tp_fp_fn[2] += label in gold and label not in pred
        if args.errors and gold != pred:
            print(f"{row['id']}: gold={sorted(gold)} pred={sorted(pred)} "
                  f"scores={out.scores} | {title[:70]}")
            for label in sorted(gold ^ pred):
                print(f"    {label}: {out.evidence.get(label, '')}")
    for lang in sorted({lang for lang, _ in counts}):
        f1s = []
        for label in clf.labels:
            tp, fp, fn = counts[(lang, label)]
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            f1s.append(f)
            print(f"{lang} {label:14s} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")
        print(f"{lang} macro-F1={sum(f1s) / len(f1s):.3f} n={sum(r['lang'] == lang for r in rows)}")
    if args.speed:
        docs = [(*split(r["text"]), r["lang"]) for r in rows]
        size = sum(len(t) + len(x) for t, x, _ in docs) / len(docs)
        fresh = Classifier.from_file(args.taxonomy)
        start = time.perf_counter()
        for title, text, lang in docs:
            fresh.classify(title=title, text=text, lang=lang)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        reps = 20
        for _ in range(reps):
            for title, text, lang in docs:
                fresh.classify(title=title, text=text, lang=lang)
        warm = (time.perf_counter() - start) / reps
        print(f"speed: {len(docs)} articles, mean {size:.0f} chars; cold {len(docs) / cold:.0f}/s, "
              f"warm {len(docs) / warm:.0f}/s ({warm / len(docs) * 1e3:.3f} ms/article)")


if __name__ == "__main__":
    main()
