"""A large synthetic knowledge base for the query and serve benchmarks.

The bundled samples are extracted once; then each group of twelve synthetic
articles retells them with new people, titles, studios and dates, so that a
group is one story (a sequel followed from rumour to release, a series, a
remake...) and people recur across groups as working actors do. Facts go
straight into the knowledge base through `KnowledgeBase.ingest`, the same
path as `callsheet ingest`, without running spaCy 100,000 times.

    .venv/bin/python bench/synthetic.py --articles 100000 --out bench/.cache/kb-100000.db

The benchmarks run on SQLite (this cache) or on any database URL given with
--db: an empty KB there is filled from the cache with `callsheet dump` and
`callsheet load` (`knowledge_base`), a PostgreSQL database made if missing.
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from callsheet.extraction import Extractor
from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.cards import stats
from callsheet.knowledge.dump import load, write_dump
from callsheet.reading import iter_input_files, read_article
from callsheet.schema import Extraction

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CACHE = Path(__file__).resolve().parent / ".cache"

FIRST = ("Ada Alma Anders Bea Cal Dara Eli Esme Finn Gia Hal Ines Ivo Jae Kai Lena Leo Mara Milo Nia Noor Omar "
         "Pia Quinn Rafe Rosa Sami Tess Theo Uma Vik Wren Xan Yara Zane Aiko Bram Cleo Dov Edda Femi Gus Hedy "
         "Ilse Joss Kit Lior Mads Nell Oren Pax Rhea Sol Tove Ugo Vera Wim").split()
LAST = ("Abara Bakker Castell Dunmore Ekwueme Falk Garrow Haldane Ibsen Jovic Kaur Lindqvist Moreau Nakamura "
        "Okafor Petrov Quist Rasmussen Sato Tamm Ueda Varga Whitlock Xiong Yilmaz Zorn Arden Brisco Corvin "
        "Delacroix Ellery Fenwick Galloway Hartigan Iversen Jessop Kovac Larkin Mendel Novak Ormond Pryce "
        "Quarry Roux Stroud Thorne Ulrich Vance Wexler Yardley Zeller Ashby Blackwood Carver Drummond Eastlake "
        "Fairbank Granger Holloway Inglis").split()
ADJ = ("Silent Crimson Hollow Broken Golden Distant Burning Frozen Hidden Last Midnight Northern Pale Quiet "
       "Restless Salt Scarlet Shattered Silver Southern Stolen Sunken Tender Twisted Velvet Wandering Wild "
       "Winter Bitter Bright Cold Dark Empty Endless Fallen Final Gentle Grey Iron Little Lonely Lost").split()
NOUN = ("Harbor Orchard Lighthouse Garden Kingdom Mirror Echo River Signal Canyon Empire Frontier Gambit "
        "Horizon Island Journey Legacy Meridian Monsoon Nocturne Outpost Paradise Quarry Refuge Season "
        "Shadow Summit Tide Valley Voyage Witness Atlas Bridge Compass Crown Dune Ember Fortress").split()
SUFFIX = ["", " Rising", " Returns", " of Lisbon", " of Kyoto", " Protocol", " Files", " Letters", " Club",
          " Affair", " Line", " Code", " Diaries", " Story", " Hours", " Road", " House", " Game",
          " Effect", " Legacy", " Society", " Project", " Trial", " Chronicles", " Papers", " Run", " Ward",
          " Sessions", " Years", " Night", " Club II", " Party", " Tapes", " Mission"]
STUDIOS = ["Lantern Pictures", "Kestrel Films", "Northlight Studios", "Bluewater Entertainment",
           "Copperline Media", "Harbourside Pictures", "Meridian Films", "Stonegate Studios", "Redwood Pictures",
           "Silverscreen Partners", "Tallgrass Films", "Blackbird Television", "Ironbridge Productions",
           "Seabright Studios", "Foxglove Films", "Greenhouse Pictures"]
PEOPLE_POOL = 25_000  # distinct people; a person recurs in about one group in three


def person_name(index: int) -> str:
    first = FIRST[index % len(FIRST)]
    last = LAST[(index // len(FIRST)) % len(LAST)]
    extra = index // (len(FIRST) * len(LAST))
    return f"{first} {last}" if extra == 0 else f"{first} {LAST[extra % len(LAST)]}-{last}"


def title_name(index: int) -> str:
    adj = ADJ[index % len(ADJ)]
    noun = NOUN[(index // len(ADJ)) % len(NOUN)]
    suffix = SUFFIX[(index // (len(ADJ) * len(NOUN))) % len(SUFFIX)]
    return f"The {adj} {noun}{suffix}"


def base_extractions() -> list[Extraction]:
    articles = [read_article(str(p)) for p in iter_input_files([str(SAMPLES)])]
    return list(Extractor().extract_many(articles))


def _renaming(base: Extraction, group: int, rng: random.Random) -> dict[str, str]:
    names: dict[str, str] = {}
    works = [e for e in base.entities if e.type == "work" and e.name]
    for k, ent in enumerate(works):
        names[ent.name] = title_name(group * 16 + k)
    for ent in base.entities:
        if ent.type == "person" and ent.name:
            names[ent.name] = person_name(rng.randrange(PEOPLE_POOL))
            for old, new in zip(ent.name.split()[1:], names[ent.name].split()[1:]):
                names.setdefault(old, new)  # the surname alone, as articles call people
        elif ent.type == "company" and ent.name:
            names[ent.name] = rng.choice(STUDIOS)
    return names


def _renamed(base: Extraction, n: int, group: int, names: dict[str, str], day: date) -> Extraction:
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)) + r")\b") \
        if names else None

    def sub(text: str | None) -> str | None:
        return pattern.sub(lambda m: names[m.group(0)], text) if text and pattern else text

    article = dataclasses.replace(base.article, id=f"syn{n:06d}_{base.article.id}",
                                  path=f"synthetic/{n:06d}/{base.article.id}.txt",
                                  text=sub(base.article.text) + f"\n\nStory {group}.", title=sub(base.article.title),
                                  published=day.isoformat())
    entities = [dataclasses.replace(e, name=sub(e.name), aliases=[sub(a) for a in e.aliases]) for e in base.entities]
    facts = [dataclasses.replace(f, evidence=sub(f.evidence), character=sub(f.character)) for f in base.facts]
    return Extraction(article=article, entities=entities, facts=facts)


def synthetic(bases: list[Extraction], count: int, seed: int = 7):
    """Count synthetic extractions, twelve (one retelling of the samples) per group."""
    start = date(2015, 1, 1)
    per_group = len(bases)
    group_names: dict[str, str] = {}
    for n in range(count):
        group, k = divmod(n, per_group)
        if k == 0:
            rng = random.Random(seed * 1_000_003 + group)
            group_names = {}
            for base in bases:
                group_names.update({old: new for old, new in _renaming(base, group, rng).items()
                                    if old not in group_names})
        day = start + timedelta(days=(group * 3) % 4000 + k * 9)
        yield _renamed(bases[k], n, group, group_names, day)


def build(path: Path, count: int) -> KnowledgeBase:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    kb = KnowledgeBase(f"sqlite:///{path}")
    bases = base_extractions()
    begin = time.perf_counter()
    for n, extraction in enumerate(synthetic(bases, count), 1):
        kb.ingest(extraction)
        if n % 10_000 == 0:
            print(f"  {n:,} articles ingested ({n / (time.perf_counter() - begin):,.0f}/s)", file=sys.stderr)
    return kb


def cached(count: int) -> Path:
    """The KB of that many synthetic articles, built once and kept under bench/.cache."""
    path = CACHE / f"kb-{count}.db"
    if not path.exists():
        build(path.with_suffix(".tmp"), count).close()
        path.with_suffix(".tmp").rename(path)
    return path


def ensure_database(url: str) -> None:
    """Makes the PostgreSQL database the URL names, if it is not there (through the server's `postgres` one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": parsed.database}).first() is None:
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def knowledge_base(db: str | None, count: int) -> str:
    """The URL of a KB of `count` synthetic articles: the SQLite cache when
    `db` is None, else `db`, filled from the cache (dump, then load) if empty."""
    cache = cached(count)
    if db is None:
        return f"sqlite:///{cache}"
    ensure_database(db)
    kb = KnowledgeBase(db)
    if stats(kb)["documents"] == 0:
        dump_path = cache.with_suffix(".jsonl")
        if not dump_path.exists():
            write_dump(KnowledgeBase(f"sqlite:///{cache}"), dump_path)
        begin = time.perf_counter()
        with open(dump_path, encoding="utf-8") as handle:
            load(kb, handle, str(dump_path))
        print(f"  loaded {count:,} articles into {kb.shown_url} in {time.perf_counter() - begin:.0f} s",
              file=sys.stderr)
    kb.close()
    return db


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    path = build(args.out, args.articles).url if args.out else cached(args.articles)
    print(path)


if __name__ == "__main__":
    main()
