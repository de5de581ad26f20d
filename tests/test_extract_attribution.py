"""Quote attribution (claims.extract.attribution): sources, cues, positions, pronouns, null.

Every sentence here was written for these tests; none comes from the dev set.
"""

from __future__ import annotations

from claims.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    """(surface, speaker) of every quotation in `text`."""
    return [(m.surface, m.speaker) for m in find_quotes(text, 0, len(text))]


def cues(text: str) -> list[str | None]:
    """The cue words of every quotation in `text`, as text (None where there is no cue)."""
    found = find_quotes(text, 0, len(text))
    return [text[m.speaker_cue.start : m.speaker_cue.end] if m.speaker_cue else None
            for m in found]


# -- cues --------------------------------------------------------------------------------


def test_cue_is_the_verb_before_the_quotation() -> None:
    text = "The mayor, Ana Ruiz, said: “The bridge reopens in May.”"
    assert cues(text) == ["said"]


def test_cue_takes_the_outlet_after_told() -> None:
    text = "“We are not leaving,” Tomas Berg told Reuters on Sunday."
    assert cues(text) == ["told Reuters"]
    assert speakers(text) == [("We are not leaving,", "Tomas Berg")]


def test_cue_takes_the_medium_after_the_verb() -> None:
    text = "“The plant will close,” Helga Marsh wrote in a letter to staff."
    assert cues(text) == ["wrote in a letter"]


def test_cue_of_according_to() -> None:
    text = "Rents rose “faster than wages,” according to Priya Nair, an economist."
    assert speakers(text) == [("faster than wages,", "Priya Nair")]
    assert cues(text) == ["according to"]


def test_no_cue_for_a_scare_quote() -> None:
    text = "The so-called “miracle cure” was sold online for years."
    assert speakers(text) == [("miracle cure", None)]
    assert cues(text) == [None]


def test_cue_offsets_index_the_whole_text() -> None:
    text = "Intro line.\n\n“Prices will fall,” said Omar Haddad."
    (mention,) = find_quotes(text, 0, len(text))
    assert mention.speaker_cue is not None
    assert text[mention.speaker_cue.start : mention.speaker_cue.end] == "said"
    assert mention.to_dict()["speaker_cue"] == {"start": text.index("said"),
                                                "end": text.index("said") + 4}


def test_speaker_cue_is_only_emitted_for_quotes() -> None:
    from claims.extract.types import Mention

    assert "speaker_cue" not in Mention("count", "3", 0, 1, value=3).to_dict()
    assert Mention("quote", "x", 0, 1).to_dict()["speaker_cue"] is None


# -- organisations and bodies as sources ---------------------------------------------------


def test_a_body_named_by_a_common_noun_takes_its_fuller_description() -> None:
    text = (
        "Visitors now pay a fee set by the town of Ardmore.\n\n"
        "“The fee has cut queues,” the town said in a statement."
    )
    assert speakers(text) == [("The fee has cut queues,", "town of Ardmore")]
    assert cues(text) == ["said in a statement"]


def test_a_described_embassy_speaks_for_itself() -> None:
    text = "On Monday, the Kenyan embassy in Oslo said it had “no record of the visa.”"
    assert speakers(text) == [("no record of the visa.", "Kenyan embassy in Oslo")]


def test_the_latest_fuller_description_wins() -> None:
    text = (
        "Peru’s embassy in Rome issued a warning. Later, Chile’s embassy in Lima did too.\n\n"
        "“Travellers should carry cash,” the embassy said."
    )
    assert speakers(text) == [("Travellers should carry cash,", "Chile’s embassy in Lima")]


def test_police_said() -> None:
    text = "“Two men were detained,” police said."
    assert speakers(text) == [("Two men were detained,", "police")]


def test_a_release_speaks_for_who_issued_it() -> None:
    text = "“The tests went well,” said a press release from the Coast Guard, which ran them."
    assert speakers(text) == [("The tests went well,", "Coast Guard")]


def test_according_to_data_from_a_body() -> None:
    text = "Some 400 homes were listed as “empty,” according to data released by the city of Tarn."
    assert speakers(text) == [("empty,", "city of Tarn")]


