"""How FORMAT.md names what an extraction says ("How a result is scored"):
each entity and fact becomes a key of normalised names so that ids never
matter. The scorer compares these keys; training labels candidate facts by
them, so that the models learn exactly what is scored."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from callsheet.schema import CREDIT_PREDICATES, LINK_PREDICATES

FAMILIES = ("entity", "credit", "character", "link", "attribute")
SAME_TITLE_LINKS = {"adaptation_of", "remake_of"}
SCORED_ENTITY_TYPES = {"person", "work", "company", "place"}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def norm(s) -> str | None:
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", str(s)).translate(_QUOTES)
    s = s.replace("&", " and ").casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def norm_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(_QUOTES)
    return re.sub(r"\s+", " ", s).strip()


def alt_name_map(gold: dict) -> dict[str, str]:
    out = {}
    for e in gold.get("entities", []):
        if e.get("name"):
            for alt in e.get("alt_names") or []:
                out[norm(alt)] = norm(e["name"])
    return out


def entity_keys(doc: dict, alt: dict | None = None) -> tuple[dict, dict]:
    """Entity id → scoring key; an untitled work is keyed by what it links to."""
    ents = {e["id"]: e for e in doc.get("entities", [])}
    keys = {}
    for e in ents.values():
        if e.get("type") == "work" and not e.get("name"):
            continue
        k = norm(e.get("name"))
        keys[e["id"]] = (alt or {}).get(k, k)
    for _ in range(3):
        for f in doc.get("facts", []):
            if f.get("predicate") not in LINK_PREDICATES:
                continue
            s, o = f.get("subject"), f.get("object")
            same_title = f["predicate"] in SAME_TITLE_LINKS
            if s in ents and s not in keys and keys.get(o):
                keys[s] = keys[o] if same_title else f"{f['predicate']}:{keys[o]}"
            elif same_title and o in ents and o not in keys and keys.get(s):
                keys[o] = keys[s]
    return ents, keys


def doc_items(doc: dict, text: str | None = None, alt: dict | None = None):
    ents, keys = entity_keys(doc, alt)
    items: dict[str, dict] = defaultdict(dict)
    statuses: dict[tuple, set] = {}
    bad_evidence = 0
    ntext = norm_text(text) if text is not None else None
    for e in ents.values():
        if e.get("type") in SCORED_ENTITY_TYPES and keys.get(e["id"]):
            k = (e["type"], keys[e["id"]])
            items["entity"][k] = items["entity"].get(k, True) and bool(e.get("optional"))
    for f in doc.get("facts", []):
        p = f.get("predicate")
        s = keys.get(f.get("subject"))
        opt = bool(f.get("optional"))
        if ntext is not None and not opt:
            ev = f.get("evidence") or ""
            if not ev or norm_text(ev) not in ntext:
                bad_evidence += 1
                continue
        if s is None:
            continue
        if f.get("object") is not None:
            o = keys.get(f["object"])
            if o is None:
                continue
        else:
            o = "=" + str(f.get("value"))
        if p in CREDIT_PREDICATES:
            family, key = "credit", (s, p, o)
            prev_opt = items["credit"].get(key, True)
            if key not in statuses or (prev_opt and not opt):
                statuses[key] = {f.get("status")}
            elif opt == prev_opt:
                statuses[key].add(f.get("status"))
            character = (f.get("qualifiers") or {}).get("character")
            if character:
                ck = (s, o, norm(character))
                items["character"][ck] = items["character"].get(ck, True) and opt
        elif p in LINK_PREDICATES:
            if s == o:
                continue
            family, key = "link", (s, p, o)
        else:
            family, key = "attribute", (s, p, o)
        items[family][key] = items[family][key] and opt if key in items[family] else opt
    return items, statuses, bad_evidence


