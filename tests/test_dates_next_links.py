"""Dates, next meetings and links in the forms the contract's conventions name, with own examples."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from om_extract import extract_text
from om_extract.stages.dates import find_dates
from om_extract.stages.links import find_links


def _isos(text: str, year: int | None = 2024, meeting: str | None = None) -> list[str]:
    return [h.iso for h in find_dates(text, year, meeting)]


@pytest.mark.parametrize(("text", "want"), [
    ("Sitzung vom 03.02.21 im Rathaus", ["2021-02-03"]),
    ("Datum: 2018.11.05", ["2018-11-05"]),
    ("Dienstag, 12.3. ab 18 Uhr", ["2024-03-12"]),
    ("am Freitag, den 7. Juni 2024", ["2024-06-07"]),
    ("Klausur vom 5. bis 7. April", ["2024-04-05", "2024-04-07"]),
    ("Zeltlager 22.-24.08.2025", ["2025-08-22", "2025-08-24"]),
    ("Entwurf aus dem Protokoll KV 2023-07", ["2023-07"]),
    ("Termine im Jahr 2026: Wanderung am 9. und 10. Mai", ["2026-05-09", "2026-05-10"]),
    ("am Donnerstag, den 20. Feber 2025", ["2025-02-20"]),  # the Austrian month name
    ("Frist: 31. Jän. 2025, Sitzung am 14. Mrz. 2025", ["2025-01-31", "2025-03-14"]),  # abbreviated months
])
def test_date_forms(text: str, want: list[str]) -> None:
    assert _isos(text) == want


@pytest.mark.parametrize("text", [
    "Haushaltsjahr 2023-24 und Doppelhaushalt 2025-26",  # spans of years
    "irgendwann im Juli, Genaueres folgt",  # a month without a year
    "Unterlagen unter https://verein.example/2024-05-03/protokoll abrufbar",
    "siehe Datei protokoll_2024-05-03.pdf",
    "Das Geschäftsjahr beginnt am 1. Juli und endet am 30. Juni.",
    "Der Beitrag ist jeweils zum 15.03. fällig.",
    "3.1. Bericht der Kassenwartin",  # a section number at the line start
    "wie unter Punkt 2.4. beschrieben",
    "Beschlüsse VS 2024-06-01 und VS 2024-06-02 gelten ab sofort",  # a numbering run
])
def test_no_dates(text: str) -> None:
    assert _isos(text) == []


def test_dated_list_line_and_single_identifier_are_dates() -> None:
    assert _isos("03.10. Ausflug zum See") == ["2024-10-03"]
    assert _isos("wie im Protokoll KV 2023-11-14 festgehalten") == ["2023-11-14"]


def test_deadline_after_the_meeting_takes_the_next_year() -> None:
    assert _isos("Anträge bis 15.01. an den Vorstand", 2024, "2024-11-20") == ["2025-01-15"]
    assert _isos("Die Feier am 15.01. war schön", 2024, "2024-11-20") == ["2024-01-15"]
    listed = "Die nächsten Proben finden statt:\n\n- 8.1. um 19 Uhr\n- 5.2.\n"
    assert _isos(listed, 2024, "2024-12-02") == ["2025-01-08", "2025-02-05"]


_MINUTES = """# Protokoll der Vorstandssitzung des Turnvereins Lindenau

Datum: 12.11.2024

## TOP 1 Haushalt

Der Haushalt wird beraten. Die nächste Vorstandssitzung findet am 10.12.2024 um 19:00 Uhr statt.

## TOP 2 Termine

Das Sommerfest findet am 21.06.2025 statt. Anträge für die nächste Sitzung bitte bis zum 01.12.2024 einreichen.
Die Bürgerversammlung findet am 20.11.2024 statt. Die Turngala des Landesverbands ist am 3. Mai 2025.

Die nächsten Treffen der AG Hallenbelegung finden statt:

- 14.01. um 18 Uhr
- 11.02.2025

## TOP 3 Kasse

Der Kassenausschuss tritt das nächste Mal am 3. März 2025 zusammen. Die nächste Vorstandssitzung
(10.12.2024) wird die Kasse prüfen.
"""


def test_next_meetings_anywhere_but_not_events_or_deadlines() -> None:
    p = extract_text(_MINUTES, file="tv.md", model=None)
    assert [(m.date, m.start_time) for m in p.next_meetings] == [
        ("2024-12-10", "19:00"), ("2025-01-14", "18:00"), ("2025-02-11", None), ("2025-03-03", None)]
    assert {d.date for d in p.dates} >= {"2024-11-12", "2025-06-21", "2024-12-01", "2024-11-20", "2025-01-14"}


def test_next_meeting_in_a_decision_and_a_past_meeting() -> None:
    text = """# Protokoll der Mitgliederversammlung

Datum: 4. Mai 2025

## 1. Termin

