"""The end-to-end fact confidence: fitted on held-out facts and whether
they were right, applied to every fact, stored with the relation models."""
import random

import pytest

from callsheet.extraction.confidence import (MIN_CONFIDENCE, extraction_features, fit_confidence, recalibrate,
                                             too_unlikely)
from callsheet.extraction.relations import CONFIDENCE_FILE, RelationModels
from callsheet.schema import Article, Entity, Extraction, Fact

TEXT = ("Greta Vance will star in 'The Salt Road'. Tom Reed, Ana Ruiz, Ben Ruiz, Kim Lo and "
        "Max Ode were also seen at the party for 'Night Ferry'.")


def made_up_extraction(raw_lead: float, raw_list: float) -> Extraction:
    """A lead credit alone in its sentence, and five credits crowded into a
    list sentence (the kind of fact that is often wrong)."""
    article = Article(id="made-up", text=TEXT)
    people = ["Greta Vance", "Tom Reed", "Ana Ruiz", "Ben Ruiz", "Kim Lo", "Max Ode"]
    entities = [Entity(f"p{n}", "person", name) for n, name in enumerate(people)]
    entities += [Entity("w1", "work", "The Salt Road", kind="film"), Entity("w2", "work", "Night Ferry", kind="film")]
    lead, rest = TEXT.split(". ", 1)
    facts = [Fact("p0", "cast", lead + ".", object="w1", status="attached", confidence=raw_lead)]
    facts += [Fact(f"p{n}", "cast", rest, object="w2", status="credited", confidence=raw_list) for n in range(1, 6)]
    return Extraction(article, entities, facts)


def training_rows(n=40, seed=0):
    """Held-out facts: the lone lead credit is right, the crowded ones wrong,
    whatever raw probability the relation model gave each."""
    rng = random.Random(seed)
    rows, right = [], []
    for _ in range(n):
        extraction = made_up_extraction(rng.uniform(0.5, 1.0), rng.uniform(0.5, 1.0))
        for fact, row in zip(extraction.facts, extraction_features(extraction)):
            rows.append(row)
            right.append(fact.subject == "p0")
    return rows, right


def test_recalibration_learns_which_facts_turn_out_right():
    model = fit_confidence(*training_rows(), C=10.0)
    extraction = made_up_extraction(0.6, 0.95)
    rates = model.probabilities(extraction_features(extraction))
    assert rates[0] > 0.8 and all(p < 0.2 for p in rates[1:])
    recalibrate(model, extraction)
    [lead] = extraction.facts  # the crowded credits fall under MIN_CONFIDENCE and are not reported
    assert lead.subject == "p0" and lead.confidence == rates[0]


def test_only_credits_have_a_floor_under_which_they_are_not_reported():
    assert too_unlikely("cast", MIN_CONFIDENCE["credit"] - 0.01)
    assert not too_unlikely("director", MIN_CONFIDENCE["credit"])
    assert not too_unlikely("studio", 0.05) and not too_unlikely("sequel_of", 0.05)


def test_features_describe_the_fact_not_its_text():
    extraction = made_up_extraction(0.9, 0.7)
    lead, first_listed = extraction_features(extraction)[:2]
    assert lead["predicate=cast"] == 1.0 and lead["evidence.facts=1"] == 1.0
    assert first_listed["evidence.facts=5"] == 1.0 and first_listed["o.facts=5"] == 1.0
    assert lead["logit"] > first_listed["logit"]
    assert lead["o.quoted=True"] == 1.0 and lead["evidence.at=0"] == 1.0


def test_one_outcome_only_is_refused():
    rows, _ = training_rows(5)
    with pytest.raises(ValueError, match="both right and wrong"):
        fit_confidence(rows, [True] * len(rows))


def test_the_model_is_kept_with_the_relation_models_and_dropped_by_a_retrain(tmp_path):
    model = fit_confidence(*training_rows(), C=10.0)
    RelationModels(confidence=model).to_disk(tmp_path)
    loaded = RelationModels.from_disk(tmp_path)
    extraction, again = made_up_extraction(0.6, 0.95), made_up_extraction(0.6, 0.95)
    recalibrate(model, extraction)
    recalibrate(loaded.confidence, again)
    assert [round(f.confidence, 3) for f in extraction.facts] == [round(f.confidence, 3) for f in again.facts]
    RelationModels().to_disk(tmp_path)  # a retrained pipeline has not been cross-validated yet
    assert not (tmp_path / CONFIDENCE_FILE).exists()
    assert RelationModels.from_disk(tmp_path).confidence is None


