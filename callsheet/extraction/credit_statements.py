"""Credits, statuses and links a sentence's grammar states outright.

`credit_statement` finds the construction that states a person's credit on
a work ("Vance is in talks to star in 'Salt Road'", "'Salt Road' will be
directed by Pike", "Rowan Pike (Glass Season)", "Mike Leigh's Vera Drake");
`deciding_status` the status such a sentence gives it (leaving, talks,
past or upcoming); `deciding_link` the link an untitled work's own phrase
states. What they decide is taken whatever the models say
(`relations.stated_credits`); what they leave undecided the models weigh.
Company and date facts are stated the same way in `attribute_statements.py`.
"""
from __future__ import annotations

from spacy.tokens import Token

from callsheet.extraction.context import CLOSING_QUOTES, OPENING_QUOTES, Context, Mention
from callsheet.extraction.grammar import (OFFICIAL_LEMMAS, PAST_WORDS, governor, hedge_words, link_of, mention_root,
                                          noun_role, occupations, phrases_in, role_of, to_complements, work_kind_of)
from callsheet.extraction.mentions import KIND_NOUNS, PLAY_VERBS, adaptation_origin, names_origin


# nouns after "is in"/"is on" whose "to" clause names the subject's role:
# "in talks to star", "on board to produce", "in the running to direct"
ROUTE_NOUNS = {"talks", "negotiations", "discussions", "board", "running", "frame", "line", "contention"}


def predicate_verbs(verb: Token) -> list[Token]:
    """The verbs whose role the subject of `verb` takes: `verb` itself when
    it is a verb, its "to" clauses (`to_complements`), and, for an
    auxiliary standing as the verb ("is"), the "to" clause after a noun of
    `ROUTE_NOUNS` ("is in talks to star", "is on board to produce", which
    the parser hangs from "is" or from the noun; not "is in Cannes to
    present"), and the verbs joined to these that have no subject of their
    own (`_joined_verbs`)."""
    if verb.pos_ == "VERB":
        verbs = [verb, *to_complements(verb)]
    elif verb.pos_ == "AUX":
        nouns = [noun for prep in verb.children if prep.dep_ == "prep"
                 for noun in prep.children if noun.dep_ == "pobj" and noun.lower_ in ROUTE_NOUNS]
        verbs = to_complements(verb) if nouns else []
        verbs += [c for noun in nouns for c in noun.children if c.pos_ == "VERB" and c.dep_ in ("acl", "relcl")
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    else:
        return []
    return verbs + [c for v in verbs for c in _joined_verbs(v, ("VERB",))]


def _joined_verbs(verb: Token, pos: tuple[str, ...]) -> list[Token]:
    """The verbs joined to `verb` by a conjunction that have no subject of
    their own, so say more of its subject ("will write and direct"; not
    "A will direct it and B will produce it")."""
    return [c for c in verb.children if c.dep_ == "conj" and c.pos_ in pos
            and not any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children)]


def predicate_route(ctx: Context, person: Mention) -> list[Token]:
    """The words from the verb a person is the subject of to the role verb
    that verb leads to, its auxiliaries first ("will star", "is in final
    talks to star", "has been tapped to direct"): where the status phrase
    that governs the person's credit stands. Empty when the person is no
    subject or no role verb follows from its verb."""
    if person.label != "PERSON" or person.end <= person.start:
        return []
    gov = governor(mention_root(ctx, person))
    if gov.dep_ not in ("nsubj", "nsubjpass"):
        return []
    verb = gov.head
    ends = [v.i for v in predicate_verbs(verb) if role_of(ctx, v)]
    if not ends:
        return []
    start = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i > gov.i])
    return list(ctx.doc[start:max(ends) + 1])


def deciding_status(ctx: Context, person: Mention, work: Mention) -> str | None:
    """The status the sentence's grammar gives the person's credit on
    `work` outright. "exited" for one who leaves it (`leaving_status`);
    "credited" for a title that describes the person (`described_person`:
    "Glass Season actress Mara Quill", "Rowan Pike (Glass Season)", and
    every title of a bracketed list after the name, `_in_brackets_after`),
    that an award list names the person for (`_honoured_for`) or that is
    among their credits or what they are known for (`_known_for`),
    a work they are known for, so one that exists (GUIDELINES.md: past
    credits on works that exist are credited). Otherwise the status a
    deciding phrase of `statuses.tsv` gives: the phrase stands on the
    person's `predicate_route`, and the work is what the route's role verb
    governs (the first verb
    above it) or is not named in the sentence ("Vance is in talks to star
    in Salt Road" → in_talks; not Salt Road in "is in talks to direct X
    after helming Salt Road"). None when no such phrase stands there, and
    when the route is negated ("is no longer in talks") or the sentence
    has a phrase of leaving ("was in talks ... but exited"): the status
    model weighs those."""
    leaving = _leaving_phrase(ctx, person)
    if leaving is not None:  # "Glass Season star Quill is leaving the drama" is not decided credited
        return _exited(ctx, leaving, person, work)
    described = described_person(ctx, work)
    if (described is not None and described.entity == person.entity) or _in_brackets_after(ctx, person, work) \
            or _honoured_for(ctx, person, work) or _known_for(ctx, person, work):
        return "credited"
    phrase = _with_phrase(ctx, person, work)
    if phrase:  # "will star in Y, with Quill in talks to direct"
        return next((status for status, found in phrases_in(ctx, phrase)
                     if ctx.vocab.deciding.get(found) == "route"), None)
    stated = credit_statement(ctx, person, work)
    if _states_past_credit(ctx, person, work, stated):
        return "credited"
    decided = _phrase_status(ctx, person, work) or _pursuit_status(ctx, person, work)
    if decided is None and _officially_told(ctx, person, work, stated):
        return "confirmed"
    if decided is None and _states_upcoming_credit(ctx, person, work, stated):
        return "attached"
    return decided


def _phrase_status(ctx: Context, person: Mention, work: Mention) -> str | None:
    """The status a deciding phrase of `statuses.tsv` on the person's
    `predicate_route` gives the credit (see `deciding_status`)."""
    route = predicate_route(ctx, person)
    if route and _joined_verbs(governor(mention_root(ctx, person)).head, ("VERB", "AUX")):
        return None  # "was being eyed to star in Y but has now signed on": a second say on the person
    if not route or _negated(route):
        return None
    if work.end > work.start and _governing_verb(mention_root(ctx, work)) not in {t.i for t in route if role_of(ctx, t)}:
        return None
    if any(status == "exited" for status, _ in phrases_in(ctx, list(ctx.sents[person.sent]))):
        return None
    return next((status for status, phrase in phrases_in(ctx, route) if ctx.vocab.deciding.get(phrase) == "route"),
                None)


# verbs whose subject is pursuing the work they take: "Pike is circling the project"
PURSUIT_VERBS = {"circle": "in_talks"}
# prepositions after a talks phrase that name what the talks are for: "in talks for Y"
PURSUIT_PREPOSITIONS = {"for", "about", "over", "on"}


def _pursuit_status(ctx: Context, person: Mention, work: Mention) -> str | None:
    """The status of a person pursuing the work with no role verb: the
    subject of a verb of `PURSUIT_VERBS` whose object is the work ("'Glass
    Season' helmer Pike is circling the project": in talks), or of "is in
    talks for Y" (a route phrase of `statuses.tsv`, `ROUTE_NOUNS`, then a
    preposition of `PURSUIT_PREPOSITIONS`). None when negated, past ("was
    in talks"), hedged, doubted (`_doubted`), beside a phrase of leaving
    ("but dropped out") or when the work is not what is pursued."""
    if person.label != "PERSON" or person.end <= person.start or work.end <= work.start:
        return None
    gov = governor(mention_root(ctx, person))
    if gov.dep_ != "nsubj" or _negated([gov.head, *gov.head.children]) or _doubted(ctx, person.sent, gov.head):
        return None
    if any(status == "exited" for status, _ in phrases_in(ctx, list(ctx.sents[person.sent]))) or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" or c.lower_ in HEDGES for c in gov.head.children) \
            or gov.head.tag_ == "VBD":
        return None  # "was in talks for Y but dropped out", "could be circling Y"
    verb, root = gov.head, mention_root(ctx, work)
    pursued = {root.i, root.head.i} if root.dep_ in ("compound", "appos", "nmod") else {root.i}
    if verb.lemma_.lower() in PURSUIT_VERBS:
        objects = {c.i for c in verb.children if c.dep_ == "dobj"}
        return PURSUIT_VERBS[verb.lemma_.lower()] if objects & pursued else None
    def pursued_by(tok: Token) -> set[int]:
        return {o.i for p in tok.children if p.dep_ == "prep" and p.lower_ in PURSUIT_PREPOSITIONS
                for o in p.children if o.dep_ == "pobj"}
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for noun in (n for n in prep.children if n.dep_ == "pobj" and n.lower_ in ROUTE_NOUNS):
            status = next((found for found, phrase in phrases_in(ctx, list(ctx.doc[prep.i:noun.i + 1]))
                           if ctx.vocab.deciding.get(phrase) == "route"), None)
            if status and (pursued_by(noun) | pursued_by(verb)) & pursued:
                return status
    return None


# prepositions by which a verb takes its work: "star in", "appear on", "come aboard"
OBJECT_PREPOSITIONS = {"in", "on", "aboard"}
# verbs above a role verb that say the credit is not (or not yet) had: "declined
# to star", "ruled out starring", "denied reports that X will star", "would love
# to direct", "was asked to star", "hoped the cast would include"
UNSTATED_BY = {"decline", "refuse", "reject", "rule", "deny", "turn", "pass", "love", "like", "hope", "want",
               "wish", "ask", "offer", "expect", "dream", "consider", "rumour", "rumor"}
# verbs by which one joins a work to do a role there: "has joined 'Salt Road' to direct"
JOINING_VERBS = {"join", "board", "come", "sign", "return", "hop", "climb", "jump"}
# those that join a work alone, with no "to" clause: "has joined 'Salt Road'"
# ("returns to Salt Road" may be a place, "signed" a deal)
JOINING_ALONE = {"join", "board"}


def stating_role(ctx: Context, tok: Token) -> str | None:
    """`role_of` for a verb that states a credit outright (`roles.tsv`
    `states`: "direct", "star", "written"); None for one with other senses
    ("present", "shoot", "turn") and for any other word."""
    if tok.pos_ != "VERB":
        return None
    words = {tok.lemma_.lower(), tok.lower_}
    words |= {w[3:] for w in words if w.startswith("co-")}
    return role_of(ctx, tok) if words & ctx.vocab.stating else None


# the raw probability a credit stated outright is given (`confidence.py` then
# recalibrates it)
DECIDED_CREDIT = 0.9


def deciding_credit(ctx: Context, person: Mention, work: Mention) -> tuple[str, ...]:
    """The credits the sentence's grammar states outright of the person on
    `work`, by the role words of `roles.tsv` that join them
    (`credit_statement`); empty when nothing joins them so, or the work is
    a pronoun or unnamed: the model weighs those."""
    found = credit_statement(ctx, person, work)
    return found[1] if found else ()


