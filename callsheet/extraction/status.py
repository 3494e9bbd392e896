"""How firm a credit is, read from the words that govern it.

The status phrase table (data/statuses.tsv) is matched over the clause that
links the person to the role word; with no phrase, a past or present credit is
`credited`. A future credit becomes `confirmed` when the article reports an
official statement: a confirm/announce verb, or the person (or the project's
producer) speaking on the record, unless the sentence hedges ("expected to",
"according to reports").
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from callsheet.extraction.vocabulary import StatusPhrase

HEDGES = {"expected", "reportedly", "reports", "report", "sources", "source", "understood",
          "thought", "rumoured", "rumored", "believed", "could", "may", "might", "linked"}
SPEECH_VERBS = {"say", "tell", "add", "explain", "admit", "reveal", "insist", "confirm",
                "announce", "state"}
PAST_MARKERS = {"last", "previously", "earlier", "ago", "once"}
CLAUSE_DEPS = {"xcomp", "conj", "advcl", "acl", "relcl", "ccomp", "pcomp", "prep", "pobj", "attr",
               "dobj", "amod", "appos", "oprd", "advmod", "prt", "acomp"}


def clause_window(subject: Token | None, trigger: Token) -> list[Token]:
    """The words between the person and the role word, plus the auxiliaries and
    governing verbs of the role word up to its clause's head."""
    sent = trigger.sent
    tokens: dict[int, Token] = {}
    if subject is not None and subject.sent == sent:
        lo, hi = sorted((subject.i, trigger.i))
        for t in sent.doc[lo:hi + 1]:
            tokens[t.i] = t
    head = trigger
    for _ in range(6):
        tokens[head.i] = head
        for child in head.children:
            if child.dep_ in ("aux", "auxpass", "neg", "prt", "advmod", "acomp", "prep") and \
                    (child.dep_ != "prep" or child.i < trigger.i):
                tokens[child.i] = child
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        tokens[grand.i] = grand
        if head.dep_ not in CLAUSE_DEPS or head.head.i == head.i:
            break
        head = head.head
    tokens[head.i] = head
    for child in head.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt"):
            tokens[child.i] = child
    return [tokens[i] for i in sorted(tokens)]


def match_status(window: list[Token], phrases: tuple[StatusPhrase, ...]) -> str | None:
    texts = [t.lower_ for t in window]
    lemmas = [t.lemma_.lower() for t in window]
    for phrase in phrases:  # strongest first
        seq = lemmas if phrase.by_lemma else texts
        n = len(phrase.words)
        for i in range(len(seq) - n + 1):
            if tuple(seq[i:i + n]) == phrase.words:
                return phrase.status
    return None


def hedged(sent: Span) -> bool:
    return any(t.lower_ in HEDGES for t in sent) or "according to" in sent.text.lower()


def speakers(ctx) -> set[str]:
    """People the article quotes on the record about the present."""
    found: set[str] = set()
    for tok in ctx.doc:
        if tok.lemma_.lower() not in SPEECH_VERBS or tok.pos_ != "VERB":
            continue
        if any(t.lower_ in PAST_MARKERS for t in tok.sent):
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                person = ctx.resolve_person(child)
                if person:
                    found.add(person)
    return found


def official(sent: Span) -> bool:
    return any(t.lemma_.lower() in ("confirm", "announce") for t in sent)
