"""Meeting card and attendance, one capability per test, on small invented minutes."""

from __future__ import annotations

import pytest

from om_extract.models import Protocol
from om_extract.pipeline import extract_text


def _read(text: str, name: str = "x.md") -> Protocol:
    return extract_text(text, name, model=None)


def _names(p: Protocol) -> list[str]:
    return [x.name for x in p.participants]


def test_definition_list_card_and_groups_of_handles() -> None:
    p = _read("""Title: Gründungsprotokoll Funkverein Nord

## Ort, Zeit

Ort
: Gemeindesaal Moosbach, Lindenweg 4, Moosbach

Zeit
: Fr, 7. März 2014, 19:00-21:40 (mit Pause)

## Gründungsmitglieder

Moosbach
: Funkclub Moosbach (kiwi, Bertram)

Talheim
: Zusätzlich zu den Vereinsmitgliedern: zwo3, Hedda u. a.

## Wahl Vorstand

Der Vorstand wird gewählt.
""")
    m = p.meeting
    assert (m.title, m.date, m.start_time, m.end_time) == ("Gründungsprotokoll Funkverein Nord", "2014-03-07",
                                                          "19:00", "21:40")
    assert m.location == "Gemeindesaal Moosbach, Lindenweg 4, Moosbach"
    assert _names(p) == ["kiwi", "Bertram", "zwo3", "Hedda"]
    assert m.participant_count is None  # "u. a.": unnamed others, no number stated


def test_bold_keys_without_colon_two_digit_year_and_president_opening() -> None:
    p = _read("""# Protokoll Generalversammlung Segelclub Wellenreiter

## Anwesend

Total Stimmenzahl: 14 Stimmen

## Ort und Zeit

*Eröffnet durch Präsidentin Carla Imhof*

**Ort** Clubhaus am See
**Tag:** 12.04.18
**Zeit:** 19:05 bis 21:10

## Traktanden

### Wahl Protokollführer

* *Jonas Berger wurde einstimmig als Protokollführer bestimmt*
""")
    m = p.meeting
    assert (m.body, m.date, m.start_time, m.end_time) == ("Generalversammlung", "2018-04-12", "19:05", "21:10")
    assert m.location == "Clubhaus am See"
    assert (m.moderator, m.minute_taker, m.participant_count) == ("Carla Imhof", "Jonas Berger", 14)


def test_front_matter_author_initials_and_dotted_date() -> None:
    p = _read("""Title: Vollversammlung Fachschaft Chemie
Date: 2019.11.05
Anwesend: Tobias Lenz, Mira Okafor, Paul Seidel
Abwesend:
Time: 16:15
Location: Raum C2, Hörsaalgebäude
Author: ml

- Moderation der Vollversammlung: **Mira Okafor** & **Paul Seidel**

## Bericht

Tobias Lenz berichtet.
""")
    m = p.meeting
    assert (m.date, m.start_time, m.location) == ("2019-11-05", "16:15", "Raum C2, Hörsaalgebäude")
    assert (m.moderator, m.participant_count) == ("Mira Okafor", 3)
    assert m.minute_taker is None  # "ml" fits nobody listed


def test_author_initials_resolve_to_the_one_listed_person() -> None:
    p = _read("""Title: Sitzung Fachschaft Physik
Date: 2020-01-14
Anwesend: Lea Kranz, Tim Vogt
Author: tv

## Kasse

Lea Kranz berichtet.
""")
    assert p.meeting.minute_taker == "Tim Vogt"


def test_start_end_line_with_bare_four_digit_time_and_handles() -> None:
    p = _read("""Protokoll Hackspace Plenum 2021-06-02
=====================================

Formalia
--------

Sitzungsleitung: Ronja
Anwesende: Ronja, Mats, x3no, q_bert,
Ida, Viktor
Protokoll: Mats
Start-Ende: 1907—21:02

Drucker
-------

- Ronja kümmert sich.
""")
    m = p.meeting
    assert (m.date, m.start_time, m.end_time) == ("2021-06-02", "19:07", "21:02")
    assert (m.moderator, m.minute_taker, m.participant_count) == ("Ronja", "Mats", 6)
    assert _names(p) == ["Ronja", "Mats", "x3no", "q_bert", "Ida", "Viktor"]


