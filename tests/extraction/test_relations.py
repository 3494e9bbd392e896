"""Candidate facts of the `callsheet_relations` component (`relations.py`):
which mention pairs the credit model is asked about."""
from labelled_context import mentions_with_labels

from callsheet.extraction.relations import (FAMILIES, apply_links, candidates, complete_mentions, decided_statuses,
                                           link_candidates)


def _after_links(nlp, text, labels, source):
    ctx = mentions_with_labels(nlp, text, labels)
    accepted = [(c, "sequel_of", 0.9) for c in link_candidates(ctx)
                if ctx.entities[c.object.entity].name == source]
    apply_links(ctx, accepted)
    complete_mentions(ctx)
    return ctx


def _pairs(ctx):
    return {(ctx.entities[c.subject.entity].name, c.object.how, ctx.entities[c.object.entity].name)
            for c in candidates(ctx, FAMILIES["credit"])}


def test_a_credit_may_name_the_untitled_work_of_its_sentence(nlp):
    ctx = _after_links(nlp, "Casting news\n\nGreta Vance is in final talks to star in the 'Night Ferry' sequel.",
                       {"PERSON": ["Greta Vance"], "WORK": ["Night Ferry"]}, "Night Ferry")
    assert ("Greta Vance", "untitled", None) in _pairs(ctx)


def test_a_credit_never_pairs_with_the_source_of_a_link_phrase(nlp):
    ctx = _after_links(nlp, "Casting news\n\nGreta Vance will produce a sequel to Night Ferry.",
                       {"PERSON": ["Greta Vance"], "WORK": ["Night Ferry"]}, "Night Ferry")
    pairs = _pairs(ctx)
    assert ("Greta Vance", "untitled", None) in pairs
    assert not any(work == "Night Ferry" for _, _, work in pairs)


def test_talks_decide_the_status_of_every_mention_of_the_pair_in_their_sentence(nlp):
    text = "Casting news\n\nTom Reddy is in talks to star in Salt Road, which he will also produce."
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Tom Reddy"], "WORK": ["Salt Road"]}, {"he": "Tom Reddy"})
    complete_mentions(ctx)
    cands = candidates(ctx, FAMILIES["credit"])
    assert {c.subject.how for c in cands} >= {"name", "pronoun"}
    reddy = next(e.id for e in ctx.entities.values() if e.name == "Tom Reddy")
    salt = next(e.id for e in ctx.entities.values() if e.name == "Salt Road")
    sent = cands[0].subject.sent
    assert decided_statuses(ctx, cands) == {("credit", sent, reddy, salt): "in_talks"}
