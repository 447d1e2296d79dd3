"""Classification of one article: labels with calibrated scores, evidence and countries.

Score of a label = sum over its matched terms of ``weight * sat(m)``, where ``m`` adds up the
zone weight of each mention (title > lead > body, reduced by suppressing cues) and
``sat(m) = m`` below 1 and ``1 + ln(m)`` above, so repeated mentions saturate. The raw score goes
through the label's logistic calibration for the article's language; labels at or over their
threshold are assigned when they also pass their gates, all data in the taxonomy:

- the main-subject test: enough of the label's score from the title and lead, or a large score
  from the whole article, so that a passing mention does not label;
- context requirements: a label such as ``peace_talks`` needs cues of an armed conflict;
- context vetoes: cues of another setting (labour relations, sport, business) that outweigh the
  label's own context hold it back.

Contexts are named cue sets scored like a label's terms. :meth:`Classifier.explain` gives every
figure and the cues behind each gate. All tables are built once, at load.
"""

from __future__ import annotations

import hashlib
import math
import string
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from itertools import accumulate, chain
from pathlib import Path

from khabar.agents.classify.countries import DATA_FILE, Place, build_gazetteer
from khabar.agents.classify.lexicon import Lexicon, Match, Pattern
from khabar.agents.classify.taxonomy import (
    ContextSpec,
    LabelSpec,
    TaxonomyError,
    Term,
    load_taxonomy,
)
from khabar.agents.ingest.normalize import normalize

__all__ = ["Classification", "Classifier", "Explanation", "TaxonomyError", "Verdict"]

DEFAULT_TAXONOMY = Path(__file__).with_name("taxonomy.toml")
_PUNCT = string.punctuation + "«»“”‘’،؛؟…–—·•|"
_CHUNK_CACHE_LIMIT = 200_000
_EVIDENCE_MAX = 8
_ANNOUNCE_MAX = 8
_SENTENCE_END = (".", "!", "?", "؟", "…")
_CLOSERS = "\"'”’»)]"

_TITLE, _LEAD, _BODY = 0, 1, 2


def _announces(chunks: list[str]) -> bool:
    """A short line that ends no sentence: a dateline («صيدا – مراسل القناة»), a byline, a
    signpost ("Here are the latest developments:") or the headline repeated under the title."""
    return (len(chunks) <= _ANNOUNCE_MAX
            and not chunks[-1].rstrip(_CLOSERS).endswith(_SENTENCE_END))


@dataclass(frozen=True, slots=True)
class Classification:
    labels: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[str]]
    countries: list[str]


@dataclass(frozen=True, slots=True)
class Verdict:
    """One label's figures for one article, and the gates that decided it."""

    label: str
    score: float  # calibrated score of the raw score
    raw: float  # the whole article's raw score
    lead: float  # the raw score of the mentions in the title and lead
    passed: bool  # the score reached the label's threshold
    assigned: bool  # passed, and no gate failed
    evidence: list[str]
    gates: list[str]  # each gate checked, with the figures and cues behind it
    blocked: str | None  # the first gate that fails (the label is held back if its score passed)


@dataclass(frozen=True, slots=True)
class Explanation:
    """What :meth:`Classifier.explain` found in one article."""

    verdicts: list[Verdict]
    contexts: dict[str, tuple[float, list[str]]]  # context -> (score, cues found)
    countries: list[str]


@dataclass(slots=True)
class _Scan:
    """The raw figures of one article: per label and context (a slot) its raw score."""

    raw: list[float]
    lead: list[float]
    mass: dict[Pattern, float]  # zone-weighted mentions of each pattern found
    cut: dict[tuple[int, Pattern], float]  # (slot, pattern) -> mentions taken by suppress rules
    first: dict[Pattern, tuple[int, int]]  # each pattern's first mention (token span)
    tokens: _Tokens
    matches: list[Match]


@dataclass(frozen=True, slots=True)
class _Rule:
    label: int
    terms: frozenset[Pattern]  # the label's terms that the rule weakens
    factor: float
    window: int


