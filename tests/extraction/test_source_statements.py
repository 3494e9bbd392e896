"""Works named by their author, not their title (`source_statements.py`):
"based on Mara Quill's novel of the same name". Names and titles are made up."""
import pytest

from labelled_context import mentions_with_labels, named_mention

from callsheet.extraction.relations import complete_mentions
from callsheet.extraction.source_statements import adaptation_cue, add_source_credits, adapted_work, authors_of


def _noun(ctx, word):
    return next(t for t in ctx.doc if t.text == word)


@pytest.mark.parametrize("text", [
    "Kestrel Films is making 'Salt Road', based on Mara Quill's novel of the same name.",
    "'Salt Road' is an adaptation of the best-selling book by Mara Quill.",
    "Rowan Pike will direct 'Salt Road', an adaptation of Mara Quill's fantasy novel.",
    "Rowan Pike will direct 'Salt Road', which is inspired by the eponymous Mara Quill novel.",
    "Based on the 2012 novel by Mara Quill, 'Salt Road' will follow a young woman.",
    "Kestrel Films is making 'Salt Road'. The thriller is based on Mara Quill's novel of the same name.",
])
def test_an_adapted_book_named_by_its_author_is_an_untitled_book_she_wrote(extract, text):
    view = extract("Books\n\n" + text)
    assert ("Salt Road", "adaptation_of", "<untitled book>", None) in view.facts("adaptation_of")
    assert ("Mara Quill", "writer", "<untitled book>", "credited") in view.facts("writer")
    assert not {f for f in view.facts("writer") if f[2] == "Salt Road"}  # the novelist did not write the film


def test_the_author_of_a_source_the_article_names_is_credited_on_it(extract):
    view = extract("Books\n\nKestrel Films will make a film adaptation of Salt Road, "
                   "based on the best-selling book by Mara Quill.")
    assert ("<untitled film>", "adaptation_of", "Salt Road", None) in view.facts("adaptation_of")
    assert ("Mara Quill", "writer", "Salt Road", "credited") in view.facts("writer")
    assert "<untitled book>" not in view.names.values()


@pytest.mark.parametrize("text, authors", [
    ("It is based on Mara Quill's and Ada Fenn's novel.", ["Mara Quill", "Ada Fenn"]),
    ("It is based on the novel by Mara Quill and Ada Fenn.", ["Mara Quill", "Ada Fenn"]),
    ("It is based on the eponymous Mara Quill novel.", ["Mara Quill"]),
    ("It is based on the Nell Hart novels by Ada Fenn.", []),  # a title taken for a person: no one is sure
])
def test_authors_of_a_source_noun(nlp, text, authors):
    people = ["Mara Quill", "Ada Fenn", "Nell Hart"]
    ctx = mentions_with_labels(nlp, text, {"PERSON": [p for p in people if p in text]})
    names = {e.id: e.name for e in ctx.entities.values()}
    assert [names[a] for a in authors_of(ctx, _noun(ctx, "novels" if "novels" in text else "novel"))] == authors


@pytest.mark.parametrize("text", [
    "Salt Road is not based on Mara Quill's novel.",
    "Salt Road could be based on Mara Quill's novel, sources said.",
    "Salt Road is rumoured to be based on Mara Quill's novel.",
    "Tom Reddy, who stars in Salt Road, said he was inspired by Mara Quill's memoir.",
    "Salt Road is inspired by Mara Quill's favourite novel.",
    "Kestrel Films bought the rights to Mara Quill's novel.",  # nothing is made from it here
    "Mara Quill's novel was praised by Salt Road's director.",
])
def test_no_adaptation_no_untitled_source(nlp, text):
    ctx = mentions_with_labels(nlp, text, {"WORK": ["Salt Road"], "PERSON": ["Mara Quill", "Tom Reddy"]})
    complete_mentions(ctx)
    add_source_credits(ctx)
    assert not ctx.facts


def test_the_adapted_work_is_the_one_the_phrase_describes(nlp):
    text = "Rowan Pike, who directed Glass Season, will make Salt Road, based on the novel by Mara Quill."
    ctx = mentions_with_labels(nlp, text, {"WORK": ["Glass Season", "Salt Road"],
                                           "PERSON": ["Rowan Pike", "Mara Quill"]})
    complete_mentions(ctx)
    novel = _noun(ctx, "novel")
    assert adapted_work(ctx, novel, adaptation_cue(ctx, novel)) == named_mention(ctx, "Salt Road", "WORK").entity


def test_a_titled_source_credits_its_author_on_the_title(extract):
    view = extract("Books\n\nThe thriller follows the novel 'Salt Road' by Mara Quill closely.")
    assert ("Mara Quill", "writer", "Salt Road", "credited") in view.facts("writer")


def test_the_author_of_a_titled_source_does_not_write_the_adaptation(extract):
    view = extract("Books\n\nKestrel Films is developing a film based on the novel 'Salt Road' by Mara Quill.")
    assert {f[2] for f in view.facts("writer") if f[0] == "Mara Quill"} == {"Salt Road"}
