"""Consistent pseudonyms, also inside quotes, without touching ordinary words, tools or months."""

from synthesis.report.anonymise import Anonymiser, split_names

CORPUS = ["we will mark the deal in april", "and then the forecast call"]


def _anonymiser() -> Anonymiser:
    anonymiser = Anonymiser(CORPUS, keep=["Salesforce", "Gong", "Tallyline"])
    anonymiser.alias("Priya Raman", "Respondent 1")
    anonymiser.person("Nadia Okoro", "Interviewer")
    return anonymiser


def test_known_people_and_companies_get_consistent_pseudonyms() -> None:
    anonymiser = _anonymiser()
    assert anonymiser.company("Quillfield Software") == "Company A"
    assert anonymiser.company("Corvane") == "Company B"
    assert anonymiser.company("quillfield software") == "Company A"
    text = "Priya Raman said Quillfield is on Salesforce; Raman thanked Nadia."
    assert anonymiser.text(text, quoted=True) == (
        "[Respondent 1] said [Company A] is on Salesforce; [Respondent 1] thanked [Interviewer 1]."
    )
    assert anonymiser.text("PRIYA RAMAN") == "Respondent 1"


def test_people_mentioned_in_quotes_are_found_with_their_surnames() -> None:
    anonymiser = _anonymiser()
    assert anonymiser.text("Elaine wants it.") == "Person 1 wants it."
    assert anonymiser.text("I report to Elaine Cho, our VP.") == "I report to Person 1, our VP."
    assert (
        anonymiser.text("Then Anja reads G2 and Gong.", quoted=True) == "Then [Person 2] reads G2 and Gong."
    )
    assert anonymiser.text("Will Ben Alvarez sign in April?") == "Will Person 3 sign in April?"
    assert anonymiser.text("Tallyline and Salesforce on Monday") == "Tallyline and Salesforce on Monday"


def test_split_names_drops_affiliations() -> None:
    assert split_names("Nadia Okoro, Tom Lindqvist (Northpoint GTM)") == ["Nadia Okoro", "Tom Lindqvist"]
    assert split_names(None) == []