def credit_statement(ctx: Context, person: Mention, work: Mention) -> tuple[str, tuple[str, ...]] | None:
    """(how, roles) for the construction that states the credit, or None:
    - "route": the person is the subject of a role verb or of the words
      that lead to one (`predicate_route`: "will star", "is in talks to
      direct") and the work is that verb's object (`verb_object_of`: "star
      in 'Salt Road'", "direct the drama 'Salt Road'", "starred in Salt
      Road and The Long Field"), with the role verbs joined to it that take
      no object of their own ("will write and direct 'Salt Road'");
    - "relative": the same said in a clause about the person ("Vale, who
      plays Marr in 'Salt Road'");
    - "with": the person's role word stands in a "with" phrase of the verb
      that governs the work ("will star in 'Salt Road', with Quill
      directing");
    - "joining": the work is the object of the person's verb, which names
      no role, and a "to" clause of it does ("has joined 'Salt Road' to
      direct");
    - "agent": the person is the agent of a role verb in the passive whose
      subject, or whose participle's noun, is the work ("'Salt Road' will
      be directed by Pike", "'Salt Road', written by Pike", "is written and
      directed by Pike": both roles); "the film" counts here;
    - "cast": the work stars the person, or its cast includes them
      (`_cast_member`); the project in focus when the cast is no named
      work's; or the person plays the character named before them in
      brackets ("the series follows Judy Hale (Ada Brook)":
      `_plays_bracketed`);
    - "named-as": the person is, or serves as, a role noun of the work,
      or of the project in focus where the sentence names no work ("Quill
      and Brook are executive producers", "will serve as showrunner of
      'Salt Road'": `_named_as`);
    - "focus-route": the person is the subject of a role verb that takes
      no object, or shares its clause by "with", in a sentence that names
      no work: the project in focus ("Pike will direct", "Quill and Brook
      star alongside Fenn", "Hytner is producing with Loader":
      `_role_verbs_on_focus`);
    - "by": the person is the "by" of a role noun that is part of the
      work ("from a screenplay by Pike" of the verb whose subject the work
      is, "the script for 'Salt Road' by Pike");
    - "seen": the person is seen in the work ("will next be seen in 'Salt
      Road'", "Vale, recently seen in 'Salt Road'": `_seen_in`), a cast
      credit;
    - "possessive": the person's possessive comes before the title, with
      at most a few describing words between ("Mike Leigh's abortion drama
      Vera Drake": `_owner_roles`), or their name before a kind noun and
      the title ("the Ben Stiller comedy Meet the Parents": `_vehicle_roles`),
      or their name hyphened to a role participle before it ("the Rowan
      Pike-directed thriller 'Salt Road'": `_participle_roles`);
    - "award": an award list names the person "for" the work, under a
      category that names the role ("the best director shortlist includes
      Pike for 'Salt Road'": `_honoured_for`);
    - "known-for": the work is one of the person's credits or what they
      are known for ("Pike's other credits include 'Salt Road' and ...",
      "Vale, best known for 'Salt Road'": `_known_for`);
    - "described": the title describes the person, who is known for it
      ("Glass Season actress Mara Quill", "Rowan Pike (Glass Season,
      Salt Road)": `_described_roles`);
    Never when the verb is negated ("will not direct"), nor for a person
    who only owns the agent or subject ("Mendes' company", "his partner").
    Measured in-sample over the 307 annotated articles: 123 of the 141
    such credits the gold judges are right; most wrong ones come from "the
    film" or a pronoun resolved to the wrong work or person."""
    if work.how not in ("name", "alias", "untitled", "anaphor", "implicit") or person.end <= person.start \
            or _person_denied(ctx, person):
        return None
    described = _described_roles(ctx, person, work)
    if described:
        return ("described", described)
    owned = _owner_roles(ctx, person, work) or _participle_roles(ctx, person, work)
    if owned:
        return ("possessive", owned)
    honoured = _honoured_for(ctx, person, work)
    if honoured:
        return ("award", honoured)
    known = _known_for(ctx, person, work)
    if known:
        return ("known-for", known)
    if _only_modifies(ctx, person):
        return None
    left = _leaving_roles(ctx, person, work)
    if left:
        return ("leaving", left)
    if _cast_member(ctx, person, work) or _plays_bracketed(ctx, person, work):
        return ("cast", ("cast",))
    if _plays_named_character(ctx, person, work):
        return ("playing", ("cast",))
    named_as = _named_as(ctx, person, work)
    if named_as:
        return ("named-as", named_as[1])
    on_focus = _role_verbs_on_focus(ctx, person, work)
    if on_focus:
        return ("focus-route", tuple(dict.fromkeys(stating_role(ctx, v) for v in on_focus)))
    if work.end <= work.start:
        return None
    root = mention_root(ctx, work)
    agent = _agent_verb(ctx, person)
    if agent is not None and stands(ctx, agent) and _passive_of(ctx, agent, root):
        joined = [v for v in (*agent.children, agent.head) if v.dep_ == "conj" or v.i == agent.head.i
                  and agent.dep_ == "conj"]
        joined = [v for v in joined if v.tag_ == "VBN" and stating_role(ctx, v) and not _has_object(v)
                  and not any(c.dep_ == "agent" for c in v.children)]  # "written and directed by": both
        return ("agent", tuple(dict.fromkeys(stating_role(ctx, v) for v in (agent, *joined))))
    noun = _by_noun(ctx, person)
    if noun is not None and _contributes_to(ctx, noun, root) and stands(ctx, noun):
        return ("by", (ctx.vocab.role_nouns[noun.lemma_.lower()],))
    seen = _seen_in(ctx, person, root)
    if seen is not None and stands(ctx, seen):
        return ("seen", ("cast",))
    joined = _joins_the_cast(ctx, person, root)
    if joined is not None and stands(ctx, joined):
        return ("cast-joining", ("cast",))
    back = _returns_for(ctx, person, root)
    if back is not None and stands(ctx, back):
        return ("returning", _known_roles(ctx, person) or ("cast",))
    if work.how == "anaphor":  # "the film": only as the subject, above
        return None
    verb = verb_object_of(ctx, root)
    if verb is None or not stands(ctx, verb) or _gapped(ctx, verb, root):
        return None
    if stating_role(ctx, verb):
        roles = tuple(dict.fromkeys(role for v in (verb, *_sharing_verbs(ctx, verb))
                                    if (role := stating_role(ctx, v) or _listed_role(ctx, v))))
        route = predicate_route(ctx, person)
        if route and verb.i in {t.i for t in route} and not _negated(route):
            return ("route", roles)
        relative = _relative_route(ctx, person)
        if relative and verb.i in {t.i for t in relative} and not _negated(relative):
            return ("relative", roles)
        joining = _with_role_verb(ctx, person, verb)
        if joining is not None:
            return ("with", (_gerund_role(ctx, joining),))
    elif verb.lemma_.lower() in JOINING_VERBS:
        roles = _joining_roles(ctx, person, verb)
        if roles:
            return ("joining", roles)
    return None


# which of several roles the article's verbs give a person their title
# credits, when no role noun names it: "Pike (Glass Season) is attached to
# direct, and will executive produce" is known for directing Glass Season
VERB_ROLE_ORDER = ("director", "writer", "cast", "showrunner", "creator", "host", "composer", "cinematographer",
                   "editor", "producer", "executive_producer")


def _described_roles(ctx: Context, person: Mention, work: Mention) -> tuple[str, ...]:
    """The roles of a person a title describes (`described_person`,
    `_in_brackets_after`): the role noun after the title ("Glass Season
    actress Mara Quill": cast; "Salt Road co-EP": executive producer), else
    what the article calls the person (`_known_roles`), else cast, as the
    trade press writes an actor's last work in brackets. Empty when the
    title describes no one or someone else."""
    if work.how not in ("name", "alias") or work.end <= work.start:
        return ()
    described = described_person(ctx, work)
    if described is not None and described.entity == person.entity:
        if described.start > work.start:
            nouns = [role for t in ctx.doc[work.end:described.start] if (role := noun_role(ctx, t))]
            if nouns:
                return (nouns[-1],)
    elif not _in_brackets_after(ctx, person, work):
        return ()
    return _known_roles(ctx, person) or ("cast",)


POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}
# what may stand between a possessive and its title: "Leigh's abortion drama
# Vera Drake", "Chazelle's musical “La La Land”", "Pablo Berger's first animated feature"
OWNER_GAP_POS = {"ADJ", "NOUN", "PROPN", "NUM", "ADV", "PUNCT"}
MAX_OWNER_GAP = 4
# a musician's work: "U2's Joshua Tree" is no screen credit
MUSIC_KINDS = {"song", "album"}


def _owner_roles(ctx: Context, person: Mention, work: Mention) -> tuple[str, ...]:
    """The roles "Name's Title" gives the person: what the article calls
    them (`_known_roles`), else the role `owner_roles.tsv` gives the work's
    kind ("Mike Leigh's Vera Drake": director; "Wharton's The Age of
    Innocence": writer), or of the kind a word of the sentence tells when
    the article states none (`owner_kind_words.tsv`: "adapting the novels
    Quinn's Bridgerton ..."); empty for a musician's work (a song, an album),
    for a kind the article does not state or the table has no role for,
    and when more than `MAX_OWNER_GAP` words, a verb, a list, another
    person, another title or a role word stand between ("Leigh's producer",
    "Jeremy Thomas-produced Good Boy"; "Scorsese's Aviator and Million
    Dollar Baby" is no credit on the second)."""
    doc = ctx.doc
    if work.how not in ("name", "alias") or person.sent != work.sent or person.end >= work.start:
        return ()
    if doc[person.end].text not in POSSESSIVE_MARKS:
        return _vehicle_roles(ctx, person, work)
    gap = doc[person.end + 1:work.start]
    if len(gap) > MAX_OWNER_GAP or any(
            (t.pos_ not in OWNER_GAP_POS and t.tag_ not in ("VBN", "VBG"))  # "acclaimed", "award-winning"
            or (t.pos_ == "PUNCT" and t.text not in OPENING_QUOTES and t.text != "-")
            or role_of(ctx, t) or ctx.mention_at(t.i, "PERSON") is not None or _named_work_at(ctx, t.i)
            for t in gap):
        return ()
    kind = work_kind_of(ctx, work)  # a kind the article states: a guessed one is as often a song's
    if kind in MUSIC_KINDS:
        return ()
    known = _known_roles(ctx, person)
    if known:
        return known
    if kind == "unknown":
        kind = next((ctx.vocab.owner_kinds[t.lower_] for t in ctx.sents[work.sent]
                     if t.lower_ in ctx.vocab.owner_kinds), kind)
    return (ctx.vocab.owner_roles[kind],) if kind in ctx.vocab.owner_roles else ()


# the words an award list may put between "for" and the title: "Pike for his film Salt Road"
FOR_GAP_WORDS = {"the", "his", "her", "their", "its", "film", "movie", "play", "novel", "book", "debut", "role",
                 "performance", "documentary", "series", "show", "drama", "comedy", "musical", "in", "work"}
# the verbs an award list hangs its "A for X" on: "the shortlist includes", "the
# nominees are", "the award went to", "was nominated"; not "thanked A for X"
AWARD_LIST_VERBS = {"include", "be", "go", "win", "nominate", "shortlist", "name", "feature", "honour", "honor",
                    "award", "select", "pick", "compete", "contend", "vie", "join"}
# how far back an award list's category may stand: "Best actors are A for X, B for Y, C for Z"
MAX_CATEGORY_DISTANCE = 40


