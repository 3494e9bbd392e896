"""Hand-made extractions for the knowledge-base tests: no spaCy, exact facts."""
from callsheet.schema import Article, Entity, Extraction, Fact


def article(doc_id, published, body="text"):
    return Article(id=doc_id, text=f"{doc_id} {body}", published=published, path=f"/news/{doc_id}.txt")


def extraction(doc_id, published, entities, facts, body="text"):
    return Extraction(article(doc_id, published, body), [Entity(*e) for e in entities],
                      [Fact(**f) for f in facts])


SEQUEL = ("w2", "work", None, "film")
HARBOR = ("w1", "work", "Midnight Harbor", "film", 2019)
NADIA = ("p1", "person", "Nadia Orlov")


def sequel_credit(doc_id, published, status, evidence, person=NADIA, predicate="cast"):
    return extraction(doc_id, published, [HARBOR, SEQUEL, person], [
        {"subject": "w2", "predicate": "sequel_of", "object": "w1", "evidence": "a sequel"},
        {"subject": person[0], "predicate": predicate, "object": "w2", "status": status, "evidence": evidence}])
