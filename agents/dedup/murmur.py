"""MurmurHash3's 32-bit finalizer over numpy arrays.

The finalizer is a bijection on 32-bit values that spreads every input bit over the whole
output (an avalanche). datasketch's ``affine32`` MinHash mixes each hash with it before its
affine permutations; :func:`agents.dedup.fingerprint.minhash_signature` does the same, on a
whole array at once, to stay equal to datasketch bit for bit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

_M1 = np.uint32(0x85EBCA6B)
_M2 = np.uint32(0xC2B2AE35)


def fmix32(values: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """MurmurHash3's ``fmix32`` of each value; multiplications wrap modulo 2**32."""
    mixed = values ^ (values >> np.uint32(16))
    mixed = mixed * _M1
    mixed ^= mixed >> np.uint32(13)
    mixed = mixed * _M2
    mixed ^= mixed >> np.uint32(16)
    return mixed
