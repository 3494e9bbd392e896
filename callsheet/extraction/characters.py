"""Who plays which character: by the grammar of the sentence, a rule that
is precise where it fires ("A as X", "A plays X", "A and B played X and Y",
"the role of X", "X (A)"). A character names the role in that person's cast credit
stated in the same sentence, else in their most confident cast credit.
Characters are never entities (GUIDELINES.md): the recogniser labels them
CHARACTER and `mentions.plays_a_character` catches the rest."""
from __future__ import annotations

from spacy.tokens import Token

from callsheet.extraction.context import Context, Mention
from callsheet.extraction.mentions import PERFORMANCE_NOUNS, PLAY_VERBS, ROLE_OF, bracketed_player, list_head

SUBJECTS = ("nsubj", "nsubjpass")


def link_characters(ctx: Context) -> None:
    """Sets `Fact.character` on cast facts from the article's CHARACTER mentions."""
    for mention in ctx.mentions:
        if mention.label != "CHARACTER":
            continue
        people = players(ctx, mention)
        if not people:
            continue
        name = ctx.doc[mention.start:mention.end].text.strip("'‘’\"“” ")
        person = _in_order(ctx, mention, people)
        _attach(ctx, person, name, mention.sent, _played_in(ctx, mention))


def players(ctx: Context, mention: Mention) -> list[str]:
    """The people the sentence says play this character, in text order."""
    player = bracketed_player(ctx.doc[mention.start:mention.end])
    if player is not None:  # "Judy Hale (Ada Brook)"
        person = ctx.mention_at(player.start, "PERSON")
        return [person.entity] if person is not None and person.entity else []
    beside = _named_right_before_as(ctx, mention)
    if beside is not None:  # "Starring A as X, B as Y and C as Z": however the parser joins the list
        return [beside]
    tok = list_head(ctx.doc[mention.start:mention.end].root)
    head = tok.head
    if tok.dep_ in ("dobj", "attr", "oprd") and head.lemma_.lower() in PLAY_VERBS:
        return _subject_people(ctx, head)
    if tok.dep_ == "pobj" and head.lower_ == "as":
        governor = head.head
        person = ctx.mention_at(governor.i, "PERSON")
        if person is not None:
            return [person.entity]
        if governor.pos_ == "NOUN" and governor.lemma_.lower() in PERFORMANCE_NOUNS:
            return _performers(ctx, governor)  # "Vale's performance as Ilse Marr", "won for her role as"
        cast = _object_people(ctx, governor)  # "starring Vale as Ilse Marr", "has cast Vale as Ilse Marr"
        return cast or _subject_people(ctx, governor)
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ROLE_OF:
        clause = head.head.head
        return _subject_people(ctx, clause)
    return []


def _named_right_before_as(ctx: Context, mention: Mention) -> str | None:
    """The person named right before the "as" that precedes the character
    ("Hal Brook as Tom Quay"), else None."""
    doc = ctx.doc
    if mention.start < 2 or doc[mention.start - 1].lower_ != "as":
        return None
    person = ctx.mention_at(mention.start - 2, "PERSON")
    return person.entity if person is not None and person.end == mention.start - 1 and person.entity else None


def _performers(ctx: Context, noun: Token) -> list[str]:
    """Whose performance or role the noun is: its owner ("Vale's
    performance", "her role": a pronoun resolved to its person), else the
    subject of the clause it is in ("Vale triumphed for the role of")."""
    for owner in (c for c in noun.children if c.dep_ == "poss"):
        person = ctx.mention_at(owner.i, "PERSON")
        if person is not None and person.entity:
            return [person.entity]
    clause = noun.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    return _subject_people(ctx, clause) if clause.pos_ in ("VERB", "AUX") else []


def _object_people(ctx: Context, verb: Token) -> list[str]:
    """The people the verb's object names ("starring Vale", "cast Vale"), when it is a verb."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    people: list[str] = []
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        person = ctx.mention_at(obj.i, "PERSON")
        if person is not None and person.entity and person.entity not in people:
            people.append(person.entity)
    return people


def _subject_people(ctx: Context, verb: Token) -> list[str]:
    """The people who are the subject of `verb`, climbing through "is set to
    play", "who plays", "in which they played" and "nominated for playing"."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:
            people: list[str] = []
            for subject in subjects:
                for t in [subject] + [c for c in subject.subtree if c.dep_ == "conj"]:
                    for m in ctx.in_sentence(ctx.sent_of[t.i], "PERSON"):
                        if m.start <= t.i < m.end and m.entity and m.entity not in people:
                            people.append(m.entity)
                if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
                    m = ctx.mention_at(verb.head.i, "PERSON")
                    if m is not None:
                        people.append(m.entity)
            return people
        if verb.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl") and verb.head.i != verb.i:
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "nominated for playing X": playing → for → nominated
        else:
            break
    return []


def _in_order(ctx: Context, mention: Mention, people: list[str]) -> str:
    """"A and B played X and Y": the n-th character listed is the n-th person's."""
    if len(people) == 1:
        return people[0]
    listed = [m for m in ctx.in_sentence(mention.sent, "CHARACTER")]
    position = next((n for n, m in enumerate(listed) if m.start == mention.start), 0)
    return people[min(position, len(people) - 1)] if len(listed) == len(people) else people[0]


def _played_in(ctx: Context, mention: Mention) -> str | None:
    """The work a relative clause that plays the character hangs on: "a
    follow-up to the 1997 original, in which they played X and Y" (the
    original, not the follow-up); None when the character is played in no
    such clause."""
    tok = ctx.doc[mention.start]
    while tok.dep_ != "relcl" and tok.head.i != tok.i:
        tok = tok.head
    work = ctx.mention_at(tok.head.i, "WORK") if tok.dep_ == "relcl" else None
    return work.entity if work is not None else None


def _attach(ctx: Context, person: str, name: str, sent: int, played_in: str | None = None) -> None:
    """Into the person's cast credit on the work the clause that plays the
    character hangs on (`_played_in`), else on a work this sentence names
    (not one it names only to describe someone, "A (Glass Season) as X"),
    else the one stated in this sentence, else their most confident one."""
    casts = [(key, fact) for key, fact in ctx.facts.items()
             if fact.predicate == "cast" and fact.subject == person and not fact.character]
    if not casts:
        return
    here = {m.entity for m in ctx.in_sentence(sent, "WORK") if m.entity and not ctx.descriptive(m)}
    ranked = sorted(casts, key=lambda kf: (played_in is not None and kf[1].object == played_in,
                                           kf[1].object in here, ctx.fact_sent[kf[0]] == sent,
                                           kf[1].confidence), reverse=True)
    ranked[0][1].character = name
