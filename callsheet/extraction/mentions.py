"""Mentions: every place an article refers to an entity, found from the
entity recogniser's spans, the coreference map and the trade grammar.

- names: the recogniser's PERSON, WORK, COMPANY, OUTLET, PLACE, AWARD and
  EVENT spans (people under the full name coreference gives them);
- people again by pronoun or descriptor ("she", "the actor"), and the
  people a plural pronoun stands for ("they", "the duo");
- works again by anaphor ("the film", "the sequel", "the original");
- untitled works: a link noun ("a sequel to X", "a Night Ferry remake"),
  whose link the relation model decides before the untitled work exists;
- dates (the base pipeline's DATE spans, resolved against publication);
- fictional characters, which are never entities but qualify cast credits.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from callsheet.extraction.context import OPENING_QUOTES, Context, Mention, _kind_fits, clean_title
from callsheet.extraction.dates import resolve_date
from callsheet.extraction.grammar import governor, mention_root
from callsheet.extraction.vocabulary import vocabulary
from callsheet.keys import norm
from callsheet.language.coref import person_name, strip_possessive
from callsheet.tables import load_table

TYPE_OF_LABEL = {"PERSON": "person", "WORK": "work", "COMPANY": "company", "OUTLET": "outlet",
                 "PLACE": "place", "AWARD": "award", "EVENT": "event"}
DEFINITE = {"the", "this", "that", "its", "his", "her", "their", "these"}
SEQUEL_MODIFIERS = {"new", "next", "second", "third", "fourth", "fifth", "sixth", "untitled",
                    "latest", "another", "further", "upcoming"}
KIND_NOUNS = {"film": "film", "movie": "film", "picture": "film", "feature": "film",
              "series": "tv_series", "show": "tv_series", "drama": "tv_series",
              "spinoff": "tv_series", "spin-off": "tv_series", "installment": "film",
              "instalment": "film", "chapter": "film", "season": "tv_series"}
# what makes a work noun a project the article announces but does not title:
# "an untitled drama", "his next film", "the next feature from Mike Mills"
NEW_PROJECT_WORDS = {"untitled", "next", "upcoming"}
PROJECT_NOUNS = dict(KIND_NOUNS, project="film", pic="film", thriller="film", comedy="film")
_YEAR_IN_BRACKETS = re.compile(r"^\s*\(\s*((?:19|20)\d\d)\s*\)")


def _title_cues() -> dict[str, str]:
    return {cue: kind for cue, position, kind in load_table("callsheet.language", "title_cues.tsv")
            if position != "context" and kind}


def _award_names() -> dict[str, str]:
    return {pattern: canonical or pattern
            for pattern, label, canonical, _ in load_table("callsheet.language", "names.tsv")
            if label in ("AWARD", "EVENT", "COMPANY", "OUTLET")}


def find_mentions(ctx: Context) -> None:
    """Named mentions, pronouns, untitled-work candidates and dates; work
    anaphors come later (`find_work_anaphors`), once links have made the
    untitled works they may refer to."""
    coref = ctx.doc._.coref or {}
    canonical = _award_names()
    cues = _title_cues()
    for span in sorted(ctx.doc.ents, key=lambda s: (s.label_ != "WORK", -len(s), s.start)):
        label = span.label_
        if label == "CHARACTER":
            ctx.add_mention(Mention(span.start, span.end, label, None, "name", ctx.sent_of[span.start]))
            continue
        type_ = TYPE_OF_LABEL.get(label)
        if type_ is None:
            continue
        sent = ctx.sent_of[span.start]
        if (type_ == "person" and plays_a_character(span)) or (type_ == "work" and plays_a_character(span, strict=True)):
            ctx.add_mention(Mention(span.start, span.end, "CHARACTER", None, "name", sent))
            continue
        if type_ == "person":
            name = coref.get(span.start) or person_name(span)
            if not any(ch.isalpha() for ch in name):
                continue
            surface = person_name(span)
            ent = ctx.entity("person", name, alias=surface if surface != name else None)
            how = "name" if surface == name else "alias"
        elif type_ == "work":
            title = clean_title(span.text)
            if not title or "\n" in title:
                continue
            longer = ctx.titled_works_extending(title)
            if longer:
                ent, how = ctx.entity("work", ctx.entities[longer[0]].name, alias=title), "alias"
            else:
                ent = ctx.entity("work", title, kind=work_kind(span, cues), year=work_year(span))
                how = "name"
        else:
            text = strip_possessive(span.text)
            name = span.ent_id_ or canonical.get(text, text)
            ent, how = ctx.entity(type_, name, alias=text if text != name else None), "name"
        ctx.add_mention(Mention(span.start, span.end, label, ent, how, sent))
    named = {i for m in ctx.mentions for i in range(m.start, m.end)}
    _pronouns(ctx, coref, named)
    _one_type_per_name(ctx)
    _company_short_names(ctx)
    _untitled(ctx, named)
    _untitled_project(ctx, named)
    _dates(ctx)
    ctx.mentions = sorted(ctx.mentions, key=lambda m: (m.start, m.end))


VOTED_TYPES = ("person", "work", "company")
# a headline's mention counts half in the vote: its capitals and clipped grammar mislead the
# recogniser ("Lighthouse Keepers adds two stars" read as a person), so the body breaks a tie
HEADLINE_VOTE = 0.5
LABEL_OF_TYPE = {type_: label for label, type_ in TYPE_OF_LABEL.items()}


def _one_type_per_name(ctx: Context) -> None:
    """The recogniser labels each mention on its own, so one name can come
    out a person in one sentence and a title or a company in the next (a
    band most of all). An article mostly means one thing by a name, so it
    keeps the type most of its named mentions have (a headline's counting
    half, the first mention's on a tie); the other entities of that name
    fold into it, with their aliases. Places are left out of the vote: a theatre is both a company
    and a place, and "Dunkirk was shot in Dunkirk" needs both."""
    by_name: dict[str, list[str]] = {}
    for ent_id, ent in ctx.entities.items():
        if ent.type in VOTED_TYPES and ent.name:
            by_name.setdefault(norm(ent.name), []).append(ent_id)
    folds: dict[str, str] = {}
    for ids in (ids for ids in by_name.values() if len(ids) > 1):
        named = {i: [m for m in ctx.mentions if m.entity == i and m.how in ("name", "alias")] for i in ids}
        votes = {i: sum(HEADLINE_VOTE if ctx.unpunctuated_line(m.sent) else 1.0 for m in named[i]) for i in ids}
        winner = max(ids, key=lambda i: (votes[i], -min((m.start for m in named[i]), default=len(ctx.doc))))
        folds.update({loser: winner for loser in ids if loser != winner})
    _fold(ctx, folds)


def _company_short_names(ctx: Context) -> None:
    """A one-word person or work whose name is the first word of a company
    the article names in full ("Kestrel" beside "Kestrel Films") is that
    company: the trade press shortens a company so ("Kestrel confirms Salt
    Road cast"), and the recogniser, seeing one capitalised word in a
    headline, takes it for a person or a title. Not a person the sentence
    calls one (`_called_a_person`: "Director Marlowe said", "Solenne will
    star"), nor a title ever quoted ('Focus' for Focus Features is a
    film); not when that word is in the name of one of the article's
    people ("Tom Kestrel"), nor when two companies start with it."""
    firsts: dict[str, list[str]] = {}
    person_words: set[str] = set()
    for ent in ctx.entities.values():
        words = (ent.name or "").split()
        if ent.type == "company" and len(words) > 1:
            firsts.setdefault(norm(words[0]), []).append(ent.id)
        elif ent.type == "person" and len(words) > 1:
            person_words.update(norm(w) for w in words)
    folds = {}
    for ent in ctx.entities.values():
        key = norm(ent.name or "")
        if ent.type not in ("person", "work") or len((ent.name or "").split()) != 1 or key in person_words \
                or len(firsts.get(key, ())) != 1:
            continue
        named = [m for m in ctx.mentions if m.entity == ent.id and m.how in ("name", "alias")]
        if ent.type == "person" and any(_called_a_person(ctx, m) for m in named):
            continue  # "Director Marlowe said", "Solenne will star": a one-name person
        if ent.type == "work" and any(m.start > 0 and ctx.doc[m.start - 1].text in OPENING_QUOTES for m in named):
            continue  # a quoted title ("will star in 'Focus' for Focus Features")
        folds[ent.id] = firsts[key][0]
    _fold(ctx, folds)


def _called_a_person(ctx: Context, mention: Mention) -> bool:
    """Whether a sentence's words make the mention a person: a role noun
    before it ("Director Marlowe") or a role verb it is the subject of
    ("Solenne will star"); a headline's clipped grammar says nothing."""
    if ctx.unpunctuated_line(mention.sent):
        return False
    doc = ctx.doc
    if mention.start > 0 and doc[mention.start - 1].lower_ in ctx.vocab.role_nouns:
        return True
    root = doc[mention.start:mention.end].root
    return root.dep_ == "nsubj" and (root.head.lemma_.lower() in ctx.vocab.role_verbs or any(
        c.lemma_.lower() in ctx.vocab.role_verbs for c in root.head.children if c.dep_ == "xcomp"))


def _fold(ctx: Context, folds: dict[str, str]) -> None:
    """Each entity of `folds` (loser id → winner id) becomes its winner: its
    mentions take the winner's id and label, its aliases join the winner's,
    and its pronouns and descriptors go where the winner is no person ("she"
    and "the actor" meant the person the name no longer is)."""
    if not folds:
        return
    dropped: set[int] = set()
    for loser, winner in folds.items():
        kept = ctx.entities[winner]
        for m in (m for m in ctx.mentions if m.entity == loser):
            if kept.type != "person" and m.how in ("pronoun", "descriptor"):
                dropped.add(id(m))
            m.entity, m.label = winner, LABEL_OF_TYPE[kept.type]
        gone = ctx.entities[loser]
        kept.aliases += [a for a in [gone.name, *gone.aliases]
                         if a and a != kept.name and a not in kept.aliases and norm(a) != norm(kept.name)]
    ctx.keys = {key: ent_id for key, ent_id in ctx.keys.items() if ent_id not in folds}
    for loser in folds:
        del ctx.entities[loser]
    ctx.mentions = [m for m in ctx.mentions if id(m) not in dropped]


PLAY_VERBS = {"play", "portray", "voice", "reprise", "essay", "embody"}
ROLE_OF = {"role", "character", "part", "portrayal", "turn"}
# nouns whose "as X" names the part someone plays: "her performance as Ilse Marr", "his role as"
PERFORMANCE_NOUNS = ROLE_OF | {"performance", "appearance", "cameo"}


def list_head(tok: Token) -> Token:
    """The first of a list or apposition the token stands in ("played A, B
    and C": C → A), which carries the list's grammatical role; at most four
    steps up."""
    for _ in range(4):
        if tok.dep_ not in ("appos", "conj") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def plays_a_character(span: Span, strict: bool = False) -> bool:
    """A name the sentence shows to be a role someone plays: the object of
    "play" ("they played Michele Weinberger and Romy White", "nominated for
    playing X"), "as X" after a casting verb, a person or a noun of
    performing ("Vale as Ilse Marr", "her performance as Ilse Marr"), "the
    role of X", a name right before its player's full name in brackets
    ("the widowed Judy Hale (Ada Brook)", `bracketed_player`).
    `strict` (for a name taken for a title) leaves out "as X", which also
    follows "known as" and "released as", unless a person's name stands
    right before the "as" ("Ada Quill as Mother Reed", however the parser
    joins a list of them); never a name right before "as" and a name,
    which is the player's."""
    if not strict and bracketed_player(span) is not None:
        return True
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "as" and doc[span.end + 1].is_title:
        return False  # the player of "Hal Brook as Tom Quay", which a list's parse may hang from another "as"
    after = doc[span.end] if span.end < len(doc) else None
    if span.start >= 2 and doc[span.start - 1].lower_ == "as" and doc[span.start - 1].pos_ == "ADP" \
            and doc[span.start - 2].ent_type_ == "PERSON" and not (
                after is not None and (after.text in ("'s", "’s", "'", "’") or after.pos_ in ("VERB", "AUX"))):
        return True  # not "as Fenn looked on" (a conjunction), "as Pike's replacement"
    tok = list_head(span.root)
    head = tok.head
    if tok.dep_ in ("dobj", "attr", "oprd") and head.lemma_.lower() in PLAY_VERBS:
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) \
            or head.dep_ in ("xcomp", "relcl", "pcomp", "advcl")  # "nominated for playing X"
    if tok.dep_ == "pobj" and head.lower_ == "as" and not strict:
        governor = head.head
        return governor.pos_ in ("VERB", "AUX") or governor.ent_type_ == "PERSON" \
            or governor.pos_ == "NOUN" and governor.lemma_.lower() in PERFORMANCE_NOUNS
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ROLE_OF:
        return True
    return False


def bracketed_player(span: Span) -> Span | None:
    """The person's full name alone in brackets right after `span` (an
    entity span), which names the actor who plays it, as synopses write
    them: "Judy Hale (Ada Brook)", "Dylan's (Tom Reddy) killer". In the
    annotated corpus a name so placed before a gold person's full name is
    a character all 17 times (12 of them gold characters). None when the
    brackets hold anything else: a title ("Ruth Wilson (Mrs Wilson)", made
    a work by the entity repairs), a list, a one-word name; or when the
    name before them is the performer's (`_named_as_performer`)."""
    doc = span.doc
    i = span.end + (span.end < len(doc) and doc[span.end].text in ("'s", "’s", "'", "’"))
    if i >= len(doc) or doc[i].text != "(" or _named_as_performer(span):
        return None
    inner = next((e for e in doc.ents if e.start == i + 1), None)
    if inner is None or inner.label_ != "PERSON" or len(inner) < 2 or inner.end >= len(doc) \
            or doc[inner.end].text != ")":
        return None
    return inner


# verbs whose object is a performer, not a part: "Salt Road stars Ada Brook (Judy Hale)"
PERFORMER_VERBS = {"star", "co-star", "feature", "include", "cast", "topline"}


def _named_as_performer(span: Span) -> bool:
    """Whether the sentence shows the name before the brackets to be the
    performer, so that the brackets hold the part ("Director Rowan Pike
    (Mara Quill)", "Salt Road stars Ada Brook (Judy Hale)"): a role noun
    right before it, or its being the object of a verb that names
    performers."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in vocabulary().role_nouns:
        return True
    return any(root.dep_ in ("dobj", "pobj", "appos") and root.head.lemma_.lower() in PERFORMER_VERBS
               for root in (span.root, list_head(span.root)))  # "stars" parsed a noun: "Salt Road's stars, Brook"


def work_kind(span: Span, cues: dict[str, str]) -> str | None:
    """The kind a cue word next to a title gives ("the sitcom Scrubs", "the
    Godfather film", "Scrubs, the sitcom")."""
    doc = span.doc
    window = [doc[j] for j in range(max(0, span.start - 3), span.start)] + \
        [doc[j] for j in range(span.end, min(len(doc), span.end + 2))]
    for tok in window:
        kind = cues.get(tok.lower_)
        if kind:
            return kind
    return None


def work_year(span: Span) -> int | None:
    """"Romy and Michele's High School Reunion (1997)", "the 1997 film X"."""
    doc = span.doc
    after = span[-1].whitespace_ + doc[span.end:span.end + 12].text_with_ws  # not doc.text: it joins the whole doc
    after = after[:12]
    match = _YEAR_IN_BRACKETS.match(after)
    if match:
        return int(match.group(1))
    before = [doc[j] for j in range(max(0, span.start - 3), span.start)]
    for tok in before:
        if re.fullmatch(r"(19|20)\d\d", tok.text) and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in KIND_NOUNS:
            return int(tok.text)
    return None


def _pronouns(ctx: Context, coref: dict[int, str], named: set[int]) -> None:
    plural = ctx.doc._.coref_plural or {}
    for i, name in sorted(coref.items()):
        if i in named:
            continue
        tok = ctx.doc[i]
        how = "pronoun" if tok.pos_ == "PRON" else "descriptor"
        ent = ctx.entity("person", name)
        ctx.add_mention(Mention(i, i + 1, "PERSON", ent, how, ctx.sent_of[i]))
    for i, names in sorted(plural.items()):
        if i in named:
            continue
        for name in names:
            ent = ctx.entity("person", name)
            ctx.add_mention(Mention(i, i + 1, "PERSON", ent, "pronoun", ctx.sent_of[i]))


def _untitled(ctx: Context, named: set[int]) -> None:
    """A link noun ("sequel", "remake", "adaptation"), a new instalment of
    a named work ("a third Night Ferry film") or a work adapted from one ("a
    series based on the Night Ferry novels") is a candidate untitled work;
    which link it makes (if any) its phrase decides where it states it
    (`credit_statements.deciding_link`), else the relation model."""
    links = ctx.vocab.links
    for tok in ctx.doc:
        if tok.i in named or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        low = tok.lower_
        link = links.get(low, (None, None))[0]
        if link is None and low in KIND_NOUNS:
            mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nummod")}
            titles = [m for c in tok.children if c.dep_ in ("compound", "poss", "nmod")
                      if (m := ctx.mention_at(c.i, "WORK")) is not None]
            titled = bool(titles)
            mods |= {c.lower_ for m in titles for t in ctx.doc[m.start:m.end] for c in t.children
                     if c.dep_ in ("amod", "nummod") and c.i < m.start}  # "a third Night Ferry film": on "Night"
            if mods & SEQUEL_MODIFIERS and titled and not _definite(tok):
                link = "spinoff_of" if "spinoff" in mods or "spin-off" in mods else "sequel_of"
            elif _adapts_a_work(ctx, tok):
                link = "adaptation_of"
            else:
                continue
        elif link is None:
            continue
        if _definite_without_source(ctx, tok) or _named_beside(ctx, tok) or _said_of_a_work_noun(ctx, tok):
            continue
        ctx.add_mention(Mention(tok.i, tok.i + 1, "WORK", None, "untitled", ctx.sent_of[tok.i],
                                link=link))


def _untitled_project(ctx: Context, named: set[int]) -> None:
    """A work noun that announces a project without a title or a named
    work it follows ("an untitled drama", "his next film", "the next feature
    from Mike Mills", "the untitled film") is the article's untitled project
    (`Context.untitled_project`), so that the credits stated on it do not
    land on a past work the article names. Not where a title stands beside
    it ("his next film, 'Salt Road'"), where a title's words are part of it
    ("the next Night Ferry film": `_untitled`), nor what "X is his next
    film" says of X; a definite "the next film" refers back unless "from"
    or "by" right after it says whose it is (wherever the parser attaches
    it: "landed the next film from X")."""
    mentioned = {m.start for m in ctx.mentions if m.label == "WORK"}
    for tok in ctx.doc:
        kind = PROJECT_NOUNS.get(tok.lower_)
        if kind is None or tok.i in named or tok.i in mentioned or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
        if not mods & NEW_PROJECT_WORDS:
            continue
        if any(ctx.mention_at(c.i, "WORK") for c in tok.children if c.dep_ in ("compound", "poss", "nmod")):
            continue
        # a definite article refers back (`_definite` without the possessives: "his next film" announces one)
        if any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children) and "untitled" not in mods \
                and not (tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ in ("from", "by")):
            continue
        if _named_beside(ctx, tok) or copula_subjects(tok) or _said_of_a_work_noun(ctx, tok):
            continue
        ctx.add_mention(Mention(tok.i, tok.i + 1, "WORK", ctx.untitled_project(kind), "untitled",
                                ctx.sent_of[tok.i]))


def adaptation_origin(ctx: Context, noun: Token) -> list[Token]:
    """The words that name what a work noun is made from (`adaptations.tsv`):
    the object of "based on" in "a series based on the X novels" ("novels"),
    the thing made into it in "adapt the novel X into a series" (the verb's
    object, "novel") or "X is set to be made into a film" (the passive
    subject, also of the verb the passive completes). Empty when the noun is
    neither."""
    adaptations = ctx.vocab.adaptations
    for verb in noun.children:
        preps = adaptations.get(verb.lemma_.lower(), frozenset()) - {"into"} if verb.dep_ == "acl" else ()
        if preps:
            return [g for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
                    for g in c.children if g.dep_ == "pobj"]
    into = noun.head if noun.dep_ == "pobj" else None
    if into is None or into.lower_ != "into" or "into" not in adaptations.get(into.head.lemma_.lower(), ()):
        return []
    verb = into.head
    out = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    while passive and verb.dep_ == "xcomp" and verb.head.i != verb.i:  # "X is set to be made into"
        verb = verb.head
        out += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out


def names_origin(ctx: Context, origin: list[Token], mention: Mention) -> bool:
    """Whether `mention` (a work) is what `adaptation_origin` names: one of
    its words, or a title bound to one ("the X novels", "the novel X", "X's
    trilogy"); not a work further inside the phrase ("the making of X")."""
    span = ctx.doc[mention.start:mention.end]
    if not len(span):
        return False
    root = span.root
    return any(root.i == word.i or (root.head.i == word.i and root.dep_ in ("compound", "appos", "nmod", "poss"))
               for word in origin)


def _definite(noun: Token) -> bool:
    """"the", "this", "its" before the noun: a work named elsewhere ("this
    third Night Ferry film" is a title the article gives)."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in noun.children)


def _adapts_a_work(ctx: Context, noun: Token) -> bool:
    """"a series based on the Night Ferry novels", "adapt Night Ferry into a
    film": an indefinite work noun adapted from a named work."""
    if _definite(noun):
        return False
    origin = adaptation_origin(ctx, noun)
    return bool(origin) and any(names_origin(ctx, origin, m) for m in ctx.mentions if m.label == "WORK")


def copula_subjects(tok: Token) -> list[Token]:
    """What "is" says `tok` of: the subjects of "X is the sequel to Y" when
    `tok` is the noun after "is"; empty otherwise."""
    if tok.dep_ != "attr" or tok.head.lemma_ != "be":
        return []
    return [c for c in tok.head.children if c.dep_ == "nsubj"]


def _said_of_a_work_noun(ctx: Context, tok: Token) -> bool:
    """"The series is an adaptation of X": what the copula says of "the
    series" (a work noun of `anaphors.tsv` that refers back) is that work,
    no new untitled one; the link model then links the work it stands for."""
    return any(c.lemma_.lower() in ctx.vocab.anaphors and _definite(c) for c in copula_subjects(tok))


def _definite_without_source(ctx: Context, tok: Token) -> bool:
    """"the sequel" on its own refers back to a project already in focus; it
    is an anaphor, not a new untitled work."""
    definite = _definite(tok)
    has_source = any(c.dep_ in ("prep", "compound", "poss", "nmod") and
                     any(ctx.mention_at(t.i, "WORK") for t in c.subtree) for c in tok.children)
    return definite and not has_source


def find_work_anaphors(ctx: Context) -> None:
    """"the film", "the series", "this project", "the original": a definite
    noun from `anaphors.tsv` refers back to a work (the latest of its kind,
    the project in focus, or the focus project's source)."""
    taken = {i for m in ctx.mentions if m.explicit for i in range(m.start, m.end)}
    for tok in ctx.doc:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        entry = ctx.vocab.anaphors.get(tok.lemma_.lower())
        if entry is None and tok.lower_ not in ctx.vocab.links:
            continue
        named = _named_beside(ctx, tok)
        if named:
            ctx.add_mention(Mention(tok.i, tok.i + 1, "WORK", named, "anaphor", ctx.sent_of[tok.i]))
            continue
        if entry is None:
            continue
        if not _definite(tok):
            continue
        refers, kind = entry
        linked = _linked_untitled(ctx, tok)
        if linked:
            ctx.add_mention(Mention(tok.i, tok.i + 1, "WORK", linked, "anaphor", ctx.sent_of[tok.i]))
            continue
        if refers == "source":
            focus = ctx.focus(tok.i)
            work = ctx.link_of.get(focus, (None, None))[1] if focus else None
        elif refers == "focus":
            work = ctx.focus(tok.i)
        else:
            work = _salient_work(ctx, tok.i, kind or None)
        if work:
            ctx.add_mention(Mention(tok.i, tok.i + 1, "WORK", work, "anaphor", ctx.sent_of[tok.i]))
    ctx.mentions = sorted(ctx.mentions, key=lambda m: (m.start, m.end))


def _linked_untitled(ctx: Context, tok: Token) -> str | None:
    """"the follow-up movie": a noun that a link word modifies is the one
    untitled work the article made for that link (none if it made several)."""
    for word in tok.children:
        link = ctx.vocab.links.get(word.lower_) if word.dep_ in ("compound", "amod") else None
        if link:
            works = {work for (predicate, _), work in ctx.untitled.items() if predicate == link[0]}
            return works.pop() if len(works) == 1 else None
    return None


SCREEN_KINDS = {"film", "tv_series", "tv_special"}


def _salient_work(ctx: Context, index: int, kind: str | None) -> str | None:
    """What "the film" means at token `index`: the one work named in this
    sentence before it or in the sentence before ("X (1997) became a cult
    classic. The film starred ..."; "a sequel to X ... after the movie was
    released": the named film, not the untitled sequel), else the project
    in focus, for a film or a series; for another kind ("the novel"), the
    project in focus if it is of that kind, else the latest work of that
    kind. In 108 held-out sentences where "the film" stands for the work of
    a gold credit, this picked it 78 times; the latest work of the kind
    named in this sentence or the one before, as earlier versions did, 57
    times."""
    focus = ctx.focus(index)
    if kind in SCREEN_KINDS:
        sent = ctx.sent_of[index]
        near = {m.entity for m in ctx.topical_works() if m.start < index and m.sent >= sent - 1
                and not _adapted_from(ctx, m)}
        near -= {w for w in near if ctx.link_of.get(w, (None, None))[1] in near}
        return near.pop() if len(near) == 1 else focus
    if focus is not None and _kind_fits(ctx.entities[focus].kind, kind):
        return focus
    return ctx.recent_work(index, kind) or focus


def _adapted_from(ctx: Context, mention: Mention) -> bool:
    """The work is what another is made from ("'The Odyssey', based on
    Homer's epic poem", "adapted from X"): the object, or its owner, of an
    adaptation verb's preposition (`adaptations.tsv`); not what "the film"
    after it means."""
    tok = governor(mention_root(ctx, mention))  # "Homer's poem": the poem
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.head.i == prep.i:
        return False
    return prep.lower_ in ctx.vocab.adaptations.get(prep.head.lemma_.lower(), frozenset()) - {"into"}


def _named_beside(ctx: Context, tok: Token) -> str | None:
    """"the World War II drama Fury", "Fury, the drama": a genre noun right
    before a title, or in apposition with one, is that title."""
    doc = ctx.doc
    j = tok.i + 1
    while j < len(doc) and doc[j].text in ("'", "‘", "“", '"'):
        j += 1
    if j < len(doc):
        m = ctx.mention_at(j, "WORK")
        if m is not None and m.start == j:
            return m.entity
    related = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ == "appos":
        related.append(tok.head)
    for t in related:
        m = ctx.mention_at(t.i, "WORK")
        if m is not None:
            return m.entity
    return None


def add_implicit_works(ctx: Context) -> None:
    """In each sentence that does not name it, the project in focus as an
    implicit mention, for facts that leave their work unsaid ("Laurence
    Mark will also be back to produce"). The work the sentence before named
    is not added as well: it cost more credits than it found."""
    for n, sent in enumerate(ctx.sents):
        present = {m.entity for m in ctx.in_sentence(n, "WORK")}
        work = ctx.focus(sent.start)
        if work and work not in present:
            ctx.add_mention(Mention(sent.start, sent.start, "WORK", work, "implicit", n))


def _dates(ctx: Context) -> None:
    for span in ctx.doc.spans.get("base_ents", []):
        if span.label_ != "DATE":
            continue
        value = resolve_date(span.text, ctx.article.published)
        if value:
            mention = Mention(span.start, span.end, "DATE", None, "name", ctx.sent_of[span.start])
            mention.source = value
            ctx.add_mention(mention)
