"""Credits: who does what on which work, with how firm it is.

Four shapes of trade copy are read from the dependency parse:
- verbs: "Tim Federle is expected to direct the project", "The film starred
  Lisa Kudrow", "Scrubs ... in which they played A and B";
- passives: "directed by Steven Soderbergh", "starring George Clooney";
- descriptors: "Friends actress Lisa Kudrow", "Aishwarya Rai, star of Bride
  and Prejudice", "CSI's co-producer, Carol Mendelsohn";
- copulas and joins: "Tony Wilson will be co-executive producer", "Samuel L
  Jackson has signed up for the sitcom".
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from callsheet.extraction.context import Context
from callsheet.extraction.status import clause_window, match_status

SUBJECT_DEPS = ("nsubj", "nsubjpass")
OBJECT_DEPS = ("dobj", "pobj", "attr", "oprd", "dative")
RELATIVE = {"who", "which", "that", "whom"}
JOIN_VERBS = {"sign", "join", "board", "tap", "hire", "book", "cast", "enlist", "recruit",
              "commit", "return", "agree"}
CHARACTER_VERBS = {"play", "portray"}
EXIT_VERBS = {"drop", "exit", "leave", "quit", "pull", "withdraw", "depart"}
NON_PERSON_OBJECTS = {"role", "part", "lead", "character"}
LISTING_VERBS = {"include", "feature", "be"}
BOOK_NOUNS = {"book", "novel", "bestseller", "memoir"}


def subjects_of(ctx: Context, verb: Token) -> list[Token]:
    """The subject tokens of a verb, climbing through "is expected to direct"."""
    head = verb
    for _ in range(5):
        # the parser sometimes hangs the subject on the auxiliary ("Perry has guest-starred")
        candidates = list(head.children) + [g for c in head.children if c.dep_ == "aux" for g in c.children]
        subs = [c for c in candidates if c.dep_ in SUBJECT_DEPS and
                (ctx.resolve(c) or c.lower_ in RELATIVE or c.lower_ == "they" or
                 any(ctx.resolve(t) for t in c.subtree))]
        if subs:
            out = []
            for s in subs:
                if s.lower_ in RELATIVE and head.dep_ == "relcl":
                    out.append(head.head)
                elif s.lower_ == "they" and s.sent.root.i != head.i:
                    out += subjects_of(ctx, s.sent.root)
                else:
                    out.append(s)
            return out
        if head.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp") and head.head.i != head.i:
            head = head.head
        elif head.dep_ == "relcl":
            return [head.head]
        else:
            break
    return []


def work_in(ctx: Context, tok: Token, depth: int = 3) -> str | None:
    """The work an object phrase names: "a 'Midnight Harbor' sequel" is the
    untitled sequel, not Midnight Harbor; else a title in it, else an anaphor."""
    for t in tok.subtree:
        if t.lower_ in ctx.vocab.links and t.pos_ in ("NOUN", "PROPN"):
            predicate = ctx.vocab.links[t.lower_][0]
            for u in tok.subtree:
                source = ctx.resolve_work(u) if ctx.ent_at.get(u.i) is not None else None
                if source and (predicate, source) in ctx.untitled:
                    return ctx.untitled[(predicate, source)]
    for t in tok.subtree:
        span = ctx.ent_at.get(t.i)
        if span is not None and span.label_ == "WORK":
            return ctx.resolve_work(t)
    for t in tok.subtree:
        named = _named_next(ctx, t)
        if named:
            return named
        work = ctx.work_anaphor(t)
        if work:
            return work
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        return ctx.resolve_work(tok.head.head) or work_in(ctx, tok.head.head, depth - 1) if depth else None
    return None


def _named_next(ctx: Context, noun: Token) -> str | None:
    """"the medical drama ER": a genre noun right before a title names it,
    however the parser attached the title."""
    if noun.pos_ != "NOUN" or not noun.text.islower() or noun.i + 1 >= len(ctx.doc):
        return None
    span = ctx.ent_at.get(noun.i + 1)
    if span is not None and span.label_ == "WORK" and span.start == noun.i + 1:
        return ctx.resolve_work(ctx.doc[noun.i + 1])
    return None


def works_in(ctx: Context, tok: Token) -> list[str]:
    """Every titled work in a phrase ("films such as A, B and C"), else the one work_in finds."""
    works = ctx.titled_works(tok.subtree)
    if works:
        return works
    work = work_in(ctx, tok)
    return [work] if work else []


def object_work(ctx: Context, verb: Token) -> str | None:
    """The work a role verb is about: its objects first, then the clause above."""
    head = verb
    for _ in range(4):
        for child in head.children:
            if child.dep_ in OBJECT_DEPS + ("prep", "agent") and child.i > head.i or child.dep_ == "prep":
                work = work_in(ctx, child)
                if work:
                    return work
        if head.dep_ in ("xcomp", "conj", "advcl") and head.head.i != head.i:
            head = head.head
        else:
            break
    if verb.dep_ == "relcl":
        return ctx.resolve_work(verb.head) or work_in(ctx, verb.head)
    return None


def sentence_work(ctx: Context, sent: Span, before: int) -> str | None:
    """A fallback: the one work the sentence names, else the latest one."""
    works = ctx.titled_works(sent)
    if len(works) == 1:
        return works[0]
    if not works:
        return ctx.recent_work(before, None)
    # several: the latest one before the verb that the article is about, not a descriptor's
    topical = {m.work for m in ctx.work_mentions if m.topical and sent.start <= m.index < before}
    earlier = [w for w in works if w in topical]
    return earlier[-1] if len(earlier) == 1 else None


def credit(ctx: Context, person: str, predicate: str, work: str | None, trigger: Token,
           subject: Token | None, *, status: str | None = None, character: str | None = None,
           confidence: float = 0.7) -> None:
    if work is None:
        return
    sent = trigger.sent
    if status is None:
        status = match_status(clause_window(subject, trigger), ctx.vocab.statuses) or "credited"
    ctx.add(person, predicate, ctx.evidence(sent), obj=work, status=status, character=character,
            confidence=confidence, sent=sent)


def role_verb(ctx: Context, tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
        return None
    if lemma == "produce" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "executive":
        return "executive_producer"
    return ctx.vocab.role_verbs.get(lemma) or ctx.vocab.role_verbs.get(tok.lower_)


def characters_of(ctx: Context, verb: Token) -> list[str]:
    """Character names a "played" verb gives ("played A and B", "the role of C")."""
    names = []
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        for t in child.subtree:
            span = ctx.ent_at.get(t.i)
            if span is not None and span.label_ == "PERSON" and span.start == t.i:
                names.append(span.text)
                ctx.characters.update(range(span.start, span.end))
    return names


def mark_characters(ctx: Context) -> None:
    """Character names are not people: find them before any person is made."""
    for tok in ctx.doc:
        if tok.lemma_.lower() in CHARACTER_VERBS and tok.pos_ == "VERB":
            characters_of(ctx, tok)
            for t in ctx.doc[tok.i + 1:tok.sent.end]:
                if t.lower_ in RELATIVE or t.pos_ == "VERB" or t.text in (";", ".") or t.lower_ == "by":
                    break
                span = ctx.ent_at.get(t.i)
                if span is not None and span.label_ == "PERSON":
                    ctx.characters.update(range(span.start, span.end))
                    ctx.character_names.add(span.text)
        if tok.lower_ in ("role", "part") and tok.i + 2 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ in ("of", "as"):
            span = ctx.ent_at.get(tok.i + 2)
            if span is not None and span.label_ == "PERSON":
                ctx.characters.update(range(span.start, span.end))


def verb_credits(ctx: Context, tok: Token) -> None:
    predicate = role_verb(ctx, tok)
    if predicate is None:
        return
    passive = tok.tag_ == "VBN" and (any(c.dep_ in ("auxpass", "agent") for c in tok.children)
                                     or tok.dep_ in ("acl", "advcl"))
    agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if passive and agents:
        persons = [p for a in agents for p in ctx.persons(a)]
        work = None
        for c in tok.children:
            if c.dep_ == "nsubjpass":
                work = work_in(ctx, c)
        if work is None and tok.dep_ in ("acl", "relcl"):
            work = ctx.resolve_work(tok.head) or _appositive_work(ctx, tok.head)
        if work is None and tok.dep_ == "advcl":
            subs = [c for c in tok.head.children if c.dep_ in SUBJECT_DEPS]
            work = work_in(ctx, subs[0]) if subs else None
        if work is None and tok.dep_ == "acl":
            # "The film even has a song composed by AR Rahman": the clause's subject
            clause = tok.head.head
            subs = [c for c in clause.children if c.dep_ in SUBJECT_DEPS] if clause.i != tok.head.i else []
            work = work_in(ctx, subs[0]) if subs else None
        for person in persons:
            credit(ctx, person, predicate, work or sentence_work(ctx, tok.sent, tok.i), tok, agents[0])
        return
    if tok.tag_ == "VBG" and tok.dep_ in ("acl", "advcl", "appos") and predicate == "cast":
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        work = ctx.resolve_work(tok.head) or _appositive_work(ctx, tok.head) or _named_next(ctx, tok.head)
        for obj in objs:
            for person in ctx.persons(obj):
                credit(ctx, person, predicate, work or sentence_work(ctx, tok.sent, tok.i), tok, obj)
        return
    subjects = subjects_of(ctx, tok)
    persons: list[tuple[str, Token]] = []
    work = None
    for s in subjects:
        for t in ctx.conjuncts(s) + _alongside(tok):
            person = ctx.resolve_person(t)
            if person and person not in [p for p, _ in persons]:
                persons.append((person, t))
        if not persons:
            work = work or work_in(ctx, s)
    if work is not None and predicate == "cast" and not persons:
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        objects += [g for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "with"
                    for g in c.children if g.dep_ == "pobj"]
        for c in objects:
            for person in ctx.persons(c):
                credit(ctx, person, predicate, work, tok, c)
        if not objects:
            _text_order_cast(ctx, tok)
        return
    if not persons:
        if predicate == "cast" and tok.tag_ in ("VBD", "VBN", "VBZ") and not subjects:
            _text_order_cast(ctx, tok)
        return
    characters = _characters_after(ctx, tok) if tok.lemma_.lower() in CHARACTER_VERBS else []
    work = object_work(ctx, tok)
    if work is None and not _has_other_object(ctx, tok):
        work = sentence_work(ctx, tok.sent, tok.i)
    if tok.dep_ == "relcl":
        work = ctx.resolve_work(tok.head) or work
    if predicate == "host" and not any(c.dep_ == "dobj" and work_in(ctx, c) for c in tok.children):
        work = None
    for n, (person, subj_tok) in enumerate(persons):
        character = characters[n] if len(characters) == len(persons) else None
        credit(ctx, person, predicate, work, tok, subj_tok, character=character)


APPEARANCE_PREPS = ("in", "on", "from", "for")


def appearance_credits(ctx: Context, tok: Token) -> None:
    """"made his debut in Scrubs", "his Oscar-winning role in The Godfather",
    "roles in films such as A, B and C", "has been seen in Garden State"."""
    lemma = tok.lemma_.lower()
    passive_seen = lemma == "see" and tok.tag_ == "VBN" and (
        tok.dep_ == "acl" or any(c.dep_ == "auxpass" for c in tok.children))
    predicate = ctx.vocab.appearances.get(lemma) if tok.pos_ == "NOUN" else "cast" if passive_seen else None
    if predicate is None:
        return
    verb = tok if passive_seen else tok.head
    while verb.dep_ in ("dobj", "pobj", "prep", "conj", "appos") and verb.head.i != verb.i and verb.pos_ != "VERB":
        verb = verb.head
    places = [c for c in tok.subtree if c.dep_ == "prep" and c.lower_ in APPEARANCE_PREPS]
    if verb.i != tok.i:
        places += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" and c.i > tok.i]
    works = list(dict.fromkeys(w for p in places for g in p.children if g.dep_ == "pobj"
                               for w in works_in(ctx, g)))
    if not works:
        return
    people: list[tuple[str, Token]] = []
    for c in tok.children:
        if c.dep_ == "poss":
            person = ctx.resolve_person(c)
            if person:
                people.append((person, c))
    if not people and verb.pos_ in ("VERB", "AUX"):
        for s in subjects_of(ctx, verb):
            for p_tok in ctx.conjuncts(s):
                person = ctx.resolve_person(p_tok)
                if person:
                    people.append((person, p_tok))
    if not people and verb.dep_ in ("acl", "relcl") and ctx.resolve_person(verb.head):
        people.append((ctx.resolve_person(verb.head), verb.head))  # "Aishwarya Rai, recently seen in ..."
    if people:
        people += [(p, t) for t in _alongside(verb) if (p := ctx.resolve_person(t))]
    for person, p_tok in people:
        for work in works:
            credit(ctx, person, predicate, work, verb, p_tok, confidence=0.6)


def _alongside(verb: Token) -> list[Token]:
    """"will be back to produce the movie, alongside Barry Kemp": partners share the credit."""
    out = []
    for c in verb.subtree:
        if c.dep_ == "prep" and c.lower_ in ("alongside",):
            out += [g for g in c.children if g.dep_ == "pobj"]
    return [t for g in out for t in g.subtree if t.dep_ in ("pobj", "conj") or t in out]


def _characters_after(ctx: Context, verb: Token) -> list[str]:
    names = []
    for t in ctx.doc[verb.i + 1:verb.sent.end]:
        span = ctx.ent_at.get(t.i)
        if t.i in ctx.characters and span is not None and span.start == t.i:
            names.append(span.text)
        elif t.lower_ in RELATIVE or t.pos_ == "VERB":
            break
    return names


def _has_other_object(ctx: Context, verb: Token) -> bool:
    """The verb takes an object that is no work ("present the prize")."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() not in NON_PERSON_OBJECTS and not ctx.resolve(c)
               for c in verb.children)


