"""Facts about people beyond credits: awards won, outlets they spoke to, and
the attribution of claims to outlets ("Sources told The Hollywood Reporter")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from callsheet.extraction.context import Context

WIN_WORDS = {"winner", "winning", "-winning", "win", "won"}
SPEECH = {"tell", "speak", "say", "talk"}
ATTRIBUTING_SUBJECTS = {"sources", "source", "insiders", "insider", "reports", "report"}


def _person_near(ctx: Context, start: int, limit: int = 4) -> str | None:
    for j in range(start, min(len(ctx.doc), start + limit)):
        tok = ctx.doc[j]
        person = ctx.resolve_person(tok)
        if person:
            return person
        if tok.pos_ in ("VERB", "AUX", "ADP") or tok.is_punct and tok.text != "-":
            return None
    return None


def find_awards(ctx: Context) -> None:
    for span in ctx.doc.ents:
        if span.label_ != "AWARD":
            continue
        award = ctx.span_entity(span)
        sent = span.sent
        nxt = span.end
        if nxt < len(ctx.doc) and ctx.doc[nxt].text == "-":
            nxt += 1
        if nxt < len(ctx.doc) and ctx.doc[nxt].lower_ in ("winner", "winning"):
            person = _person_near(ctx, nxt + 1) or ctx.resolve_person(ctx.doc[nxt])
            if person:
                ctx.add(person, "award", ctx.evidence(sent), obj=award, confidence=0.85, sent=sent)
            continue
        verb = span.root.head
        if span.root.dep_ in ("compound", "amod", "nmod"):
            verb = verb.head
        if verb.lemma_.lower() != "win" or any(t.lemma_.lower() == "nominate" for t in sent):
            continue
        people = [c for c in verb.children if c.dep_ in ("nsubj", "dative", "dobj") and c.i != span.root.i]
        if verb.dep_ in ("advcl", "xcomp", "ccomp") and not people:
            people = [c for c in verb.head.children if c.dep_ == "nsubj"]
        for p_tok in people:
            person = ctx.resolve_person(p_tok)
            if person:
                ctx.add(person, "award", ctx.evidence(sent), obj=award, confidence=0.75, sent=sent)
                break


def _outlet_in(ctx: Context, tok: Token) -> str | None:
    for t in tok.subtree:
        span = ctx.ent_at.get(t.i)
        if span is not None:
            ent = ctx.span_entity(span)
            if ctx.entity_type(ent) == "outlet":
                return ent
        if t.lower_ in ("magazine", "newspaper", "paper") and any(c.lower_ == "the" for c in t.children):
            outlets = [e for e in ctx.entities.values() if e.type == "outlet"]
            if outlets:
                return outlets[-1].id
    return None


def find_quotes(ctx: Context) -> None:
    for tok in ctx.doc:
        if tok.lemma_.lower() not in SPEECH or tok.pos_ != "VERB":
            continue
        outlet = None
        for c in tok.children:
            if c.dep_ in ("dobj", "dative"):
                outlet = outlet or _outlet_in(ctx, c)
            elif c.dep_ == "prep" and c.lower_ in ("to", "with"):
                outlet = outlet or _outlet_in(ctx, c)
        if outlet is None:
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        sent = tok.sent
        for s in subjects:
            if s.lower_ in ATTRIBUTING_SUBJECTS:
                ctx.attribution[sent.start] = outlet
                continue
            person = ctx.resolve_person(s)
            if person:
                ctx.add(person, "quoted_in", _quote_evidence(ctx, s, tok, sent), obj=outlet,
                        confidence=0.85, sent=sent)


def _quote_evidence(ctx: Context, subject: Token, verb: Token, sent: Span) -> str:
    end = max(t.i for t in verb.subtree if t.dep_ != "ccomp" and t.i >= verb.i and
              not any(a.dep_ == "ccomp" for a in t.ancestors if a.i > verb.i)) + 1
    start = min(subject.left_edge.i, verb.i)
    text = ctx.doc[start:min(end, sent.end)].text.rstrip(":, ")
    return text or sent.text


def find_attributions(ctx: Context) -> None:
    """Sentence by sentence: which outlet, if any, the claims are credited to."""
    for sent in ctx.doc.sents:
        low = sent.text.lower()
        for span in sent.ents:
            if span.label_ not in ("OUTLET", "ORG"):
                continue
            outlet = ctx.span_entity(span)
            if ctx.entity_type(outlet) != "outlet":
                continue
            window = ctx.doc[max(sent.start, span.start - 6):span.start].text.lower()
            if "according to" in window or (span.root.dep_ == "nsubj" and span.root.head.lemma_ in ("report", "say")):
                ctx.attribution[sent.start] = outlet
        if "sources told" in low or "source told" in low:
            for span in sent.ents:
                outlet = ctx.span_entity(span)
                if ctx.entity_type(outlet) == "outlet":
                    ctx.attribution[sent.start] = outlet
