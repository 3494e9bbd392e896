"""Mentions found from the recogniser's spans (`mentions.find_mentions`)."""
import pytest

from labelled_context import mentions_with_labels

from callsheet.extraction.mentions import find_work_anaphors


def test_a_name_the_recogniser_types_two_ways_is_one_entity_of_its_usual_type(nlp):
    ctx = mentions_with_labels(nlp, "Velvet Harbour sold out Leeds. Fans say Velvet Harbour never disappoints. "
                                    "Velvet Harbour will tour again in May.",
                               {"PERSON": ["Velvet Harbour", "Velvet Harbour"], "WORK": ["Velvet Harbour"]})
    named = [e for e in ctx.entities.values() if e.name == "Velvet Harbour"]
    assert [e.type for e in named] == ["person"]
    mentions = [m for m in ctx.mentions if m.how in ("name", "alias") and m.label in ("PERSON", "WORK")]
    assert {(m.label, m.entity) for m in mentions} == {("PERSON", named[0].id)}
    assert len(mentions) == 3


@pytest.mark.parametrize("after_headline, kept", [
    ("\n\n", "work"),  # the headline's person counts half: the body's title wins
    (". ", "person"),  # two sentences, one vote each: the first mention wins the tie
])
def test_a_headline_mention_counts_half_so_the_body_breaks_a_tie(nlp, after_headline, kept):
    ctx = mentions_with_labels(nlp, f"Lighthouse Keepers adds two stars{after_headline}"
                                    "Clara Voss will star in HBO series The Lighthouse Keepers.",
                               {"PERSON": ["Lighthouse Keepers", "Clara Voss"], "WORK": ["The Lighthouse Keepers"]})
    named = [e for e in ctx.entities.values() if e.name and "Lighthouse Keepers" in e.name]
    assert [e.type for e in named] == [kept]


def test_different_names_keep_their_own_types(nlp):
    ctx = mentions_with_labels(nlp, "Mara Quill stars in Velvet Harbour. Velvet Harbour opens in May.",
                               {"PERSON": ["Mara Quill"], "WORK": ["Velvet Harbour", "Velvet Harbour"]})
    types = {e.name: e.type for e in ctx.entities.values() if e.name in ("Mara Quill", "Velvet Harbour")}
    assert types == {"Mara Quill": "person", "Velvet Harbour": "work"}


def test_a_name_mostly_used_as_a_title_keeps_no_pronoun_of_its_person_reading(nlp):
    ctx = mentions_with_labels(nlp, "Velvet Harbour opens in May. Velvet Harbour stars Mara Quill. "
                                    "She said Velvet Harbour changed everything.",
                               {"WORK": ["Velvet Harbour", "Velvet Harbour"], "PERSON": ["Mara Quill", "Velvet Harbour"]},
                               coref={"She": "Velvet Harbour"})
    named = [e for e in ctx.entities.values() if e.name == "Velvet Harbour"]
    assert [e.type for e in named] == ["work"]
    she = next(t.i for t in ctx.doc if t.text == "She")
    assert not [m for m in ctx.mentions if m.start == she]
    assert len([m for m in ctx.mentions if m.entity == named[0].id and m.label == "WORK"]) == 3


def test_an_entity_folded_away_never_lends_its_id_to_a_later_one(nlp):
    ctx = mentions_with_labels(nlp, "Velvet Harbour is a new drama. Velvet Harbour said Night Ferry inspired them. "
                                    "Velvet Harbour will write a sequel to Night Ferry.",
                               {"WORK": ["Velvet Harbour", "Night Ferry", "Night Ferry"],
                                "PERSON": ["Velvet Harbour", "Velvet Harbour"]})
    source = ctx.keys[("work", "night ferry")]
    sequel = ctx.untitled_work("sequel_of", source, "film")
    assert sequel != source
    assert ctx.entities[source].name == "Night Ferry"
    assert ctx.entities[sequel].name is None


def test_a_title_named_after_a_place_stays_apart_from_the_place(nlp):
    ctx = mentions_with_labels(nlp, "Dunkirk was shot in Dunkirk.", {"WORK": ["Dunkirk"], "PLACE": ["Dunkirk"]})
    assert sorted(e.type for e in ctx.entities.values() if e.name == "Dunkirk") == ["place", "work"]


