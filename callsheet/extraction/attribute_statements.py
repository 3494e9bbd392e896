"""Company and date facts of a work that the sentence's grammar states
outright (work → studio, network, distributor, streaming_on; release and
filming dates: `date_statement`), as `credit_statements.credit_statement` does for
credits.

Held out, the company model took about one of the trade press's company
facts in six: a company is named with many works, and the model learns
from whole articles, where most such pairs are no fact. What the grammar
joins plainly is a fact a reader takes at once:
- possessive or before the title: "Kestrel Films' thriller 'Night Shift'",
  "the Harbour Channel drama 'Salt Road'";
- "from": "'Salt Road', a survival thriller from Kestrel Films";
- "for", "at", "on": "will direct 'Salt Road' for Kestrel Films", "'Salt
  Road' at Harbour Channel", "'Salt Road' on Lumen+";
- where it can be watched now: "'Salt Road' is available to watch on Lumen+";
- names in brackets after the title: "Shameless (Channel 4)";
- agent: "'Salt Road' is produced by Kestrel Films", "was produced and
  distributed by Lumen" (both);
- subject: "Harbour Channel has ordered 'Salt Road'", "Lumen has acquired
  U.S. rights to 'Salt Road'", "has given a series order to 'Salt Road'".
What each verb and noun says the company does is in
`data/company_verbs.tsv`; what a company usually is (studio, network,
streamer) comes from `callsheet.language.trade_names.company_kind`.
"""
from __future__ import annotations

from spacy.tokens import Token

from callsheet.extraction.context import CLOSING_QUOTES, OPENING_QUOTES, Context, Mention
from callsheet.extraction.credit_statements import UNSTATED_BY, stands, verb_object_of
from callsheet.extraction.grammar import link_of, mention_root, role_of
from callsheet.language.trade_names import company_kind, listed_company_kind

DECIDED_ATTRIBUTE = 0.9
# nouns a company's name stands beside without being another entity ("UK animation studio Red
# Star"), and what the company is to a work when the noun says it ("cable channel Granada Plus")
COMPANY_NOUNS = {"studio", "company", "label", "banner", "outfit", "network", "channel", "streamer",
                 "broadcaster", "distributor", "shingle", "division", "arm", "service", "platform"}
_NOUN_PREDICATES = {"studio": "studio", "network": "network", "channel": "network", "streamer": "network",
                    "broadcaster": "network", "distributor": "distributor"}
POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}
QUOTES = set(OPENING_QUOTES) | set(CLOSING_QUOTES)
# verbs that say where a work comes from: "'Salt Road' hails from Kestrel Films"
FROM_VERBS = {"be", "hail", "come"}
# the prepositions that join a work to the company it is made for or shown on
FOR_PREPOSITIONS = {"for", "at", "on"}
# verbs whose subject, a work, is shown on a company's channel: "'Salt Road' airs on Harbour Channel"
SHOWING_VERBS = {"air", "premiere", "debut", "broadcast", "bow", "launch", "return", "run", "screen", "show"}
# words that say a work can be watched on a service now: "is available to watch on Lumen+", "is streaming on"
AVAILABLE_WORDS = {"available", "stream", "streaming"}
# a channel's own last words, when the trade table does not know the name
CHANNEL_WORDS = {"Channel", "Network", "Networks", "Broadcasting"}
# works no studio, network or distributor of the screen makes: "the album 'Salt Road', released by Kestrel Records"
BOOK_KINDS = {"book", "play", "comic", "musical", "game", "video_game", "song", "album", "podcast"}
# modals that make a statement a possibility: "'Salt Road' could air on Lumen+"
UNSURE_MODALS = {"could", "might", "may", "would", "should", "must"}
# verbs above a statement that say it did not or may not happen: "was supposed to air", "failed to air"
UNREAL_BY = UNSTATED_BY | {"suppose", "mean", "fail", "use"}
# words before a company that say it is not (or no longer) the work's: "the would-be Lumen drama"
NOT_NOW_WORDS = {"would", "would-be", "former", "ex", "erstwhile", "rival", "planned", "proposed"}
# verbs whose object noun says what the company does ("has given a series order to", "delayed the release of")
NOUN_VERBS = {"give", "hand", "grant", "issue", "land", "score", "get", "receive", "secure", "earn", "announce",
              "take", "nab", "snap", "win", "delay", "postpone", "push", "move", "shift", "date", "set"}