def _honoured_for(ctx: Context, person: Mention, work: Mention) -> tuple[str, ...]:
    """The role an award list gives "Person for Title": the nearest role
    noun before the person in the sentence, the category ("Best actors are
    Vale for Salt Road, Quill for Glass Season": cast; "the director award
    went to Pike for Salt Road": director; "best first screenplay"), else
    what the article calls the person (`_known_roles`); empty when neither
    names a role ("booking Sir Paul for his second Super Bowl"), when the
    "for" does not lead straight to the title, or when the clause is no
    list of honours (a verb outside `AWARD_LIST_VERBS`: "Director Pike
    praised Quill for Salt Road")."""
    doc = ctx.doc
    if work.how not in ("name", "alias") or person.sent != work.sent or person.end >= work.start:
        return ()
    i = person.end + (person.end < len(doc) and doc[person.end].text == ",")
    if i >= work.start or doc[i].lower_ != "for" or any(
            t.lower_ not in FOR_GAP_WORDS and t.text not in OPENING_QUOTES for t in doc[i + 1:work.start]):
        return ()
    verb = next((t for t in governor(mention_root(ctx, person)).ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.lemma_.lower() not in AWARD_LIST_VERBS:
        return ()  # "the winner thanked Quill for Salt Road": no list of honours
    start = max(ctx.sents[person.sent].start, person.start - MAX_CATEGORY_DISTANCE)
    for tok in reversed(doc[start:person.start]):
        role = noun_role(ctx, tok)
        if role and ctx.mention_at(tok.i, "WORK") is None:
            return (role,)
    return _known_roles(ctx, person)


# nouns for a work a name before them stars in: "the Keanu Reeves starrer Replicas"
STAR_VEHICLE_NOUNS = {"starrer", "vehicle"}
# kind nouns that, after a name, say who the work is about or whose music it is,
# not who made it: "the Ray Charles biopic Ray", "the Chaka Khan hit Ain't Nobody"
NOT_MADE_BY_NOUNS = {"biopic", "hit", "track", "song", "single", "album", "record", "tribute", "documentary"}
# other words for a kind of work a trade headline puts after a name
VEHICLE_KIND_NOUNS = {"flick", "pic", "tale"}


def _vehicle_roles(ctx: Context, person: Mention, work: Mention) -> tuple[str, ...]:
    """The roles a name before a kind noun and the title gives the person,
    as headlines write a work by its star or maker: "the Ben Stiller
    comedy Meet the Parents", "the Keanu Reeves starrer Replicas" (cast),
    "the Roland Emmerich-directed film Midway" (the role word's); else what
    the article calls the person (`_known_roles`), else cast (the name is
    most often the star's). Only lower-case words and acronyms, at most
    `MAX_OWNER_GAP` and a kind noun among them, may stand between; none that says whom the
    work is about or whose music it is (`NOT_MADE_BY_NOUNS`: "the Ray
    Charles biopic Ray")."""
    gap = ctx.doc[person.end:work.start]
    kinds = ctx.vocab.work_nouns | STAR_VEHICLE_NOUNS | VEHICLE_KIND_NOUNS
    if not gap or len(gap) > MAX_OWNER_GAP or mention_root(ctx, person).dep_ not in ("compound", "npadvmod") \
            or not all(_describes_a_vehicle(ctx, t) for t in gap) or not any(t.lower_ in kinds for t in gap):
        return ()
    if any(t.lower_ in STAR_VEHICLE_NOUNS for t in gap):
        return ("cast",)
    named = [role for t in gap if t.pos_ == "VERB" and (role := role_of(ctx, t))]  # "Emmerich-directed"
    return tuple(named[:1]) or _known_roles(ctx, person) or ("cast",)


def _participle_roles(ctx: Context, person: Mention, work: Mention) -> tuple[str, ...]:
    """The role of a name joined by a hyphen to a role participle before
    the work, as the trade press names a film by its maker or star: "the
    Rowan Pike-directed thriller 'Salt Road'", "Jeremy Thomas-produced Good
    Boy", "the Mara Quill-helmed heist pic" (the work "pic" refers to),
    "Willem Dafoe-starring The Florida Project". Between the participle and
    the title only what `_describes_a_vehicle` allows, at most
    `MAX_OWNER_GAP` words; the parser hangs such names from the participle
    or from the noun, so no dependency is asked for (`_vehicle_roles`
    needs one)."""
    doc = ctx.doc
    if work.how not in ("name", "alias", "anaphor") or person.sent != work.sent \
            or person.end + 1 >= work.start or doc[person.end].text != "-":
        return ()
    participle = doc[person.end + 1]
    role = role_of(ctx, participle) if participle.tag_ in ("VBN", "VBG") and participle.is_lower else None
    gap = doc[person.end + 2:work.start]
    if role is None or len(gap) > MAX_OWNER_GAP or not all(_describes_a_vehicle(ctx, t) for t in gap):
        return ()
    return (role,)


def _describes_a_vehicle(ctx: Context, tok: Token) -> bool:
    """Whether `tok` may stand between a name and the title of a work it
    stars in or made: a lower-case word or an acronym ("WWII film"), a
    hyphen ("Emmerich-directed"), an opening quote; no conjunction,
    preposition, article, pronoun or auxiliary, nor a person."""
    return (tok.is_lower or tok.is_upper or tok.text == "-" or tok.text in OPENING_QUOTES) \
        and tok.pos_ not in ("CCONJ", "ADP", "AUX", "DET", "PRON") and tok.lower_ not in NOT_MADE_BY_NOUNS \
        and ctx.mention_at(tok.i, "PERSON") is None


def _known_for(ctx: Context, person: Mention, work: Mention) -> tuple[str, ...]:
    """The roles of a work among the person's credits or what they are
    known for: the object of "include" whose subject is the person's
    "credits" ("Pike's other credits include 'Salt Road', 'Glass Season'
    and 'Paper Kings'", "his directorial credits include", "Quill, whose
    credits include") or in the "for" phrase of "known" said of the person
    ("Vale, best known for 'Salt Road'", "who is known for films like");
    the role a word there names ("directorial credits", "known for her
    role in", "for exec producing"), else what the article calls the
    person (`_known_roles`). Empty when the work is not so listed or no
    role is known."""
    if work.how not in ("name", "alias") or work.end <= work.start or person.sent != work.sent \
            or person.end <= person.start:
        return ()
    root, who = mention_root(ctx, work), mention_root(ctx, person)
    listing = _credits_listing(who)
    if listing is not None:
        credits, include = listing
        if root in include.subtree and root not in credits.subtree and not _negated([include, *include.children]):
            named = [role for t in credits.children if t.dep_ in ("amod", "compound") and (role := role_of(ctx, t))]
            return tuple(named[:1]) or _known_roles(ctx, person)
    known = next((t for t in (who.head, *who.children) if t.lemma_.lower() == "know" and t.tag_ == "VBN"
                  and (t.head.i == who.i or t.i == who.head.i and who.dep_ == "nsubjpass")), None)
    phrase = next((c for c in known.children if c.lower_ == "for"), None) if known is not None else None
    if phrase is None or root not in phrase.subtree or _negated([known, *known.children]):
        return ()  # "is not known for"
    named = [role for t in ctx.doc[phrase.i + 1:work.start] if (role := role_of(ctx, t))]
    return tuple(named[-1:]) or _known_roles(ctx, person)


def _credits_listing(who: Token) -> tuple[Token, Token] | None:
    """("credits", "include") where the person's name, pronoun or "whose"
    clause owns the subject of "include": "Pike's credits include", "his
    credits include", "Pike, whose credits include"."""
    owners = [who] + [c for c in who.children if c.dep_ == "relcl" for c in c.subtree if c.lower_ == "whose"]
    for owner in owners:
        credits = owner.head
        if owner.dep_ == "poss" and credits.lemma_.lower() == "credit" and credits.dep_ == "nsubj" \
                and credits.head.lemma_.lower() == "include":
            return credits, credits.head
    return None


def _named_work_at(ctx: Context, i: int) -> bool:
    """Whether token `i` is part of a title (not a kind noun such as "film")."""
    found = ctx.mention_at(i, "WORK")
    return found is not None and found.how in ("name", "alias")


def _known_roles(ctx: Context, person: Mention) -> tuple[str, ...]:
    """What the article calls the person (`occupations`, and the role verb
    of a clause about this mention: "Vale, who plays Marr in X"): its role
    nouns, else the first of its role verbs by `VERB_ROLE_ORDER`; empty if
    none."""
    known = occupations(ctx).get(person.entity, frozenset())
    if person.end > person.start:
        known = known | {f"v:{role}" for clause in mention_root(ctx, person).children
                         if clause.dep_ == "relcl" and clause.pos_ == "VERB" and any(
                             c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in clause.children)
                         and (role := role_of(ctx, clause))}
    nouns = tuple(sorted(r for r in known if not r.startswith("v:")))
    if nouns:
        return nouns
    verbs = [r[2:] for r in known if r.startswith("v:")]
    return (min(verbs, key=VERB_ROLE_ORDER.index),) if verbs else ()


def _plays_bracketed(ctx: Context, person: Mention, work: Mention) -> bool:
    """Whether the person is the player a synopsis brackets after a
    character ("follows Judy Hale (Ada Brook)", `mentions.bracketed_player`)
    and `work` the first work the sentence names other than a describing
    title, or the project in focus where it names none: the work the
    character is in."""
    doc = ctx.doc
    if person.start < 2 or doc[person.start - 1].text != "(" or person.end >= len(doc) \
            or doc[person.end].text != ")":
        return False
    end = person.start - 1 - (doc[person.start - 2].text in POSSESSIVE_MARKS)
    if not any(m.end == end for m in ctx.in_sentence(person.sent, "CHARACTER")):
        return False
    works = sorted((m for m in ctx.in_sentence(person.sent, "WORK")
                    if m.entity and (m.end <= m.start or not ctx.descriptive(m))), key=lambda m: m.start)
    return bool(works) and works[0].entity == work.entity


def _seen_in(ctx: Context, person: Mention, root: Token) -> Token | None:
    """The passive "seen" that puts the person in the work whose root is
    `root`: "Vale will next be seen in 'Salt Road'", "he was seen in 'Salt
    Road' alongside Brook", "Vale, recently seen in 'Salt Road'", "Vale
    recently appeared in X and will next be seen in 'Salt Road'". In the
    annotated corpus every person "seen in" a work has a cast credit
    there (8 of 8)."""
    while root.dep_ == "conj":  # a list of titles: "seen in 'Salt Road' and 'Glass Season'"
        if ctx.mention_at(root.head.i, "WORK") is None:
            return None
        root = root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.lemma_.lower() != "see" or verb.tag_ != "VBN":
        return None
    person_root = mention_root(ctx, person)
    if any(c.dep_ == "nsubjpass" and c.i == governor(person_root).i for c in verb.children):
        return verb
    if verb.dep_ in ("acl", "parataxis", "appos") and verb.head.i == person_root.i:
        return verb
    if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children) \
            and any(c.dep_ == "nsubj" and c.i == governor(person_root).i for c in verb.head.children):
        return verb
    return None


def _joins_the_cast(ctx: Context, person: Mention, root: Token) -> Token | None:
    """The verb by which the person joins the cast of the work whose root
    is `root`: "Vale has joined the cast of 'Salt Road'", "Vale joins the
    'Salt Road' cast", "Vale has been cast in 'Salt Road'", "has been cast
    as the lead in 'Salt Road'"."""
    gov = governor(mention_root(ctx, person))
    verb = gov.head
    if gov.dep_ == "nsubj" and verb.lemma_.lower() in JOINING_VERBS:
        for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in CAST_NOUNS):
            owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
            owners += [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj"]
            if any(o.i == root.i for o in owners):
                return verb
    if gov.dep_ == "nsubjpass" and verb.lemma_.lower() == "cast":
        found = verb_object_of(ctx, root)
        if found is not None and found.i == verb.i:
            return verb
        part = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "in" else None
        if part is not None and part.dep_ == "pobj" and part.head.lower_ == "as" and part.head.head.i == verb.i:
            return verb  # "has been cast as the lead in 'Salt Road'"
    return None


def _returns_for(ctx: Context, person: Mention, root: Token) -> Token | None:
    """The verb by which the person comes back for the work whose root is
    `root`, as a sequel's returning cast does: "Vale and Brook are returning
    for 'Iron Tide 2'", "will be back for", "returns in the sequel"; not
    with a "to" clause, which names the role itself ("returns to direct"),
    nor "returns to Salt Road" (a place as often as a work)."""
    gov = governor(mention_root(ctx, person))
    verb = gov.head
    if gov.dep_ != "nsubj" or to_complements(verb):
        return None
    backs = [c for c in verb.children if c.lower_ == "back" and c.dep_ in ("advmod", "prt")]
    if verb.lemma_.lower() != "return" and not (verb.lemma_.lower() in ("be", "come") and backs):
        return None
    works = {root.i, root.head.i} if root.dep_ in ("compound", "appos", "nmod") else {root.i}
    return verb if any(o.i in works for t in (verb, *backs) for p in t.children
                       if p.dep_ == "prep" and p.lower_ in ("for", "in")
                       for o in p.children if o.dep_ == "pobj") else None


def _only_modifies(ctx: Context, person: Mention) -> bool:
    """Whether the person's name only modifies another word ("Mendes'
    company", "Reddy protege Ada Brook"); not the gerund parsed as their
    noun ("with Quill directing")."""
    root = mention_root(ctx, person)
    return root.dep_ == "poss" or root.dep_ == "compound" and not _gerund_role(ctx, root.head)


def _person_denied(ctx: Context, person: Mention) -> bool:
    """Whether the person is named only to be denied: "Reddy, not Quill,
    will direct", "Neither Reddy nor Quill will direct"."""
    before = {ctx.doc[i].lower_ for i in range(max(person.start - 2, 0), person.start)}
    return bool(before & {"not", "nor", "neither"})


# verbs whose "as" names the role their subject takes on: "will serve as showrunner"
SERVING_VERBS = {"serve", "act", "sign", "come", "board", "join", "return"}
# verbs whose "as" names the role their object (or passive subject) is given:
# "has tapped Madrona as showrunner", "are named as producers of the movie"
APPOINTING_VERBS = {"tap", "name", "hire", "appoint", "credit", "recruit", "enlist", "bring", "add", "announce",
                    "confirm", "set", "choose", "select", "pick"}
# prepositions by which a role noun takes its work: "showrunner of", "producers on", "EP for"
ROLE_NOUN_PREPOSITIONS = {"of", "on", "for"}


def _named_as(ctx: Context, person: Mention, work: Mention) -> tuple[Token, tuple[str, ...]] | None:
    """(verb, roles) of the first clause about the person (`_clauses_of`)
    that names their roles on the work (`_named_as_roles`); one who shares
    the clause by "with" takes only the role named last before it ("will
    serve as showrunner and executive produce with Child": Child an
    executive producer). None when no clause names a role."""
    gov = governor(mention_root(ctx, person))
    shared = _sharing_clause(ctx, gov)
    for verb in _clauses_of(ctx, person):
        roles = _named_as_roles(ctx, verb, person, work)
        if not roles:
            continue
        if verb not in shared:
            return verb, roles
        # "will serve as showrunner and executive produce with Child": the role next before "with"
        nearest = next((role for t in reversed(list(verb.subtree)) if t.i < gov.head.i
                        and (role := noun_role(ctx, t))), None)
        return (verb, (nearest,)) if nearest in roles else None
    return None


def _named_as_roles(ctx: Context, verb: Token, person: Mention, work: Mention) -> tuple[str, ...]:
    """The roles the person is said to hold on the work by a role noun
    after "is" or the "as" of a serving or appointing verb (`SERVING_VERBS`,
    `APPOINTING_VERBS`) in the clause of `verb`, with the role nouns joined
    to it: "Quill and Brook are executive producers", "Quill, who was a
    writer and co-EP on 'Salt Road'", "will serve as showrunner and exec
    producer of 'Salt Road'", "has tapped Madrona as showrunner", "are
    named as producers of the movie". The work is what the role noun (or
    the verb) takes by `ROLE_NOUN_PREPOSITIONS` (for an appointing verb
    that takes none, what a verb joined to it takes: "has ordered 'Salt
    Road' and has tapped Madrona as showrunner"), else, when it takes none
    and the sentence names no work, the project in focus, unless said in
    the past ("Quill was a producer", "served as producer": of what, the
    sentence does not say; "was named as producer" is news of the project)
    or with "a" ("Quill is a producer" describes her). Empty when the
    clause does not stand (`stands`: "is not a producer") or is a modal's
    ("would be a great director", `_would`), when the role noun describes
    the person (`_describes`: "a former producer", "a big star in Korea"),
    or names no role of the work's ("is Quill's producer", "has joined
    Harbour Channel as a producer")."""
    if not stands(ctx, verb) or _would(verb):
        return ()
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "dobj" and ctx.mention_at(c.i, "WORK") is None and ctx.mention_at(c.i, "PERSON") is None
           for c in verb.children):
        return ()  # "has joined Harbour Channel as a producer": the company's, not the work's
    if lemma == "be":
        nouns = [c for c in verb.children if c.dep_ == "attr"]
    elif lemma in SERVING_VERBS | APPOINTING_VERBS:
        nouns = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"
                 for o in p.children if o.dep_ == "pobj"]
    else:
        return ()
    nouns += [c for n in nouns for c in n.conjuncts]
    nouns = [n for n in nouns if not _describes(n)]
    roles = tuple(dict.fromkeys(r for n in nouns if (r := noun_role(ctx, n)) and not _someones(ctx, n)))
    if not roles:
        return ()
    taken = [o for t in (verb, *nouns) for p in t.children if p.dep_ == "prep" and p.lower_ in ROLE_NOUN_PREPOSITIONS
             for o in p.children if o.dep_ == "pobj"]
    if work.end > work.start:
        root = mention_root(ctx, work)
        if not taken and lemma in APPOINTING_VERBS:  # "has ordered 'Salt Road' and has tapped Madrona as showrunner"
            taken = _objects_of_joined_verbs(verb)
        return roles if any(o.i == root.i or o.i == root.head.i and root.dep_ in ("compound", "appos") for o in taken) \
            else ()
    past = lemma not in APPOINTING_VERBS and (  # "was named as producer" is news of the project
        verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children))
    others = [m for m in ctx.in_sentence(person.sent, "WORK") if m.explicit and not ctx.descriptive(m)]
    generic = lemma == "be" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for n in nouns for c in n.children)
    return roles if work.how == "implicit" and not taken and not others and not past and not generic else ()