def _text_order_cast(ctx: Context, tok: Token) -> None:
    """When the parse fails on "The film starred A and B": the work before the
    verb, the people after it, in the same sentence."""
    sent = tok.sent
    work = None
    for t in ctx.doc[sent.start:tok.i]:
        work = ctx.resolve_work(t) or work
    if work is None:
        return
    for t in ctx.doc[tok.i + 1:sent.end]:
        if t.lower_ in RELATIVE or (t.pos_ == "VERB" and t.i > tok.i + 1):
            break
        span = ctx.ent_at.get(t.i)
        if span is not None and span.label_ == "PERSON" and span.start == t.i:
            person = ctx.resolve_person(t)
            if person:
                credit(ctx, person, "cast", work, tok, None, confidence=0.55)


def continued_cast(ctx: Context, sent: Span) -> None:
    """"As well as Alan Cumming and Justin Theroux.": the list goes on from
    the sentence before."""
    opening = sent.text.lower().lstrip()
    if not opening.startswith(("as well as", "along with", "also starring")):
        return
    previous = [f for f in ctx.facts if f.predicate == "cast" and
                (s := ctx.fact_sent.get(id(f))) is not None and s.end <= sent.start
                and f.evidence == ctx.evidence(s)]
    if not previous:
        return
    work = previous[-1].object
    status = previous[-1].status
    for span in sent.ents:
        if span.label_ == "PERSON":
            person = ctx.resolve_person(span[0])
            if person:
                ctx.add(person, "cast", ctx.evidence(sent), obj=work, status=status,
                        confidence=0.55, sent=sent)


