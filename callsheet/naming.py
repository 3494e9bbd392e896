"""How a name is compared, wherever two mentions may be one entity: the
pieces of one long article (extraction) and the articles of the knowledge
base (knowledge). Below every stage, so that both can use it."""
from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]")


def normalise(name: str | None) -> str:
    """Case-, accent- and punctuation-blind form of a name; a leading "the" dropped.

    "The Zeta-Jones Affair’s" and "zeta jones affairs" give "zeta jones affairs";
    None and "" give ""."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("’", "'").replace("'s ", "s ").casefold()
    text = _PUNCT.sub(" ", text.replace("'", ""))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def is_surname_of(single: str, full: str) -> bool:
    """"kudrow" names "lisa kudrow" (both normalised); a one-word name only, never two full names."""
    parts = full.split()
    return " " not in single and len(parts) > 1 and parts[-1] == single
