"""Gold labels of candidate facts (`training.labels.GoldLabels`)."""
from labelled_context import mentions_with_labels

from callsheet.extraction.relations import FAMILIES, candidates
from callsheet.extraction.training.labels import GoldLabels

TEXT = "Tom Reddy will direct the next film from Kestrel. Tom Reddy directed Salt Road."
GOLD = {"entities": [{"id": "p1", "type": "person", "name": "Tom Reddy"},
                     {"id": "w1", "type": "work", "name": "Salt Road", "kind": "film"}],
        "facts": [{"subject": "p1", "predicate": "director", "object": "w1", "status": "credited",
                   "evidence": "Tom Reddy directed Salt Road."}]}


def test_a_credit_on_the_untitled_project_teaches_nothing_and_one_on_a_named_work_is_labelled(nlp):
    # GUIDELINES leaves an untitled project with no link out of the gold: its
    # credits are neither positive nor negative examples
    ctx = mentions_with_labels(nlp, TEXT, {"PERSON": ["Tom Reddy", "Tom Reddy"], "COMPANY": ["Kestrel"],
                                           "WORK": ["Salt Road"]})
    labels = GoldLabels(GOLD, TEXT)
    by_work = {}
    for cand in candidates(ctx, FAMILIES["credit"]):
        by_work.setdefault(ctx.entities[cand.object.entity].name, []).append(labels.targets(ctx, cand))
    assert ctx.project is not None
    assert by_work[None] and all(set(t.values()) == {None} for t in by_work[None])
    assert by_work["Salt Road"][0]["director"] == 1 and by_work["Salt Road"][0]["cast"] == 0
