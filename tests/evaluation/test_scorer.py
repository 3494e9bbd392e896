"""`callsheet eval` must print exactly the referee scorer's figures."""
import importlib.util
import json

from callsheet.evaluation import load_gold, score
from corpus_paths import DEV, SHARED


def referee():
    spec = importlib.util.spec_from_file_location("referee", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def texts(gold):
    return {d: (DEV / "text" / f"{d}.txt").read_text(encoding="utf-8") for d in gold}


def test_gold_against_itself_is_perfect():
    gold = load_gold(DEV / "gold")
    result = score(gold, gold, texts(gold))
    assert result["all"]["f1"] == 1.0 and result["status_accuracy"] == 1.0 and result["bad_evidence"] == 0


def test_figures_equal_the_referee_on_real_and_damaged_predictions(extractor):
    from callsheet.reading import read_article
    gold = load_gold(DEV / "gold")
    preds = {e.article.id: e.to_dict() for e in extractor.extract_many(
        read_article(str(DEV / "text" / f"{d}.txt")) for d in gold)}
    damaged = json.loads(json.dumps(preds))
    first = next(iter(damaged.values()))
    if first["facts"]:
        first["facts"][0]["evidence"] = "words that are not in the article"
        first["facts"][-1]["status"] = "rumored"
    for candidate in (preds, damaged, {}):
        assert score(gold, candidate, texts(gold)) == referee().score(gold, candidate, texts(gold))
