"""Fingerprints of normalised article text: an exact hash and a MinHash signature with LSH bands.

Parameters (measured on the dev set's copy groups, see the README's dedup section):

- word 5-gram shingles: the shingle size that best separates real copies (containment of the
  shorter in the longer >= 0.62 once the site chrome is gone) from template press releases about
  different events (<= 0.48); 3- and 4-grams bring the two within 0.03-0.04 of each other;
- 128 permutations (datasketch ``affine32`` MinHash, uint32 slots): 512 bytes per signature;
- 32 bands of 2 rows, from datasketch's threshold-to-bands search for a Jaccard threshold of 0.3
  weighted 0.1/0.9 against false negatives, because copies of different lengths have a Jaccard
  as low as 0.27-0.35 while their containment stays above 0.88. LSH only proposes candidates;
  :mod:`agents.dedup.core` confirms them by containment.

Beside the signature, a fingerprint carries the numbers of the text (each figure read as the
number it stands for, in digits or in words, see :mod:`agents.dedup.numbers`, as CRC-32 values;
at most ``NUMBERS_CAP``, the smallest): the facts a copy keeps when it is rewritten and a
template release about another event changes (its flight number, tonnage, date, toll).
:func:`figures` compares them for the rules that :mod:`agents.dedup.core` applies to pairs whose
shingle containment alone is not conclusive. A text also keeps its long words (``LONG_WORD``
characters or more: names, places, nouns and verbs, few function words; a long text, those of
its first ``LONG_WORDS_CHARS`` characters), lightly stemmed (:func:`stems`) so that the
inflections of one word meet, for :func:`word_containment`, and is filed under more buckets
(:func:`bucket_keys`): LSH bands of a MinHash over those words and, for a short text (at most
``WORDS_CAP`` distinct words), one keyed by its numbers. A short copy rewritten sentence by
sentence keeps almost no 5-gram, often no LSH band of the signature, but its long words and
figures (docs/decisions/021-short-copies-of-long-texts.md).

Shingles are hashed once: every word is hashed with CRC-32 (C speed, deterministic across
processes, unlike ``hash()``) and each 5-word window is folded into one 32-bit value with numpy.
The signature is datasketch's ``affine32`` MinHash of those values, computed here on the whole
array at once with MurmurHash3's finalizer (:mod:`agents.dedup.murmur`, as datasketch mixes)
and datasketch's permutation parameters: its ``update_batch`` would first turn the array into a
Python list and back. A unit test checks the
signatures against ``datasketch.MinHash`` bit for bit.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from khabar.agents.dedup.murmur import fmix32
from khabar.agents.dedup.numbers import text_numbers

SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_JACCARD = 0.3
_LSH = MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM, weights=(0.1, 0.9))
BANDS, ROWS = _LSH.b, _LSH.r
SEED = 1
NUMBERS_CAP = 16
MIN_NUMBERS = 2  # numbers two texts must share before their agreement counts
WORDS_CAP = 80  # a text of at most this many distinct words is short
LONG_WORD = 5  # characters: shorter words are mostly function words, which a paraphrase changes
LONG_WORDS_CHARS = 1200  # a long text keeps the long words of this much of its start
#: The most long words a long text's fingerprint can hold: its first ``LONG_WORDS_CHARS``
#: characters, long words and the spaces between them (a short text holds ``WORDS_CAP``).
MAX_LONG_WORDS = (LONG_WORDS_CHARS + 1) // (LONG_WORD + 1)
WORD_BANDS, WORD_ROWS = 16, 1  # LSH over a text's long words; a long text's are keyed "L"
MIN_LONG_WORDS = 8  # a text with fewer long words gets no word bands
#: Word bands of short texts a long text looks up: half of them, for half the cost of all
#: (:meth:`Fingerprint.probes`, docs/decisions/024).
LONG_PROBE_WORD_BANDS = 8
NUMBERS_RULE = 4  # how number_hashes reads figures (agents.dedup.numbers): bump on any change
#: Changes whenever a parameter above changes. A fingerprint of another version is not compared
#: with this one's: the dedup hop fingerprints the article's text again (docs/decisions/010).
#: The part of ``VERSION`` that fixes the LSH band keys of a signature (:func:`band_keys`).
BAND_SCHEME = f"w{SHINGLE_WORDS}p{NUM_PERM}b{BANDS}r{ROWS}s{SEED}"
SHORT_RULE = 4  # what marks a text short ("k") and what a text keeps (stems): bump on any change
VERSION = (f"{BAND_SCHEME}"
           f"x{NUMBERS_RULE}c{NUMBERS_CAP}m{MIN_NUMBERS}t{WORDS_CAP}"
           f"l{LONG_WORD}a{LONG_WORDS_CHARS}wb{WORD_BANDS}r{WORD_ROWS}L{WORD_BANDS}"
           f"k{MIN_LONG_WORDS}q{SHORT_RULE}")

_MIX = np.random.default_rng(20240511).integers(1, 2**63, size=SHINGLE_WORDS, dtype=np.uint64)
_MIX |= np.uint64(1)  # odd multipliers: each word position changes every bit above its own
SCHEME = "affine32"
_A, _B = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations  # uint32 each
_EMPTY_SIGNATURE = np.full(NUM_PERM, 0xFFFFFFFF, dtype="<u4").tobytes()  # datasketch's start
_BAND_BYTES = ROWS * 4
_BAND_STARTS = tuple((f"{i}.", i * _BAND_BYTES) for i in range(BANDS))  # key prefix, offset
_BAND_HASH = hashlib.blake2b(digest_size=8)  # fresh state, copied for each band
_WORD_A, _WORD_B = _A[:WORD_BANDS * WORD_ROWS], _B[:WORD_BANDS * WORD_ROWS]
_WORD_BAND_STARTS = tuple((f"w{i}.", i * WORD_ROWS * 4) for i in range(WORD_BANDS))
#: The light stem of a long word: an Arabic word without its leading conjunction (و ف),
#: preposition (ب ك ل) and article (ال, لل), and without one trailing ه ات ين ون ان ها هم;
#: an English word without one of -ings -ing -ers -er -ed -es -e -s. At least 3 letters stay.
#: A copy inflects what its original says («المعلمين», «للمعلمين»; "rescued", "rescuers").
#: Two passes, prefixes then suffixes, are twice as fast as one pattern with a lazy stem.
_PREFIX = re.compile(r"\b(?:[وف]?(?:[بكل]?ال|لل|[بكل])|[وف])(?=\w{3})")
_SUFFIX = re.compile(r"(?<=\w{3})(?:ات|ين|ون|ان|ها|هم|ه|ings|ing|ers|er|ed|es|e|s)\b")
_DIGITS_ONLY = bytes(c if 0x30 <= c <= 0x39 else 0x20 for c in range(256))  # bytes.translate
_SINGLE_DIGITS = frozenset(zlib.crc32(bytes([c])) for c in range(0x30, 0x3A))
_STEM_HASHES: dict[str, int] = {}  # word -> CRC-32 of its stem (:func:`_stem_hash`)
_STEM_CACHE_LIMIT = 20_000  # words, about 3 MB
#: A bare year: the figure two unrelated stories of one year share most often.
YEARS = frozenset(zlib.crc32(str(year).encode()) for year in range(1900, 2101))


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup needs to know about one article's normalised text.

    Attributes:
        content_hash: blake2b-128 of the normalised text, hex (the ``exact`` method).
        signature: MinHash slots as little-endian uint32 bytes (``NUM_PERM * 4`` bytes).
        bands: bucket keys the text is filed under (:func:`bucket_keys`): the LSH band keys
            ``"<band>.<hex>"``, one per band, its long-word band keys (``"w<band>.<hex>"`` for
            a short text, ``"L<band>.<hex>"`` for a long one), and for a short text its
            numbers' key; empty when the text has no words. :meth:`probes` are the keys it
            looks candidates up under.
        shingles: number of distinct shingles, needed to turn Jaccard into containment.
        numbers: CRC-32 of the text's distinct numbers, sorted, the smallest ``NUMBERS_CAP``.
        words: the CRC-32 values of the stems of the text's distinct words of ``LONG_WORD``
            characters or more (of a long text, those of its first ``LONG_WORDS_CHARS``
            characters), sorted, as little-endian uint32 bytes.
        short: whether the text has at most ``WORDS_CAP`` distinct words, whether or not any
            of them is long: a short text keeps its numbers' bucket and meets the figures veto
            of :mod:`agents.dedup.core`.
    """

    content_hash: str
    signature: bytes
    bands: tuple[str, ...]
    shingles: int
    numbers: tuple[int, ...] = ()
    words: bytes = b""
    short: bool = False

    def probes(self) -> tuple[str, ...]:
        """The bucket keys to look candidates up under: a short text's own and the long-word
        bands of long texts; a long text's LSH bands and the first ``LONG_PROBE_WORD_BANDS``
        word bands of short texts. A short copy meets its original, short or long, by their
        long words, and so does a long original filed after its short copy; two long texts
        meet by 5-grams only (any two long texts share common words)."""
        if self.short:
            return self.bands + long_text_word_keys(tuple(k for k in self.bands if k[0] == "w"))
        words = [k for k in self.bands if k[0] == "L"][:LONG_PROBE_WORD_BANDS]
        return (*(k for k in self.bands if k[0] != "L"), *("w" + k[1:] for k in words))

    def slots(self) -> np.ndarray:
        """The signature as a uint32 array (a view, no copy)."""
        return np.frombuffer(self.signature, dtype="<u4")

    def encode(self) -> dict[str, Any]:
        """JSON-able form; the band keys are recomputed from the signature by :meth:`decode`."""
        return {
            "v": VERSION,
            "h": self.content_hash,
            "s": base64.b64encode(self.signature).decode("ascii"),
            "n": self.shingles,
            "x": list(self.numbers),
            "w": base64.b64encode(self.words).decode("ascii"),
            "k": self.short,
        }

    @classmethod
    def decode(cls, data: Any) -> Fingerprint | Undecodable:
        """Inverse of :meth:`encode`; what is wrong with ``data`` as a value, never raised:
        ``other_version`` for a fingerprint made with other parameters (its text can be
        fingerprinted again), ``malformed`` for anything else."""
        if not isinstance(data, dict):
            return Undecodable("malformed",
                               f"fingerprint is a {type(data).__name__}, not an object")
        version = data.get("v")
        if not isinstance(version, str) or not version:
            return Undecodable("malformed", "fingerprint has no version")
        if version != VERSION:
            return Undecodable("other_version",
                               f"fingerprint version {data.get('v')!r} is not {VERSION!r}")
        encoded, shingles, content_hash = data.get("s"), data.get("n"), data.get("h")
        if not (isinstance(encoded, str) and isinstance(content_hash, str) and content_hash
                and type(shingles) is int and shingles >= 0):
            return Undecodable("malformed", "fingerprint needs a string h and s and a count n")
        try:
            signature = base64.b64decode(encoded, validate=True)
        except ValueError as exc:  # binascii.Error
            return Undecodable("malformed", f"signature is not base64: {exc}")
        if len(signature) != NUM_PERM * 4:
            return Undecodable("malformed",
                               f"signature has {len(signature)} bytes, expected {NUM_PERM * 4}")
        numbers, encoded_words = data.get("x"), data.get("w")
        if not (isinstance(numbers, list) and len(numbers) <= NUMBERS_CAP
                and all(type(v) is int and 0 <= v <= 0xFFFFFFFF for v in numbers)):
            return Undecodable("malformed", f"numbers are not at most {NUMBERS_CAP} uint32 values")
        short = data.get("k")
        if not isinstance(encoded_words, str) or not isinstance(short, bool):
            return Undecodable("malformed", "fingerprint needs a string w and a boolean k")
        try:
            words = base64.b64decode(encoded_words, validate=True)
        except ValueError as exc:  # binascii.Error
            return Undecodable("malformed", f"words are not base64: {exc}")
        most = (WORDS_CAP if short else MAX_LONG_WORDS) * 4
        if len(words) % 4 or len(words) > most:
            return Undecodable("malformed", f"words have {len(words)} bytes, not a multiple of 4 "
                                            f"up to {most}")
        values = tuple(numbers)
        return cls(content_hash, signature, bucket_keys(signature, shingles, values, words, short),
                   shingles, values, words, short)


