"""The vectorised MinHash signature against datasketch's own ``MinHash``, bit for bit."""

from __future__ import annotations

import hashlib

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.agents.dedup.fingerprint import (
    BANDS,
    NUM_PERM,
    ROWS,
    SCHEME,
    SEED,
    _distinct,
    band_keys,
    fingerprint,
    minhash_signature,
    shingle_hashes,
)
from khabar.agents.ingest.normalize import normalize
from khabar.agents.samples import pages_by_script
from khabar.agents.samples.synthetic import Generator


def _reference(hashes: np.ndarray) -> bytes:
    """datasketch's MinHash fed the shingle hashes one Python int at a time."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=lambda value: value)
    minhash.update_batch(hashes.tolist())
    return minhash.hashvalues.astype("<u4").tobytes()


def _texts() -> list[str]:
    gen = Generator(5)
    texts = [page["text"] for pages in pages_by_script().values() for page in pages]
    for n in range(300):
        lang = "ar" if n % 2 else "en"
        headline, paragraphs = gen.story(lang, 200 + 37 * n)
        texts.append("\n\n".join([headline, *paragraphs]))
    return texts


def test_signatures_equal_datasketch_on_pages_and_synthetic_stories() -> None:
    texts = _texts()
    assert len(texts) > 300
    for text in texts:
        hashes = shingle_hashes(normalize(text))
        assert minhash_signature(hashes) == _reference(hashes)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), max_size=400, unique=True))
def test_signatures_equal_datasketch_on_any_hashes(values: list[int]) -> None:
    hashes = np.array(values, dtype=np.uint32)
    assert minhash_signature(hashes) == _reference(hashes)


def test_extreme_hashes_and_empty_text() -> None:
    for values in ([0], [2**32 - 1], [0, 1, 2**31, 2**32 - 1], list(range(1000))):
        hashes = np.array(values, dtype=np.uint32)
        assert minhash_signature(hashes) == _reference(hashes)
    assert fingerprint("").signature == _reference(np.empty(0, dtype=np.uint32))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=60))
def test_distinct_is_numpy_unique(values: list[int]) -> None:
    array = np.array(values, dtype=np.uint32)
    assert np.array_equal(_distinct(array), np.unique(array))


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=NUM_PERM * 4, max_size=NUM_PERM * 4))
def test_band_keys_hash_each_band_with_blake2b(signature: bytes) -> None:
    size = ROWS * 4
    expected = tuple(f"{i}." + hashlib.blake2b(signature[i * size:(i + 1) * size],
                                              digest_size=8).hexdigest() for i in range(BANDS))
    assert band_keys.__wrapped__(signature) == expected
