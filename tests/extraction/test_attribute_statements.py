"""Company and date facts the grammar states outright
(`attribute_statements.py`), on made-up sentences with the recogniser's
spans fixed by hand."""
import pytest

from labelled_context import mentions_with_labels

from callsheet.extraction.attribute_statements import company_statement, date_statement


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
    ("Best comedy: 'Salt Road' (Harbour Channel).", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road was made for Harbour Channel.", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road is due to be screened on Harbour Channel in March.", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road was picked up by Harbour Channel in 1957.", "Salt Road", "Harbour Channel", ("network",)),
    ("Salt Road is now available to watch on Netflix.", "Salt Road", "Netflix", ("streaming_on",)),
    ("Salt Road is streaming on Lumen+.", "Salt Road", "Lumen+", ("streaming_on",)),
    ("Salt Road will air on Harbour Channel in May.", "Salt Road", "Harbour Channel", ("network",)),
    ("Kestrel Films will produce Salt Road, Rowan Pike said.", "Salt Road", "Kestrel Films", ("studio",)),
    ("Salt Road has been set up at Kestrel Films.", "Salt Road", "Kestrel Films", ("studio",)),
    ("Salt Road is being developed at Lumen Pictures.", "Salt Road", "Lumen Pictures", ("studio",)),
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
    ("Salt Road premiered at Lumen Pictures' screening room.", "Salt Road", "Lumen Pictures"),  # no studio's verb
    ("Salt Road was to be set up at Kestrel Films.", "Salt Road", "Kestrel Films"),  # never was
    ("Salt Road is backed by the Kestrel Content Fund.", "Salt Road", "Kestrel Content Fund"),  # money, no studio
    ("Salt Road is no longer available on Netflix.", "Salt Road", "Netflix"),
    ("Mara Quill left Salt Road for Netflix.", "Salt Road", "Netflix"),  # a verb that makes nothing
    ("Mara Quill discussed Salt Road on Channel 4.", "Salt Road", "Channel 4"),
    ("Salt Road could air on Netflix if the deal closes.", "Salt Road", "Netflix"),  # a possibility
    ("Salt Road will air on Netflix unless the strike continues.", "Salt Road", "Netflix"),
    ("Salt Road was supposed to air on HBO.", "Salt Road", "HBO"),
    ("Salt Road was available on Hulu until last year.", "Salt Road", "Hulu"),  # no longer
    ("Salt Road, which turned down a series order from Netflix, went elsewhere.", "Salt Road", "Netflix"),
    ("HBO criticised the release of Salt Road.", "Salt Road", "HBO"),
    ("A24 has released a trailer for Salt Road.", "Salt Road", "A24"),  # the trailer's, not the work's
    ("Netflix acquired the sequel to Salt Road.", "Salt Road", "Netflix"),  # the sequel's
    ("The album Salt Road was released by Kestrel Records.", "Salt Road", "Kestrel Records"),
    ("The anti-Netflix documentary Salt Road opens today.", "Salt Road", "Netflix"),
    ("Netflix and HBO have ordered Salt Road and Night Ferry respectively.", "Salt Road", "HBO"),
    ("Lumen Pictures has acquired the rights to the novel Salt Road.", "Salt Road", "Lumen Pictures"),  # a book
])
def test_no_company_fact_where_the_grammar_does_not_state_one(nlp, text, work, company):
    assert _stated(nlp, text, work, company) == [set()]


def _dated(nlp, text, work):
    """(the date's value, what `date_statement` says it is) for each date of the text."""
    ctx = mentions_with_labels(nlp, text, {"WORK": [work]}, published="2025-02-10")
    named = next(m for m in ctx.mentions if m.label == "WORK" and m.how == "name")
    return [(m.source, date_statement(ctx, named, m)) for m in ctx.mentions if m.label == "DATE"]


@pytest.mark.parametrize("text, work, value, predicate", [
    ("Salt Road will open on June 6.", "Salt Road", "2025-06-06", "release_date"),
    ("Salt Road will be released in March 2026.", "Salt Road", "2026-03", "release_date"),
    ("Salt Road is shooting in Lisbon in April 2026.", "Salt Road", "2026-04", "filming_start"),
    ("Salt Road will start filming in May 2026.", "Salt Road", "2026-05", "filming_start"),
    ("Production on Salt Road starts in January 2026.", "Salt Road", "2026-01", "filming_start"),
    ("Salt Road, due April 29, stars Mara Quill.", "Salt Road", "2025-04-29", "release_date"),
    ("Lumen has moved Salt Road to July.", "Salt Road", "2025-07", "release_date"),
])
def test_the_grammar_states_which_date_of_a_work_a_date_is(nlp, text, work, value, predicate):
    assert (value, predicate) in _dated(nlp, text, work)


@pytest.mark.parametrize("text, work", [
    ("Salt Road will not open on June 6.", "Salt Road"),  # negated
    ("Mara Quill, who starred in Salt Road, was born on June 6, 1980.", "Salt Road"),  # another's date
    ("Lumen has moved Salt Road from May.", "Salt Road"),  # the date it leaves
    ("Salt Road won an award in May 2025.", "Salt Road"),  # no date of the work's making or release
])
def test_no_date_is_stated_where_the_grammar_joins_none_to_the_work(nlp, text, work):
    assert all(predicate is None for _, predicate in _dated(nlp, text, work))
