"""Each layout backend and the structure parser on small hand-written minutes."""

import pytest

from om_extract import extract_text
from om_extract.numbering import heading_number

MARKDOWN = """# Protokoll der 3. Mitgliederversammlung des Fördervereins

12. März 2024, Gemeindehaus, 19:00 - 21:00 Uhr

## TOP 1 Begrüßung

Die Vorsitzende Frau Weber begrüßt die Anwesenden.

## TOP 2 Kassenbericht

Herr Albers berichtet über die Finanzen.

**Beschluss:** Der Kassenbericht wird einstimmig angenommen.

## TOP 3 Verschiedenes

Die nächste Sitzung findet am 10. Juni 2024 statt.
"""

PDF = """Protokoll Vorstandssitzung \n\n4. Mai 2023, Videokonferenz, 18:00 - 20:00 Uhr \n\nTagesordnung \n
1. Bericht des Vorstands \n2. Haushalt 2024 \n3. Verschiedenes \n\n \n\n
1. Bericht des Vorstands \nSabine Krüger berichtet über das vergangene Quartal. \n
Folgende Punkte wurden genannt: \n1. Mitgliederzahl gestiegen \n2. Neue Räume \n\n
2. Haushalt 2024 \nDer Entwurf wird besprochen. \n\nVereinbarung: \n\n Thomas Berg prüft die Zahlen. \n
 Der Vorstand erstellt eine Übersicht. \n\n \n\n3. Verschiedenes \nKeine Wortmeldungen. \n"""

HTML = """Protokoll des 7. Plenums\n\n1.\t<p><b>Eröffnung</b> Jana Meier (Stadtwerke)</p> <p>Begrüßung durch Jana Meier.</p>
2.\t<p><b>Antrag Spielplatz</b></p> <p><u>Beschlüsse:</u></p> <ul><li>• Der Spielplatz wird saniert.</li> <li>• Die Kosten trägt der Verein.</li></ul>
3.\t<p><b>Sonstiges</b></p>\t<p>Tagesordnungspunkt wird auf die nächste Sitzung verschoben.</p>
"""


def test_markdown_minutes() -> None:
    p = extract_text(MARKDOWN, model=None)
    assert p.source.format == "markdown"
    assert p.meeting.body == "Mitgliederversammlung" and p.meeting.number == 3
    assert (p.meeting.date, p.meeting.start_time, p.meeting.end_time) == ("2024-03-12", "19:00", "21:00")
    assert [(s.number, s.title) for s in p.sections] == [
        ("1", "Begrüßung"), ("2", "Kassenbericht"), ("3", "Verschiedenes")]
    assert [(d.kind, d.label, d.vote) for d in p.decisions] == [("beschluss", "Beschluss", "einstimmig angenommen")]
    assert [n.date for n in p.next_meetings] == ["2024-06-10"]


def test_pdf_text_minutes_quoted_list_is_not_a_heading() -> None:
    p = extract_text(PDF, model=None)
    assert [s.title for s in p.sections] == ["Bericht des Vorstands", "Haushalt 2024", "Verschiedenes"]
    assert [a.title for a in p.agenda] == ["Bericht des Vorstands", "Haushalt 2024", "Verschiedenes"]
    assert [d.text for d in p.decisions] == ["Thomas Berg prüft die Zahlen.", "Der Vorstand erstellt eine Übersicht."]
    assert p.decisions[0].assignees == ["Thomas Berg"]
    assert [x.name for x in p.sections[0].presenters] == ["Sabine Krüger"]


def test_html_table_minutes() -> None:
    p = extract_text(HTML, model=None)
    assert p.source.format == "html"
    assert [s.title for s in p.sections] == ["Eröffnung", "Antrag Spielplatz", "Sonstiges"]
    assert [x.name for x in p.sections[0].presenters] == ["Jana Meier"]
    assert [d.text for d in p.decisions] == ["Der Spielplatz wird saniert.", "Die Kosten trägt der Verein."]
    assert p.sections[2].postponed is True



