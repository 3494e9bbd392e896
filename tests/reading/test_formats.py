"""Every input shape read into articles: pages, feeds, JSON Lines, WARC, with
errors that name file and record, and hostile input kept bounded."""
import gzip
import json
import resource
import time
from collections import Counter
from pathlib import Path

import made_up
import pytest

from callsheet.reading import Inputs, ListingPage, ReadError, article_from_html, iter_input_files, to_article
from callsheet.reading.html import host_of
from callsheet.reading.kinds import sniff


def read_all(*paths, max_bytes=10 * 1024 * 1024):
    """(articles, errors, skipped) as the command line would get them."""
    inputs = Inputs([str(p) for p in paths], max_bytes=max_bytes)
    articles, errors = [], []
    for item in inputs:
        if isinstance(item, ReadError):
            errors.append(item)
            continue
        try:
            articles.append(to_article(item))
        except ReadError as exc:
            errors.append(exc)
        except ListingPage:
            inputs.skipped["listing page"] += 1
    return articles, errors, inputs.skipped


@pytest.mark.parametrize("head, name, kind", [
    (b"<!DOCTYPE html><html><body><p>x</p>", "saved.txt", "html"),
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed.xml", "feed"),
    (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "x.html", "feed"),
    (b'{"text": "a"}\n{"text": "b"}\n', "dump.txt", "jsonl"),
    (b'[1, 2]\n{"text": "a"}\n', "dump.jsonl", "jsonl"),
    (b'"a string"\n', "dump.jsonl", "jsonl"),
    (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "crawl.bin", "warc"),
    (b"Headline\n\nBody text.", "story.html", "text"),
    (b"\xef\xbb\xbf<html><body>", "bom.txt", "html"),
    (b"{% extends 'base.html' %}", "page.html", "text"),
])
def test_the_kind_is_told_by_the_first_bytes_not_the_name(head, name, kind):
    assert sniff(head, name) == (kind, False)
    assert sniff(gzip.compress(head), name + ".gz") == (kind, True)


def test_a_web_page_gives_its_text_title_date_site_and_url(tmp_path):
    path = tmp_path / "orlov.html"
    path.write_text(made_up.page(0, url="https://reelwire.example/news/orlov"))
    [article], errors, _ = read_all(path)
    assert not errors
    assert article.id == "orlov" and article.title == made_up.STORIES[0][0]
    assert article.published == "2026-03-04" and article.source == "ReelWire"
    assert article.url == "https://reelwire.example/news/orlov" and article.location == article.url
    assert made_up.STORIES[0][1][0] in article.text
    for noise in ("Section 3", "All rights reserved", "Another story number"):  # nav, footer, related rail
        assert noise not in article.text


def test_a_section_front_of_teasers_is_skipped_and_counted_not_read_as_one_article(tmp_path):
    (tmp_path / "film.html").write_text(made_up.section_front())
    (tmp_path / "story.html").write_text(made_up.page(1))
    articles, errors, skipped = read_all(tmp_path)
    assert [a.id for a in articles] == ["story"] and not errors
    assert skipped["listing page"] == 1
    with pytest.raises(ListingPage):
        article_from_html(made_up.section_front(teasers=3), "x")


def test_feeds_give_one_article_per_entry_with_link_date_and_feed_title(tmp_path):
    (tmp_path / "reelwire.rss").write_bytes(made_up.rss())
    (tmp_path / "trade.atom").write_bytes(made_up.atom())
    articles, errors, _ = read_all(tmp_path / "reelwire.rss", tmp_path / "trade.atom")
    assert not errors
    assert [a.url for a in articles] == [f"https://reelwire.example/news/{i}" for i in range(3)] + \
        [f"https://trade.example/a/{i}" for i in range(2)]
    assert [a.published for a in articles] == ["2026-04-01", "2026-04-02", "2026-04-03", "2026-05-01", "2026-05-02"]
    assert {a.source for a in articles} == {"ReelWire", "Trade Daily"}
    assert articles[0].title == made_up.STORIES[0][0] and made_up.STORIES[0][1][1] in articles[0].text
    assert all("<p>" not in a.text for a in articles)
    assert len({a.id for a in articles}) == 5  # a short hash of each link


