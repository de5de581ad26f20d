"""Claims: sentences grouped with their mentions, a kind, a check-worthiness score and a reason.

Grouping and scoring are tested with hand-placed mentions so that these tests do not depend on
how well the finders read numbers, dates and quotes; the last tests run the whole pipeline.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from claims.extract import Claim, Mention, body_span, extract_claims, extract_mentions
from claims.extract.grouping import group_claims
from claims.extract.pipeline import merge_mentions
from claims.extract.scoring import assess_claim

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "modi_putin_moscow.txt"


def mention(text: str, kind: str, surface: str, occurrence: int = 0, **fields: object) -> Mention:
    """A mention of `surface` in `text` (its `occurrence`-th appearance) with the given fields."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(kind, surface, start, start + len(surface), **fields)  # type: ignore[arg-type]


def claims_of(text: str, *mentions: Mention) -> list[Claim]:
    return group_claims(text, sorted(mentions, key=lambda m: m.start), 0, len(text))


def test_one_claim_per_sentence_with_mentions() -> None:
    text = "Prices rose 5% in May. Nothing else happened. Exports fell to $4bn."
    claims = claims_of(
        text,
        mention(text, "percent", "5%", value=5, unit="%"),
        mention(text, "money", "$4bn", value=4_000_000_000, unit="USD"),
    )
    assert [c.text for c in claims] == ["Prices rose 5% in May.", "Exports fell to $4bn."]
    assert all(text[c.start : c.end] == c.text for c in claims)


def test_a_quote_over_several_sentences_makes_one_claim() -> None:
    text = (
        "He spoke first. “The visit is a scheduling priority. And that’s what it is,” "
        "Vinay Kwatra told the BBC. Then he left."
    )
    quote = mention(
        text, "quote", "The visit is a scheduling priority. And that’s what it is,",
        speaker="Vinay Kwatra",
    )
    [claim] = claims_of(text, quote)
    assert claim.text == (
        "“The visit is a scheduling priority. And that’s what it is,” Vinay Kwatra told the BBC."
    )
    assert claim.kind == "quote"
    assert claim.mentions == [quote]


def test_a_quote_only_paragraph_is_a_claim() -> None:
    text = "He said so.\n\n“The main pillars are defense, energy and science. Nothing else.”\n"
    words = "The main pillars are defense, energy and science. Nothing else."
    quote = mention(text, "quote", words, speaker="Pankaj Saran")
    [claim] = claims_of(text, quote)
    assert claim.text == "“The main pillars are defense, energy and science. Nothing else.”"
    assert claim.reason == "attributed quote"


def test_casualty_when_people_are_killed() -> None:
    text = "Russian bombing killed at least 41 people in Ukraine."
    count = mention(text, "count", "41", value=41, unit="person", qualifier="at_least")
    [claim] = claims_of(text, count)
    assert claim.kind == "casualty"
    assert claim.reason == "casualty count with qualifier"
    assert claim.score >= 0.9


def test_casualty_with_a_demonym_and_dying() -> None:
    text = "Four Indians have died so far in the fighting."
    [claim] = claims_of(text, mention(text, "count", "Four", value=4, unit="Indian"))
    assert claim.kind == "casualty"


def test_a_count_of_things_near_a_killing_word_is_a_statistic() -> None:
    text = "The storm that killed nobody destroyed 300 houses."
    [claim] = claims_of(text, mention(text, "count", "300", value=300, unit="house"))
    assert claim.kind == "statistic"


def test_people_counted_without_harm_are_a_statistic() -> None:
    text = "The constituency has about 540,000 registered voters."
    [claim] = claims_of(text, mention(text, "count", "540,000", value=540000, unit="voter"))
    assert claim.kind == "statistic"


def test_money_with_conversion() -> None:
    text = "Bilateral trade has soared to $65bn (£50.76bn)."
    claims = claims_of(
        text,
        mention(text, "money", "$65bn", value=65e9, unit="USD", qualifier="exact"),
        mention(text, "money", "£50.76bn", value=50.76e9, unit="GBP", qualifier="exact"),
    )
    assert [(c.kind, c.reason) for c in claims] == [("money", "money figure with conversion")]


