"""The grammar the credit statements and the candidate features share: the
role or link a word names (`roles.tsv`, `links.tsv`), the head a mention
hangs from, what the article calls each person (`occupations`), the status
phrases of a stretch of words and its hedges."""
from __future__ import annotations

from spacy.tokens import Token

from callsheet.extraction.context import Context, Mention
from callsheet.extraction.vocabulary import Vocabulary

GOVERNING_DEPS = {"conj", "appos", "compound", "flat", "poss", "amod", "nmod"}
PAST_WORDS = {"previously", "earlier", "ago", "once", "original", "former", "last", "formerly",
              "past", "already", "first"}
HEDGE_WORDS = {"reportedly", "reports", "report", "sources", "source", "rumoured", "rumored",
               "understood", "believed", "could", "may", "might", "possibly", "speculation"}
# words before a month: "in May", "early May", "since May"
MONTH_CUES = {"in", "on", "by", "for", "since", "until", "till", "from", "to", "through", "before", "after",
              "early", "late", "mid", "last", "next", "this", "of", "during", "between", "and"}
OFFICIAL_LEMMAS = {"confirm", "announce", "reveal", "unveil", "say", "tell", "state", "statement"}
EXECUTIVE_WORDS = {"executive", "exec", "co-executive", "co-exec"}


def role_of(ctx: Context, tok: Token) -> str | None:
    """The credit predicate a role word names, whichever form it takes:
    "helmed", "co-wrote" (the "co-" stripped), "executive produce", "write
    the music" (a verb with the object `roles.tsv` pairs it with). Kept per
    token of `ctx.doc` in `ctx.roles`: every candidate pair of a sentence
    asks again."""
    if tok.i not in ctx.roles:
        ctx.roles[tok.i] = _role_of(ctx.vocab, tok)
    return ctx.roles[tok.i]


def _role_of(v: Vocabulary, tok: Token) -> str | None:
    lemma, low = tok.lemma_.lower(), tok.lower_
    if lemma in ("produce", "producer") and tok.i > 0 and tok.doc[tok.i - 1].lower_ in EXECUTIVE_WORDS:
        return "executive_producer"
    by_object = v.role_objects.get(lemma.removeprefix("co-"))
    if by_object and tok.pos_ == "VERB":
        for obj in _objects(tok):
            role = by_object.get(obj.lemma_.lower())
            if role:
                return role
    for word in (lemma, low, lemma[3:] if lemma.startswith("co-") else None,
                 low[3:] if low.startswith("co-") else None):
        if not word:
            continue
        role = v.role_verbs.get(word) or v.role_nouns.get(word) or v.role_agents.get(word) \
            or v.appearances.get(word)
        if role:
            return role
    return None


def _objects(verb: Token) -> list[Token]:
    """The verb's direct objects; a verb with none shares those of a verb
    coordinated with it ("write and produce original music": music is
    write's object too, but not in "write the script and produce the music")."""
    own = [c for c in verb.children if c.dep_ == "dobj"]
    if own:
        return own
    verbs = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verbs.append(verb.head)
    return [c for v in verbs for c in v.children if c.dep_ == "dobj"]


def link_of(ctx: Context, tok: Token) -> str | None:
    """The work-to-work link a word names ("sequel", "remake", "based")."""
    if tok.lemma_.lower() == "base" and tok.tag_ == "VBN":
        return "adaptation_of"
    entry = ctx.vocab.links.get(tok.lower_) or ctx.vocab.links.get(tok.lemma_.lower())
    return entry[0] if entry else None


def governor(tok: Token) -> Token:
    """The token a mention hangs from once coordination and modifiers are
    climbed ("Kudrow and Sorvino are expected": Sorvino → Kudrow)."""
    seen = 0
    while tok.dep_ in GOVERNING_DEPS and tok.head.i != tok.i and seen < 6:
        tok = tok.head
        seen += 1
    return tok


def mention_root(ctx: Context, mention: Mention) -> Token:
    """The syntactic head of the mention's words (its first token when it has none)."""
    span = ctx.doc[mention.start:mention.end]
    return span.root if len(span) else ctx.doc[mention.start]