def _appositive_work(ctx: Context, noun: Token) -> str | None:
    """"Ocean's Twelve, the crime caper sequel starring ...": the titled work, else an anaphor."""
    return ctx.appositive_work(noun) or ctx.work_anaphor(noun)


def noun_credits(ctx: Context, tok: Token) -> None:
    """Descriptors and copulas around a role noun."""
    low = tok.lower_
    if tok.i + 1 < len(ctx.doc) and f"{low} {ctx.doc[tok.i + 1].lower_}" in ctx.vocab.role_nouns:
        return
    two = f"{ctx.doc[tok.i - 1].lower_} {low}" if tok.i else low
    predicate = ctx.vocab.role_nouns.get(two) or ctx.vocab.role_nouns.get(tok.lemma_.lower()) \
        or ctx.vocab.role_nouns.get(low)
    if predicate is None or tok.pos_ not in ("NOUN", "PROPN"):
        return
    sent = tok.sent
    # "[Work] helmer Tim Federle" / "The Oscar-winning Pulp Fiction director"
    work = _title_before(ctx, tok)
    person = _person_after(ctx, tok) or ctx.resolve_person(tok)
    if work and person:
        ctx.add(person, predicate, _descriptor_evidence(ctx, tok, sent), obj=work, status="credited",
                confidence=0.85, sent=sent)
        return
    # "Aishwarya Rai, star of Bride and Prejudice"; "CSI's co-producer, Carol Mendelsohn"
    work = _work_of(ctx, tok)
    if work:
        people = []
        if tok.dep_ == "appos":
            people = ctx.persons(tok.head)
        people += [p for c in tok.children if c.dep_ == "appos" for p in ctx.persons(c)]
        if not people:  # "Brando's co-stars from The Godfather, James Caan and Robert Duvall"
            people += [p for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
                       for k in g.children if k.dep_ in ("conj", "appos") for p in ctx.persons(k)]
        if tok.dep_ == "nsubj" and tok.head.lemma_ in LISTING_VERBS:
            people += [p for c in tok.head.children if c.dep_ in ("dobj", "attr") for p in ctx.persons(c)]
        for p in people:
            ctx.add(p, predicate, ctx.evidence(sent), obj=work, status="credited", confidence=0.8, sent=sent)
        if people:
            return
    # "Tony Wilson will be co-executive producer"; "resigned as host of CD:UK"
    if tok.dep_ in ("attr", "pobj") and tok.head.lemma_ in ("be", "as"):
        verb = tok.head if tok.head.lemma_ == "be" else tok.head.head
        for s in subjects_of(ctx, verb):
            for p_tok in ctx.conjuncts(s):
                p = ctx.resolve_person(p_tok)
                if p:
                    credit(ctx, p, predicate, work or ctx.focus(tok.i), tok, p_tok, confidence=0.65)


