"""Properties of extraction that hold for any text: it never raises and every offset is exact."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.extract import extract_claims

FRAGMENTS = [
    "Mr. Modi said", " killed at least ", " people", " on Monday", " last week", " in June 2020",
    "The ministry said ", " between ", " and ", " up to ", " nearly ", " fewer than ",
    " no more than ", " more than ", " about ", " Rs ", " crore", " lakh", " billion", "bn", "m",
    " million", " per cent", "%", " percent", "-", "–", "—", " (", ")", ". ", ".", "? ", "! ",
    "\n", "\n\n", " ", ",", "“", "”", "‘", "’", '"', "'", "$", "£", "€", "₹", "zł", "¥",
    " soldiers", " died", " injured", " a third", " two-thirds", " half", " dozens of",
    " the first quarter", " last year", " 3 a.m. local time Tuesday", " he said.", " says Ms. Lee.",
    "# Headline\n\nPublished :`2024-08-01 10:00:00`\n\n---\n", "\n---\n", "Related Posts",
    " twenty-one", " a dozen", " 16-year-old", " 45 square kilometers", " 1.9 million rubles",
    " U.S. ", " p.m.", " No. 1", "\u00a0", "\u200b", "\u202e", "\u2011",
]
NUMBERS = st.one_of(
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(["1,000", "30-40", "2,00,000", "0.5", ".5", "1.", "1,", "19", "2024", "99th"]),
)
NEWS_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), NUMBERS), max_size=60).map("".join)
DATES = st.one_of(st.none(), st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)))


def assert_anchored(text: str, published: date | None) -> None:
    """Extraction runs, and every claim and mention is exactly the text at its offsets."""
    for claim in extract_claims(text, published):
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.score <= 1.0
        for mention in claim.mentions:
            assert 0 <= mention.start <= mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.surface
            assert claim.start <= mention.start and mention.end <= claim.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), published=DATES)
@example(text="0K", published=None)  # found by this test: a digit glued to a scale letter
@example(text="0M`", published=date(2136, 4, 6))
def test_any_unicode_text(text: str, published: date | None) -> None:
    assert_anchored(text, published)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NEWS_TEXT, published=DATES)
@example(  # found by this test: an ISO value too short for the dates' grain check
    text=" the first quarter the first quarter0.00 the first quarter0.00142114179.20",
    published=date(76, 4, 30),
)
def test_news_like_text(text: str, published: date | None) -> None:
    assert_anchored(text, published)


@settings(max_examples=100, deadline=None)
@given(prefix=NEWS_TEXT, body=NEWS_TEXT, published=DATES)
def test_news_like_text_after_a_headline_block(
    prefix: str, body: str, published: date | None
) -> None:
    text = f"# {prefix}\n\nPublished :`2024-08-01 10:00:00`\n\n---\n{body}\n---\n"
    assert_anchored(text, published)