def test_a_companys_first_word_alone_is_that_company(nlp):
    ctx = mentions_with_labels(nlp, "Kestrel confirms Salt Road cast\n\nKestrel Films has confirmed that Sarah Collins "
                                    "will star. Lantern boards it too, Lantern Pictures said.",
                               {"PERSON": ["Kestrel", "Sarah Collins"], "WORK": ["Salt Road", "Lantern"],
                                "COMPANY": ["Kestrel Films", "Lantern Pictures"]})
    by_type = {}
    for ent in ctx.entities.values():
        by_type.setdefault(ent.type, set()).add(ent.name)
    assert by_type["person"] == {"Sarah Collins"} and by_type["work"] == {"Salt Road"}
    kestrel = ctx.entities[ctx.keys[("company", "kestrel films")]]
    assert kestrel.aliases == ["Kestrel"]
    headline = next(m for m in ctx.mentions if m.start == 0)
    assert (headline.label, headline.entity) == ("COMPANY", kestrel.id)
    assert ctx.entities[ctx.keys[("company", "lantern pictures")]].aliases == ["Lantern"]


@pytest.mark.parametrize("people, companies", [
    (["Kestrel", "Tom Kestrel"], ["Kestrel Films"]),  # the word is in a person's name: maybe his surname
    (["Kestrel"], ["Kestrel Films", "Kestrel Media"]),  # two companies start with it: which one is unknown
])
def test_a_first_word_that_could_be_someone_or_something_else_stays_as_found(nlp, people, companies):
    text = "Kestrel speaks\n\n" + " ".join(f"{name} was there." for name in people[1:] + companies)
    ctx = mentions_with_labels(nlp, text, {"PERSON": people, "COMPANY": companies})
    assert "Kestrel" in {e.name for e in ctx.entities.values() if e.type == "person"}


def test_a_person_the_sentence_calls_one_and_a_quoted_title_stay_as_found(nlp):
    text = ("Director Marlowe said Lena Marsh will star in 'Focus' for Focus Features and Marlowe Media. "
            "Solenne will star in it too, for Solenne Films. Caviar's Tom Reddy produces, with Caviar Films.")
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Marlowe", "Lena Marsh", "Solenne", "Caviar", "Tom Reddy"],
                                           "WORK": ["Focus"],
                                           "COMPANY": ["Focus Features", "Marlowe Media", "Solenne Films",
                                                       "Caviar Films"]})
    types = {(e.type, e.name) for e in ctx.entities.values()}
    assert {("person", "Marlowe"), ("person", "Solenne"), ("work", "Focus")} <= types
    assert ("person", "Caviar") not in types  # a company's possessive before its producer


def test_in_a_list_of_players_as_characters_each_player_is_a_person_and_each_role_a_character(nlp):
    text = ("Starring Nora Vale as Ilse Marr, Hal Brook as Tom Quay and Ada Quill as Mother Reed, the film "
            "Iron Tide opens in May.")
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Nora Vale", "Ilse Marr", "Hal Brook", "Tom Quay", "Ada Quill"],
                                           "WORK": ["Mother Reed", "Iron Tide"]})
    labels = {ctx.doc[m.start:m.end].text: m.label for m in ctx.mentions if m.how == "name"}
    assert labels == {"Nora Vale": "PERSON", "Hal Brook": "PERSON", "Ada Quill": "PERSON",
                      "Ilse Marr": "CHARACTER", "Tom Quay": "CHARACTER", "Mother Reed": "CHARACTER",
                      "Iron Tide": "WORK"}


def test_as_a_conjunction_or_before_a_possessive_makes_no_character(nlp):
    text = ("Starring Mara Quill, Salt Road was praised by Hal Brook as Ada Fenn looked on. Kestrel has hired "
            "Tom Reddy as Rowan Pike's replacement.")
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Mara Quill", "Hal Brook", "Ada Fenn", "Tom Reddy",
                                                      "Rowan Pike"],
                                           "WORK": ["Salt Road"], "COMPANY": ["Kestrel"]})
    labels = {ctx.doc[m.start:m.end].text: m.label for m in ctx.mentions if m.how == "name"}
    assert labels["Ada Fenn"] == "PERSON" and labels["Rowan Pike"] == "PERSON"


