"""Work-to-work links and the untitled projects they create.

"a 'Romy and Michele's High School Reunion' sequel", "a remake of King Kong",
"a film version of The Hobbit", "a US soap based on EastEnders", "the film
rights to Flanimals": each makes (or names again) one untitled work linked to
its source. A title in apposition ("Ocean's Twelve, the sequel") takes the
link itself instead of an untitled work.
"""
from __future__ import annotations

from spacy.tokens import Token

from callsheet.extraction.context import Context

TV_NOUNS = {"soap", "series", "show", "sitcom", "drama", "serial", "programme"}
VERSION_MODIFIERS = {"film": ("adaptation_of", "film"), "movie": ("adaptation_of", "film"),
                     "big-screen": ("adaptation_of", "film"), "screen": ("adaptation_of", "film"),
                     "us": ("remake_of", None), "american": ("remake_of", None),
                     "british": ("remake_of", None), "uk": ("remake_of", None),
                     "stage": ("adaptation_of", "play"), "tv": ("adaptation_of", "tv_series")}


def _source_in(ctx: Context, tok: Token) -> str | None:
    """A named (or anaphoric) work in the phrase after the link noun."""
    for t in tok.subtree:
        span = ctx.ent_at.get(t.i)
        if span is not None and span.label_ == "WORK":
            return ctx.resolve_work(t)
    for t in tok.subtree:
        w = ctx.work_anaphor(t)
        if w:
            return w
    return None


def _preceding_title(ctx: Context, noun: Token) -> str | None:
    """"a 'Romy and Michele's High School Reunion' sequel": the title before it."""
    j = noun.i - 1
    while j >= 0 and ctx.doc[j].text in ("'", "’", "\"", "”"):
        j -= 1
    span = ctx.ent_at.get(j) if j >= 0 else None
    if span is not None and span.label_ == "WORK":
        return ctx.resolve_work(ctx.doc[span.start])
    return None


def _titled_self(ctx: Context, noun: Token) -> str | None:
    """The title the link noun stands for: in apposition, or as its clause's subject."""
    named = ctx.appositive_work(noun)
    if named:
        return named
    if noun.dep_ == "attr" or noun.dep_ == "nsubj":
        for c in noun.head.children:
            if c.dep_ == "nsubj" and c.i != noun.i:
                w = ctx.resolve_work(c)
                if w:
                    return w
    return None


def _link(ctx: Context, noun: Token, predicate: str, kind: str | None, source: str | None) -> None:
    if source is None:
        return
    sent = noun.sent
    named = _titled_self(ctx, noun)
    if named == source:
        return
    if named is None and any(c.dep_ == "det" and c.lower_ in ("the", "its") for c in noun.children):
        focus = ctx.focus(noun.i)  # "the X sequel" names a project already in focus, or the source's only one
        if focus is not None and focus != source and ctx.link_of.get(focus, (None, None))[1] != source:
            return
    if kind is None:
        kind = ctx.entities[source].kind if predicate == "remake_of" else "film"
    work = named or ctx.untitled_work(predicate, source, kind, noun.i)
    ctx.add(work, predicate, ctx.evidence(sent), obj=source, confidence=0.75, sent=sent)


NAMING_VERBS = {"call", "title", "entitle", "name", "dub"}


def find_names(ctx: Context, tok) -> None:
    """"The Manchester-based production is called Touching From A Distance":
    the project in focus has a title from here on."""
    if tok.lemma_.lower() not in NAMING_VERBS or tok.tag_ != "VBN":
        return
    subjects = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if not subjects or subjects[0].lemma_.lower() not in ctx.vocab.anaphors:
        return
    for c in tok.children:
        if c.dep_ in ("oprd", "attr", "dobj") and ctx.ent_at.get(c.i) is not None:
            work = ctx.resolve_work(ctx.doc[ctx.ent_at[c.i].start])
            if work:
                ctx.named_at.append((tok.i, work))
                return


def find_links(ctx: Context) -> None:
    for tok in ctx.doc:
        find_names(ctx, tok)
        low = tok.lower_
        if tok.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ"):
            continue
        if low in ctx.vocab.links and tok.pos_ in ("NOUN", "PROPN"):
            predicate, kind = ctx.vocab.links[low]
            if low == "version":
                mods = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
                picked = next((VERSION_MODIFIERS[m] for m in mods if m in VERSION_MODIFIERS), None)
                if picked is None:
                    continue
                predicate, kind = picked
            source = None
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "to", "for"):
                    source = _source_in(ctx, c)
            source = source or _preceding_title(ctx, tok)
            _link(ctx, tok, predicate, kind or None, source)
        elif any(c.lower_ in ("follow-up", "sequel") and c.dep_ in ("amod", "compound") for c in tok.children) \
                and tok.lemma_.lower() in ctx.vocab.anaphors:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "of"):
                    _link(ctx, tok, "sequel_of", "film", _source_in(ctx, c))
        elif tok.lemma_.lower() == "base" and tok.tag_ == "VBN":
            _based_on(ctx, tok)
        elif tok.lemma_.lower() == "remake" and tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ == "nsubjpass":
                    source = ctx.resolve_work(c)
                    if source:
                        work = ctx.untitled_work("remake_of", source, ctx.entities[source].kind, tok.i)
                        ctx.add(work, "remake_of", ctx.evidence(tok.sent), obj=source, confidence=0.7,
                                sent=tok.sent)
        elif low == "rights" and tok.pos_ == "NOUN":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "of"):
                    source = _source_in(ctx, c)
                    if source and ctx.entities[source].kind in ("book", None, "play", "tv_series"):
                        work = ctx.untitled_work("adaptation_of", source, "film", tok.i)
                        ctx.add(work, "adaptation_of", ctx.evidence(tok.sent), obj=source,
                                confidence=0.6, sent=tok.sent)
        elif low == "predecessor":
            for c in tok.children:
                if c.dep_ == "appos":
                    source = ctx.resolve_work(c)
                    owner = _clause_subject_work(ctx, tok)
                    if source and owner and owner != source:
                        ctx.add(owner, "sequel_of", ctx.evidence(tok.sent), obj=source,
                                confidence=0.6, sent=tok.sent)


def _clause_subject_work(ctx: Context, tok: Token) -> str | None:
    head = tok
    while head.dep_ not in ("ROOT",) and head.head.i != head.i:
        head = head.head
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return ctx.resolve_work(c)
    return None


def _based_on(ctx: Context, based: Token) -> None:
    """"a US soap based on the BBC's EastEnders", "a video game based on the Godfather"."""
    sources = [w for c in based.children if c.dep_ == "prep" and c.lower_ == "on"
               for w in ctx.titled_works(c.subtree)]
    if not sources:
        return
    noun = based.head
    named = ctx.resolve_work(noun)
    lemma = noun.lemma_.lower()
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    if named is None and (lemma not in ctx.vocab.anaphors or not indefinite):
        return
    kind = ctx.vocab.anaphors.get(lemma, ("", "film"))[1] or "film"
    for source in sources:
        predicate = "remake_of" if kind in ("tv_series",) and ctx.entities[source].kind in ("tv_series",) \
            else "adaptation_of"
        work = named or ctx.untitled_work(predicate, source, kind, noun.i)
        ctx.add(work, predicate, ctx.evidence(based.sent), obj=source, confidence=0.7, sent=based.sent)
