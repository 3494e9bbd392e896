"""The shipped pipeline's language layer on made-up phrasing: line breaks,
the learned recogniser's titles and names, the trade-name ruler and person
coreference."""


def parse(nlp, text):
    with nlp.select_pipes(disable=["callsheet_relations"]):
        return nlp(text)


def ents(nlp, text):
    return {(e.text, e.label_) for e in parse(nlp, text).ents}


def test_pipeline_has_callsheet_components_in_order(nlp):
    names = nlp.pipe_names
    assert names.index("callsheet_line_breaks") < names.index("parser")
    assert names.index("ner") < names.index("callsheet_base_entities") < names.index("callsheet_ner")
    assert names.index("callsheet_ner") < names.index("callsheet_trade_names") < names.index("callsheet_coref")
    assert names[-1] == "callsheet_relations"


def test_a_line_break_ends_a_sentence(nlp):
    doc = parse(nlp, "Kestrel casts Salt Road\n\nNora Vale will star in the film. It opens in May.")
    assert [s.text.strip() for s in doc.sents] == ["Kestrel casts Salt Road", "Nora Vale will star in the film.",
                                                   "It opens in May."]


def test_the_base_recognisers_dates_are_kept_beside_callsheets_entities(nlp):
    doc = parse(nlp, "Nora Vale will star in 'Salt Road', shooting in Lisbon in April 2025.")
    assert ("April 2025", "DATE") in {(s.text, s.label_) for s in doc.spans["base_ents"]}
    assert ("Lisbon", "PLACE") in {(e.text, e.label_) for e in doc.ents}


def test_they_after_a_coordinated_subject_means_both(nlp):
    doc = parse(nlp, "Ana Ruiz and Ben Ruiz are back. They will direct the sequel.")
    plural = {doc[i].text: names for i, names in doc._.coref_plural.items()}
    assert plural["They"] == ["Ana Ruiz", "Ben Ruiz"]


def test_trade_names_keep_studios_whole_and_canonical_awards(nlp):
    doc = parse(nlp, "Tim Federle is expected to direct the 20th Century Studios project. Oscar winner Mira Sorvino agreed.")
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("20th Century Studios", "COMPANY", "20th Century Studios") in found
    assert ("Oscar", "AWARD", "Academy Award") in found


def test_festival_sections_are_events_not_titles(nlp):
    found = ents(nlp, "Mara Quill's Salt Road played in Directors\u2019 Fortnight, and Glass Season in Un Certain "
                      "Regard, before both went to the Berlinale.")
    assert {("Directors\u2019 Fortnight", "EVENT"), ("Un Certain Regard", "EVENT"), ("Berlinale", "EVENT")} <= found
    assert not {text for text, label in found if label == "WORK"} & {"Fortnight", "Directors", "Regard"}


def test_a_broadcasters_station_is_one_company_not_the_broadcaster_and_a_title(nlp):
    found = ents(nlp, "The song was played on BBC Radio 1 and Radio 2, and the BBC World Service reported it.")
    assert {("BBC Radio 1", "COMPANY"), ("Radio 2", "COMPANY"), ("BBC World Service", "COMPANY")} <= found
    assert ("BBC", "COMPANY") not in found


def test_titles_from_quotes_cues_years_and_descriptors(nlp):
    found = ents(nlp, "The movie Romy and Michele’s High School Reunion (1997) starred Friends actress "
                      "Lisa Kudrow. 'Emily in Paris' showrunner Robin Schiff returns. "
                      "He appeared in the medical sitcom Scrubs.")
    assert ("Romy and Michele’s High School Reunion", "WORK") in found
    assert ("Friends", "WORK") in found
    assert ("Emily in Paris", "WORK") in found
    assert ("Scrubs", "WORK") in found
    assert ("Lisa Kudrow", "PERSON") in found


def test_speech_in_quotes_is_no_title(nlp):
    found = ents(nlp, "She admitted it was 'full force ahead' regarding a sequel.")
    assert not any(label == "WORK" for _, label in found)


def test_a_title_is_found_again_where_it_is_repeated(nlp):
    doc = parse(nlp, "Colin Farrell will appear in the sitcom Scrubs. Scrubs is shown on NBC.")
    assert [e.text for e in doc.ents if e.label_ == "WORK"] == ["Scrubs", "Scrubs"]


def test_coreference_maps_surnames_and_pronouns_to_full_names(nlp):
    doc = parse(nlp, "Lisa Kudrow returns to the role. Kudrow said she was thrilled.")
    names = {doc[i].text: name for i, name in doc._.coref.items()}
    assert names["Kudrow"] == "Lisa Kudrow"
    assert names["she"] == "Lisa Kudrow"


def works(nlp, text):
    return [e.text for e in parse(nlp, text).ents if e.label_ == "WORK"]


def test_genre_noun_vouches_for_a_title_spacy_calls_a_person_or_place(nlp):
    assert "Harbour Lights" in works(nlp, "She was cast in the seaside drama Harbour Lights last year.")
    assert "Dana Cole" in works(nlp, "He starred in the comedy Dana Cole opposite his brother.")


