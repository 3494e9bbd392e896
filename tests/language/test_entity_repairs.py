"""The rule repairs of the recogniser's entities, on hand-made docs (no model)."""
import spacy
from spacy.tokens import Span

from callsheet.language.base_entities import BASE_ENTS_KEY
from callsheet.language.entity_repairs import EntityRepairs, quoted_spans
from callsheet.language.line_breaks import LineBreaks


def doc_with(text, ents=(), base=()):
    nlp = spacy.blank("en")
    doc = nlp(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    doc.spans[BASE_ENTS_KEY] = [Span(doc, s, e, label=label) for s, e, label in base]
    return doc


def test_a_quoted_title_cut_at_its_comma_becomes_one_work():
    doc = doc_with("His novel, “Bright Lights, Big City,” was filmed.", ents=[(4, 6, "WORK"), (7, 9, "WORK")])
    repaired = EntityRepairs("r")(doc)
    assert [(e.text, e.label_) for e in repaired.ents] == [("Bright Lights, Big City", "WORK")]


def test_speech_in_quotes_is_never_made_a_title():
    doc = doc_with('She said it was "full force ahead" for Iron Tide.', ents=[(10, 12, "WORK")])
    assert quoted_spans(doc) == []
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [("Iron Tide", "WORK")]


def test_a_full_name_only_the_base_recogniser_saw_is_a_person():
    doc = doc_with("Max Mayer wrote and directed Adam.", ents=[(5, 6, "WORK")], base=[(0, 2, "PERSON")])
    assert ("Max Mayer", "PERSON") in {(e.text, e.label_) for e in EntityRepairs("r")(doc).ents}


def test_the_base_recogniser_never_overrides_a_trade_label():
    doc = doc_with("Kestrel Pictures backs it.", ents=[(0, 2, "COMPANY")], base=[(0, 2, "PERSON")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [("Kestrel Pictures", "COMPANY")]


def test_a_name_ending_in_a_company_word_is_a_company():
    doc = doc_with("Lava Bear Films made it.", ents=[(0, 3, "WORK")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [("Lava Bear Films", "COMPANY")]


def test_a_company_cut_short_before_its_company_words_is_the_whole_name():
    doc = doc_with("Kestrel Pictures Classics and Lumen TV bought it from Plan B Entertainment.",
                   ents=[(0, 1, "COMPANY"), (4, 5, "COMPANY"), (9, 10, "COMPANY")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Kestrel Pictures Classics", "COMPANY"), ("Lumen TV", "COMPANY"), ("Plan B Entertainment", "COMPANY")]


def test_a_company_keeps_its_name_where_what_follows_is_no_company_word_or_another_name():
    doc = doc_with("Lumen Europe and Kestrel Films Rowan Pike met Harbour.\nStudios agreed.",
                   ents=[(0, 1, "COMPANY"), (3, 4, "COMPANY"), (5, 7, "PERSON"), (8, 9, "COMPANY")])
    assert [e.text for e in EntityRepairs("r")(doc).ents] == ["Lumen", "Kestrel Films", "Rowan Pike", "Harbour"]
    headline = doc_with("Netflix Taps Kestrel Films For Salt Road; BBC TV airs it", ents=[(0, 1, "COMPANY"), (8, 9, "COMPANY")])
    assert [e.text for e in EntityRepairs("r")(headline).ents] == ["Netflix", "BBC"]


def test_every_line_break_starts_a_sentence_and_nothing_else_is_decided():
    nlp = spacy.blank("en")
    doc = LineBreaks("b")(nlp("Kestrel casts Iron Tide\n\nNora Vale will star. She is thrilled.\nMore."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Kestrel", "Nora", "More"]
    she = next(t for t in doc if t.text == "She")
    assert she.is_sent_start is None  # left for the parser


def test_a_title_in_brackets_after_a_persons_name_is_a_work():
    doc = doc_with("Rowan Pike (Glass Season) and Ada Brook (Dunmore, “Salt Road”) will star.",
                   ents=[(0, 2, "PERSON"), (3, 5, "COMPANY"), (7, 9, "PERSON"), (10, 11, "PERSON")],
                   base=[(0, 2, "PERSON"), (7, 9, "PERSON")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Rowan Pike", "PERSON"), ("Glass Season", "WORK"), ("Ada Brook", "PERSON"), ("Dunmore", "WORK"),
        ("Salt Road", "WORK")]


def test_a_bracket_keeps_known_companies_characters_places_and_what_is_no_title():
    doc = doc_with("Ada Brook (Lumen Films) joins Tom Reed (Captain Hale), Mara Quill (Lisbon), "
                   "Iris Nakamura (pictured) and Nora Vale (Salt Road and Glass Season).",
                   ents=[(0, 2, "PERSON"), (3, 5, "COMPANY"), (7, 9, "PERSON"), (10, 12, "CHARACTER"),
                         (14, 16, "PERSON"), (17, 18, "PLACE"), (20, 22, "PERSON"), (26, 28, "PERSON")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Ada Brook", "PERSON"), ("Lumen Films", "COMPANY"), ("Tom Reed", "PERSON"), ("Captain Hale", "CHARACTER"),
        ("Mara Quill", "PERSON"), ("Lisbon", "PLACE"), ("Iris Nakamura", "PERSON"), ("Nora Vale", "PERSON")]


def test_a_bracket_after_anything_but_a_persons_full_name_is_left_alone():
    doc = doc_with("The president (Tom Reed) calls on Glass Season (Kestrel). Jen (Ada Brook) leaves.",
                   ents=[(3, 5, "PERSON"), (8, 10, "WORK"), (11, 12, "COMPANY"), (14, 15, "PERSON"),
                         (16, 18, "PERSON")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Tom Reed", "PERSON"), ("Glass Season", "WORK"), ("Kestrel", "COMPANY"), ("Jen", "PERSON"),
        ("Ada Brook", "PERSON")]


def test_characters_agencies_tags_and_other_names_in_brackets_stay_what_they_are():
    text = ("Ada Brook (Nora), Tom Reed (CAA), Mara Quill (EXCLUSIVE), Iris Nakamura (London), "
            "Nora Vale (Kestrel Films), Ben Ruiz (The), Ana Ruiz (Glass Season. Tom Reed) and Ruth Lane (R).")
    ents = [(0, 2, "PERSON"), (3, 4, "PERSON"), (6, 8, "PERSON"), (9, 10, "COMPANY"), (12, 14, "PERSON"),
            (18, 20, "PERSON"), (24, 26, "PERSON"), (31, 33, "PERSON"), (37, 39, "PERSON"), (47, 49, "PERSON")]
    doc = doc_with(text, ents=ents, base=[(3, 4, "PERSON"), (21, 22, "GPE")])
    repaired = EntityRepairs("r")(doc)
    assert [(e.start, e.end, e.label_) for e in repaired.ents] == ents


def test_a_place_right_after_a_noun_naming_a_kind_of_work_is_a_work():
    doc = doc_with("They will film the novel Salt Road in Lisbon.\nDrama\nDublin calls.",
                   ents=[(5, 7, "PLACE"), (8, 9, "PLACE"), (13, 14, "PLACE")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Salt Road", "WORK"), ("Lisbon", "PLACE"), ("Dublin", "PLACE")]


def test_a_company_no_table_knows_before_a_credit_word_and_a_person_is_the_title_describing_them():
    text = ("Salt Road director Rowan Pike joins. Kestrel Films director Ada Brook, Netflix star Tom Reed and "
            "Glass Season star quit. Night Ferry\nstar Mara Quill. Marvel star Ana Bell.")
    doc = doc_with(text, ents=[(0, 2, "COMPANY"), (3, 5, "PERSON"), (7, 9, "COMPANY"), (10, 12, "PERSON"),
                               (13, 14, "COMPANY"), (15, 17, "PERSON"), (18, 20, "COMPANY"), (23, 25, "COMPANY"),
                               (27, 29, "PERSON"), (30, 31, "COMPANY"), (32, 34, "PERSON")])
    doc.ents = [Span(doc, e.start, e.end, label=e.label_, span_id="netflix" if e.text == "Netflix" else "")
                for e in doc.ents]
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents if e.label_ != "PERSON"] == [
        ("Salt Road", "WORK"),  # no table knows it
        ("Kestrel Films", "COMPANY"), ("Netflix", "COMPANY"),  # a company word; a company the table knows
        ("Glass Season", "COMPANY"), ("Night Ferry", "COMPANY"),  # no person after; the credit word on the next line
        ("Marvel", "COMPANY")]  # one word: as often a brand no table knows


def test_a_person_in_quote_marks_right_after_a_kind_noun_is_a_work():
    doc = doc_with("He will voice the video game 'Don Game' and 'Ada Brook' too, as the films' Tom Reed did.",
                   ents=[(7, 9, "PERSON"), (12, 14, "PERSON"), (21, 23, "PERSON")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Don Game", "WORK"), ("Ada Brook", "PERSON"), ("Tom Reed", "PERSON")]  # a possessive's mark is no quote


def test_a_person_right_after_a_lower_case_noun_naming_a_kind_of_work_is_a_work():
    doc = doc_with("She starred in the romantic thriller Glass Season with Ada Brook. Big Thriller Tom Reed Returns.",
                   ents=[(6, 8, "PERSON"), (9, 11, "PERSON"), (14, 16, "PERSON")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Glass Season", "WORK"), ("Ada Brook", "PERSON"), ("Tom Reed", "PERSON")]


def test_an_apposed_title_whose_start_is_unsure_is_left_alone():
    doc = doc_with("She adapted Ada Brook and Salt Road, a novel, for the stage.", ents=[(2, 4, "PERSON")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [("Ada Brook", "PERSON")]


def test_a_title_in_apposition_with_a_kind_of_work_is_a_work():
    text = ("Lumen gave an order to Glass Season, a single-camera comedy from Ada Brook. "
            "ITV commissioned Salt Road, a new five-part drama from Lumen. "
            "Meanwhile, a film is planned. It stars Tom Reed, a drama veteran.")
    doc = doc_with(text, ents=[(0, 1, "COMPANY"), (14, 16, "PERSON"), (17, 18, "COMPANY"), (19, 21, "PERSON"),
                               (29, 30, "COMPANY"), (40, 42, "PERSON")],
                   base=[])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Lumen", "COMPANY"), ("Glass Season", "WORK"), ("Ada Brook", "PERSON"), ("ITV", "COMPANY"),
        ("Salt Road", "WORK"), ("Lumen", "COMPANY"), ("Tom Reed", "PERSON")]


def test_an_apposition_that_names_no_work_or_a_subject_after_a_place_leave_names_alone():
    text = ("Lumen, an animation studio, grew. Filming moved to Atlanta, a film production hub. "
            "In Toronto, a documentary about it premiered.")
    doc = doc_with(text, ents=[(0, 1, "COMPANY"), (11, 12, "PLACE"), (19, 20, "PLACE")])
    doc[15].pos_ = "NOUN"  # production
    doc[22].dep_ = "nsubj"  # documentary
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [
        ("Lumen", "COMPANY"), ("Atlanta", "PLACE"), ("Toronto", "PLACE")]


def test_a_person_after_a_kind_noun_used_as_a_verb_or_before_a_verb_stays_a_person():
    doc = doc_with("Ada Brook will play Tom Reed. In the film Nora Vale stars.",
                   ents=[(0, 2, "PERSON"), (4, 6, "PERSON"), (10, 12, "PERSON")])
    doc[3].pos_ = "VERB"
    doc[12].pos_ = "VERB"
    assert [e.label_ for e in EntityRepairs("r")(doc).ents] == ["PERSON", "PERSON", "PERSON"]


def test_a_quoted_title_is_that_work_wherever_its_words_recur_unquoted():
    text = "Talks for a 'Salt Road Reunion' sequel. Salt Road Reunion (1997) became a classic. Salt Road Reunion Tour ends."
    doc = doc_with(text)
    title = next(q for q in quoted_spans(doc))
    second = next(i for i in range(title.end, len(doc)) if doc[i].text == "Salt")
    doc.ents = [Span(doc, title.start, title.end, label="WORK"), Span(doc, second + 2, second + 3, label="PLACE")]
    third = next(i for i in range(second + 1, len(doc)) if doc[i].text == "Salt")
    doc.ents = list(doc.ents) + [Span(doc, third, third + 4, label="EVENT")]
    repaired = [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents]
    assert repaired == [("Salt Road Reunion", "WORK"), ("Salt Road Reunion", "WORK"), ("Salt Road Reunion Tour", "EVENT")]


def test_a_title_cut_short_is_the_longer_title_the_article_names_where_its_words_go_on():
    text = "Lumen ordered One of Us is Lying and more. One Of Us Is Lying is a drama. One of Us is here."
    doc = doc_with(text, ents=[(2, 5, "WORK"), (10, 15, "WORK"), (19, 22, "WORK")])
    repaired = [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents]
    assert repaired == [("One of Us is Lying", "WORK"), ("One Of Us Is Lying", "WORK"), ("One of Us", "WORK")]


def test_a_longer_title_never_swallows_another_entity_or_words_no_title_has():
    text = "Salt Road Lena Marr stars. Salt Road Lena Marr is a film. Salt Road in April."
    doc = doc_with(text, ents=[(0, 2, "WORK"), (2, 4, "PERSON"), (6, 10, "WORK"), (14, 16, "WORK")])
    repaired = [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents]
    assert repaired == [("Salt Road", "WORK"), ("Lena Marr", "PERSON"), ("Salt Road Lena Marr", "WORK"),
                        ("Salt Road", "WORK")]
    lower = doc_with("Salt Road season two ends. Salt Road season two begins.", ents=[(0, 3, "WORK"), (6, 8, "WORK")])
    assert [e.text for e in EntityRepairs("r")(lower).ents] == ["Salt Road season", "Salt Road"]


def test_a_one_word_quoted_title_does_not_spread():
    doc = doc_with("He will star in 'Tolkien'. Tolkien wrote the novels.")
    doc.ents = [Span(doc, 5, 6, label="WORK"), Span(doc, 8, 9, label="PERSON")]
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [("Tolkien", "WORK"), ("Tolkien", "PERSON")]


def test_a_character_right_after_a_lower_case_kind_noun_is_a_work():
    doc = doc_with("He starred in the comedy Dana Cole opposite his brother.", ents=[(5, 7, "CHARACTER")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(doc).ents] == [("Dana Cole", "WORK")]
    played = doc_with("He played the villain Dana Cole opposite his brother.", ents=[(4, 6, "CHARACTER")])
    assert [(e.text, e.label_) for e in EntityRepairs("r")(played).ents] == [("Dana Cole", "CHARACTER")]