# what makes a role noun a description of someone rather than their post on a work:
# "is a former producer", "a big star in Korea", "a director by trade", "a composer from Leeds"
DESCRIBING_WORDS = {"former", "ex", "big", "great", "good", "brilliant", "talented", "veteran", "prolific",
                    "successful", "renowned", "famous", "acclaimed", "accomplished", "seasoned", "experienced",
                    "celebrated", "legendary", "respected", "established", "aspiring", "budding", "favourite",
                    "favorite"}
DESCRIBING_PREPOSITIONS = {"in", "at", "from", "by", "than", "since"}


def _describes(noun: Token) -> bool:
    """Whether a role noun after "is" describes the person rather than
    their post on a work: a describing or compared adjective ("a former
    producer", "an Emmy-winning producer", "a better director than"), or
    a preposition that places them ("a big star in Korea", "a director by
    trade", "a composer from Leeds")."""
    return any(c.dep_ in ("amod", "compound") and (c.lower_ in DESCRIBING_WORDS or c.tag_ in ("JJR", "JJS")
                                                   or c.lower_.endswith("-winning"))
               or c.dep_ == "prep" and c.lower_ in DESCRIBING_PREPOSITIONS for c in noun.children)


def _would(verb: Token) -> bool:
    """Whether a modal other than "will" hangs on the verb ("would be a
    great director", "could serve as producer")."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in FUTURE_AUXILIARIES for c in verb.children)


def _role_verbs_on_focus(ctx: Context, person: Mention, work: Mention) -> list[Token]:
    """The role verbs (`stating_role`) the person's clause leads to
    (`predicate_verbs`), the person its subject or sharing it by "with",
    "along with" or "alongside" (`_sharing_clause`), that take no object of
    their own ("Pike will direct.", "Quill and Brook star alongside Fenn",
    "Hytner is producing with Loader and Jones"): their work is the project
    in focus, so `work` must be its implicit mention in a sentence that
    names no work. Empty when the clause does not stand (`stands`) or is
    told in the past or perfect ("Pike directed", "has produced": of what,
    the sentence does not say)."""
    if work.how != "implicit" or person.end <= person.start or any(
            m.explicit and not ctx.descriptive(m) for m in ctx.in_sentence(person.sent, "WORK")):
        return []
    gov = governor(mention_root(ctx, person))
    clauses = [gov.head] if gov.dep_ == "nsubj" else _sharing_clause(ctx, gov)
    if not clauses or not stands(ctx, clauses[0]):
        return []
    verbs = [v for v in predicate_verbs(clauses[0]) if stating_role(ctx, v) and stands(ctx, v) and not any(
        c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS for c in v.children)]
    if any(v.tag_ == "VBD" or any(a.dep_ == "aux" and (a.tag_ == "VBD" or a.lemma_ == "have") for a in v.children)
           for v in [clauses[0], *verbs]):
        return []
    return verbs


def _objects_of_joined_verbs(verb: Token) -> list[Token]:
    """The objects of the verbs joined to `verb` by "and", and what their
    "to" or "for" takes ("has given a series order to 'Salt Road' and
    tapped Madrona as showrunner": "order", "Salt Road")."""
    joined = ([verb.head] if verb.dep_ == "conj" else []) + [c for c in verb.children if c.dep_ == "conj"]
    objects = [c for v in joined for c in v.children if c.dep_ == "dobj"]
    return objects + [o for t in joined + objects for p in t.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                      for o in p.children if o.dep_ == "pobj"]


def _clauses_of(ctx: Context, person: Mention) -> list[Token]:
    """The verbs of the clause the person is the subject of (or the object
    or passive subject of, for an appointing verb), of the relative clauses
    about them ("Quill, who was a writer on Y, will ...")
    and of the clause they share in by "with" (`_sharing_clause`)."""
    root = mention_root(ctx, person)
    gov = governor(root)
    noun = root.head if root.dep_ in ("appos", "flat", "compound") else root
    named = gov.dep_ == "nsubj" or gov.dep_ in ("nsubjpass", "dobj") and gov.head.lemma_.lower() in APPOINTING_VERBS
    return [gov.head] * named + [c for c in noun.children if c.dep_ == "relcl" and any(
        s.dep_ == "nsubj" and s.lower_ in RELATIVE_PRONOUNS for s in c.children)] + _sharing_clause(ctx, gov)


# prepositions that put a person beside a clause's subjects in its role: "are EPs along with X"
SHARING_PREPOSITIONS = {"with", "alongside"}


def _sharing_clause(ctx: Context, gov: Token) -> list[Token]:
    """The verb of the clause a person shares by "with", "along with" or
    "alongside", hung on the verb or on its role noun ("Quill and Brook are
    executive producers along with Ada Fenn"): [] when there is none, or
    the person has a role of their own ("with Brook directing", "with
    Abrams and Fenn also executive producing", "alongside Fenn, who is the
    showrunner")."""
    prep = gov.head
    if gov.dep_ != "pobj" or prep.lower_ not in SHARING_PREPOSITIONS or any(
            c.dep_ in ("acl", "relcl", "appos") for c in gov.subtree) or any(
            t.tag_ == "VBG" and role_of(ctx, t) for t in gov.doc[gov.i:gov.sent.end]):
        return []  # "with Brook directing", "alongside Fenn, who is the showrunner": a role of their own
    if prep.lower_ == "with" and prep.head.lower_ == "along":
        prep = prep.head
    anchor = prep.head
    if anchor.pos_ in ("VERB", "AUX"):
        return [anchor]
    if anchor.dep_ == "attr" or anchor.dep_ == "pobj" and anchor.head.lower_ == "as":
        return [anchor.head if anchor.dep_ == "attr" else anchor.head.head]
    return []


def _someones(ctx: Context, noun: Token) -> bool:
    """Whether a role noun is a person's name or a person's own ("is Quill's
    producer": hers, not the work's); not "the director" that coreference
    took for the subject's own descriptor."""
    named = ctx.mention_at(noun.i, "PERSON")
    return named is not None and named.how != "descriptor" or any(
        c.dep_ == "poss" and ctx.mention_at(c.i, "PERSON") is not None for c in noun.children)


def stands(ctx: Context, verb: Token) -> bool:
    """Whether the clause of `verb` states what it says: not negated, not
    under a verb of refusing, wishing or asking (`UNSTATED_BY`: "declined to
    star", "denied reports that Quill will star"), not asked (`denied`), not
    a condition or a near miss ("if Quill starred in Y", "almost starred")."""
    if _negated([verb, *verb.children]) or denied(ctx, verb):
        return False
    if any(c.lower_ in ("almost", "nearly") for c in verb.children) or any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for v in (verb, *verb.ancestors) for c in v.children):
        return False
    return not any(a.lemma_.lower() in UNSTATED_BY for a in verb.ancestors if a.pos_ in ("VERB", "AUX", "NOUN"))


