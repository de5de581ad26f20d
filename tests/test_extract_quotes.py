"""Quotations and their speakers: spans inside the marks, speakers by full first-given name."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract.quotes import find_quotes
from claims.extract.types import Mention


def quotes(text: str) -> list[tuple[str, str | None]]:
    """(surface, speaker) of every quotation in `text`, checking each anchor on the way."""
    found = find_quotes(text, 0, len(text))
    for mention in found:
        assert isinstance(mention, Mention)
        assert mention.kind == "quote"
        assert text[mention.start : mention.end] == mention.surface
    return [(m.surface, m.speaker) for m in found]


# -- marks ---------------------------------------------------------------------------


def test_curly_double_quote_with_speaker_after() -> None:
    text = "“We will rebuild every home,” said Veena George, the state health minister."
    assert quotes(text) == [("We will rebuild every home,", "Veena George")]


def test_straight_double_quote_with_name_before_the_verb() -> None:
    text = '"The market has turned," Chris Zaccarelli said on Thursday.'
    assert quotes(text) == [("The market has turned,", "Chris Zaccarelli")]


def test_single_marks_as_the_outer_quotation() -> None:
    text = "‘Prices will keep rising,’ said Tom Hale, an economist at the bank."
    assert quotes(text) == [("Prices will keep rising,", "Tom Hale")]


def test_straight_single_marks() -> None:
    text = "'We are not done yet,' said Ana Ruiz."
    assert quotes(text) == [("We are not done yet,", "Ana Ruiz")]


def test_quotation_spanning_sentences_keeps_its_final_stop() -> None:
    text = "Ana Ruiz said: “We are ready. We have been ready for years.”"
    assert quotes(text) == [("We are ready. We have been ready for years.", "Ana Ruiz")]


def test_closing_style_mark_printed_as_an_opening_mark() -> None:
    text = "“One thing is clear,” said Mark Adams. ”They are women in their passports.”"
    assert quotes(text) == [
        ("One thing is clear,", "Mark Adams"),
        ("They are women in their passports.", "Mark Adams"),
    ]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = (
        "Modi’s visit didn’t surprise O’Brien, who remembers the ’90s and the farmers’ "
        "protests; it's the Smiths' view too, rock ’n’ roll aside."
    )
    assert quotes(text) == []


def test_inch_marks_and_stray_marks_give_nothing() -> None:
    text = 'The 12" screen and the 5\'11" player. A stray ” mark and a lone “ mark.'
    assert quotes(text) == []


# -- nesting ---------------------------------------------------------------------------


def test_nested_quotation_said_by_the_speaker_takes_the_speaker() -> None:
    text = "“I said ‘enough,’ because I could not go on,” Angela Carini said."
    assert quotes(text) == [
        ("I said ‘enough,’ because I could not go on,", "Angela Carini"),
        ("enough,", "Angela Carini"),
    ]


def test_nested_quotation_reported_from_someone_unnamed_has_no_speaker() -> None:
    text = '"People told me, \'We don\'t trust the count,\' and I agree," Anna Nowak said.'
    assert quotes(text) == [
        ("People told me, 'We don't trust the count,' and I agree,", "Anna Nowak"),
        ("We don't trust the count,", None),
    ]


# -- speakers ---------------------------------------------------------------------------


def test_two_quotations_in_one_sentence_with_different_speakers() -> None:
    text = (
        "Commissioner Anna Berg said the firm had “ignored our warnings,” while the firm’s "
        "chief executive, Paul Dunn, called the decision “unfair and wrong.”"
    )
    assert quotes(text) == [
        ("ignored our warnings,", "Anna Berg"),
        ("unfair and wrong.", "Paul Dunn"),
    ]


def test_attribution_before_the_quotation() -> None:
    text = "In a post on X, Indian Prime Minister Narendra Modi said he was “deeply saddened.”"
    assert quotes(text) == [("deeply saddened.", "Narendra Modi")]


def test_speaker_named_in_an_appositive_before_the_verb() -> None:
    text = (
        "“The visit is a scheduling matter,” Vinay Kwatra, permanent secretary to the foreign "
        "ministry, told the BBC."
    )
    assert quotes(text) == [("The visit is a scheduling matter,", "Vinay Kwatra")]


def test_subject_of_a_participle_before_the_quotation() -> None:
    text = "A video showed a smiling Mr. Putin calling Mr. Modi “my dearest friend” on Monday."
    assert quotes(text) == [("my dearest friend", "Putin")]


def test_pronoun_resolved_to_the_last_named_person() -> None:
    text = (
        "State Department spokesman Matthew Miller spoke on Monday.\n\n"
        "Mr. Miller also said the US had raised concerns with India.\n\n"
        "“We would urge India to respect the charter,” he said at a briefing."
    )
    assert quotes(text) == [("We would urge India to respect the charter,", "Matthew Miller")]


@pytest.mark.parametrize(("opening", "speaker"), [
    ("But Republican leader Mitch McConnell, who voted for it, warned against it.",
     "Mitch McConnell"),
    ("Tesla boss Elon Musk, who owns X, posted a reply.", "Elon Musk"),
    ("Putin told Modi, who was visiting, that ties were strong.", "Putin"),
])
def test_a_name_qualifying_a_role_is_not_the_subject(opening: str, speaker: str) -> None:
    text = f'{opening} "That would be a serious mistake," he said.'
    assert quotes(text) == [("That would be a serious mistake,", speaker)]


def test_a_pronoun_after_a_person_described_but_not_named_gets_no_speaker() -> None:
    text = (
        '"He knew it was wrong," Judge Lewis Kaplan said of Bankman-Fried.\n\n'
        "The former billionaire, who was convicted in November, stood as it was read.\n\n"
        'Before sentencing, he told the court: "I am sorry."'
    )
    assert quotes(text) == [("He knew it was wrong,", "Lewis Kaplan"), ("I am sorry.", None)]


@pytest.mark.parametrize(("opening", "speaker"), [
    ("US Secretary of State Antony Blinken, on his ninth trip, is due on Sunday.",
     "Antony Blinken"),
    ("Minister of Foreign Affairs Subrahmanyam Jaishankar spoke.", "Subrahmanyam Jaishankar"),
])
def test_an_office_named_with_of_is_a_title(opening: str, speaker: str) -> None:
    text = f'Mahmoud Basal told reporters.\n\n{opening} "This is the last chance," he said.'
    assert quotes(text) == [("This is the last chance,", speaker)]


def test_an_office_after_said_is_no_name_but_its_holder_is() -> None:
    assert quotes('"Later," said the Secretary of State.') == [("Later,", None)]
    assert quotes('"Later," said the Secretary of State, Antony Blinken.') == [
        ("Later,", "Antony Blinken")]


def test_later_short_name_maps_back_to_the_full_name_first_given() -> None:
    text = (
        "Pankaj Saran, a former ambassador, spoke first.\n\n"
        "“One option is to keep the channel open,” says Mr. Saran."
    )
    assert quotes(text) == [("One option is to keep the channel open,", "Pankaj Saran")]


@pytest.mark.parametrize(
    ("introduction", "later", "speaker"),
    [
        ("Dr. Manoj Narayanan runs the hospital.", "Narayanan", "Manoj Narayanan"),
        ("President Joe Biden signed the bill.", "Biden", "Joe Biden"),
        ("Britain’s King Charles III arrived in Paris.", "King Charles", "Charles III"),
        ("John Boyd, Jr., leads the association.", "Boyd", "John Boyd Jr."),
        ("Boeing named Robert “Kelly” Ortberg its chief.", "Ortberg", "Robert Kelly Ortberg"),
        ("Chief Economic Adviser V. Anantha Nageswaran spoke.", "Nageswaran",
         "V. Anantha Nageswaran"),
    ],
)
def test_titles_and_honorifics_are_stripped(introduction: str, later: str, speaker: str) -> None:
    text = f"{introduction}\n\n“We have work to do,” {later} said."
    assert quotes(text)[-1] == ("We have work to do,", speaker)


def test_organisation_short_form_maps_to_its_full_name() -> None:
    text = (
        "At least 113 journalists have died, according to the Committee to Protect "
        "Journalists (CPJ).\n\nThe CPJ said the attack “appears to be a direct strike.”"
    )
    assert quotes(text) == [("appears to be a direct strike.", "Committee to Protect Journalists")]


def test_unnamed_person_gives_no_speaker() -> None:
    text = "A spokesperson for the USDA said the department “has been working hard.”"
    assert quotes(text) == [("has been working hard.", None)]


def test_quote_only_paragraph_continues_the_previous_speaker() -> None:
    text = (
        "“The relationship is one of the constants,” Pankaj Saran, a former ambassador, "
        "stated.\n\n“The main pillars include defense and energy.”"
    )
    assert quotes(text) == [
        ("The relationship is one of the constants,", "Pankaj Saran"),
        ("The main pillars include defense and energy.", "Pankaj Saran"),
    ]


def test_quotation_carried_into_the_next_paragraph_is_one_mention_per_paragraph() -> None:
    text = (
        "“It can be dangerous,” boxer Caitlin Parker said. “But my focus is on the next "
        "fight.\n\n“Fairness is what it is all about.”"
    )
    assert quotes(text) == [
        ("It can be dangerous,", "Caitlin Parker"),
        ("But my focus is on the next fight.", "Caitlin Parker"),
        ("Fairness is what it is all about.", "Caitlin Parker"),
    ]


def test_second_quotation_of_a_paragraph_takes_the_first_ones_speaker() -> None:
    text = "“I am not here to judge,” Carini said. “It is not up to me to decide.”"
    assert quotes(text) == [
        ("I am not here to judge,", "Carini"),
        ("It is not up to me to decide.", "Carini"),
    ]


def test_a_titled_description_refers_to_the_person_given_that_title() -> None:
    text = (
        "President Joe Biden spoke on Sunday.\n\n"
        "“We extend our deepest condolences,” the president said."
    )
    assert quotes(text) == [("We extend our deepest condolences,", "Joe Biden")]


def test_the_agency_refers_to_the_last_organisation_named() -> None:
    text = (
        "The International Monetary Fund cut its forecast on Tuesday.\n\n"
        "The agency blamed services inflation for “holding up progress.”"
    )
    assert quotes(text) == [("holding up progress.", "International Monetary Fund")]


def test_descriptive_words_between_the_verb_and_the_name() -> None:
    text = "“Our thoughts are with them,” said state police commissioner Col. Christopher Paris."
    assert quotes(text) == [("Our thoughts are with them,", "Christopher Paris")]


def test_a_name_before_and_said_is_an_object_not_the_speaker() -> None:
    text = "Later a combat vet stopped Sweetland and said, “Brother, there is blood on your face.”"
    assert quotes(text) == [("Brother, there is blood on your face.", None)]


def test_quotation_after_an_attributed_sentence_in_its_paragraph() -> None:
    text = (
        "Joseph Meyn, a surgeon, told CNN he helped.\n\n"
        "Meyn said he looked back. “I saw a man in the bleachers.”"
    )
    assert quotes(text) == [("I saw a man in the bleachers.", "Joseph Meyn")]


def test_quotation_introduced_by_a_colon_takes_the_sentence_subject() -> None:
    text = "Ana Ruiz turned back to her rival’s words: “I am not the one who said it.”"
    assert quotes(text) == [("I am not the one who said it.", "Ana Ruiz")]


def test_attribution_after_a_quotation_that_ends_its_sentence() -> None:
    text = "“If you go back and listen to what he said. …” Biden said, laughing."
    assert quotes(text) == [("If you go back and listen to what he said. …", "Biden")]


def test_the_president_is_not_the_former_president() -> None:
    text = (
        "President Joe Biden spoke about former President Donald Trump on Monday.\n\n"
        "The president characterized the call as “very cordial.”"
    )
    assert quotes(text) == [("very cordial.", "Joe Biden")]


def test_an_organisation_never_named_takes_its_first_description() -> None:
    text = (
        "The dinner cost €475,000, according to accounts published by France’s public "
        "auditor.\n\nThe audit office is now the party pooper, warning that “efforts will be "
        "needed.”"
    )
    assert quotes(text) == [("efforts will be needed.", "France’s public auditor")]


def test_unnamed_person_in_the_lede_is_the_one_the_next_paragraph_names() -> None:
    text = (
        "A retired teacher in Ohio said she felt “lucky to be alive” after the storm.\n\n"
        "Mary Jones, 67, was asleep when the roof gave way."
    )
    assert quotes(text) == [("lucky to be alive", "Mary Jones")]


# -- words that nobody said ------------------------------------------------------------


def test_scare_quotes_and_names_have_no_speaker() -> None:
    text = (
        "In June, the court ended a legal doctrine known as “Chevron” after a long fight.\n\n"
        "The discrimination relief funds are available to “farmers and ranchers.”\n\n"
        "He removed the “PRESS” sign from the jacket."
    )
    assert quotes(text) == [
        ("Chevron", None),
        ("farmers and ranchers.", None),
        ("PRESS", None),
    ]


def test_quotation_in_a_subheading_has_no_speaker() -> None:
    text = "Ana Ruiz said nothing.\n\n### ‘Israel must stop killing journalists’\n\nMore text."
    assert quotes(text) == [("Israel must stop killing journalists", None)]


# -- offsets, bad input and speed ------------------------------------------------------


def test_offsets_index_the_whole_text_and_only_the_body_is_read() -> None:
    text = "“Headline quote” here\n\n“Body quote,” said Ana Ruiz."
    body = text.index("\n\n") + 2
    found = find_quotes(text, body, len(text))
    assert [(m.surface, m.start, m.speaker) for m in found] == [
        ("Body quote,", body + 1, "Ana Ruiz")
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(
        st.one_of(
            st.text(max_size=8),
            st.sampled_from(
                ["“", "”", "‘", "’", '"', "'", " said ", " he said", "Mr. ", "Ana Ruiz",
                 ", ", ". ", "\n", "\n\n", "### ", "(CPJ)", " according to ", "\u00a0"]
            ),
        ),
        max_size=40,
    ).map("".join)
)
def test_any_text_never_raises_and_every_offset_is_exact(text: str) -> None:
    for mention in find_quotes(text, 0, len(text)):
        assert text[mention.start : mention.end] == mention.surface


def test_megabytes_of_stray_marks_on_one_line_stay_fast() -> None:
    text = ("word “ said ’ Mr. X ‘ it’s \" ' , " * 160_000)[:5_000_000]
    began = time.process_time()
    find_quotes(text, 0, len(text))
    assert time.process_time() - began < 20


def test_thousands_of_quotations_in_one_paragraph_stay_linear() -> None:
    text = "“Hello,” said Ana Ruiz, and he said “no ‘way’” to Mr. Lee " * 4000
    began = time.process_time()
    found = find_quotes(text, 0, len(text))
    assert len(found) == 12000
    assert found[0].speaker == "Ana Ruiz"
    assert time.process_time() - began < 20
