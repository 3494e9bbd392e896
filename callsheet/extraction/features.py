"""Features of a candidate fact: what the words and the parse between two
mentions say, with the trade vocabulary (role words, status phrases, link
nouns, company cues) as named signals.

A feature set is a plain `dict[str, float]` (mostly indicator features set
to 1.0), so that any linear model can read it and a person can read why a
fact was taken. Candidate pairs are (subject mention, object mention) in one
sentence; an implicit object (the project in focus, unnamed in the sentence)
has no words of its own, so its features come from the subject's side and
the sentence.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from callsheet.extraction.context import Context, Mention
from callsheet.extraction.credit_statements import source_of_link
from callsheet.extraction.grammar import (OFFICIAL_LEMMAS, PAST_WORDS, governor, hedge_words, link_of, mention_root,
                                          occupations, phrases_in, role_of, to_complements, work_kind_of)
from callsheet.extraction.vocabulary import Vocabulary
from callsheet.language.trade_names import company_kind

MAX_BETWEEN = 10
MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "ADV", "NUM", "PART"}
MAX_PATH = 7


def _bucket(n: int) -> str:
    for limit in (1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


def _word(tok: Token) -> str:
    if tok.like_num:
        return "#num"
    return tok.lemma_.lower() if tok.pos_ in ("VERB", "AUX", "NOUN") else tok.lower_


def word_class(ctx: Context, tok: Token) -> str:
    """A token as the generalised path sees it: its role or link, else its
    part of speech."""
    role = role_of(ctx, tok)
    if role:
        return f"ROLE:{role}"
    link = link_of(ctx, tok)
    if link:
        return f"LINK:{link}"
    if tok.lemma_.lower() in ("be", "have"):
        return tok.lemma_.lower()
    return tok.pos_


def head_chain(tok: Token, limit: int = 4) -> list[Token]:
    """The verbs and nouns above a token up to its clause's root."""
    chain = []
    tok = governor(tok)
    while tok.head.i != tok.i and len(chain) < limit:
        tok = tok.head
        chain.append(tok)
    return chain


def dep_path(a: Token, b: Token) -> tuple[list[str], list[Token]]:
    """The dependency path from a to b: labels with arrows, and the tokens
    passed through (their lowest common ancestor included)."""
    up_a = [a] + list(a.ancestors)
    up_b = [b] + list(b.ancestors)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            common, m = t, ids_b[t.i]
            break
    else:
        return ["nopath"], []
    left = up_a[:n]
    right = up_b[:m]
    labels = [f"{t.dep_}↑" for t in left] + [f"{t.dep_}↓" for t in reversed(right)]
    through = left[1:] + [common] + list(reversed(right[1:]))
    return labels, through