def _joining_roles(ctx: Context, person: Mention, verb: Token) -> tuple[str, ...]:
    """The roles of the "to" clauses of the verb the person is the subject
    of, when that verb has the work as its object and names no role itself,
    and those clauses take no object of their own ("has joined 'Salt Road'
    to direct", "is coming aboard 'Salt Road' to co-produce"); with no such
    clause, a verb of `JOINING_ALONE` joins the work in the role the
    article gives the person ("Vale, who plays Marr in X, has joined 'Salt
    Road'": cast)."""
    gov = governor(mention_root(ctx, person))
    if gov.dep_ not in ("nsubj", "nsubjpass") or gov.head.i != verb.i or _negated([verb, *verb.children]):
        return ()
    clauses = [v for v in predicate_verbs(verb) if v.i != verb.i and stating_role(ctx, v)]
    if not clauses and verb.lemma_.lower() in JOINING_ALONE:
        if any(c.lower_ in ("as", "opposite", "alongside") for c in verb.children):
            return ()  # "has joined 'Salt Road' as a producer", "opposite Quill": not the role known before
        return _known_roles(ctx, person)
    found = [v for v in clauses if not _negated(v.children) and not _has_object(v)]
    return tuple(dict.fromkeys(stating_role(ctx, v) for v in found))


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubj") or c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS
               for c in verb.children)


def _gapped(ctx: Context, first: Token, second: Token) -> bool:
    """Whether the sentence pairs works with different people, so that what
    lies between `first` (a work or its verb) and `second` (a later work)
    is not one list: "respectively", or a person named between them in a
    list of their own ("A will star in X and B in Y"; not "star alongside B
    in Y")."""
    sent = ctx.sents[ctx.sent_of[first.i]]
    if any(t.lower_ == "respectively" for t in sent):
        return True
    for i in range(first.i + 1, second.i):
        person = ctx.mention_at(i, "PERSON")
        if person is not None and (first.pos_ != "VERB" or mention_root(ctx, person).dep_ == "conj"):
            return True
    return False


def _sharing_verbs(ctx: Context, verb: Token) -> list[Token]:
    """Role verbs coordinated with `verb` that have neither a subject nor
    an object of their own, so take its object ("write and direct X"), and
    those the parser hung on the title instead (`_roles_run_into`)."""
    joined = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        joined.append(verb.head)
    shared = [v for v in joined if stating_role(ctx, v) and not _has_object(v)
              and not any(c.dep_ == "nsubjpass" for c in v.children)]
    return shared + [v for v in _roles_before_work(ctx, verb) if v not in shared]


LIST_WORDS = {",", "and", "&"}


def _roles_before_work(ctx: Context, verb: Token) -> list[Token]:
    """The role verbs listed right after `verb` up to a title, read on the
    words: "write and direct 'Salt Road'", "write, direct and star in 'Salt
    Road'" (the parser often takes "direct" for an adjective of the title);
    [] unless the list runs into a work."""
    doc, found = ctx.doc, []
    i = verb.i + 1
    while i < len(doc):
        tok = doc[i]
        if tok.text in LIST_WORDS or tok.text in OPENING_QUOTES:
            i += 1
        elif stating_role(ctx, tok) and tok.tag_.startswith("VB") or _listed_role(ctx, tok) \
                and tok.pos_ in ("VERB", "ADJ", "NOUN") and doc[i - 1].text in LIST_WORDS:
            found.append(tok)
            i += 1
        elif tok.lower_ in OBJECT_PREPOSITIONS and found:
            i += 1
        else:
            break
    return found if found and i < len(doc) and ctx.mention_at(i, "WORK") else []


def _listed_role(ctx: Context, tok: Token) -> str | None:
    """The role of a word `_roles_before_work` found, whatever part of
    speech the tagger gave it ("direct" as an adjective, "star" as a noun)."""
    lemma = tok.lemma_.lower()
    return ctx.vocab.role_verbs.get(lemma) if lemma in ctx.vocab.stating else None


def _roles_run_into(ctx: Context, verb: Token, work: Token) -> bool:
    """Whether role verbs listed after `verb` run into the title whose head
    is `work` (`_roles_before_work`)."""
    roles = _roles_before_work(ctx, verb)
    if not roles:
        return False
    after = roles[-1].i + 1
    while after < len(ctx.doc) and (ctx.doc[after].text in OPENING_QUOTES or ctx.doc[after].lower_ in OBJECT_PREPOSITIONS):
        after += 1
    mention = ctx.mention_at(after, "WORK")
    return mention is not None and mention.start <= work.i < mention.end


def _negated(tokens) -> bool:
    return any(t.dep_ == "neg" or t.lower_ in NEGATIONS for t in tokens)


RELATIVE_PRONOUNS = {"who", "that"}


def _relative_route(ctx: Context, person: Mention) -> list[Token]:
    """`predicate_route` of a relative clause about the person ("Vale, who
    is set to star in Y"): its verb and the role verbs it leads to."""
    if person.label != "PERSON":
        return []
    root = mention_root(ctx, person)
    noun = root.head if root.dep_ in ("appos", "flat", "compound") else root  # "Lee, 82, who created"
    for clause in noun.children:
        if clause.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS
                                          for c in clause.children):
            verbs = [v for v in predicate_verbs(clause) if stating_role(ctx, v)]
            return [clause, *verbs] if verbs else []
    return []


def _with_role_verb(ctx: Context, person: Mention, verb: Token) -> Token | None:
    """The role word of a "with" phrase joined to `verb`'s clause that says
    what the person does on its work ("will star in Y, with Quill
    directing", "with Quill in talks to direct", "with Quill set to
    direct", however the parser hangs the phrase); None when that word has
    an object of its own ("with Quill directing Z")."""
    gov = governor(mention_root(ctx, person))
    found: list[Token] = []
    if gov.dep_ == "pobj" and gov.head.lower_ == "with" and gov.head.head.i == verb.i:
        if gov.i != mention_root(ctx, person).i:  # "with Quill directing", the gerund parsed as the noun
            found.append(gov)
        after = [c for c in verb.children if c.dep_ == "prep" and c.i == person.end]  # "in talks" hung on the verb
        for child in [*gov.children, *after]:
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                found += [child, *to_complements(child)]
            elif child.dep_ == "prep":
                found += [c for noun in child.children if noun.dep_ == "pobj" and noun.lower_ in ROUTE_NOUNS
                          for c in noun.children if c.pos_ == "VERB" and c.dep_ in ("acl", "relcl")]
    elif gov.dep_ == "nsubj" and gov.head.dep_ == "advcl" and gov.head.head.i == verb.i and any(
            c.dep_ == "mark" and c.lower_ == "with" for c in gov.head.children):
        found += predicate_verbs(gov.head)  # "with Quill set to direct"
    for word in found:
        if _gerund_role(ctx, word) and not _negated([word, *word.children]) and not _has_object(word):
            return word
    return None


def _with_phrase(ctx: Context, person: Mention, work: Mention) -> list[Token]:
    """The words after the person up to their role word, when a "with"
    phrase says what they do on `work` (`_with_role_verb`): "in talks to
    direct", "set to direct"; empty otherwise."""
    if work.end <= work.start or person.end <= person.start:
        return []
    verb = verb_object_of(ctx, mention_root(ctx, work))
    word = _with_role_verb(ctx, person, verb) if verb is not None else None
    return list(ctx.doc[person.end:word.i + 1]) if word is not None and word.i >= person.end else []


def _gerund_role(ctx: Context, tok: Token) -> str | None:
    """`role_of`, also for a gerund the parser took for a noun ("with Quill
    directing": "directing", "producing", "starring", "writing")."""
    role = stating_role(ctx, tok)
    if role or not tok.lower_.endswith("ing") or tok.pos_ != "NOUN":
        return role
    stem = tok.lower_[:-3]
    for lemma in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None):
        if lemma and lemma in ctx.vocab.stating and ctx.vocab.role_verbs.get(lemma):
            return ctx.vocab.role_verbs[lemma]
    return None


def _agent_verb(ctx: Context, person: Mention) -> Token | None:
    """The role verb the person is the agent of ("directed by Pike")."""
    gov = governor(mention_root(ctx, person))
    if gov.dep_ == "pobj" and gov.head.dep_ == "agent" and stating_role(ctx, gov.head.head):
        return gov.head.head
    return None


# verbs whose subject, a work, has the person as its object: "'Salt Road' stars Vale"
STARRING_VERBS = {"star", "co-star", "feature"}
# verbs whose subject, the cast, lists the people in it: "the cast includes Vale"
LISTING_VERBS = {"include", "feature", "comprise", "boast"}
CAST_NOUNS = {"cast", "ensemble", "line-up", "lineup"}


