"""Rule-based in-document coreference for people.

No coreference model installs offline, and trade copy is regular enough for
rules: a person is named in full once, then by surname ("Kudrow"), an
honorific ("Mr Wilson"), a descriptor ("the actor", "the 43-year-old") or a
pronoun. The component maps each such mention to the full name in
`doc._.coref` (token index → canonical name), maps a plural reference
("they", "the duo") to the people of the latest coordinated subject in
`doc._.coref_plural` (token index → names), and relabels lone surnames that
the recogniser gave another type.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from callsheet.tables import load_table

if not Doc.has_extension("coref"):
    Doc.set_extension("coref", default=None)
if not Doc.has_extension("coref_plural"):
    Doc.set_extension("coref_plural", default=None)

HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady"}
PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
PLURAL_NOUNS = {"duo", "pair", "couple", "trio", "two", "both"}
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")
PLACE_WORDS = {row[0] for row in load_table("callsheet.language", "place_words.tsv")}
OTHER_LABELS = ("PLACE", "COMPANY", "OUTLET", "WORK", "EVENT", "GPE", "ORG", "NORP", "LOC", "FAC",
                "WORK_OF_ART", "PRODUCT")


def person_name(span: Span) -> str:
    """The mention's words verbatim, less honorifics and a possessive ending."""
    tokens = [t for t in span]
    while tokens and tokens[0].text in HONORIFICS:
        tokens.pop(0)
    while tokens and tokens[-1].text in POSSESSIVE_ENDINGS:
        tokens.pop()
    if not tokens:
        return ""
    name = span.doc[tokens[0].i:tokens[-1].i + 1].text  # verbatim; Doc.text would join the whole doc
    return strip_possessive(name).strip()


def strip_possessive(text: str) -> str:
    """"Kestrel Films'" → "Kestrel Films", "Vale's" → "Vale"; a bare "'s" stays."""
    for ending in POSSESSIVE_ENDINGS[:2]:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text


def _quoted_chars(text: str) -> set[int]:
    """Character offsets that lie inside double quotation marks."""
    inside, out = False, set()
    for i, ch in enumerate(text):
        if ch in "\u201c\u201d\"":
            inside = ch != "\u201d" and not (inside and ch == '"')
            continue
        if ch == "\n" and inside and text[i + 1:i + 2] == "\n":
            inside = False
        if inside:
            out.add(i)
    return out


class PersonCoref:
    """spaCy component: writes `doc._.coref` and `doc._.coref_plural`."""

    def __init__(self, nlp: Language, name: str = "callsheet_coref"):
        self.name = name
        self.descriptors = {row[0] for row in load_table("callsheet.language", "person_descriptors.tsv")}

    def __call__(self, doc: Doc) -> Doc:
        full_names = self._full_names(doc)
        self._relabel_surnames(doc, full_names)
        coref: dict[int, str] = {}
        quoted = _quoted_chars(doc.text)
        mentions: list[tuple[int, str, bool]] = []  # (token index, name, is subject)
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = full_names.get(person_name(ent), person_name(ent))
            if not name:
                continue
            for tok in ent:
                coref[tok.i] = name
            if ent.start_char in quoted:
                continue  # a name inside a quotation is seldom what "she" refers to
            subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in ent) or ent.root.dep_ in ("nsubj", "nsubjpass")
            mentions.append((ent.start, name, subject))
        mentions.sort()
        for tok in doc:
            if tok.i in coref:
                continue
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                antecedent = self._antecedent(tok, mentions)
                if antecedent:
                    coref[tok.i] = antecedent
            elif tok.lower_ in self.descriptors and not tok.ent_type_ and any(
                    c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                antecedent = self._antecedent(tok, mentions)
                if antecedent:
                    coref[tok.i] = antecedent
        doc._.coref = coref
        doc._.coref_plural = self._plurals(doc, coref)
        return doc

    @staticmethod
    def _full_names(doc: Doc) -> dict[str, str]:
        """Every single word of a multi-word person name → that full name."""
        names: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = person_name(ent)
            parts = name.split()
            if len(parts) < 2:
                continue
            names.setdefault(name, name)
            names.setdefault(parts[-1], name)
            names.setdefault(parts[0], name)
        return names

    @staticmethod
    def _relabel_surnames(doc: Doc, full_names: dict[str, str]) -> None:
        surnames = {n.split()[-1] for n in full_names.values()}
        ents = list(doc.ents)
        changed = False
        for idx, ent in enumerate(ents):
            if ent.label_ == "PERSON" and ent[-1].text in PLACE_WORDS:
                ents[idx] = Span(doc, ent.start, ent.end, label="PLACE")
                changed = True
                continue
            if ent.label_ in OTHER_LABELS and len(ent) == 1 and person_name(ent) in surnames:
                ents[idx] = Span(doc, ent.start, ent.end, label="PERSON")
                changed = True
        taken = {t.i for e in ents for t in e}
        for tok in doc:
            if tok.i not in taken and tok.text in surnames and tok.pos_ == "PROPN":
                ents.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
                changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)

    @staticmethod
    def _antecedent(tok: Token, mentions) -> str | None:
        """The latest person named before the token, preferring sentence subjects."""
        earlier = [m for m in mentions if m[0] < tok.i]
        if not earlier:
            return None
        sent_start = tok.sent.start
        same_sentence = [m for m in earlier if m[0] >= sent_start]
        if same_sentence:
            return same_sentence[0][1] if tok.lower_ in ("he", "she") else same_sentence[-1][1]
        if tok.i == sent_start and tok.sent.start > 0:
            previous = tok.doc[tok.sent.start - 1].sent
            in_previous = [m for m in earlier if m[0] >= previous.start]
            if in_previous:
                return in_previous[0][1]
        subjects = [m for m in earlier if m[2]]
        return (subjects or earlier)[-1][1]

    @staticmethod
    def _plurals(doc: Doc, coref: dict[int, str]) -> dict[int, list[str]]:
        """"they", "the duo": the people coordinated in the latest subject
        before them ("Kudrow and Sorvino are expected to ... in which they
        played"), within this sentence or the one before."""
        groups: list[tuple[int, list[str]]] = []
        for tok in doc:
            if tok.i not in coref or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            names = [coref[tok.i]]
            for t in tok.subtree:
                if t.dep_ == "conj" and t.i in coref and coref[t.i] not in names:
                    names.append(coref[t.i])
            if len(names) > 1:
                groups.append((tok.i, names))
        out: dict[int, list[str]] = {}
        for tok in doc:
            if tok.i in coref:
                continue
            plural = (tok.lower_ in PLURAL_PRONOUNS and tok.pos_ == "PRON") or \
                (tok.lower_ in PLURAL_NOUNS and tok.pos_ == "NOUN"
                 and any(c.lower_ == "the" for c in tok.children))
            if not plural:
                continue
            window_start = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0
            before = [g for g in groups if window_start <= g[0] < tok.i]
            if before:
                out[tok.i] = before[-1][1]
        return out


@Language.factory("callsheet_coref")
def make_coref(nlp: Language, name: str) -> PersonCoref:
    return PersonCoref(nlp, name)
