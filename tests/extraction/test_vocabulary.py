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
    deciding = {" ".join(s.words) for s in vocab.statuses if s.decides}
    assert {"in talks", "in early talks", "in negotiations"} <= deciding
    assert not {"will", "could", "eye", "set to"} & deciding  # softer words leave it to the status model