def company_statement(ctx: Context, work: Mention, company: Mention) -> tuple[str, ...]:
    """The predicates (studio, network, distributor, streaming_on) that the sentence's
    grammar states for `work` and `company`, one of the constructions in
    the module's docstring; () when none does, when the verb is negated or
    only wished for (`credit_statements.stands`), or when the company is one that
    makes no work (a talent agency). A work said only as "the film" counts
    nowhere: held out, five of the seven company facts so stated went to
    the wrong work."""
    if company.end <= company.start or work.end <= work.start \
            or work.how not in ("name", "alias", "untitled"):
        return ()
    usual = _usual_predicate(ctx, company)
    ent = ctx.entities.get(work.entity) if work.entity else None
    if usual is None or ent is not None and ent.kind in BOOK_KINDS \
            or any(t.lower_ == "respectively" for t in ctx.sents[work.sent]):
        return ()
    w, c = mention_root(ctx, work), _company_head(ctx, _named_root(ctx, company))
    usual = _NOUN_PREDICATES.get(c.lemma_.lower(), usual) if c.pos_ == "NOUN" else usual
    agent = _agent_of(ctx, c, w, work, usual)
    if agent:
        return agent
    if _before_title(ctx, work, company) or _in_brackets_after(ctx, work, company):
        return (usual,)
    came_from = _from(ctx, c, w, usual)
    if came_from:
        return (came_from,)
    if _available_on(ctx, c, w):
        return ("streaming_on",)
    if _made_for(ctx, c, w, usual):
        return (usual,)
    return _done_by_subject(ctx, c, w, work, usual)


def _asserted(ctx: Context, verb: Token) -> bool:
    """Whether the verb's clause says what happens or happened, not what
    might: `credit_statements.stands` (not negated, refused or wished for), and no
    "could", "might" or "would", no "if" or "unless" clause of its own ("will
    air on Lumen+ unless the strike continues"), not under "was supposed
    to", "was meant to", "failed to" or "used to", and not itself a verb of
    refusing ("turned down a series order from")."""
    if not stands(ctx, verb) or verb.lemma_.lower() in UNSTATED_BY:
        return False
    for tok in (verb, *[a for a in verb.ancestors if a.pos_ in ("VERB", "AUX", "ADJ")][:3]):
        if any(c.dep_ == "aux" and c.lower_ in UNSURE_MODALS for c in tok.children):
            return False
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in tok.children):
            return False
    return not any(a.lemma_.lower() in UNREAL_BY for a in verb.ancestors if a.pos_ in ("VERB", "AUX", "ADJ"))


def _usual_predicate(ctx: Context, company: Mention) -> str | None:
    """What a company named with a work, with no verb to say more, is to
    it: a network or streamer its network ("Harbour Channel's 'Salt
    Road'"), a distributor its distributor, any other its studio; None for
    the companies that make no works (agencies: `names.tsv` kind "other").
    A name ending in "Television" is a studio's arm ("Kestrel
    Television") unless the trade table calls it a network."""
    ent = ctx.entities.get(company.entity) if company.entity else None
    name = (ent.name if ent is not None else None) or ""
    kind = company_kind(name)
    explicit = listed_company_kind(name) is not None  # the trade table names it, not only its last word
    if kind in ("network", "streamer") and (explicit or (name.split() or [""])[-1] in CHANNEL_WORDS):
        return "network"
    if kind == "distributor":
        return "distributor"
    if kind == "other" and explicit:
        return None
    return "studio"


