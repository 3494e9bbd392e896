"""Works an article names by their author rather than by title, and the
author's credit on them.

"'Salt Road', based on Mara Quill's novel of the same name", "an adaptation
of Mara Quill's fantasy novel", "inspired by the eponymous Mara Quill
novel", "based on the 2012 novel by Mara Quill": the adapted work is an
adaptation of a book, and Quill wrote the book. GUIDELINES.md: a film of a
book is `adaptation_of` that work, an untitled project is a work with
`"name": null` plus its link, and a past credit on a work that exists (a
book already adapted) is `credited`. Held out, the relation model gave such
a novelist the adaptation's own writer credit, or nothing: 64 of the
corpus's 96 writer credits on books were missed.

A source noun with a title of its own ("the Jack Reacher novels by Lee
Child", "the novel 'Salt Road' by Mara Quill") credits its author on that
title, in any sentence. What counts as a source noun, and its kind, is in
`data/source_nouns.tsv`; the author's role for the kind in
`data/owner_roles.tsv`.
"""
from __future__ import annotations

from spacy.tokens import Token

from callsheet.extraction.context import OPENING_QUOTES, Context, Mention
from callsheet.extraction.credit_statements import DECIDED_CREDIT, DECIDED_LINK, FUTURE_AUXILIARIES, denied, stands
from callsheet.extraction.grammar import hedge_words, link_of, mention_root

# how a noun names its author: "the novel by Quill" (or "Quill's novel", "the Quill novel")
AUTHOR_PREPOSITIONS = {"by"}
# the least probability of a link fact whose source an author's credit goes to: the
# link model takes links far less probable ("Bosch, based on novels by Michael
# Connelly", linked to another franchise at 0.27)
SURE_LINK = 0.5
# verbs that pass an adaptation on as hearsay: "is rumoured to be based on", "said to be"
HEARSAY_LEMMAS = {"rumour", "rumor", "say", "report", "believe", "think", "reckon", "deny", "claim", "speculate"}
# words before a source noun that make its possessive a reader, not its author: "Quill's favourite novel"
READER_WORDS = {"favourite", "favorite", "beloved"}
# how a noun names its own title: "the Jack Reacher novels", "the novel 'Salt Road'"
TITLE_DEPS = {"compound", "appos", "nmod", "npadvmod"}


def add_source_credits(ctx: Context) -> None:
    """Adds, for every source noun with an author (`data/source_nouns.tsv`),
    the author's credit (`owner_roles.tsv`, `credited`, `DECIDED_CREDIT`
    probable) on the noun's own title, else on the work the sentence adapts
    from it (`adapted_work`): an existing source of that work ("a film
    version of Lovely Bones, based on the book by Alice Sebold"), else one
    untitled work of the noun's kind per adapted work, with the adapted
    work's `adaptation_of` link to it. A credit the models already made
    is `credited` from then on; the same credit on the adapted work, which
    the relation model guessed from this sentence (under `DECIDED_CREDIT`),
    goes: the novelist did not write the film. Nothing for an adaptation
    not told as a fact (`_stated`: "is not based on", "could be based on",
    "is rumoured to be based on") or an author who is no person."""
    made: dict[str, str] = {}  # adapted work → its untitled source
    for tok in ctx.doc:
        kind = ctx.vocab.source_nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        role = ctx.vocab.owner_roles.get(kind) if kind else None
        if role is None or _inside_a_title(ctx, tok) or denied(ctx, tok):
            continue
        # the parser may hang "novel" on the title it names ("based on the novel 'Salt Road'")
        cue = adaptation_cue(ctx, tok) or (adaptation_cue(ctx, tok.head) if tok.dep_ in TITLE_DEPS else None)
        if cue is not None and not _stated(ctx, cue):
            continue
        title = own_title(ctx, tok)
        authors = authors_of(ctx, tok)
        if title is not None and tok.head.i == mention_root(ctx, title).i:  # the parser hangs "by" on the title
            authors += [a for a in authors_of(ctx, tok.head) if a not in authors]
        if not authors:
            continue
        n = ctx.sent_of[tok.i]
        adapted = adapted_work(ctx, tok, cue)
        if title is not None:
            source = title.entity
        elif adapted is None:
            continue
        else:
            source = _named_source(ctx, adapted) or made.get(adapted)
            if source is None:
                source = made[adapted] = ctx.entity("work", None, kind=kind)
                ctx.add_fact(adapted, "adaptation_of", n, obj=source, confidence=DECIDED_LINK)
        if adapted is not None and adapted != source:
            _drop_guessed(ctx, authors, role, adapted, n)
        for author in authors:
            fact = ctx.add_fact(author, role, n, obj=source, status="credited", confidence=DECIDED_CREDIT)
            if fact is not None:
                fact.status = "credited"