def _title_before(ctx: Context, tok: Token) -> str | None:
    j = tok.i - 1
    while j >= 0 and ctx.doc[j].lower_ in ("head", "lead", "executive", "co", "-", "'", "’", "'s", "’s", "original"):
        j -= 1
    if j < 0:
        return None
    span = ctx.ent_at.get(j)
    if span is not None and span.label_ == "WORK":
        return ctx.resolve_work(ctx.doc[span.start])
    return None


def _person_after(ctx: Context, tok: Token) -> str | None:
    nxt = tok.i + 1
    if nxt < len(ctx.doc):
        span = ctx.ent_at.get(nxt)
        if span is not None and span.label_ == "PERSON":
            return ctx.resolve_person(ctx.doc[nxt])
    return None


def _work_of(ctx: Context, tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "on", "for", "from"):
            for g in c.children:
                if g.dep_ == "pobj":
                    work = ctx.resolve_work(g) or _appositive_work(ctx, g) or work_in(ctx, g)
                    if work:
                        return work
        if c.dep_ == "poss":
            work = ctx.resolve_work(c)
            if work:
                return work
        if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and role_verb(ctx, c):
            work = object_work(ctx, c)
            if work:
                return work
    return None


def _descriptor_evidence(ctx: Context, tok: Token, sent: Span) -> str:
    """The descriptor phrase itself ("Friends actress Lisa Kudrow") when it can be cut exactly."""
    start = tok.i - 1
    span = ctx.ent_at.get(start)
    while span is None and start > sent.start:
        start -= 1
        span = ctx.ent_at.get(start)
    end = tok.i + 1
    person = ctx.ent_at.get(end)
    if span is not None and span.label_ == "WORK":
        stop = person.end if person is not None and person.label_ == "PERSON" else tok.i + 1
        first = span.start - 1 if span.start > 0 and ctx.doc[span.start - 1].text in "'‘\"“" else span.start
        return ctx.doc[first:stop].text
    return ctx.evidence(sent)