def _named_root(ctx: Context, company: Mention) -> Token:
    """The company's own head, or the lower-case company noun right
    before its name, which the parser seldom joins to it ("the cable
    channel Kestrel Plus", "animation studio Red Star")."""
    if company.start > 0:
        before = ctx.doc[company.start - 1]
        if before.text.islower() and before.lemma_.lower() in COMPANY_NOUNS:
            return before
    return mention_root(ctx, company)


def _company_head(ctx: Context, tok: Token) -> Token:
    """The token that stands for the company in its clause: up a list
    ("Paramount and Marvel"), from the name to a company noun it stands
    beside ("the animation studio Red Star"), and up a name the recogniser
    cut short."""
    for _ in range(6):
        head = tok.head
        if head.i == tok.i or any(ctx.mention_at(head.i, label) for label in ("PERSON", "WORK", "PLACE")):
            break
        if tok.dep_ == "conj" or tok.dep_ in ("appos", "compound") and head.lemma_.lower() in COMPANY_NOUNS:
            tok = head
        elif tok.dep_ in ("appos", "compound") and head.pos_ == "PROPN":
            tok = head  # the rest of a name the recogniser cut short: "Amazon [Studios]"
        else:
            break
    return tok


def _work_tokens(ctx: Context, w: Token) -> list[Token]:
    """The title's head and the kind nouns it names ("the drama 'Salt
    Road'", "'Salt Road', a thriller"), never a link noun ("a remake of")."""
    out = [w]
    if w.dep_ in ("appos", "compound", "nmod") and w.head.pos_ == "NOUN" and _kind_noun(ctx, w.head):
        out.append(w.head)
    out += [c for c in w.children if c.dep_ in ("appos", "compound") and _kind_noun(ctx, c)]
    return out


def _kind_noun(ctx: Context, tok: Token) -> bool:
    return tok.lemma_.lower() in ctx.vocab.work_nouns and link_of(ctx, tok) is None


def _before_title(ctx: Context, work: Mention, company: Mention) -> bool:
    """Whether the company owns the title, or stands before it with a kind
    noun, and nothing but modifiers lie between: "Kestrel Films' thriller
    'Night Shift'", "Lumen's 'Salt Road'", "the Harbour Channel drama
    series 'Salt Road'". Read on the words, since the parser often hangs a
    possessive on the wrong noun ("Lumen's queer romcom 'Crush'")."""
    between = list(ctx.doc[company.end:work.start])
    possessive = bool(between) and between[0].text in POSSESSIVE_MARKS
    if possessive:
        between = between[1:]
    words = [t for t in between if t.text not in QUOTES and t.text != "-"]
    if company.start > 0 and not ctx.doc[company.start - 1].whitespace_ \
            and ctx.doc[company.start - 1].text not in QUOTES:
        return False  # "the anti-Lumen documentary"
    sent_start = ctx.sents[company.sent].start
    if any(t.lower_ in NOT_NOW_WORDS for t in ctx.doc[max(sent_start, company.start - 3):company.start]):
        return False  # "the would-be Lumen drama", "the former Lumen drama"
    if any(t.pos_ in ("PROPN", "VERB", "AUX", "ADP", "CCONJ", "PUNCT", "PRON", "DET") or ctx.mention_at(t.i, "PERSON")
           or ctx.mention_at(t.i, "COMPANY") or _another_work(ctx, t, work) or link_of(ctx, t) for t in words):
        return False
    return possessive or any(_kind_noun(ctx, t) for t in words)


def _in_brackets_after(ctx: Context, work: Mention, company: Mention) -> bool:
    """Whether the company is one of the names in brackets right after the
    title, as lists of shows and winners give them: "Shameless (Channel
    4)", "Nighty Night (Baby Cow Productions, BBC Three)"."""
    doc = ctx.doc
    after = work.end
    while after < len(doc) and doc[after].text in QUOTES:
        after += 1  # "'Salt Road' (Channel 4)"
    if after >= len(doc) or doc[after].text != "(" or company.start <= after:
        return False
    inside = doc[after + 1:company.start]
    return all(t.text == "," or ctx.mention_at(t.i, "COMPANY") for t in inside) \
        and company.end < len(doc) and doc[company.end].text in (")", ",")


