"""The article state the rules read (`context.Context`): which titles only
describe a person, and which project the article is about."""
from labelled_context import mentions_with_labels


def _work(ctx, name):
    return next(e.id for e in ctx.entities.values() if e.name == name)


def _mention(ctx, name):
    entity = _work(ctx, name)
    return next(m for m in ctx.mentions if m.entity == entity and m.how == "name")


def test_titles_joined_before_a_role_noun_all_describe_the_person(nlp):
    ctx = mentions_with_labels(nlp, "Peacock ordered a drama from Salt Road and Glass Season co-EP Mara Quill.",
                               {"WORK": ["Salt Road", "Glass Season"], "PERSON": ["Mara Quill"],
                                "COMPANY": ["Peacock"]})
    assert ctx.descriptive(_mention(ctx, "Glass Season"))
    assert ctx.descriptive(_mention(ctx, "Salt Road"))
    assert ctx.topical_works() == []


def test_a_quoted_title_before_a_role_noun_describes_the_person(nlp):
    ctx = mentions_with_labels(nlp, "“Salt Road” star Mara Quill joins the cast.",
                               {"WORK": ["Salt Road"], "PERSON": ["Mara Quill"]})
    assert ctx.descriptive(_mention(ctx, "Salt Road"))


def test_titles_in_a_list_without_a_role_noun_stay_topical(nlp):
    ctx = mentions_with_labels(nlp, "Mara Quill starred in Salt Road and Glass Season.",
                               {"WORK": ["Salt Road", "Glass Season"], "PERSON": ["Mara Quill"]})
    assert not ctx.descriptive(_mention(ctx, "Salt Road"))
    assert not ctx.descriptive(_mention(ctx, "Glass Season"))


def test_the_focus_is_the_work_people_are_attached_to_not_the_one_named_alone(nlp):
    text = ("Kestrel slate grows.\n\nKestrel Films is also home to Night Ferry.\n\n"
            "Mara Quill will direct Salt Road. Night Ferry returns in May. Tom Reddy joins Salt Road.")
    ctx = mentions_with_labels(nlp, text, {"WORK": ["Night Ferry", "Salt Road", "Night Ferry", "Salt Road"],
                                           "PERSON": ["Mara Quill", "Tom Reddy"], "COMPANY": ["Kestrel Films"]})
    # Night Ferry: lead 2 + 1 alone = 3; Salt Road: two sentences with a person, 2 + 2 = 4
    assert ctx.focus(len(ctx.doc) - 1) == _work(ctx, "Salt Road")


def test_the_focus_counts_the_whole_article_not_only_what_came_before(nlp):
    text = ("Kestrel Films is also home to Night Ferry.\n\nMore news.\n\n"
            "Mara Quill will direct Salt Road. Tom Reddy joins Salt Road. Ada Fenn will produce Salt Road.")
    ctx = mentions_with_labels(nlp, text, {"WORK": ["Night Ferry", "Salt Road", "Salt Road", "Salt Road"],
                                           "PERSON": ["Mara Quill", "Tom Reddy", "Ada Fenn"],
                                           "COMPANY": ["Kestrel Films"]})
    # at the first sentence only Night Ferry has been named (lead 2); Salt Road, named beside a person
    # three times later (3 x 2 = 6), is what the article is about from its first word
    assert ctx.focus(0) == _work(ctx, "Salt Road")
    assert ctx.focus(len(ctx.doc) - 1) == _work(ctx, "Salt Road")


def test_a_comma_list_with_its_and_describes_the_person_through_every_title(nlp):
    ctx = mentions_with_labels(nlp, "Salt Road, Glass Season, and Night Ferry star Mara Quill joins the cast.",
                               {"WORK": ["Salt Road", "Glass Season", "Night Ferry"], "PERSON": ["Mara Quill"]})
    assert [ctx.descriptive(_mention(ctx, t)) for t in ("Salt Road", "Glass Season", "Night Ferry")] == \
        [True, True, True]


def test_titles_whose_spans_keep_their_quote_marks_still_join(nlp):
    ctx = mentions_with_labels(nlp, "A drama from “ Salt Road ” and “ Glass Season ” co-EP Mara Quill.",
                               {"WORK": ["“ Salt Road ”", "“ Glass Season ”"], "PERSON": ["Mara Quill"]})
    works = [m for m in ctx.mentions if m.label == "WORK" and m.how == "name"]
    assert len(works) == 2 and all(ctx.doc[m.start].text == "“" for m in works)
    assert [ctx.descriptive(m) for m in works] == [True, True]


def test_a_comma_that_ends_a_clause_joins_no_titles(nlp):
    ctx = mentions_with_labels(nlp, "After Salt Road, Glass Season star Mara Quill joins Night Ferry.",
                               {"WORK": ["Salt Road", "Glass Season", "Night Ferry"], "PERSON": ["Mara Quill"]})
    assert ctx.descriptive(_mention(ctx, "Glass Season"))
    assert not ctx.descriptive(_mention(ctx, "Salt Road"))



def test_an_unpunctuated_line_is_a_headline_and_a_sentence_is_not(nlp):
    ctx = mentions_with_labels(nlp, "Lighthouse Keepers adds two stars\n\nClara Voss will star in it. "
                                    "She said: \"It is a dream.\"\n", {"PERSON": ["Clara Voss"]})
    lines = [ctx.unpunctuated_line(n) for n in range(len(ctx.sents))]
    assert lines[0] is True
    assert lines[1:] == [False] * (len(ctx.sents) - 1)


def test_a_headline_ending_in_a_quoted_title_is_still_a_headline(nlp):
    ctx = mentions_with_labels(nlp, "Clara Voss joins HBO's 'The Lighthouse Keepers'\n\nShe will star in it.\n",
                               {"PERSON": ["Clara Voss"], "WORK": ["The Lighthouse Keepers"]})
    assert ctx.unpunctuated_line(0) is True
    assert ctx.unpunctuated_line(1) is False