@dataclass(frozen=True, slots=True)
class Undecodable:
    """Why :meth:`Fingerprint.decode` could not read a fingerprint: ``reason`` is
    ``other_version`` or ``malformed``; ``message`` says what was found."""

    reason: str
    message: str


def bucket_keys(signature: bytes, shingles: int, numbers: tuple[int, ...], words: bytes,
                short: bool) -> tuple[str, ...]:
    """The buckets a text is filed under: its LSH bands, the LSH bands of its long words
    (:func:`word_band_keys`; for a long text prefixed ``L``) and, for a short text that states
    at least ``MIN_NUMBERS`` numbers (all of them: the list is not capped), one key for that
    set of numbers. A short copy rewritten sentence by sentence keeps few word 5-grams, often
    no band, but its names and figures: these keys make it a candidate of its original, short
    or long (:meth:`Fingerprint.probes`)."""
    if not shingles:
        return ()
    if not short:
        return band_keys(signature) + long_text_word_keys(word_band_keys(words))
    bands = band_keys(signature) + word_band_keys(words)
    if not MIN_NUMBERS <= len(numbers) < NUMBERS_CAP:
        return bands
    key = hashlib.blake2b(np.array(numbers, dtype="<u4").tobytes(), digest_size=8).hexdigest()
    return (*bands, "x." + key)