def test_html_paragraph_wrapped_in_the_source_is_one_line() -> None:
    p = extract_text("<h1>Protokoll der Vorstandssitzung</h1>\n<h2>1. Bericht</h2>\n<p>Eva Roth berichtet über die Anfrage"
                     " bei der Nordwest\nNetz GmbH und der Sparkasse\nHolmstedt.</p>\n<p>Zweiter Absatz.</p>\n",
                     file="t.html", model=None)
    assert p.sections[0].text == ("Eva Roth berichtet über die Anfrage bei der Nordwest Netz GmbH und der Sparkasse "
                                  "Holmstedt.\nZweiter Absatz.")
    assert {"Nordwest Netz GmbH", "Sparkasse Holmstedt"} <= {o.name for o in p.organizations}



def test_markdown_hard_line_break_backslash_is_no_character() -> None:
    p = extract_text("**Protokoll der Jahreshauptversammlung**\n\n**Ort:** Gasthaus Linde, Eichdorf\\\n**Beginn:** 19:30 Uhr\n\n"
                     "**TOP 1: Entlastung**\n\n**Beschluss:** Der Vorstand wird entlastet.\\\nAbstimmung: einstimmig\n",
                     file="t.md", model=None)
    assert p.meeting.location == "Gasthaus Linde, Eichdorf"
    assert p.meeting.start_time == "19:30"
    assert "\\" not in p.sections[0].text and p.decisions[0].text == "Der Vorstand wird entlastet."


LATEX = r"""\documentclass[a4paper]{article}
\usepackage{ngerman}
\begin{document}
\section*{Protokoll der Vorstandssitzung des Fördervereins}
Datum: 05.02.2025, 19:00 -- 21:00 Uhr
\section{TOP 1: Begrüßung}
Die Vorsitzende Frau Brandt begrüßt alle. % ein Kommentar
\section{TOP 2: Haushalt}
\textbf{Beschluss:} Der Haushalt wird mit (5/0/1) angenommen.
\end{document}
"""


def test_latex_minutes() -> None:
    p = extract_text(LATEX, model=None)
    assert p.meeting.title == "Protokoll der Vorstandssitzung des Fördervereins"
    assert (p.meeting.body, p.meeting.date, p.meeting.start_time, p.meeting.end_time) == (
        "Vorstand", "2025-02-05", "19:00", "21:00")
    assert [(s.number, s.title) for s in p.sections] == [("1", "Begrüßung"), ("2", "Haushalt")]
    d = p.decisions[0]
    assert (d.vote, d.votes.yes, d.votes.no, d.votes.abstain) == ("mit (5/0/1) angenommen", 5, 0, 1)
    s, e = d.spans[0]
    assert "Der Haushalt wird" in LATEX[s:e]


def test_front_matter_title_and_iso_date() -> None:
    text = "---\ntitle: Sitzung des Fachschaftsrats Physik\ndate: 2024-10-07\n---\n\n## TOP 1 Finanzen\n\nText.\n\n## TOP 2 Sonstiges\n\nText.\n"
    p = extract_text(text, model=None)
    assert (p.meeting.title, p.meeting.body, p.meeting.date) == ("Sitzung des Fachschaftsrats Physik", "Fachschaftsrat", "2024-10-07")


def test_agenda_table_under_no_heading_names_the_tops() -> None:
    """A Word agenda table before the first TOP heading, with no "Tagesordnung" over it, is the
    agenda when its rows name the TOPs; a header table that does not (attendance) stays header."""
    agenda = ("1.\tBegrüßung\tFrau Weber (Vorstand)\t19:00\n2.\tKassenbericht\tHerr Albers (Kasse)\t19:10\n"
              "3.\tVerschiedenes\t\t19:40\n\n")
    tops = "".join(f"## {n}. {t}\n\nText zu {t}.\n\n" for n, t in ((1, "Begrüßung"), (2, "Kassenbericht"), (3, "Verschiedenes")))
    p = extract_text(f"# Protokoll der Mitgliederversammlung\n\n12. März 2024\n\n{agenda}{tops}", model=None)
    assert [(a.number, a.title, a.time) for a in p.agenda] == [
        ("1", "Begrüßung", "19:00"), ("2", "Kassenbericht", "19:10"), ("3", "Verschiedenes", "19:40")]
    assert [s.title for s in p.sections] == ["Begrüßung", "Kassenbericht", "Verschiedenes"]
    people = "Anwesend:\n\nHanna Weber\tVorstand\nJonas Albers\tKasse\n\n"
    assert extract_text(f"# Protokoll der Mitgliederversammlung\n\n12. März 2024\n\n{people}{tops}", model=None).agenda == []


