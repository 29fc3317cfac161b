"""Stage tests on small hand-written snippets (not taken from the seeds)."""

import pytest

from om_extract.names import find_names
from om_extract.stages.dates import find_dates
from om_extract.stages.links import find_links
from om_extract.text import squash
from om_extract.timeparse import time_range


@pytest.mark.parametrize(("text", "iso"), [
    ("am 3. März 2023", "2023-03-03"),
    ("Termin: 07 Mai 2024", "2024-05-07"),
    ("bis 31.12.2019", "2019-12-31"),
    ("am 05.06. geht es weiter", "2025-06-05"),
    ("Start Anfang Oktober 2026", "2026-10"),
    ("am 2.11. 2024 statt", "2024-11-02"),
])
def test_date_forms(text: str, iso: str) -> None:
    hits = find_dates(text, 2025)
    assert [h.iso for h in hits] == [iso]


def test_date_pair_and_year_only() -> None:
    assert [h.iso for h in find_dates("am 4. und 5. Juli, nicht 2020", 2021)] == ["2021-07-04", "2021-07-05"]
    assert find_dates("bis Ende 2021 und im Frühjahr 2022", 2021) == []


@pytest.mark.parametrize(("text", "want"), [
    ("14:30 - 16:00 Uhr", ("14:30", "16:00")),
    ("von 9 Uhr bis 12 Uhr", ("09:00", "12:00")),
    ("10 Uhr 45", ("10:45", None)),
    ("0930Uhr", ("09:30", None)),
])
def test_times(text: str, want: tuple) -> None:
    assert time_range(text) == want


def test_names_with_salutations_and_titles() -> None:
    text = "Frau Dr. Brunnhuber (Muster-Verband) und Hr. Prof. Probst sowie Katharina Lindqvist berichten."
    got = [(n.title, n.first, n.last) for n in find_names(text)]
    assert got == [("Dr.", None, "Brunnhuber"), ("Prof.", None, "Probst"), (None, "Katharina", "Lindqvist")]


def test_links_joined_across_lines_and_deduplicated() -> None:
    text = "Kontakt: info-\nstelle@verein-beispiel.de oder https://www.verein-beispiel.de/x und www.verein-beispiel.de/x"
    links = find_links(text)
    assert [(x.url, x.kind) for x in links] == [
        ("info-stelle@verein-beispiel.de", "email"), ("https://www.verein-beispiel.de/x", "url")]


def test_squash_joins_hyphenation() -> None:
    assert squash("Gesund-\nheit und Kranken-\nund Pflege-\nKasse") == "Gesundheit und Kranken- und Pflege-Kasse"


def test_register_entries_are_well_formed() -> None:
    """Every register entry parses to a name and kind; a comma in a flow-style name must be quoted."""
    import yaml

    from om_extract.rules import rules_dir

    raw = yaml.safe_load((rules_dir() / "organizations.yaml").read_text(encoding="utf-8"))
    for entry in raw:
        assert set(entry) <= {"name", "abbreviation", "kind", "variants", "umbrella"}, entry
        assert entry["kind"] in ("internal", "external")


def test_attendance_list_names_unknown_first_names() -> None:
    from om_extract import extract_text

    text = ("Protokoll\n\nTeilnehmer: Xandor Pilz, Dr. Ute Kranich (Stadtwerke), Mia Ihm\n"
            "plus 4 weitere\n\n1. Start\n\nText.\n\n2. Ende\n\nText.\n")
    p = extract_text(text, model=None)
    assert [(x.name, x.organization) for x in p.participants] == [
        ("Xandor Pilz", None), ("Ute Kranich", "Stadtwerke"), ("Mia Ihm", None)]
    assert p.meeting.participant_count == 7


def test_presenters_listed_after_colon_and_in_wrapped_sentence() -> None:
    from om_extract import extract_text

    text = ("Protokoll \n\nTagesordnung \n\n1. Team \n2. Ende \n\n\n\n1. Team \n\n"
            "Die neuen Kolleginnen stellen sich vor: \n\n Jana Vogt \n Lena Brück \n\n"
            "Prof. Dr. Karl Wendt (Institut für \nArbeit) stellt den Plan des \n\nInstituts vor. \n\n2. Ende \n\nNichts. \n")
    p = extract_text(text, model=None)
    assert [x.name for x in p.sections[0].presenters] == ["Jana Vogt", "Lena Brück", "Karl Wendt"]
