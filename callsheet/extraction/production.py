"""Where a work is made, shown and watched: studios, networks, streamers,
distributors, filming locations and dates."""
from __future__ import annotations

from spacy.tokens import Span, Token

from callsheet.extraction.context import PLACE_LABELS, TV_KINDS, Context
from callsheet.extraction.credits import sentence_work, subjects_of, work_in
from callsheet.extraction.dates import resolve_date
from callsheet.extraction.status import clause_window, match_status
from callsheet.language.trade_names import company_kind

FILMING_WORDS = {"shoot", "shooting", "filming", "film", "production", "location", "shot", "filmed"}
START_WORDS = {"start", "begin", "underway", "commence", "roll", "kick"}
RELEASE_WORDS = {"release", "open", "premiere", "broadcast", "screen", "air", "launch", "debut", "show"}
GENRE_GAP = 6


def _company_for_work(ctx: Context, company: str, work: str) -> str:
    kind = company_kind(ctx.entities[company].name or "")
    if ctx.entities[work].kind in TV_KINDS or kind == "network":
        return "network"
    return "studio"


def _work_after_company(ctx: Context, span: Span) -> str | None:
    """"ITV1's ... show CD:UK", "BBC series Ballykissangel", "MTV's The Osbournes"."""
    j = span.end
    doc = ctx.doc
    steps = 0
    while j < len(doc) and steps <= GENRE_GAP:
        nxt = ctx.ent_at.get(j)
        if nxt is not None and nxt.label_ == "WORK":
            return ctx.resolve_work(doc[j])
        tok = doc[j]
        if nxt is not None and nxt.label_ not in ("DATE", "TIME"):
            return None
        if tok.is_punct and tok.text not in ("'", "’", "-") or tok.pos_ in ("VERB", "AUX", "ADP", "PRON", "DET"):
            return None
        j += 1
        steps += 1
    return None


def find_companies(ctx: Context) -> None:
    for span in ctx.doc.ents:
        if span.label_ not in ("COMPANY", "ORG"):
            continue
        company = ctx.span_entity(span)
        if company is None or ctx.entity_type(company) != "company":
            continue
        sent = span.sent
        work = _work_after_company(ctx, span)
        if work:
            ctx.add(work, _company_for_work(ctx, company, work), ctx.evidence(sent), obj=company,
                    confidence=0.75, sent=sent)
            continue
        after = ctx.doc[span.end] if span.end < len(ctx.doc) else None
        if after is not None and after.lemma_.lower() in ctx.vocab.anaphors:
            work = ctx.work_anaphor(after) or (ctx.focus(after.i) if after.lemma_ == "project" else None)
            if work:
                ctx.add(work, "studio", ctx.evidence(sent), obj=company, confidence=0.7, sent=sent)
                continue
        before = " ".join(t.lower_ for t in ctx.doc[max(sent.start, span.start - 4):span.start])
        if before.endswith(" the"):
            before = before[:-4]
        predicate = next((p for phrase, p in ctx.vocab.company_cues.items() if before.endswith(phrase)), None)
        if predicate is None and after is not None and after.lower_ == "network":
            predicate = "network"
        if predicate:
            verb = span.root.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            subj = subjects_of(ctx, verb)
            work = work_in(ctx, subj[0]) if subj else None
            work = work or sentence_work(ctx, sent, span.start)
            if work:
                ctx.add(work, predicate, ctx.evidence(sent), obj=company, confidence=0.7, sent=sent)
            continue
        if any(t.lower_ == "rights" for t in sent):
            work = next((w for at, w in ctx.untitled_at if sent.start <= at < sent.end), None) \
                or ctx.focus(span.start)
            if work and ctx.entities[work].name is None:
                ctx.add(work, "studio", ctx.evidence(sent), obj=company, confidence=0.55, sent=sent)
            continue
        if span.start >= 2 and ctx.doc[span.start - 1].text == "," and \
                ctx.doc[span.start - 2].lower_ == "company" and ctx.doc[span.start - 3].lower_ == "production":
            work = ctx.focus(span.start)
            if work:
                ctx.add(work, "studio", ctx.evidence(sent), obj=company, confidence=0.55, sent=sent)


def find_places(ctx: Context) -> None:
    for span in ctx.doc.ents:
        if span.label_ not in PLACE_LABELS:
            continue
        sent = span.sent
        prev = ctx.doc[span.start - 1] if span.start else None
        cue = None
        if prev is not None and prev.lower_ in ("in", "at"):
            head = prev.head
            near = {t.lower_ for t in ctx.doc[max(sent.start, span.start - 4):span.start]}
            if head.lemma_.lower() in FILMING_WORDS or head.lower_ in FILMING_WORDS or near & FILMING_WORDS:
                cue = head
        elif span.root.dep_ in ("nsubj", "nsubjpass") and \
                any(t.lower_ in ("location", "shoot", "filming") for t in span.root.head.subtree):
            cue = span.root.head
        if cue is None:
            continue
        verb = cue
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = [s for s in subjects_of(ctx, verb) if s.i not in range(span.start, span.end)]
        work = (work_in(ctx, subj[0]) if subj else None) or ctx.focus(span.start)
        status = match_status(clause_window(span.root, cue), ctx.vocab.statuses)
        if status is None:
            status = _tense_status(verb, sent)
        ctx.add(work, "filming_location", ctx.evidence(sent), obj=ctx.place(span), status=status,
                confidence=0.6, sent=sent)


def _tense_status(verb: Token, sent: Span) -> str:
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children if c.dep_ == "aux"):
        return "credited"
    if any(t.lower_ in ("currently", "now") for t in sent):
        return "confirmed"
    return "attached"


def find_dates(ctx: Context) -> None:
    for span in ctx.doc.ents:
        if span.label_ != "DATE":
            continue
        sent = span.sent
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        if words & FILMING_WORDS and words & START_WORDS:
            predicate = "filming_start"
        elif words & RELEASE_WORDS and any(t.lemma_.lower() in RELEASE_WORDS and t.pos_ == "VERB" for t in sent):
            predicate = "release_date"
        else:
            continue
        value = resolve_date(span.text, ctx.article.published)
        if value is None:
            continue
        anchor = next((t for t in sent if t.lemma_.lower() in (START_WORDS | RELEASE_WORDS)), span.root)
        subj = subjects_of(ctx, anchor) if anchor.pos_ in ("VERB", "AUX") else []
        work = next((w for s in subj if (w := work_in(ctx, s))), None)
        work = work or ctx.focus(span.start)
        status = match_status(clause_window(None, anchor) + list(span), ctx.vocab.statuses) or "attached"
        ctx.add(work, predicate, ctx.evidence(sent), value=value, status=status, confidence=0.6, sent=sent)

