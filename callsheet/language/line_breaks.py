"""A line break ends a sentence: headlines, datelines and paragraphs of news
copy never run on into the next line, but spaCy's parser does not know it and
would parse a headline and the lead as one sentence. This component, placed
before the parser, marks the first word after every line break as a sentence
start (and decides nothing else), so the parser respects it."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreaks:
    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[1:]:
            previous = doc[tok.i - 1]
            if not tok.is_space and ("\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)):
                tok.is_sent_start = True
        return doc


@Language.factory("callsheet_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks(name)
