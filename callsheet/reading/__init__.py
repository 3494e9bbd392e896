"""Reading articles: files, folders, stdin, web pages, feeds, JSON Lines dumps
and WARC archives to `Article`s, with clear errors naming file and record."""
from callsheet.reading.article import (
    DEFAULT_MAX_BYTES,
    ReadError,
    iter_input_files,
    parse_article,
    read_article,
    read_bytes,
    short_hash,
)
from callsheet.reading.html import ListingPage, NotAnArticle, article_from_html
from callsheet.reading.jsonl import ExtractedLine
from callsheet.reading.records import Record, to_article
from callsheet.reading.sources import Inputs, describe_skipped

__all__ = ["article_from_html", "DEFAULT_MAX_BYTES", "describe_skipped", "ExtractedLine", "Inputs",
           "iter_input_files", "ListingPage", "NotAnArticle", "parse_article", "read_article", "read_bytes",
           "ReadError", "Record", "short_hash", "to_article"]
