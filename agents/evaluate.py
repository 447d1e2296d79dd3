"""``khabar eval``: quality of the batch pipeline on a labeled JSONL file.

Each row is a raw page plus ``labels`` (gold) and ``dup_group``. The rows run through the
pipeline's two stages in file order; a row's prediction is its main article: the labels it was
classified with and the story it was put in, canonical or duplicate alike. Classification:
per label and language precision, recall and F1, and macro-F1 per language. Dedup: pairwise
precision and recall, from :func:`agents.dedup.evaluate.dedup_scores`.

Cross-source figures (:func:`cross_source`) say what the fit figures cannot: how the classifier
does on outlets it was not tuned on. Rows are grouped by the outlet family and era of their
``source`` (:func:`source_group`); each group in turn is left out, what is fitted (per label and
language, the raw-score cut-off at which a label is given) is fitted on the other groups, and
the left-out group is scored with it. The taxonomy's terms, contexts and gates are the same in
every fold: they were written by hand looking at every group, so they count as fit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import orjson

from khabar.agents.dedup.evaluate import dedup_scores
from khabar.agents.ingest.raw import FIELDS as RAW_FIELDS
from khabar.agents.pipeline import DedupStage, Origin, PageStage

if TYPE_CHECKING:
    from khabar.agents.classify.core import Classifier

#: Outlet families and eras of the labelled sets, found in a row's ``source``; a source that
#: none of these names is a group of its own (its text before " via " or " (").
SOURCE_GROUPS: tuple[tuple[str, str], ...] = (
    ("SaudiNewsNet", "Saudi press 2015"),
    ("BBC News", "BBC 2004-05"),
    ("AG News", "AG wires 2004"),
    ("Arabic Newspapers Corpus", "Arabic newspapers 2012"),
    ("secureIntent-git/teftst", "Reuters + US outlets 2016"),
)


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
    article: dict[str, Any] | None = None  # title, text and lang, as classified


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
    tick: Callable[[], None] = lambda: None,
) -> tuple[dict[str, Prediction], int]:
    """Run every row through the two stages in file order, calling ``tick()`` before each;
    return each page's main-article prediction (labels as classified, story as decided) and
    the number of dead letters."""
    predictions: dict[str, Prediction] = {}
    dead = 0
    for number, row in enumerate(rows, start=1):
        tick()
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
            predictions.setdefault(article["source_id"], Prediction(
                article["labels"], story_id,
                {"title": article["title"], "text": article["text"], "lang": article["lang"]}))
    return predictions, dead


def evaluate(
    rows: Sequence[dict[str, Any]], page_stage: PageStage, dedup_stage: DedupStage,
    tick: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Scores of the pipeline against the gold ``rows`` (``tick()`` before each row)."""
    predictions, dead = predict(rows, page_stage, dedup_stage, tick)
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