def pair_features(ctx: Context, subj: Mention, obj: Mention) -> dict[str, float]:
    """Features of the candidate fact (subj, ?, obj) stated in their sentence."""
    f: dict[str, float] = {"bias": 1.0, f"s.how={subj.how}": 1.0, f"o.how={obj.how}": 1.0}
    doc = ctx.doc
    sent = ctx.sents[subj.sent]
    _cues(ctx, subj, obj, sent, f)
    _entity_features(ctx, subj, obj, f)
    if obj.how == "implicit":
        return _implicit_features(ctx, subj, obj, sent, f)
    if subj.how == "implicit":
        return _implicit_features(ctx, obj, subj, sent, f, side="o")
    if not in_fragment(ctx, subj):
        _mention_side(ctx, "s", subj, f)
        _patterns(ctx, subj, obj, f)
    if subj.label == "PERSON" and obj.label == "WORK" and source_of_link(ctx, subj, obj) is not None:
        f["o.names_source"] = 1.0
    if subj.label == "WORK" and obj.label == "WORK":
        _title_relation(ctx, subj, obj, f)
    subj_anchor, obj_anchor = conjunct_head(ctx, subj), conjunct_head(ctx, obj)
    if subj_anchor != subj:
        f["s.conjunct"] = 1.0
        subj = subj_anchor
        _mention_side(ctx, "s", subj, f)
    if obj_anchor != obj:
        f["o.conjunct"] = 1.0
        obj = obj_anchor
    _mention_side(ctx, "o", obj, f)
    if subj.start == obj.start:
        f["same_anchor"] = 1.0
        return f
    a, b = (subj, obj) if subj.start <= obj.start else (obj, subj)
    f["order=so" if a == subj else "order=os"] = 1.0
    gap = max(0, b.start - a.end)
    f[f"gap={_bucket(gap)}"] = 1.0
    between = list(doc[a.end:b.start])
    if len(between) > MAX_BETWEEN:
        between = between[:MAX_BETWEEN // 2] + between[-MAX_BETWEEN // 2:]
        f["between.long"] = 1.0
    _words(ctx, between, "bw", "bw", f)
    if gap <= 3:
        f["bw.seq=" + "_".join(_word(t) for t in doc[a.end:b.start])] = 1.0
    if between and between[0].text == "(" and a == subj:
        f["o.in_brackets_after_s"] = 1.0
    if any(t.text in (";",) for t in between) or any("\n" in t.text for t in between):
        f["bw.break"] = 1.0
    others = [m for m in ctx.in_sentence(subj.sent) if a.end <= m.start and m.end <= b.start
              and m.label in (subj.label, obj.label) and m.explicit]
    f[f"bw.same_type={min(len(others), 3)}"] = 1.0
    labels, through = dep_path(mention_root(ctx, subj), mention_root(ctx, obj))
    if len(labels) <= MAX_PATH:
        f["path=" + "|".join(labels)] = 1.0
        f["path.lex=" + "|".join(labels[:1] + [_word(t) for t in through] + labels[-1:])] = 1.0
        f["path.gen=" + "|".join(labels[:1] + [word_class(ctx, t) for t in through] + labels[-1:])] = 1.0
        up = [lab for lab in labels if lab.endswith("↑")]
        down = [lab for lab in labels if lab.endswith("↓")]
        for tok in through:
            role = role_of(ctx, tok)
            if role:
                f[f"path.role={role}:{(up or ['-'])[0]}:{(down or ['-'])[-1]}"] = 1.0
    f[f"path.len={_bucket(len(labels))}"] = 1.0
    _words(ctx, through, "path.w", "path", f)
    return f


def _entity_features(ctx: Context, subj: Mention, obj: Mention, f: dict[str, float]) -> None:
    """What the article says the pair's entities are, wherever it says it.
    A credit pair reads the work's kind and what the person is called
    (`occupations`: "director Mike Leigh" ... "Leigh's Vera Drake" names no
    role, the occupation decides it), each role joined with the kind; a
    company pair reads what the company usually is (`company_kind`: a
    studio, a network) joined with the work's kind."""
    if subj.label == "PERSON" and obj.label == "WORK" and subj.entity:
        kind = work_kind_of(ctx, obj)
        f[f"o.kind={kind}"] = 1.0
        for role in sorted(occupations(ctx).get(subj.entity, ())):
            f[f"s.occupation={role}"] = 1.0
            f[f"s.occupation={role}&kind={kind}"] = 1.0
    elif subj.label == "WORK" and obj.label == "COMPANY" and obj.entity in ctx.entities:
        usual = company_kind(ctx.entities[obj.entity].name or "") or "unknown"
        f[f"o.company={usual}"] = 1.0
        f[f"o.company={usual}&kind={work_kind_of(ctx, subj)}"] = 1.0


def _words(ctx: Context, tokens: list[Token], word: str, prefix: str, f: dict[str, float]) -> None:
    """Each token's word as `word=...`, and the role or link it names as
    `prefix.role=...` / `prefix.link=...` (words between a pair, or on its path)."""
    for tok in tokens:
        f[f"{word}={_word(tok)}"] = 1.0
        role = role_of(ctx, tok)
        if role:
            f[f"{prefix}.role={role}"] = 1.0
        link = link_of(ctx, tok)
        if link:
            f[f"{prefix}.link={link}"] = 1.0


def _title_relation(ctx: Context, subj: Mention, obj: Mention, f: dict[str, float]) -> None:
    """"Sinister 2" and "Sinister", "Peter Rabbit 2: The Runaway" and "Peter
    Rabbit": one title extending another is a strong sign of a sequel."""
    a = ctx.entities[subj.entity].name if subj.entity else None
    b = ctx.entities[obj.entity].name if obj.entity else None
    if not a or not b or a == b:
        return
    if a.startswith(b):
        rest = a[len(b):].strip(" :-–")
        f["title.extends"] = 1.0
        if rest.split() and (rest.split()[0].isdigit() or rest.split()[0] in ("II", "III", "IV", "Part")):
            f["title.numbered"] = 1.0
    elif b.startswith(a):
        f["title.extended_by"] = 1.0

def _patterns(ctx: Context, subj: Mention, obj: Mention, f: dict[str, float]) -> None:
    """Trade-press shapes that tie two names without a clause between them,
    read on the mentions themselves (not their list's head): "Friends actress
    Lisa Kudrow", "Rowan Pike (Glass Season)", "Rowan Pike's Glass Season",
    "Glass Season's Rowan Pike"; with the work's kind where it matters (a
    book's possessive names its writer, a film's its director)."""
    doc = ctx.doc
    if subj.end <= subj.start or obj.end <= obj.start:
        return
    kind = ""
    work = obj if obj.label == "WORK" else subj if subj.label == "WORK" else None
    if work is not None and work.entity in ctx.entities:
        kind = {"book": "book", "song": "music", "album": "music", None: "unknown"}.get(
            ctx.entities[work.entity].kind, "screen")
    if subj.start > obj.end:
        words = doc[obj.end:subj.start]
        roles = [role_of(ctx, t) for t in words]
        if 0 < len(words) <= 3 and roles[-1]:
            f[f"pat.descriptor={roles[-1]}"] = 1.0
        if len(words) <= 3 and words and words[0].text in ("'s", "’s", "'", "’"):
            f["pat.o_possessive_s"] = 1.0
            f[f"pat.o_possessive_s&kind={kind}"] = 1.0
            for r in roles:
                if r:
                    f[f"pat.o_possessive_role={r}"] = 1.0
    else:
        words = doc[subj.end:obj.start]
        if words and words[0].text in ("'s", "’s", "'", "’") and len(words) <= 7 and \
                all(t.pos_ in MODIFIER_POS or t.is_punct for t in words[1:]):
            f["pat.s_possessive_o"] = 1.0
            f[f"pat.s_possessive_o&kind={kind}"] = 1.0
            for t in words:
                role = role_of(ctx, t)
                if role:
                    f[f"pat.s_possessive_role={role}"] = 1.0
        if words and words[0].text == "(" and len(words) <= 2 and obj.end < len(doc) and \
                doc[obj.end].text in (")", ","):
            f["pat.o_in_brackets"] = 1.0
        if len(words) <= 3:
            f["pat.adjacent=" + "_".join(_word(t) for t in words)] = 1.0
    between = doc[min(subj.end, obj.end):max(subj.start, obj.start)]
    if any(t.text == ")" for t in between):
        f["pat.bracket_closed_between"] = 1.0
    if any(t.text == "(" for t in between):
        f["pat.bracket_opened_between"] = 1.0


def _implicit_features(ctx: Context, subj: Mention, obj: Mention, sent: Span,
                       f: dict[str, float], side: str = "s") -> dict[str, float]:
    """A fact about the project in focus that the sentence leaves unnamed
    ("Catherine Zeta-Jones joins the all-star cast"): what governs the named
    side (`subj` here, whichever side of the fact it is; a verb's "to"
    clause included, "is set to direct"), the sentence's role words, whether
    it names another work, and for a person how sure the focus is (sentences
    since it was named, works named so far). Prefixed apart from the
    named-pair features, as they mean other things."""
    named: dict[str, float] = {}
    _mention_side(ctx, side, conjunct_head(ctx, subj), named)
    f.update({f"i.{k}": v for k, v in named.items()})
    explicit_works = [m for m in ctx.in_sentence(subj.sent, "WORK") if m.explicit]
    works = min(len(explicit_works), 2)
    f[f"i.works={works}"] = 1.0
    f[f"i.focus={ctx.focus(sent.start) == obj.entity}"] = 1.0
    if subj.label == "PERSON":  # how sure the focus is: credits ask; companies and places did worse for it
        before = [m for m in ctx.topical_works() if m.start < sent.start]
        naming = [m.sent for m in before if m.entity == obj.entity]
        f[f"i.since_named={_bucket(subj.sent - naming[-1]) if naming else 'never'}"] = 1.0
        f[f"i.works_so_far={min(len({m.entity for m in before}), 4)}"] = 1.0
    roles = {role_of(ctx, tok) for tok in sent} - {None}
    for role in roles:
        f[f"i.sent.role={role}"] = 1.0
        f[f"i.sent.role={role}&works={works}"] = 1.0
    gov = governor(mention_root(ctx, conjunct_head(ctx, subj)))
    chain = head_chain(mention_root(ctx, subj), 3)
    for tok in chain:
        role = role_of(ctx, tok)
        if role is None and tok.pos_ == "VERB":  # "X has been tapped to direct"
            role = next(filter(None, (role_of(ctx, c) for c in to_complements(tok))), None)
        if role:
            f[f"i.s.governing_role={role}&{gov.dep_}"] = 1.0
            f[f"i.s.governing_role={role}&works={works}"] = 1.0
            if any(c.lower_ == "as" for c in tok.children):
                f[f"i.s.governing_role={role}&as"] = 1.0
    return f


def _cues(ctx: Context, subj: Mention, obj: Mention, sent: Span, f: dict[str, float]) -> None:
    """Words of `fact_cues.tsv` ("shoot", "premiere", "available") in the
    sentence, and next to the named mentions; the company cue phrase
    ("distributed by") right before a company."""
    near = {i for m in (subj, obj) if m.end > m.start
            for i in range(max(sent.start, m.start - 4), min(sent.end, m.end + 4))}
    for i, predicate in _sentence_cues(ctx, sent):
        f[f"cue.sent={predicate}"] = 1.0
        if i in near:
            f[f"cue.near={predicate}"] = 1.0
    for m in (subj, obj):
        if m.label == "COMPANY" and m.end > m.start:
            before = list(ctx.doc[max(sent.start, m.start - 5):m.start])
            if before and before[-1].lower_ == "the":
                before.pop()
            for phrase, predicate in ctx.vocab.company_cues:
                if _ends_with(before, phrase, ctx.vocab.work_nouns):
                    f[f"cue.company={predicate}"] = 1.0


def _sentence_cues(ctx: Context, sent: Span) -> list[tuple[int, str]]:
    """(token index, predicate) of each `fact_cues.tsv` word of the sentence
    (by lemma and by form), once per span of `ctx.doc` in `ctx.sentence_cues`."""
    key = (sent.start, sent.end)
    if key not in ctx.sentence_cues:
        ctx.sentence_cues[key] = _find_cues(ctx.vocab, sent)
    return ctx.sentence_cues[key]


def _find_cues(v: Vocabulary, sent: Span) -> list[tuple[int, str]]:
    return [(tok.i, predicate) for tok in sent for word in (tok.lemma_.lower(), tok.lower_)
            for predicate in v.fact_cues.get(word, ())]


def _ends_with(tokens: list[Token], phrase: tuple[str, ...], work_nouns: frozenset[str]) -> bool:
    """Whether `tokens` end with `phrase` (lower-case words), whose "<work>"
    matches a word of `work_nouns` by its lemma ("films from", "comedies
    from"), unless the tagger makes it a verb ("to show from")."""
    if len(phrase) > len(tokens):
        return False
    tail = tokens[len(tokens) - len(phrase):]
    return all(tok.lower_ == want or (want == "<work>" and tok.pos_ not in ("VERB", "AUX")
                                      and tok.lemma_.lower() in work_nouns)  # "a western", not "to show"
               for tok, want in zip(tail, phrase))


def in_fragment(ctx: Context, mention: Mention) -> int | None:
    """Where the list fragment the mention stands in begins, if it stands in
    one ("As well as C and D." after a sentence; `Context.continuations`)."""
    sent = ctx.sents[mention.sent]
    for fragment, sentence_start in ctx.continuations.items():
        if sent.start == sentence_start and mention.start >= fragment and mention.end > mention.start:
            return fragment
    return None


def conjunct_head(ctx: Context, mention: Mention) -> Mention:
    """The first mention of a coordinated list the mention belongs to
    ("starring A, B and C": C → A; and a list fragment after it, "As well as
    D and E"), so that every member reads the words that govern the list."""
    if mention.end <= mention.start:
        return mention
    fragment = in_fragment(ctx, mention)
    if fragment is not None:
        before = [m for m in ctx.in_sentence(mention.sent, mention.label)
                  if m.explicit and m.entity and m.end <= fragment]
        if before:
            return conjunct_head(ctx, before[-1])
    tok = mention_root(ctx, mention)
    current = mention
    for _ in range(12):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
        above = ctx.mention_at(tok.i, mention.label)
        if above is None:
            break
        current = above
    return current


def _mention_side(ctx: Context, side: str, mention: Mention, f: dict[str, float]) -> None:
    """Words next to a mention, what it hangs from, role words beside it."""
    doc = ctx.doc
    if mention.end <= mention.start:
        return
    root = mention_root(ctx, mention)
    gov = governor(root)
    f[f"{side}.dep={gov.dep_}"] = 1.0
    f[f"{side}.head={_word(gov.head)}"] = 1.0
    f[f"{side}.dep_head={gov.dep_}:{word_class(ctx, gov.head)}"] = 1.0
    for n, tok in enumerate(head_chain(root)):
        f[f"{side}.up={_word(tok)}"] = 1.0
        role = role_of(ctx, tok)
        if role:
            f[f"{side}.up.role={role}"] = 1.0
            if n == 0:
                f[f"{side}.head.role={role}"] = 1.0
    for offset in (1, 2):
        j = mention.start - offset
        if j >= 0:
            f[f"{side}.prev{offset}={_word(doc[j])}"] = 1.0
            role = role_of(ctx, doc[j])
            if role:
                f[f"{side}.prev.role={role}"] = 1.0
        j = mention.end - 1 + offset
        if j < len(doc):
            f[f"{side}.next{offset}={_word(doc[j])}"] = 1.0
            role = role_of(ctx, doc[j])
            if role:
                f[f"{side}.next.role={role}"] = 1.0
    for child in root.children:
        role = role_of(ctx, child)
        if role and child.dep_ in ("compound", "amod", "appos", "nmod"):
            f[f"{side}.desc.role={role}"] = 1.0
    for tok in [root.head, *root.children]:
        link = link_of(ctx, tok)
        if link:
            f[f"{side}.near.link={link}"] = 1.0
    if mention.how in ("anaphor", "untitled"):
        f[f"{side}.self={root.lower_}"] = 1.0
        link = link_of(ctx, root)
        if link:
            f[f"{side}.self.link={link}"] = 1.0


def status_features(ctx: Context, subj: Mention, obj: Mention, sent: Span) -> dict[str, float]:
    """What says how firm a fact is: status phrases of the trade vocabulary
    in the clause, tense and modality, hedges and official statements,
    whether the work is already out, what the article says about the work's
    time (`work_context`) and the lead's time words (`lead_context`), the
    latter also joined with whether the work is the project in focus."""
    f: dict[str, float] = {"bias": 1.0}
    doc = ctx.doc
    anchors = [m for m in (subj, obj) if m.end > m.start]
    lo = min((m.start for m in anchors), default=sent.start)
    hi = max((m.end for m in anchors), default=sent.end)
    window = list(doc[max(sent.start, lo - 4):min(sent.end, hi + 4)])
    chain = {t.i: t for m in anchors for t in head_chain(mention_root(ctx, m), 6)}
    for t in list(chain.values()):
        for c in t.children:
            if c.dep_ in ("aux", "auxpass", "neg", "prt", "advmod"):
                chain[c.i] = c
    clause = sorted({t.i: t for t in window + list(chain.values())}.values(), key=lambda t: t.i)
    for name, tokens in (("cl", clause), ("sent", list(sent))):
        for phrase_status, phrase in phrases_in(ctx, tokens):
            f[f"{name}.status={phrase_status}"] = 1.0
            f[f"{name}.phrase={phrase}"] = 1.0
    for t in chain.values():
        f[f"tag={t.tag_}"] = 1.0
        if t.dep_ in ("aux", "auxpass"):
            f[f"aux={t.lower_}"] = 1.0
        if t.pos_ in ("VERB", "AUX"):
            f[f"verb={t.lemma_.lower()}"] = 1.0
    words = {t.lower_ for t in sent}
    lemmas = {t.lemma_.lower() for t in sent}
    for w in words & PAST_WORDS:
        f[f"past={w}"] = 1.0
    for w in hedge_words(sent):
        f[f"hedge={w}"] = 1.0
    for w in lemmas & OFFICIAL_LEMMAS:
        f[f"official={w}"] = 1.0
    if "according" in words:
        f["hedge=according"] = 1.0
    text = sent.text.lower()
    if any(cue in text for cue in ctx.vocab.released):
        f["released.cue"] = 1.0
    if subj.end > subj.start and subj.end < len(doc) and doc[subj.end].text == "(" and obj.start > subj.end:
        f["brackets_after_subject"] = 1.0
    work = obj.entity if obj.label == "WORK" else subj.entity if subj.label == "WORK" else None
    in_focus = work is not None and ctx.focus(sent.start) == work
    if work and ctx.entities.get(work) is not None:
        ent = ctx.entities[work]
        f[f"work.titled={ent.name is not None}"] = 1.0
        published = ctx.article.published
        if ent.year and published:
            f[f"work.year_vs_published={_sign(ent.year - int(published[:4]))}"] = 1.0
        if work in ctx.released:
            f["work.released"] = 1.0
        if in_focus:
            f["work.focus"] = 1.0
    for m in (subj, obj):
        if m.label == "WORK" and m.end > m.start and ctx.descriptive(m):
            f["work.describes_person"] = 1.0  # "Friends actress Lisa Kudrow": a past credit
    f[f"sent.lead={subj.sent < 2}"] = 1.0
    if work:
        f.update(work_context(ctx, work))
    for name in lead_context(ctx):
        f[name] = 1.0
        if in_focus:
            f[name.replace("=", "&focus=", 1)] = 1.0
    return f


NEW_WORDS = {"new", "upcoming", "untitled", "next", "forthcoming", "planned", "proposed", "order", "greenlight",
             "greenlit", "develop", "development", "adapt", "pickup", "commission", "shoot", "production",
             "filming", "cast", "casting", "join", "board", "tap", "attach", "set", "slate", "will"}
OLD_WORDS = {"renew", "season", "series", "return", "previous", "original", "classic", "hit", "release",
             "premiere", "air", "run", "gross", "box", "review", "award", "nominate", "win",
             "earn", "star", "previously", "former", "last", "first"}


def work_context(ctx: Context, work: str) -> dict[str, float]:
    """What the whole article says about a work's time, summed over every
    sentence that names it: an upcoming project ("new", "order", "set to")
    or a work already out ("renewed", "premiered", a past year), and
    whether a statement names it ("announced", "confirmed"). Status is
    mostly a property of the work, and one sentence seldom says it all."""
    cache = ctx.work_contexts
    if work in cache:
        return cache[work]
    f: dict[str, float] = {}
    sents = {m.sent for m in ctx.mentions if m.entity == work and m.explicit}
    published = ctx.article.published
    ent = ctx.entities.get(work)
    for n in sents:
        for tok in ctx.sents[n]:
            lemma = tok.lemma_.lower()
            if lemma in NEW_WORDS:
                f[f"w.new={lemma}"] = 1.0
            if lemma in OLD_WORDS:
                f[f"w.old={lemma}"] = 1.0
            if lemma in OFFICIAL_LEMMAS:
                f[f"w.official={lemma}"] = 1.0
            if tok.tag_ in ("VBD", "VBN", "MD", "VBZ", "VBG") and tok.pos_ in ("VERB", "AUX"):
                f[f"w.tag={tok.tag_}"] = f.get(f"w.tag={tok.tag_}", 0.0) + 0.25
            if tok.text.isdigit() and len(tok.text) == 4 and tok.text[:2] in ("19", "20") and published:
                f[f"w.year={_sign(int(tok.text) - int(published[:4]))}"] = 1.0
    if ent is not None:
        f[f"w.untitled={ent.name is None}"] = 1.0
        f[f"w.kind={ent.kind}"] = 1.0
    f[f"w.sentences={min(len(sents), 4)}"] = 1.0
    cache[work] = f
    return f


def lead_context(ctx: Context) -> list[str]:
    """The time words of the article's lead (its first two sentences, as
    split: headline and first sentence, or the sentence after a web page's
    date), single lemmas from the word lists of `work_context`: "order",
    "set", "development" lean towards an announcement of something coming,
    "renew", "premiere", "hit" towards a look back; the status model learns
    how far. The lead says what the article is about, so it speaks for the
    status of every credit on the project in focus, also those stated far
    below it. Returns sorted feature names, computed once per article."""
    if ctx.lead_words is None:
        names = set()
        for n in range(min(2, len(ctx.sents))):
            for tok in ctx.sents[n]:
                lemma = tok.lemma_.lower()
                if lemma in NEW_WORDS:
                    names.add(f"lead.new={lemma}")
                if lemma in OLD_WORDS:
                    names.add(f"lead.old={lemma}")
                if lemma in OFFICIAL_LEMMAS:
                    names.add(f"lead.official={lemma}")
            for word in hedge_words(ctx.sents[n]):
                names.add(f"lead.hedge={word}")
        ctx.lead_words = sorted(names)
    return ctx.lead_words


def _sign(n: int) -> str:
    return "past" if n < 0 else "same" if n == 0 else "future"
