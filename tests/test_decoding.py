"""Decoding article files: byte order marks first, then UTF-8, then a detected encoding in
which cp1252 wins a tie — and the user is told which encoding was used."""

from __future__ import annotations

import pytest

from claims.errors import BadInput
from claims.sources import decode

TEXT = "Officials in Kyïv said 41 people died on Monday; the café reopened.\n"


@pytest.mark.parametrize(("encoding", "says"), [
    ("utf-16", "UTF-16"), ("utf-16-le", None), ("utf-16-be", None), ("utf-32", "UTF-32"),
])
def test_utf16_and_utf32_with_a_bom_are_text(encoding: str, says: str | None) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    data = bom + TEXT.encode(encoding)
    text, warnings = decode(data, "a.txt")
    assert text == TEXT
    assert len(warnings) == 1 and "byte order mark" in warnings[0]
    assert (says or "UTF-16") in warnings[0]


def test_a_utf8_bom_is_dropped_silently() -> None:
    assert decode(b"\xef\xbb\xbf" + TEXT.encode(), "a.txt") == (TEXT, [])


def test_a_bom_that_lies_is_refused() -> None:
    with pytest.raises(BadInput, match="byte order mark"):
        decode(b"\xff\xfe" + b"abc", "a.txt")


@pytest.mark.parametrize("text", [
    "Kyïv", "Officials in Kyïv said 41 people died.", "Zürich: déjà vu, naïve façade",
    "Le café coûte 5 € à Zürich", "São Paulo’s mayor said “no”",
])
def test_short_western_text_is_read_as_cp1252(text: str) -> None:
    decoded, warnings = decode(text.encode("cp1252"), "a.txt")
    assert decoded == text
    assert warnings == ["a.txt: not UTF-8; decoded as cp1252"]


def test_latin1_text_keeps_its_letters() -> None:
    decoded, _ = decode("Kyïv, Dnipró and Lódz".encode("latin-1"), "a.txt")
    assert decoded == "Kyïv, Dnipró and Lódz"


def test_a_clearly_central_european_text_is_not_forced_to_cp1252() -> None:
    text = ("Přílišžluťoučký kůň úpěl ďábelské ódy. Příliš žluťoučký kůň úpěl ďábelské ódy, "
            "řekl Šťastný.") * 3
    decoded, warnings = decode(text.encode("cp1250"), "a.txt")
    assert decoded == text and "cp1250" in warnings[0]


def test_binary_data_is_still_refused() -> None:
    with pytest.raises(BadInput, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "a.png.txt")


@pytest.mark.parametrize(("text", "encoding"), [
    ("北京市政府周一表示，四十一人在事故中死亡，另有十二人受伤。" * 3, "gb18030"),
    ("Москва заявила в понедельник, что погиб сорок один человек." * 3, "cp1251"),
])
def test_other_scripts_keep_their_detected_encoding(text: str, encoding: str) -> None:
    decoded, warnings = decode(text.encode(encoding), "a.txt")
    assert decoded == text and "cp1252" not in warnings[0]
