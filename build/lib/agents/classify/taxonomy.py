"""Loading and validating the taxonomy file (TOML).

Layout (see the bundled ``taxonomy.toml`` for a full example)::

    [scoring]                       # optional; defaults shown
    zones = { title = 2.0, lead = 1.5, body = 1.0 }
    lead_paragraphs = 2
    lead_tokens = 120

    [labels.<name>]                 # name: lower-case letters, digits, underscore
    threshold = 0.5                 # optional, in (0, 1)
    calibration.default = { center = 4.0, slope = 1.0 }   # score = logistic(slope*(raw-center))
    calibration.ar = { center = 4.0, slope = 1.0 }         # optional per language
    terms.ar = { "word or phrase" = 2.0, "exact word" = { w = 1.0, exact = true } }
    terms.en = { ... }              # weights may be negative (a phrase that cancels a sense)
    [[labels.<name>.suppress]]      # context that reduces some of the label's terms
    cues = ["football", "club"]
    terms = ["truce"]               # or ["*"] for every term of the label
    factor = 0.0                    # multiplier in [0, 1]
    window = 0                      # tokens either side; 0 = anywhere in the article
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

_LABEL_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
_LABEL_KEYS = {"description", "threshold", "calibration", "terms", "suppress"}
_SUPPRESS_KEYS = {"cues", "terms", "factor", "window"}


class TaxonomyError(Exception):
    """The taxonomy file is missing, unreadable or invalid; the message names file and field."""


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    weight: float
    exact: bool


@dataclass(frozen=True, slots=True)
class Suppress:
    cues: tuple[str, ...]
    terms: tuple[str, ...]  # "*" = all
    factor: float
    window: int


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str
    threshold: float
    calibration: dict[str, tuple[float, float]]  # lang or "default" -> (center, slope)
    terms: tuple[Term, ...]
    suppress: tuple[Suppress, ...]


@dataclass(frozen=True, slots=True)
class Scoring:
    title: float = 2.0
    lead: float = 1.5
    body: float = 1.0
    lead_paragraphs: int = 2
    lead_tokens: int = 120


@dataclass(frozen=True, slots=True)
class Taxonomy:
    labels: tuple[LabelSpec, ...]
    scoring: Scoring
    raw: bytes


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate ``path``; raises TaxonomyError naming the file, label and field."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy file: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{path}: not valid UTF-8 TOML: {exc}") from exc
    unknown = set(data) - {"scoring", "labels"}
    if unknown:
        raise TaxonomyError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    labels = data.get("labels")
    if not isinstance(labels, dict) or not labels:
        raise TaxonomyError(f"{path}: field 'labels': at least one [labels.<name>] is required")
    specs = tuple(_label(path, name, body) for name, body in labels.items())
    return Taxonomy(labels=specs, scoring=_scoring(path, data.get("scoring", {})), raw=raw)


def _fail(path: Path, label: str, field: str, why: str) -> TaxonomyError:
    return TaxonomyError(f"{path}: label '{label}': field '{field}': {why}")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _scoring(path: Path, data: Any) -> Scoring:
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path}: field 'scoring': must be a table")
    zones = data.get("zones", {})
    if not isinstance(zones, dict) or set(zones) - {"title", "lead", "body"}:
        raise TaxonomyError(f"{path}: field 'scoring.zones': keys are title, lead, body")
    for key, value in zones.items():
        if not _number(value) or value <= 0:
            raise TaxonomyError(f"{path}: field 'scoring.zones.{key}': must be a number > 0")
    out = Scoring(**zones)
    for key in ("lead_paragraphs", "lead_tokens"):
        value = data.get(key, getattr(out, key))
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise TaxonomyError(f"{path}: field 'scoring.{key}': must be an integer >= 0")
        out = replace(out, **{key: value})
    return out


def _label(path: Path, name: str, body: Any) -> LabelSpec:
    if not _LABEL_NAME.fullmatch(name):
        raise _fail(path, name, "name", "use lower-case letters, digits and '_' (topic-safe)")
    if not isinstance(body, dict):
        raise _fail(path, name, "labels", "must be a table")
    unknown = set(body) - _LABEL_KEYS
    if unknown:
        raise _fail(path, name, ",".join(sorted(unknown)), "unknown field")
    threshold = body.get("threshold", 0.5)
    if not _number(threshold) or not 0 < threshold < 1:
        raise _fail(path, name, "threshold", "must be a number in (0, 1)")
    terms = _terms(path, name, body.get("terms"))
    known = {t.text for t in terms}
    suppress = tuple(
        _suppress(path, name, i, s, known) for i, s in enumerate(body.get("suppress", []))
    )
    return LabelSpec(name, float(threshold), _calibration(path, name, body), terms, suppress)


def _calibration(path: Path, name: str, body: dict[str, Any]) -> dict[str, tuple[float, float]]:
    cal = body.get("calibration")
    if not isinstance(cal, dict) or "default" not in cal:
        raise _fail(path, name, "calibration", "a table with at least 'default' is required")
    out = {}
    for lang, spec in cal.items():
        field = f"calibration.{lang}"
        if not isinstance(spec, dict) or set(spec) != {"center", "slope"}:
            raise _fail(path, name, field, "must be { center = <number>, slope = <number> }")
        if not (_number(spec["center"]) and _number(spec["slope"])) or spec["slope"] <= 0:
            raise _fail(path, name, field, "center must be a number and slope a number > 0")
        out[lang] = (float(spec["center"]), float(spec["slope"]))
    return out


def _terms(path: Path, name: str, data: Any) -> tuple[Term, ...]:
    if not isinstance(data, dict) or not data:
        raise _fail(path, name, "terms", "a table of languages (terms.ar, terms.en) is required")
    out: list[Term] = []
    for lang, table in data.items():
        if not isinstance(table, dict) or not table:
            raise _fail(path, name, f"terms.{lang}", "must be a non-empty table term = weight")
        for text, spec in table.items():
            field = f"terms.{lang}.{text!r}"
            if isinstance(spec, dict):
                if set(spec) - {"w", "exact"} or "w" not in spec:
                    raise _fail(path, name, field, "inline table takes w (number) and exact")
                weight, exact = spec["w"], spec.get("exact", False)
            else:
                weight, exact = spec, False
            if not _number(weight) or not isinstance(exact, bool):
                raise _fail(path, name, field, "weight must be a number, exact true/false")
            if not text.strip():
                raise _fail(path, name, field, "empty term")
            out.append(Term(text, float(weight), exact))
    return tuple(out)


def _suppress(path: Path, name: str, i: int, data: Any, known: set[str]) -> Suppress:
    field = f"suppress[{i}]"
    keys = set(data) if isinstance(data, dict) else set()
    if not isinstance(data, dict) or keys - _SUPPRESS_KEYS or not {"cues", "terms"} <= keys:
        raise _fail(path, name, field, "needs cues and terms (optional factor, window)")
    cues, terms = data["cues"], data["terms"]
    for key, value in (("cues", cues), ("terms", terms)):
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise _fail(path, name, f"{field}.{key}", "must be a non-empty list of strings")
    missing = [t for t in terms if t != "*" and t not in known]
    if missing:
        raise _fail(path, name, f"{field}.terms", f"not terms of this label: {missing}")
    factor, window = data.get("factor", 0.0), data.get("window", 0)
    if not _number(factor) or not 0 <= factor <= 1:
        raise _fail(path, name, f"{field}.factor", "must be a number in [0, 1]")
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise _fail(path, name, f"{field}.window", "must be an integer >= 0")
    return Suppress(tuple(cues), tuple(terms), float(factor), window)
