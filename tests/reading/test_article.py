from pathlib import Path

import pytest

from callsheet.reading import ReadError, iter_input_files, parse_article, read_article


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
