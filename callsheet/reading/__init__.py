"""Reading articles: bytes on disk (or stdin) to `Article`s, with clear errors."""
from callsheet.reading.article import (
    DEFAULT_MAX_BYTES,
    ReadError,
    iter_input_files,
    parse_article,
    read_article,
    read_bytes,
)

__all__ = ["DEFAULT_MAX_BYTES", "ReadError", "iter_input_files", "parse_article",
           "read_article", "read_bytes"]