def _cast_member(ctx: Context, person: Mention, work: Mention) -> bool:
    """Whether the sentence lists the person in the work's cast: the work
    stars them ("'Salt Road' stars Vale and Brook", "the film starred
    Vale"), or its cast includes them ("the cast of 'Salt Road' includes
    Vale", "the cast will also feature Vale, alongside Brook"; a cast of no
    named work is the project in focus)."""
    gov = governor(mention_root(ctx, person))
    if gov.dep_ == "dobj":
        verb = gov.head
    elif gov.dep_ == "pobj" and gov.head.dep_ == "prep" and gov.head.lower_ == "alongside":
        verb = gov.head.head
    else:
        return False
    if verb.pos_ != "VERB" or not stands(ctx, verb) or verb.dep_ not in ("ROOT", "conj", "relcl") \
            or any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("will", "'ll") for c in verb.children):
        return False  # "fans had hoped the cast would include X"
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    lemma = verb.lemma_.lower()
    if _work_stars(ctx, verb, work):
        return True
    for subject in subjects:
        if lemma in LISTING_VERBS and subject.lemma_.lower() in CAST_NOUNS:
            owners = [c for c in subject.children if c.dep_ in ("poss", "compound")]
            owners += [g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj"]
            if any(w.lower_ in PAST_WORDS for o in [subject, *owners] for w in o.children):
                return False  # "the original cast", "the cast of the original film"
            if owners:
                return work.end > work.start and any(o.i == mention_root(ctx, work).i for o in owners)
            return work.how == "implicit"
    return False


# relative pronouns that stand for a work: "'Salt Road', which starred Vale"
WORK_RELATIVE_PRONOUNS = {"which", "that"}


def _work_stars(ctx: Context, verb: Token, work: Mention) -> bool:
    """Whether `verb` is a verb of `STARRING_VERBS` whose subject is the
    work: "'Salt Road' stars Vale", or the work a relative clause hangs
    from ("'Salt Road', which also starred Vale")."""
    if work.end <= work.start or verb.lemma_.lower() not in STARRING_VERBS:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    relative = verb.dep_ == "relcl" and work.how in ("name", "alias") and any(
        c.lower_ in WORK_RELATIVE_PRONOUNS for c in subjects)
    if relative:  # the title the clause hangs from, wherever the parser puts its root; not "the film, which"
        return work.start <= verb.head.i < work.end
    return any(c.i == mention_root(ctx, work).i for c in subjects)


def _starring_verb(ctx: Context, person: Mention, work: Mention) -> Token | None:
    """The verb by which the work stars the person (`_work_stars`), the
    person its object; None when there is none."""
    gov = governor(mention_root(ctx, person))
    return gov.head if gov.dep_ == "dobj" and _work_stars(ctx, gov.head, work) else None


# words of a sentence that casts its work: "Starring A as X, ...", "the film stars A as X"
CASTING_WORDS = {"star", "starring", "cast", "play", "voice", "feature", "co-star", "topline", "headline"}


def _plays_named_character(ctx: Context, person: Mention, work: Mention) -> bool:
    """Whether the person is named right before "as" and a character, in a
    sentence with a word of casting and no other work than this one
    ("Starring A as X, B as Y and C as Z, the film 'T' opens in May": each
    of them, however the parser joins the list). Not a work that only
    describes someone ("Glass Season star Quill")."""
    doc = ctx.doc
    if work.sent != person.sent or person.end + 1 >= len(doc) or doc[person.end].lower_ != "as" \
            or work.how not in ("name", "alias", "anaphor") \
            or not any(m.start == person.end + 1 for m in ctx.in_sentence(person.sent, "CHARACTER")):
        return False
    works = {m.entity for m in ctx.in_sentence(person.sent, "WORK")
             if m.how in ("name", "alias", "anaphor") and not ctx.descriptive(m)}
    sent = ctx.sents[person.sent]
    return works == {work.entity} and not ctx.descriptive(work) \
        and any(t.lemma_.lower() in CASTING_WORDS or t.lower_ in CASTING_WORDS for t in sent)


def _by_noun(ctx: Context, person: Mention) -> Token | None:
    """The role noun whose "by" the person is ("a screenplay by Erwin")."""
    gov = governor(mention_root(ctx, person))
    prep = gov.head
    if gov.dep_ == "pobj" and prep.lower_ == "by" and prep.dep_ == "prep" and prep.head.pos_ == "NOUN" \
            and prep.head.lemma_.lower() in ctx.vocab.role_nouns:
        return prep.head
    return None


def _contributes_to(ctx: Context, noun: Token, work: Token) -> bool:
    """Whether what `noun` names is part of `work`: "Salt Road's
    screenplay", "the script for Salt Road", or the subject of the verb it
    comes with ("'Salt Road' will be helmed by Pike from a screenplay by")."""
    if work.dep_ == "poss" and work.head.i == noun.i:
        return True
    if work.dep_ == "pobj" and work.head.head.i == noun.i and work.head.lower_ in ("for", "of"):
        return True
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        verb = noun.head.head
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.i == work.i for c in verb.children)
    return False


def _passive_of(ctx: Context, verb: Token, work: Token) -> bool:
    """Whether `work` is what the passive `verb` says was done: its subject
    ("'Salt Road' will be directed by", "is to be directed by"), or the noun its participle
    describes ("'Salt Road', directed by", "the drama 'Salt Road', written
    by"), through a kind noun the title names."""
    verbs = [verb]
    if verb.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        verbs.append(verb.head)  # "is written and directed by"; not "A was directed by X and B was directed by Y"
    if any(c.dep_ == "nsubjpass" and c.i == work.i for v in verbs for c in v.children):
        return True
    if verb.dep_ == "xcomp" and [a.lower_ for a in verb.children if a.dep_ in ("aux", "auxpass")] == ["to", "be"] \
            and verb.head.lemma_ == "be" and any(c.dep_ == "nsubj" and c.i == work.i for c in verb.head.children):
        return True  # "'Salt Road' is to be directed by", which the parser gives "is" as its subject
    if verb.dep_ in ("acl", "relcl") and verb.head.i == work.i:
        return True
    noun = verb.head if verb.dep_ in ("acl", "relcl") else None
    return noun is not None and work.head.i == noun.i and work.dep_ in ("appos", "compound") \
        and noun.lemma_.lower() in ctx.vocab.work_nouns and link_of(ctx, noun) is None


# what a verb of playing takes before "for" the work: "reprise his role for 'Don Game'"
PART_NOUNS = {"role", "part"}


def verb_object_of(ctx: Context, tok: Token) -> Token | None:
    """The verb whose object `tok` is: directly, through "in" or "on"
    (`OBJECT_PREPOSITIONS`), through a list ("Salt Road and The Long
    Field"), through a kind noun it names ("the drama 'Salt Road'", "the
    'Salt Road' film"), or through the part a verb of playing names ("plays
    a nurse in Salt Road", "reprise his role for Salt Road"); None when it
    is the object of anything else, a
    link noun's source among them ("the sequel to Salt Road")."""
    while True:
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ == "dobj" and head.pos_ == "VERB":
            return head
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in OBJECT_PREPOSITIONS:
            if head.head.pos_ == "VERB":
                return head.head
            part = head.head  # "plays a nurse in Salt Road": the parser hangs the work on the part
            if part.dep_ == "dobj" and part.head.lemma_.lower() in PLAY_VERBS:
                return part.head
            return None
        if tok.dep_ == "pobj" and head.lower_ == "for":  # "will reprise his role for 'Don Game'"
            part = head.head
            if part.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in PART_NOUNS
                                           for c in part.children):
                return part
            if part.lemma_.lower() in PART_NOUNS and part.dep_ == "dobj" and part.head.pos_ == "VERB":
                return part.head
            return None
        if tok.dep_ == "conj" and head.pos_ == "VERB" and _roles_run_into(ctx, head, tok):
            return head  # "will write and direct 'Salt Road'" parsed with the title joined to "write"
        if tok.dep_ == "conj" and _gapped(ctx, head, tok):
            return None
        if tok.dep_ == "conj" and (head.pos_ == "PROPN" or ctx.mention_at(head.i, "WORK")) or \
                tok.dep_ in ("appos", "compound", "nmod", "conj", "poss") and head.pos_ == "NOUN" \
                and head.lemma_.lower() in ctx.vocab.work_nouns and link_of(ctx, head) is None:
            tok = head
            continue
        return None


def _states_past_credit(ctx: Context, person: Mention, work: Mention,
                        stated: tuple[str, tuple[str, ...]] | None) -> bool:
    """Whether the person's own clause states the credit (`credit_statement`,
    as its subject or in a clause about them) with the role verb in the
    past: "Pike directed 'Salt Road'", "Vale, who starred in 'Salt Road'",
    "has directed 'Salt Road'", "'Salt Road', which starred Vale", "Quill
    was a producer on 'Salt Road'"; not "was set to direct", "would have
    starred", "had been in talks to star". GUIDELINES.md: past credits on
    works that exist are credited; in the annotated corpus all 38 such
    statements that the gold has are (in-sample recognition). `stated`
    is the pair's `credit_statement`."""
    if stated is not None and stated[0] == "seen":  # "he was seen in", "Vale, recently seen in"
        verb = _seen_in(ctx, person, mention_root(ctx, work))
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        return [a.tag_ for a in auxiliaries] == ["VBD"] or not auxiliaries and verb.dep_ != "conj" and \
            any(c.lower_ in PAST_WORDS | {"recently"} for c in verb.children)
    if stated is not None and stated[0] == "cast":  # "'Salt Road', which starred Vale"; not "stars", "will star"
        verb = _starring_verb(ctx, person, work)
        return verb is not None and _simple_past(verb)
    if stated is not None and stated[0] == "named-as":  # "Quill, who was a producer on 'Salt Road'"
        return _simple_past(_named_as(ctx, person, work)[0])
    if stated is not None and stated[0] == "cast-joining":  # "Vale joined the cast of 'Salt Road' in 2010"
        return _simple_past(_joins_the_cast(ctx, person, mention_root(ctx, work)))
    if stated is None or stated[0] not in ("route", "relative"):
        return False
    verb = verb_object_of(ctx, mention_root(ctx, work))
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD":
        return not auxiliaries
    return verb.tag_ == "VBN" and len(auxiliaries) == 1 and auxiliaries[0].lemma_ == "have"


def _simple_past(verb: Token) -> bool:
    """Whether the verb is in the simple past, with no auxiliary ("starred",
    "was a producer"; not "had starred", "was set")."""
    return verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


# auxiliaries of the future: "will direct", "she'll star", "won't" is negated anyway
FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo"}
# verbs whose "to" clause is a role still ahead: "is set to direct", "is slated to star"
AHEAD_VERBS = {"set", "slate", "due", "poise", "schedule", "sign"}
# a role under way that may be long running ("is currently starring in" a
# play on stage, "is now hosting" a show): a credit on a work that exists
ONGOING_WORDS = {"currently", "now", "still"}


