"""Mentions found from the recogniser's spans (`mentions.find_mentions`)."""
from spacy.tokens import Span

from callsheet.extraction.relations import COMPONENT, prepare
from callsheet.schema import Article


def mentions_with_labels(nlp, text: str, labels: dict[str, list[str]]):
    """The article's context after `find_mentions`, with the recogniser's
    spans replaced by `labels` (label → the words it covers, in order)."""
    article = Article(id="t", text=text)
    with nlp.select_pipes(disable=[COMPONENT]):
        doc = nlp(text)
    doc._.article = article
    spans, taken = [], set()
    for label, phrases in labels.items():
        for phrase in phrases:
            words = phrase.split()
            for tok in doc:
                end = tok.i + len(words)
                if [t.text for t in doc[tok.i:end]] == words and tok.i not in taken:
                    spans.append(Span(doc, tok.i, end, label=label))
                    taken.add(tok.i)
                    break
    doc.ents = spans
    return prepare(doc, article)


def test_a_name_the_recogniser_types_two_ways_is_one_entity_of_its_usual_type(nlp):
    ctx = mentions_with_labels(nlp, "Velvet Harbour sold out Leeds. Fans say Velvet Harbour never disappoints. "
                                    "Velvet Harbour will tour again in May.",
                               {"PERSON": ["Velvet Harbour", "Velvet Harbour"], "WORK": ["Velvet Harbour"]})
    named = [e for e in ctx.entities.values() if e.name == "Velvet Harbour"]
    assert [e.type for e in named] == ["person"]
    mentions = [m for m in ctx.mentions if m.how in ("name", "alias") and m.label in ("PERSON", "WORK")]
    assert {(m.label, m.entity) for m in mentions} == {("PERSON", named[0].id)}
    assert len(mentions) == 3


def test_different_names_keep_their_own_types(nlp):
    ctx = mentions_with_labels(nlp, "Mara Quill stars in Velvet Harbour. Velvet Harbour opens in May.",
                               {"PERSON": ["Mara Quill"], "WORK": ["Velvet Harbour", "Velvet Harbour"]})
    types = {e.name: e.type for e in ctx.entities.values() if e.name in ("Mara Quill", "Velvet Harbour")}
    assert types == {"Mara Quill": "person", "Velvet Harbour": "work"}