def test_roman_number_place_before_date_and_excused_members() -> None:
    p = _read(r"""Protokoll der VII. Jahresversammlung des Alpenvereins Talgrund
======
Gasthof Sonne, Oberried, 14.05.2011

# Allgemeines

## Anwesende Mitglieder (4)
  - \[t\]anja, bergfex, Lukas Ritter, Moni

## Entschuldigte Mitglieder (2)
  - alle im Urlaub: Hanno, gipfel\_kurt

# Traktanden

## 1. Begrüssung

Der Präsident begrüsst.
""")
    m = p.meeting
    assert (m.number, m.date, m.location, m.participant_count) == (4 + 3, "2011-05-14", "Gasthof Sonne, Oberried", 4)
    assert _names(p) == ["[t]anja", "bergfex", "Lukas Ritter", "Moni"]
    assert {"Hanno", "gipfel_kurt"} <= {x.name for x in p.persons}


def test_board_list_over_bullets_with_unnamed_guests_has_no_count() -> None:
    p = _read("""---
title: "Protokoll der Vorstandssitzung am 03.02.2022"
---

Anwesende Vorstände:

* Henrike Falk
* Oskar Brandl

Beginn: 19:00 Uhr

Ende: 20:15 Uhr

## 1. Begrüßung

Henrike begrüßt die zahlreichen Gäste.
""")
    m = p.meeting
    assert (m.title, m.body, m.start_time, m.end_time) == (
        "Protokoll der Vorstandssitzung am 03.02.2022", "Vorstand", "19:00", "20:15")
    assert _names(p) == ["Henrike Falk", "Oskar Brandl"]
    assert m.participant_count is None


def test_markers_stripped_and_excused_in_list_left_out() -> None:
    p = _read("""Protokoll der Sitzung des Elternrats
Datum: 11.09.2023, 18:00 Uhr
Anwesend: Petra Lohse (online), Kai Brunner (ab 18:30), Nils Haber (entschuldigt), Selin Aksoy
Protokoll: Selin Aksoy

1. Begrüßung
Petra Lohse begrüßt.
""", "x.txt")
    assert _names(p) == ["Petra Lohse", "Kai Brunner", "Selin Aksoy"]
    assert p.meeting.participant_count == 3


def test_stated_count_when_the_list_is_incomplete() -> None:
    p = _read("""Title: Gründung Verein Stadtgarten

## Anwesend

Gäste
: Rosa, Ugo, einige Personen

Insgesamt sind mindestens 25 Personen anwesend.

## Satzung

Die Satzung wird angenommen.
""")
    assert p.meeting.participant_count == 25


@pytest.mark.parametrize(("line", "want"), [
    ("Sitzungsbeginn 18:47", ("18:47", None)),
    ("Beginn 19:30, Ende 21:45", ("19:30", "21:45")),
    ("Zeit: 17:20 bis 18:45", ("17:20", "18:45")),
    ("Zeit: 19:00 bis ca. 21:30 Uhr", ("19:00", "21:30")),
])
def test_start_and_end_forms(line: str, want: tuple) -> None:
    p = _read(f"Protokoll der Mitgliederversammlung\n\n{line}\n\n## 1. Bericht\n\nText.\n")
    assert (p.meeting.start_time, p.meeting.end_time) == want


def test_closing_heading_time_and_signoff_minute_taker() -> None:
    p = _read("""Title: Protokoll Kulturkreis Ahornweg
Date: 2015-04-09

## 1. Programm

Wir beschliessen das Programm.

## 2. Kasse

Die Kasse ist geprüft.

## Schluss (22:05)

Fürs Protokoll

Wiebke
""")
    assert (p.meeting.end_time, p.meeting.minute_taker) == ("22:05", "Wiebke")


def test_macro_arguments_as_card_lines_and_handle_spelled_out() -> None:
    p = _read(r"""\documentclass{vereinsprotokoll}
\protokollkopf{\mv}{3. Mai 2019}{18:00}{Werkstatt~Ost,
Gleisstraße 12, Kassel}{19 Mitglieder, 2 Gäste}{}{fenna}
\title{5.\, Mitgliederversammlung}
\begin{document}
\maketitle
\section{Formalia}
\begin{description}
  \item[Wahl der Versammlungsleitung:] brk, durch Handzeichen
  \item[Wahl der Protokollführung:] fenna, durch Handzeichen
\end{description}
\section{Wahlen}
Bestätigt: brk (Bruno Krell), fenna (Fenna Albers).
\protokollende{19:48}
\end{document}
""", "x.tex")
    m = p.meeting
    assert (m.title, m.number, m.body, m.date, m.start_time) == (
        "5. Mitgliederversammlung", 5, "Mitgliederversammlung", "2019-05-03", "18:00")
    assert (m.location, m.participant_count) == ("Werkstatt Ost, Gleisstraße 12, Kassel", 19)
    assert (m.moderator, m.minute_taker, m.end_time) == ("Bruno Krell", "Fenna Albers", "19:48")