def _states_upcoming_credit(ctx: Context, person: Mention, work: Mention,
                            stated: tuple[str, tuple[str, ...]] | None) -> bool:
    """Whether the sentence states the credit (`credit_statement`, by the
    person's own verb, a clause about them, a passive's agent, a verb of
    joining, a cast, "seen in" or a role noun) as a role ahead or under way: "will
    direct 'Salt Road'", "is set to star in", "'Salt Road' will be directed
    by Pike", "'Salt Road', directed by Pike, will open in May", "is
    producing", "has signed to star", "has joined 'Salt Road' to direct",
    "will next be seen in". GUIDELINES.md: "is to", "will",
    "set to", "has signed" without an official statement is attached. Held
    out, the status model had called 46 trade-press credits attached in
    gold credited.

    Not decided (the status model weighs them): "would direct"; a plan
    told in the past ("was set to direct", "had been set to direct"); a
    role under way on a work that exists ("is currently starring in", a
    work the article shows is out, `Context.released`); a hedge in the
    sentence ("reportedly") or a statement the credit is told in ("Kestrel
    Films said Pike will direct", "according to Kestrel Films"), which
    make it rumored or confirmed. `stated` is the pair's
    `credit_statement`."""
    if stated is None or stated[0] not in ("route", "relative", "agent", "joining", "cast", "seen", "cast-joining",
                                           "named-as", "focus-route"):
        return False
    sent = ctx.sents[person.sent]
    words = {t.lower_ for t in sent}
    if hedge_words(sent) or "according" in words or work.entity in ctx.released:
        return False
    under_way = bool(words & ONGOING_WORDS)  # "is starring in 'Salt Road', currently in its third year"
    if stated[0] == "joining":
        return not _told_in_statement(ctx, mention_root(ctx, person))
    if stated[0] == "cast-joining":  # "has joined the cast of", "has been cast in"; not "joined ... in 2010"
        verb = _joins_the_cast(ctx, person, mention_root(ctx, work))
        return verb.tag_ != "VBD" and not any(a.lower_ == "had" for a in verb.children) \
            and not _told_in_statement(ctx, verb)
    if stated[0] == "agent":
        verbs = [_agent_verb(ctx, person)]
        if verbs[0].dep_ == "acl" and verbs[0].head.dep_ in ("nsubj", "nsubjpass"):
            verbs.append(verbs[0].head.head)  # "'Salt Road', directed by Pike, will open in May"
    elif stated[0] == "cast":
        verbs = [governor(mention_root(ctx, person)).head]  # "the film will star Vale", "the cast will include"
    elif stated[0] == "focus-route":
        verbs = _role_verbs_on_focus(ctx, person, work)  # "Pike will direct."
    elif stated[0] == "named-as":
        verbs = [_named_as(ctx, person, work)[0]]  # "will serve as showrunner"
        if verbs[0].lemma_.lower() in APPOINTING_VERBS:  # FORMAT.md: "tapped", "hired" are attached
            return not _told_in_statement(ctx, verbs[0])
    elif stated[0] == "seen":
        verb = _seen_in(ctx, person, mention_root(ctx, work))  # "will next be seen in", "soon to be seen in"
        return not _told_in_statement(ctx, verb) and not under_way and \
            any(c.lower_ in FUTURE_AUXILIARIES | {"next", "soon"} or c.lower_ == "to" and c.dep_ == "aux"
                for c in verb.children)
    else:
        verbs = predicate_route(ctx, person) if stated[0] == "route" else _relative_route(ctx, person)
        verbs = [t for t in verbs if t.pos_ in ("VERB", "AUX")]
    if not verbs or _told_in_statement(ctx, verbs[-1]):
        return False
    for verb in verbs:
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE_AUXILIARIES for a in auxiliaries):
            return True
        if verb.lemma_.lower() in AHEAD_VERBS:  # "is set to", "has signed to"; not "was set to", "had been set to"
            return not any(a.tag_ == "VBD" for a in auxiliaries) and verb.tag_ != "VBD"
        if verb.tag_ == "VBG" and role_of(ctx, verb) and [a.lemma_ for a in auxiliaries] == ["be"]:
            return not under_way  # "is producing", "are also producing"; not "has been hosting"
        if [a.lower_ for a in auxiliaries][-2:] == ["to", "be"] and (verb.dep_ in ("acl", "relcl") or (
                verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP"))):
            return True  # "'Salt Road', to be directed by Pike", "is to be directed by"
    return False


# speakers whose word is official besides a company, a person or a pronoun for
# one: "the studio said", "a spokeswoman confirmed" (GUIDELINES.md: "Sony
# said", "the BBC has confirmed", "he told the Times he will")
OFFICIAL_SPEAKERS = {"studio", "network", "channel", "broadcaster", "streamer", "company", "spokesperson",
                     "spokesman", "spokeswoman", "representative", "rep", "publicist", "statement"}
# speakers whose word is hearsay: "sources said", "a report claims"
HEARSAY_SPEAKERS = {"source", "insider", "report", "rumour", "rumor", "outlet", "tabloid"}


def _officially_told(ctx: Context, person: Mention, work: Mention,
                     stated: tuple[str, tuple[str, ...]] | None) -> bool:
    """Whether a credit the sentence states (`credit_statement`, by the
    person's verb or a clause about them, a passive's agent, a verb of
    joining, a cast or "seen in") is what an official statement says: a
    verb of saying, telling, confirming or announcing above the credit's
    verb whose speaker is a company, the person, one named with a role, a
    pronoun, a word for the person ("the comedian has told BBC News") or
    `OFFICIAL_SPEAKERS`
    ("Kestrel Films said in a statement that Vale will star",
    "Vale has landed the role, producer Pike has announced", "will
    reprise his role, it was confirmed": a clause joined after the
    credit's). GUIDELINES.md: such a statement
    makes a future credit confirmed. Not hearsay (`HEARSAY_SPEAKERS`,
    "Variety reported"), nor doubted, wished, conditional or contradicted
    (`_doubted`: "said he hopes to star", "if financing is secured", "but
    nothing has been signed"), not a work already out (past credits are
    decided before this)."""
    if stated is None or work.entity in ctx.released:
        return False
    verb = _credit_verb(ctx, person, work, stated)
    if verb is None or _doubted(ctx, person.sent, verb) or _negated([verb, *verb.children]):
        return False
    top = next((t for t in [verb, *verb.ancestors] if t.dep_ == "ROOT"), verb)
    after = [c for c in top.children if c.dep_ in ("conj", "parataxis") and c.i > verb.i]  # ", it was confirmed"
    official = next((t for t in [*verb.ancestors, *after] if t.lemma_.lower() in OFFICIAL_LEMMAS), None)
    if official is None or _negated([official]):
        return False
    speakers = [c for c in official.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lemma_.lower() not in HEARSAY_SPEAKERS and (
        s.pos_ == "PRON" or s.lemma_.lower() in OFFICIAL_SPEAKERS or noun_role(ctx, s) is not None
        or _speaks_for_the_work(ctx, person, s) or ctx.mention_at(s.i, "COMPANY") is not None)
        for s in speakers)


def _speaks_for_the_work(ctx: Context, person: Mention, speaker: Token) -> bool:
    """Whether a named speaker's word is official for the person's credit:
    the person themself, or someone named with a role ("producer Peter
    Jackson has announced"); not a third party ("Brook said Quill will
    star")."""
    named = ctx.mention_at(speaker.i, "PERSON")
    if named is None:
        return False
    if named.entity == person.entity:
        return True
    return any(noun_role(ctx, t) for t in ctx.doc[max(ctx.sents[named.sent].start, named.start - 2):named.start])


def _credit_verb(ctx: Context, person: Mention, work: Mention,
                 stated: tuple[str, tuple[str, ...]]) -> Token | None:
    """The verb that states the credit, for the constructions that have one
    (see `_states_upcoming_credit`); None for the others."""
    kind = stated[0]
    if kind in ("route", "relative"):
        route = predicate_route(ctx, person) if kind == "route" else _relative_route(ctx, person)
        verbs = [t for t in route if t.pos_ in ("VERB", "AUX")]
        return verbs[-1] if verbs else None
    if kind == "agent":
        return _agent_verb(ctx, person)
    if kind == "seen":
        return _seen_in(ctx, person, mention_root(ctx, work))
    if kind == "cast-joining":
        return _joins_the_cast(ctx, person, mention_root(ctx, work))
    if kind in ("cast", "joining"):
        return governor(mention_root(ctx, person)).head
    return None


def _told_in_statement(ctx: Context, verb: Token) -> bool:
    """Whether the clause of `verb` is what a statement says: a verb of
    saying or announcing above it ("Kestrel Films said Pike will direct",
    "Quill told Variety she will star"), not one in a clause of its own
    ("as a detective who says too much")."""
    return any(t.lemma_.lower() in OFFICIAL_LEMMAS for t in verb.ancestors)


def _in_brackets_after(ctx: Context, person: Mention, work: Mention) -> bool:
    """Whether the work is named in the brackets right after a name of the
    person, alone or in a list of titles: "Max Martini (Training Day,
    Revenge)"; not in a phrase there ("McNulty (soon to be seen in
    Misfits)")."""
    doc = ctx.doc
    if work.end <= work.start or work.sent != person.sent or work.end >= len(doc) or \
            not (doc[work.end].text in LIST_GLUE or doc[work.end].text == ")"):
        return False
    for k in range(work.start - 1, max(work.start - 16, ctx.sents[work.sent].start - 1), -1):
        if doc[k].text == "(":
            before = ctx.mention_at(k - 1, "PERSON") if k > 0 else None
            return before is not None and before.entity == person.entity
        if doc[k].text not in LIST_GLUE and ctx.mention_at(k, "WORK") is None:
            return False
    return False


def _leaving_roles(ctx: Context, person: Mention, work: Mention) -> tuple[str, ...]:
    """The credit a person's leaving of a work states (`leaving_status`
    gives it "exited"): of one who leaves it ("Vale has dropped out of Y",
    "quit the show", "resigned as host of Y", "was let go from Y"), the role
    an "as" phrase of the verb names, else what the article calls them
    (`_known_roles`), else cast, the part most often left (of the 27 exited
    credits in the annotated corpus, 22 are cast); of one replaced ("will
    direct Y, taking the reins from Brook"), the role of the verb the
    replacing hangs from. Only a work the sentence names or refers to: the
    project in focus is no object of leaving, and one who leaves to do
    something else ("left Y to direct") says no role on Y."""
    if work.how not in ("name", "alias", "anaphor", "untitled") or work.sent != person.sent:
        return ()
    found = _leaving_phrase(ctx, person)
    if found is None or _exited(ctx, found, person, work) != "exited" or _doubted(ctx, person.sent, found[1]):
        return ()
    _, top, kind = found
    if to_complements(top):  # "has left Paper Kings to direct": the role is the next work's
        return ()
    if kind == "object":
        governing = _governing_verb(top) if top.dep_ == "advcl" else None
        role = stating_role(ctx, ctx.doc[governing]) if governing is not None else None
        return (role,) if role else ()
    named = [role for prep in top.children if prep.dep_ == "prep" and prep.lower_ == "as"
             for noun in prep.children if noun.dep_ == "pobj" and (role := noun_role(ctx, noun))]
    return tuple(named[:1]) or _known_roles(ctx, person) or ("cast",)


# words that deny, doubt or only report what their clause says: "denied that she
# dropped out", "reports that she quit are false", "rumours that he was let go"
DOUBTING_LEMMAS = {"deny", "reject", "dismiss", "refute", "laugh", "untrue", "false", "report", "claim", "rumour",
                   "rumor", "speculation", "source", "insider", "reportedly", "allegedly", "if", "unless"}
# verbs of a plan or a wish above a credit: "said she hopes to star", "plans to direct"
# (with the forms the lemmatiser gets wrong: it reads "hopes" as "hop")
WISH_LEMMAS = {"plan", "intend", "aim", "hope", "hopes", "hoped", "hoping", "want", "wish", "seek", "try", "would"}


def _doubted(ctx: Context, sent: int, verb: Token) -> bool:
    """Whether the sentence doubts, denies or only reports what `verb`
    says: a hedge (`hedge_words`), a word of `DOUBTING_LEMMAS` or of
    `UNSTATED_BY` above the verb or in the sentence ("has denied that she
    dropped out", "Vale said he hopes to star", "sources said"), a condition
    ("if the budget is found") or a clause against it ("but the studio has
    not confirmed it", "though he has not signed")."""
    tokens = list(ctx.sents[sent])
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    above = {t.lemma_.lower() for t in verb.ancestors} | {t.lower_ for t in verb.ancestors}
    contrary = any(t.lower_ in ("but", "though", "although", "however") for t in tokens if t.i > verb.i) \
        and any(t.dep_ == "neg" or t.lower_ in NEGATIONS | {"nothing", "neither", "nor"} for t in tokens if t.i > verb.i)
    return bool(hedge_words(ctx.sents[sent]) or lemmas & DOUBTING_LEMMAS or above & (UNSTATED_BY | WISH_LEMMAS)) \
        or contrary


# what stands between the titles of a list: "(Training Day, Revenge)", "(Hinterland/Y Gwyll)"
LIST_GLUE = {",", "and", "&", "/", *OPENING_QUOTES, *CLOSING_QUOTES}


def leaving_status(ctx: Context, person: Mention, work: Mention) -> str | None:
    """"exited" when the person's clause says they left the work: they are
    the subject of a phrase of `statuses.tsv` that decides its subject
    ("Orlov has dropped out of Y", "quit the show 'Y'", "was let go"), and
    the work is what they left (its object, or the kind noun the title
    names: not "walked out of the 'Y' premiere"), or goes unnamed while
    they left nothing else (not "quit smoking", "left school"); or they are
    the one a phrase that decides its object is done to ("Marsh was
    replaced by Vale on Y", "Vale will star in Y, replacing Marsh",
    "taking the reins from Brook"), and the work is what that verb, or the
    verb its participle clause hangs from, governs. Never a work that
    describes the person ("Holby City actor Jeremy Edwards left the
    house"); None when negated, hedged or only wished for ("has not quit",
    "could be replaced", "want to replace"), or when no such phrase
    governs the person."""
    found = _leaving_phrase(ctx, person)
    return None if found is None else _exited(ctx, found, person, work)


def _exited(ctx: Context, leaving: tuple[Token, Token, str], person: Mention, work: Mention) -> str | None:
    """`leaving_status` once `_leaving_phrase` has found the phrase."""
    gov, top, kind = leaving
    if work.end > work.start:
        root = mention_root(ctx, work)
        if any(t.i == gov.i for t in root.ancestors):  # "Holby City actor Jeremy Edwards left the house"
            return None
        if kind == "subject":
            return "exited" if _is_left(ctx, root, _left_objects(top)) else None
        verbs = {top.i}
        if top.dep_ == "advcl" and top.tag_ == "VBG":  # "will star in Y, replacing X": Y is what "star" governs
            verbs.add(_governing_verb(top))
        return "exited" if _governing_verb(root) in verbs else None
    if kind == "subject":
        return "exited" if all(_work_noun(ctx, t) for t in _left_objects(top)) else None
    others = (m for m in ctx.in_sentence(person.sent) if m.end > m.start and m.entity != person.entity)
    return None if any(_governing_verb(mention_root(ctx, m)) == top.i for m in others) else "exited"


# what one leaves, besides a work's kind noun: "quit the role", "left the production"
_LEFT_NOUNS = {"role", "part", "production", "project", "cast", "franchise", "lineup", "line-up"}
# words that make a leaving only possible or reported: "could be replaced", "may quit"
HEDGES = {"could", "may", "might", "would", "should", "reportedly", "possibly", "likely"}


def _leaving_phrase(ctx: Context, person: Mention) -> tuple[Token, Token, str] | None:
    """(the person's governing token, the phrase's verb, "subject" or
    "object") when a phrase of leaving of `statuses.tsv` governs the person
    and is not negated, hedged or only wished for; else None."""
    if person.label != "PERSON" or person.end <= person.start:
        return None
    gov = governor(mention_root(ctx, person))
    top = gov.head
    if gov.dep_ == "pobj" and top.dep_ == "agent":  # "was replaced by Ward": Ward does it, and stays
        return None
    if gov.dep_ == "pobj":
        top = top.head.head if top.head.dep_ == "dobj" else top.head  # "taking the reins from"
    if gov.dep_ == "nsubj":
        kinds = ("subject",)
    elif gov.dep_ == "nsubjpass":
        kinds = ("subject", "object")  # "was let go", "was replaced"
    elif gov.dep_ in ("dobj", "pobj"):
        kinds = ("object",)
    else:
        return None
    if gov.dep_.startswith("nsubj"):  # the verb and its particle, which the parser may call a preposition
        words = list(ctx.doc[top.i:min(top.i + 2, top.sent.end)])
    else:
        words = list(ctx.doc[top.i:person.start])
    kind = next((ctx.vocab.deciding[name] for _, name in phrases_in(ctx, words)
                 if ctx.vocab.deciding.get(name) in kinds), None)
    if kind is None or (top.dep_ == "xcomp" and top.head.pos_ in ("VERB", "AUX")):
        return None  # "want to replace", "threatened to quit"; but "the race to replace X" is on
    if any(c.dep_ == "neg" or c.lower_ in NEGATIONS or c.lower_ in HEDGES for c in top.children
           if c.dep_ in ("neg", "aux", "auxpass", "advmod")):
        return None
    return gov, top, kind


def _left_objects(verb: Token) -> list[Token]:
    """What a verb of leaving leaves: its objects, and the objects of its
    prepositions and particles ("dropped out of Y", "walked off the
    set", "was let go from Y"), not of "as" ("quit as host") but of the
    "of" after it ("resigned as host of Y")."""
    found, stack = [], list(verb.children)
    while stack:
        tok = stack.pop()
        if tok.dep_ in ("dobj", "pobj", "xcomp", "ccomp", "attr", "oprd"):
            found.append(tok)
            if tok.dep_ in ("xcomp", "ccomp"):  # "let go from Y"
                stack.extend(c for c in tok.children if c.dep_ in ("prep", "prt"))
        elif tok.dep_ in ("prep", "prt") and tok.lower_ != "as":
            stack.extend(tok.children)
        elif tok.lower_ == "as":
            stack.extend(c for noun in tok.children if noun.dep_ == "pobj"
                         for c in noun.children if c.dep_ == "prep" and c.lower_ == "of")
    return found


def _is_left(ctx: Context, root: Token, objects: list[Token]) -> bool:
    """Whether a work whose mention has `root` is one of `objects`, or
    names the kind noun that is ("the 'Midnight Harbor' film", "the show
    'Glass Season'")."""
    if any(root.i == t.i for t in objects):
        return True
    head = root.head
    return root.dep_ in ("compound", "appos", "nmod", "amod") and any(head.i == t.i for t in objects) and \
        _work_noun(ctx, head)


def _work_noun(ctx: Context, tok: Token) -> bool:
    """A noun for a work or a part in one ("the show", "the role"), not a
    word of another name ("Kestrel Films")."""
    return (tok.lemma_.lower() in ctx.vocab.work_nouns or tok.lemma_.lower() in _LEFT_NOUNS) and \
        not any(ctx.mention_at(tok.i, label) for label in ("PERSON", "COMPANY", "PLACE"))


NEGATIONS = {"not", "no", "never", "longer", "n't"}


def _governing_verb(tok: Token) -> int | None:
    """The index of the first verb above `tok` (None at the root)."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok.i
    return None


def described_person(ctx: Context, work: Mention) -> Mention | None:
    """The person a descriptive title describes (`Context.descriptive`):
    Lisa Kudrow in "Friends actress Lisa Kudrow", Rowan Pike in "Rowan Pike
    (Glass Season)"; None when the title describes no one."""
    if work.label != "WORK" or work.end <= work.start or not ctx.descriptive(work):
        return None
    doc = ctx.doc
    j = work.end
    while j < len(doc) and j < work.end + 12:
        person = ctx.mention_at(j, "PERSON")
        if person is not None and person.how != "descriptor":  # "director" in "Void director McDonald"
            return person
        if doc[j].pos_ in ("VERB", "AUX") or (doc[j].pos_ == "ADP" and doc[j].lower_ != "of") or \
                doc[j].text in (".", ";", "(", ")"):
            break
        j += 1
    k = work.start - 1
    while k >= 0 and (doc[k].text in ("(", ",") or doc[k].text in CLOSING_QUOTES or
                      doc[k].text in ("‘", "“")) and k > work.start - 4:
        k -= 1
    return ctx.mention_at(k, "PERSON") if k >= 0 else None


def describes_another(ctx: Context, person: Mention, work: Mention) -> bool:
    """Whether the title only describes someone other than `person`:
    "Friends actress A and Rae star B" gives B no credit on Friends. People
    joined after one plural role noun share it ("Friends co-stars A and B"),
    and so do people joined before a bracketed title ("A and B (Glass
    Season)", as award lists write it); after a singular role noun other
    than "star" they do not ("Moneyball director A and B": one director, A;
    "Barbie star A and B" is loose English for both)."""
    described = described_person(ctx, work)
    if described is None or described.entity == person.entity or person.end <= person.start:
        return False
    role_noun = ctx.doc[described.start - 1]
    if described.start > work.start and role_noun.i >= work.end and role_noun.tag_ == "NN" \
            and role_of(ctx, role_noun) not in (None, "cast"):
        return True
    a, b = (described, person) if described.start < person.start else (person, described)
    for tok in ctx.doc[a.end:b.start]:
        if ctx.mention_at(tok.i, "PERSON") is not None:
            continue
        if not (tok.is_punct or tok.lower_ in ("and", "&")):
            return True
    return False


def link_phrase(ctx: Context, work: Mention) -> Token | None:
    """The link noun whose phrase names `work` as its source: "sequel" in
    "the sequel to Night Ferry", "film" in "a follow-up film to the 1997
    original", "adaptation" in "an adaptation of Salt Road"; None when the
    work stands in no such phrase (`links.tsv` lists the link nouns)."""
    if work.end <= work.start:
        return None
    tok = mention_root(ctx, work)
    if tok.dep_ in ("appos", "compound") and tok.head.dep_ == "pobj" and tok.head.pos_ == "NOUN" \
            and ctx.mention_at(tok.head.i, "WORK") is None:  # "an adaptation of the novel X", not of another title
        tok = tok.head
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep" or prep.lower_ not in ("to", "of"):
        return None
    nouns = [prep.head]
    if prep.head.pos_ in ("VERB", "AUX"):  # the parser often hangs "to X" on the verb: "produce a follow-up
        verb = prep.head                      # to X", "star in the follow-up film to X"
        nouns = [c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i]
        nouns += [g for c in verb.children if c.dep_ == "prep" and c.i < prep.i
                  for g in c.children if g.dep_ == "pobj" and g.i < prep.i]
    for noun in nouns:
        words = [noun, *(c for c in noun.children if c.dep_ in ("amod", "compound"))]
        if any(w.lower_ in ctx.vocab.links for w in words):
            return noun
    return None


# the raw probability a decided link is given (`confidence.py` then recalibrates
# it); with the decided links, 32 of the 34 links the shipped model extracted from
# the 307 annotated articles at 30a2a11 were right (in-sample)
DECIDED_LINK = 0.9


def deciding_link(ctx: Context, untitled: Mention, source: Mention) -> str | None:
    """The link an untitled work's own phrase states outright, or None to
    leave the pair to the model: "a sequel to Night Ferry", "a remake of the
    thriller Night Ferry", "a 'Night Ferry' sequel" (a link noun that
    `links.tsv` says decides); "a third Night Ferry film" (`untitled.link`,
    when the source is of the noun's kind or of none known); "a series based
    on the Night Ferry novels", "adapt Night Ferry into a series"
    (`adaptation_of`, or `remake_of` when both are of the same known kind).
    Never when denied or asked ("no plans for a sequel to X", "will never be
    made into a film", "A sequel to X?")."""
    if source.end <= source.start or untitled.link is None or denied(ctx, ctx.doc[untitled.start]):
        return None
    tok = ctx.doc[untitled.start]
    nouns = {tok, tok.head} if tok.dep_ in ("amod", "compound") else {tok}
    root = mention_root(ctx, source)
    kind = work_kind_of(ctx, source)
    # a link noun says its own link where links.tsv lets its phrase settle it ("a remake based on X" too)
    stated = untitled.link if tok.lower_ in ctx.vocab.stated_links else None
    if link_phrase(ctx, source) in nouns or (root.head in nouns and root.dep_ in ("compound", "nmod", "poss")):
        if tok.lower_ in ctx.vocab.links:
            return stated
        return untitled.link if kind in ("unknown", KIND_NOUNS.get(tok.lower_)) else None
    if not names_origin(ctx, adaptation_origin(ctx, tok), source):
        return None
    if tok.lower_ in ctx.vocab.links:
        return stated
    return "remake_of" if KIND_NOUNS.get(tok.lower_) == kind else "adaptation_of"


DENIALS = {"no", "not", "never", "n't"}


def denied(ctx: Context, tok: Token) -> bool:
    """Whether the clauses above `tok` deny it or ask about it: a negation or
    "no" on any word it hangs from ("there are no plans for a sequel", "will
    never be made into a film"), or a sentence ending in a question mark."""
    sent = ctx.sents[ctx.sent_of[tok.i]]
    if sent.text.rstrip().endswith("?"):
        return True
    for word in (tok, *tok.ancestors):
        if any(c.dep_ in ("neg", "det", "advmod") and c.lower_ in DENIALS for c in word.children):
            return True
    return False


def credits_the_source(ctx: Context, person: Mention, work: Mention) -> bool:
    """Whether a credit of `person` on `work` would go to the source of a
    link noun the person is outside of: in "A and B will executive produce
    a follow-up film to the 1997 original" the credit is on the follow-up,
    never on the original (`link_phrase`). Only where the sentence has
    another work for the credit (the untitled follow-up, or the project in
    focus it stands for) is the pair ruled out; "reprise her role in a sequel
    to X", with X the only work in sight, is left to the model (the pair
    feature `o.names_source`)."""
    return source_of_link(ctx, person, work) is not None and any(
        m.entity not in (None, work.entity) for m in ctx.in_sentence(work.sent, "WORK"))


def source_of_link(ctx: Context, person: Mention, work: Mention) -> Token | None:
    """The link noun whose phrase names `work` as its source, when `person`
    stands outside that phrase; None otherwise (`link_phrase`)."""
    noun = link_phrase(ctx, work)
    if noun is None or person.end <= person.start:
        return None
    phrase = range(noun.left_edge.i, max(noun.right_edge.i, work.end - 1) + 1)
    return noun if person.start not in phrase else None