def test_a_feed_that_is_not_well_formed_is_reported_with_its_position(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_bytes(made_up.rss()[:-40])  # cut off inside the last item
    articles, errors, _ = read_all(path)
    assert "broken.rss: line 1, column" in str(errors[0]) and "not well-formed" in str(errors[0])
    assert [a.url.rsplit("/", 1)[1] for a in articles] == ["0", "1"]  # the entries before the break are still read
    assert [str(e).split(": ", 1)[1] for e in errors[1:]] == ["entry 3: the entry has neither content nor summary"]


def test_an_xml_entity_bomb_is_refused_at_once_and_in_little_memory(tmp_path):
    lol = '<!DOCTYPE rss [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)) + "]>"
    path = tmp_path / "bomb.rss"
    path.write_bytes(made_up.rss(extra=lol).replace(b"<title>ReelWire</title>", b"<title>&lol9;</title>"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    articles, errors, _ = read_all(path)
    assert time.process_time() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KiB
    assert articles == [] and len(errors) == 1 and "entities" in errors[0].reason


def test_a_page_whose_url_urllib_cannot_split_is_read_and_that_url_names_no_site():
    article = article_from_html(made_up.page(0), "odd", url="https://[]/news/orlov")
    assert article.url == "https://[]/news/orlov" and made_up.STORIES[0][1][0] in article.text
    assert host_of("https://[]/news/orlov") is None and host_of("https://www.reelwire.example/a") == "reelwire.example"


@pytest.mark.parametrize("page", ["<svg><br><p>Ruth Adeyemi will direct it.</p>",
                                  "<label><br><p>Ruth Adeyemi will direct it.</p>"])
def test_a_page_whose_metadata_trafilatura_cannot_read_still_gives_its_text(page):
    """htmldate asserts on a root element it drops; the text is read without the metadata."""
    assert article_from_html(page, "odd").text == "Ruth Adeyemi will direct it."


def test_json_lines_read_plain_news_please_and_html_records_with_stable_ids(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(made_up.jsonl_lines()) + "\n")
    articles, errors, _ = read_all(path)
    assert not errors
    first, news_please, html = articles
    assert (first.id, first.published, first.source, first.title) == \
        ("orlov-talks", "2026-03-04", "ReelWire", made_up.STORIES[0][0])
    assert news_please.published == "2026-04-14" and news_please.source == "trade.example"
    assert news_please.id == read_all(path)[0][1].id  # a hash of the URL: the same every time
    assert html.url == "https://reelwire.example/news/2" and made_up.STORIES[2][1][0] in html.text
    assert first.location == "https://reelwire.example/news/0"
    no_url = tmp_path / "no_url.jsonl"
    no_url.write_text(json.dumps({"text": "Some Body is set to star in a film."}) + "\n")
    [article], _, _ = read_all(no_url)
    assert article.location == f"{no_url}#{article.id}" and len(article.id) == 16


def test_bad_json_lines_are_reported_by_line_and_the_others_read(tmp_path):
    good = made_up.jsonl_lines()
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join([good[0], "{not json", "[1, 2]", json.dumps({"title": "no text"}), "",
                               json.dumps({"text": "x" * 5000}), good[1]]) + "\n")
    articles, errors, _ = read_all(path, max_bytes=4000)
    assert [a.id for a in articles][0] == "orlov-talks" and len(articles) == 2
    assert [(e.record, e.reason.split(" (")[0]) for e in errors] == [
        ("line 2", "not JSON"), ("line 3", "a JSON list, not an object"),
        ("line 4", "no article text"), ("line 6", "line is larger than the 4,000-byte limit")]
    assert all(str(e).startswith(f"{path}: line ") for e in errors)


@pytest.mark.parametrize("char, named", [("\u0000", "a NUL character (U+0000)"),
                                         ("\ud800", "a lone surrogate, which is no character, (U+D800)")])
def test_a_record_whose_text_holds_an_unstorable_character_is_reported_by_line_and_the_others_read(
        tmp_path, char, named):
    good = made_up.jsonl_lines()
    path = tmp_path / "dump.jsonl"
    record = json.dumps({"id": "bad", "text": f"Casting news\n\nA{char}B will star."})  # JSON escapes it: \\u....
    path.write_text("\n".join([good[0], record, good[1]]) + "\n")
    articles, errors, _ = read_all(path)
    assert len(articles) == 2 and "bad" not in {a.id for a in articles}
    [error] = errors
    assert error.record == "line 2" and f"holds {named} at character 15" in error.reason
    assert str(error).startswith(f"{path}: line 2: ")


@pytest.mark.parametrize("field", ["id", "url", "source", "title"])
def test_a_record_whose_other_fields_hold_an_unstorable_character_is_reported_by_field(tmp_path, field):
    record = {"id": "ok-id", "url": "https://reelwire.example/a", "source": "Reelwire", "title": "Casting news",
              "text": "Casting news\n\nAda Quist will star in 'Salt Road'."}
    record[field] = record[field][:3] + "\u0000" + record[field][3:]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join([made_up.jsonl_lines()[0], json.dumps(record)]) + "\n")
    articles, errors, _ = read_all(path)
    assert len(articles) == 1
    [error] = errors
    assert error.record == "line 2" and error.reason == f"the record's {field} holds a NUL character (U+0000) at character 3"


def test_a_truncated_gzip_dump_keeps_the_lines_before_the_break(tmp_path):
    data = gzip.compress(("\n".join(made_up.jsonl_lines() * 20) + "\n").encode())
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    articles, errors, _ = read_all(path)
    assert len(errors) == 1 and "damaged" in errors[0].reason and errors[0].record.startswith("line ")
    assert 0 < len(articles) < 60


@pytest.mark.parametrize("gz", [True, False])
def test_a_warc_gives_its_html_responses_and_counts_the_other_records(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(made_up.warc(gz=gz))
    articles, errors, skipped = read_all(path)
    assert not errors
    assert [a.url for a in articles] == [f"https://reelwire.example/news/{n}" for n in range(3)]
    assert [a.published for a in articles] == ["2026-03-04", "2026-06-01", "2026-03-04"]  # page date, else WARC-Date
    assert skipped["not html"] == 2  # the request and the image
    assert all(a.record.startswith("record at offset ") for a in articles)


@pytest.mark.parametrize("gz", [True, False])
def test_a_damaged_warc_record_is_reported_by_offset_and_reading_goes_on(tmp_path, gz):
    data = made_up.warc(gz=gz, pages=4)
    second = _record_offsets(data, gz)[3]  # request, page 0, image, page 1, ...
    broken = data[:second + 1] + b"\x00" * 64 + data[second + 65:]
    path = tmp_path / "crawl.warc"
    path.write_bytes(broken)
    articles, errors, _ = read_all(path)
    assert len(errors) == 1 and "record at offset" in str(errors[0])
    assert [a.url.rsplit("/", 1)[1] for a in articles] == ["0", "2", "3"]
    truncated = tmp_path / "cut.warc"
    truncated.write_bytes(data[:-200])
    articles, errors, _ = read_all(truncated)
    assert len(articles) == 3 and len(errors) == 1 and "truncated" in errors[0].reason


@pytest.mark.parametrize("cut, reason", [(6, "the compressed file is cut short: its last record is incomplete"),
                                         (20, "record is truncated (21 bytes missing)")])
def test_a_gzip_warc_cut_inside_its_last_member_is_reported(tmp_path, cut, reason):
    """warcio reads a member cut short as if whole: the missing trailer tells."""
    data = made_up.warc(gz=True, pages=2)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:-cut])
    articles, errors, _ = read_all(path)
    assert [a.url.rsplit("/", 1)[1] for a in articles][:1] == ["0"]
    assert [e.reason for e in errors] == [reason]
    path.write_bytes(b"\x1f\x8b\x08\x00")  # the magic bytes and nothing after
    assert [str(e).rsplit(": ", 1)[1] for e in read_all(path)[1]] == ["its last record is incomplete"]


