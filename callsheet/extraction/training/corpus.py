"""The annotated corpus (`../shared/corpus/{dev,train}`): gold files in
format v1 beside their article texts, read into `GoldDocument`s, split into
folds by article, and turned into spaCy `Example`s for the entity recogniser.

Mentions are labelled the way the corpus guidelines define entities: every
occurrence of a gold entity's name, aliases and `alt_names` in the article is
a mention of that entity (the trade vocabulary's surface forms stand for the
canonical names it maps to, "Oscar" for "Academy Award"), and every
character name in a `qualifiers.character` is a CHARACTER mention.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from callsheet.reading import parse_article
from callsheet.schema import Article
from callsheet.tables import load_table

SPLITS = ("dev", "train")
NER_LABELS = {"person": "PERSON", "work": "WORK", "company": "COMPANY", "place": "PLACE",
              "outlet": "OUTLET", "award": "AWARD", "event": "EVENT"}
CHARACTER = "CHARACTER"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


class CorpusError(ValueError):
    """A corpus folder or gold file that cannot be read; names the file."""


@dataclass
class GoldDocument:
    """One annotated article: its text as the reader parses it and its gold
    extraction (format v1, as a dict)."""
    id: str
    split: str
    article: Article
    gold: dict
    group: str = field(init=False)

    def __post_init__(self) -> None:
        self.group = group_of(self.id)


def group_of(doc_id: str) -> str:
    """"bbc" for the BBC News dataset's articles (`bbc_*`), else "trade"
    (trade press and the sites that retell it, the seed article included)."""
    return "bbc" if doc_id.startswith("bbc_") else "trade"


def load_corpus(root: str | Path, splits: Iterable[str] = SPLITS) -> list[GoldDocument]:
    """Every gold file of the named splits under `root` with its text, sorted
    by id. Raises `CorpusError` for a missing folder, a gold file without its
    text or a gold file that is not format-v1 JSON."""
    root = Path(root)
    docs: list[GoldDocument] = []
    for split in splits:
        gold_dir, text_dir = root / split / "gold", root / split / "text"
        if not gold_dir.is_dir():
            raise CorpusError(f"{gold_dir}: no such corpus folder")
        for path in sorted(gold_dir.glob("*.json")):
            try:
                gold = json.loads(path.read_text(encoding="utf-8"))
                doc_id = gold["doc"]["id"]
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise CorpusError(f"{path}: not a format-v1 gold file ({exc})") from None
            text_path = text_dir / f"{doc_id}.txt"
            if not text_path.is_file():
                raise CorpusError(f"{path}: its text {text_path} is missing")
            text = text_path.read_text(encoding="utf-8")
            article = parse_article(text, doc_id, published=gold["doc"].get("published"),
                                    path=str(text_path))
            docs.append(GoldDocument(doc_id, split, article, gold))
    return sorted(docs, key=lambda d: d.id)


def assign_folds(docs: list[GoldDocument], k: int, seed: int = 0) -> dict[str, int]:
    """doc id → fold in 0..k-1: articles are ordered by a hash of (seed, id)
    within each group (BBC, trade) and dealt round-robin, so every fold holds
    both kinds of article in proportion and the split never depends on the
    order files were listed in."""
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    folds: dict[str, int] = {}
    for group in ("bbc", "trade"):
        members = sorted((d.id for d in docs if d.group == group),
                         key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
        start = len(folds)
        for n, doc_id in enumerate(members):
            folds[doc_id] = (start + n) % k
    return folds


@lru_cache(maxsize=1)
def _trade_forms() -> dict[str, tuple[str, ...]]:
    """canonical name → the surface forms the trade vocabulary knows for it."""
    forms: dict[str, list[str]] = {}
    for pattern, _label, canonical, _kind in load_table("callsheet.language", "names.tsv"):
        forms.setdefault(canonical or pattern, []).append(pattern)
    return {k: tuple(v) for k, v in forms.items()}


def surface_forms(entity: dict) -> set[str]:
    """The strings that name a gold entity in its article."""
    names = {entity.get("name"), *entity.get("aliases", ()), *entity.get("alt_names", ())}
    names.discard(None)
    for name in list(names):
        names.update(_trade_forms().get(name, ()))
    out = set()
    for name in names:
        name = name.strip()
        if len(name) > 1:
            out |= {name, name.translate(_APOSTROPHES),
                    name.replace("'", "\u2019")}
    return out


def gold_mentions(text: str, gold: dict) -> list[tuple[int, int, str]]:
    """(start, end, label) character spans of every gold mention in `text`,
    longest first where two overlap."""
    found: list[tuple[int, int, str]] = []
    for entity in gold.get("entities", []):
        label = NER_LABELS.get(entity.get("type"))
        if label:
            found += _occurrences(text, surface_forms(entity), label)
    characters = {(f.get("qualifiers") or {}).get("character") for f in gold.get("facts", [])}
    characters.discard(None)
    found += _occurrences(text, {c for c in characters if len(c) > 1}, CHARACTER)
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, label in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, label))
    return sorted(taken)


def _occurrences(text: str, forms: set[str], label: str) -> list[tuple[int, int, str]]:
    out = []
    for form in forms:
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            out.append((m.start(), m.end(), label))
    return out


def annotated_doc(nlp: Language, document: GoldDocument) -> Doc:
    """The article body tokenised by `nlp`, with its gold mentions as `ents`
    (spans that do not fall on token boundaries are left out)."""
    doc = nlp.make_doc(document.article.body)
    spans = []
    for start, end, label in gold_mentions(doc.text, document.gold):
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        if span is not None and len(span):
            spans.append(span)
    doc.ents = spans
    return doc


def limited(docs: list[GoldDocument], limit: int) -> list[GoldDocument]:
    """The first `limit` articles of each group (all when `limit` is 0), so
    that a smoke run still sees both kinds of article."""
    if not limit:
        return docs
    kept = [d for d in docs if d.group == "bbc"][:limit] + [d for d in docs if d.group == "trade"][:limit]
    return sorted(kept, key=lambda d: d.id)


def select(docs: list[GoldDocument], folds: int, fold: int, part: str, seed: int = 0) -> list[GoldDocument]:
    """The documents of one side of a split: with `folds` = 0 every document
    ("train") or none ("heldout"); else fold `fold` is "heldout" and the rest
    "train"."""
    if part not in ("train", "heldout"):
        raise ValueError(f"part must be train or heldout, not {part!r}")
    if not folds:
        return list(docs) if part == "train" else []
    of = assign_folds(docs, folds, seed)
    return [d for d in docs if (of[d.id] == fold) == (part == "heldout")]


@registry.readers("callsheet.GoldCorpus.v1")
def gold_corpus(path: str, folds: int = 0, fold: int = -1, part: str = "train",
                seed: int = 0, limit: int = 0) -> Callable[[Language], Iterator[Example]]:
    """spaCy corpus reader over the annotated corpus: Examples of one side of
    a fold split (see `select`), each a whole article with its gold mentions.
    `limit` > 0 keeps only the corpus's first articles (smoke training)."""
    def read(nlp: Language) -> Iterator[Example]:
        for document in select(limited(load_corpus(path), limit), folds, fold, part, seed):
            reference = annotated_doc(nlp, document)
            yield Example(nlp.make_doc(reference.text), reference)
    return read
