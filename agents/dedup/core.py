"""Decide, one article at a time, whether it is the first copy of a story or a later one.

Runs in a single-partition stage, so ``decide`` calls are sequential: the first copy processed is
canonical and every later copy inside the window (event time, either direction) is a duplicate
of the story's canonical article. A candidate from the LSH buckets (or the exact-hash table) is
confirmed by the estimated containment of the shorter text's shingles in the longer's: copies
are often a shortened or re-wrapped version of the other, which Jaccard punishes and containment
does not, while template press releases about different events stay below it (README, dedup).

Between ``corroborated_threshold`` and ``threshold`` shingles alone cannot tell a rewritten copy
(new headline and lead, paraphrased sentences) from a template release about another event: both
share long verbatim runs. There the pair is a copy only when the numbers agree
(:meth:`agents.dedup.fingerprint.Figures.agree`): a copy keeps the story's figures, a release
about another event changes some. A short text and another, short or long, whose numbers agree
(besides a bare year) are copies also when most long words of the one with fewer are in the
other (``word_threshold``), or many when two figures or more agree
(``corroborated_word_threshold``, ``corroborated_long_words`` against a long text), or about
half of a short text's when three or more agree with a long text, four with a short one
(``many_figures_words``), however few 5-grams they share: a short wire copy with its clauses
turned round and its headline rewritten keeps its names, places and figures, not its function
words (docs/decisions/014-story-level-dedup.md, 019, 021, 022 and 023).
Two short texts that each state a figure the other lacks are one template filled in for two
events, unless they share almost all of their 5-grams (``veto_below``).
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass
from typing import Any

from khabar.agents.dedup.fingerprint import (
    MIN_LONG_WORDS,
    MIN_NUMBERS,
    VERSION,
    Fingerprint,
    estimate,
    figures,
    word_containment,
)
from khabar.agents.dedup.state import HOUR, DedupState, doc_version, is_doc, stored_fingerprint

DEFAULT_WINDOW = 7 * 24 * HOUR
DEFAULT_THRESHOLD = 0.55  # estimated containment; dev: copies >= 0.57, templates <= 0.51
DEFAULT_CORROBORATED = 0.35  # with agreeing numbers; dev: rewritten copies >= 0.43
DEFAULT_WORD_THRESHOLD = 0.70  # short texts' long words; distinct stories <= 0.667 (bench)
DEFAULT_CORROBORATED_WORDS = 0.55  # with 2 figures agreeing; a write-up of one event <= 0.53
DEFAULT_CORROBORATED_LONG_WORDS = 0.60  # the same, short against long; a write-up 0.57
DEFAULT_MANY_FIGURES_WORDS = 0.45  # short against long, 3 figures agreeing; others < 0.40
MANY_FIGURES = 3  # agreeing figures, besides bare years, for ``many_figures_words``
MANY_FIGURES_SHORT = 4  # the same for two short texts
MIN_WORD_HITS = 2  # word bands a long text must share with a short one to verify it
SHORTER_COPY = 0.8  # ``many_figures_words`` asks the shorter text's shingles to be at most
# this share of the longer's: a paraphrased copy is shorter than its original, while a
# write-up that quotes a wire's statement is as long as the wire or longer
DEFAULT_SHORT_NUMBERS = 1  # figures two short texts must share for their words to count
DEFAULT_VETO_BELOW = 0.75  # containment; templates with other figures <= 0.57, copies 0.89


@dataclass(frozen=True, slots=True)
class Decision:
    """Outcome for one article.

    ``story_id`` and ``duplicate_of`` are the canonical article's id (``duplicate_of`` is None for
    a canonical). ``copies`` is the story's copy count after this article (1 for a new story), so
    the caller can move the story from one copy-count bucket to the next.
    """

    canonical: bool
    story_id: str
    duplicate_of: str | None
    similarity: float | None
    method: str | None
    copies: int = 1


class Deduper:
    """Sequential deduplication over a :class:`DedupState`.

    Args:
        state: the mappings (Faust tables in the worker, dicts in batch mode).
        window_seconds: how far apart in event time two copies may be.
        threshold: minimum estimated containment for a near duplicate.
        corroborated_threshold: minimum estimated containment for a near duplicate whose
            numbers agree, at least ``min_numbers`` of them.
        word_threshold: for a short text (``WORDS_CAP``) and another text, short or long,
            whose numbers agree, at least ``min_short_numbers`` of them besides bare years,
            each with ``MIN_LONG_WORDS`` long words or more, the minimum share of the long
            words of the one with fewer found in the other.
        corroborated_word_threshold: the same share for two such short texts whose numbers
            agree, at least ``min_numbers`` of them besides bare years.
        corroborated_long_words: the same share for a short text against a long one whose
            numbers agree, at least ``min_numbers`` of them besides bare years: a long text
            holds more of the event's words, so another reporter's short write-up of the same
            event finds more of its words in it than in a short one.
        many_figures_words: the same share for a short text against a long one whose numbers
            agree, at least ``MANY_FIGURES`` of them besides bare years: a short paraphrased
            copy keeps its original's figures, while another reporter's write-up or the next
            bulletin brings figures of its own. Two short texts are held to it with
            ``MANY_FIGURES_SHORT`` figures: two reporters' short items on one event state the
            same toll, three figures, not four. It asks more figures than ``min_numbers``,
            which asks more words, and a shorter text of at most ``SHORTER_COPY`` of the
            longer's shingles.
        veto_below: two short texts that each state a number the other lacks are copies only
            at this estimated containment or above: one template filled in for two events
            stays below, a copy with one figure rewritten (a time converted) does not.
        min_jaccard: minimum estimated Jaccard as well: below it, too few signature slots agree
            for the containment estimate to mean anything (it caps the length ratio at ~6).
        min_shingles: texts with fewer shingles are matched by exact hash only.
        max_candidates: candidates verified per article, those sharing most bands first.
    """

    def __init__(
        self,
        state: DedupState,
        *,
        window_seconds: float = DEFAULT_WINDOW,
        threshold: float = DEFAULT_THRESHOLD,
        corroborated_threshold: float = DEFAULT_CORROBORATED,
        word_threshold: float = DEFAULT_WORD_THRESHOLD,
        corroborated_word_threshold: float = DEFAULT_CORROBORATED_WORDS,
        corroborated_long_words: float = DEFAULT_CORROBORATED_LONG_WORDS,
        many_figures_words: float = DEFAULT_MANY_FIGURES_WORDS,
        min_numbers: int = MIN_NUMBERS,
        min_short_numbers: int = DEFAULT_SHORT_NUMBERS,
        veto_below: float = DEFAULT_VETO_BELOW,
        min_jaccard: float = 0.15,
        min_shingles: int = 8,
        max_candidates: int = 16,
    ) -> None:
        if (window_seconds <= 0
                or not 0 < corroborated_threshold <= threshold <= veto_below <= 1
                or not 0 < corroborated_word_threshold <= word_threshold <= 1
                or not 0 < corroborated_long_words <= word_threshold
                or not 0 < many_figures_words <= corroborated_long_words
                or not 1 <= min_short_numbers <= min_numbers < MANY_FIGURES):
            raise ValueError("window_seconds must be > 0, "
                             "0 < corroborated_threshold <= threshold <= veto_below <= 1, "
                             "0 < corroborated_word_threshold <= word_threshold <= 1, "
                             "0 < corroborated_long_words <= word_threshold, "
                             "0 < many_figures_words <= corroborated_long_words and "
                             f"1 <= min_short_numbers <= min_numbers < {MANY_FIGURES}")
        self.state = state
        self.window = window_seconds
        self.threshold = threshold
        self.corroborated_threshold = corroborated_threshold
        self.word_threshold = word_threshold
        self.corroborated_word_threshold = corroborated_word_threshold
        self.corroborated_long_words = corroborated_long_words
        self.many_figures_words = many_figures_words
        self.min_numbers = min_numbers
        self.min_short_numbers = min_short_numbers
        self.veto_below = veto_below
        self.min_jaccard = min_jaccard
        self.min_shingles = min_shingles
        self.max_candidates = max_candidates

    def decide(
        self, article_id: str, fp: Fingerprint, event_time: float, source: str | None
    ) -> Decision:
        """Canonical or duplicate; deciding an id again returns the stored decision."""
        docs = self.state.docs
        known = docs.get(article_id)
        if known is not None:
            return Decision(*known["d"])
        match = self._exact(article_id, fp, event_time) or self._near(article_id, fp, event_time)
        if match is not None and match[0] == article_id:
            # Its own story, through a live copy after its own entry expired: still canonical.
            match = None
        if match is None:
            story_id, method, similarity = article_id, None, None
        else:
            story_id, similarity, method = match
        doc = {
            "t": int(event_time),
            "h": fp.content_hash,
            "s": base64.b64encode(fp.signature).decode("ascii"),
            "n": fp.shingles,
            "x": list(fp.numbers),
            "w": base64.b64encode(fp.words).decode("ascii"),
            "k": fp.short,
            "v": VERSION,
            "st": story_id,
            "src": source,
        }
        copies = self.state.file(article_id, doc, exact_copy=method == "exact", bands=fp.bands)
        decision = Decision(match is None, story_id, None if match is None else story_id,
                            similarity, method, copies)
        doc["d"] = _fields(decision)
        docs[article_id] = doc  # last: see agents.dedup.state
        return decision

    def expire(self, now: float) -> int:
        """Drop every article filed under an hour that ended before ``now - window``."""
        removed = 0
        before_hour = int((now - self.window) // HOUR)
        docs = self.state.docs
        for article_id in self.state.pop_expired_ids(before_hour):
            doc = docs.get(article_id)
            if doc is None or not is_doc(doc) or doc["t"] // HOUR >= before_hour:
                # dropped already, decided again since a replay left it filed, or replaced by
                # a replayed record that is not a doc (counted then)
                continue
            del docs[article_id]
            removed += 1
            self.state.unfile(article_id, doc)
        return removed

    def _live(self, article_id: str, event_time: float) -> dict[str, Any] | None:
        doc: dict[str, Any] | None = self.state.docs.get(article_id)
        if doc is None or abs(event_time - doc["t"]) > self.window:
            return None
        return doc

    def _exact(self, article_id: str, fp: Fingerprint,
               event_time: float) -> tuple[str, float, str] | None:
        other = self.state.exact.get(fp.content_hash)
        if other is None or other == article_id:
            return None
        doc = self._live(other, event_time)
        return None if doc is None else (doc["st"], 1.0, "exact")

    def _near(self, article_id: str, fp: Fingerprint,
              event_time: float) -> tuple[str, float, str] | None:
        if fp.shingles < self.min_shingles:
            return None
        hits: Counter[str] = Counter()
        word_hits: Counter[str] = Counter()  # a long text's, under short texts' word bands
        for key in fp.probes():
            (word_hits if key[0] == "w" and not fp.short else hits).update(
                self.state.buckets.get(key, ()))
        for other, n in word_hits.items():
            # a short text that shares one word band with a long one shares its common words
            if n >= MIN_WORD_HITS or other in hits:
                hits[other] += n
        hits.pop(article_id, None)
        best: tuple[str, float, str] | None = None
        for other, _ in hits.most_common(self.max_candidates):
            doc = self._live(other, event_time)
            if doc is None or doc["n"] < self.min_shingles or doc_version(doc) != VERSION:
                continue  # a signature of other parameters is not comparable: exact hash only
            similarity = self._similarity(fp, stored_fingerprint(doc))
            if similarity is not None and (best is None or similarity > best[1]):
                best = (doc["st"], round(similarity, 4), "near")
        return best

    def _similarity(self, fp: Fingerprint, stored: Fingerprint) -> float | None:
        """The estimated containment when it makes the pair copies (alone, or in the band
        where the numbers must agree), else, when one of them is short, the long-word
        containment when that and the numbers make them copies, else None. Two short texts
        that each state a number the other lacks are not copies below ``veto_below``: one
        template filled in for two events."""
        jaccard, containment = estimate(fp, stored)
        short = fp.short and stored.short
        shorter, longer = (fp, stored) if fp.shingles <= stored.shingles else (stored, fp)
        numbers = figures(shorter, longer)
        if short and containment < self.veto_below and numbers.conflict:
            return None
        if jaccard >= self.min_jaccard and containment >= self.threshold:
            return containment
        if (jaccard >= self.min_jaccard and containment >= self.corroborated_threshold
                and numbers.agree(self.min_numbers)):
            return containment
        if (not (fp.short or stored.short)
                or min(len(fp.words), len(stored.words)) < MIN_LONG_WORDS * 4
                or not numbers.agree(self.min_short_numbers, years=False)):
            return None
        words = word_containment(fp, stored)
        corroborated = (self.corroborated_word_threshold if short
                        else self.corroborated_long_words)
        if (words >= self.word_threshold
                or (words >= corroborated and numbers.agree(self.min_numbers, years=False))
                or (words >= self.many_figures_words
                    and shorter.shingles <= SHORTER_COPY * longer.shingles
                    and numbers.agree(MANY_FIGURES_SHORT if short else MANY_FIGURES,
                                      years=False))):
            return words
        return None


def _fields(decision: Decision) -> list[Any]:
    return [
        decision.canonical, decision.story_id, decision.duplicate_of, decision.similarity,
        decision.method, decision.copies,
    ]
