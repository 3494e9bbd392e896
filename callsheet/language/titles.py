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


def is_cap(token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or text[0].isdigit()) and not token.is_punct


class TitleFinder:
    def __init__(self, nlp: Language, name: str = "callsheet_titles"):
        self.name = name
        self.make_doc = nlp.make_doc
        self.cues_before: dict[str, str] = {}
        self.cues_after: dict[str, str] = {}
        for cue, position, kind in load_table("callsheet.language", "title_cues.tsv"):
            table = self.cues_before if position == "before" else self.cues_after
            table[cue] = kind or ""
        self.not_titles = {row[0] for row in load_table("callsheet.language", "not_titles.tsv")}

    def __call__(self, doc: Doc) -> Doc:
        self._repair_people(doc)
        found: dict[tuple[int, int], Title] = {}
        self._quoted(doc, found)
        self._cued(doc, found)
        self._descriptors(doc, found)
        self._possessives(doc, found)
        self._repeats(doc, found)
        self._set_entities(doc, found)
        return doc

    @staticmethod
    def _repair_people(doc: Doc) -> None:
        """A PERSON span never holds a lower-case word: keep the part after it."""
        ents = []
        for ent in doc.ents:
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

    def _run_forward(self, doc: Doc, i: int) -> int | None:
        """End of the capitalised run starting at token i (connectors allowed inside)."""
        if i >= len(doc) or not is_cap(doc[i]) or self._blocked(doc[i]):
            return None
        if doc[i].text in self.not_titles:
            return None
        sent_end = doc[i].sent.end
        end = i + 1
        j = i + 1
        while j < sent_end:
            tok = doc[j]
            if tok.ent_type_ in RULER_LABELS or tok.ent_type_ == "PERSON":
                break
            if is_cap(tok) and tok.ent_type_ not in ("DATE", "TIME"):
                end = j + 1
            elif tok.lower_ not in CONNECTORS:
                break
            j += 1
        return end

    @staticmethod
    def _name_parts(doc: Doc) -> set[str]:
        return {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}

    def _acceptable(self, span: Span, allow_names: bool = False) -> bool:
        if not span or len(span) > 12:
            return False
        if len(span) == 1 and (span[0].text in self.not_titles or span[0].is_stop):
            return False
        blocking = BLOCKING_LABELS - {"PERSON"} if allow_names else BLOCKING_LABELS
        if any(t.ent_type_ in blocking for t in span):
            return False
        return True

    @staticmethod
    def _add(found, start, end, kind, year, strength: int):
        key = (start, end)
        old = found.get(key)
        if old is None or old.strength < strength or (old.kind is None and kind):
            found[key] = Title(start, end, kind or (old.kind if old else None),
                               year or (old.year if old else None), max(strength, old.strength if old else 0))

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
            if after is not None and after.lower_ in self.cues_after:
                kind = self.cues_after[after.lower_] or None
            self._add(found, span.start, span.end, kind, self._year_after(doc, span.end + 1), 3)

    def _cued(self, doc: Doc, found) -> None:
        for tok in doc:
            low = tok.lower_
            bigram = f"{doc[tok.i - 1].lower_} {low}" if tok.i else low
            cue = bigram if bigram in self.cues_before else low if (
                low in self.cues_before and tok.text == low) else None
            if cue is not None:
                start = tok.i + 1
                if start + 1 < len(doc) and f"{doc[start].lower_} {doc[start + 1].lower_}" == "such as":
                    self._list_after(doc, start + 2, self.cues_before[cue], found)
                else:
                    end = self._run_forward(doc, start)
                    if end and self._acceptable(doc[start:end]):
                        self._add(found, start, end, self.cues_before[cue] or None,
                                  self._year_after(doc, end), 2)
            if low in self.cues_after and tok.text == low and tok.i > 0:
                start = self._run_backward(doc, tok.i)
                if start is not None and start > doc[tok.i].sent.start and self._acceptable(doc[start:tok.i]):
                    self._add(found, start, tok.i, self.cues_after[low] or None, None, 2)
            if tok.text == "(" and tok.i > 0 and self._year_after(doc, tok.i):
                start = self._run_backward(doc, tok.i, allow_commas=True)
                if start is not None and self._acceptable(doc[start:tok.i], allow_names=True):
                    names = any(t.ent_type_ == "PERSON" for t in doc[start:tok.i])
                    self._add(found, start, tok.i, None, self._year_after(doc, tok.i), 3 if names else 2)

    def _list_after(self, doc: Doc, i: int, kind: str, found) -> None:
        while i < len(doc):
            end = self._run_forward(doc, i)
            if not end:
                return
            if self._acceptable(doc[i:end]):
                self._add(found, i, end, kind or None, None, 2)
            if end < len(doc) and doc[end].text in (",", "and"):
                i = end + 1
                if i < len(doc) and doc[i].text == "and":
                    i += 1
            else:
                return

    def _run_backward(self, doc: Doc, end: int, allow_commas: bool = False) -> int | None:
        """Start of the capitalised run that ends just before token `end`."""
        sent_start = doc[end - 1].sent.start if end else 0
        start = None
        j = end - 1
        name_parts = self._name_parts(doc) if allow_commas else set()
        while j >= sent_start:
            tok = doc[j]
            lone_name = tok.ent_type_ == "PERSON" and allow_commas and tok.text not in name_parts \
                and tok.ent_iob_ == "B" and (j + 1 >= len(doc) or doc[j + 1].ent_iob_ != "I")
            if tok.ent_type_ in RULER_LABELS or (tok.ent_type_ == "PERSON" and not lone_name):
                break
            if is_cap(tok) and tok.ent_type_ not in ("DATE", "TIME", "NORP", "GPE"):
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
            elif ent[-1].text.endswith(("'", "’")):
                pass
            else:
                continue
            end = self._run_forward(doc, k)
            if end and self._acceptable(doc[k:end]) and doc[k].ent_type_ != "PERSON":
                kind = "tv_series" if ent.label_ == "COMPANY" else None
                self._add(found, k, end, kind, None, 2)

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
            self._add(found, start, end, source.kind, source.year, strength)

    def _set_entities(self, doc: Doc, found) -> None:
        hints = {}
        ents = list(doc.ents)
        for title in sorted(found.values(), key=lambda t: (-t.strength, t.start - t.end)):
            span = Span(doc, title.start, title.end, label="WORK")
            clash = [e for e in ents if e.start < span.end and span.start < e.end]
            if any(e.label_ in RULER_LABELS or e.label_ == "WORK" for e in clash):
                continue
            if title.strength < 3 and any(e.label_ == "PERSON" for e in clash):
                continue
            ents = [e for e in ents if e not in clash] + [span]
            hints[(span.start, span.end)] = {"kind": title.kind, "year": title.year,
                                             "quoted": title.strength == 3}
        doc.ents = sorted(ents, key=lambda e: e.start)
        doc._.work_hints = hints


@Language.factory("callsheet_titles")
def make_title_finder(nlp: Language, name: str) -> TitleFinder:
    return TitleFinder(nlp, name)