def test_a_warc_record_with_no_content_length_is_an_error_and_the_records_after_it_are_read(tmp_path):
    data = made_up.warc(gz=False, pages=3)
    at = data.index(b"Content-Length", data.index(b"WARC-Type: response"))  # page 0's record
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:at] + data[data.index(b"\r\n", at) + 2:])
    articles, errors, _ = read_all(path)
    assert [e.reason for e in errors] == ["damaged WARC record (the record's header has no Content-Length)"]
    assert [a.url.rsplit("/", 1)[1] for a in articles] == ["1", "2"]


def _record_offsets(data: bytes, gz: bool) -> list[int]:
    from io import BytesIO

    from warcio.archiveiterator import ArchiveIterator
    it = ArchiveIterator(BytesIO(data))
    offsets = []
    for _ in it:
        offsets.append(it.offset)
    return offsets


def test_hostile_pages_stay_bounded_in_time_and_memory(tmp_path):
    paragraph = "<p>Some Performer will star in the thriller Night Ferry for Focus Features, sources said.</p>" * 3
    (tmp_path / "nested.html").write_text("<html><body>" + "<div>" * 100_000 + paragraph + "</div>" * 100_000 + "</body></html>")
    (tmp_path / "attribute.html").write_text(f'<html><body><div data-x="{"A" * 10_000_000}">{paragraph}</div></body></html>')
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    articles, errors, _ = read_all(tmp_path, max_bytes=11_000_000)
    assert time.process_time() - start < 60
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 1024 * 1024  # KiB: under 1 GiB more
    assert len(articles) + len(errors) == 2
    assert all(e.path.endswith(".html") for e in errors)


