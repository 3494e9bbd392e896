import pytest

from callsheet.extraction.vocabulary import vocabulary
from callsheet.schema import CREDIT_PREDICATES, LINK_PREDICATES, STATUSES


def test_tables_load_and_use_only_format_predicates_and_statuses():
    vocab = vocabulary()
    assert vocab.role_nouns["helmer"] == "director"
    assert vocab.role_verbs["pen"] == "writer"
    assert set(vocab.role_verbs.values()) | set(vocab.role_nouns.values()) <= set(CREDIT_PREDICATES)
    assert {s.status for s in vocab.statuses} <= set(STATUSES)
    assert {p for p, _ in vocab.links.values()} <= set(LINK_PREDICATES)
    phrases = {" ".join(s.words): s.status for s in vocab.statuses}
    assert phrases["in final talks"] == "in_talks"
    assert phrases["eye"] == "rumored"
    assert phrases["drop out"] == "exited"
    deciding = {" ".join(s.words): s.decides for s in vocab.statuses if s.decides}
    assert {deciding[p] for p in ("in talks", "in early talks", "in negotiations")} == {"route"}
    assert deciding["drop out"] == deciding["quit"] == "subject" and deciding["replace"] == "object"
    assert deciding["eye"] == deciding["being considered"] == "route"  # "is being eyed to star": rumored
    assert not {"will", "could", "may", "set to", "consider"} & set(deciding)  # softer words: the status model's


def _refused_with_row(monkeypatch, table, row, message):
    """`vocabulary()` with `row` added to `table` raises ValueError matching `message`."""
    import callsheet.extraction.vocabulary as module
    real = module.load_table

    def with_a_typo(package, name):
        rows = real(package, name)
        return rows + (row,) if name == table else rows
    monkeypatch.setattr(module, "load_table", with_a_typo)
    vocabulary.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            vocabulary()
    finally:
        vocabulary.cache_clear()


def test_a_status_phrase_that_decides_for_no_one_known_is_refused(monkeypatch):
    _refused_with_row(monkeypatch, "statuses.tsv", ("walked off", "text", "exited", "90", "yes"),
                      "statuses.tsv: 'walked off' has decides 'yes'; use one of")


def test_link_nouns_say_whether_their_phrase_settles_the_link():
    vocab = vocabulary()
    assert {"sequel", "remake", "adaptation", "spin-off", "redo"} <= vocab.stated_links
    assert "version" in vocab.links and "version" not in vocab.stated_links  # a remake, an adaptation, a cover


def test_a_link_noun_with_an_unknown_decides_value_is_refused(monkeypatch):
    _refused_with_row(monkeypatch, "links.tsv", ("reimagining", "remake_of", "film", "y"),
                      "links.tsv: 'reimagining' has decides 'y'; use 'yes' or leave it empty")


def test_only_verbs_of_one_sense_state_a_credit_outright():
    vocab = vocabulary()
    assert {"direct", "star", "write", "produce", "helm"} <= vocab.stating
    assert not {"present", "shoot", "reunite", "appear", "turn", "debut"} & vocab.stating


def test_a_role_row_with_an_unknown_states_value_is_refused(monkeypatch):
    _refused_with_row(monkeypatch, "roles.tsv", ("lens", "verb", "cinematographer", "y"),
                      "roles.tsv: 'lens' \\(verb\\) has states 'y'; use 'yes' on a verb or agent row")


def test_a_noun_that_states_a_credit_is_refused(monkeypatch):
    _refused_with_row(monkeypatch, "roles.tsv", ("auteur", "noun", "director", "yes"),
                      "roles.tsv: 'auteur' \\(noun\\) has states 'yes'")


def test_company_verbs_say_what_a_company_is_to_a_work():
    v = vocabulary()
    assert v.company_verbs["produce"] == "studio" and v.company_verbs["pick up"] == "acquisition"
    assert v.company_nouns["order"] == "network" and v.company_nouns["rights"] == "acquisition"


@pytest.mark.parametrize("row", [("helm", "verb", "director"), ("slate", "adjective", "studio")])
def test_a_company_verb_row_of_an_unknown_predicate_or_form_is_refused(monkeypatch, row):
    _refused_with_row(monkeypatch, "company_verbs.tsv", row, f"company_verbs.tsv: '{row[0]}'")


def test_owner_roles_give_a_credit_by_the_works_kind_and_none_for_music():
    v = vocabulary()
    assert v.owner_roles["film"] == "director" and v.owner_roles["book"] == "writer"
    assert "song" not in v.owner_roles and "album" not in v.owner_roles


@pytest.mark.parametrize("row", [("movie", "director"), ("film", "helmer")])
def test_an_owner_role_row_of_an_unknown_kind_or_predicate_is_refused(monkeypatch, row):
    _refused_with_row(monkeypatch, "owner_roles.tsv", row, f"owner_roles.tsv: '{row[0]}'")


def test_owner_kind_words_tell_a_book_and_nothing_for_a_film():
    v = vocabulary()
    assert v.owner_kinds["novel"] == v.owner_kinds["memoir"] == "book"
    assert "film" not in v.owner_kinds.values()  # guessing films cost more credits than it found


def test_an_owner_kind_word_row_of_an_unknown_kind_is_refused(monkeypatch):
    _refused_with_row(monkeypatch, "owner_kind_words.tsv", ("novella", "novella"),
                      "owner_kind_words.tsv: 'novella' has kind 'novella'")
