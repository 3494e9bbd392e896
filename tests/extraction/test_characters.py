"""Who plays which character (`characters.link_characters`)."""
from labelled_context import mentions_with_labels

from callsheet.extraction.characters import link_characters


def test_a_character_played_in_a_clause_on_the_original_goes_to_the_credit_on_the_original(nlp):
    # the follow-up is named first and its cast credit is the more confident: the
    # clause "in which they played" hangs on the original, and so does the role
    text = "Ada Brook will star in a follow-up to Salt Road, in which she played Nora Vale."
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Ada Brook"], "WORK": ["Salt Road"],
                                           "CHARACTER": ["Nora Vale"]}, coref={"she": "Ada Brook"})
    person, original = ctx.keys[("person", "ada brook")], ctx.keys[("work", "salt road")]
    follow_up = ctx.untitled_work("sequel_of", original, "film")
    next(m for m in ctx.mentions if m.how == "untitled").entity = follow_up  # as `relations.apply_links` does
    on_follow_up = ctx.add_fact(person, "cast", 0, obj=follow_up, status="attached", confidence=0.9)
    on_original = ctx.add_fact(person, "cast", 0, obj=original, status="credited", confidence=0.6)
    link_characters(ctx)
    assert on_original.character == "Nora Vale"
    assert on_follow_up.character is None

