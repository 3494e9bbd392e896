"""Measuring syndicated-copy detection: false merges among distinct articles,
and how often edited copies are recognised, through the knowledge base's own
ingest (bench/duplicates.py prints it; the tests pin it).

The edits imitate what syndication does to a story: another outlet's
headline and boilerplate, a trimmed last paragraph, a few words changed
(house style, a corrected name), or more words changed (a light rewrite).
"""
from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass, replace

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.cards import stats
from callsheet.knowledge.stories import copy_score, sketch
from callsheet.schema import Article, Extraction

FILLERS = ("reportedly", "also", "now", "said", "new", "the", "film", "project", "latest", "again")


def _swap_words(text: str, share: float, rng: random.Random) -> str:
    return re.sub(r"\b\w+\b", lambda m: rng.choice(FILLERS) if rng.random() < share else m.group(0), text)


def republished(text: str, rng: random.Random) -> str:
    return ("Exclusive: the story everyone is talking about\n\nBy Staff Writer | Syndicated\n\n" + text +
            "\n\nFollow us for more entertainment news. Copyright the publisher.")


def trimmed(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 2 else text[: int(len(text) * 0.8)]


def few_words_changed(text: str, rng: random.Random) -> str:
    return _swap_words(text, 0.03, rng)


def more_words_changed(text: str, rng: random.Random) -> str:
    return _swap_words(text, 0.08, rng)


EDITS = {"republished": republished, "trimmed": trimmed, "3% of words changed": few_words_changed,
         "8% of words changed": more_words_changed}


@dataclass
class CopyReport:
    articles: int
    stories: int                     # stories the KB filed the distinct articles under
    false_merges: int                # distinct articles filed under another's story
    closest: float                   # highest copy score (stories.copy_score) between two distinct articles
    recognised: dict[str, tuple[int, int]]  # edit -> (copies filed with their original, copies made)
    lowest: dict[str, float]         # edit -> lowest copy score of a copy against its original


def _bare(article: Article) -> Extraction:
    return Extraction(article=article)


def measure(articles: list[Article], seed: int = 7) -> CopyReport:
    """Ingests the articles, then an edited copy of each per edit, into a fresh KB."""
    rng = random.Random(seed)
    sketches = [sketch(a.body) for a in articles]
    closest = 0.0
    for i in range(len(sketches)):
        for j in range(i + 1, len(sketches)):
            if sketches[i] is not None and sketches[j] is not None:
                closest = max(closest, copy_score(*sketches[i], *sketches[j]))
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(f"sqlite:///{tmp}/copies.db")
        story_of = {}
        for article in articles:
            result = kb.ingest(_bare(article), location=f"original:{article.id}")
            story_of[article.id] = result.copy_of
        false_merges = sum(1 for s in story_of.values() if s is not None)
        distinct = stats(kb)["stories"]
        recognised, lowest = {}, {}
        for name, edit in EDITS.items():
            hits, low = 0, 1.0
            for article in articles:
                text = edit(article.body, rng)
                copy = replace(article, id=f"{article.id}-{name}", text=text, body_start=0, path=None)
                result = kb.ingest(_bare(copy), location=f"copy:{name}:{article.id}")
                # an edit that changed nothing leaves the same text: the same document, so the same story
                hits += result.copy_of is not None or result.outcome == "unchanged"
                edited, original = sketch(text), sketch(article.body)
                if edited is not None and original is not None:
                    low = min(low, copy_score(*edited, *original))
            recognised[name] = (hits, len(articles))
            lowest[name] = low
        kb.close()
    return CopyReport(len(articles), distinct, false_merges, closest, recognised, lowest)
