"""Candidate facts of the `callsheet_relations` component (`relations.py`):
which mention pairs the credit model is asked about."""
from labelled_context import mentions_with_labels

from callsheet.extraction.credit_statements import DECIDED_LINK
from callsheet.extraction.relations import (FAMILIES, RelationModels, accept_links, apply_links, candidates,
                                           complete_mentions, decided_statuses, link_candidates, numbered_sequel)


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


def _stated_links(nlp, text, labels):
    """(predicate, source name, probability) of the links `accept_links`
    takes with no link model at all: only those the phrase states."""
    ctx = mentions_with_labels(nlp, "Casting news\n\n" + text, labels)
    return ctx, [(p, ctx.entities[c.object.entity].name, prob)
                 for c, p, prob in accept_links(ctx, RelationModels(), link_candidates(ctx))]


def test_a_link_nouns_own_phrase_states_its_link(nlp):
    for text, expected in [
        ("Jared Pike is in early talks to star in a sequel to Salt Road.", "sequel_of"),
        ("Mara Quint and Ada Lune are in final talks for a 'Salt Road' sequel.", "sequel_of"),
        ("Rowan Pike will direct a remake of the 1980s thriller Salt Road.", "remake_of"),
        ("The studio has ordered an adaptation of Ada Lune's novel Salt Road.", "adaptation_of"),
        ("Kestrel is planning a third Salt Road film.", "sequel_of"),
    ]:
        _, links = _stated_links(nlp, text, {"PERSON": ["Jared Pike", "Mara Quint", "Ada Lune", "Rowan Pike"],
                                             "WORK": ["Salt Road"]})
        assert links == [(expected, "Salt Road", DECIDED_LINK)], text


def test_an_ordinal_the_parser_hangs_on_the_title_still_makes_a_new_instalment(nlp):
    text = "A third Night Ferry film is planned, with Ada Lune set to direct."
    _, links = _stated_links(nlp, text, {"PERSON": ["Ada Lune"], "WORK": ["Night Ferry"]})
    assert links == [("sequel_of", "Night Ferry", DECIDED_LINK)]


def test_a_work_adapted_from_a_named_one_is_an_untitled_adaptation(nlp):
    for text in ("Kestrel is developing a series based on the Salt Road novels by Ada Lune.",
                 "Kestrel will develop Ada Lune's Salt Road trilogy into a television series.",
                 "Salt Road is set to be made into a film starring Mara Quint."):
        _, links = _stated_links(nlp, text, {"PERSON": ["Ada Lune", "Mara Quint"], "WORK": ["Salt Road"],
                                             "COMPANY": ["Kestrel"]})
        assert links == [("adaptation_of", "Salt Road", DECIDED_LINK)], text


def test_a_link_the_phrase_denies_asks_about_or_leaves_open_is_not_stated(nlp):
    for text in ("The project is not a direct sequel to Salt Road, but is being reworked.",
                 "Mara Quint said there are no plans for a sequel to Salt Road.",
                 "Mara Quint has no intention of making a sequel to Salt Road.",
                 "Mara Quint said Salt Road will never be made into a film.",
                 "Will there be a sequel to Salt Road?",
                 "Finally, he closed the show with a rousing version of Salt Road.",
                 "Mara Quint is directing a film based on the making of Salt Road.",
                 "Mara Quint is developing a series based on the life of the Salt Road author.",
                 "Salt Road star Mara Quint will adapt the novel Night Ferry into a film.",
                 "Mara Quint will direct the sequel to Night Ferry, Salt Road, for Kestrel."):
        _, links = _stated_links(nlp, text, {"PERSON": ["Mara Quint"], "WORK": ["Night Ferry", "Salt Road"],
                                             "COMPANY": ["Kestrel"]})
        assert ("sequel_of", "Salt Road", DECIDED_LINK) not in links and \
            ("adaptation_of", "Salt Road", DECIDED_LINK) not in links, text


def test_the_sequel_is_the_numbered_instalment_the_article_names(nlp):
    text = "Dwayne Pike will reprise his role in the 'Salt Road' sequel. 'Salt Road 2' opens next year."
    ctx, links = _stated_links(nlp, text, {"PERSON": ["Dwayne Pike"], "WORK": ["Salt Road", "Salt Road 2"]})
    apply_links(ctx, accept_links(ctx, RelationModels(), link_candidates(ctx)))
    names = {e.id: e.name for e in ctx.entities.values()}
    assert [(names[f.subject], f.predicate, names[f.object]) for f in ctx.facts.values()] == \
        [("Salt Road 2", "sequel_of", "Salt Road")]
    assert not any(e.type == "work" and e.name is None for e in ctx.entities.values())


