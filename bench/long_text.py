"""Cost of extraction per 1,000 words for articles of 1 KB, 100 KB and 1 MB,
measured side by side in one run (this machine is noisy; compare the
ratio). Long articles are extracted in bounded pieces
(`callsheet/extraction/pieces.py`), so the three should be within 2x.

    .venv/bin/python bench/long_text.py [--small 100]

Texts: fictional, made here: the bundled samples' paragraphs in a random
order, each with new people, titles and studios (bench/synthetic.py's
names), so that a long article keeps naming new projects as a long digest
would. Time is this process's CPU time, which other work on a shared
machine disturbs far less than wall-clock time. `--small` 1 KB articles go through `extract_many` in one batch; the
100 KB and 1 MB articles go through `extract` one at a time.
"""
from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from synthetic import STUDIOS, person_name, title_name

from callsheet.extraction import Extractor
from callsheet.reading import iter_input_files, parse_article, read_article

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# the samples' own names, each replaced in every paragraph by a new one (a person's surname with them)
PEOPLE = ("Nadia Orlov", "Tomas Reyes", "Ruth Adeyemi", "Ivo Brandt", "Hana Lindqvist", "Pia Castell",
          "Owen Marsh", "Dev Patnaik", "Clara Voss", "Milo Hart", "Jonah Whitlock", "Lena Brook", "Carl Munro",
          "Saul Penrose", "Iris Nakamura")
TITLES = ("Midnight Harbor", "Glass Season", "Broken Compass", "Paper Kings", "The Lighthouse Keepers",
          "The Keeper's Daughter", "The Orchard Thieves", "Brain Drain", "Late Lines")
COMPANIES = ("Lantern Pictures", "Sunfield Studios")


def paragraphs() -> list[str]:
    out = []
    for path in iter_input_files([str(SAMPLES)]):
        out += [p.strip() for p in read_article(path).body.split("\n\n") if p.strip()]
    return out


def article_text(size: int, seed: int) -> str:
    """A fictional article of about `size` characters: a headline, then retold paragraphs."""
    rng = random.Random(seed)
    pool = paragraphs()
    old_names = PEOPLE + tuple(p.split()[-1] for p in PEOPLE) + TITLES + COMPANIES
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(old_names, key=len, reverse=True)) + r")\b")

    def retold(paragraph: str) -> str:
        new = {}
        for person in PEOPLE:
            new[person] = person_name(rng.randrange(25_000))
            new[person.split()[-1]] = new[person].split()[-1]
        new.update({t: title_name(rng.randrange(50_000))[4:] for t in TITLES})
        new.update({c: rng.choice(STUDIOS) for c in COMPANIES})
        return pattern.sub(lambda m: new[m.group(0)], paragraph)

    parts, length = [f"Industry digest {seed}"], 0
    while length < size:
        parts.append(retold(rng.choice(pool)))
        length += len(parts[-1]) + 2
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100, help="how many 1 KB articles")
    args = parser.parse_args()
    extractor = Extractor()
    extractor.extract(parse_article(article_text(2_000, 0), "warm-up"))
    runs = [("1 KB", [article_text(1_000, n) for n in range(1, args.small + 1)]),
            ("100 KB", [article_text(100_000, 1_000)]),
            ("1 MB", [article_text(1_000_000, 2_000)])]
    per_kw = {}
    for label, texts in runs:
        articles = [parse_article(t, f"a{n}", published="2026-01-01") for n, t in enumerate(texts)]
        words = sum(len(t.split()) for t in texts)
        start, cpu = time.perf_counter(), time.process_time()
        if len(articles) > 1:
            facts = sum(len(e.facts) for e in extractor.extract_many(articles))
        else:
            facts = len(extractor.extract(articles[0]).facts)
        cpu, seconds = time.process_time() - cpu, time.perf_counter() - start
        per_kw[label] = cpu / words * 1000
        print(f"{label:>7}: {len(texts):4d} article(s), {sum(map(len, texts)):>9,} chars, {words:>7,} words, "
              f"{facts:>6,} facts, {seconds:6.1f} s wall, {cpu:6.1f} s CPU, "
              f"{per_kw[label]:.3f} CPU s per 1,000 words", flush=True)
    print(f"slowest / fastest per 1,000 words: {max(per_kw.values()) / min(per_kw.values()):.2f}  (target <= 2)")


if __name__ == "__main__":
    main()