def test_the_statement_continues_its_earlier_source() -> None:
    text = (
        "In a statement, the union leader Dara Quinn said: “We will strike on Friday.”\n\n"
        "“Nobody wants this,” the statement continued."
    )
    assert speakers(text) == [("We will strike on Friday.", "Dara Quinn"),
                              ("Nobody wants this,", "Dara Quinn")]


def test_her_reply_is_hers() -> None:
    text = (
        "Lena Ortiz did not answer questions at first.\n\n"
        "“I cannot comment on the case,” her reply said."
    )
    assert speakers(text) == [("I cannot comment on the case,", "Lena Ortiz")]


def test_a_lawsuit_names_no_speaker() -> None:
    text = "The lawsuit says the firm acted with “reckless disregard.”"
    assert speakers(text) == [("reckless disregard.", None)]


def test_a_scare_quote_whose_sentence_subject_is_a_body() -> None:
    text = (
        "The Royal Navy moved two ships north.\n\n"
        "The navy called the strait a “safe corridor” on Tuesday."
    )
    assert speakers(text) == [("safe corridor", "Royal Navy")]


# -- null: unnamed people ---------------------------------------------------------------------


def test_a_nationality_before_a_group_of_people_is_not_a_speaker() -> None:
    text = "Spanish investigators said the man was “a courier, not an organiser.”"
    assert speakers(text) == [("a courier, not an organiser.", None)]


def test_a_judges_order_names_no_speaker() -> None:
    text = "The money was “likely spent,” the judge’s order said."
    assert speakers(text) == [("likely spent,", None)]


# -- pronouns: agreement -----------------------------------------------------------------------


def test_he_is_the_person_not_the_country_before_him() -> None:
    text = (
        "Poland raised its budget, and Finance Minister Adam Wolski defended the plan.\n\n"
        "“We have no choice,” he said."
    )
    assert speakers(text) == [("We have no choice,", "Adam Wolski")]


def test_he_after_a_sentence_whose_subject_is_a_plural_noun() -> None:
    text = (
        "Kira Vance is an economist.\n\n"
        "Surveys of farm workers could show their continued weight in output, Vance said.\n\n"
        "“Wages are rising,” she said."
    )
    assert speakers(text) == [("Wages are rising,", "Kira Vance")]


def test_a_country_alone_is_no_antecedent_for_she() -> None:
    text = "Norway raised the fuel levy this spring.\n\n“It was needed,” she said."
    assert speakers(text) == [("It was needed,", None)]


def test_she_refers_to_the_possessive_person_opening_the_story() -> None:
    text = (
        "Nadia Brook’s savings vanished overnight last year.\n\n"
        "“I could not sleep,” she told reporters."
    )
    assert speakers(text) == [("I could not sleep,", "Nadia Brook")]


def test_a_contracted_pronoun_keeps_the_same_person() -> None:
    text = (
        "“It was hard,” said Piet Smit, a young farmer. He’s now back on the farm.\n\n"
        "“I would do it again,” he said."
    )
    assert speakers(text) == [("It was hard,", "Piet Smit"), ("I would do it again,", "Piet Smit")]


# -- positions -----------------------------------------------------------------------------------


def test_speaker_after_the_quote_with_an_appositive_and_a_dotted_rank() -> None:
    text = "“Drills keep us sharp,” Navy Rear Adm. Lucy Hart, the task force commander, said."
    assert speakers(text) == [("Drills keep us sharp,", "Lucy Hart")]


def test_who_refers_to_the_name_before_the_dash() -> None:
    text = "The vote could change if Mayor Elena Fox – who has said she would “start over” – wins."
    assert speakers(text) == [("start over", "Elena Fox")]


def test_every_quotation_before_an_inverted_cue_takes_its_subject() -> None:
    text = (
        "Prices have risen since the board “lost its nerve” in spring, leaving savers to "
        "“fend for themselves,” said Ivo Marek, a fund manager."
    )
    assert speakers(text) == [("lost its nerve", "Ivo Marek"),
                              ("fend for themselves,", "Ivo Marek")]


def test_a_connective_before_a_quote_continues_the_paragraphs_speaker() -> None:
    text = "“We were slow,” Rosa Lind said. However, “we have learned a lot.”"
    assert speakers(text) == [("We were slow,", "Rosa Lind"),
                              ("we have learned a lot.", "Rosa Lind")]