def test_capital_the_and_credit_phrases_start_titles(nlp):
    found = works(nlp, "Mara Quint won praise for her role in The Glass Orchard and later "
                       "appeared in Paper Lanterns.")
    assert "The Glass Orchard" in found
    assert "Paper Lanterns" in found


def test_lists_after_such_as_split_at_the_last_and(nlp):
    found = works(nlp, "He had roles in films such as Paper Lanterns, Cold Harbour and Night Train.")
    assert found == ["Paper Lanterns", "Cold Harbour", "Night Train"]


def test_apposition_with_a_genre_noun_names_the_title(nlp):
    found = works(nlp, "Dune Riders Two, the space caper sequel starring Ana Bell, opened on Friday.")
    assert found == ["Dune Riders Two"]


def test_a_place_after_a_loose_cue_stays_a_place(nlp):
    assert works(nlp, "The actress has appeared in London many times.") == []


def test_one_word_award_before_a_surname_is_a_given_name(nlp):
    found = ents(nlp, "Music mogul Tony Wilson will produce. The play won a Tony last year.")
    assert ("Tony Wilson", "PERSON") in found
    assert ("Tony", "AWARD") in found


def test_hyphenated_role_words_stay_one_token(nlp):
    doc = parse(nlp, "His co-producer, Ana Bell, has guest-starred in it.")
    assert "co-producer" in [t.text for t in doc]
    assert "guest-starred" in [t.text for t in doc]


def test_company_kind_comes_from_the_name_table_else_the_last_word():
    from callsheet.language.trade_names import company_kind
    assert company_kind("Netflix") == "streamer"
    assert company_kind("Kestrel Films") == "studio"
    assert company_kind("Lumen Channel") == "network"
    assert company_kind("Bad Wolf Productions") == "producer"
    assert company_kind("Kestrel") is None
    assert company_kind("") is None


def _repaired(nlp, text, company):
    from spacy.tokens import Span
    doc = nlp.make_doc(text)
    start = next(t.i for t in doc if doc[t.i:t.i + len(company.split())].text == company)
    doc.ents = [Span(doc, start, start + len(company.split()), label="COMPANY")]
    return [(e.text, e.label_) for e in nlp.get_pipe("callsheet_entity_repairs")(doc).ents]


def test_a_company_no_table_knows_after_a_phrase_naming_a_work_is_a_work(nlp):
    assert _repaired(nlp, "She later appeared in Paper Lanterns.", "Paper Lanterns") == [("Paper Lanterns", "WORK")]
    assert _repaired(nlp, "The production is called Static Hearts.", "Static Hearts") == [("Static Hearts", "WORK")]
    assert _repaired(nlp, "He had a role in the Glass Season.", "Glass Season") == [("Glass Season", "WORK")]
    # a company word, a possessive, or no cue at all leave it a company
    assert _repaired(nlp, "She appeared in Kestrel Films thrillers.", "Kestrel Films") == [("Kestrel Films", "COMPANY")]
    assert _repaired(nlp, "She appeared in Lumen's thriller.", "Lumen") == [("Lumen", "COMPANY")]
    assert _repaired(nlp, "Paper Lanterns hired her.", "Paper Lanterns") == [("Paper Lanterns", "COMPANY")]


def _with_base_person(nlp, text, surname):
    from spacy.tokens import Span

    from callsheet.language.base_entities import BASE_ENTS_KEY
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name in ("tok2vec", "tagger", "callsheet_line_breaks", "parser", "attribute_ruler"):
            doc = component(doc)
    at = next(t.i for t in doc if t.text == surname)
    doc.spans[BASE_ENTS_KEY] = [Span(doc, at, at + 1, label="PERSON")]
    doc.ents = []
    return [(e.text, e.label_) for e in nlp.get_pipe("callsheet_entity_repairs")(doc).ents]


def test_a_surname_the_base_recogniser_saw_takes_the_given_name_before_it(nlp):
    assert _with_base_person(nlp, "News\n\nComposer Iris Nakamura has been hired.", "Nakamura") == [
        ("Iris Nakamura", "PERSON")]
    assert _with_base_person(nlp, "The sequel is set. Nakamura will score it.", "Nakamura") == []
    assert _with_base_person(nlp, "It is done. Composer Nakamura will score it.", "Nakamura") == []
    # one given name only, never the headline's other capitalised words
    assert _with_base_person(nlp, "Lantern Hires Composer Iris Nakamura", "Nakamura") == [("Iris Nakamura", "PERSON")]
    assert _with_base_person(nlp, "Lantern Hires Composer Nakamura", "Nakamura") == []


def test_a_studio_called_so_is_a_company(nlp):
    assert _repaired(nlp, "She runs a studio called Harbor Light.", "Harbor Light") == [("Harbor Light", "COMPANY")]
    assert _repaired(nlp, "Her film is called Harbor Light.", "Harbor Light") == [("Harbor Light", "WORK")]
