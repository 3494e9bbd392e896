"""callsheet: a sourced record of film and TV projects from entertainment news.

    >>> from callsheet import Extractor, read_article
    >>> extraction = Extractor().extract(read_article("article.txt"))
    >>> extraction.to_dict()["facts"]
"""
__version__ = "0.1.0"

from callsheet.schema import Article, Entity, Extraction, Fact  # noqa: E402
from callsheet.reading import ReadError, parse_article, read_article  # noqa: E402


def __getattr__(name):
    if name == "Extractor":  # spaCy loads only when extraction is asked for
        from callsheet.extraction import Extractor
        return Extractor
    raise AttributeError(name)


__all__ = ["Article", "Entity", "Extraction", "Extractor", "Fact", "ReadError",
           "parse_article", "read_article", "__version__"]
