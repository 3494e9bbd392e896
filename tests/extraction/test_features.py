"""Candidate features (`features.py`) that the relation and status models read."""
from labelled_context import mentions_with_labels, named_mention

from callsheet.extraction.credit_statements import credits_the_source, describes_another
from callsheet.extraction.features import lead_context, pair_features, status_features
from callsheet.extraction.grammar import occupations
from callsheet.extraction.mentions import add_implicit_works


def test_the_leads_time_words_speak_for_the_project_in_focus_far_below_it(nlp):
    text = ("Harbour Channel orders Salt Road.\n\nHarbour Channel has ordered Salt Road, a new drama.\n\n"
            "The network renewed Glass Season last year. Mara Quill stars in Salt Road. "
            "Tom Reddy starred in Glass Season.")
    ctx = mentions_with_labels(nlp, text, {"COMPANY": ["Harbour Channel", "Harbour Channel"],
                                           "WORK": ["Salt Road", "Salt Road", "Glass Season", "Salt Road",
                                                    "Glass Season"],
                                           "PERSON": ["Mara Quill", "Tom Reddy"]})
    assert "lead.new=order" in lead_context(ctx)
    assert "lead.old=renew" not in lead_context(ctx)  # "renewed" is below the lead
    mara, salt = named_mention(ctx, "Mara Quill", "PERSON"), named_mention(ctx, "Salt Road", "WORK")
    on_focus = status_features(ctx, mara, salt, ctx.sents[mara.sent])
    assert on_focus["lead.new&focus=order"] == 1.0
    tom, glass = named_mention(ctx, "Tom Reddy", "PERSON"), named_mention(ctx, "Glass Season", "WORK")
    elsewhere = status_features(ctx, tom, glass, ctx.sents[tom.sent])
    assert elsewhere["lead.new=order"] == 1.0
    assert not [name for name in elsewhere if "&focus" in name]


def test_a_link_phrases_source_alone_in_its_sentence_is_left_to_the_model(nlp):
    text = "Mara Quill will reprise her role in a sequel to Salt Road."
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Mara Quill"], "WORK": ["Salt Road"]})
    add_implicit_works(ctx)
    mara, salt = named_mention(ctx, "Mara Quill", "PERSON"), named_mention(ctx, "Salt Road", "WORK")
    assert not credits_the_source(ctx, mara, salt)
    assert pair_features(ctx, mara, salt)["o.names_source"] == 1.0


def test_a_to_clause_gives_its_subject_the_role_however_the_parser_attaches_it(nlp):
    text = "Kestrel Films has greenlit Salt Road. Mara Quill has been tapped to direct. Tom Reddy is set to star."
    ctx = mentions_with_labels(nlp, text, {"COMPANY": ["Kestrel Films"], "WORK": ["Salt Road"],
                                           "PERSON": ["Mara Quill", "Tom Reddy"]})
    add_implicit_works(ctx)
    found = {ctx.entities[p].name: roles for p, roles in occupations(ctx).items()}
    assert found["Mara Quill"] == {"v:director"}  # "direct" is an advcl of "tapped" to the parser
    assert found["Tom Reddy"] == {"v:cast"}
    for name, role in (("Mara Quill", "director"), ("Tom Reddy", "cast")):
        person = named_mention(ctx, name, "PERSON")
        on_focus = next(m for m in ctx.in_sentence(person.sent, "WORK") if m.how == "implicit")
        features = pair_features(ctx, person, on_focus)
        assert f"i.s.governing_role={role}&works=0" in features


def test_status_features_read_statement_words_about_the_work_and_the_leads_hedges(nlp):
    text = ("Mara Quill is in talks to star in Salt Road, sources said.\n\nTom Reddy will direct Salt Road. "
            "Kestrel Films announced the cast on Monday.")
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Mara Quill", "Tom Reddy"], "WORK": ["Salt Road", "Salt Road"],
                                           "COMPANY": ["Kestrel Films"]})
    tom = named_mention(ctx, "Tom Reddy", "PERSON")
    salt = next(m for m in ctx.in_sentence(tom.sent, "WORK"))
    features = status_features(ctx, tom, salt, ctx.sents[tom.sent])
    assert features["lead.hedge=sources"] == 1.0
    assert features["w.official=say"] == 1.0  # "sources said" names Salt Road too
    assert "lead.official=announce" not in features  # the announcement is not in the lead


def test_the_leads_hedges_leave_out_the_month(nlp):
    def lead(text):
        ctx = mentions_with_labels(nlp, text, {"PERSON": ["Ada Brook"], "WORK": ["Salt Road"]})
        return lead_context(ctx)
    assert "lead.hedge=may" in lead("Ada Brook May Direct Salt Road\n\nAda Brook is in talks to direct it.")
    assert "lead.hedge=may" not in lead("Ada Brook will direct Salt Road.\n\nShooting starts in May.")