def _another_work(ctx: Context, tok: Token, work: Mention) -> bool:
    """Whether the token names a work other than `work` (a kind noun that
    stands for the work itself, "the drama 'Salt Road'", does not)."""
    other = ctx.mention_at(tok.i, "WORK")
    return other is not None and other.entity != work.entity


def _from(ctx: Context, c: Token, w: Token, usual: str) -> str | None:
    """"'Salt Road', a thriller from Kestrel Films", "'Salt Road' is (hails,
    comes) from Kestrel Films": what the company usually is; "'Salt Road',
    which has landed a series order from Harbour Channel": what the noun
    says (`company_verbs.tsv`)."""
    if c.dep_ != "pobj" or c.head.lower_ != "from":
        return None
    head = c.head.head
    if any(head.i == t.i for t in _work_tokens(ctx, w)):
        return usual
    if head.lemma_.lower() in FROM_VERBS and _subject_is(ctx, head, w):
        return usual
    sense = _word_sense(ctx.vocab.company_nouns, head) if head.pos_ == "NOUN" else None
    if sense in ("studio", "network", "distributor") and head.dep_ == "dobj" and _subject_is(ctx, head.head, w) \
            and _asserted(ctx, head.head):
        return sense
    return None


def _subject_is(ctx: Context, verb: Token, w: Token) -> bool:
    """Whether the work is the verb's subject: its title or the kind noun
    the title is in apposition with ("the thriller 'Salt Road' is"), the
    relative pronoun of a clause about it ("'Salt Road', which landed"), or
    the subject of the verb whose "to" clause it is ("'Salt Road' is due to
    be screened on")."""
    work = {t.i for t in _work_tokens(ctx, w)}
    for _ in range(4):
        if any(s.dep_ in ("nsubj", "nsubjpass") and s.i in work for s in verb.children):
            return True
        if verb.dep_ == "relcl" and verb.head.i in work:
            return any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in ("which", "that") for s in verb.children)
        if verb.dep_ not in ("xcomp", "acomp"):
            return False
        verb = verb.head  # "is due to be screened": screened → due → is
    return False


def _available_on(ctx: Context, c: Token, w: Token) -> bool:
    """"'Salt Road' is now available to watch on Lumen+", "'Salt Road' is
    streaming on Lumen+": where the work can be watched now."""
    if c.dep_ != "pobj" or c.head.lower_ != "on":
        return False
    tok = c.head.head
    for _ in range(3):
        if tok.lemma_.lower() in AVAILABLE_WORDS:
            verb = tok.head if tok.pos_ == "ADJ" else tok  # "is available": the copula has the subject
            return _subject_is(ctx, verb, w) and _asserted(ctx, verb) and _asserted(ctx, tok) \
                and not _past(verb) and not _past(tok)  # "was available on Lumen+ until last year"
        if tok.dep_ != "xcomp":
            return False
        tok = tok.head  # "available to watch on": watch → available
    return False


def _past(verb: Token) -> bool:
    """A verb told in the past ("was", "streamed", "has streamed")."""
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and not any(
        c.dep_ == "auxpass" and c.tag_ not in ("VBD", "VBN") for c in verb.children)


