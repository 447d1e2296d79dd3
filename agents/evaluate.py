"""``khabar eval``: quality of the batch pipeline on a labeled JSONL file.

Each row is a raw page plus ``labels`` (gold) and ``dup_group``. The rows run through the
pipeline's two stages in file order; a row's prediction is its main article: the labels it was
classified with and the story it was put in, canonical or duplicate alike. Classification:
per label and language precision, recall and F1, and macro-F1 per language. Dedup: pairwise
precision and recall, from :func:`agents.dedup.evaluate.dedup_scores`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from agents.dedup.evaluate import dedup_scores
from agents.ingest.raw import FIELDS as RAW_FIELDS
from agents.pipeline import DedupStage, Origin, PageStage


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "support": self.tp + self.fn}


@dataclass
class Prediction:
    """What the pipeline said of one row's main article."""

    labels: list[str] = field(default_factory=list)
    story_id: str | None = None


def label_scores(
    rows: Sequence[dict[str, Any]], predictions: dict[str, Prediction], labels: Sequence[str],
) -> dict[str, Any]:
    """Per language: per-label P/R/F1 and macro-F1 (over ``labels``)."""
    by_lang: dict[str, dict[str, Counts]] = {}
    for row in rows:
        lang = row.get("lang") or "und"
        counts = by_lang.setdefault(lang, {label: Counts() for label in labels})
        gold = set(row.get("labels") or [])
        predicted = set(predictions.get(row["id"], Prediction()).labels)
        for label in labels:
            c = counts[label]
            if label in gold and label in predicted:
                c.tp += 1
            elif label in predicted:
                c.fp += 1
            elif label in gold:
                c.fn += 1
    result: dict[str, Any] = {}
    for lang, counts in sorted(by_lang.items()):
        per_label = {label: c.scores() for label, c in counts.items()}
        macro = sum(s["f1"] for s in per_label.values()) / max(1, len(per_label))
        result[lang] = {"labels": per_label, "macro_f1": round(macro, 4), "rows": sum(
            1 for r in rows if (r.get("lang") or "und") == lang)}
    return result


def predict(
    rows: Sequence[dict[str, Any]], page_stage: PageStage, dedup_stage: DedupStage,
) -> tuple[dict[str, Prediction], int]:
    """Run every row through the two stages in file order; return each page's main-article
    prediction (labels as classified, story as decided) and the number of dead letters."""
    predictions: dict[str, Prediction] = {}
    dead = 0
    for number, row in enumerate(rows, start=1):
        page = {k: row.get(k) for k in RAW_FIELDS if row.get(k) is not None}
        result = page_stage.run(orjson.dumps(page), Origin(topic="eval", offset=number))
        dead += result.dead_letter is not None
        for candidate in result.candidates:
            decision = dedup_stage.run(candidate).decision
            if decision is None:  # a dead letter of the dedup stage
                dead += 1
                continue
            story_id = decision.story_id
            article = candidate["article"]
            predictions.setdefault(article["source_id"], Prediction(article["labels"], story_id))
    return predictions, dead


def evaluate(
    rows: Sequence[dict[str, Any]], page_stage: PageStage, dedup_stage: DedupStage,
) -> dict[str, Any]:
    """Scores of the pipeline against the gold ``rows``."""
    predictions, dead = predict(rows, page_stage, dedup_stage)
    precision, recall = dedup_scores(
        {"dup_group": row.get("dup_group"),
         "story_id": predictions.get(row["id"], Prediction(story_id=row["id"])).story_id}
        for row in rows
    )
    return {
        "rows": len(rows),
        "dead_letters": dead,
        "classification": label_scores(rows, predictions, page_stage.classifier.labels),
        "dedup": {"precision": round(precision, 4), "recall": round(recall, 4)},
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as a table for a terminal."""
    lines = [f"rows: {report['rows']}   dead letters: {report['dead_letters']}", ""]
    lines.append(f"{'lang':<5} {'label':<14} {'precision':>9} {'recall':>7} {'f1':>7} {'n':>5}")
    for lang, block in report["classification"].items():
        for label, s in block["labels"].items():
            lines.append(f"{lang:<5} {label:<14} {s['precision']:>9.3f} {s['recall']:>7.3f} "
                         f"{s['f1']:>7.3f} {s['support']:>5}")
        lines.append(f"{lang:<5} {'macro-F1':<14} {'':>9} {'':>7} {block['macro_f1']:>7.3f} "
                     f"{block['rows']:>5}")
    d = report["dedup"]
    lines += ["", f"dedup  precision {d['precision']:.3f}   recall {d['recall']:.3f}"]
    return "\n".join(lines)