def test_online_meeting_is_a_video_conference() -> None:
    p = _read("Protokoll des Arbeitskreises Energie\n12. Januar 2022, online per Jitsi, 17:00 - 18:30 Uhr\n\n"
              "1. Stand\nText.\n", "x.txt")
    assert (p.meeting.location, p.meeting.start_time, p.meeting.end_time) == ("Videokonferenz", "17:00", "18:30")


def test_chair_elected_in_prose() -> None:
    p = _read("""Protokoll der Hauptversammlung
Datum: 02.03.2024

1. Eröffnung
Als Versammlungsleiter wird Gregor Maas gewählt. Anna Reiff wird zur Protokollführerin bestimmt.
""", "x.txt")
    assert (p.meeting.moderator, p.meeting.minute_taker) == ("Gregor Maas", "Anna Reiff")


def test_room_named_in_a_header_sentence() -> None:
    p = _read("Protokoll des Plenums\n14.02.2024, Sitzung im Raum B-1.04\n\n1. Bericht\nText.\n", "x.txt")
    assert p.meeting.location == "Raum B-1.04"


def test_attendance_groups_under_an_empty_key_and_offices_before_names() -> None:
    p = _read("""NIEDERSCHRIFT
über die 3. Sitzung des Gemeinderates Birkenau

Sitzungstag: Montag, 02.06.2025
Beginn: 19:00 Uhr

Anwesend:
Vorsitzender:    Erster Bürgermeister Hannes Kolb
Ratsmitglieder:  Eva Lindner, Paul Moosreiner,
Ida Straub
Verwaltung:      Rita Sommer (Kämmerei)
Entschuldigt:    Otto Renner

1. Bauantrag
Der Gemeinderat stimmt zu.
""", "x.txt")
    m = p.meeting
    assert m.title == "NIEDERSCHRIFT über die 3. Sitzung des Gemeinderates Birkenau"
    assert _names(p) == ["Hannes Kolb", "Eva Lindner", "Paul Moosreiner", "Ida Straub", "Rita Sommer"]
    assert (m.body, m.participant_count, m.moderator) == ("Gemeinderat", 5, "Hannes Kolb")


def test_key_glued_to_its_value_and_committee_body() -> None:
    p = _read("Niederschrift über die 4. Sitzung des Kultur- und Sportausschusses\n\nDatumDienstag, 04.03.2025\n"
              "Beginn17:00 Uhr\nEnde18:10 Uhr\nVorsitzStadträtin Dr. Nora Keil\n\n1. Hallenbelegung\nText.\n", "x.txt")
    m = p.meeting
    assert (m.body, m.number, m.date, m.start_time, m.end_time) == (
        "Kultur- und Sportausschuss", 4, "2025-03-04", "17:00", "18:10")
    assert m.moderator == "Nora Keil"


def test_visible_heading_outranks_the_front_matter_tab_title() -> None:
    p = _read("""---
title: Sitzung 03.02.2025
tags: protokoll
---

# Protokoll der Sitzung des Fachschaftsrats Chemie vom 03.02.2025

Beginn: 18:00 Uhr
""")
    assert p.meeting.title == "Protokoll der Sitzung des Fachschaftsrats Chemie vom 03.02.2025"
    assert p.meeting.body == "Fachschaftsrat"
    q = _read("""---
title: Protokoll FSR Physik
---

# Sitzung 10.03.2025

Beginn: 18:00 Uhr
""")
    assert q.meeting.body == "Fachschaftsrat"  # the heading names no body; the tab title does


