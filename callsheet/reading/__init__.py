"""Reading articles: bytes on disk (or stdin) to `Article`s, with clear errors."""
from callsheet.reading.article import (
    DEFAULT_MAX_BYTES,
    ReadError,
    iter_input_files,
    parse_article,
    read_article,
    read_bytes,
)
from callsheet.reading.html import article_from_html

__all__ = ["article_from_html", "DEFAULT_MAX_BYTES", "ReadError", "iter_input_files", "parse_article",
           "read_article", "read_bytes"]
