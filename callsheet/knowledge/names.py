"""When two names are one entity.

People merge only on the same full name once accents, case and punctuation
are set aside ("Zeta-Jones" = "Zeta Jones"), or when an article gives only a
surname that one known person carries. Two different full names never merge.
Companies also merge on spelling variants ("Warner Bros" / "Warner Brothers" /
"Warner Bros."), found with rapidfuzz among companies sharing a first word.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

_PUNCT = re.compile(r"[^\w\s]")
COMPANY_WORDS = {"bros": "brothers", "bro": "brothers", "intl": "international", "co": "company",
                 "corp": "corporation", "tv": "television", "pics": "pictures", "ent": "entertainment"}
COMPANY_SUFFIXES = {"inc", "ltd", "llc", "plc", "limited"}
COMPANY_MATCH = 90


def normalise(name: str | None) -> str:
    """Case-, accent- and punctuation-blind form of a name; a leading "the" dropped."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("’", "'").replace("'s ", "s ").casefold()
    text = _PUNCT.sub(" ", text.replace("'", ""))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


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


def is_surname_of(single: str, full: str) -> bool:
    """"kudrow" names "lisa kudrow"; a one-word name only, never two full names."""
    parts = full.split()
    return " " not in single and len(parts) > 1 and parts[-1] == single


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