def test_a_new_sequel_is_not_the_numbered_instalment_already_out(nlp):
    text = ("Kestrel has greenlit a new sequel to 'Salt Road'. Dwayne Pike previously directed 'Salt Road 2', "
            "and 'Salt Road I' before it.")
    ctx, _ = _stated_links(nlp, text, {"PERSON": ["Dwayne Pike"], "WORK": ["Salt Road", "Salt Road 2", "Salt Road I"],
                                       "COMPANY": ["Kestrel"]})
    apply_links(ctx, accept_links(ctx, RelationModels(), link_candidates(ctx)))
    names = {e.id: e.name for e in ctx.entities.values()}
    assert [(names[f.subject], f.predicate, names[f.object]) for f in ctx.facts.values()] == \
        [(None, "sequel_of", "Salt Road")]
    assert numbered_sequel(ctx, next(e.id for e in ctx.entities.values() if e.name == "Salt Road")) is not None


def test_this_third_film_is_a_title_given_elsewhere_not_an_untitled_work(nlp):
    ctx = mentions_with_labels(nlp, "Film news\n\nThis third Salt Road film brought a change of director.",
                               {"WORK": ["Salt Road"]})
    assert link_candidates(ctx) == []


def test_a_work_said_to_be_the_remake_takes_the_link_itself(nlp):
    for text, predicate in (("Night Ferry is the sequel to Salt Road, also starring Mara Quint.", "sequel_of"),
                            ("Night Ferry is a remake of Salt Road.", "remake_of"),
                            ("Night Ferry is an adaptation of the novel Salt Road.", "adaptation_of")):
        ctx = mentions_with_labels(nlp, "Film news\n\n" + text, {"PERSON": ["Mara Quint"],
                                                                 "WORK": ["Night Ferry", "Salt Road"]})
        apply_links(ctx, accept_links(ctx, RelationModels(), link_candidates(ctx)))
        names = {e.id: e.name for e in ctx.entities.values()}
        assert [(names[f.subject], f.predicate, names[f.object]) for f in ctx.facts.values()] == \
            [("Night Ferry", predicate, "Salt Road")], text


def test_an_untitled_work_is_never_out_already_for_the_release_of_its_source(nlp):
    text = ("Film news\n\nA sequel to Night Ferry is finally in the making 20 years after the movie was released, "
            "with Ada Lune set to direct.")
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Ada Lune"], "WORK": ["Night Ferry"]})
    apply_links(ctx, accept_links(ctx, RelationModels(), link_candidates(ctx)))
    complete_mentions(ctx)
    untitled = next(e.id for e in ctx.entities.values() if e.type == "work" and e.name is None)
    source = next(e.id for e in ctx.entities.values() if e.name == "Night Ferry")
    assert source in ctx.released and untitled not in ctx.released


def test_a_remake_based_on_a_film_keeps_the_nouns_link(nlp):
    _, links = _stated_links(nlp, "Mara Quint will direct a remake based on the 1990 film Salt Road.",
                             {"PERSON": ["Mara Quint"], "WORK": ["Salt Road"]})
    assert links == [("remake_of", "Salt Road", DECIDED_LINK)]


def test_a_credit_on_an_untitled_sequel_is_never_a_past_credit(nlp):
    import numpy as np

    from callsheet.extraction.linear import LinearModel
    from callsheet.extraction.relations import decide, fact_candidates
    always = LinearModel(["director"], {"bias": 0}, np.zeros((1, 1)), np.array([5.0]), multinomial=False)
    says_credited = LinearModel(["attached", "credited"], {"bias": 0}, np.zeros((1, 2)), np.array([0.0, 3.0]),
                                multinomial=True)
    models = RelationModels({"credit": always}, status=says_credited)
    text = "Film news\n\nMara Quint will direct a sequel to Salt Road. Mara Quint directed Salt Road in 1997."
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Mara Quint", "Mara Quint"], "WORK": ["Salt Road", "Salt Road"]})
    apply_links(ctx, accept_links(ctx, models, link_candidates(ctx)))
    complete_mentions(ctx)
    decide(ctx, models, fact_candidates(ctx))
    names = {e.id: e.name for e in ctx.entities.values()}
    directed = {(names[f.object], f.status) for f in ctx.facts.values() if f.predicate == "director"}
    assert directed == {(None, "attached"), ("Salt Road", "credited")}


def test_what_is_said_of_the_series_is_that_series_not_a_new_untitled_work(nlp):
    text = "Film news\n\nHBO has ordered the drama Salt Road. The series is an adaptation of the novel Night Ferry."
    ctx = mentions_with_labels(nlp, text, {"WORK": ["Salt Road", "Night Ferry"], "COMPANY": ["HBO"]})
    assert link_candidates(ctx) == []