def join_credits(ctx: Context, tok: Token) -> None:
    """"Samuel L Jackson and Ben Stiller have signed up for the sitcom";
    "Tomas Reyes has dropped out of the sequel"."""
    lemma = tok.lemma_.lower()
    if lemma in EXIT_VERBS and tok.pos_ == "VERB":
        exit_credits(ctx, tok)
        return
    if lemma not in JOIN_VERBS or tok.pos_ != "VERB":
        return
    if any(role_verb(ctx, c) for c in tok.subtree if c.dep_ in ("xcomp", "advcl") and c.head.i == tok.i):
        return
    if any(g.dep_ == "pcomp" for c in tok.children if c.dep_ == "prep" for g in c.children):
        return  # "committed to making a film" says nothing of a role
    work = None
    for c in tok.children:
        if c.dep_ in ("prep", "dobj", "prt"):
            work = work_in(ctx, c) if c.dep_ != "prt" else None
            if work is None and c.dep_ == "prt":
                for g in c.children:
                    work = work or work_in(ctx, g)
        if work:
            break
    if work is None and tok.lemma_.lower() in ("join", "book", "sign"):
        work = None if any(c.dep_ == "dobj" for c in tok.children) and tok.lemma_.lower() == "join" \
            else ctx.recent_work(tok.i, None)
        if tok.lemma_.lower() == "join":
            for c in tok.children:
                if c.dep_ == "dobj" and c.lemma_.lower() == "cast":
                    work = ctx.focus(tok.i) or ctx.recent_work(tok.i, None)
    if work is None:
        return
    for s in subjects_of(ctx, tok):
        for p_tok in ctx.conjuncts(s):
            person = ctx.resolve_person(p_tok)
            if person:
                credit(ctx, person, "cast", work, tok, p_tok, confidence=0.55)
    if tok.lemma_.lower() == "join":
        for c in tok.children:
            if c.dep_ == "dobj":
                for p in ctx.persons(c):
                    credit(ctx, p, "cast", work, tok, c, confidence=0.5)


