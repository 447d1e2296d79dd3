"""Normalisation of text for matching (dedup and classification).

The output is never written over an article's text: it is a matching key. Steps, in order:
Unicode NFKC; every cased script (Latin first) lower-cased; Arabic diacritics, tatweel,
combining marks and bidi/zero-width marks removed; Arabic letter variants folded
(أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي); Arabic-Indic and Persian digits to ASCII;
every run of punctuation, symbols and whitespace to one space.

>>> normalize("إِنَّ المُفاوَضاتِ ٣")
'ان المفاوضات 3'
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

_DROP = (
    # Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alif, Quranic marks)
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    # tatweel, zero-width and bidi marks
    + ["\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",  # Persian yeh
    "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ک": "ك",  # Persian keheh
    "ء": "",
}

_MAP: dict[int, str | None] = {ord(ch): None for ch in _DROP}
_MAP.update({ord(k): v for k, v in _FOLD.items()})
_MAP.update({0x0660 + i: str(i) for i in range(10)})  # Arabic-Indic digits
_MAP.update({0x06F0 + i: str(i) for i in range(10)})  # Persian digits

# str.translate is about twice as fast with a full list for the BMP than with a sparse dict
# (no failed lookup per unmapped character); characters above the BMP map to themselves.
# _KEY folds letters and keeps punctuation; _NORM also turns every character that is not a
# letter or digit (what the regex class \W means) into a space, in the same pass.
_KEY: list[int | str | None] = list(range(0x10000))
_NORM: list[int | str | None] = [c if chr(c).isalnum() else " " for c in range(0x10000)]
# Combining marks of any script are dropped rather than split on ("i̇stanbul" -> "istanbul").
for _code in range(0x10000):
    if unicodedata.category(chr(_code)).startswith("M"):
        _NORM[_code] = None
for _code, _value in _MAP.items():
    _KEY[_code] = _NORM[_code] = _value

# Outside the BMP (emoji, rare scripts) the table cannot help: the regex handles those.
_SEPARATORS = re.compile(r"[\W_]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# str.translate looks every non-ASCII character up through a Python int, about 30 ns each. On
# long texts one numpy gather over the same table, as code points, is several times faster.
# Every _NORM and _KEY entry is one character or none, and the only whitespace _NORM yields
# is " ".
_GONE = 0xFFFFFFFF


def _as_codes(table: list[int | str | None]) -> np.ndarray:
    """A translate table as code points, ``_GONE`` for the characters it deletes."""
    return np.array(
        [_GONE if v is None or v == "" else v if isinstance(v, int) else ord(v) for v in table],
        dtype=np.uint32,
    )


_NORM_CODES = _as_codes(_NORM)
_KEY_CODES = _as_codes(_KEY)
_SPACE = np.uint32(ord(" "))
_LONG = 256  # characters; below this the fixed cost of the numpy path is not worth it


def _nfkc(text: str) -> str:
    # The quick check is cheap; most news text is already NFKC once no-break spaces are gone.
    text = text.replace("\xa0", " ")
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """Return ``text`` with letters folded as in :func:`normalize`, punctuation kept.

    Used as a matching key for boilerplate phrases (so that «إقرأ أيضاً:» and «اقرا ايضا:»
    are the same key) where the punctuation still matters.
    """
    return _nfkc(text).lower().translate(_KEY)


def fold_lines(lines: list[str]) -> list[str]:
    """``[fold(line) for line in lines]`` for lines without ``\\n``, at one numpy gather for all.

    Folding a page line by line costs a table lookup through a Python int per non-ASCII
    character; joined with ``\\n`` (which the fold keeps, and which NFKC and lower-casing never
    produce) the lines take one gather, as :func:`_normalize_bmp` does.
    """
    joined = "\n".join(_nfkc(line).lower() for line in lines)
    if not joined or joined.count("\n") != len(lines) - 1:
        return [fold(line) for line in lines]
    mapped = _translate_bmp(joined, _KEY_CODES)
    if mapped is None:
        return [fold(line) for line in lines]
    return mapped.tobytes().decode("utf-32-le", "surrogatepass").split("\n")


def normalize(text: str) -> str:
    """Return the matching form of ``text``: folded, lower-cased, single-spaced.

    Idempotent: ``normalize(normalize(t)) == normalize(t)`` for every string.
    """
    lowered = _nfkc(text).lower()
    if len(lowered) >= _LONG and (fast := _normalize_bmp(lowered)) is not None:
        return fast
    return _normalize_lowered(lowered)


def _normalize_lowered(lowered: str) -> str:
    folded = lowered.translate(_NORM)
    if not unicodedata.is_normalized("NFKC", folded):
        # lower() and the fold can leave compatibility forms behind in rare scripts.
        folded = unicodedata.normalize("NFKC", folded).translate(_NORM)
    if _ASTRAL.search(folded):
        folded = _SEPARATORS.sub(" ", folded)
    return " ".join(folded.split())


def _normalize_bmp(lowered: str) -> str | None:
    """:func:`_normalize_lowered` with numpy, for text in the BMP whose fold is NFKC already
    (else None): the table as a gather, then every run of spaces squeezed to one and the ends
    trimmed, which is what ``" ".join(folded.split())`` does when " " is the only whitespace.

    A space is stable under NFKC (it never composes), so squeezing runs of spaces does not
    change whether the text is normalized.
    """
    mapped = _translate_bmp(lowered, _NORM_CODES)
    if mapped is None:
        return None
    space = mapped == _SPACE
    keep = ~space
    keep[1:] |= ~space[:-1]  # a space stays only after a non-space
    folded: str = mapped[keep].tobytes().decode("utf-32-le")
    if not unicodedata.is_normalized("NFKC", folded):
        return None
    return folded.strip(" ")


def _translate_bmp(text: str, table: np.ndarray) -> np.ndarray | None:
    """``text.translate`` as code points through ``table`` (one numpy gather), deleted
    characters dropped; None when ``text`` has characters beyond the BMP."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if int(codes.max()) > 0xFFFF:
        return None
    mapped = table[codes]
    kept: np.ndarray = mapped[mapped != _GONE]
    return kept