@dataclass(slots=True)
class _Tokens:
    """Resolved tokens of one article (``None`` for unknown words and paragraph breaks), where
    its title and lead end, and per paragraph its whitespace chunks with their resolved tokens,
    from which :meth:`surface` finds the text of a match (only evidence needs it)."""

    words: list[str | None]
    segments: list[tuple[list[str], list[tuple[str | None, ...]]]]
    starts: list[int]  # index of each segment's first token
    title_end: int = 0  # tokens before this are the title's
    lead_end: int = 0  # tokens from the title's end to this are the lead's (breaks excepted)
    ends: dict[int, list[int]] = field(default_factory=dict)  # segment -> tokens to each chunk

    def surface(self, start: int, end: int) -> str:
        """The chunks of text that tokens ``start`` to ``end`` (exclusive) came from."""
        k = bisect_right(self.starts, start) - 1
        raw, resolved = self.segments[k]
        ends = self.ends.get(k)
        if ends is None:
            ends = self.ends[k] = list(accumulate(map(len, resolved)))
        first = bisect_right(ends, start - self.starts[k])  # the chunk of the first token
        last = bisect_right(ends, end - 1 - self.starts[k])  # the chunk of the last token
        if first == last:  # most matches: one word, and a chunk with a token is never skipped
            return raw[first]
        return " ".join(chunk for chunk, tokens in zip(raw[first:last + 1],
                                                       resolved[first:last + 1], strict=True)
                        if tokens)


def _sat(m: float) -> float:
    return m if m < 1.0 else 1.0 + math.log(m)


