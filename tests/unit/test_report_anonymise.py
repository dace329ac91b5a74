"""Candidate terms and consistent pseudonyms: names of any culture and length, titles, particles, possessives,
line breaks, addresses; places coarsened to regions; ordinary words, tools and months untouched."""

from synthesis.report.anonymise import Anonymiser, split_names
from synthesis.report.lexicon import Lexicon
from synthesis.report.terms import Term, find_terms

LEXICON = Lexicon(["Tallyline"])


def _found(*texts: str) -> dict[str, str]:
    return {t.text: t.kind for t in find_terms(list(texts), LEXICON).values()}


def _redact(*texts: str) -> list[str]:
    anonymiser = Anonymiser(LEXICON)
    anonymiser.alias("Priya Raman", "Respondent 1")
    anonymiser.person("Nadia Okoro", "interviewer")
    anonymiser.add_all(find_terms(list(texts), LEXICON).values())
    return [anonymiser.text(text) for text in texts]


def test_names_of_many_cultures_with_particles_and_diacritics_are_found() -> None:
    found = _found(
        "I report to Thandiwe Dlamini and Siobhán Ní Bhriain. Björn Sæther and Pieter van der Merwe agree.",
        "Then Ana de la Cruz called Eilidh MacDonald and Omar Al-Farsi about it.",
    )
    for name in (
        "Thandiwe Dlamini",
        "Siobhán Ní Bhriain",
        "Björn Sæther",
        "Pieter van der Merwe",
        "Ana de la Cruz",
        "Eilidh MacDonald",
        "Omar Al-Farsi",
    ):
        assert found.get(name) == "person", (name, found)
    assert "Then" not in found and "I" not in found


def test_titles_possessives_two_letter_names_and_line_breaks_are_redacted() -> None:
    texts = (
        "Dr. Okonkwo signs it; Mr. Haugstad agrees.",
        "Xiaoming Li joined last year. Li owns the warehouse and Okonkwo's team helps.",
        "You should ask Kwame\nMensah for the numbers; Kwame knows.",
    )
    redacted = _redact(*texts)
    joined = " ".join(redacted)
    for secret in ("Okonkwo", "Haugstad", "Xiaoming", "Kwame", "Mensah"):
        assert secret not in joined, (secret, redacted)
    assert " Li " not in f" {joined} " and "Li owns" not in joined
    assert "'s team" in redacted[1]
    assert redacted[2] == "You should ask [Name 4] for the numbers; [Name 4] knows."


def test_emails_urls_and_handles_lose_every_part() -> None:
    text = "Mail priya.raman@quillfeather.com or see https://quillfeather.com/team; I'm @chidi_ok on Slack."
    found = _found(text)
    assert found["priya.raman@quillfeather.com"] == "email"
    assert found["quillfeather"] == "company" and found["priya"] == "person"
    assert found["@chidi_ok"] == "handle"
    [redacted] = _redact(text)
    assert "quillfeather" not in redacted.casefold() and "chidi" not in redacted.casefold()
    assert "e-mail address" in redacted and "web address" in redacted and "Slack" in redacted


def test_places_become_regions_and_regions_stay() -> None:
    text = "We sell across North America from Lagos, and our Dublin office covers EMEA."
    found = _found(text)
    assert found == {"Lagos": "place", "Dublin": "place"}
    [redacted] = _redact(text)
    assert redacted == "We sell across North America from [Africa], and our [Europe] office covers EMEA."


def test_companies_after_at_and_single_rare_names() -> None:
    found = _found("At Tundra Freight we moved to Salesforce in April. Our admin, Nguyen, built it.")
    assert found == {"Tundra Freight": "company", "Nguyen": "name"}


def test_ordinary_words_tools_months_acronyms_and_the_client_are_kept() -> None:
    text = "Pipeline reviews on Monday in HubSpot and Gong; the CRO and two AEs at Tallyline agree. Grace."
    assert _found(text) == {}
    assert _redact(text) == [text]


def test_frequent_first_names_written_capitalised_mid_sentence_are_found() -> None:
    found = _found("It goes to Rachel, our CFO, then to our Head of Sales, but the rachel-free path is rare.")
    assert "Head" not in found and "Sales" not in found
    found = _found("Above that it goes to Rachel, our CFO.")
    assert found == {"Rachel": "name"}


def test_known_people_and_companies_get_consistent_pseudonyms() -> None:
    anonymiser = Anonymiser(LEXICON)
    anonymiser.alias("Priya Raman", "Respondent 1")
    assert anonymiser.company("Quillfield Software") == "Company A"
    assert anonymiser.company("Corvane") == "Company B"
    assert anonymiser.company("quillfield software") == "Company A"
    anonymiser.add(Term("Thandiwe Dlamini", "person"))
    assert anonymiser.add(Term("Thandiwe", "name")) == "Name 1"
    text = "Priya Raman said Quillfield is on Salesforce; Raman thanked Thandiwe."
    assert anonymiser.text(text) == (
        "[Respondent 1] said [Company A] is on Salesforce; [Respondent 1] thanked [Name 1]."
    )
    assert anonymiser.text("PRIYA RAMAN") == "Respondent 1"


def test_split_names_drops_affiliations() -> None:
    assert split_names("Nadia Okoro, Tom Lindqvist (Northpoint GTM)") == ["Nadia Okoro", "Tom Lindqvist"]
    assert split_names(None) == []


def test_ordinary_words_nationalities_and_communities_are_not_names() -> None:
    texts = (
        "Plus, the US team sells to us and the Canadian office in Toronto. We passed Cyber Essentials Plus.",
        "C-level buyers decide themselves; ten AEs plus two SDRs. I'm in Pavilion and Rachel runs it.",
    )
    found = _found(*texts)
    assert found["Pavilion"] == "company" and found["Canadian"] == "place"
    assert found["Cyber Essentials Plus"] == "name" and found["Rachel"] == "name"
    assert not {"Plus", "C-level", "themselves", "us"} & set(found)
    first, second = _redact(*texts)
    assert first == (
        "Plus, the [North America] team sells to us and the [North American] office in [North America]. "
        "We passed [Name 1]."
    )
    assert second == (
        "C-level buyers decide themselves; ten AEs plus two SDRs. I'm in [Company A] and [Name 2] runs it."
    )


def test_pseudonyms_share_one_style_bracketed_inside_text_and_bare_as_a_whole_field() -> None:
    anonymiser = Anonymiser(LEXICON)
    anonymiser.add(Term("Thandiwe Dlamini", "person"))
    anonymiser.add(Term("Okonkwo", "name"))
    assert anonymiser.text("Thandiwe Dlamini") == "Name 1"
    assert anonymiser.text("Reports to Okonkwo and Thandiwe.") == "Reports to [Name 2] and [Name 1]."