def _made_for(ctx: Context, c: Token, w: Token, usual: str) -> bool:
    """"will direct 'Salt Road' for Kestrel Films", "'Salt Road' at Harbour
    Channel", "'Salt Road' on Lumen+", "'Salt Road' airs on Harbour
    Channel": the company is the object of "for", "at" or "on" said of the
    work, of the verb whose object the work is, or of a verb of showing
    whose subject it is. "On" and "at" only of a network ("on Lumen+";
    "at Sadler's Wells" is a stage, "at Lumen Pictures" often a deal), or
    "at" after a studio's verb of which the work is the passive subject
    ("'Salt Road' has been set up at Kestrel Films", "is being developed
    at Lumen")."""
    if c.dep_ != "pobj" or c.head.lower_ not in FOR_PREPOSITIONS or c.head.dep_ != "prep":
        return False
    if c.head.lower_ in ("on", "at") and usual != "network":
        verb = c.head.head
        made_at = c.head.lower_ == "at" and ctx.vocab.company_verbs.get(_verb_key(verb)) == "studio" \
            and any(s.dep_ == "nsubjpass" and s.i == w.i for s in verb.children)
        return made_at and _asserted(ctx, verb)
    head = c.head.head
    verb = verb_object_of(ctx, w)
    if any(head.i == t.i for t in _work_tokens(ctx, w)):
        # "'Salt Road' at Harbour Channel"; the parser also hangs the verb's "for" on its object:
        # "left 'Salt Road' for Lumen" says nothing of the work, "will direct 'Salt Road' for Lumen" does
        return verb is None or _makes(ctx, verb) and _asserted(ctx, verb)
    if c.head.lower_ == "for" and _makes(ctx, head) and (verb is not None and verb.i == head.i or any(
            s.dep_ == "nsubjpass" and s.i == w.i for s in head.children)):
        return _asserted(ctx, head)  # "will direct 'Salt Road' for Kestrel Films", "'Salt Road' was made for Lumen"
    if head.pos_ == "VERB" and head.lemma_.lower() in SHOWING_VERBS and c.head.lower_ == "on":
        return _subject_is(ctx, head, w) and _asserted(ctx, head)
    return False


def _makes(ctx: Context, verb: Token) -> bool:
    """Whether the verb makes the work: a role's ("direct", "star"), or a
    studio's (`company_verbs.tsv`: "produce", "make"); not "left 'Salt
    Road' for Lumen", "screened 'Salt Road' for Lumen"."""
    return bool(role_of(ctx, verb)) or ctx.vocab.company_verbs.get(_verb_key(verb)) == "studio"


def _word_sense(table: dict[str, str], tok: Token) -> str | None:
    """The table's entry for the token's lemma or, failing that, its form
    ("rights", whose lemma is "right"; "floors")."""
    return table.get(tok.lemma_.lower()) or table.get(tok.lower_)


