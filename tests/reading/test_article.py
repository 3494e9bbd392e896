from pathlib import Path

import pytest

from callsheet.reading import ReadError, iter_input_files, parse_article, read_article
from callsheet.reading.article import is_boilerplate


def test_web_corpus_shape_gives_date_source_and_title():
    text = " date 2025-01-30 Watch more of our videos on ShotsTV.com\n\nFirst sentence here. Second one.\n"
    article = parse_article(text, "x")
    assert article.published == "2025-01-30"
    assert article.source == "ShotsTV"
    assert article.title == "First sentence here."
    assert "ShotsTV" not in article.body
    assert article.text == text  # verbatim


def test_headline_shape_gives_headline_as_title_and_keeps_it_in_the_body():
    article = parse_article("Farrell due to make US TV debut\n\nActor Colin Farrell is to...", "x")
    assert article.title == "Farrell due to make US TV debut"
    assert article.published is None
    assert article.body.startswith("Farrell due")


def test_published_option_only_fills_a_missing_date():
    assert parse_article("Head\n\nBody.", "x", published="2024-05-01").published == "2024-05-01"


def test_encoding_is_detected_and_normalised_to_nfc(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café society\n\nThe film by Pedro Almodóvar opens in Málaga. ".encode("cp1252") * 3)
    article = read_article(str(path))
    assert "Almodóvar" in article.text
    decomposed = tmp_path / "nfd.txt"
    decomposed.write_text("Cafe\u0301 news\n\nBody text here.", encoding="utf-8")
    assert "Café" in read_article(str(decomposed)).text


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n ", "empty"),
    (b"\x00\x01\x02binary\x00" * 10, "binary"),
])
def test_bad_files_raise_a_clear_error(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_article(str(path))
    assert reason in str(err.value) and str(path) in str(err.value)


def test_size_limit_is_enforced_without_reading_everything(tmp_path: Path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        fh.write(b"Headline\n\n" + b"word " * (50 * 1024 * 1024 // 5))
    with pytest.raises(ReadError, match="larger than"):
        read_article(str(path))
    with pytest.raises(ReadError, match="larger than the 100-byte limit"):
        read_article(str(path), max_bytes=100)


def test_inputs_expand_folders_and_report_missing_and_empty(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "two.txt").write_text("y")
    (tmp_path / "empty").mkdir()
    items = list(iter_input_files([str(tmp_path / "a"), str(tmp_path / "empty"), str(tmp_path / "nope")]))
    assert [Path(i).name for i in items[:2]] == ["one.txt", "two.txt"]
    assert isinstance(items[2], ReadError) and "no articles" in items[2].reason
    assert isinstance(items[3], ReadError) and "no such file" in items[3].reason


CAFE = "Café Lumière premiere\n\nAnne Lefèvre will direct the film, shooting at the Café Lumière in Lyon."


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_western_code_pages_read_right_and_quietly(tmp_path: Path, caplog, codec: str):
    """Issue 10: "Café" came out "Cafķ" and "Lefèvre" "Lefčvre" (the wrong code page), silently."""
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(CAFE.encode(codec))
    with caplog.at_level("WARNING", logger="callsheet"):
        article = read_article(str(path))
    assert article.text == CAFE
    assert "Café" in article.title and "Lefèvre" in article.body
    assert caplog.records == []


def test_cp1252_punctuation_reads_right(tmp_path: Path):
    text = "Orlov’s “big” night\n\nNadia Orlov’s new film — a thriller — opens in June…"
    path = tmp_path / "quotes.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_article(str(path)).text == text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                   "utf-32-be"])
def test_a_byte_order_mark_decides_the_encoding(tmp_path: Path, codec: str):
    """Issue 10: UTF-16 with a byte-order mark was refused as binary."""
    path = tmp_path / "bom.txt"
    data = CAFE.encode(codec)
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        data = "\ufeff".encode(codec) + data  # the -le/-be codecs write no mark of their own
    path.write_bytes(data)
    article = read_article(str(path))
    assert article.text == CAFE and article.title == "Café Lumière premiere"


def test_a_byte_order_mark_over_bad_bytes_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "half.txt"
    path.write_bytes(b"\xff\xfe" + "Café".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    with pytest.raises(ReadError, match="not valid UTF-16 although it starts with a UTF-16 byte-order mark"):
        read_article(str(path))


def test_utf8_with_a_stray_cp1252_byte_keeps_its_utf8_and_warns(tmp_path: Path, caplog):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Café news\n\nAnne Lefèvre and Zoë Brandt will star. ".encode() + "Señor".encode("cp1252"))
    with caplog.at_level("WARNING", logger="callsheet"):
        text = read_article(str(path)).text
    assert text.endswith("Lefèvre and Zoë Brandt will star. Señor")
    assert [r.getMessage() for r in caplog.records] == [f"{path}: mostly UTF-8; 1 stray byte(s) read as cp1252"]


def test_an_unsure_guess_is_read_as_well_as_possible_and_warned_about(tmp_path: Path, caplog):
    text = "Łoziński to direct\n\nDirector Paweł Łoziński will shoot the film in Łódź next year."
    path = tmp_path / "polish.txt"
    path.write_bytes(text.encode("cp1250"))
    with caplog.at_level("WARNING", logger="callsheet"):
        assert read_article(str(path)).text == text
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: encoding unsure, read as cp1250 ('Łoziński'; cp1252 reads '£oziñski')"]


def test_other_scripts_are_not_forced_into_cp1252(tmp_path: Path):
    text = "Новости кино\n\nРежиссёр Анна Лефевр снимет продолжение фильма для студии."
    path = tmp_path / "cyrillic.txt"
    path.write_bytes(text.encode("cp1251"))
    assert read_article(str(path)).text == text


def test_web_corpus_first_line_keeps_the_lead_sentence():
    text = (" date 2025-03-10 Director Liam O’Neill is in talks to helm ‘Ferry Lights’ for Focus Features.\n\n"
            "Anya Taylor-Joy is set to star.\n")
    article = parse_article(text, "x")
    assert article.published == "2025-03-10"
    assert article.body.startswith("Director Liam O’Neill is in talks")
    assert article.title == "Director Liam O’Neill is in talks to helm ‘Ferry Lights’ for Focus Features."
    assert article.text == text


@pytest.mark.parametrize("first_line", [
    "×",
    "Watch more of our videos on ReelNews.com",
    "Subscribe to our newsletter",
    "Monitoring Desk",
    "Mumbai, September 12",
    "Nora Vale in Iron Tide/File photo",
    "Nora Vale at the premiere (Picture: Kestrel Films)",
])
def test_web_corpus_first_line_drops_site_boilerplate(first_line):
    article = parse_article(f" date 2024-06-01 {first_line}\n\nNora Vale will star in Iron Tide.\n", "x")
    assert article.body.strip() == "Nora Vale will star in Iron Tide."
    assert article.title == "Nora Vale will star in Iron Tide."


@pytest.mark.parametrize("line", ["Filming under way", "Follow-up film Iron Tide 2 is set at Kestrel.",
                                  "Watchmen star Nora Vale joins Iron Tide."])
def test_a_lead_that_starts_like_a_call_to_action_is_kept(line):
    assert not is_boilerplate(line)


def test_the_articles_own_date_line_wins_over_published():
    article = parse_article(" date 2024-06-01 Nora Vale will star.\n", "x", published="2025-01-01")
    assert article.published == "2024-06-01"


def test_a_date_line_of_no_real_day_is_a_clear_error_and_other_digits_make_no_date_line():
    with pytest.raises(ReadError, match=r"x\.txt: bad date line: '2026-13-45' is not a real date"):
        parse_article("date 2026-13-45 Nora Vale will star.\n", "x", path="x.txt")
    arabic_indic = parse_article("date \u0662\u0660\u0662\u0666-\u0660\u0661-\u0661\u0662 Nora Vale will star.\n", "x")
    assert arabic_indic.published is None and arabic_indic.body_start == 0