def test_a_quote_inside_a_narrative_sentence_is_not_carried_over() -> None:
    text = "“We were slow,” Rosa Lind said. The report called it “a lost year.”"
    assert speakers(text)[1] == ("a lost year.", None)


def test_she_in_the_same_sentence_as_a_possessive_name() -> None:
    text = (
        "Mara Holt’s shop flooded when she was away.\n\n"
        "“I lost everything,” she told CNN. “Even the photos.”"
    )
    assert speakers(text) == [("I lost everything,", "Mara Holt"),
                              ("Even the photos.", "Mara Holt")]


def test_the_cue_stops_before_the_full_stop() -> None:
    assert cues("“It is done,” Ana Ruiz told CNN.") == ["told CNN"]


# -- names --------------------------------------------------------------------------------------


def test_a_name_with_two_particles() -> None:
    text = "“Rates will hold,” Governor Ana Maria de la Vega said on Monday."
    assert speakers(text) == [("Rates will hold,", "Ana Maria de la Vega")]


def test_a_first_name_takes_the_surname_it_shares_with_a_partner() -> None:
    text = (
        "Lucy and Mark Tanner, who run the bakery, lost their savings.\n\n"
        "“We trusted them,” Lucy said."
    )
    assert speakers(text) == [("We trusted them,", "Lucy Tanner")]


def test_a_capitalised_saying_inside_a_quote_has_no_speaker() -> None:
    text = "“The plan is the ‘Emperor’s New Clothes’ of policy,” said Ruth Adler."
    assert speakers(text) == [("The plan is the ‘Emperor’s New Clothes’ of policy,", "Ruth Adler"),
                              ("Emperor’s New Clothes", None)]


def test_a_scare_quote_inside_a_quote_keeps_the_outer_speaker() -> None:
    text = "“They treat us as the ‘enemy’ now,” said Ruth Adler."
    assert speakers(text) == [("They treat us as the ‘enemy’ now,", "Ruth Adler"),
                              ("enemy", "Ruth Adler")]


def test_an_inverted_cue_after_a_clause_comma_takes_the_name_after_it() -> None:
    text = "Markets fell after the bank “lost control” of its costs in Spain, said Ivo Marek."
    assert speakers(text) == [("lost control", "Ivo Marek")]


def test_told_after_a_comma_keeps_its_subject_before() -> None:
    text = "“It was planned,” Ana Ruiz, the port director, told Reuters."
    assert speakers(text) == [("It was planned,", "Ana Ruiz")]


def test_said_in_an_email_after_an_appositive() -> None:
    text = "“It helps,” Dr. Lena Park, a surgeon at City Hospital, said in an email."
    assert speakers(text) == [("It helps,", "Lena Park")]
    assert cues(text) == ["said in an email"]


def test_narrow_no_break_spaces_count_as_spaces() -> None:
    text = "Costs rose after the mayor\u202f“changed course” in June,\u202fsaid Ivo Marek."
    assert speakers(text) == [("changed course", "Ivo Marek")]


def test_an_office_to_a_body_before_the_name() -> None:
    text = (
        "At the summit, Britain’s Ambassador to the UN Sara Holm raised the case. "
        "“He must be freed,” she said."
    )
    assert speakers(text) == [("He must be freed,", "Sara Holm")]


def test_a_title_repeated_after_the_name_is_dropped() -> None:
    text = "At the summit, Sara Holm Ambassador raised the case. “He must be freed,” she said."
    assert speakers(text) == [("He must be freed,", "Sara Holm")]


def test_a_possessive_object_is_not_the_antecedent() -> None:
    text = "The panel discussed Omar Haddad’s case on Monday. “It is unjust,” she said."
    assert speakers(text) == [("It is unjust,", None)]


def test_a_role_description_refers_to_the_person_named_with_that_role() -> None:
    text = (
        "“We will appeal,” the union’s lawyer said on Monday.\n\n"
        "The filing was signed by lawyer Hana Sato, who has led the case since May."
    )
    assert speakers(text) == [("We will appeal,", "Hana Sato")]


def test_a_role_shared_by_two_named_people_names_no_one() -> None:
    text = (
        "Lawyer Hana Sato and lawyer Ben Ortiz filed the case.\n\n"
        "“We will appeal,” the lawyer said."
    )
    assert speakers(text) == [("We will appeal,", None)]