def test_folder_scans_pass_over_hidden_and_unknown_files_and_count_them(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: refs/heads/main")
    (tmp_path / ".notes.txt").write_text("hidden note")
    (tmp_path / "Makefile").write_text("all:\n\techo hi\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Headline\n\nSome Body will star in Night Ferry.")
    (tmp_path / "news" / "b.html").write_text(made_up.page(1))
    articles, errors, skipped = read_all(tmp_path)
    assert [a.id for a in articles] == ["a", "b"] and not errors
    assert skipped == Counter({"hidden": 2, "unknown kind": 2})
    named = tmp_path / "Makefile"  # a file named on the command line is always read
    assert read_all(named)[0][0].id == "Makefile"


def test_stdin_is_read_whatever_its_kind(monkeypatch):
    import io
    import sys
    lines = "\n".join(made_up.jsonl_lines()) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    articles, errors, _ = read_all("-")
    assert [a.id for a in articles][0] == "orlov-talks" and len(articles) == 3 and not errors
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(made_up.warc())))
    articles, _, _ = read_all("-")
    assert len(articles) == 3 and articles[0].path is None


def _corrupt_gzip() -> bytes:
    damaged = bytearray(gzip.compress(b'{"text": "Casting news"}\n' * 100))
    damaged[10] = 0x07  # no such deflate block type
    return bytes(damaged)


@pytest.mark.parametrize("name, data, says", [
    ("big.jsonl", b'{"text": "Casting news", "n": ' + b"9" * 5000 + b"}\n", "JSON that Python cannot hold"),
    ("deep.jsonl", b'{"text": "Casting news", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", "RecursionError"),
    ("damaged.jsonl.gz", _corrupt_gzip(), "the compressed file is damaged"),
    ("huge.warc", b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/x\r\n"
                  b"Content-Length: 99999999999999999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\nx\r\n\r\n", "damaged WARC record"),
    ("charref.rss", b'<rss version="2.0"><channel><item><title>T</title><description>Casting &#x110000; news'
                    b"</description></item></channel></rss>", "feedparser cannot read this feed"),
    ("bogus.rss", b'<?xml version="1.0" encoding="x-bogus"?><rss version="2.0"><channel><item><description>'
                  b"Casting news</description></item></channel></rss>", "an encoding Python does not know"),
    ("values.jsonl", b'[1, 2]\n"a string"\n', "a JSON list, not an object"),
])
def test_input_python_or_its_libraries_cannot_hold_is_an_error_naming_the_file_and_the_rest_is_read(
        tmp_path, name, data, says):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "z_story.html").write_text(made_up.page(1))
    articles, errors, _ = read_all(tmp_path / name, tmp_path / "z_story.html")
    assert [a.id for a in articles] == ["z_story"]
    assert errors and all(e.path.endswith(name) for e in errors) and any(says in str(e) for e in errors), errors


def test_paths_no_file_system_can_name_are_errors_not_crashes(tmp_path):
    (tmp_path / "story.html").write_text(made_up.page(1))
    found = list(iter_input_files(["a" * 300, "", str(tmp_path / "story.html")]))
    assert [type(f).__name__ for f in found] == ["ReadError", "ReadError", "str"]
    assert "too long" in str(found[0]) and "empty path" in str(found[1])


def test_a_parser_fault_on_one_file_ends_that_file_not_the_run(tmp_path, monkeypatch):
    """Whatever a library raises on hostile input, the run goes on to the next file."""
    import callsheet.reading.sources as sources

    def broken_parser(data, origin):
        raise RuntimeError("a fault inside the feed parser")
        yield  # a generator, like the real one

    monkeypatch.setattr(sources, "feed_records", broken_parser)
    (tmp_path / "a.rss").write_text('<rss version="2.0"><channel><item><description>Casting news'
                                    "</description></item></channel></rss>")
    (tmp_path / "b.html").write_text(made_up.page(1))
    articles, errors, _ = read_all(tmp_path / "a.rss", tmp_path / "b.html")
    assert [a.id for a in articles] == ["b"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'a.rss'}: cannot read the rest of this file "
                                        "(RuntimeError: a fault inside the feed parser)"]


def test_a_file_name_that_is_not_utf8_gives_an_id_that_can_be_stored(tmp_path):
    import os
    name = os.fsdecode(b"casting-\xff.html")  # a byte no UTF-8 name has: Python holds it as U+DCFF
    (tmp_path / name).write_text(made_up.page(1))
    [article], errors, _ = read_all(tmp_path / name)
    assert not errors and article.id == "casting-\ufffd"