def test_a_credit_pair_reads_the_persons_occupation_with_the_works_kind(nlp):
    text = "Director Rowan Pike is back. Glass Season made Pike a star."
    ctx = mentions_with_labels(nlp, text, {"PERSON": ["Rowan Pike", "Pike"], "WORK": ["Glass Season"]},
                               coref={"Pike": "Rowan Pike"})
    pike = next(m for m in ctx.mentions if m.label == "PERSON" and m.sent == 1)
    glass = named_mention(ctx, "Glass Season", "WORK")
    ctx.entities[glass.entity].kind = "film"
    f = pair_features(ctx, pike, glass)
    assert f["s.occupation=director"] == 1.0
    assert f["s.occupation=director&kind=film"] == 1.0
    assert f["o.kind=film"] == 1.0


def test_a_company_pair_reads_what_the_company_usually_is(nlp):
    text = "Salt Road is a thriller from Kestrel Films. Lumen Channel airs Glass Season."
    ctx = mentions_with_labels(nlp, text, {"WORK": ["Salt Road", "Glass Season"],
                                           "COMPANY": ["Kestrel Films", "Lumen Channel"]})
    salt, glass = named_mention(ctx, "Salt Road", "WORK"), named_mention(ctx, "Glass Season", "WORK")
    kestrel, lumen = named_mention(ctx, "Kestrel Films", "COMPANY"), named_mention(ctx, "Lumen Channel", "COMPANY")
    ctx.entities[glass.entity].kind = "tv_series"
    assert pair_features(ctx, salt, kestrel)["o.company=studio"] == 1.0
    assert pair_features(ctx, glass, lumen)["o.company=network&kind=tv_series"] == 1.0


def test_a_descriptive_title_belongs_to_the_person_it_describes_only(nlp):
    text = "Friends actress Mara Quill and Salt Road star Ada Brook will lead Glass Season."
    ctx = mentions_with_labels(nlp, text, {"WORK": ["Friends", "Salt Road", "Glass Season"],
                                           "PERSON": ["Mara Quill", "Ada Brook"]})
    friends, glass = named_mention(ctx, "Friends", "WORK"), named_mention(ctx, "Glass Season", "WORK")
    mara, ada = named_mention(ctx, "Mara Quill", "PERSON"), named_mention(ctx, "Ada Brook", "PERSON")
    assert not describes_another(ctx, mara, friends)
    assert describes_another(ctx, ada, friends)
    assert not describes_another(ctx, ada, glass)  # not a descriptive title
    assert status_features(ctx, mara, friends, ctx.sents[0])["work.describes_person"] == 1.0
    assert "work.describes_person" not in status_features(ctx, mara, glass, ctx.sents[0])


def test_a_company_after_any_noun_naming_a_kind_of_work_and_from_is_cued_a_studio(nlp):
    text = ("Salt Road, a survival western from Kestrel Films, opens soon. Glass Season is one of the comedies "
            "from Lumen Pictures. A spokesman from Harbour Media declined to comment on Salt Road.")
    ctx = mentions_with_labels(nlp, text, {"WORK": ["Salt Road", "Glass Season", "Salt Road"],
                                           "COMPANY": ["Kestrel Films", "Lumen Pictures", "Harbour Media"]})
    salt, glass = named_mention(ctx, "Salt Road", "WORK"), named_mention(ctx, "Glass Season", "WORK")
    kestrel, lumen = named_mention(ctx, "Kestrel Films", "COMPANY"), named_mention(ctx, "Lumen Pictures", "COMPANY")
    harbour = named_mention(ctx, "Harbour Media", "COMPANY")
    assert pair_features(ctx, salt, kestrel)["cue.company=studio"] == 1.0  # "western": a title cue
    assert pair_features(ctx, glass, lumen)["cue.company=studio"] == 1.0  # a plural
    later_salt = next(m for m in ctx.mentions if m.entity == salt.entity and m.sent == 2)
    assert "cue.company=studio" not in pair_features(ctx, later_salt, harbour)  # a spokesman is no work
    shown = mentions_with_labels(nlp, "Salt Road is a hit, and they want to show from Kestrel Films too.",
                                 {"WORK": ["Salt Road"], "COMPANY": ["Kestrel Films"]})
    assert "cue.company=studio" not in pair_features(shown, named_mention(shown, "Salt Road", "WORK"),
                                                     named_mention(shown, "Kestrel Films", "COMPANY"))