Seit der letzten Mitgliederversammlung am 2. März 2025 hat sich viel getan.
Beschluss: Nächste Mitgliederversammlung am Samstag, 8. November 2025, 15 Uhr.
"""
    p = extract_text(text, file="mv.md", model=None)
    assert [(m.date, m.start_time) for m in p.next_meetings] == [("2025-11-08", "15:00")]


def _urls(text: str) -> list[str]:
    return [h.url for h in find_links(text)]


def test_links_as_targets_autolinks_and_bare_domains() -> None:
    text = ("Wiki: <https://wiki.ruderclub.example.ch/> und [Bericht](https://ruderclub.example.ch/b.pdf).\n"
            "[https://doku.example.de/a\\_b](https://doku.example.de/a_b) \\<[https://x.example.org/](https://x.example.org/)\\>\n"
            "Seit Vereinsseite.ch umgezogen ist, läuft mail.intern.example.de stabil. Mail an kasse@ruderclub.example.ch")
    assert _urls(text) == ["https://wiki.ruderclub.example.ch/", "https://ruderclub.example.ch/b.pdf",
                           "https://doku.example.de/a_b", "https://x.example.org/", "Vereinsseite.ch",
                           "mail.intern.example.de", "kasse@ruderclub.example.ch"]


def test_html_link_label_counts_once_and_site_chrome_and_images_do_not_count() -> None:
    html = ('<header><a href="https://stadt.example.de/">Start</a></header>'
            '<p>Siehe <a href="https://stadt.example.de/plan?v=2">https://stadt.example.de/plan</a>'
            ' und <img src="https://stadt.example.de/logo.png"> ![Karte](https://stadt.example.de/karte.png)</p>'
            '<footer><a href="https://stadt.example.de/druck?id=7">Druckansicht</a></footer>')
    assert _urls(html) == ["https://stadt.example.de/plan?v=2"]


def test_latex_url() -> None:
    assert _urls(r"Bericht: \url{https://verein.example.org/wiki/Datei:Bericht.pdf}.") == [
        "https://verein.example.org/wiki/Datei:Bericht.pdf"]


def _cpu_per_mb(text: str) -> float:
    """CPU seconds per MB of links and dates, the best of three runs (the least disturbed one)."""
    runs = []
    for _ in range(3):
        t0 = time.process_time()
        find_links(text)
        find_dates(text, 2024, "2024-05-01")
        runs.append(time.process_time() - t0)
    return min(runs) / len(text.encode("utf-8")) * 1_000_000


def test_broken_markup_costs_linear_time() -> None:
    """Unclosed tags, brackets and long lines without breaks once took minutes (quadratic scans).
    Bounded relative to ordinary minutes on the same machine (measured: 5× per MB), not in seconds."""
    junk = "<a href='x'>" * 3000 + "[" * 5000 + "<footer>" * 2000 + "1. 2. 3. " * 5000 + " 3.1. Bericht 5.5." * 2000
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    minutes = "\n".join(p.read_text(encoding="utf-8") for p in seeds) * 2  # about the size of the junk
    ratio = _cpu_per_mb(junk) / _cpu_per_mb(minutes)
    assert ratio <= 15, f"broken markup: {ratio:.1f}× the CPU per MB of ordinary minutes, over 15×"


def test_committee_meeting_announced_with_the_verb_after_the_date() -> None:
    """"dass der Bauausschuss am 4. März 2025 um 18.30 Uhr tagt": the dots of the date and the time end no
    sentence between the body and its verb; a committee of the council is a body of its own."""
    text = ("Niederschrift über die Sitzung des Gemeinderates\n\n1. Allfälliges\n\n"
            "Der Bürgermeister teilt mit, dass der Bauausschuss am 4. März 2025 um 18.30 Uhr tagt. "
            "Der Faschingsumzug findet am 2. März 2025 statt.\n")
    p = extract_text(text, file="gr.txt", model=None)
    assert [(m.date, m.start_time, m.body) for m in p.next_meetings] == [("2025-03-04", "18:30", "Bauausschuss")]


def test_an_item_deferred_to_a_dated_sitting_announces_it() -> None:
    text = ("Niederschrift über die Sitzung der Bezirksvertretung\n\n1. Querungshilfe\n\n"
            "Die Bezirksvertretung vertagt den Punkt auf die Sitzung am 14.01.2025.\n\n"
            "2. Verschiedenes\n\nDie Frist für Anträge endet am 10.01.2025.\n")
    p = extract_text(text, file="bv.txt", model=None)
    assert [m.date for m in p.next_meetings] == ["2025-01-14"]


def test_a_festivity_beside_the_next_meeting_in_one_sentence_is_no_meeting() -> None:
    p = extract_text("Protokoll der Vorstandssitzung\nDatum: 14.03.2025\n\nTOP 1: Termine\nTermine: Sommerfest 5.7.2025; "
                     "nächste Vorstandssitzung 8.4.2025; Mitgliederversammlung 14.3.2026\n", file="x.txt", model=None)
    assert [(n.date, n.body) for n in p.next_meetings] == [("2025-04-08", "Vorstand"), ("2026-03-14", "Mitgliederversammlung")]
