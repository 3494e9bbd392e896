"""The title finder: film, series and book titles as WORK entities.

Off-the-shelf NER misses most titles or calls them places and people. Trade
copy marks titles in a handful of ways, each a rule here: quotes
('Emily in Paris'), a cue word before or after ("the sitcom Scrubs", "the
Godfather film"), a year in brackets ("Romy and Michele's High School Reunion
(1997)"), a credit descriptor ("Friends actress Lisa Kudrow"), a possessive
("Martin Scorsese's The Aviator", "the BBC's EastEnders"). A title found once
is then found wherever else the article repeats it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from callsheet.tables import load_table

if not Doc.has_extension("work_hints"):
    Doc.set_extension("work_hints", default=None)

RULER_LABELS = {"COMPANY", "OUTLET", "AWARD", "EVENT"}
BLOCKING_LABELS = {"PERSON", "NORP", "GPE", "LANGUAGE", "DATE", "TIME", "MONEY",
                   "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "LOC"} | RULER_LABELS
CONNECTORS = {"of", "the", "and", "in", "a", "an", "from", "with", "on", "at", "to", "for",
              "&", "-", "–", ":", "'s", "’s", "is", "or", "my", "our", "your", "vs", "vs."}
DESCRIPTOR_NOUNS = {"actress", "actor", "star", "co-star", "helmer", "director", "writer",
                    "showrunner", "creator", "producer", "presenter", "host", "scribe",
                    "filmmaker", "film-maker", "composer", "screenwriter", "novelist", "author"}
DESCRIPTOR_MODIFIERS = {"head", "lead", "executive", "former", "original", "co", "'", "’",
                        "'s", "’s", "-", "series", "film"}
OPEN_QUOTES = "'‘\"“"
_QUOTED = re.compile(r"(?<![\w’'])([‘'\"“])([A-Z0-9][^\n‘“\"”]{0,90}?)([’'\"”])(?![\w])")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass
class Title:
    start: int
    end: int
    kind: str | None
    year: int | None
    strength: int  # 3 quoted, 2 cue or descriptor, 1 repeated mention
    override: bool = False  # the context vouches for it over spaCy's PERSON/GPE guess


def is_cap(token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or text[0].isdigit()) and not token.is_punct


class TitleFinder:
    def __init__(self, nlp: Language, name: str = "callsheet_titles"):
        self.name = name
        self.make_doc = nlp.make_doc
        self.cues_before: dict[str, str] = {}
        self.cues_after: dict[str, str] = {}
        self.context_cues: set[str] = set()
        for cue, position, kind in load_table("callsheet.language", "title_cues.tsv"):
            table = self.cues_after if position == "after" else self.cues_before
            table[cue] = kind or ""
            if position == "context":
                self.context_cues.add(cue)
        self.genre_nouns = {c for c in (*self.cues_before, *self.cues_after)
                            if " " not in c and c not in self.context_cues}
        self.not_titles = {row[0] for row in load_table("callsheet.language", "not_titles.tsv")}

    def __call__(self, doc: Doc) -> Doc:
        self._repair_people(doc)
        found: dict[tuple[int, int], Title] = {}
        self._quoted(doc, found)
        self._named_works(doc, found)
        self._cued(doc, found)
        self._appositions(doc, found)
        self._capital_the(doc, found)
        self._descriptors(doc, found)
        self._possessives(doc, found)
        self._repeats(doc, found)
        self._set_entities(doc, found)
        return doc

    @staticmethod
    def _repair_people(doc: Doc) -> None:
        """A PERSON span never holds a lower-case word: keep the part after it.

        And "Cat Deeley" tagged a place is a person when "Deeley" alone is one.
        """
        lone_names = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
        ents = []
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC", "ORG") and 2 <= len(ent) <= 3 \
                    and ent[-1].text in lone_names and all(t.is_title for t in ent):
                ent = Span(doc, ent.start, ent.end, label="PERSON")
            if ent.label_ == "PERSON":
                lower = [t.i for t in ent if t.text[:1].islower() and t.text.isalpha()]
                if lower:
                    if lower[-1] + 1 >= ent.end:
                        continue
                    ent = Span(doc, lower[-1] + 1, ent.end, label="PERSON")
            ents.append(ent)
        doc.ents = ents

    # --- span helpers -------------------------------------------------------
    def _blocked(self, token) -> bool:
        return token.ent_type_ in BLOCKING_LABELS

    def _run_forward(self, doc: Doc, i: int, override: bool = False) -> int | None:
        """End of the capitalised run starting at token i (connectors allowed inside).

        With `override`, the words that precede the run vouch for it being a
        title, so spaCy's guesses (PERSON, GPE, CARDINAL...) inside it are ignored.
        """
        if i >= len(doc) or not is_cap(doc[i]):
            return None
        if doc[i].ent_type_ in RULER_LABELS or (self._blocked(doc[i]) and not override):
            return None
        if doc[i].text in self.not_titles and not (override and doc[i].text in ("The", "A", "An")):
            return None
        sent_end = doc[i].sent.end
        end = i + 1
        j = i + 1
        while j < sent_end:
            tok = doc[j]
            if "\n" in doc[j - 1].whitespace_ or tok.is_space:
                break  # a title never runs over a line break
            if tok.ent_type_ in RULER_LABELS or (tok.ent_type_ == "PERSON" and not override):
                break
            if tok.ent_iob_ == "B" and tok.ent_type_ == "PERSON" and j + 1 < sent_end \
                    and doc[j + 1].ent_iob_ == "I":
                break  # a full name inside the run starts something else: "... and the Ray Charles biopic"
            if tok.ent_type_ in ("DATE", "TIME") and doc[j - 1].lower_ in CONNECTORS:
                break  # "Ballykissangel in 1999", "The Fellowship of The Ring from 2001"
            if tok.lower_ == "and" and j + 1 < sent_end and doc[j + 1].text == "The":
                break  # "The Simpsons and The Office" is two titles
            if is_cap(tok) and (override or tok.ent_type_ not in ("DATE", "TIME")):
                end = j + 1
            elif tok.lower_ not in CONNECTORS:
                break
            j += 1
        return end

    @staticmethod
    def _name_parts(doc: Doc, besides: Span | None = None) -> set[str]:
        """Words of the multi-word person names in the doc, other than those inside `besides`."""
        return {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
                and not (besides is not None and e.start == besides.start and e.end == besides.end) for t in e}

    def _acceptable(self, span: Span, allow_names: bool = False, override: bool = False) -> bool:
        if not span or len(span) > 12:
            return False
        if len(span) == 1 and (span[0].text in self.not_titles or span[0].is_stop):
            return False
        if override:
            if len(span) == 1 and span[0].text in self._name_parts(span.doc):
                return False  # "Sorvino" alone is Mira Sorvino, whatever the context
            return not any(t.ent_type_ in RULER_LABELS for t in span)
        blocking = BLOCKING_LABELS - {"PERSON"} if allow_names else BLOCKING_LABELS
        if any(t.ent_type_ in blocking for t in span):
            return False
        return True

    @staticmethod
    def _add(found, start, end, kind, year, strength: int, override: bool = False):
        key = (start, end)
        old = found.get(key)
        if old is None or old.strength < strength or (old.kind is None and kind) or (override and not old.override):
            found[key] = Title(start, end, kind or (old.kind if old else None),
                               year or (old.year if old else None), max(strength, old.strength if old else 0),
                               override or bool(old and old.override))

    def _year_after(self, doc: Doc, end: int) -> int | None:
        if end + 2 < len(doc) and doc[end].text == "(" and _YEAR.match(doc[end + 1].text) \
                and doc[end + 2].text == ")":
            return int(doc[end + 1].text)
        return None

    # --- rules --------------------------------------------------------------
    def _quoted(self, doc: Doc, found) -> None:
        for m in _QUOTED.finditer(doc.text):
            inner = m.group(2).strip()
            words = [w for w in re.split(r"\s+", inner) if w]
            if not words or len(words) > 10 or inner[-1] in ".!?,;":
                continue
            content = [w for w in words if w.lower() not in CONNECTORS]
            capitals = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
            if not content or capitals < max(1, 0.6 * len(content)):
                continue
            span = doc.char_span(m.start(2), m.start(2) + len(inner), alignment_mode="contract")
            if span is None or not len(span):
                continue
            kind = None
            after = doc[span.end + 1] if span.end + 1 < len(doc) else None
            before = span.start - 1
            while before >= 0 and doc[before].is_quote:
                before -= 1
            if after is not None and after.lower_ in self.cues_after:
                kind = self.cues_after[after.lower_] or None
            elif before >= 0 and doc[before].lower_ in self.cues_before and doc[before].lower_ not in self.context_cues:
                kind = self.cues_before[doc[before].lower_] or None  # the novel 'X', quiz show 'X'
            self._add(found, span.start, span.end, kind, self._year_after(doc, span.end + 1), 3)

    def _cued(self, doc: Doc, found) -> None:
        for tok in doc:
            low = tok.lower_
            bigram = f"{doc[tok.i - 1].text} {tok.text}" if tok.i else low
            cue = bigram if bigram in self.cues_before else low if (
                low in self.cues_before and tok.text == low) else None
            if cue is not None and "\n" not in tok.whitespace_:
                start = tok.i + 1
                kind = self.cues_before[cue] or None
                if start + 1 < len(doc) and f"{doc[start].lower_} {doc[start + 1].lower_}" == "such as":
                    self._list_after(doc, start + 2, kind, found)
                elif start < len(doc) and doc[start].text == "," and cue in self.genre_nouns:
                    self._named_after_comma(doc, start + 1, kind, found)
                else:
                    end = self._run_forward(doc, start, override=True)
                    if end and self._cue_acceptable(doc[start:end], weak=cue in self.context_cues):
                        self._add(found, start, end, kind, self._year_after(doc, end), 2, override=True)
            if low in self.cues_after and tok.text == low and tok.i > 0:
                start = self._run_backward(doc, tok.i)
                if start is not None and start > doc[tok.i].sent.start and self._acceptable(doc[start:tok.i]):
                    self._add(found, start, tok.i, self.cues_after[low] or None, None, 2)
            if tok.text == "(" and tok.i > 0 and self._year_after(doc, tok.i):
                start = self._run_backward(doc, tok.i, allow_commas=True)
                if start is not None and self._acceptable(doc[start:tok.i], allow_names=True):
                    names = any(t.ent_type_ == "PERSON" for t in doc[start:tok.i])
                    self._add(found, start, tok.i, None, self._year_after(doc, tok.i), 3 if names else 2)

    def _cue_acceptable(self, span: Span, weak: bool = False) -> bool:
        """A span after a cue, whatever spaCy labelled it, unless it is plainly not a title.

        After a genre noun ("sitcom Scrubs") nearly anything capitalised is a
        title; after a looser cue ("starred in") a lone place or a known
        person's full name is not.
        """
        if not self._acceptable(span, override=True):
            return False
        if len(span) == 1 and span[0].ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            return False
        if weak:
            whole = [e for e in span.doc.ents if e.start == span.start and e.end == span.end]
            if whole and whole[0].label_ in ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME"):
                return False
            others = self._name_parts(span.doc, besides=span)
            if any(t.ent_type_ == "PERSON" and t.text in others for t in span):
                return False
            if whole and whole[0].label_ == "PERSON" and len(span) > 1:
                return False
        return True

    def _named_after_comma(self, doc: Doc, i: int, kind: str | None, found) -> None:
        """"its 2001 predecessor, Ocean's Eleven which took..." names the work it follows."""
        end = self._run_forward(doc, i, override=True)
        if not end or not self._cue_acceptable(doc[i:end]):
            return
        after = doc[end] if end < len(doc) else None
        if after is None or after.is_punct or after.lower_ in ("which", "that", "who") or after.is_sent_start:
            self._add(found, i, end, kind, self._year_after(doc, end), 2, override=True)

    def _appositions(self, doc: Doc, found) -> None:
        """"Ocean's Twelve, the crime caper sequel starring...": a title glossed by a genre noun."""
        for comma in doc:
            if comma.text != "," or comma.i + 2 >= len(doc) or doc[comma.i + 1].lower_ not in ("the", "a", "an"):
                continue
            cue = None
            for tok in doc[comma.i + 2:min(comma.i + 6, comma.sent.end)]:
                if not tok.text.islower() or not tok.is_alpha:
                    break
                if tok.lower_ in self.genre_nouns and tok.pos_ == "NOUN":
                    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                    if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "PART"):
                        cue = tok
                        break
            if cue is None:
                continue
            start = self._run_backward(doc, comma.i, override=True)
            if start is not None and self._cue_acceptable(doc[start:comma.i], weak=True):
                kind = self.cues_before.get(cue.lower_) or self.cues_after.get(cue.lower_) or None
                self._add(found, start, comma.i, kind, None, 2, override=True)

    def _capital_the(self, doc: Doc, found) -> None:
        """Mid-sentence "The Godfather", "The Polar Express": a capital The starts a title."""
        for tok in doc:
            if tok.text != "The" or tok.is_sent_start or tok.ent_type_ in RULER_LABELS:
                continue
            if doc[tok.i - 1].is_punct and doc[tok.i - 1].text not in (",", "(", "-", "–"):
                continue
            end = self._run_forward(doc, tok.i, override=True)
            if end and end - tok.i >= 2 and self._cue_acceptable(doc[tok.i + 1:end], weak=True):
                self._add(found, tok.i, end, None, self._year_after(doc, end), 2, override=True)

    def _named_works(self, doc: Doc, found) -> None:
        """spaCy's own WORK_OF_ART guesses ("Touching From A Distance")."""
        for ent in doc.ents:
            if ent.label_ == "WORK_OF_ART" and self._acceptable(ent, override=True) and is_cap(ent[0]) \
                    and ent[0].lower_ not in DESCRIPTOR_NOUNS:  # "Composer Iris Nakamura" is a person
                self._add(found, ent.start, ent.end, None, self._year_after(doc, ent.end), 1, override=True)

    def _list_after(self, doc: Doc, i: int, kind: str, found) -> None:
        items = 0
        while i < len(doc):
            end = self._run_forward(doc, i, override=True)
            if not end:
                return
            conjunction = [t.i for t in doc[i:end] if t.lower_ == "and"]
            if items and conjunction:  # "A, B and C": the last "and" ends the list
                self._add_listed(doc, i, conjunction[-1], kind, found)
                i = conjunction[-1] + 1
                continue
            items += 1
            self._add_listed(doc, i, end, kind, found)
            if end < len(doc) and doc[end].text in (",", "and"):
                i = end + 1
                if i < len(doc) and doc[i].text == "and":
                    i += 1
            else:
                return

    def _add_listed(self, doc: Doc, start: int, end: int, kind: str | None, found) -> None:
        if self._cue_acceptable(doc[start:end]):
            self._add(found, start, end, kind or None, None, 2, override=True)

    def _run_backward(self, doc: Doc, end: int, allow_commas: bool = False,
                      override: bool = False) -> int | None:
        """Start of the capitalised run that ends just before token `end`."""
        sent_start = doc[end - 1].sent.start if end else 0
        start = None
        j = end - 1
        name_parts = self._name_parts(doc) if allow_commas else set()
        while j >= sent_start:
            tok = doc[j]
            lone_name = tok.ent_type_ == "PERSON" and allow_commas and tok.text not in name_parts \
                and tok.ent_iob_ == "B" and (j + 1 >= len(doc) or doc[j + 1].ent_iob_ != "I")
            if tok.ent_type_ in RULER_LABELS or (tok.ent_type_ == "PERSON" and not lone_name and not override):
                break
            if is_cap(tok) and (override or tok.ent_type_ not in ("DATE", "TIME", "NORP", "GPE")):
                start = j
            elif tok.lower_ in CONNECTORS or (allow_commas and tok.text == ","):
                if start is None:
                    break
            else:
                break
            j -= 1
        if start is None:
            return None
        while start < end and doc[start].lower_ in CONNECTORS and not is_cap(doc[start]):
            start += 1
        return start if start < end else None

    def _descriptors(self, doc: Doc, found) -> None:
        """'Friends actress Lisa Kudrow', "EastEnders' head writer Tony Jordan"."""
        for tok in doc:
            if tok.lower_ not in DESCRIPTOR_NOUNS or tok.text != tok.lower_:
                continue
            j = tok.i - 1
            while j >= 0 and doc[j].lower_ in DESCRIPTOR_MODIFIERS and doc[j].text == doc[j].lower_:
                j -= 1
            if j < 0 or not is_cap(doc[j]):
                continue
            start = self._run_backward(doc, j + 1, allow_commas=True)
            if start is None:
                continue
            span = doc[start:j + 1]
            if span[0].is_sent_start and len(span) == 1 and span[0].pos_ != "PROPN":
                continue
            if not any(t.pos_ == "PROPN" or not t.is_sent_start for t in span) or \
                    not self._acceptable(span, allow_names=True):
                continue
            kind = "tv_series" if tok.lower_ in ("showrunner", "presenter", "host") else \
                "book" if tok.lower_ in ("novelist", "author") else None
            self._add(found, start, j + 1, kind, None, 3 if any(t.ent_type_ == "PERSON" for t in span) else 2)

    def _possessives(self, doc: Doc, found) -> None:
        """"Martin Scorsese's The Aviator", "the BBC's EastEnders"."""
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "COMPANY"):
                continue
            k = ent.end
            if k < len(doc) and doc[k].text in ("'s", "’s", "'", "’"):
                k += 1
            elif not ent[-1].text.endswith(("'", "’", "'s", "’s")):
                continue
            by_person = ent.label_ == "PERSON"
            end = self._run_forward(doc, k, override=by_person)
            if not end or any(t.ent_type_ == "PERSON" and not by_person for t in doc[k:end]):
                continue
            span = doc[k:end]
            if self._cue_acceptable(span, weak=True) if by_person else self._acceptable(span):
                kind = "tv_series" if ent.label_ == "COMPANY" else None
                self._add(found, k, end, kind, None, 2, override=by_person)

    def _repeats(self, doc: Doc, found) -> None:
        """Every other place the article repeats a title it has given once."""
        if not found:
            return
        matcher = PhraseMatcher(doc.vocab)
        kinds: dict[str, Title] = {}
        for title in list(found.values()):
            text = doc[title.start:title.end].text
            forms = {text}
            short = re.split(r"\s+[-–:]\s+|:\s+", text, maxsplit=1)[0]
            if short != text and len(short) >= 3:
                forms.add(short)
            if text.startswith("The ") and len(text) > 8:
                forms.add(text[4:])
            for form in forms:
                kinds[form] = title
                matcher.add(form, [self.make_doc(form)])
        for match_id, start, end in matcher(doc):
            before = doc[start - 1] if start else None
            after = doc[end] if end < len(doc) else None
            if (before is not None and is_cap(before) and not before.is_sent_start
                    and before.lower_ not in CONNECTORS) or (after is not None and is_cap(after)):
                continue
            if any(t.ent_type_ in RULER_LABELS for t in doc[start:end]):
                continue
            source = kinds[doc.vocab.strings[match_id]]
            strength = source.strength if end - start >= 3 else 1
            self._add(found, start, end, source.kind, source.year, strength, source.override)

    def _set_entities(self, doc: Doc, found) -> None:
        hints = {}
        ents = list(doc.ents)
        for title in sorted(found.values(), key=lambda t: (-t.strength, t.start - t.end)):
            span = Span(doc, title.start, title.end, label="WORK")
            clash = [e for e in ents if e.start < span.end and span.start < e.end]
            if any(e.label_ in RULER_LABELS or e.label_ == "WORK" for e in clash):
                continue
            if title.strength < 3 and not title.override and any(e.label_ == "PERSON" for e in clash):
                continue
            ents = [e for e in ents if e not in clash] + [span]
            hints[(span.start, span.end)] = {"kind": title.kind, "year": title.year,
                                             "quoted": title.strength == 3}
        doc.ents = sorted(ents, key=lambda e: e.start)
        doc._.work_hints = hints


@Language.factory("callsheet_titles")
def make_title_finder(nlp: Language, name: str) -> TitleFinder:
    return TitleFinder(nlp, name)