def authors_of(ctx: Context, noun: Token) -> list[str]:
    """The people a source noun names as its authors: possessive ("Mara
    Quill's novel", "Heidi Murkoff's and Sharon Mazel's book"), before it
    ("the eponymous Mara Quill novel") or after "by" ("the 2012 novel by
    Mara Quill and Ada Fenn"). Entity ids, in order, without repeats; none
    when a person before the noun stands beside a "by" ("the Jack Reacher
    novels by Lee Child": the recogniser took a title for a person)."""
    by = [o for p in noun.children if p.dep_ in ("prep", "agent") and p.lower_ in AUTHOR_PREPOSITIONS
          for o in p.children if o.dep_ == "pobj"]
    if by and any(c.dep_ == "compound" and ctx.mention_at(c.i, "PERSON") for c in noun.children):
        return []  # "the Jack Reacher novels by Lee Child": the recogniser took the title for a person
    read = any(c.lower_ in READER_WORDS for c in noun.children)  # "Quill's favourite novel"
    heads = [c for c in noun.children if c.dep_ == "poss" and not read or c.dep_ == "compound" and not by] + by
    out: list[str] = []
    for head in heads:
        for tok in [head, *(c for c in head.conjuncts)]:
            mention = ctx.mention_at(tok.i, "PERSON")
            if mention is not None and mention.entity not in out:
                out.append(mention.entity)
    return out


def own_title(ctx: Context, noun: Token) -> Mention | None:
    """The named work the noun's phrase gives as its title: a title bound
    to it ("the Jack Reacher novels", "the novel, Salt Road"), that it is
    bound to, or right after it ("the novel 'Salt Road'"). None when it has
    none."""
    words = [c for c in noun.children if c.dep_ in TITLE_DEPS]
    if noun.dep_ in TITLE_DEPS:  # "the novel 'Salt Road'" parsed as a modifier of the title
        words.append(noun.head)
    after = noun.i + 1
    while after < len(ctx.doc) and ctx.doc[after].text in OPENING_QUOTES:
        after += 1
    if after < len(ctx.doc):
        words.append(ctx.doc[after])
    for tok in words:
        mention = ctx.mention_at(tok.i, "WORK")
        if mention is not None and mention.how in ("name", "alias"):
            return mention
    return None


def adapted_work(ctx: Context, noun: Token, cue: Token | None) -> str | None:
    """The work the sentence makes from the thing a source noun names:
    the noun must be what `cue` (its `adaptation_cue`) takes, and the work
    is the one that phrase describes ("'Salt Road', which is based on",
    "the show is based on", "'Salt Road', an adaptation of"); a kind noun
    that no mention stands for ("the thriller is based on") is the project
    in focus; else the one title the sentence names outside the noun's
    phrase (not one that describes a person: "'Scorpion' creator Nick
    Santora will adapt the novels by Lee Child"). None when the noun is no
    source, the cue's subject is no work ("she was inspired by Quill's
    memoir"), or the phrase describes no work and the sentence names none
    or several (the project in focus was wrong as often as right there:
    the recogniser had missed the title beside the noun)."""
    if cue is None:
        return None
    for tok in _described_by(cue):
        mention = ctx.mention_at(tok.i, "WORK")
        if mention is not None and mention.entity:
            return mention.entity
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and all(c.lemma_.lower() in ctx.vocab.work_nouns for c in subjects):
        return ctx.focus(noun.i)  # "The thriller is based on Quill's novel": a kind noun of the project in focus
    if subjects:
        return None  # "Fenn said she was inspired by Quill's memoir": not a work's making
    beside = {t.i for c in noun.subtree if c.dep_ == "appos" for t in c.subtree}
    own = {c.i for c in noun.subtree} - beside  # not "by Mara Quill, 'Salt Road' will": the parser's appos
    works = {m.entity for m in ctx.in_sentence(ctx.sent_of[noun.i], "WORK")
             if m.how in ("name", "alias") and m.entity and m.start not in own and not ctx.descriptive(m)}
    return works.pop() if len(works) == 1 else None