def work_kind_of(ctx: Context, mention: Mention) -> str:
    ent = ctx.entities.get(mention.entity) if mention.entity else None
    return (ent.kind if ent is not None else None) or "unknown"


def occupations(ctx: Context) -> dict[str, frozenset[str]]:
    """Person entity id → the credit roles the article gives the person
    anywhere: by a role noun before the name ("director Mike Leigh",
    "Friends actress Lisa Kudrow"), in apposition ("Mara Quill, a
    producer"), as a descriptor's own noun ("the actor"), and, marked
    "v:", by a role verb the person is the subject (active or passive) or
    the agent of ("Leigh directed", "Leigh was hired to direct", "directed
    by Leigh"). A word before the name counts only when it modifies or
    governs the name ("her producer partner Tom Reed" makes Reed no
    producer). Worked out once per state of the mentions
    (`Context.per_mentions`)."""
    return ctx.per_mentions("occupations", lambda: _occupations(ctx))


# the roles whose verb in the passive still names its subject's role ("Quill was cast");
# "Quill was directed by Brook" makes Brook the director, not Quill
PASSIVE_ROLES = {"cast"}


def _occupations(ctx: Context) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    doc = ctx.doc
    for m in ctx.mentions:
        if m.label != "PERSON" or not m.entity or m.end <= m.start:
            continue
        roles = found.setdefault(m.entity, set())
        root = mention_root(ctx, m)
        nouns = [t for t in doc[max(0, m.start - 2):m.start]
                 if t.head.i in range(m.start, m.end) or t.i == root.head.i]
        nouns += [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            nouns.append(root.head)
        if m.how == "descriptor":
            nouns.append(root)
        for tok in nouns:
            role = noun_role(ctx, tok)
            if role:
                roles.add(role)
        gov = governor(root)
        verb = None
        if gov.dep_ in ("nsubj", "nsubjpass"):
            verb = gov.head
        elif gov.dep_ == "pobj" and gov.head.dep_ == "agent":
            verb = gov.head.head
        if verb is not None and verb.pos_ == "VERB":
            for tok in [verb, *to_complements(verb)]:
                role = role_of(ctx, tok)
                if role and (tok != verb or gov.dep_ != "nsubjpass" or role in PASSIVE_ROLES):
                    roles.add(f"v:{role}")
    return {person: frozenset(roles) for person, roles in found.items() if roles}


def to_complements(verb: Token) -> list[Token]:
    """The verbs of `verb`'s "to" clauses, whose role is its subject's:
    "direct" in "is set to direct", "has been tapped to direct" (which the
    parser makes an xcomp, or an advcl or ccomp with "to")."""
    return [c for c in verb.children if c.pos_ == "VERB" and (
        c.dep_ == "xcomp" or c.dep_ in ("advcl", "ccomp") and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]


def noun_role(ctx: Context, tok: Token) -> str | None:
    """The role a noun names ("actress", "co-star", "showrunner"), not a verb."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    return role_of(ctx, tok)


def hedge_words(tokens) -> set[str]:
    """The hedges among `tokens` (lower-cased words of HEDGE_WORDS), but not
    the month May ("shooting in May", "May 5"): the parser tags a title-case
    headline's modal ("Ada Brook May Direct Salt Road") a proper noun like
    the month, so a capitalised "May" is the month only after a preposition
    or time word or before a number."""
    return {t.lower_ for t in tokens if t.lower_ in HEDGE_WORDS and not _the_month(t)}


def _the_month(tok: Token) -> bool:
    if tok.lower_ != "may" or tok.tag_ == "MD" or tok.text.islower():
        return False
    before = tok.nbor(-1).lower_ if tok.i > 0 else ""
    after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return before in MONTH_CUES or (after is not None and after.like_num)


def phrases_in(ctx: Context, tokens: list[Token]):
    """(status, phrase) for each status phrase among `tokens`, in the
    table's rank order, each once."""
    texts = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    present = set(texts) | set(lemmas)
    for phrase in ctx.vocab.statuses:
        if phrase.words[0] not in present:
            continue
        seq = lemmas if phrase.by_lemma else texts
        n = len(phrase.words)
        for i in range(len(seq) - n + 1):
            if tuple(seq[i:i + n]) == phrase.words:
                yield phrase.status, phrase.name
                break