def test_percent_measure_and_count_are_statistics() -> None:
    for kind, surface in (("percent", "12%"), ("measure", "20 years"), ("count", "18")):
        text = f"The figure was {surface} in all."
        [claim] = claims_of(text, mention(text, kind, surface, value=1, qualifier="exact"))
        assert claim.kind == "statistic", kind


def test_a_sentence_with_only_dates_is_a_date_claim() -> None:
    text = "The summit begins on Tuesday."
    [claim] = claims_of(text, mention(text, "date", "Tuesday", date="2024-07-09"))
    assert (claim.kind, claim.reason) == ("date", "date only")


def test_a_vague_date_scores_low() -> None:
    text = "Delhi has diversified its arms in recent decades."
    [claim] = claims_of(text, mention(text, "date", "recent decades"))
    assert claim.score <= 0.15
    assert claim.reason == "vague date only"


def test_a_bare_scare_quote_scores_low() -> None:
    text = "Critics called the plan “somewhat ambitious” at the time."
    [claim] = claims_of(text, mention(text, "quote", "somewhat ambitious"))
    assert (claim.kind, claim.reason) == ("statement", "bare scare quote")
    assert claim.score <= 0.15


def test_ordinal_only_is_a_statement() -> None:
    text = "It was his first trip abroad."
    [claim] = claims_of(text, mention(text, "ordinal", "first", value=1, unit="trip"))
    assert claim.kind == "statement"


def test_scores_rank_what_deserves_a_check() -> None:
    text = "x" * 10
    casualty = assess_claim("41 killed", 0, 9, [Mention("count", "41", 0, 2, 41, "person")])
    money = assess_claim(text, 0, 10, [Mention("money", "x", 0, 1, 4e9, "USD", "exact")])
    quote = assess_claim(text, 0, 10, [Mention("quote", "x x x x x", 0, 9, speaker="Jo Ann")])
    dated = assess_claim(text, 0, 10, [Mention("date", "x", 0, 1, date="2024")])
    scare = assess_claim(text, 0, 10, [Mention("quote", "x", 0, 1)])
    assert casualty.score > money.score > quote.score > dated.score > scare.score
    assert all(0.0 <= a.score <= 1.0 for a in (casualty, money, quote, dated, scare))


def test_every_mention_lands_in_exactly_one_claim() -> None:
    text = "A said “one. two. three.” Then 5% rose.\nNew paragraph with 2019 in it."
    mentions = [
        mention(text, "quote", "one. two. three."),
        mention(text, "percent", "5%", value=5, unit="%"),
        mention(text, "date", "2019", date="2019"),
    ]
    claims = claims_of(text, *mentions)
    grouped = [m for c in claims for m in c.mentions]
    assert grouped == mentions
    for claim in claims:
        assert all(claim.start <= m.start and m.end <= claim.end for m in claim.mentions)


def test_seed_claims_skip_the_headline_and_related_posts() -> None:
    text = SEED.read_text(encoding="utf-8")
    start, end = body_span(text)
    assert text[:start].strip().startswith("Modi and Putin in Moscow")
    assert text[end:].strip() == "Related Posts"
    claims = extract_claims(text, date(2024, 7, 8))
    assert claims
    for claim in claims:
        assert start <= claim.start and claim.end <= end
        assert text[claim.start : claim.end] == claim.text
        assert claim.kind in ("casualty", "money", "statistic", "date", "quote", "statement")


def test_devset_style_header_and_footer_are_not_claims() -> None:
    text = (
        "# Markets fall 3% as 2024 jobs data disappoints\n\nPublished :`2024-08-01 10:00:00`\n\n"
        "---\nStocks fell 3% on Thursday.\n\nRelated Posts\nShares rose 9% in 2023.\n"
    )
    start, end = body_span(text)
    assert text[start:end].strip() == "Stocks fell 3% on Thursday."
    claims = extract_claims(text, date(2024, 8, 1))
    assert [c.text for c in claims] == ["Stocks fell 3% on Thursday."]