COUNCIL_SERIES = """Niederschrift über die 4. Sitzung des Ortschaftsrates Birkenweiler

Tagesordnung
Ö 1   Eröffnung
Ö 2   Feuerwehrgerätehaus
Ö 3   Verschiedenes
N 1   Grundstücksangelegenheiten

Ö 1   Eröffnung
Die Vorsitzende eröffnet die Sitzung.

Ö 2   Feuerwehrgerätehaus
Beschluss:
1. Der Ortschaftsrat stimmt dem Entwurf zu.
2. Die Kosten trägt die Gemeinde.

Ö 3   Verschiedenes
Keine Wortmeldungen.
"""


def test_council_information_system_series_public_and_non_public() -> None:
    """"Ö 1 … Ö 3" then "N 1" count in two series: both are agenda items, and the sections restart at
    "Ö 1" (not at "N 1" or the quoted "1." of a resolution)."""
    p = extract_text(COUNCIL_SERIES, model=None)
    assert [(a.number, a.title) for a in p.agenda] == [
        ("Ö 1", "Eröffnung"), ("Ö 2", "Feuerwehrgerätehaus"), ("Ö 3", "Verschiedenes"), ("N 1", "Grundstücksangelegenheiten")]
    assert [(s.number, s.title) for s in p.sections] == [
        ("Ö 1", "Eröffnung"), ("Ö 2", "Feuerwehrgerätehaus"), ("Ö 3", "Verschiedenes")]
    assert [s.agenda_ref for s in p.sections] == [0, 1, 2]


@pytest.mark.parametrize(("line", "number", "title"), [
    ("Zu Punkt 3: Ankauf eines Fahrzeuges", "3", "Ankauf eines Fahrzeuges"),
    ("Ad 2) Bericht des Obmanns", "2", "Bericht des Obmanns"),
    ("Zu TOP 4 Verschiedenes", "4", "Verschiedenes"),
    ("Ö 2.1 Bebauungsplan", "Ö 2.1", "Bebauungsplan"),
    ("N 1 Grundstücksangelegenheiten", "N 1", "Grundstücksangelegenheiten"),
])
def test_printed_heading_numbers(line: str, number: str, title: str) -> None:
    """Austrian "Zu Punkt N:" / "Ad N)" headings and the council systems' series are printed numbers."""
    label, skip = heading_number(line)
    assert (label, line[skip:]) == (number, title)


def test_a_deferred_matter_postpones_its_item() -> None:
    text = ("Protokoll\n\n1. Gesuch des Musikvereins\n\nDas Gesuch wird zurückgestellt, bis die Abrechnung vorliegt.\n\n"
            "2. Kreditabrechnung\n\nDie Vorlage wird genehmigt.\n\n3. Verschiedenes\n\nDas Geschäft wird vertagt.\n")
    assert [s.postponed for s in extract_text(text, model=None).sections] == [True, False, True]


def test_agenda_table_header_row_and_paper_column_are_no_item_parts() -> None:
    """A <thead> "TOP | Betreff | Vorlage" row is no item (and its cells no presenters); a paper number in a
    column right of a PDF agenda line ("…     DS 2025/031") is a detail, no title word."""
    html = ("<h1>Niederschrift</h1><h2>Tagesordnung</h2><table><thead><tr><th>TOP</th><th>Betreff</th><th>Vorlage</th>"
            "</tr></thead><tbody><tr><td>1</td><td>Spielplatz</td><td>0412/2024</td></tr><tr><td>2</td><td>Mittel</td>"
            "<td></td></tr></tbody></table><h2>TOP 1 Spielplatz</h2><p>Text.</p><h2>TOP 2 Mittel</h2><p>Text.</p>")
    p = extract_text(html, file="x.html", model=None)
    assert [(a.number, a.title, a.presenters) for a in p.agenda] == [("1", "Spielplatz", []), ("2", "Mittel", [])]
    plain = ("Niederschrift\n\nTagesordnung\n1.  Spielplatz Ulmenhof              DS 2025/031\n2.  Mittel 2024\n\n"
             "1. Spielplatz Ulmenhof\nText.\n\n2. Mittel 2024\nText.\n")
    q = extract_text(plain, file="x.txt", model=None)
    assert [(a.title, a.details) for a in q.agenda] == [("Spielplatz Ulmenhof", "DS 2025/031"), ("Mittel 2024", None)]


