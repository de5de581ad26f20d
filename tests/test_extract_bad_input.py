"""Bad input: extraction never raises, finishes, and keeps every offset exact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claims.extract import extract_claims, extract_mentions

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "modi_putin_moscow.txt"
PUBLISHED = date(2024, 7, 8)
NEWS = "Russian bombing killed at least 41 people on Monday, and trade hit $65bn (£50.76bn). "


def assert_anchored(text: str) -> None:
    for claim in extract_claims(text, PUBLISHED):
        assert text[claim.start : claim.end] == claim.text
        for mention in claim.mentions:
            assert text[mention.start : mention.end] == mention.surface


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "...",
        "—",
        "“",
        "”“”“",
        "$",
        "%",
        "41",
        "no sentence here",
        "# only a headline",
        "# headline\n\nPublished :`2024-08-01 10:00:00`\n\n---\n",
        "---\n---\n",
        "Related Posts",
    ],
    ids=repr,
)
def test_empty_and_sentence_free_text(text: str) -> None:
    assert_anchored(text)
    assert extract_mentions(text) == extract_mentions(text)


def test_five_megabytes_on_one_line() -> None:
    """A whole site's text dumped without line breaks: news prose at its usual density."""
    prose = SEED.read_text(encoding="utf-8").replace("\n", " ")
    text = (prose * (5_000_000 // len(prose) + 1))[:5_000_000]
    assert "\n" not in text
    assert_anchored(text)


def test_dense_figures_on_one_line() -> None:
    assert_anchored(NEWS * 2_000)


def test_a_megabyte_of_one_character() -> None:
    for char in ".9“$ ":
        assert_anchored(char * 1_000_000)


def test_control_characters() -> None:
    controls = "".join(chr(c) for c in range(32) if chr(c) != "\n")
    text = f"{controls}{NEWS}\x00{NEWS}\x7f\x85{NEWS}\x1b[31m{NEWS}\r\n{NEWS}\x0c"
    assert_anchored(text)


def test_zero_width_and_bidi_marks() -> None:
    marks = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2069"
    text = "".join(f"{ch}{word}" for word, ch in zip(NEWS.split(" "), marks * 3, strict=False))
    assert_anchored(text)
    assert_anchored(marks + NEWS + marks)
    assert_anchored("4\u200b1 people were killed for $6\u200d5bn on Mon\u200fday.")


def test_mixed_scripts() -> None:
    text = (
        "Москва заявила, что 41 человек погиб. 東京では3人が死亡した。 "
        "قال المسؤول إن ٤١ شخصا قتلوا يوم الاثنين. मोदी ने कहा कि ₹5,000 करोड़ दिए जाएंगे। "
        "Ελλάδα: 12% πτώση. ๑๒๓ คน. " + NEWS + "𝟒𝟏 people, ４１ people, ①②③."
    )
    assert_anchored(text)


def test_leftover_html() -> None:
    text = (
        "<html><head><script>var x = \"$65bn\"; if (a < 41) {}</script></head><body>"
        "<p>Russian bombing killed <b>at least 41</b> people on&nbsp;Monday.</p>"
        "<p class=\"quote\">&ldquo;We urge India,&rdquo; he said.</p><!-- 2019 -->"
        "<a href=\"/2024/07/08/news?id=5&amp;x=10%\">Related Posts</a></body></html>"
    )
    assert_anchored(text)


def test_lone_surrogates_and_odd_code_points() -> None:
    text = f"\ud800{NEWS}\udfff\U0010ffff{NEWS}\ufffd"
    assert_anchored(text)