def adaptation_cue(ctx: Context, noun: Token) -> Token | None:
    """The word that makes something from the noun: a verb of
    `adaptations.tsv` whose preposition (or "by", for a passive's agent)
    takes the noun ("based on", "adapted from", "inspired by"), a noun that
    names an adaptation ("adaptation of", "version of"), or "adapt" with
    the noun its object; None when there is none."""
    if noun.dep_ == "dobj":
        return noun.head if noun.head.lemma_.lower() == "adapt" else None
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ not in ("prep", "agent"):
        return None
    cue = prep.head
    if prep.lower_ in ctx.vocab.adaptations.get(cue.lemma_.lower(), ()):
        return cue
    if prep.lower_ == "of" and cue.pos_ == "NOUN" and link_of(ctx, cue) in ("adaptation_of", "remake_of"):
        return cue
    return None


def _stated(ctx: Context, cue: Token) -> bool:
    """Whether the adaptation is told as a fact: not denied, asked, wished
    or conditional (`stands`), not under a modal other than "will" or a
    hearsay verb ("could be based on", "is rumoured to be based on", "said
    to be based on"), not in a hedged sentence ("sources said"), not set
    against ("rather than an adaptation of")."""
    chain = [cue, *cue.ancestors]
    return stands(ctx, cue) and not any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in FUTURE_AUXILIARIES for t in chain[:3] for c in t.children) \
        and not any(t.lemma_.lower() in HEARSAY_LEMMAS for t in chain) \
        and not hedge_words(ctx.sents[ctx.sent_of[cue.i]]) \
        and not any(t.lower_ == "than" or t.lower_ == "rather" for t in cue.head.children)


def _described_by(cue: Token) -> list[Token]:
    """Where the work the cue describes may stand: the noun a participle or
    relative clause hangs from ("'Salt Road', based on ..."), the object or
    subject of the verb it hangs from ("will make 'Salt Road', based on"), the title an
    adaptation noun stands beside ("'Salt Road', an adaptation of"), the
    subject of "is based on" / "is an adaptation of", or the cue itself (an
    untitled adaptation)."""
    out = [cue]
    if cue.dep_ in ("acl", "relcl", "appos"):
        out.append(cue.head)
    if cue.dep_ in ("prep", "advcl"):  # "will make 'Salt Road', based on": what the verb makes
        out += [c for c in cue.head.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    if cue.dep_ == "attr":
        out += [c for c in cue.head.children if c.dep_ == "nsubj"]
    out += [c for c in cue.children if c.dep_ in ("nsubjpass", "nsubj")]
    return out


def _inside_a_title(ctx: Context, tok: Token) -> bool:
    """"The Book of Eli": a source noun that is part of a name."""
    mention = ctx.mention_at(tok.i, "WORK")
    return mention is not None and mention.how in ("name", "alias")


def _drop_guessed(ctx: Context, authors: list[str], role: str, adapted: str, n: int) -> None:
    """Drops each author's `role` credit on the adapted work that sentence
    `n` gave with less than `DECIDED_CREDIT` probability."""
    for author in authors:
        key = (author, role, adapted, None)
        fact = ctx.facts.get(key)
        if fact is not None and ctx.fact_sent.get(key) == n and fact.confidence < DECIDED_CREDIT:
            del ctx.facts[key]


def _named_source(ctx: Context, work: str) -> str | None:
    """What the work is already an adaptation of: the source of its link,
    for an untitled adaptation, or of an `adaptation_of` fact at least
    `SURE_LINK` probable."""
    link = ctx.link_of.get(work)
    if link is not None and link[0] == "adaptation_of":
        return link[1]
    return next((fact.object for (subject, predicate, _, _), fact in ctx.facts.items()
                 if subject == work and predicate == "adaptation_of" and fact.confidence >= SURE_LINK), None)