SUB_ITEMS = """Niederschrift über die Sitzung des Bauausschusses

Tagesordnung
1   Eröffnung
2   Bauanträge
2.1 Neubau eines Carports, Flurstück 12/4
2.2 Anbau eines Wintergartens, Lindenweg 3
3   Verschiedenes

1   Eröffnung
Die Kosten betragen
2.5 Mio. Euro laut Schätzung.

2   Bauanträge

2.1 Neubau eines Carports, Flurstück 12/4
Das Einvernehmen wird erteilt.
Abstimmungsergebnis: 7 Ja-Stimmen, 0 Nein-Stimmen

2.2 Anbau eines Wintergartens, Lindenweg 3
Abstimmungsergebnis: 2 Ja-Stimmen, 5 Nein-Stimmen

3   Verschiedenes
Keine Wortmeldungen.
"""


def test_dotted_sub_items_of_a_plain_text_agenda_are_items_and_sections() -> None:
    """"2.1", "2.2" under "2 Bauanträge" are agenda items and sections of their own (they were joined into
    the title of 2); "2.5 Mio." in a paragraph is no heading."""
    p = extract_text(SUB_ITEMS, file="x.txt", model=None)
    numbers = ["1", "2", "2.1", "2.2", "3"]
    assert [a.number for a in p.agenda] == numbers and [s.number for s in p.sections] == numbers
    assert p.agenda[2].title == "Neubau eines Carports, Flurstück 12/4" and p.sections[1].title == "Bauanträge"
    assert [d.section for d in p.decisions] == ["2.1", "2.2"]


def test_a_decimal_amount_opening_a_wrapped_line_under_its_item_is_no_sub_item() -> None:
    """"2.5 Mio. Euro" wrapped to a line's start inside item 2 is text: a sub-item counts from "2.1"."""
    text = ("Protokoll\n\n1. Begrüßung\nText.\n\n2. Finanzen\nFür das Projekt sind\n2.5 Mio. Euro beantragt.\n\n"
            "3. Termine\nText.\n")
    p = extract_text(text, file="x.txt", model=None)
    assert [s.number for s in p.sections] == ["1", "2", "3"]
    assert p.sections[1].text == "Für das Projekt sind 2.5 Mio. Euro beantragt."


def test_a_two_column_signature_with_a_degree_is_no_part_of_the_last_section() -> None:
    text = ("Niederschrift\n\n1. Bericht\nText.\n\n2. Verschiedenes\nDer Vorsitzende schließt die Sitzung.\n\n\n"
            "Dr. Konrad Weiher                         Tanja Eberwein\nVorsitzender                              "
            "Schriftführerin\n")
    assert extract_text(text, file="x.txt", model=None).sections[-1].text == "Der Vorsitzende schließt die Sitzung."


def test_bulleted_points_under_a_plain_agenda_item_are_its_details() -> None:
    text = ("Protokoll der Mitgliederversammlung\n\nTagesordnung\n1. Berichte\n   - Kassenbericht\n   - Jahresbericht\n"
            "2. Wahlen\n3. Verschiedenes\n\n1. Berichte\nText.\n\n2. Wahlen\nText.\n\n3. Verschiedenes\nText.\n")
    p = extract_text(text, file="x.txt", model=None)
    assert [a.title for a in p.agenda] == ["Berichte", "Wahlen", "Verschiedenes"]  # was "Berichte Kassenbericht …"
    assert "Kassenbericht" in (p.agenda[0].details or "")
