"""Extraction throughput against plain `nlp.pipe` of the base spaCy pipeline
(en_core_web_md, which the shipped pipeline extends), measured side by side
in one run, in alternating rounds (this machine is noisy; compare the
ratio).

    .venv/bin/python bench/throughput.py [--words 300000] [--rounds 4]

Texts: every article of ../shared/corpus (dev, train, extra), repeated to at least
--words words.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from callsheet.extraction import Extractor
from callsheet.language import base_model_path
from callsheet.reading import read_article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=4,
                        help="alternating rounds of each (a slow spell of the machine hits both)")
    args = parser.parse_args()
    base = [read_article(str(p)) for p in sorted(CORPUS.glob("*/text/*.txt"))]
    articles, words = [], 0
    while words < args.words:
        for a in base:
            articles.append(a)
            words += len(a.body.split())
    plain = spacy.load(base_model_path())
    extractor = Extractor()
    list(plain.pipe(a.body for a in base[:4]))  # warm both up
    list(extractor.extract_many(base[:4]))

    size = -(-len(articles) // args.rounds)
    plain_s = extract_s = 0.0
    ratios, facts = [], 0
    for n in range(args.rounds):
        chunk = articles[n * size:(n + 1) * size]
        start = time.perf_counter()
        for _ in plain.pipe((a.body for a in chunk), batch_size=16):
            pass
        plain_round = time.perf_counter() - start
        start = time.perf_counter()
        facts += sum(len(e.facts) for e in extractor.extract_many(chunk, batch_size=16))
        extract_round = time.perf_counter() - start
        plain_s, extract_s = plain_s + plain_round, extract_s + extract_round
        ratios.append(plain_round / extract_round)

    print(f"texts {len(articles)}  words {words}  facts {facts}  rounds {args.rounds}")
    print(f"plain nlp.pipe   {words / plain_s:10.0f} words/s")
    print(f"callsheet        {words / extract_s:10.0f} words/s")
    print(f"ratio            {plain_s / extract_s:10.2f}  (target >= 0.5; rounds "
          f"{' '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
