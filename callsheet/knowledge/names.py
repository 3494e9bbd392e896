"""When two names are one entity.

People merge only on the same full name once accents, case and punctuation
are set aside ("Zeta-Jones" = "Zeta Jones"), or when an article gives only a
surname that one known person carries. Two different full names never merge.
Companies also merge on spelling variants ("Warner Bros" / "Warner Brothers" /
"Warner Bros."), found with rapidfuzz among companies sharing a first word.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from callsheet.naming import is_surname_of, normalise

COMPANY_WORDS = {"bros": "brothers", "bro": "brothers", "intl": "international", "co": "company",
                 "corp": "corporation", "tv": "television", "pics": "pictures", "ent": "entertainment"}
COMPANY_SUFFIXES = {"inc", "ltd", "llc", "plc", "limited"}
COMPANY_MATCH = 90


def company_key(name: str) -> str:
    words = [COMPANY_WORDS.get(w, w) for w in normalise(name).split()]
    return " ".join(w for w in words if w not in COMPANY_SUFFIXES)


def same_company(a: str, b: str) -> bool:
    ka, kb = company_key(a), company_key(b)
    if ka == kb:
        return True
    if not ka or not kb or ka.split()[0] != kb.split()[0]:
        return False
    return fuzz.token_sort_ratio(ka, kb) >= COMPANY_MATCH


def lookup_key(type_: str, norm: str | None) -> str | None:
    """The indexed word a name is looked up by: a person's surname (so that
    "Kudrow" finds "Lisa Kudrow"), a company's first word (so that "Warner
    Bros." finds "Warner Brothers" among few candidates)."""
    words = (norm or "").split()
    if not words:
        return None
    if type_ == "person":
        return words[-1]
    if type_ == "company":
        return company_key(norm).split()[0] if company_key(norm) else words[0]
    return None


__all__ = ["company_key", "is_surname_of", "lookup_key", "normalise", "same_company"]
