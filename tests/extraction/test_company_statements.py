"""Company facts the grammar states outright (`company_statements.py`), on
made-up sentences with the recogniser's spans fixed by hand."""
import pytest

from labelled_context import mentions_with_labels

from callsheet.extraction.company_statements import company_statement


def _stated(nlp, text, work, *companies):
    """What `company_statement` says of the work and each company (each
    named once, in this order, after the work unless it comes first in the text)."""
    labels = {"WORK": [work], "COMPANY": list(companies)}
    ctx = mentions_with_labels(nlp, text, labels)
    named = {ctx.entities[m.entity].name: m for m in ctx.mentions if m.entity and m.how in ("name", "alias")}
    return [set(company_statement(ctx, named[work], named[c])) for c in companies]


@pytest.mark.parametrize("text, work, company, predicates", [
    ("Kestrel Films’ thriller Night Shift starts shooting in May.", "Night Shift", "Kestrel Films", ("studio",)),
    ("Netflix's Salt Road returns in June.", "Salt Road", "Netflix", ("network",)),
    ("The Harbour Channel drama series Salt Road ends tonight.", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road, a survival thriller from Kestrel Films, opens in May.", "Salt Road", "Kestrel Films", ("studio",)),
    ("Salt Road is from Kestrel Films.", "Salt Road", "Kestrel Films", ("studio",)),
    ("Salt Road hails from Kestrel Films.", "Salt Road", "Kestrel Films", ("studio",)),
    ("Salt Road, which recently landed a series order from Netflix, starts in May.", "Salt Road", "Netflix",
     ("network",)),
    ("Salt Road is being produced by Kestrel Films.", "Salt Road", "Kestrel Films", ("studio",)),
    ("Salt Road, released by Lumen Releasing in 2019, was a hit.", "Salt Road", "Lumen Releasing", ("distributor",)),
    ("Salt Road was produced and distributed by Kestrel Films.", "Salt Road", "Kestrel Films",
     ("studio", "distributor")),
    ("Harbour Channel has ordered Salt Road.", "Salt Road", "Harbour Channel", ("network",)),
    ("Harbour Channel has renewed the drama Salt Road for a second season.", "Salt Road", "Harbour Channel",
     ("network",)),
    ("Lumen Pictures has acquired North American rights to Salt Road.", "Salt Road", "Lumen Pictures",
     ("distributor",)),
    ("Netflix has given a series order to Salt Road.", "Salt Road", "Netflix", ("network",)),
    ("Rowan Pike will direct Salt Road for Kestrel Films.", "Salt Road", "Kestrel Films", ("studio",)),
    ("Salt Road, a drama from the cable channel Kestrel Plus, opens in May.", "Salt Road", "Kestrel Plus",
     ("network",)),
    ("Salt Road is being produced by UK animation studio Red Star Animation.", "Salt Road", "Red Star Animation",
     ("studio",)),
    ("Harbour Channel has picked up Salt Road.", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road at Harbour Channel was a hit.", "Salt Road", "Harbour Channel", ("network",)),
    ("Best comedy: Salt Road (Harbour Channel).", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road was made for Harbour Channel.", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road is due to be screened on Harbour Channel in March.", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road was picked up by Harbour Channel in 1957.", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road is now available to watch on Netflix.", "Salt Road", "Netflix", ("streaming_on",)),
    ("Salt Road is streaming on Lumen+.", "Salt Road", "Lumen+", ("streaming_on",)),
    ("Salt Road will air on Harbour Channel in May.", "Salt Road", "Harbour Channel", ("network",)),
    ("Kestrel Films will produce Salt Road, Rowan Pike said.", "Salt Road", "Kestrel Films", ("studio",)),
])
def test_the_grammar_states_what_a_company_is_to_a_work(nlp, text, work, company, predicates):
    assert _stated(nlp, text, work, company) == [set(predicates)]


def test_every_company_in_brackets_after_a_title_is_its_own(nlp):
    text = "Best comedy: Salt Road (Kestrel Productions, Harbour Channel)."
    assert _stated(nlp, text, "Salt Road", "Kestrel Productions", "Harbour Channel") == [{"studio"}, {"network"}]


def test_every_company_of_a_list_shares_the_verb(nlp):
    text = "Kestrel Films and Lumen Pictures will produce Salt Road."
    ctx_companies = _stated(nlp, text, "Salt Road", "Kestrel Films", "Lumen Pictures")
    assert ctx_companies == [{"studio"}, {"studio"}]


@pytest.mark.parametrize("text, work, company", [
    ("Kestrel Films did not acquire Salt Road.", "Salt Road", "Kestrel Films"),  # negated
    ("Kestrel Films hopes to acquire Salt Road.", "Salt Road", "Kestrel Films"),  # only wished for
    ("Kestrel Films passed on Salt Road.", "Salt Road", "Kestrel Films"),  # a verb that says no part
    ("Salt Road star Mara Quill is repped by CAA.", "Salt Road", "CAA"),  # an agency makes no work
    ("Kestrel Films' chief Mara Quill praised Salt Road.", "Salt Road", "Kestrel Films"),  # another noun between
    ("Kestrel Films’ remake of Salt Road starts in May.", "Salt Road", "Kestrel Films"),  # the remake's, not Salt Road's
    ("Salt Road is now on Kestrel Films' slate.", "Salt Road", "Kestrel Films"),  # "on" only of a network
    ("Salt Road opened at Kestrel Hall.", "Salt Road", "Kestrel Hall"),  # "at" a stage
    ("Salt Road is backed by the Kestrel Content Fund.", "Salt Road", "Kestrel Content Fund"),  # money, no studio
    ("Salt Road is no longer available on Netflix.", "Salt Road", "Netflix"),
    ("Lumen Pictures has acquired the rights to the novel Salt Road.", "Salt Road", "Lumen Pictures"),  # a book
])
def test_no_company_fact_where_the_grammar_does_not_state_one(nlp, text, work, company):
    assert _stated(nlp, text, work, company) == [set()]