def test_a_quote_only_paragraph_after_a_paragraph_about_one_person() -> None:
    text = (
        "Lea Moreau, 31, served two years in the reserve. Like Dupont, she calls it a duty.\n\n"
        "“Nobody else will defend the country for us.”"
    )
    assert speakers(text) == [("Nobody else will defend the country for us.", "Lea Moreau")]


def test_a_quote_only_paragraph_after_a_paragraph_about_a_country_has_no_speaker() -> None:
    text = (
        "Norway doubled its defence budget this year.\n\n"
        "“Nobody else will defend the country for us.”"
    )
    assert speakers(text) == [("Nobody else will defend the country for us.", None)]


def test_she_before_the_speaker_is_introduced_in_the_next_paragraph() -> None:
    text = (
        "Finland called up 20,000 people in 2024.\n\n"
        "Since then, “attitudes have shifted,” she said.\n\n"
        "“Service is seen as normal,” said Aino Virtanen, a spokeswoman for the agency."
    )
    assert speakers(text) == [("attitudes have shifted,", "Aino Virtanen"),
                              ("Service is seen as normal,", "Aino Virtanen")]
    assert cues(text)[0] == "said"


def test_she_refers_back_past_a_country_to_a_person_named_before() -> None:
    text = (
        "Aino Virtanen runs the agency. Finland called up 20,000 people in 2024.\n\n"
        "Since then, “attitudes have shifted,” she said.\n\n"
        "“Service is seen as normal,” said Aino Virtanen."
    )
    assert speakers(text)[0] == ("attitudes have shifted,", "Aino Virtanen")


# -- more bodies, documents and offices ----------------------------------------------------------


def test_the_company_is_the_body_the_text_was_about() -> None:
    text = "Nordfrakt reported a loss on Tuesday.\n\n“We are cutting costs,” the company said."
    assert speakers(text) == [("We are cutting costs,", "Nordfrakt")]


def test_the_military_is_the_armed_force_named_before() -> None:
    text = (
        "The Kenya Defence Forces said it had moved troops north.\n\n"
        "The military called the strip a “buffer area.”"
    )
    assert speakers(text) == [("buffer area.", "Kenya Defence Forces")]


def test_the_company_is_never_a_person() -> None:
    text = "Ann Lee runs the bakery. “We grew,” the company said."
    assert speakers(text) == [("We grew,", "company")]


def test_according_to_opening_a_sentence() -> None:
    text = "According to Ann Lee, the plan is “dead.”"
    assert speakers(text) == [("dead.", "Ann Lee")]
    assert cues(text) == ["According to"]


def test_according_to_a_report_by_a_named_body() -> None:
    text = (
        "A report by the Sahel Water Trust came out on Monday. "
        "According to the report, the scheme was “a failure.”"
    )
    assert speakers(text) == [("a failure.", "Sahel Water Trust")]


def test_a_report_with_no_named_author_names_no_speaker() -> None:
    text = "According to the report, the scheme was “a failure.”"
    assert speakers(text) == [("a failure.", None)]


def test_an_office_then_who_holds_it_after_the_verb() -> None:
    text = "“We are ready,” said the mayor of Tartu, Urmas Klaas."
    assert speakers(text) == [("We are ready,", "Urmas Klaas")]


def test_the_seed_article_writes_a_cue_for_every_quote_and_only_for_quotes() -> None:
    from datetime import date
    from pathlib import Path

    from claims.extract import extract_claims

    text = (Path(__file__).parent.parent / "fixtures/seed/modi_putin_moscow.txt").read_text(
        encoding="utf-8")
    mentions = [m.to_dict() for c in extract_claims(text, date(2024, 7, 8)) for m in c.mentions]
    quotes = [m for m in mentions if m["kind"] == "quote"]
    assert quotes and all("speaker_cue" in m for m in quotes)
    assert all("speaker_cue" not in m for m in mentions if m["kind"] != "quote")
    for m in quotes:
        cue = m["speaker_cue"]
        assert (cue is None) == (m["speaker"] is None)
        if cue is not None:
            assert text[cue["start"] : cue["end"]].split()[0] in {
                "said", "says", "stated", "told", "posted", "calling", "telling", "added", "wrote"}


# -- held-out review: an organisation and a role before the person ---------------------------


