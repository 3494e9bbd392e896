"""Syndicated copies: the same story republished or retold with small edits
by other outlets is stored as copies of one story, so that corroboration
counts stories, not copies.

Each article's body is cut into word shingles (`SHINGLE` words, lower case)
and summarised by a MinHash signature (datasketch; Broder 1997, "On the
resemblance and containment of documents"). Locality-sensitive hashing
(Indyk and Motwani 1998) splits the signature into bands; documents that
share a band are candidates, and a candidate joins the story of the one
whose estimated Jaccard resemblance is highest, if at least `THRESHOLD`.
The bands live in the database beside the documents, so every writer (the
CLI, each server worker) sees the same index, in the same transaction.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 4
# Estimated Jaccard resemblance of word shingles at which two articles are
# copies of one story: measured in bench/duplicates.py, where no two distinct
# corpus articles come near it and edited copies stay well above it.
THRESHOLD = 0.5
# The bands are cut for a lower resemblance than THRESHOLD, so that a copy
# just above it is almost never missed; candidates are then checked against it.
CANDIDATE_THRESHOLD = 0.3
# A shorter text almost wholly inside a longer one (a trimmed copy, a feed's
# summary of the article) is a copy too, if it is long enough to tell.
CONTAINMENT = 0.8
MIN_CONTAINED_SHINGLES = 50
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    """(bands, rows per band) that datasketch chooses for the candidate threshold."""
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (`NUM_PERM` unsigned 64-bit values) of a text, or None for a text with no words."""
    grams = shingles(text)
    if not grams:
        return None
    return _minhash(grams)


def sketch(text: str) -> tuple[np.ndarray, int] | None:
    """(signature, number of shingles) of a text, or None for a text with no words."""
    grams = shingles(text)
    if not grams:
        return None
    return _minhash(grams), len(grams)


def _minhash(grams: set[bytes]) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint64)


def copy_score(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int) -> float:
    """How surely one text is a copy of the other, 0..1, where at least
    `THRESHOLD` means a copy: the estimated resemblance, or, for a shorter
    text of at least `MIN_CONTAINED_SHINGLES` shingles, its estimated
    containment in the longer one scaled so that `CONTAINMENT` meets the threshold."""
    jaccard = resemblance(a, b)
    small = min(size_a, size_b)
    if small < MIN_CONTAINED_SHINGLES or not size_a or not size_b:
        return jaccard
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    contained = min(shared / small, 1.0)
    return max(jaccard, contained * THRESHOLD / CONTAINMENT if contained >= CONTAINMENT else 0.0)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band: documents that share a key are candidates."""
    bands, rows = _bands()
    keys = []
    for b in range(bands):
        digest = hashlib.blake2b(bytes([b]) + sig[b * rows:(b + 1) * rows].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def resemblance(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard resemblance of two signatures' shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