def exit_credits(ctx: Context, tok: Token) -> None:
    """Whoever leaves a work leaves the role the article gave them, else the cast."""
    if any(role_verb(ctx, t) for t in tok.subtree if t.i != tok.i):
        return
    work = object_work(ctx, tok)
    if work is None:
        return
    for s in subjects_of(ctx, tok):
        for p_tok in ctx.conjuncts(s):
            person = ctx.resolve_person(p_tok)
            if not person:
                continue
            roles = [f.predicate for f in ctx.facts if f.subject == person and f.object == work
                     and f.status != "credited"] or ["cast"]
            for predicate in dict.fromkeys(roles):
                credit(ctx, person, predicate, work, tok, p_tok, status="exited", confidence=0.6)


def authorship(ctx: Context, tok: Token) -> None:
    """"JRR Tolkien's book", "the best-selling book by Alice Sebold": a book's author is its writer."""
    span = ctx.ent_at.get(tok.i)
    is_book = tok.lemma_.lower() in BOOK_NOUNS and tok.pos_ == "NOUN"
    if span is not None and span.label_ == "WORK" and span.start == tok.i:
        work = ctx.resolve_work(tok)
        is_book = work is not None and ctx.entities[work].kind == "book"
        head = span.root
    else:
        work = ctx.work_anaphor(tok) if is_book else None
        if is_book and work is None and any(c.dep_ == "poss" or c.lower_ == "by" for c in tok.children):
            work = ctx.recent_work(tok.i, "book")  # "JRR Tolkien's book": the book the article is about
        head = tok
    if not is_book or work is None:
        return
    authors = [c for c in head.children if c.dep_ == "poss"]
    authors += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                if g.dep_ == "pobj"]
    for a in authors:
        person = ctx.resolve_person(a)
        if person:
            ctx.add(person, "writer", ctx.evidence(tok.sent), obj=work, status="credited",
                    confidence=0.7, sent=tok.sent)