def _anaphor_of(nlp, text, works, people):
    """The name of the work "the film" in `text` refers to."""
    ctx = mentions_with_labels(nlp, text, {"WORK": works, "PERSON": people})
    find_work_anaphors(ctx)
    film = next(t.i for t in ctx.doc if t.lower_ == "film" and t.nbor(-1).lower_ == "the")
    mention = next(m for m in ctx.mentions if m.start == film and m.how == "anaphor")
    return ctx.entities[mention.entity].name


def test_the_film_after_a_sentence_naming_one_work_is_that_work(nlp):
    text = ("Mara Quill will star in Salt Road. Tom Reddy joins Salt Road. "
            "Glass Season became a cult classic. The film starred Ada Fenn.")
    assert _anaphor_of(nlp, text, ["Salt Road", "Salt Road", "Glass Season"],
                       ["Mara Quill", "Tom Reddy", "Ada Fenn"]) == "Glass Season"


def test_the_film_after_a_sentence_naming_two_works_is_the_project_in_focus(nlp):
    # the latest work named ("Harbour Lights") is not what "the film" means
    text = ("Mara Quill will star in Salt Road. Tom Reddy joins Salt Road. "
            "We will next see her in Glass Season and Harbour Lights. The film also stars Ada Fenn.")
    assert _anaphor_of(nlp, text, ["Salt Road", "Salt Road", "Glass Season", "Harbour Lights"],
                       ["Mara Quill", "Tom Reddy", "Ada Fenn"]) == "Salt Road"


def test_the_film_after_a_work_and_the_work_it_is_based_on_is_the_adaptation(nlp):
    # "Harbour Lights", what the film is based on, is no candidate: "the film" is "Glass Season"
    text = ("Mara Quill will star in Salt Road. Tom Reddy joins Salt Road. "
            "We will next see her in Glass Season, based on Harbour Lights. The film also stars Ada Fenn.")
    assert _anaphor_of(nlp, text, ["Salt Road", "Salt Road", "Glass Season", "Harbour Lights"],
                       ["Mara Quill", "Tom Reddy", "Ada Fenn"]) == "Glass Season"


def _projects(ctx):
    """(word, entity) of each untitled-project mention, in order."""
    return [(ctx.doc[m.start].text, m.entity) for m in ctx.mentions if m.how == "untitled" and m.entity]


def test_the_next_film_from_someone_and_the_untitled_film_are_one_unscored_project(nlp):
    ctx = mentions_with_labels(nlp, "Kestrel Films has landed the next film from Tom Reddy. The untitled film "
                                    "also stars Ada Fenn. Reddy's last film was Salt Road.",
                               {"COMPANY": ["Kestrel Films"], "PERSON": ["Tom Reddy", "Ada Fenn"],
                                "WORK": ["Salt Road"]})
    projects = _projects(ctx)
    assert [word for word, _ in projects] == ["film", "film"]
    project = projects[0][1]
    assert projects[1][1] == project != ctx.keys[("work", "salt road")]
    assert ctx.entities[project].name is None and ctx.key_of(project) is None
    assert ctx.unkeyed_project(project)


@pytest.mark.parametrize("text, works", [
    ("Tom Reddy has signed for his next film, Salt Road.", ["Salt Road"]),  # the title stands beside it
    ("Tom Reddy will direct the next Salt Road film.", ["Salt Road"]),  # a new instalment: `_untitled`
    ("Salt Road is his next film.", ["Salt Road"]),  # what "is" says of Salt Road
    ("Tom Reddy made Salt Road. The next film will be shot in May.", ["Salt Road"]),  # the next: refers back
])
def test_a_work_noun_the_article_titles_or_refers_back_with_is_no_untitled_project(nlp, text, works):
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Tom Reddy"], "WORK": works})
    assert _projects(ctx) == []
    assert ctx.project is None
