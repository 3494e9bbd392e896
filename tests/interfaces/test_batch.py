"""extract_each: one article that breaks the extractor never stops the run."""
import pytest

from callsheet.interfaces.batch import ExtractionFailure, describe_error, extract_each
from callsheet.schema import Article, Extraction


class Flaky:
    """An extractor in spaCy's manner: batches of `size`, and an exception
    inside a batch ends the whole stream. Articles whose text says "boom" fail."""

    def __init__(self, size=3):
        self.size = size
        self.single = []

    def extract(self, article):
        self.single.append(article.id)
        if "boom" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return Extraction(article)

    def extract_many(self, articles):
        batch = []
        for article in articles:
            batch.append(article)
            if len(batch) == self.size:
                yield from (self.extract(a) for a in batch)
                batch = []
        yield from (self.extract(a) for a in batch)


def articles(*texts):
    return [Article(id=f"a{n}", text=t, path=f"/news/a{n}.txt") for n, t in enumerate(texts)]


def test_a_failing_article_is_reported_and_every_other_comes_out_in_order():
    out = list(extract_each(Flaky, articles("one", "two", "boom", "four", "five", "boom", "seven")))
    assert [isinstance(o, ExtractionFailure) for o in out] == [False, False, True, False, False, True, False]
    assert [o.article.id for o in out] == [f"a{n}" for n in range(7)]
    failure = out[2]
    assert str(failure) == ("/news/a2.txt: cannot extract facts from this article "
                            "(RecursionError: maximum recursion depth exceeded)")


def test_the_extractor_is_made_only_when_there_is_an_article():
    made = []
    assert list(extract_each(lambda: made.append(1) or Flaky(), [])) == []
    assert made == []
    assert len(list(extract_each(lambda: made.append(1) or Flaky(), articles("one")))) == 1
    assert made == [1]


def test_an_error_of_the_articles_themselves_is_the_callers():
    def broken():
        yield from articles("one", "two")
        raise OSError("disk gone")

    out = []
    with pytest.raises(OSError, match="disk gone"):
        for item in extract_each(lambda: Flaky(size=10), broken()):
            out.append(item)
    assert [o.article.id for o in out] == ["a0", "a1"]  # read before the error, still extracted


def test_errors_are_described_on_one_line():
    assert describe_error(ValueError("bad\nsecond line")) == "ValueError: bad"
    assert describe_error(KeyError()) == "KeyError"
