"""Token-indexed matcher of words and phrases over normalised text.

Every taxonomy or gazetteer word is registered under all its surface forms (see ``morph``), each
form pointing at the word as written in the data (its canonical form). A text token resolves to a
canonical word once (cached), then a single left-to-right scan finds the longest pattern (a tuple
of canonical words) starting at each position. Longest match lets a phrase such as
"strike vote" consume the "vote" inside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress

from agents.classify.morph import ar_candidates, ar_forms, canonical, en_stem, is_arabic
from agents.ingest.normalize import normalize

Pattern = tuple[str, ...]
Match = tuple[Pattern, int, int]  # pattern, first token index, end index (exclusive)

_CACHE_LIMIT = 200_000


class Lexicon:
    """Words and phrases registered at load; ``scan`` is the per-article hot path."""

    def __init__(self) -> None:
        self._forms: dict[str, tuple[str, bool]] = {}  # form -> (canonical word, exact)
        self._listed: set[str] = set()  # forms written in the data (win over derived ones)
        self._by_first: dict[str, list[Pattern]] = {}
        self._cache: dict[str, str | None] = {}

    def add(self, text: str, *, exact: bool = False) -> Pattern:
        """Register a word or phrase; returns its pattern (empty when nothing is left)."""
        words = tuple(canonical(w) for w in normalize(text).split())
        for word in words:
            self._register(word, exact)
        if words:
            patterns = self._by_first.setdefault(words[0], [])
            if words not in patterns:
                patterns.append(words)
                patterns.sort(key=len, reverse=True)
        self._cache.clear()
        return words

    def _register(self, word: str, exact: bool) -> None:
        if is_arabic(word):
            forms = [word] if exact else ar_forms(word)
        else:
            forms = [word] if exact else [en_stem(word)]
        for i, form in enumerate(forms):
            listed = i == 0
            old = self._forms.get(form)
            if old is not None and (form in self._listed or not listed):
                # keep the first claim, but an exact flag on the same word sticks
                if old[0] == word and exact:
                    self._forms[form] = (word, True)
                continue
            self._forms[form] = (word, exact)
            if listed:
                self._listed.add(form)

    def resolve(self, token: str) -> str | None:
        """The canonical word a normalised token stands for, or None."""
        try:
            return self._cache[token]
        except KeyError:
            pass
        found = self._lookup(token)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[token] = found
        return found

    def _lookup(self, token: str) -> str | None:
        forms = self._forms
        if not is_arabic(token):
            hit = forms.get(token)
            if hit is not None and hit[1]:
                return hit[0]
            hit = forms.get(en_stem(token))
            return hit[0] if hit is not None and not hit[1] else None
        for form, suffix_stripped in ar_candidates(token):
            hit = forms.get(form)
            if hit is not None and not (suffix_stripped and hit[1]):
                return hit[0]
        return None

    def scan(self, words: list[str | None]) -> list[Match]:
        """Longest-match scan over resolved tokens (``resolve`` of each token)."""
        matches: list[Match] = []
        by_first = self._by_first
        n = len(words)
        free = 0  # tokens before this are inside an earlier match
        # Only positions whose word starts some pattern can start a match (found in C).
        for i in compress(range(n), map(by_first.__contains__, words)):
            if i < free:
                continue
            for pattern in by_first[words[i]]:  # type: ignore[index]
                end = i + len(pattern)
                # A phrase is compared whole only when its second word matches (cheap test).
                if end == i + 1 or (end <= n and words[i + 1] == pattern[1]
                                    and tuple(words[i:end]) == pattern):
                    matches.append((pattern, i, end))
                    free = end
                    break
        return matches

    def patterns(self) -> Iterable[Pattern]:
        """Every registered pattern (for validation and tests)."""
        for group in self._by_first.values():
            yield from group