def test_claims_serialise_with_their_mentions() -> None:
    text = "Russian bombing killed at least 41 people in Ukraine."
    [claim] = claims_of(text, mention(text, "count", "41", value=41, unit="person"))
    data = claim.to_dict()
    assert set(data) == {"kind", "text", "start", "end", "score", "reason", "mentions"}
    assert data["mentions"][0]["surface"] == "41"


def test_serialised_claims_hold_every_field_of_the_dataclasses() -> None:
    """`to_dict` is written out by hand for speed: it must not fall behind the fields."""
    text = SEED.read_text(encoding="utf-8")
    claims = extract_claims(text, date(2024, 7, 8))
    speaker = next(m for c in claims for m in c.mentions if m.speaker)
    assert speaker.to_dict() == asdict(speaker)
    for claim in claims:
        expected = asdict(claim)
        for mention in expected["mentions"]:
            if mention["kind"] != "quote":
                del mention["speaker_cue"]  # the cue is only written out for quotes
        assert claim.to_dict() == expected


def test_a_caption_under_the_headline_is_not_body() -> None:
    text = SEED.read_text(encoding="utf-8")
    start, _ = body_span(text)
    assert "Narendra Modi- Vladimir Putin" in text[:start]
    assert text[start:].lstrip().startswith("Indian Prime Minister Narendra Modi")
    bare = "Headline\n\nBy Jo Smith\n\nOnly short lines\n\nNo prose"
    assert bare[body_span(bare)[0] :].lstrip().startswith("By Jo Smith")


def test_casualty_for_people_named_by_their_work() -> None:
    text = "Two Al Jazeera correspondents were killed in a reported airstrike."
    [claim] = claims_of(text, mention(text, "count", "Two", value=2, unit="correspondent"))
    assert claim.kind == "casualty"


def test_a_small_count_alone_scores_below_a_large_one() -> None:
    text = "The visit aims to address the imbalance between the two nations."
    [small] = claims_of(text, mention(text, "count", "two", value=2, unit="nation"))
    other = "The carmaker plans to launch 18 new models."
    [large] = claims_of(other, mention(other, "count", "18", value=18, unit="model"))
    assert small.reason == "small count"
    assert small.score < large.score


def test_boilerplate_mid_article_does_not_end_the_body() -> None:
    text = (
        "Headline\n\nTrade rose 5% in May.\n\nAdvertisement\n\nExports fell 3% in June.\n\n"
        "Share this article\n\nAdvertisement\n"
    )
    start, end = body_span(text)
    assert text[start:end].strip().endswith("Exports fell 3% in June.")
    assert [c.text for c in extract_claims(text)] == [
        "Trade rose 5% in May.", "Exports fell 3% in June."
    ]


def test_a_related_links_heading_above_the_prose_is_navigation() -> None:
    text = "Related Posts\nTrade rose 5% in May. Exports fell.\n\nRelated Posts\nOther"
    start, end = body_span(text)
    assert text[start:end].strip() == "Related Posts\nTrade rose 5% in May. Exports fell."


def test_claims_hold_every_mention_once() -> None:
    fixtures = SEED.parent.parent
    texts = [SEED, *sorted((fixtures / "passages").glob("*.txt"))]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        mentions = extract_mentions(text, date(2024, 7, 8))
        grouped = [m for claim in extract_claims(text, date(2024, 7, 8)) for m in claim.mentions]
        assert grouped == mentions, path.name


def test_merging_rules() -> None:
    text = "In 2019 some 41 people died; 2,000 and 2,000 more."
    year = mention(text, "date", "2019", date="2019")
    count_in_year = Mention("count", "2019", year.start, year.end, 2019)
    people = mention(text, "count", "41", value=41)
    wider = mention(text, "count", "2,000", value=2000)
    narrower = Mention("count", "2", wider.start, wider.start + 1, 2)
    misplaced = Mention("count", "41", 0, 2, 41)  # its surface is not the text at its offsets
    tail = text.index("more")
    outside = Mention("count", text[tail:], tail, len(text))  # past the body's end
    merged = merge_mentions(
        text, (0, tail),
        quotes=[], dates=[year],
        quantities=[count_in_year, people, narrower, wider, misplaced, outside],
    )
    assert merged == [year, people, wider]