class Classifier:
    """Lexicon classifier configured by a taxonomy file."""

    def __init__(self, labels: tuple[LabelSpec, ...], zone_weights: tuple[float, float, float],
                 lead: tuple[int, int], version: str,
                 contexts: tuple[ContextSpec, ...] = ()) -> None:
        self._specs = labels
        self.labels: tuple[str, ...] = tuple(spec.name for spec in labels)
        self.contexts: tuple[str, ...] = tuple(c.name for c in contexts)
        # slots: labels first, then contexts (a context's slot is len(labels) + its index)
        self._slot = {name: len(labels) + i for i, name in enumerate(self.contexts)}
        self._slots = len(labels) + len(contexts)
        # per label, its gates with the contexts' slots resolved once
        self._requires = [[(tuple(self._slot[c] for c in r.contexts), r) for r in spec.require]
                          for spec in labels]
        self._vetoes = [[(self._slot[v.context], tuple(self._slot[c] for c in v.unless), v)
                         for v in spec.veto] for spec in labels]
        self._subject_slots = [{lang: tuple(self._slot[c] for c in s.lead_contexts)
                                for lang, s in spec.subject.items()} for spec in labels]
        self.version = version
        self._zone_weights = zone_weights
        self._lead_paragraphs, self._lead_tokens = lead
        self._lexicon = Lexicon()
        self._terms: dict[Pattern, list[tuple[int, float]]] = {}
        self._cues: dict[Pattern, list[int]] = {}
        self._rules: list[_Rule] = []
        written: dict[Pattern, str] = {}  # a term's pattern -> the term as first written
        own_terms = [self._add_terms(li, f"label '{spec.name}'", spec.terms, written)
                     for li, spec in enumerate(labels)]
        for ci, context in enumerate(contexts):
            self._add_terms(len(labels) + ci, f"context '{context.name}'", context.terms,
                            written)
        for li, spec in enumerate(labels):
            own = own_terms[li]
            for rule in spec.suppress:
                # Targets that are no term of the label are registered, but weaken nothing.
                targets = own if "*" in rule.terms else own.intersection(
                    [self._lexicon.add(t) for t in rule.terms])
                for cue in rule.cues:
                    pattern = self._lexicon.add(cue)
                    if not pattern:
                        raise TaxonomyError(f"label '{spec.name}': suppress cue {cue!r} "
                                            "normalises to nothing")
                    self._cues.setdefault(pattern, []).append(len(self._rules))
                self._rules.append(_Rule(li, frozenset(targets), rule.factor, rule.window))
        self._places: dict[Pattern, Place] = build_gazetteer(self._lexicon, DATA_FILE.read_bytes())
        self._key_by_reading(written)
        self._chunk_cache: dict[str, tuple[str | None, ...]] = {}

    def _add_terms(self, slot: int, owner: str, terms: tuple[Term, ...],
                   written: dict[Pattern, str]) -> set[Pattern]:
        own: set[Pattern] = set()
        for term in terms:
            pattern = self._lexicon.add(term.text, exact=term.exact)
            if not pattern:
                raise TaxonomyError(f"{owner}: term {term.text!r} normalises to nothing")
            entries = self._terms.setdefault(pattern, [])
            if any(lj == slot for lj, _ in entries):
                raise TaxonomyError(f"{owner}: term {term.text!r} duplicates another term "
                                    "(same normalised form)")
            entries.append((slot, term.weight))
            written.setdefault(pattern, term.text)
            own.add(pattern)
        return own

    def _key_by_reading(self, written: dict[Pattern, str]) -> None:
        """Key terms, cues, suppress targets and places by the pattern the scan reports, so
        that two patterns that read alike ("evacuated" in one list, "evacuate" in another) both
        count. Two terms of one label or context that read alike are a taxonomy error, named
        as ``written`` holds them."""
        read = self._lexicon.reading
        names = [*(f"label '{n}'" for n in self.labels),
                 *(f"context '{n}'" for n in self.contexts)]
        terms: dict[Pattern, list[tuple[int, float]]] = {}
        first: dict[tuple[Pattern, int], Pattern] = {}  # (reading, slot) -> its first term
        for pattern, entries in self._terms.items():
            key = read(pattern)
            for slot, weight in entries:
                other = first.setdefault((key, slot), pattern)
                if other != pattern:
                    raise TaxonomyError(f"{names[slot]}: terms {written[other]!r} and "
                                        f"{written[pattern]!r} read alike")
                terms.setdefault(key, []).append((slot, weight))
        self._terms = terms
        cues: dict[Pattern, list[int]] = {}
        for pattern, rules in self._cues.items():
            cues.setdefault(read(pattern), []).extend(rules)
        self._cues = cues
        self._rules = [replace(rule, terms=frozenset(map(read, rule.terms)))
                       for rule in self._rules]
        places: dict[Pattern, Place] = {}
        for pattern, place in self._places.items():
            places.setdefault(read(pattern), place)
        self._places = places

    @classmethod
    def from_file(cls, path: Path | None = None) -> Classifier:
        """Load and validate a taxonomy (default: the bundled ``taxonomy.toml``)."""
        path = Path(path) if path is not None else DEFAULT_TAXONOMY
        taxonomy = load_taxonomy(path)
        digest = hashlib.sha256(taxonomy.raw + b"\0" + DATA_FILE.read_bytes()).hexdigest()
        s = taxonomy.scoring
        try:
            return cls(taxonomy.labels, (s.title, s.lead, s.body),
                       (s.lead_paragraphs, s.lead_tokens), digest[:12], taxonomy.contexts)
        except TaxonomyError as exc:
            raise TaxonomyError(f"{path}: {exc}") from exc

    def classify(self, *, title: str | None, text: str, lang: str) -> Classification:
        """Labels, a score in [0, 1] for every label, evidence and countries of one article."""
        scan = self._scan(title, text)
        scores: dict[str, float] = {}
        labels: list[str] = []
        evidence: dict[str, list[str]] = {}
        for li, spec in enumerate(self._specs):
            score = scores[spec.name] = self._calibrated(li, scan.raw[li], lang)
            if score >= spec.threshold and self._blocked(li, scan, lang) is None:
                labels.append(spec.name)
                evidence[spec.name] = self._evidence(li, scan)
        return Classification(labels, scores, evidence, self._countries(scan.matches, scan.tokens))

    def explain(self, *, title: str | None, text: str, lang: str) -> Explanation:
        """Every label's figures and gates, and every context's score with its cues."""
        scan = self._scan(title, text)
        verdicts = []
        for li, spec in enumerate(self._specs):
            score = self._calibrated(li, scan.raw[li], lang)
            gates: list[str] = []
            blocked = self._blocked(li, scan, lang, gates)
            passed = score >= spec.threshold
            verdicts.append(Verdict(spec.name, score, round(scan.raw[li], 3),
                                    round(scan.lead[li], 3), passed, passed and blocked is None,
                                    self._evidence(li, scan), gates, blocked))
        contexts = {name: (round(scan.raw[slot], 3), self._evidence(slot, scan))
                    for name, slot in self._slot.items()}
        return Explanation(verdicts, contexts, self._countries(scan.matches, scan.tokens))

    def cutoff(self, label: str, lang: str) -> float:
        """The raw score at which ``label`` reaches its threshold in ``lang``."""
        spec = self._specs[self.labels.index(label)]
        center, slope = spec.calibration.get(lang, spec.calibration["default"])
        return center + math.log(spec.threshold / (1.0 - spec.threshold)) / slope

    def _calibrated(self, li: int, raw: float, lang: str) -> float:
        spec = self._specs[li]
        center, slope = spec.calibration.get(lang, spec.calibration["default"])
        return round(1.0 / (1.0 + math.exp(-slope * (raw - center))), 4)

    def _scan(self, title: str | None, text: str) -> _Scan:
        tokens = self._tokenise(title, text)
        matches = self._lexicon.scan(tokens.words)
        factors = self._suppression(matches)
        terms, weights = self._terms, self._zone_weights
        title_end, lead_end = tokens.title_end, tokens.lead_end
        # pattern -> zone-weighted mentions, all and in the title and lead; the suppress rules'
        # reductions, which are per label, are kept apart as (slot, pattern) -> change
        mass: dict[Pattern, float] = {}
        lead_mass: dict[Pattern, float] = {}
        first: dict[Pattern, tuple[int, int]] = {}
        cut: dict[tuple[int, Pattern], float] = {}
        lead_cut: dict[tuple[int, Pattern], float] = {}
        for k, (pattern, start, end) in enumerate(matches):
            if pattern not in terms:
                continue
            zone = _TITLE if start < title_end else _LEAD if start < lead_end else _BODY
            m = weights[zone]
            mass[pattern] = mass.get(pattern, 0.0) + m
            if zone != _BODY:
                lead_mass[pattern] = lead_mass.get(pattern, 0.0) + m
            if pattern not in first:
                first[pattern] = (start, end)
            if factors:
                for slot, _ in terms[pattern]:
                    factor = factors.get((k, slot))
                    if factor is not None:
                        key = (slot, pattern)
                        cut[key] = cut.get(key, 0.0) + m * (1.0 - factor)
                        if zone != _BODY:
                            lead_cut[key] = lead_cut.get(key, 0.0) + m * (1.0 - factor)
        raw = [0.0] * self._slots
        lead = [0.0] * self._slots
        for pattern, m in mass.items():
            lm = lead_mass.get(pattern, 0.0)
            for slot, weight in terms[pattern]:
                if cut:
                    key = (slot, pattern)
                    raw[slot] += weight * _sat(m - cut.get(key, 0.0))
                    if lm:
                        lead[slot] += weight * _sat(lm - lead_cut.get(key, 0.0))
                else:
                    raw[slot] += weight * _sat(m)
                    if lm:
                        lead[slot] += weight * _sat(lm)
        return _Scan(raw, lead, mass, cut, first, tokens, matches)

    def _blocked(self, li: int, scan: _Scan, lang: str,
                 gates: list[str] | None = None) -> str | None:
        """The first gate that holds label ``li`` back, None when none does. Without ``gates``
        (the per-article path) that is the gate's kind and the checks stop there; with
        ``gates``, every gate is checked and described there with the cues behind it, and the
        first that holds the label back is returned as its description."""
        spec = self._specs[li]
        raw = scan.raw
        blocked: str | None = None
        subject = spec.subject.get(lang)
        if subject is not None:
            lead = scan.lead[li]
            for slot in self._subject_slots[li][lang]:
                lead += scan.lead[slot]
            ok = lead >= subject.lead or raw[li] >= subject.whole
            if gates is None:
                if not ok:
                    return "subject"
            else:
                with_contexts = "".join(
                    f" + {c} {scan.lead[self._slot[c]]:.2f}" for c in subject.lead_contexts)
                note = (f"subject: title+lead {scan.lead[li]:.2f}{with_contexts} (needs "
                        f"{subject.lead:g}) or whole {raw[li]:.2f} (needs {subject.whole:g})")
                blocked = blocked or (None if ok else note)
                gates.append(("ok   " if ok else "FAIL ") + note)
        for slots, require in self._requires[li]:
            have = 0.0
            for slot in slots:
                have += raw[slot]
            ok = have >= require.min
            if gates is None:
                if not ok:
                    return "require"
            else:
                note = (f"require {'+'.join(require.contexts)}: {have:.2f} (needs "
                        f"{require.min:g}) {self._context_cues(require.contexts, scan)}")
                blocked = blocked or (None if ok else note)
                gates.append(("ok   " if ok else "FAIL ") + note)
        for slot, slots, veto in self._vetoes[li]:
            against = raw[slot]
            if against < veto.min and gates is None:
                continue
            unless = 0.0
            for other in slots:
                unless += raw[other]
            fires = against >= veto.min and against > unless
            yields = veto.own_ratio is not None and raw[li] >= veto.own_ratio * against
            fires = fires and not yields
            if gates is None:
                if fires:
                    return "veto"
            else:
                note = (f"veto {veto.context}: {against:.2f} (fires at {veto.min:g}"
                        + (f", over {'+'.join(veto.unless)} {unless:.2f}" if veto.unless else "")
                        + (f", {'yields' if yields else 'would yield'} to the label's own "
                           f"{raw[li]:.2f} at {veto.own_ratio:g}x"
                           if veto.own_ratio is not None else "")
                        + f") {self._context_cues((veto.context,), scan)}")
                blocked = blocked or (note if fires else None)
                gates.append(("FIRE " if fires else "ok   ") + note)
        return blocked

    def _context_cues(self, contexts: tuple[str, ...], scan: _Scan) -> str:
        found = [cue for c in contexts for cue in self._evidence(self._slot[c], scan)]
        return "[" + ", ".join(found[:_EVIDENCE_MAX]) + "]"

    def _tokenise(self, title: str | None, text: str) -> _Tokens:
        cache = self._chunk_cache  # chunk -> its tokens, resolved to canonical words (or None)
        if len(cache) >= _CHUNK_CACHE_LIMIT:
            cache.clear()
        out = _Tokens([], [], [])
        words, segments, starts = out.words, out.segments, out.starts
        known, flatten = cache.__getitem__, chain.from_iterable
        lead_left, lead_tokens = self._lead_paragraphs, self._lead_tokens
        in_title = bool(title and title.split())  # a blank title is no title
        # The paragraph right after the title (or, with none, after the text's first line, its
        # headline) does not take a lead paragraph when it only announces the next one.
        after_head, paragraph = (0 if in_title else 1), 0
        for segment in chain((title,), text.splitlines()) if title else text.splitlines():
            raw = segment.split()
            if not raw:
                continue
            try:
                resolved = list(map(known, raw))
            except KeyError:  # a chunk not seen before
                resolved = [cache[c] if c in cache else self._resolve_chunk(c) for c in raw]
            start = len(words)
            words.extend(flatten(resolved))  # chunks that normalise to nothing add nothing
            if in_title:
                out.title_end = out.lead_end = len(words)
                in_title = False
            else:
                if lead_left > 0:  # only the first ``lead_tokens`` tokens of the lead paragraphs
                    if paragraph != after_head or not _announces(raw):
                        lead_left -= 1
                    if lead_tokens > 0:
                        lead = min(len(words) - start, lead_tokens)
                        lead_tokens -= lead
                        out.lead_end = start + lead
                paragraph += 1
            words.append(None)  # phrases never cross a paragraph
            segments.append((raw, resolved))
            starts.append(start)
        return out

    def _resolve_chunk(self, chunk: str) -> tuple[str | None, ...]:
        resolve = self._lexicon.resolve
        resolved = self._chunk_cache[chunk] = tuple(resolve(t) for t in normalize(chunk).split())
        return resolved

    def _suppression(self, matches: list[Match]) -> dict[tuple[int, int], float]:
        """(match index, label index) -> weight factor from the suppress rules that fire."""
        if not self._cues:
            return {}
        cue_positions: dict[int, list[int]] = {}
        for pattern, start, _ in matches:
            for ri in self._cues.get(pattern, ()):
                cue_positions.setdefault(ri, []).append(start)
        factors: dict[tuple[int, int], float] = {}
        for ri, positions in cue_positions.items():  # positions ascend: matches are in order
            rule = self._rules[ri]
            for k, (pattern, start, _) in enumerate(matches):
                if pattern not in rule.terms:
                    continue
                if rule.window:
                    nearest = bisect_left(positions, start - rule.window)
                    if nearest == len(positions) or positions[nearest] > start + rule.window:
                        continue  # no cue within the window
                key = (k, rule.label)
                factors[key] = min(factors.get(key, 1.0), rule.factor)
        return factors

    def _evidence(self, slot: int, scan: _Scan) -> list[str]:
        """The text of the strongest terms behind a label's or a context's score."""
        ranked = []
        for pattern, m in scan.mass.items():
            for lj, weight in self._terms[pattern]:
                if lj == slot:
                    value = weight * _sat(m - scan.cut.get((lj, pattern), 0.0))
                    if value > 0:
                        ranked.append((value, pattern))
        ranked.sort()
        found: list[str] = []
        for _, pattern in reversed(ranked):
            surface = scan.tokens.surface(*scan.first[pattern]).strip(_PUNCT)
            if surface and surface not in found:
                found.append(surface)
            if len(found) >= _EVIDENCE_MAX:
                break
        return found

    def _countries(self, matches: list[Match], tokens: _Tokens) -> list[str]:
        """Countries named in the title or lead, or at least twice; ambiguous names (a person's
        or a state's) count only next to an unambiguous mention of the same country."""
        prominent: dict[str, bool] = {}
        count: dict[str, int] = {}
        certain: set[str] = set()
        for pattern, start, _ in matches:
            place = self._places.get(pattern)
            if place is None:
                continue
            count[place.code] = count.get(place.code, 0) + 1
            if start < tokens.lead_end:
                prominent[place.code] = True
            if not place.ambiguous:
                certain.add(place.code)
        about = [c for c in count if c in certain and (prominent.get(c) or count[c] >= 2)]
        return sorted(about, key=lambda c: (-count[c], c))
