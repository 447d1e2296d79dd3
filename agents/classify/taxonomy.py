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
    subject.en = { lead = 2.0, whole = 9.0 }  # main-subject test, per language (optional):
                                    # raw score of at least ``lead`` from the title and lead,
                                    # or of ``whole`` from the whole article; with
                                    # ``lead_contexts = ["human_toll"]`` those contexts' cues
                                    # in the title and lead count towards ``lead``
    [[labels.<name>.require]]       # the label needs this much context score, summed over
    contexts = ["armed_conflict"]   # the listed contexts
    min = 1.0
    [[labels.<name>.veto]]          # a context that vetoes the label when it scores ``min`` or
    context = "labour"              # more and more than the ``unless`` contexts together
    min = 2.0
    unless = ["armed_conflict"]     # optional

    [contexts.<name>]               # a named set of cue terms scored like a label's terms
    terms.ar = { ... }
    terms.en = { ... }
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

_LABEL_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
_SUBJECT_KEYS = {"lead", "whole", "lead_contexts"}
_LABEL_KEYS = {"description", "threshold", "calibration", "terms", "suppress", "subject",
               "require", "veto"}
_SUPPRESS_KEYS = {"cues", "terms", "factor", "window"}
_CONTEXT_KEYS = {"description", "terms"}


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
class Subject:
    """Main-subject test: raw score from the title and lead, or from the whole article.
    ``lead_contexts``: contexts whose cues in the title and lead count towards ``lead``, for a
    label whose subject a lead often states in a context's words (a disaster's toll opens
    with the dead and the missing, the relief comes after)."""

    lead: float
    whole: float
    lead_contexts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Require:
    contexts: tuple[str, ...]
    min: float


@dataclass(frozen=True, slots=True)
class Veto:
    """A context that holds a label back. ``own_ratio``: the veto yields when the label's own raw
    score is at least that many times the context's (the label's evidence dominates)."""

    context: str
    min: float
    unless: tuple[str, ...]
    own_ratio: float | None = None


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str
    threshold: float
    calibration: dict[str, tuple[float, float]]  # lang or "default" -> (center, slope)
    terms: tuple[Term, ...]
    suppress: tuple[Suppress, ...]
    subject: dict[str, Subject] = field(default_factory=dict)  # lang -> test
    require: tuple[Require, ...] = ()
    veto: tuple[Veto, ...] = ()


@dataclass(frozen=True, slots=True)
class ContextSpec:
    """Cue terms that describe a setting (armed conflict, labour relations, sport...)."""

    name: str
    terms: tuple[Term, ...]


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
    contexts: tuple[ContextSpec, ...] = ()


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
    unknown = set(data) - {"scoring", "labels", "contexts"}
    if unknown:
        raise TaxonomyError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    labels = data.get("labels")
    if not isinstance(labels, dict) or not labels:
        raise TaxonomyError(f"{path}: field 'labels': at least one [labels.<name>] is required")
    contexts = data.get("contexts", {})
    if not isinstance(contexts, dict):
        raise TaxonomyError(f"{path}: field 'contexts': must be a table of [contexts.<name>]")
    context_specs = tuple(_context(path, name, body) for name, body in contexts.items())
    specs = tuple(_label(path, name, body) for name, body in labels.items())
    known = set(contexts)
    for spec in specs:
        named = [c for r in spec.require for c in r.contexts]
        named += [c for v in spec.veto for c in (v.context, *v.unless)]
        named += [c for s in spec.subject.values() for c in s.lead_contexts]
        missing = sorted(set(named) - known)
        if missing:
            raise _fail(path, spec.name, "require/veto/subject",
                        f"unknown context(s): {missing}")
    return Taxonomy(labels=specs, scoring=_scoring(path, data.get("scoring", {})), raw=raw,
                    contexts=context_specs)


def _context(path: Path, name: str, body: Any) -> ContextSpec:
    where = f"{path}: context '{name}'"
    if not _LABEL_NAME.fullmatch(name):
        raise TaxonomyError(f"{where}: use lower-case letters, digits and '_'")
    if not isinstance(body, dict) or set(body) - _CONTEXT_KEYS:
        raise TaxonomyError(f"{where}: a table with terms (and an optional description)")
    return ContextSpec(name, _terms(path, name, body.get("terms")))


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
    return LabelSpec(name, float(threshold), _calibration(path, name, body), terms, suppress,
                     _subject(path, name, body.get("subject")),
                     tuple(_require(path, name, i, r) for i, r in enumerate(
                         _tables(path, name, "require", body.get("require", [])))),
                     tuple(_veto(path, name, i, v) for i, v in enumerate(
                         _tables(path, name, "veto", body.get("veto", [])))))


def _tables(path: Path, name: str, field: str, data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise _fail(path, name, field, f"write it as [[labels.{name}.{field}]] tables")
    return data


def _subject(path: Path, name: str, data: Any) -> dict[str, Subject]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _fail(path, name, "subject", "a table of languages: subject.en = { lead, whole }")
    out = {}
    for lang, spec in data.items():
        if not isinstance(spec, dict) or not {"lead", "whole"} <= set(spec) <= _SUBJECT_KEYS \
                or not all(_number(spec[k]) and spec[k] >= 0 for k in ("lead", "whole")) \
                or not _names(spec.get("lead_contexts", ["-"])):
            raise _fail(path, name, f"subject.{lang}",
                        "must be { lead = <number >= 0>, whole = <number >= 0> } with an "
                        "optional lead_contexts = [<context names>]")
        out[lang] = Subject(float(spec["lead"]), float(spec["whole"]),
                            tuple(spec.get("lead_contexts", ())))
    return out


def _names(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _require(path: Path, name: str, i: int, data: dict[str, Any]) -> Require:
    field = f"require[{i}]"
    if set(data) != {"contexts", "min"} or not _names(data["contexts"]) or not (
            _number(data["min"]) and data["min"] > 0):
        raise _fail(path, name, field, "needs contexts (list of names) and min (number > 0)")
    return Require(tuple(data["contexts"]), float(data["min"]))


def _veto(path: Path, name: str, i: int, data: dict[str, Any]) -> Veto:
    field = f"veto[{i}]"
    unless = data.get("unless", [])
    own_ratio = data.get("own_ratio")
    if set(data) - {"context", "min", "unless", "own_ratio"} or not isinstance(
            data.get("context"), str) or not (_number(data.get("min")) and data["min"] > 0) or (
            unless and not _names(unless)) or (
            own_ratio is not None and not (_number(own_ratio) and own_ratio >= 1)):
        raise _fail(path, name, field, "needs context (a name), min (number > 0), optional unless "
                    "(list of names), optional own_ratio (number >= 1: the label's evidence "
                    "must outweigh the context's)")
    return Veto(data["context"], float(data["min"]), tuple(unless),
                None if own_ratio is None else float(own_ratio))


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