def test_an_attributed_quote_outranks_a_small_count() -> None:
    text = "“The visit is a scheduling priority,” he said, denying any link between the two events."
    claims = claims_of(
        text,
        mention(text, "quote", "The visit is a scheduling priority,", speaker="Vinay Kwatra"),
        mention(text, "count", "two", value=2, unit="event", qualifier="exact"),
    )
    assert [(c.kind, c.reason) for c in claims] == [("quote", "attributed quote")]


def test_reasons_read_as_one_phrase() -> None:
    text = "Last year trade hit nearly $65bn (£50.76bn)."
    [claim] = claims_of(
        text,
        mention(text, "date", "Last year", date="2023"),
        mention(text, "money", "$65bn", value=65e9, unit="USD", qualifier="approx"),
        mention(text, "money", "£50.76bn", value=50.76e9, unit="GBP", qualifier="approx"),
    )
    assert claim.reason == "money figure with qualifier and conversion, dated"


def test_a_vague_amount_of_money_is_a_money_claim() -> None:
    text = "Delhi has been buying billions of dollars of discounted oil."
    [claim] = claims_of(text, mention(text, "vague", "billions of dollars", unit="USD"))
    assert (claim.kind, claim.reason) == ("money", "vague money amount")


SEED_CLAIM_KINDS = [  # read by hand from the seed: how each claim sentence begins, its kind
    ("Indian Prime Minister Narendra Modi is being", "statement"),
    ("Mr. Modi landed on Monday", "casualty"),
    ("A video of a smiling Mr. Putin", "quote"),
    ("Mr. Modi’s two-day visit", "statistic"),
    ("“We would urge India", "quote"),
    ("“It is a huge disappointment", "quote"),
    ("The NATO summit in Washington, which begins", "statement"),
    ("“The bilateral visit this time", "quote"),
    ("“If you look at the historical trend", "quote"),
    ("“The main pillars of the relationship", "quote"),
    ("Since the Ukraine war began", "money"),
    ("Driven by a surge in the purchase of oil", "money"),
    ("India’s exports to Russia stand at just $4bn.", "money"),
    ("For the past 20 years", "statistic"),
    ("A deadly brawl on the disputed border", "casualty"),
    ("“One option currently being exercised", "quote"),
    ("Though Delhi has diversified its weapons", "date"),
    ("“There are reports of delays", "quote"),
    ("Four Indians have died so far", "casualty"),
    ("Indian officials insist that during this visit", "statement"),
    ("“India follows a policy of strategic autonomy", "quote"),
    ("Additionally, Mr. Modi’s visit aims", "statistic"),
]


def test_seed_claims_have_the_kinds_a_reader_would_give() -> None:
    text = SEED.read_text(encoding="utf-8")
    claims = extract_claims(text, date(2024, 7, 8))
    got = [(c.text, c.kind) for c in claims]
    assert len(got) == len(SEED_CLAIM_KINDS), [t[:40] for t, _ in got]
    for (claim_text, kind), (opening, expected) in zip(got, SEED_CLAIM_KINDS, strict=True):
        assert claim_text.startswith(opening), (claim_text[:60], opening)
        assert kind == expected, (opening, kind)
    low = [c for c in claims if c.score <= 0.15]
    assert [c.text[:30] for c in low] == ["Though Delhi has diversified i"]


def test_a_headline_right_above_the_first_paragraph_is_not_body() -> None:
    text = (
        "Floods kill 14 in Maharashtra as rain continues\n"
        "At least 14 people have died in rain-related incidents since July 20, officials said.\n"
    )
    start, _ = body_span(text)
    assert text[start:].startswith("At least 14 people")
    one_paragraph = "Stocks fell 3% on Thursday\nand again on Friday."
    assert body_span(one_paragraph)[0] == 0
