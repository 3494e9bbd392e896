"""The shared grammar (`grammar.py`): role words, occupations, hedges."""
from labelled_context import mentions_with_labels

from callsheet.extraction.grammar import hedge_words, occupations, role_of


def test_occupations_come_from_role_nouns_appositions_and_role_verbs(nlp):
    text = ("Director Rowan Pike met Mara Quill, a producer, in Lisbon. Tom Reddy directed Glass Season. "
            "Salt Road was written by Ada Brook.")
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Rowan Pike", "Mara Quill", "Tom Reddy", "Ada Brook"],
                                           "WORK": ["Glass Season", "Salt Road"], "PLACE": ["Lisbon"]})
    found = {ctx.entities[p].name: roles for p, roles in occupations(ctx).items()}
    assert found["Rowan Pike"] == {"director"}
    assert found["Mara Quill"] == {"producer"}
    assert found["Tom Reddy"] == {"v:director"}
    assert found["Ada Brook"] == {"v:writer"}


def test_a_role_word_before_a_name_counts_only_when_it_modifies_the_name(nlp):
    text = "Mara Quill brought her producer partner Tom Reddy to Lisbon. Ada Brook was hired to direct Salt Road."
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Mara Quill", "Tom Reddy", "Ada Brook"],
                                           "WORK": ["Salt Road"], "PLACE": ["Lisbon"]})
    found = {ctx.entities[p].name: roles for p, roles in occupations(ctx).items()}
    assert "producer" not in found.get("Tom Reddy", set())
    assert found["Ada Brook"] == {"v:director"}


def test_the_month_may_is_no_hedge_but_the_modal_is(nlp):
    assert hedge_words(nlp("Filming starts in May in Dublin.")) == set()
    assert hedge_words(nlp("The film opens May 5.")) == set()
    assert hedge_words(nlp("She may direct the film.")) == {"may"}
    assert hedge_words(nlp("Ada Brook May Direct Salt Road Sequel")) == {"may"}  # a title-case headline


def test_a_passive_subject_takes_no_role_from_the_verb_done_to_it(nlp):
    text = "Mara Quill was directed by Ada Brook in Salt Road. Tom Reddy was cast in Glass Season."
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Mara Quill", "Ada Brook", "Tom Reddy"],
                                           "WORK": ["Salt Road", "Glass Season"]})
    found = {ctx.entities[p].name: roles for p, roles in occupations(ctx).items()}
    assert "v:director" not in found.get("Mara Quill", set())
    assert found["Ada Brook"] == {"v:director"}
    assert found["Tom Reddy"] == {"v:cast"}


def test_a_verb_with_the_object_the_table_pairs_it_with_names_another_role(nlp):
    text = ("Iris Nakamura will write the music for Salt Road. Tom Reed will write the script. "
            "Ada Brook will write and produce original music for the film. "
            "Nora Vale will write the script and produce the music.")
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Iris Nakamura", "Tom Reed", "Ada Brook", "Nora Vale"],
                                           "WORK": ["Salt Road"]})
    verbs = [t for t in ctx.doc if t.lemma_ in ("write", "produce")]
    assert [(t.lemma_, role_of(ctx, t)) for t in verbs] == [
        ("write", "composer"), ("write", "writer"), ("write", "composer"), ("produce", "composer"),
        ("write", "writer"), ("produce", "composer")]