def source_group(row: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str:
    """The outlet family and era a row belongs to (a generated variant: its base row's)."""
    base = by_id.get(row.get("variant_of") or "", row)
    source = base.get("source") or "unknown"
    for needle, group in SOURCE_GROUPS:
        if needle in source:
            return group
    return source.split(" via ")[0].split(" (")[0]


#: A fitted cut-off is the one nearest the taxonomy's among those within this much F1 of the
#: best: on a few dozen rows the single best cut-off chases one or two articles.
FIT_TOLERANCE = 0.02


def _best_cutoff(points: list[tuple[float, bool]], default: float) -> float:
    """The raw-score cut-off fitted on ``points`` (raw score of the rows whose gates pass,
    gold): nearest ``default`` among those within ``FIT_TOLERANCE`` of the best F1."""
    raws = sorted({raw for raw, _ in points})
    candidates = [default] + [(a + b) / 2 for a, b in pairwise(raws)]
    if raws:
        candidates += [raws[0] - 1e-6, raws[-1] + 1e-6]
    positives = sum(gold for _, gold in points)

    def f1(cut: float) -> float:
        tp = sum(1 for raw, gold in points if gold and raw >= cut)
        fp = sum(1 for raw, gold in points if not gold and raw >= cut)
        return 2 * tp / (2 * tp + fp + (positives - tp)) if tp else 0.0

    scored = [(f1(cut), cut) for cut in candidates]
    best = max(score for score, _ in scored)
    return min((cut for score, cut in scored if score >= best - FIT_TOLERANCE),
               key=lambda cut: abs(cut - default))


def cross_source(
    rows: Sequence[dict[str, Any]], predictions: dict[str, Prediction], classifier: Classifier,
) -> tuple[dict[str, Prediction], dict[str, dict[str, dict[str, float]]]]:
    """Leave one source group out. Returns each row's labels as predicted with cut-offs fitted
    on the other groups, and the cut-offs fitted per left-out group, language and label (a
    language with no other group keeps the taxonomy's cut-off)."""
    seen: list[tuple[str, str, str, set[str], dict[str, tuple[float, bool]]]] = []
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        prediction = predictions.get(row["id"])
        if prediction is None or prediction.article is None:
            continue
        explained = classifier.explain(**prediction.article)
        verdicts = {v.label: (v.raw, v.blocked is None) for v in explained.verdicts}
        seen.append((row["id"], prediction.article["lang"], source_group(row, by_id),
                     set(row.get("labels") or []), verdicts))
    out: dict[str, Prediction] = {}
    cutoffs: dict[str, dict[str, dict[str, float]]] = {}
    for group in sorted({g for _, _, g, _, _ in seen}):
        held = [item for item in seen if item[2] == group]
        for lang in sorted({lang for _, lang, _, _, _ in held}):
            tune = [item for item in seen if item[1] == lang and item[2] != group]
            fitted = cutoffs.setdefault(group, {}).setdefault(lang, {})
            for label in classifier.labels:
                default = classifier.cutoff(label, lang)
                fitted[label] = round(_best_cutoff(
                    [(v[label][0], label in gold) for _, _, _, gold, v in tune if v[label][1]],
                    default) if tune else default, 3)
            for row_id, item_lang, _, _, verdicts in held:
                if item_lang == lang:
                    out[row_id] = Prediction([label for label in classifier.labels
                                              if verdicts[label][1]
                                              and verdicts[label][0] >= fitted[label]])
    return out, cutoffs


def evaluate_cross(
    sets: Mapping[str, Sequence[dict[str, Any]]], page_stage: PageStage, dedup_stage: DedupStage,
    tick: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Fit and cross-source classification figures of every set, from one run over them all
    (``tick()`` before each row)."""
    rows = [row for set_rows in sets.values() for row in set_rows]
    predictions, _ = predict(rows, page_stage, dedup_stage, tick)
    classifier = page_stage.classifier
    cross, cutoffs = cross_source(rows, predictions, classifier)
    groups: dict[str, dict[str, int]] = {}
    by_id = {row["id"]: row for row in rows}
    for name, set_rows in sets.items():
        for row in set_rows:
            group = groups.setdefault(name, {})
            key = source_group(row, by_id)
            group[key] = group.get(key, 0) + 1
    return {
        "sets": {name: {"rows": len(set_rows), "groups": groups.get(name, {}),
                        "fit": label_scores(set_rows, predictions, classifier.labels),
                        "cross": label_scores(set_rows, cross, classifier.labels)}
                 for name, set_rows in sets.items()},
        "all": {"fit": label_scores(rows, predictions, classifier.labels),
                "cross": label_scores(rows, cross, classifier.labels)},
        "cutoffs": cutoffs,
    }


def format_cross(report: dict[str, Any]) -> str:
    """Fit and cross-source figures side by side, per set and for all sets together."""
    lines = ["fit: the taxonomy as shipped; cross: leave one source group out, the raw-score",
             "cut-off of each label and language fitted on the other groups", ""]
    blocks = [(f"{name} ({block['rows']} rows; groups: "
               + ", ".join(f"{g} {n}" for g, n in block["groups"].items()) + ")", block)
              for name, block in report["sets"].items()]
    blocks.append(("all sets", report["all"]))
    for title, block in blocks:
        lines += [title, f"{'lang':<5} {'label':<14} {'fit P':>6} {'R':>6} {'F1':>6}   "
                  f"{'cross P':>7} {'R':>6} {'F1':>6} {'n':>5}"]
        for lang, fit in block["fit"].items():
            cross = block["cross"][lang]
            for label, f in fit["labels"].items():
                c = cross["labels"][label]
                lines.append(f"{lang:<5} {label:<14} {f['precision']:>6.3f} {f['recall']:>6.3f} "
                             f"{f['f1']:>6.3f}   {c['precision']:>7.3f} {c['recall']:>6.3f} "
                             f"{c['f1']:>6.3f} {f['support']:>5}")
            lines.append(f"{lang:<5} {'macro-F1':<14} {'':>6} {'':>6} {fit['macro_f1']:>6.3f}   "
                         f"{'':>7} {'':>6} {cross['macro_f1']:>6.3f} {fit['rows']:>5}")
        lines.append("")
    return "\n".join(lines).rstrip()


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