def _verb_key(verb: Token) -> str:
    """A verb's lemma with its particle ("pick up")."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.lemma_.lower()} {particle}" if particle else verb.lemma_.lower()


def _sense(ctx: Context, verb: Token, work: Mention, usual: str, noun: Token | None = None) -> str | None:
    """What the verb (or its object noun, which speaks for it: "has given
    an order to") says the company is to the work (`company_verbs.tsv`); an
    acquisition is a distribution, of a series its network (books never get
    here: `company_statement`); a network that picks up a work picks it up
    for its channel ("Harbour Channel has picked up 'Salt Road'")."""
    by_noun = _word_sense(ctx.vocab.company_nouns, noun) if noun is not None else None
    by_verb = ctx.vocab.company_verbs.get(_verb_key(verb))
    sense = by_noun if by_noun not in (None, "acquisition") else by_verb or by_noun
    if sense != "acquisition":
        return sense
    ent = ctx.entities.get(work.entity) if work.entity else None
    kind = ent.kind if ent is not None else None
    if usual == "network" and (kind == "tv_series" or _verb_key(verb) == "pick up"):
        return "network"
    return "distributor"


def _agent_of(ctx: Context, c: Token, w: Token, work: Mention, usual: str) -> tuple[str, ...]:
    """"'Salt Road' is produced by Kestrel Films", "'Salt Road', released by
    Lumen", "was produced and distributed by Lumen" (both)."""
    if c.dep_ != "pobj" or c.head.dep_ != "agent":
        return ()
    verb = c.head.head
    if not _passive_of(ctx, verb, w) or not _asserted(ctx, verb):
        return ()
    joined = [v for v in (*verb.children, verb.head) if v.tag_ == "VBN" and v.i != verb.i
              and (v.dep_ == "conj" and v.head.i == verb.i or verb.dep_ == "conj" and v.i == verb.head.i)]
    senses = [_sense(ctx, v, work, usual) for v in (verb, *joined)]
    return tuple(dict.fromkeys(s for s in senses if s))


def _passive_of(ctx: Context, verb: Token, w: Token) -> bool:
    """Whether the work is the passive verb's subject or the noun its
    participle describes ("'Salt Road', released by Lumen")."""
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    if any(c.dep_ == "nsubjpass" and c.i == w.i for v in verbs for c in v.children):
        return True
    return verb.dep_ in ("acl", "relcl") and any(verb.head.i == t.i for t in _work_tokens(ctx, w))


def _done_by_subject(ctx: Context, c: Token, w: Token, work: Mention, usual: str) -> tuple[str, ...]:
    """The company is the subject of a verb done to the work: its object
    ("Harbour Channel has ordered 'Salt Road'", "Kestrel Films will produce
    the drama 'Salt Road'"), or the object of "to", "for" or "of" with the
    verb or its object noun ("has acquired rights to 'Salt Road'", "has given
    a series order to 'Salt Road'", "delayed the release of 'Salt Road'")."""
    if c.dep_ != "nsubj" or c.head.pos_ not in ("VERB", "AUX"):
        return ()
    verb = c.head
    if not _asserted(ctx, verb):
        return ()
    found = verb_object_of(ctx, w)
    if found is not None and found.i == verb.i:
        sense = _sense(ctx, verb, work, usual)
        return (sense,) if sense else ()
    tok = w
    while tok.dep_ in ("appos", "compound", "conj") and tok.head.i != tok.i and (
            _kind_noun(ctx, tok.head) or tok.dep_ == "conj" and ctx.mention_at(tok.head.i, "WORK")):
        tok = tok.head
    if tok.dep_ not in ("pobj", "pcomp") or tok.head.lower_ not in ("to", "for", "of") \
            or tok.head.dep_ not in ("prep", "dative"):
        return ()
    holder = tok.head.head
    if holder.i == verb.i:
        nouns = [o for o in verb.children if o.dep_ == "dobj"]
        noun = nouns[0] if nouns else None
    elif holder.dep_ == "dobj" and holder.head.i == verb.i:
        noun = holder
    else:
        return ()
    if noun is None or _word_sense(ctx.vocab.company_nouns, noun) is None:
        return ()  # "has released a trailer for", "has landed Mara Quill for": the object is another thing
    if _verb_key(verb) not in ctx.vocab.company_verbs and verb.lemma_.lower() not in NOUN_VERBS:
        return ()  # "criticised the release of", "lost the rights to": only a verb of giving or taking
    sense = _sense(ctx, verb, work, usual, noun)
    return (sense,) if sense else ()


# the prepositions a date of a work hangs from ("opens on June 6", "shoots in May", "set for June")
DATE_PREPOSITIONS = {"on", "in", "for", "by", "at", "to", "until", "from", "between", "during", "into"}


def date_statement(ctx: Context, work: Mention, date: Mention) -> str | None:
    """The date of the work ("release_date", "filming_start") that the
    sentence's grammar says `date` is, or None (`data/date_words.tsv`):
    - a verb the work is the subject of: "'Salt Road' will open on June 6",
      "will be released in 2026", "'Salt Road' is shooting in Lisbon in
      April", "will start filming in May", "'Salt Road', set to arrive next
      month";
    - a noun beside the date: "'Salt Road' is set for a 2026 release",
      "'Salt Road' was rushed into its May opening"; "production on 'Salt
      Road' starts in January";
    - "due": "'Salt Road', due April 29";
    - a verb that dates the work: "Sony has moved 'Salt Road' from May 25 to
      July 24" (the date after "to", never the one after "from").
    Never when the verb is negated or only wished for (`credit_statements.stands`),
    and never of a work said only as "the film"."""
    if date.end <= date.start or work.end <= work.start or work.how not in ("name", "alias", "untitled"):
        return None
    words = ctx.vocab.date_words
    w = mention_root(ctx, work)
    head, preposition = _date_head(mention_root(ctx, date))
    if head is None or preposition == "from":
        return None
    if head.lemma_.lower() == "due" and head.pos_ == "ADJ" and any(head.head.i == t.i for t in _work_tokens(ctx, w)):
        return "release_date"
    if head.pos_ == "NOUN" and _word_sense(words["noun"], head):
        governing = _governing_verb(head)
        owned = any(c.dep_ == "poss" and c.i == w.i for c in head.children)
        if owned or governing is not None and _subject_is(ctx, governing, w) and _asserted(ctx, governing):
            return _word_sense(words["noun"], head)
        return None
    verb = head
    for _ in range(3):
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        lemma = verb.lemma_.lower()
        if lemma in words["verb"] and (_subject_is(ctx, verb, w) or _said_of(ctx, verb, w)) and _asserted(ctx, verb):
            return words["verb"][lemma]
        if lemma in words["start"] and _asserted(ctx, verb):
            started = _started(ctx, verb, w)
            if started:
                return started
        if lemma in words["move"] and preposition in ("to", "for", "on") and _asserted(ctx, verb):
            found = verb_object_of(ctx, w)
            if found is not None and found.i == verb.i:
                return words["move"][lemma]
        if verb.dep_ not in ("xcomp", "conj"):
            return None
        verb = verb.head
    return None


def _date_head(d: Token) -> tuple[Token | None, str | None]:
    """The token a date hangs from and the preposition between them, if any
    ("opens on June 6": opens, "on"; "a 2026 release": release, None)."""
    if d.dep_ == "pobj" and d.head.lower_ in DATE_PREPOSITIONS:
        return d.head.head, d.head.lower_
    if d.dep_ in ("npadvmod", "tmod", "nmod", "compound", "amod", "nummod", "dobj", "attr", "appos"):
        return d.head, None
    return None, None


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(3):
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
    return None


def _said_of(ctx: Context, verb: Token, w: Token) -> bool:
    """Whether the verb's clause is said of the work: "'Salt Road', set to
    arrive next month" (arrive → set, a participle of the title)."""
    for _ in range(3):
        if verb.dep_ in ("acl", "relcl") and any(verb.head.i == t.i for t in _work_tokens(ctx, w)):
            return True
        if verb.dep_ not in ("xcomp",):
            return False
        verb = verb.head
    return False


def _started(ctx: Context, verb: Token, w: Token) -> str | None:
    """What a verb of starting says starts for the work: its object or "to"
    clause ("'Salt Road' will start filming", "'Salt Road' goes into
    production", "will go on floors") with the work its subject, or its
    subject with the work its "on" or "of" ("Production on 'Salt Road' starts
    in January", "Filming starts in May on 'Salt Road'")."""
    words = ctx.vocab.date_words
    what = [c for c in verb.children if c.dep_ in ("dobj", "xcomp")]
    what += [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("into", "on") for g in p.children
             if g.dep_ == "pobj"]
    for tok in what:
        said = _word_sense(words["noun"], tok) or _word_sense(words["verb"], tok)
        if said and _subject_is(ctx, verb, w):
            return said
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        said = _word_sense(words["noun"], subject)
        holders = (subject, verb)
        if said and any(p.dep_ == "prep" and p.lower_ in ("on", "of") and any(
                g.dep_ == "pobj" and any(g.i == t.i for t in _work_tokens(ctx, w)) for g in p.children)
                for h in holders for p in h.children):
            return said
    return None
