"""An article's extraction context with the recogniser's spans and
coreference fixed by hand, so that tests of the rules downstream do not
depend on what the shipped model happens to recognise."""
from spacy.tokens import Span

from callsheet.extraction.relations import COMPONENT, prepare
from callsheet.schema import Article


def mentions_with_labels(nlp, text: str, labels: dict[str, list[str]], coref: dict[str, str] | None = None,
                         published: str | None = None):
    """The article's context after `find_mentions`, with the recogniser's
    spans replaced by `labels` (label → the words it covers, in order; each
    takes the first place its words occur that no earlier label covers) and
    coreference by `coref` (a word → the full name it stands for); dates
    resolve against `published`."""
    article = Article(id="t", text=text, published=published)
    with nlp.select_pipes(disable=[COMPONENT]):
        doc = nlp(text)
    doc._.article = article
    spans, taken = [], set()
    for label, phrases in labels.items():
        for phrase in phrases:
            words = phrase.split()
            for tok in doc:
                end = tok.i + len(words)
                if [t.text for t in doc[tok.i:end]] == words and taken.isdisjoint(range(tok.i, end)):
                    spans.append(Span(doc, tok.i, end, label=label))
                    taken.update(range(tok.i, end))
                    break
    doc.ents = spans
    doc._.coref = {tok.i: name for word, name in (coref or {}).items() for tok in doc if tok.text == word}
    doc._.coref_plural = {}
    return prepare(doc, article)


def named_mention(ctx, name: str, label: str):
    """The mention by its full name (`how == "name"`) of the entity called `name`, with this label."""
    entity = next(e.id for e in ctx.entities.values() if e.name == name)
    return next(m for m in ctx.mentions if m.entity == entity and m.label == label and m.how == "name")