@pytest.mark.parametrize("data", [b"PK\x03\x04not a zip", b"", b"plain text"])
def test_a_damaged_model_file_is_a_clear_error_naming_it(tmp_path, data):
    (tmp_path / CONFIDENCE_FILE).write_bytes(data)
    with pytest.raises(ValueError, match=f"{CONFIDENCE_FILE}: not a callsheet model file"):
        RelationModels.from_disk(tmp_path)


def test_a_name_cut_short_and_a_minor_work_are_features_of_the_fact():
    text = ("Peacock orders One of Us Is Lying. Mara Quill will star in One of Us. "
            "Salt Road is back; Salt Road star Tom Reed joins the Salt Road team.")
    article = Article(id="cut", text=text)
    entities = [Entity("p1", "person", "Mara Quill"), Entity("p2", "person", "Tom Reed"),
                Entity("w1", "work", "One of Us", kind="tv_series"), Entity("w2", "work", "Salt Road", kind="film")]
    facts = [Fact("p1", "cast", "Mara Quill will star in One of Us.", object="w1", status="attached",
                  confidence=0.9),
             Fact("p2", "cast", "Salt Road is back; Salt Road star Tom Reed joins the Salt Road team.", object="w2",
                  status="credited", confidence=0.9)]
    cut_short, whole = extraction_features(Extraction(article, entities, facts))
    assert cut_short["cut.o=True"] == 1.0 and cut_short["cut.s=False"] == 1.0
    assert whole["cut.o=False"] == 1.0 and whole["cut.s=False"] == 1.0
    assert whole["o.rank=0"] == 1.0  # Salt Road is named most
    assert cut_short["o.rank=1"] == 1.0


def test_how_many_sentences_name_both_is_a_feature_of_the_fact():
    text = ("Mara Quill will star in Salt Road.\nSalt Road shoots in May; Quill plays a pilot.\n"
            "Quill and Salt Road's director met. Tom Reed was at the premiere of Glass Season.")
    article = Article(id="support", text=text)
    entities = [Entity("p1", "person", "Mara Quill"), Entity("p2", "person", "Tom Reed"),
                Entity("w1", "work", "Salt Road", kind="film"), Entity("w2", "work", "Glass Season", kind="film")]
    facts = [Fact("p1", "cast", "Mara Quill will star in Salt Road.", object="w1", confidence=0.9),
             Fact("p2", "cast", "Tom Reed was at the premiere of Glass Season.", object="w2", confidence=0.9),
             Fact("p2", "cast", "Tom Reed was at the premiere of Glass Season.", object="w1", confidence=0.9)]
    again, once, never = extraction_features(Extraction(article, entities, facts))
    assert again["support=3"] == 1.0 and once["support=1"] == 1.0 and never["support=0"] == 1.0


def test_credits_and_other_facts_are_calibrated_apart():
    """Each group has its own model; a group whose held-out facts were all
    right (or all wrong) gets none, and its facts keep their confidence."""
    rows, right = training_rows()
    article = Article(id="studio", text="Kestrel Films is producing 'The Salt Road'.")
    entities = [Entity("w1", "work", "The Salt Road", kind="film"), Entity("c1", "company", "Kestrel Films")]
    studio = Extraction(article, entities, [Fact("w1", "studio", article.text, object="c1", confidence=0.9)])
    model = fit_confidence(rows + extraction_features(studio) * 5, right + [True] * 5, C=10.0)
    assert sorted(model.models) == ["credit"]
    recalibrate(model, studio)
    assert studio.facts[0].confidence == 0.9
    both = fit_confidence(rows + extraction_features(studio) * 6, right + [True, False] * 3, C=10.0)
    assert sorted(both.models) == ["credit", "other"]
    recalibrate(both, studio)
    assert 0.3 < studio.facts[0].confidence < 0.7  # right half the time, whatever the credits taught
