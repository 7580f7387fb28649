"""Reading article input: paths, strings, files, and the garbage editors sometimes feed us."""

from __future__ import annotations

import io

import pytest

from claimcheck.errors import InputError
from claimcheck.read.load import load_source


def test_text_string_is_the_article():
    loaded = load_source("Ketamine helps. 1\n\n1. Smith J. T. J. 2020.")
    assert (loaded.origin, loaded.format) == ("<string>", "text")
    assert loaded.text.startswith("Ketamine helps.")


def test_path_and_format(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# Title\n\nSome text.\n", encoding="utf-8")
    loaded = load_source(p)
    assert (loaded.origin, loaded.format) == (str(p), "markdown")
    assert load_source(str(p)).text == "# Title\n\nSome text.\n"


def test_open_file():
    loaded = load_source(io.StringIO("Some text."))
    assert loaded.text == "Some text."


def test_bom_is_dropped_and_cp1252_is_read(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffCaf\u00e9 text.".encode())
    assert load_source(p).text == "Caf\u00e9 text."
    q = tmp_path / "old.txt"
    q.write_bytes("It\u2019s 30% of patients.".encode("cp1252"))
    assert load_source(q).text == "It\u2019s 30% of patients."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 100, "binary"),
    ],
)
def test_garbage_files_get_a_clear_error_naming_the_file(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        load_source(p)
    assert str(p) in str(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        load_source(tmp_path)


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="over the"):
        load_source(p, max_bytes=1000)