def _role_of_ing(ctx: Context, tok: Token) -> str | None:
    """"directing" -> director, "producing" -> producer, "starring" -> cast."""
    word = tok.lower_
    if not word.endswith("ing"):
        return None
    stem = word[:-3]
    for lemma in (tok.lemma_.lower(), stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
        if lemma in ctx.vocab.role_verbs:
            return ctx.vocab.role_verbs[lemma]
    return None


def with_credits(ctx: Context, tok: Token) -> None:
    """"Nadia Orlov will star in the sequel, with Ruth Adeyemi directing": the
    person takes that role in the clause's project, as firmly as the clause says."""
    if tok.head.lower_ != "with" or tok.dep_ not in ("pobj", "pcomp"):
        return
    predicate = _role_of_ing(ctx, tok)
    if predicate is None:
        return
    people = [p for c in tok.children if c.dep_ in ("compound", "nsubj", "nmod", "poss") for p in ctx.persons(c)]
    clause = tok.head.head
    work = object_work(ctx, clause) or sentence_work(ctx, tok.sent, tok.i)
    if not people or work is None:
        return
    sent = tok.sent
    firm = [f.status for f in ctx.facts if f.object == work and f.status and ctx.fact_sent.get(id(f)) == sent]
    for person in people:
        credit(ctx, person, predicate, work, clause, None, status=firm[0] if firm else None)


def described_credits(ctx: Context, tok: Token) -> None:
    """"'Glass Season' helmer Ruth Adeyemi is circling the project": a status
    verb with no role of its own gives the person the role their descriptor names."""
    if role_verb(ctx, tok) is not None or tok.pos_ not in ("VERB", "AUX"):
        return
    for subject in (c for c in tok.children if c.dep_ == "nsubj"):
        person = ctx.resolve_person(subject)
        roles = [ctx.vocab.role_nouns[c.lower_] for c in subject.children
                 if c.dep_ in ("compound", "amod") and c.lower_ in ctx.vocab.role_nouns]
        if person is None or len(set(roles)) != 1:
            continue
        status = match_status(clause_window(subject, tok), ctx.vocab.statuses)
        work = object_work(ctx, tok)
        if status in (None, "credited") or work is None:
            continue
        if any(f.subject == person and f.object == work for f in ctx.facts):
            continue  # the sentence already says what they do there
        credit(ctx, person, roles[0], work, tok, subject, status=status)


def find_credits(ctx: Context) -> None:
    for sent in ctx.doc.sents:
        for tok in sent:
            verb_credits(ctx, tok)
            with_credits(ctx, tok)
            noun_credits(ctx, tok)
            join_credits(ctx, tok)
            appearance_credits(ctx, tok)
            authorship(ctx, tok)
        for tok in sent:
            described_credits(ctx, tok)
        continued_cast(ctx, sent)
