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


def test_every_line_break_starts_a_sentence_and_nothing_else_is_decided():
    nlp = spacy.blank("en")
    doc = LineBreaks("b")(nlp("Kestrel casts Iron Tide\n\nNora Vale will star. She is thrilled.\nMore."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Kestrel", "Nora", "More"]
    she = next(t for t in doc if t.text == "She")
    assert she.is_sent_start is None  # left for the parser