def test_an_organisation_and_role_before_the_name_give_the_person() -> None:
    text = (
        "The clinic ran out of beds, the Harbor Medical Trust said.\n\n"
        "“We turned families away at midnight,” said Harbor Trust nurse Odile Fenwick. "
        "“That has never happened before.”\n\n"
        "“We need more cots,” said UNHCR spokesperson Tariq Boone.\n\n"
        "“Prices will rise,” said Lumen Corp. CEO Ingrid Salo."
    )
    assert speakers(text) == [
        ("We turned families away at midnight,", "Odile Fenwick"),
        ("That has never happened before.", "Odile Fenwick"),
        ("We need more cots,", "Tariq Boone"),
        ("Prices will rise,", "Ingrid Salo"),
    ]


def test_a_quote_only_paragraph_continues_the_role_holder() -> None:
    text = (
        "“The water came in an hour,” said Riverside Shelter volunteer Mateo Grieg.\n\n"
        "“Nobody had time to pack.”"
    )
    assert speakers(text) == [
        ("The water came in an hour,", "Mateo Grieg"),
        ("Nobody had time to pack.", "Mateo Grieg"),
    ]


# -- held-out review: an unnamed person described by party or rank ---------------------------


def test_an_unnamed_party_member_gives_no_speaker_nor_to_the_continuation() -> None:
    text = (
        "The budget vote failed late on Tuesday.\n\n"
        "“We knew it would collapse,” one Labour councillor, who asked not to be named, "
        "said after the meeting. “The numbers were never there.”\n\n"
        "“Nobody wanted to admit it.”"
    )
    assert speakers(text) == [
        ("We knew it would collapse,", None),
        ("The numbers were never there.", None),
        ("Nobody wanted to admit it.", None),
    ]


def test_an_indefinite_aide_after_the_verb_gives_no_speaker() -> None:
    text = "“The deal is dead,” said a Conservative aide. “It was dead last week.”"
    assert speakers(text) == [("The deal is dead,", None), ("It was dead last week.", None)]


def test_a_party_role_before_a_full_name_still_gives_the_name() -> None:
    text = "“The deal is dead,” said Conservative aide Rhys Tolland."
    assert speakers(text) == [("The deal is dead,", "Rhys Tolland")]


# -- held-out review: "she called it “…”" after a place governed by "outside" ----------------


def test_called_it_with_a_pronoun_after_a_place_outside_which_she_spoke() -> None:
    text = (
        "Mayor Dana Pruitt, who had opposed an earlier plan, welcomed the order. "
        "Speaking outside the Statehouse shortly after 3 p.m., she called it “long overdue.”"
    )
    assert speakers(text) == [("long overdue.", "Dana Pruitt")]
    assert cues(text) == ["called"]


def test_called_the_move_with_a_pronoun_is_a_cue() -> None:
    text = (
        "Coach Ivo Brandt watched the replays twice. "
        "Standing outside City Hall, he called the move “unacceptable.”"
    )
    assert speakers(text) == [("unacceptable.", "Ivo Brandt")]


# -- held-out review: a document with a named author ----------------------------------------


def test_a_document_written_by_a_named_person_gives_the_author() -> None:
    text = (
        "The appeals court struck down the ordinance on Friday. The 40-page ruling, written "
        "by Judge Omar Patel, said the fees were “plainly arbitrary.”"
    )
    assert speakers(text) == [("plainly arbitrary.", "Omar Patel")]


def test_an_opinion_by_a_named_person_found_that() -> None:
    text = (
        "An opinion by Justice Rosa Lindqvist found that the county had acted "
        "“with no lawful basis.”"
    )
    assert speakers(text) == [("with no lawful basis.", "Rosa Lindqvist")]


def test_a_report_written_by_an_economist_concluded_that() -> None:
    text = "The report, written by economist Lena Horvath, concluded that growth was “fragile.”"
    assert speakers(text) == [("fragile.", "Lena Horvath")]


def test_the_quoted_wording_of_a_rule_after_an_authors_finding_has_no_speaker() -> None:
    text = (
        "The ruling, written by Judge Omar Patel, found that the board ignored evidence "
        "“at every step” and breached the charter’s requirement that fees be “reasonable.”"
    )
    assert speakers(text) == [("at every step", "Omar Patel"), ("reasonable.", None)]