def test_a_substitute_counts_once_and_the_member_stood_in_for_not() -> None:
    p = _read("""Verhandlungsschrift

Anwesend:
Bgm. Anna Reiter als Vorsitzende
GR Paul Huber
GR Eva Schachner (Beauftragte für Umwelt)
Ersatz-GR Lukas Zauner für GR Franz Obermaier
Ida Roth (in Vertretung für Max Kern)

1. Bericht
Die Vorsitzende berichtet.
""", "x.txt")
    assert _names(p) == ["Anna Reiter", "Paul Huber", "Eva Schachner", "Lukas Zauner", "Ida Roth"]
    assert p.meeting.participant_count == 5


def test_attendance_in_groups_under_a_bare_key_and_the_card_fields_around_it() -> None:
    """"Anwesend" over groups ("Vorsitz" / name, "Mitglieder" / one name a line, "Verwaltung" / "Name, Amt"):
    all are participants, the chair and the minute taker come from their groups, an office after a comma is
    no person, and two excused lines are two persons. "Ort, Raum:" is the location key."""
    p = _read("""Niederschrift über die 3. Sitzung des Ortschaftsrates

Sitzungstermin:   Montag, 03.03.2025
Ort, Raum:        Rathaus, Saal 1

Anwesend

Vorsitz
Ortsvorsteherin Dr. Jana Ebeling

Mitglieder
Ortschaftsrat Paul Huber
Ortschaftsrätin Eva Schachner

Verwaltung
Amtsleiter Jan Ott, Stadtplanungsamt

Schriftführung
Ida Roth

Entschuldigt
Ortschaftsrat Max Kern
Ortschaftsrätin Lea Brandt

1. Bericht
Die Vorsitzende berichtet.
""", "x.txt")
    assert _names(p) == ["Jana Ebeling", "Paul Huber", "Eva Schachner", "Jan Ott", "Ida Roth"]
    assert (p.meeting.participant_count, p.meeting.moderator, p.meeting.minute_taker) == (5, "Jana Ebeling", "Ida Roth")
    assert p.meeting.location == "Rathaus, Saal 1"
    assert {"Max Kern", "Lea Brandt"} <= {x.name for x in p.persons} and "Stadtplanungsamt" not in {x.name for x in p.persons}


def test_html_card_table_bold_groups_and_the_chairs_signature() -> None:
    """A card as a table of key and value cells; bold group keys under an "Anwesend" heading; a role in
    parentheses is no organization; the chair's "gez." line names no minute taker."""
    p = _read("""<h1>Niederschrift über die 2. Sitzung des Ortsbeirats Nord</h1>
<table><tr><th>Sitzungsort</th><td>Bürgerhaus Nord, Saal 2</td></tr><tr><th>Beginn</th><td>18:00 Uhr</td></tr></table>
<h2>Anwesend</h2>
<p><b>Vorsitz:</b> Ortsvorsteher Karl Brenner</p>
<p><b>Mitglieder:</b> Paul Huber, Eva Schachner</p>
<p><b>Verwaltung:</b> Jan Ott (Bezirksamt Nord), Ida Roth (Schriftführung)</p>
<h2>TOP 1 Bericht</h2><p>Herr Ott berichtet.</p>
<h2>TOP 2 Verschiedenes</h2><p>Keine Wortmeldungen.</p>
<p>gez. Karl Brenner, Ortsvorsteher<br>gez. Ida Roth, Schriftführerin</p>
""", "x.html")
    assert p.meeting.location == "Bürgerhaus Nord, Saal 2" and p.meeting.participant_count == 5
    assert [(x.name, x.organization) for x in p.participants][-2:] == [("Jan Ott", "Bezirksamt Nord"), ("Ida Roth", None)]
    assert (p.meeting.moderator, p.meeting.minute_taker) == ("Karl Brenner", "Ida Roth")


@pytest.mark.parametrize(("title", "organization", "body", "number"), [
    ("Protokoll der Vorstandssitzung des Fördervereins der Grundschule Am Lindenhof e. V. am 12.03.2025",
     "Förderverein der Grundschule Am Lindenhof e. V.", "Vorstand", None),  # "e. V." is no Roman five
    ("Protokoll AStA-Sitzung 22.04.2025", None, "AStA", None),  # a bare organ, its university unnamed
    ("Fachschaftsratssitzung Physik – 03.06.2025", "Fachschaft Physik", "Fachschaftsrat", None),
    ("Protokoll der 12. Sitzung des Studierendenrats (StuRa) der Universität Nordstadt", "Universität Nordstadt",
     "Studierendenrat", 12),
])
def test_title_shapes_of_associations_and_student_bodies(title: str, organization: str | None, body: str,
                                                         number: int | None) -> None:
    m = _read(f"{title}\n\nBeginn: 19:00 Uhr\n\nTOP 1: Begrüßung\nAnna Berg begrüßt alle.\n", "x.txt").meeting
    assert (m.organization, m.body, m.number) == (organization, body, number)