def long_text_word_keys(word_keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys a long text with these word band keys (``"w<band>.<hex>"``) is filed under:
    the same, keyed ``L``."""
    return tuple("L" + key[1:] for key in word_keys)


@lru_cache(maxsize=1024)
def word_band_keys(words: bytes) -> tuple[str, ...]:
    """LSH bands (``WORD_BANDS`` of ``WORD_ROWS`` rows each, keys ``"w<band>.<hex>"``) of a
    MinHash over a text's long words, with the first permutations of the signature's scheme;
    none for fewer than ``MIN_LONG_WORDS`` words. Two texts whose long-word sets have a Jaccard
    similarity J share a band with probability 1 - (1 - J) ** 16 at one row a band: 0.97 at
    0.2, the least of a copy in our sets; 0.81 at 0.1. The bands of common words fill up to
    ``BUCKET_CAP``, like any band."""
    if len(words) < MIN_LONG_WORDS * 4:
        return ()
    slots = _min_slots(np.frombuffer(words, dtype="<u4"), _WORD_A, _WORD_B)
    return _band_keys(slots, _WORD_BAND_STARTS, WORD_ROWS * 4)


@lru_cache(maxsize=1024)
def band_keys(signature: bytes) -> tuple[str, ...]:
    """LSH band keys of a signature: band index plus a 64-bit hash of that band's slots.

    Cached: when one process runs both hops (``khabar process``, a worker with
    ``KHABAR_CORE_PROCESSES=0``), the dedup hop's :meth:`Fingerprint.decode` asks again for
    the keys the page hop has just computed.
    """
    return _band_keys(signature, _BAND_STARTS, _BAND_BYTES)


def _band_keys(slots: bytes, starts: tuple[tuple[str, int], ...], width: int
               ) -> tuple[str, ...]:
    """Each band's key prefix plus a 64-bit hash of its ``width`` bytes of ``slots``."""
    keys = []
    view = memoryview(slots)
    for prefix, start in starts:
        band = _BAND_HASH.copy()  # cheaper than a new blake2b(..., digest_size=8) each band
        band.update(view[start:start + width])
        keys.append(prefix + band.hexdigest())
    return tuple(keys)


def shingle_hashes(norm_text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the word 5-grams (the whole text if it has fewer words), sorted."""
    words = norm_text.encode().split()
    return _shingle_hashes(np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words)))


def _shingle_hashes(word_hashes: np.ndarray) -> np.ndarray:
    """Shingle hashes from the words' CRC-32 values (uint64, in text order)."""
    words = len(word_hashes)
    if not words:
        return np.empty(0, dtype=np.uint32)
    windows = max(1, words - SHINGLE_WORDS + 1)
    acc = word_hashes[:windows] * _MIX[0]
    for j in range(1, min(SHINGLE_WORDS, words)):
        acc += word_hashes[j:j + windows] * _MIX[j]
    return _distinct((acc >> np.uint64(32)).astype(np.uint32))


def _distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-d array, at a fraction of its fixed cost on arrays this small."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def fingerprint(norm_text: str) -> Fingerprint:
    """Fingerprint the output of ``agents.ingest.normalize.normalize``."""
    encoded = norm_text.encode()
    content_hash = hashlib.blake2b(encoded, digest_size=16).hexdigest()
    words = encoded.split()
    word_hashes = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    hashes = _shingle_hashes(word_hashes)
    signature = minhash_signature(hashes)
    numbers = _numbers(encoded, words)
    distinct = _distinct(word_hashes.astype(np.uint32))
    short = len(distinct) <= WORDS_CAP
    head = norm_text if short or len(norm_text) <= LONG_WORDS_CHARS else (
        norm_text[:LONG_WORDS_CHARS + 1].rpartition(" ")[0])  # no word cut in two
    long_words = _long_words(head)
    bands = bucket_keys(signature, len(hashes), numbers, long_words, short)
    return Fingerprint(content_hash, signature, bands, len(hashes), numbers, long_words, short)


def _long_words(norm_text: str) -> bytes:
    """CRC-32 of the stems (:func:`stems`) of the distinct words of at least ``LONG_WORD``
    characters, sorted, as bytes. A short copy restates its original's top, so a long text
    is read from its start only (``LONG_WORDS_CHARS``, cut by the caller)."""
    words = dict.fromkeys(word for word in norm_text.split() if len(word) >= LONG_WORD)
    hashes = set(map(_stem_hash, words))
    return np.array(sorted(hashes), dtype="<u4").tobytes()


def _stem_hash(word: str) -> int:
    """CRC-32 of a word's stem, kept: the words of the news repeat from one text to the next,
    and the stemming patterns cost more than the lookup."""
    known = _STEM_HASHES.get(word)
    if known is None:
        if len(_STEM_HASHES) >= _STEM_CACHE_LIMIT:
            _STEM_HASHES.clear()
        known = _STEM_HASHES[word] = zlib.crc32(stems(word).encode())
    return known


def stems(norm_text: str) -> str:
    """Each word of a normalised text replaced by its light stem (``_PREFIX``, ``_SUFFIX``)."""
    return _SUFFIX.sub("", _PREFIX.sub("", norm_text))


def number_hashes(norm_text: str) -> tuple[int, ...]:
    """CRC-32 of each distinct number in the text, sorted, the ``NUMBERS_CAP`` smallest: runs of
    two or more digits, numbers with thousands separators or a multiplier ("4,200", "1.5
    million"), numbers written as words and ordinals ("fourteen" and «أربعة عشر» are 14,
    "fifth" and «الخامسة» 5, «ألفين وثلاثمائة» 2300; see :mod:`agents.dedup.numbers`).
    Single digits and units are left out: they turn up in any two texts."""
    encoded = norm_text.encode()
    return _numbers(encoded, encoded.split())


def _numbers(encoded: bytes, words: list[bytes]) -> tuple[int, ...]:
    return tuple(sorted(text_numbers(encoded, words))[:NUMBERS_CAP])


def minhash_signature(hashes: np.ndarray) -> bytes:
    """The slots of datasketch's ``affine32`` MinHash (``NUM_PERM``, ``SEED``) after
    ``update_batch`` with the uint32 ``hashes`` and an identity hash function, as
    little-endian uint32 bytes."""
    if not len(hashes):
        return _EMPTY_SIGNATURE
    return _min_slots(hashes, _A, _B)


def _min_slots(hashes: np.ndarray, a: np.ndarray, b: np.ndarray) -> bytes:
    """The minimum over ``hashes`` of each affine permutation ``a * fmix32(h) + b``, as
    little-endian uint32 bytes."""
    permuted = np.multiply.outer(fmix32(hashes), a)  # uint32: wraps mod 2**32, as datasketch
    permuted += b
    slots: bytes = permuted.min(axis=0).astype("<u4", copy=False).tobytes()
    return slots


def estimate(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller shingle set in the larger)."""
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return 0.0, 0.0
    jaccard = float(np.count_nonzero(a.slots() == b.slots())) / NUM_PERM
    intersection = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    return jaccard, min(1.0, intersection / smaller)


@dataclass(frozen=True, slots=True)
class Figures:
    """The numbers of a shorter text (fewer shingles) against those of a longer one, compared
    once for every rule that asks (:func:`figures`)."""

    only_theirs: bool  # the shorter states no number the longer lacks
    stated: int  # numbers the shorter states
    stated_besides_years: int  # the same without bare years (:data:`YEARS`)
    conflict: bool  # each states a number the other lacks: another day's bulletin, another
    # sitting of a committee, another company's results

    def agree(self, min_shared: int, *, years: bool = True) -> bool:
        """Whether the shorter states only numbers of the longer, at least ``min_shared`` of
        them, counting a bare year only when ``years``. A shortened copy may drop figures,
        not bring its own."""
        return self.only_theirs and (
            self.stated if years else self.stated_besides_years) >= min_shared


def figures(shorter: Fingerprint, longer: Fingerprint) -> Figures:
    """How the numbers of ``shorter`` compare with those of ``longer``."""
    part, whole = _comparable(shorter.numbers, longer.numbers)
    only_theirs = part <= whole
    return Figures(only_theirs, len(part), len(part - YEARS),
                   not only_theirs and bool(whole - part))


def _comparable(part: tuple[int, ...], whole: tuple[int, ...]) -> tuple[set[int], set[int]]:
    """Two number lists as sets that can be compared. When a list was capped, both are cut
    below the smaller of the capped lists' largest values, where each is complete (a bottom-k
    sample of each set)."""
    limit = min((x[-1] for x in (part, whole) if len(x) >= NUMBERS_CAP), default=None)
    if limit is None:
        return set(part), set(whole)
    return {v for v in part if v <= limit}, {v for v in whole if v <= limit}


def word_containment(a: Fingerprint, b: Fingerprint) -> float:
    """Share of the long words (``LONG_WORD``) of the text with fewer in the other; 0.0 when
    either keeps none."""
    if not a.words or not b.words:
        return 0.0
    x = set(np.frombuffer(a.words, dtype="<u4").tolist())
    y = set(np.frombuffer(b.words, dtype="<u4").tolist())
    return len(x & y) / min(len(x), len(y))
