"""Token-indexed matcher of words and phrases over normalised text.

Every taxonomy or gazetteer word is registered under all its surface forms (see ``morph``), each
form pointing at the word as written in the data (its canonical form). A text token resolves to a
canonical word once (cached), then a single left-to-right scan finds the longest pattern (a tuple
of canonical words) starting at each position. Longest match lets a phrase such as
"strike vote" consume the "vote" inside it.

A word written inside a phrase with its proclitics («المفوضية العليا للانتخابات») stands for the
word it contains: once every word is registered, such a word is read as a text token would be
(``ar_candidates``) and, when its first reading that is a registered word is another word, it
is replaced by that word in its phrases and claims no forms of its own. Text «للانتخابات» then
resolves to «انتخابات» everywhere, and the phrase still matches. Only readings that are
unambiguous are taken: the stripped letters hold the article (لل, بال, وال ...) or the word
left starts with ا («لاتفاق»); a bare و ف ب ل ك before another letter may be the stem's own
(«ورقه», a paper, is not و + «رقه»). A word that is a whole term on its own is never replaced:
«كوبا» stays a country even though «وبا» is a word of the data. Likewise two English words of
the data with one stem ("voted" in the phrase "senate voted", the term "vote") are one word:
the first registered holds the stem and stands for the other in its phrases and as a term, so
neither is silently lost to the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress

from khabar.agents.classify.morph import ar_candidates, ar_forms, canonical, en_stem, is_arabic
from khabar.agents.ingest.normalize import normalize

Pattern = tuple[str, ...]
Match = tuple[Pattern, int, int]  # pattern, first token index, end index (exclusive)

_CACHE_LIMIT = 200_000


class Lexicon:
    """Words and phrases registered at load; ``scan`` is the per-article hot path."""

    def __init__(self) -> None:
        self._words: dict[str, bool] = {}  # every data word, in order -> exact
        self._by_first: dict[str, list[Pattern]] = {}  # patterns as written in the data
        self._forms: dict[str, tuple[str, bool]] = {}  # form -> (canonical word, exact)
        # the scan index, by words as read: a one-word pattern by its word, longer ones by their
        # first two words (longest first), and every word that starts a pattern
        self._single: dict[str, Pattern] = {}
        self._phrases: dict[tuple[str, str], list[tuple[Pattern, Pattern]]] = {}
        self._starts: frozenset[str] = frozenset()
        self._reported: dict[Pattern, Pattern] = {}  # pattern -> the one scan reports for it
        self._settled = True
        self._cache: dict[str, str | None] = {}

    def add(self, text: str, *, exact: bool = False) -> Pattern:
        """Register a word or phrase; returns its pattern (empty when nothing is left)."""
        words = tuple(canonical(w) for w in normalize(text).split())
        for word in words:
            self._words[word] = self._words.get(word, False) or exact
        if words:
            patterns = self._by_first.setdefault(words[0], [])
            if words not in patterns:
                patterns.append(words)
                patterns.sort(key=len, reverse=True)
        self._settled = False
        self._cache.clear()
        return words

    def _settle(self) -> None:
        """Build the form table and the scan index from every word and pattern registered."""
        self._forms, refused = _form_table(self._words.items())
        alone = {p[0] for group in self._by_first.values() for p in group if len(p) == 1}
        replaced: dict[str, str] = {}
        for word, exact in self._words.items():
            if is_arabic(word):
                inner = self._inner_word(word) if word not in alone else None
                if inner is not None:
                    replaced[word] = inner
            elif not exact:  # "voted" in a phrase is the word "vote" that holds their stem
                hit = self._forms.get(en_stem(word))
                if hit is not None and hit[0] != word and not hit[1]:
                    replaced[word] = hit[0]
        if replaced:
            owned = [form for form, (word, _) in self._forms.items() if word in replaced]
            if refused.isdisjoint(owned):  # no other word wanted them: just let them go
                for form in owned:
                    del self._forms[form]
            else:
                self._forms, _ = _form_table(
                    (w, x) for w, x in self._words.items() if w not in replaced)
            for word in replaced:  # an inner word may itself carry clitics («وللانتخابات»)
                while replaced[word] in replaced:
                    replaced[word] = replaced[replaced[word]]
        single: dict[str, Pattern] = {}
        phrases: dict[tuple[str, str], list[tuple[Pattern, Pattern]]] = {}
        first: dict[Pattern, Pattern] = {}  # words as read -> the first pattern read so
        reported: dict[Pattern, Pattern] = {}
        for group in self._by_first.values():
            for pattern in group:
                read = tuple(replaced.get(w, w) for w in pattern)
                if read not in first:
                    first[read] = pattern
                    if len(read) == 1:
                        single[read[0]] = pattern
                    else:
                        phrases.setdefault((read[0], read[1]), []).append((read, pattern))
                reported[pattern] = first[read]
        for entries in phrases.values():
            entries.sort(key=lambda entry: len(entry[0]), reverse=True)
        self._single, self._phrases = single, phrases
        self._starts = frozenset(single).union(head for head, _ in phrases)
        self._reported = reported
        self._settled = True

    def reading(self, pattern: Pattern) -> Pattern:
        """The pattern ``scan`` reports where ``pattern`` (as ``add`` returned it) is found.
        Patterns that read alike are found as one: "evacuated" once "evacuate" holds their
        stem, «وقف لإطلاق نار» once «لإطلاق» reads as «إطلاق» of another phrase."""
        if not self._settled:
            self._settle()
        return self._reported[pattern]

    def _inner_word(self, word: str) -> str | None:
        """Another registered word that ``word`` reads as once proclitics are stripped."""
        for form, suffix_stripped in ar_candidates(word):
            if suffix_stripped:
                return None
            hit = self._forms.get(form) if form != word else None
            if hit is None:
                continue
            stripped = word[: len(word) - len(form)]
            return hit[0] if "ال" in stripped or "لل" in stripped or form[0] == "ا" else None
        return None

    def resolve(self, token: str) -> str | None:
        """The canonical word a normalised token stands for, or None."""
        try:
            return self._cache[token]
        except KeyError:
            pass
        if not self._settled:
            self._settle()
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
        if not self._settled:
            self._settle()
        matches: list[Match] = []
        single, phrases = self._single, self._phrases
        n = len(words)
        free = 0  # tokens before this are inside an earlier match
        # Only positions whose word starts some pattern can start a match (found in C).
        for i in compress(range(n), map(self._starts.__contains__, words)):
            if i < free:
                continue
            word: str = words[i]  # type: ignore[assignment]
            # Phrases are looked up by their first two words, so a word that starts many
            # (a country's "republic") costs one lookup, not one comparison per phrase.
            hit: Match | None = None
            if i + 1 < n:
                for read, pattern in phrases.get((word, words[i + 1]), ()):  # type: ignore[arg-type]
                    if tuple(words[i:i + len(read)]) == read:
                        hit = (pattern, i, i + len(read))
                        break
            if hit is None and word in single:
                hit = (single[word], i, i + 1)
            if hit is not None:
                matches.append(hit)
                free = hit[2]
        return matches


def _form_table(
    words: Iterable[tuple[str, bool]],
) -> tuple[dict[str, tuple[str, bool]], set[str]]:
    """form -> (canonical word, exact), and the forms for which some word's claim was refused.
    A form written in the data wins over a derived one; otherwise the first claim is kept. A
    word marked exact anywhere registers no derived forms («سلام» exact does not claim
    «سلامه», safety)."""
    forms: dict[str, tuple[str, bool]] = {}
    listed: set[str] = set()
    refused: set[str] = set()
    for word, exact in words:
        if is_arabic(word):
            derived = [word] if exact else ar_forms(word)
        else:
            derived = [word] if exact else [en_stem(word)]
        for i, form in enumerate(derived):
            old = forms.get(form)
            if old is not None and (form in listed or i > 0):
                refused.add(form)
                continue
            forms[form] = (word, exact)
            if i == 0:
                listed.add(form)
    return forms, refused
