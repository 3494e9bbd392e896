"""Nine precise repairs of the trade recogniser's entities, by rule:

- a title in quote marks is one title: when the recogniser labelled part of
  a quoted, title-like phrase as a work ("Bright Lights, Big City" cut at
  its comma), the whole phrase inside the quotes becomes the WORK;
- a full name the base recogniser (en_core_web_md, trained on far more
  text) calls a person, where the trade recogniser labelled nothing at all,
  is a PERSON; so is a surname it saw alone with the given name before it
  that it left out ("Composer Iris Nakamura", where it saw "Nakamura"):
  a capitalised proper noun no recogniser labelled, no person descriptor,
  not opening its sentence;
- a name that ends in a company word ("Kestrel Films", "Bad Wolf
  Productions", `data/company_words.tsv`) is a COMPANY, whether or not any
  table knows it;
- a company cut short before more company words is the whole name
  ("Kestrel [Television Studios]", "Lumen [Pictures Classics]", "Harbour
  [TV]"): the trade-name table knows the parent ("Sony Pictures",
  "Amazon") and took only its words. In the annotated corpus's held-out
  extractions, 30 gold companies came out so cut;
- a name the recogniser calls a company, right after a phrase that names a
  work ("appeared in", "a role in", "is called": the `context` cues of
  `data/title_cues.tsv`), is a WORK, unless the trade-name table knows it
  as a company ("starred in Netflix's ...") or it ends in a company word;
  "called", "titled" after a company noun ("a studio called X") name a
  company.
  In the annotated corpus, every company after such a phrase is one the
  table knows;
- a name the recogniser calls a company, right before a credit word and a
  person ("Rogue One writer Tony Gilroy": the `credit` cues of
  `data/title_cues.tsv`), is the WORK describing the person, unless the
  trade-name table knows it, it ends in a company word or it is one word.
  In the annotated corpus, the 4 companies so placed are gold works;
- a place right after a noun that names a kind of work ("the novel Salt
  Road": the `before` cues of `data/title_cues.tsv`), on the same line, is
  a WORK: in the annotated corpus, of the names right after such a noun
  185 are gold works and none a place; so is a person after such a noun in
  lower case ("the romantic thriller Haseen Dillruba"): of the gold names
  after one, 288 are works, none on the same line a person; and so is a
  character there ("the comedy Dana Cole"): no gold character follows one,
  238 gold works do;
- a title-like name in brackets right after a person's full name is a
  WORK, the trade press's way to give a past credit ("Rowan Pike (Glass
  Season) will direct"), when the recogniser called it a person the base
  recogniser does not (a character, "Ada Brook (Nora)", it does), a
  company no table knows that is no acronym ("(CAA)"), or left it
  unlabelled (then only a title no recogniser labelled otherwise, with no
  "and", which may join two titles, and no tag such as "(EXCLUSIVE)").
  In the annotated corpus, 92 of 95 gold entities in such brackets are
  works (the rest known companies), and the recogniser mistyped or missed
  17 of the works (cross-validated);
- a title of two words or more that the article quotes as a work is that
  work wherever its words recur unquoted and no longer name covers them.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from callsheet.language.base_entities import BASE_ENTS_KEY
from callsheet.language.trade_names import company_kind
from callsheet.tables import load_table

QUOTES = {"‘": "’", "“": "”", "'": "'", '"': '"'}
CLOSING_QUOTE_MARKS = set(QUOTES.values())
MAX_TITLE_TOKENS = 12
SMALL_WORDS = {"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "from", "by", "or", "is"}


def _title_like(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    if not words or not span[0].text[:1].isupper() or len(span) > MAX_TITLE_TOKENS:
        return False
    if span[-1].text in (".",) or any(t.text in ("\n",) or "\n" in t.whitespace_ for t in span[:-1]):
        return False
    capitalised = [t for t in words if t.text[0].isupper() or t.lower_ in SMALL_WORDS]
    return len(capitalised) == len(words)


def quoted_spans(doc: Doc) -> list[Span]:
    """Title-like phrases inside a pair of quote marks on one line."""
    out = []
    i = 0
    while i < len(doc):
        close = QUOTES.get(doc[i].text)
        if close is None:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i <= MAX_TITLE_TOKENS + 1 and doc[j].text != close \
                and "\n" not in doc[j].text:
            j += 1
        if j < len(doc) and doc[j].text == close and j > i + 1:
            inner = doc[i + 1:j]
            while len(inner) and inner[-1].text in (",", ".", ";", ":"):
                inner = doc[inner.start:inner.end - 1]
            if len(inner) and _title_like(inner):
                out.append(inner)
            i = j + 1
        else:
            i += 1
    return out


def _quoted_titles_recur(doc: Doc, ents: list[Span]) -> list[Span]:
    """`ents` with every recurrence of a title the article quotes as a work
    ("'Romy and Michele's High School Reunion' sequel") made that WORK where
    its words recur unquoted and no longer name covers them ("Romy and
    Michele's High School Reunion (1997) became a cult classic", where the
    recogniser saw a place "High School Reunion"). Titles of two words or
    more only: a one-word title is too often also a name ("Tolkien")."""
    quoted = {(q.start, q.end) for q in quoted_spans(doc)}
    titles = {tuple(t.text for t in e) for e in ents
              if e.label_ == "WORK" and len(e) >= 2 and (e.start, e.end) in quoted}
    texts = [t.text for t in doc]
    for words in titles:
        n = len(words)
        for i in range(len(doc) - n + 1):
            if texts[i] != words[0] or tuple(texts[i:i + n]) != words:
                continue
            overlapping = [e for e in ents if e.start < i + n and e.end > i]
            if any(e.start < i or e.end > i + n for e in overlapping) or \
                    any(e.label_ == "WORK" and (e.start, e.end) == (i, i + n) for e in overlapping):
                continue  # already that work, or inside a longer name
            ents = [e for e in ents if e not in overlapping] + [Span(doc, i, i + n, label="WORK")]
    return ents


def _cut_titles_completed(doc: Doc, ents: list[Span]) -> list[Span]:
    """`ents` with a work the recogniser cut short made the whole title
    where the words that follow it complete, case aside, a longer work the
    article names elsewhere ("One of Us is Lying and has tapped...", cut at
    the verb, where the article also has "One Of Us Is Lying is the story
    of..."): GUIDELINES.md names a work by the fullest name the article
    gives. Only where the words so covered hold works alone and read as a
    title (`_title_like`), so a longer name never swallows another entity."""
    titles = {tuple(t.lower_ for t in e) for e in ents if e.label_ == "WORK" and len(e) >= 2}
    lowers = [t.lower_ for t in doc]
    for words in sorted(titles, key=lambda words: (-len(words), words)):  # the same order whatever the hash seed
        n = len(words)
        cut = [e for e in ents if e.label_ == "WORK" and len(e) < n and tuple(lowers[e.start:e.end]) == words[:len(e)]]
        for i in (e.start for e in cut):
            if tuple(lowers[i:i + n]) != words or not _title_like(doc[i:i + n]):
                continue
            overlapping = [o for o in ents if o.start < i + n and o.end > i]
            if any(o.start < i or o.end > i + n or o.label_ != "WORK" for o in overlapping):
                continue
            ents = [o for o in ents if o not in overlapping] + [Span(doc, i, i + n, label="WORK")]
    return ents


NAMING_CUES = {"called", "titled", "entitled"}
COMPANY_NOUNS = {"studio", "company", "banner", "outfit", "network", "streamer", "firm", "label", "channel"}
# words besides data/company_words.tsv that end a company's name ("Harbour TV"), though they do not
# make a name a company ("Apple TV" is one by the table, "Sky TV" by the recogniser)
COMPANY_NAME_ENDS = {"TV"}


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether token i is the first word of its line or follows a sentence's
    end (its capital says nothing about a name)."""
    before = doc[i - 1]
    return "\n" in before.text_with_ws or before.text in (".", "!", "?", ":", '"', "“", "‘")


class EntityRepairs:
    """spaCy component: applies the repairs above to `doc.ents`."""

    def __init__(self, name: str):
        self.name = name
        self.company_words = {row[0] for row in load_table("callsheet.language", "company_words.tsv")}
        self.work_cues = [tuple(cue.lower().split()) for cue, position, _ in
                          load_table("callsheet.language", "title_cues.tsv") if position == "context"]
        self.kind_nouns = kind_nouns()
        self.credit_cues = {cue.lower() for cue, position, _ in load_table("callsheet.language", "title_cues.tsv")
                            if position == "credit"}
        self.descriptors = {row[0] for row in load_table("callsheet.language", "person_descriptors.tsv")}

    def __call__(self, doc: Doc) -> Doc:
        ents = [Span(doc, e.start, e.end, label="COMPANY")
                if e.label_ in ("WORK", "PERSON", "PLACE") and len(e) > 1 and e[-1].text in self.company_words
                else e for e in doc.ents]
        people = {e.start for e in ents if e.label_ == "PERSON"}
        ents = [Span(doc, e.start, e.end, label="WORK")
                if self._work_after_cue(e) or self._name_after_kind(e) or self._title_describing(e, people)
                else e for e in ents]
        ents = self._whole_company_names(doc, ents)
        for quoted in quoted_spans(doc):
            inside = [e for e in ents if e.start >= quoted.start and e.end <= quoted.end]
            crossing = [e for e in ents if e.start < quoted.end and e.end > quoted.start and e not in inside]
            if crossing or not any(e.label_ == "WORK" for e in inside):
                continue
            if len(inside) == 1 and (inside[0].start, inside[0].end) == (quoted.start, quoted.end):
                continue
            ents = [e for e in ents if e not in inside] + [Span(doc, quoted.start, quoted.end, label="WORK")]
        ents = self._bracketed_credits(doc, ents)
        ents = self._apposed_titles(doc, ents)
        ents = _quoted_titles_recur(doc, ents)
        ents = _cut_titles_completed(doc, ents)
        taken = {t.i for e in ents for t in e}
        base_taken = {t.i for span in doc.spans.get(BASE_ENTS_KEY, []) for t in span}
        for span in doc.spans.get(BASE_ENTS_KEY, []):
            if span.label_ != "PERSON" or any(t.i in taken for t in span):
                continue
            if len(span) == 1 and self._given_name(doc, span.start - 1, taken | base_taken):
                span = Span(doc, span.start - 1, span.end, label="PERSON")
            if len(span) >= 2 and all(t.text[:1].isupper() for t in span if t.is_alpha):
                ents.append(span)
                taken |= {t.i for t in span}
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc

    def _whole_company_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """`ents` with each company that company words continue on its line
        (`data/company_words.tsv` or "TV", `COMPANY_NAME_ENDS`; a capital
        letter alone among them, "Plan B Entertainment") as the whole name,
        up to three words; none of them may belong to another entity. A
        headline's capitals ("Netflix Taps Kestrel Films") end the name, and
        a network the table knows keeps its name before "TV" ("BBC TV" is
        the BBC)."""
        taken = {t.i for e in ents for t in e}
        out = []
        for e in ents:
            end = None
            if e.label_ == "COMPANY":
                for k in range(e.end, min(len(doc), e.end + 3)):
                    tok = doc[k]
                    ending = tok.text in self.company_words or tok.text in COMPANY_NAME_ENDS
                    if k in taken or "\n" in doc[k - 1].whitespace_ or not (
                            ending or len(tok.text) == 1 and tok.text.isupper()):
                        break
                    if ending and not (tok.text in COMPANY_NAME_ENDS and k == e.end
                                       and company_kind(e.ent_id_ or e.text) in ("network", "streamer")):
                        end = k + 1
            out.append(Span(doc, e.start, end, label="COMPANY") if end else e)
        return out

    def _name_after_kind(self, span: Span) -> bool:
        """A place, person or fictional character no table knows right after
        a noun that names a kind of work, on the same line, quote marks
        between them or not ("the novel Salt Road", "the drama Dublin",
        "the 2021 romantic thriller Haseen Dillruba", "the video game 'Don
        Game'"); for a person or character the noun is lower-case, as a
        headline's capitals say nothing, and neither it nor the word after
        the name is a verb ("will play Freddie Mercury", "in the film Tom
        Reed plays"). The corpus figures are in the module's docstring."""
        if span.label_ not in ("PLACE", "PERSON", "CHARACTER") or span.ent_id_ or span.start == 0:
            return False
        doc = span.doc
        start = span.start
        while start > 1 and doc[start - 1].text in QUOTES and not doc[start - 1].whitespace_ \
                and doc[start - 2].whitespace_:  # an opening quote, "the video game 'Don Game'"; not "the films' X"
            start -= 1
        before = doc[start - 1]
        if span.label_ in ("PERSON", "CHARACTER"):
            after = doc[span.end] if span.end < len(doc) else None
            if not before.text.islower() or before.pos_ in ("VERB", "AUX") or \
                    (after is not None and after.pos_ in ("VERB", "AUX")):
                return False
        return before.lower_ in self.kind_nouns and "\n" not in before.whitespace_

    def _bracketed_credits(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """`ents` with the titles in brackets after a person's name made WORKs."""
        ends_person = {e.end for e in ents if e.label_ == "PERSON" and len(e) > 1}  # "Jen (Ada Brook)": a role
        base = doc.spans.get(BASE_ENTS_KEY, [])
        for i, tok in enumerate(doc):
            if tok.text != "(" or i not in ends_person:
                continue
            close = next((j for j in range(i + 1, min(len(doc), i + 2 * MAX_TITLE_TOKENS))
                          if doc[j].text in (")", "(") or "\n" in doc[j].text), None)
            if close is None or doc[close].text != ")":
                continue
            for start, end in _items(doc, i + 1, close):
                item = doc[start:end]
                inside = [e for e in ents if e.start < end and e.end > start]
                if not _title_like(item) or any(t.text == "." for t in item) \
                        or any(e.start < start or e.end > end for e in inside):
                    continue
                seen = {span.label_ for span in base if span.start < end and span.end > start}
                if inside:
                    if len(inside) > 1 or (inside[0].start, inside[0].end) != (start, end) \
                            or not self._mistyped_title(inside[0], seen):
                        continue
                elif not self._unlabelled_title(item, seen):
                    continue
                ents = [e for e in ents if e not in inside] + [Span(doc, start, end, label="WORK")]
        return ents

    def _apposed_titles(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """`ents` with a title-like name right before ", a" or ", an", up to
        four tokens and a lower-case noun naming a kind of work made a WORK
        ("Country Eastern, a single-camera comedy", "Away, a drama series
        from ..."): a person the base recogniser does not call one, a
        place or a company no table knows, or words no recogniser labelled
        that do not open their sentence ("Meanwhile, a film ..."), when the
        noun heads an apposition (`_heads_a_kind`; "a drama veteran", "a film
        production hub" name no work). In the
        annotated corpus, 11 of the 13 names so placed are works (the others
        a sentence-opening "Meanwhile" and a person the base recogniser knows)."""
        base = doc.spans.get(BASE_ENTS_KEY, [])
        for i, tok in enumerate(doc):
            if tok.text != "," or i == 0 or i + 2 >= len(doc) or doc[i + 1].lower_ not in ("a", "an"):
                continue
            noun = next((k for k in range(i + 2, min(len(doc), i + 7)) if self._heads_a_kind(doc, k)), None)
            if noun is None or not all(t.is_alpha or t.like_num or "-" in t.text for t in doc[i + 2:noun]):
                continue
            if doc[noun].dep_ and doc[noun].dep_ != "appos":
                continue  # "In Toronto, a documentary about Tom Reed premiered": a subject, not an apposition
            end = i
            while end > 0 and doc[end - 1].text in CLOSING_QUOTE_MARKS:
                end -= 1
            before = [e for e in ents if e.start < end <= e.end]
            if before:
                span = before[0]
                seen = {b.label_ for b in base if b.start < span.end and b.end > span.start}
                if span.end == end and span.label_ in ("PERSON", "PLACE", "COMPANY") and _title_like(span) \
                        and (span.label_ != "PERSON" or "PERSON" not in seen) and not span.ent_id_ \
                        and span[-1].text not in self.company_words:
                    ents = [e for e in ents if (e.start, e.end) != (span.start, span.end)] + \
                        [Span(doc, span.start, span.end, label="WORK")]
                continue
            start = end
            taken = {t.i for e in ents for t in e}
            while start > 0 and start - 1 not in taken and not _opens_sentence(doc, start) \
                    and (doc[start - 1].text[:1].isupper() or doc[start - 1].text in SMALL_WORDS):
                start -= 1
            while start < end and doc[start].text in SMALL_WORDS:
                start += 1
            if start == end or start == 0 or _opens_sentence(doc, start) or start - 1 in taken \
                    or doc[start - 1].text in ("and", "&", "...", "…") or not doc[start - 1].whitespace_:
                continue  # a title run into a name or cut at "and" or "...": its start is unsure
            span = doc[start:end]
            seen = {b.label_ for b in base if b.start < end and b.end > start}
            if _title_like(span) and self._unlabelled_title(span, seen):
                ents = ents + [Span(doc, start, end, label="WORK")]
        return ents

    def _heads_a_kind(self, doc: Doc, k: int) -> bool:
        """Token k is a lower-case noun naming a kind of work that heads its
        phrase: no noun, "and" or hyphen follows it ("a drama veteran", "a
        film production hub", "a film and TV company" describe no work), and
        it is no verb."""
        tok = doc[k]
        if tok.lower_ not in self.kind_nouns or not tok.text.islower() or tok.pos_ in ("VERB", "AUX"):
            return False
        after = doc[k + 1] if k + 1 < len(doc) else None
        return after is None or not (after.pos_ in ("NOUN", "PROPN") or after.lower_ in ("and", "&", "-")
                                     or after.lower_ in self.descriptors or after.lower_ in COMPANY_NOUNS)

    def _mistyped_title(self, span: Span, seen: set[str]) -> bool:
        """A person the base recogniser does not call one (a character, "Ada
        Brook (Nora)", it does), or a company no table knows that is no
        acronym ("(CAA)") and ends in no company word."""
        if span.label_ == "PERSON":
            return "PERSON" not in seen
        return span.label_ == "COMPANY" and not span.ent_id_ and span[-1].text not in self.company_words \
            and not span.text.isupper()

    def _unlabelled_title(self, span: Span, seen: set[str]) -> bool:
        """Words no recogniser labelled (or only the base one, as a work of
        art) that read as a title: not a tag ("EXCLUSIVE", "L"), not small
        words alone, no company word at the end, no "and" (it may join two)."""
        return seen <= {"WORK_OF_ART"} and not span.text.isupper() and span[-1].text not in self.company_words \
            and any(t.is_alpha and len(t) > 1 and t.lower_ not in SMALL_WORDS for t in span) \
            and not any(t.lower_ == "and" for t in span)

    def _given_name(self, doc: Doc, i: int, taken: set[int]) -> bool:
        """Whether token i, right before a one-word name, is a given name the
        base recogniser left out: a capitalised proper noun that no
        recogniser labelled, that is no person descriptor ("Composer") and
        that does not open its sentence."""
        if i < 1 or i in taken:
            return False
        tok = doc[i]
        return tok.is_alpha and tok.is_title and tok.pos_ == "PROPN" and \
            tok.lower_ not in self.descriptors and not _opens_sentence(doc, i)

    def _title_describing(self, span: Span, people: set[int]) -> bool:
        """A company name no table knows, right before a lower-case credit
        word and a person's name on its line ("Rogue One writer Tony
        Gilroy", "Salt Road director Rowan Pike": the `credit` cues of
        `data/title_cues.tsv`): a title describing the person, when it has
        two words or more (one is as often a brand: "Marvel star", "Apple
        star", "Nintendo director"). In the annotated corpus, the 4 names
        the recogniser called companies so placed are all gold works, 2 of
        them of one word (places so placed are mostly nationalities, "US
        actor Will Smith", and are left alone)."""
        if span.label_ != "COMPANY" or span.ent_id_ or span[-1].text in self.company_words or len(span) < 2:
            return False  # one word is as often a brand no table knows: "Marvel star", "Nintendo director"
        doc = span.doc
        cue = doc[span.end] if span.end < len(doc) else None
        return cue is not None and cue.text in self.credit_cues and cue.i + 1 in people \
            and "\n" not in doc[span.end - 1].whitespace_ + cue.whitespace_

    def _work_after_cue(self, span: Span) -> bool:
        """A company name no table knows, right after a phrase that names a
        work ("appeared in Paper Lanterns", "is called Static Hearts")."""
        if span.label_ != "COMPANY" or span.ent_id_ or span[-1].text in self.company_words:
            return False
        doc = span.doc
        if span.end < len(doc) and doc[span.end].text in ("'s", "’s", "'", "’"):
            return False
        start = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
        before = tuple(t.lower_ for t in doc[max(0, start - 4):start])
        for cue in self.work_cues:
            if before[-len(cue):] == cue:
                named_by = before[:-len(cue)][-2:]  # "a studio called X", "the company is called X"
                return not (cue[0] in NAMING_CUES and any(word in COMPANY_NOUNS for word in named_by))
        return False


@lru_cache(maxsize=1)
def kind_nouns() -> frozenset[str]:
    """Nouns that name a kind of work right before its title ("the novel",
    "the sitcom"): the `before` cues of `data/title_cues.tsv` that give a kind."""
    return frozenset(cue.lower() for cue, position, kind in load_table("callsheet.language", "title_cues.tsv")
                     if position == "before" and kind)


def _items(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) token ranges of a bracket's list items, split at
    commas and semicolons; an item in quote marks loses them."""
    marks = set(QUOTES) | set(QUOTES.values())
    out, begin = [], start
    for j in range(start, end + 1):
        if j == end or doc[j].text in (",", ";"):
            a, b = begin, j
            while a < b and doc[a].text in marks:
                a += 1
            while b > a and doc[b - 1].text in marks:
                b -= 1
            if a < b:
                out.append((a, b))
            begin = j + 1
    return out


@Language.factory("callsheet_entity_repairs")
def make_entity_repairs(nlp: Language, name: str) -> EntityRepairs:
    return EntityRepairs(name)