def test_place_named_in_the_date_line_of_the_title() -> None:
    p = _read("Niederschrift\nüber die öffentliche Sitzung des Gemeinderates am 12. März 2025 im Sitzungssaal des "
              "Rathauses\n\nBeginn: 19.00 Uhr\n\n1. Protokoll\nGenehmigt.\n\n2. Varia\nKeine.\n", "x.txt")
    assert p.meeting.location == "Sitzungssaal des Rathauses"  # was the whole line around the date


@pytest.mark.parametrize(("card", "location"), [
    ("Am 14.3.25 um 19 Uhr Vereinsheim Lindach", "Vereinsheim Lindach"),  # the blanked date and the time are no place
    ("14.03.2025 ab 19 Uhr Gasthaus Krone", "Gasthaus Krone"),
    ("Datum: 14.03.2025\nOrt: Jitsi", "Videokonferenz"),
    ("Datum: 14.03.2025\nOrt: BigBlueButton-Raum des Vereins", "Videokonferenz"),
])
def test_place_of_a_card_line_and_video_platforms(card: str, location: str) -> None:
    assert _read(f"Protokoll der Vorstandssitzung\n\n{card}\n\n## 1. Bericht\n\nText.\n").meeting.location == location


@pytest.mark.parametrize("key", ["Teilnehmer*innen", "Teilnehmer:innen", "TeilnehmerInnen", "Teilnehmer_innen"])
def test_gendered_card_keys(key: str) -> None:
    p = _read(f"Protokoll der Vorstandssitzung\n\n{key}: Anna Müller, Tom Kurz und 12 weitere Mitglieder\n"
              "Protokollführer*in: Tom Kurz\n\n## 1. Bericht\n\nText.\n")
    assert _names(p) == ["Anna Müller", "Tom Kurz"] and p.meeting.participant_count == 14
    assert p.meeting.minute_taker == "Tom Kurz"


def test_attendance_printed_surname_first() -> None:
    p = _read("Protokoll der Vorstandssitzung\n\nAnwesend: Müller, Anna; Kurz, Tom; Berg-Lehmann, Petra (Stadtwerke Lindach)\n"
              "Entschuldigt: Lange, Eva\nGäste: Werkraum (kiwi, Lorena)\n\n## 1. Bericht\n\nText.\n")
    assert _names(p) == ["Anna Müller", "Tom Kurz", "Petra Berg-Lehmann", "kiwi", "Lorena"]
    assert [x.organization for x in p.participants][2] == "Stadtwerke Lindach"
    assert {"Anna Müller", "Eva Lange"} <= {x.name for x in p.persons} and "Lange" not in {x.name for x in p.persons}


def test_a_board_role_in_parentheses_is_no_organization() -> None:
    p = _read("Protokoll der Vorstandssitzung\n\nAnwesend: Anna Müller (1. Vorsitzende), Jan Schulz (Beisitzer), "
              "Eva Lange (Kassiererin), Tom Kurz (Referent für Öffentlichkeitsarbeit)\n\n## 1. Bericht\n\nText.\n")
    assert [x.organization for x in p.participants] == [None, None, None, None]


def test_e_mail_minutes_title_is_no_minute_taker_line_and_dabei_lists_attendance() -> None:
    p = _read("Protokoll AG Wissenstransfer, 8. Juli 2025, 14-15:30 Uhr, per Zoom\nDabei: Anna Lindqvist, Jörg Pfannkuch\n\n"
              "1. Fachtag\nAnna berichtet.\n\nViele Grüße\nJörg\n", "m.txt")
    m = p.meeting
    assert (m.minute_taker, m.start_time, m.end_time) == (None, "14:00", "15:30")
    assert _names(p) == ["Anna Lindqvist", "Jörg Pfannkuch"]
    assert _read("Protokoll der Sitzung\n\nProtokollführerin Eva Roth\n\n## 1. Bericht\n\nText.\n").meeting.minute_taker \
        == "Eva Roth"
