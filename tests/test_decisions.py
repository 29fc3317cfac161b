"""Decisions in the forms minutes use: labels, prose votes, resolutions without a label, bare result
lines under a motion, polls, tallies, and who a decision tasks (snippets of our own)."""

from __future__ import annotations

import pytest

from om_extract.pipeline import extract_text
from om_extract.stages.votes import bare, counts, options, vote_of


def decisions(text: str) -> list[dict]:
    out = extract_text(text, file="t.md", model=None)
    return [d.model_dump(exclude={"spans"}) for d in out.decisions]


@pytest.mark.parametrize(("text", "vote", "votes"), [
    ("Der Antrag wurde mit 14 Ja-Stimmen, bei 3 Enthaltungen, angenommen.",
     "mit 14 Ja-Stimmen, bei 3 Enthaltungen, angenommen", {"yes": 14, "no": 0, "abstain": 3}),
    ("Gewählt bei elf Ja-Stimmen, zu zwei Nein-Stimmen und einer Enthaltung.",
     "bei elf Ja-Stimmen, zu zwei Nein-Stimmen und einer Enthaltung", {"yes": 11, "no": 2, "abstain": 1}),
    ("Der Kassenbericht wird mit 12:3 Stimmen genehmigt.", "mit 12:3 Stimmen", {"yes": 12, "no": 3, "abstain": 0}),
    ("Ergebnis 7/1/2, damit angenommen.", "7/1/2, damit angenommen", {"yes": 7, "no": 1, "abstain": 2}),
    ("Mit 12:0:1 Stimmen beschlossen.", "Mit 12:0:1 Stimmen beschlossen", {"yes": 12, "no": 0, "abstain": 1}),
    ("Angenommen mit 15 dafür zu 2 dagegen", "Angenommen mit 15 dafür zu 2 dagegen", {"yes": 15, "no": 2, "abstain": 0}),
    ("9 Ja-Stimmen, keine Gegenstimme, 1 Enthaltung", "9 Ja-Stimmen, keine Gegenstimme, 1 Enthaltung",
     {"yes": 9, "no": 0, "abstain": 1}),
    ("Der Antrag wurde, bei 2 Enthaltungen, abgelehnt.", "bei 2 Enthaltungen, abgelehnt", None),
    ("Die Satzung wird einstimmig durch die Versammlung angenommen.", "einstimmig durch die Versammlung angenommen",
     None),
    ("Zur Wahlleitung: Petra, per Akklamation", "per Akklamation", None),
    ("Der Antrag wird mehrstimmig angenommen (7 Ja-Stimmen, 2 Gegenstimmen).",  # Austrian for "mehrheitlich"
     "mehrstimmig angenommen (7 Ja-Stimmen, 2 Gegenstimmen)", {"yes": 7, "no": 2, "abstain": 0}),
    # council forms: the side before its count, "Enth.", abstentions after "n zu m Stimmen", a majority
    ("Abstimmungsergebnis: Ja 23 / Nein 4 / Enthaltung 1", "Ja 23 / Nein 4 / Enthaltung 1",
     {"yes": 23, "no": 4, "abstain": 1}),
    ("Abstimmung: dafür 8, dagegen 1, Enthaltungen 0", "dafür 8, dagegen 1, Enthaltungen 0", {"yes": 8, "no": 1, "abstain": 0}),
    ("Abstimmung: 12 Ja, 3 Nein, 2 Enth.", "12 Ja, 3 Nein, 2 Enth", {"yes": 12, "no": 3, "abstain": 2}),
    ("Der Antrag wird mit 15 zu 3 Stimmen bei 2 Enthaltungen angenommen.",
     "mit 15 zu 3 Stimmen bei 2 Enthaltungen angenommen", {"yes": 15, "no": 3, "abstain": 2}),
    ("Der Kreistag beschließt mit 40 gegen 12 Stimmen bei 3 Stimmenthaltungen:",
     "mit 40 gegen 12 Stimmen bei 3 Stimmenthaltungen", {"yes": 40, "no": 12, "abstain": 3}),
    ("Der Antrag wird mit Stimmenmehrheit angenommen.", "mit Stimmenmehrheit angenommen", None),
    ("Gegen die Verhandlungsschrift wurden keine Einwendungen erhoben.", "keine Einwendungen", None),
])
def test_vote_phrases_and_counts(text: str, vote: str, votes: dict | None) -> None:
    assert vote_of(text) == vote
    assert counts(vote_of(text)) == votes


def test_a_side_word_before_a_year_is_no_count() -> None:
    assert vote_of("Ja 2024 war ein gutes Jahr für den Verein.") is None


@pytest.mark.parametrize("text", [
    "Sie wurde dafür 2 Mal geehrt.", "Der Beitrag beträgt 5 Euro pro 12 Monate.",
    "Darin enthalten 250 Euro für Veranstaltungen.", "Der Raum ist ja 20 Meter lang.",
    "Die Aufnahme läuft seit 00:12:30, die Stimmung ist gut.",
])
def test_a_side_word_before_a_measure_and_a_clock_time_are_no_vote(text: str) -> None:
    assert vote_of(text) is None


def test_dialling_in_to_the_meeting_is_no_decision() -> None:
    assert decisions("## 1. Begrüßung\n\nTom wählt sich um 19:10 Uhr per Telefon zur Sitzung ein.\n") == []


def test_bare_results_and_option_tallies() -> None:
    assert bare("Antrag wurde einstimmig angenommen.")
    assert bare("Alle sind damit einverstanden.")
    assert not bare("Der Haushaltsplan wurde einstimmig angenommen.")
    assert options("Grillfest (7)\nAusflug (4)")
    assert options("5 Samstag, 3 Sonntag")


def test_resolutions_without_label_agenda_and_minutes() -> None:
    text = ("# Protokoll der Mitgliederversammlung\n\n## Tagesordnung\n\n1. Begrüßung\n2. Kassenbericht\n\n"
            "Die Tagesordnung wird ohne Widerspruch angenommen.\n\n"
            "## 1. Begrüßung\n\nDie Vorsitzende begrüßt alle. Das Protokoll der letzten Sitzung wird genehmigt.\n\n"
            "## 2. Kassenbericht\n\nDer Kassier erläutert die Zahlen. Die Kassenprüfung soll künftig "
            "festgelegt werden.\n\nDer Vorstand wurde mit 20 Ja-Stimmen und 1 Nein-Stimme entlastet.\n")
    got = decisions(text)
    assert [(d["section"], d["text"], d["vote"], d["label"]) for d in got] == [
        (None, "Die Tagesordnung wird ohne Widerspruch angenommen.", "ohne Widerspruch angenommen", None),
        ("1", "Das Protokoll der letzten Sitzung wird genehmigt.", None, None),
        ("2", "Der Vorstand wurde mit 20 Ja-Stimmen und 1 Nein-Stimme entlastet.",
         "mit 20 Ja-Stimmen und 1 Nein-Stimme", None),
    ]
    assert got[2]["votes"] == {"yes": 20, "no": 1, "abstain": 0}
    assert got[2]["assignees"] == []  # an approval tasks no one


def test_bare_result_under_a_motion_heading_and_a_proposal() -> None:
    text = ("# Protokoll\n\n## 1. Anträge\n\n### Der Verein kauft einen neuen Beamer\n\n"
            "Antrag wurde einstimmig angenommen.\n\n"
            "Vorschlag: Sommerfest im Stadtpark\n\nHans fragt nach dem Wetter.\n\n"
            "Abstimmung: 8 dafür, 2 dagegen\n")
    got = decisions(text)
    assert [(d["text"], d["label"], d["vote"], d["votes"]) for d in got] == [
        ("Der Verein kauft einen neuen Beamer Antrag wurde einstimmig angenommen.", None,
         "einstimmig angenommen", None),
        ("Vorschlag: Sommerfest im Stadtpark", "Abstimmung", "8 dafür, 2 dagegen", {"yes": 8, "no": 2, "abstain": 0}),
    ]


def test_labels_polls_and_tasks() -> None:
    text = ("# Protokoll der Sitzung des Vorstands\n\n## 1. Finanzen\n\nDie Zahlen werden besprochen. "
            "Beschluss (einstimmig): Der Mitgliedsbeitrag bleibt bei 30 Euro.\n\n"
            "TODO: Vorstände prüfen die Versicherung.\n\n"
            "## 2. Ausflug\n\n- Meinungsbild: ein Ausflug im Mai? 9 Ja, 1 Nein, 0 enthalten\n\n"
            "#### Umfrage zum Termin:\n- Samstag (6)\n- Sonntag (3)\n\n"
            "Entscheid: Die Anreise erfolgt mit der Bahn\n")
    got = decisions(text)
    assert [(d["kind"], d["label"], d["text"], d["vote"]) for d in got] == [
        ("beschluss", "Beschluss (einstimmig)", "Der Mitgliedsbeitrag bleibt bei 30 Euro.", "einstimmig"),
        ("todo", "TODO", "Vorstände prüfen die Versicherung.", None),
        ("beschluss", "Meinungsbild", "ein Ausflug im Mai?", "9 Ja, 1 Nein, 0 enthalten"),
        ("beschluss", "Umfrage zum Termin", "Samstag (6) Sonntag (3)", "Samstag (6) Sonntag (3)"),
        ("beschluss", "Entscheid", "Die Anreise erfolgt mit der Bahn", None),
    ]
    assert got[1]["assignees"] == ["Vorstand"]  # the body as a whole is tasked
    assert got[3]["votes"] is None  # options, not yes/no


def test_not_decisions() -> None:
    text = ("# Protokoll\n\n## 1. Bericht\n\nDer Bericht wurde vom Landesverband verabschiedet und liegt vor.\n\n"
            "Ein neuer Vorstand soll im Herbst gewählt werden.\n\nFalls der Vorstand entlastet wird, endet die Haftung.\n\n"
            "Damit sind im Vorstand bestätigt: Anna und Ben.\n\nEin Vorschlag, der von Carla abgelehnt wird.\n")
    assert decisions(text) == []


def test_consent_after_a_motion_and_the_latex_tally() -> None:
    text = ("# Protokoll\n\n## 1. Wahlen\n\nEs wird vorgeschlagen, offen abzustimmen. Alle sind damit einverstanden.\n")
    got = decisions(text)
    assert [(d["text"], d["vote"]) for d in got] == [
        ("Es wird vorgeschlagen, offen abzustimmen. Alle sind damit einverstanden.", "Alle sind damit einverstanden")]
    tex = ("\\documentclass{article}\n\\begin{document}\n\\section{Haushalt}\n"
           "\\beschluss{HV 2024-01}{\\ergebnis{\\ja}{12}{0}{3}}{Der Haushalt 2025 wird beschlossen}\n\\end{document}\n")
    out = extract_text(tex, file="t.tex", model=None)
    assert [(d.label, d.text, d.vote, d.votes.model_dump() if d.votes else None) for d in out.decisions] == [
        ("HV 2024-01", "Der Haushalt 2025 wird beschlossen", "12/0/3", {"yes": 12, "no": 0, "abstain": 3})]


@pytest.mark.parametrize(("text", "vote", "votes"), [
    ("Abstimmungsergebnis: 11 : 2", "11 : 2", {"yes": 11, "no": 2, "abstain": 0}),
    ("Abstimmung: Für den Antrag: 7, Gegen den Antrag: 1", "Für den Antrag: 7, Gegen den Antrag: 1",
     {"yes": 7, "no": 1, "abstain": 0}),
    ("Der Grillabend findet im Juli statt (Konsens)", "Konsens", None),
    ("[Abstimmung] 12 ja, 1 nein, 2 Enthaltungen -- angenommen", "12 ja, 1 nein, 2 Enthaltungen -- angenommen",
     {"yes": 12, "no": 1, "abstain": 2}),
    ("Abstimmung: 19:30 Uhr im Saal", "19:30 Uhr im Saal", None),  # a time is no n:m result
])
def test_result_lines_keys_and_ratios(text: str, vote: str, votes: dict | None) -> None:
    assert vote_of(text) == vote
    assert counts(vote_of(text)) == votes


def test_result_line_and_result_table_under_a_plain_text_resolution() -> None:
    text = ("NIEDERSCHRIFT über die Sitzung des Ortschaftsrates\n\nTagesordnung:\nTOP 1 Spielplatz\nTOP 2 Friedhof\n\n"
            "TOP 1 Spielplatz\n\nBeschluss:\nDer Spielplatz am Anger wird erneuert.\nAbstimmungsergebnis: 8 : 1\n\n"
            "TOP 2 Friedhof\n\nBeschluss:\nDie Friedhofsgebühren werden um 5 % erhöht.\nAbstimmungsergebnis:\n"
            "    Anwesend:            9\n    Für den Beschluss:   6\n    Gegen den Beschluss: 3\n")
    got = decisions(text)
    assert [(d["label"], d["text"], d["votes"]) for d in got] == [
        ("Beschluss", "Der Spielplatz am Anger wird erneuert.", {"yes": 8, "no": 1, "abstain": 0}),
        ("Beschluss", "Die Friedhofsgebühren werden um 5 % erhöht.", {"yes": 6, "no": 3, "abstain": 0}),
    ]
    assert got[0]["vote"] == "8 : 1"


def test_result_table_in_pipes_under_a_resolution() -> None:
    """A Markdown result table, under its header row and rule or under a bare "Abstimmung:" line."""
    text = ("# Protokoll\n\n## 1. Spielplatz\n\n**Beschluss:** Der Spielplatz wird erneuert.\n\n"
            "| Abstimmung | Stimmen |\n|---|---|\n| Ja | 7 |\n| Nein | 1 |\n| Enthaltung | 2 |\n\n"
            "## 2. Friedhof\n\n**Beschluss:** Die Gebühren steigen um 5 %.\nAbstimmung:\n| dafür | 6 |\n| dagegen | 3 |\n")
    got = decisions(text)
    assert [(d["text"], d["vote"], d["votes"]) for d in got] == [
        ("Der Spielplatz wird erneuert.", "Ja: 7 Nein: 1 Enthaltung: 2", {"yes": 7, "no": 1, "abstain": 2}),
        ("Die Gebühren steigen um 5 %.", "dafür: 6 dagegen: 3", {"yes": 6, "no": 3, "abstain": 0}),
    ]


def test_a_resolution_complete_on_its_line_takes_no_action_bullets() -> None:
    text = ("# Plenum\n\n## TOP 1 – Hoffest\n\nBeschluss: Das Hoffest ist am 5. Juli (Konsens)\n\n"
            "- Greta macht das Plakat\n- Ole fragt die Band an\n\n"
            "Meinungsbild Kuchenbuffet ausweiten: 5 dafür, 2 dagegen\n")
    got = decisions(text)
    assert [(d["label"], d["text"], d["vote"], d["votes"]) for d in got] == [
        ("Beschluss", "Das Hoffest ist am 5. Juli (Konsens)", "Konsens", None),
        ("Meinungsbild Kuchenbuffet ausweiten", "Kuchenbuffet ausweiten", "5 dafür, 2 dagegen",
         {"yes": 5, "no": 2, "abstain": 0}),
    ]


def test_motion_under_a_heading_with_its_result_line() -> None:
    text = ("Sitzung des Fachschaftsrats\n===========================\n\nFinanzen\n--------\n\n"
            "#### Änderungsantrag zum Budget\n\nDer Posten für Druckkosten wird auf 200 € gesenkt.\n\n"
            "Abstimmung: 2/5/0 – abgelehnt.\n\n#### Abstimmung über das Budget\n\n"
            "Das Budget 2026 wird beschlossen.\n\nAbstimmung: 6/1/0 – angenommen.\n\nSonstiges\n---------\n\nNichts.\n")
    got = decisions(text)
    assert [(d["text"], d["vote"], d["votes"]) for d in got] == [
        ("Der Posten für Druckkosten wird auf 200 € gesenkt.", "2/5/0 – abgelehnt", {"yes": 2, "no": 5, "abstain": 0}),
        ("Das Budget 2026 wird beschlossen.", "6/1/0 – angenommen", {"yes": 6, "no": 1, "abstain": 0}),
    ]
    # the same when the motion headings are the TOP headings themselves
    single = text.split("Finanzen\n--------\n\n")[1].split("\n\nSonstiges")[0]
    got = decisions("Sitzung des Fachschaftsrats\n===========================\n\n" + single + "\n")
    assert [(d["text"], d["vote"]) for d in got] == [
        ("Der Posten für Druckkosten wird auf 200 € gesenkt.", "2/5/0 – abgelehnt"),
        ("Das Budget 2026 wird beschlossen.", "6/1/0 – angenommen"),
    ]


def test_latex_description_list_motion_and_result_and_a_reelection() -> None:
    tex = ("\\documentclass{article}\n\\begin{document}\n\\section{Entlastung}\n"
           "\\begin{description}\n  \\item[Antrag] Dem Vorstand wird Entlastung erteilt.\n"
           "  \\item[Abstimmung] 30 ja, 0 nein, 3 Enthaltungen -- angenommen\n\\end{description}\n"
           "\\section{Wahlen}\nAnton Berger wird mit 31 Ja-Stimmen bei 2 Enthaltungen wiedergewählt.\n\\end{document}\n")
    out = extract_text(tex, file="t.tex", model=None)
    got = [(d.section, d.label, d.text, d.votes.model_dump() if d.votes else None, d.assignees) for d in out.decisions]
    assert got == [
        ("1", "Antrag", "Dem Vorstand wird Entlastung erteilt.", {"yes": 30, "no": 0, "abstain": 3}, []),
        ("2", None, "Anton Berger wird mit 31 Ja-Stimmen bei 2 Enthaltungen wiedergewählt.",
         {"yes": 31, "no": 0, "abstain": 2}, []),  # an election tasks no one
    ]


def test_parenthesised_task_notes_and_no_objection() -> None:
    text = ("# Protokoll der Sitzung des Vorstands\n\n## 1. Sommerfest\n\n"
            "Beschluss: Das Sommerfest wird auf den 12. Juli festgelegt (Jana Roth organisiert den Grill).\n\n"
            "Beschluss: Die Einladung geht per Post raus (übernimmt Malte Fink).\n\n"
            "Es gibt keine Stimmen, die dagegen sind, den Flohmarkt zu streichen.\n")
    got = decisions(text)
    assert [(d["assignees"], d["vote"]) for d in got] == [
        (["Jana Roth"], None),
        (["Malte Fink"], None),
        ([], "Es gibt keine Stimmen, die dagegen sind"),
    ]


def test_participle_labels_with_colon() -> None:
    got = decisions("""## 1. Leitfaden

Diskussion über die Zielgruppe.
Vereinbart: Der Leitfaden richtet sich an Betriebe.

## 2. Sommerfest

Beschlossen: Das Fest findet im Hof statt.

Vereinbart wird, dass alle Helfer ein Shirt bekommen.
""")
    assert [(d["kind"], d["label"], d["text"]) for d in got][:2] == [
        ("vereinbarung", "Vereinbart", "Der Leitfaden richtet sich an Betriebe."),
        ("beschluss", "Beschlossen", "Das Fest findet im Hof statt."),
    ]
    assert all(d["label"] != "Vereinbart wird, dass alle Helfer ein Shirt bekommen." for d in got)


def test_result_sentence_with_a_pronoun_takes_the_sentence_it_points_back_to() -> None:
    got = decisions("""## 3. Wahlen

Für das Amt der Schriftführerin wird Eva Roth vorgeschlagen. Sie wird mit 20 Ja-Stimmen bei 2 Enthaltungen
gewählt und nimmt die Wahl an.

Der Kassenbericht liegt vor. Die Versammlung genehmigt den Haushalt einstimmig.
""")
    assert [d["text"] for d in got] == [
        "Für das Amt der Schriftführerin wird Eva Roth vorgeschlagen. Sie wird mit 20 Ja-Stimmen bei 2 "
        "Enthaltungen gewählt und nimmt die Wahl an.",
        "Die Versammlung genehmigt den Haushalt einstimmig.",
    ]
    assert got[0]["votes"] == {"yes": 20, "no": 0, "abstain": 2} and got[0]["assignees"] == []


def test_result_label_after_a_sentence_and_a_motion_with_its_own_result() -> None:
    got = decisions("""## 1. Protokoll

Protokoll vom 29.05. wird genehmigt. **Abstimmung: 8/0/2**

## 2. Finanzantrag Grillfest

Antrag der Fachschaft Physik: 200 € für Kohle und Würstchen.

GO-Antrag auf Schluss der Redeliste: keine Gegenrede, angenommen.

Abstimmung: 7/1/2
""")
    assert [(d["section"], d["text"], d["vote"]) for d in got] == [
        ("1", "Protokoll vom 29.05. wird genehmigt.", "8/0/2"),
        ("2", "200 € für Kohle und Würstchen.", "7/1/2"),
        ("2", "GO-Antrag auf Schluss der Redeliste", "keine Gegenrede, angenommen"),
    ]
    assert got[0]["votes"] == {"yes": 8, "no": 0, "abstain": 2}


def test_adopted_proposal_swiss_resolution_heading_and_a_motion_rejected_in_prose() -> None:
    """A "Beschlussvorschlag:" that the next "Beschluss:" adopts is its motion (one recorded vote); the Swiss
    "Der Gemeinderat beschliesst:" labels the dispositive under it; "X beantragt, … Dieser Antrag wird … abgelehnt."
    is one decision whose text is the motion, and the mover is no assignee."""
    text = ("# Protokoll\n\n## 1. Bebauungsplan\n\nBeschlussvorschlag:\n1. Die Stellungnahmen werden abgewogen.\n"
            "2. Der Plan wird als Satzung beschlossen.\n\nBeschluss:\nDer Rat beschließt entsprechend dem "
            "Beschlussvorschlag.\n\nAbstimmungsergebnis: 6 Ja-Stimmen, 2 Nein-Stimmen, 0 Enthaltungen\n\n"
            "## 2. Reservoir\n\nAnna Roth beantragt, eine weitere Offerte einzuholen. Dieser Antrag wird mit 1 Ja gegen "
            "4 Nein abgelehnt.\n\nDer Gemeinderat beschliesst:\n1. Die Arbeiten werden vergeben.\n"
            "2. Die Bauverwaltung wird mit dem Vollzug beauftragt.\n")
    got = decisions(text)
    assert [(d["section"], d["label"], d["votes"]) for d in got] == [
        ("1", "Beschluss", {"yes": 6, "no": 2, "abstain": 0}),
        ("2", None, {"yes": 1, "no": 4, "abstain": 0}),
        ("2", "Der Gemeinderat beschliesst", None)]
    assert got[0]["text"].startswith("1. Die Stellungnahmen werden abgewogen.")
    assert got[0]["text"].endswith("Der Rat beschließt entsprechend dem Beschlussvorschlag.")
    assert got[1]["text"].startswith("Anna Roth beantragt") and got[1]["assignees"] == []
    assert got[2]["text"].startswith("1. Die Arbeiten werden vergeben.")


@pytest.mark.parametrize(("name", "table"), [
    ("t.html", "<table><tr><td><b>Beschluss</b></td><td>Der Vorstand beauftragt Eva Roth, drei Angebote einzuholen.</td></tr>"
               "<tr><td><b>Abstimmung</b></td><td>4 Ja / 0 Nein / 1 Enthaltung</td></tr></table>"),
    ("t.md", "| Beschluss | Der Vorstand beauftragt Eva Roth, drei Angebote einzuholen. |\n|---|---|\n"
             "| Abstimmung | 4 Ja / 0 Nein / 1 Enthaltung |"),
])
def test_beschluss_as_a_two_column_table(name: str, table: str) -> None:
    text = (f"<h2>1. Solarpark</h2><p>Eva Roth berichtet.</p>{table}<h2>2. Verschiedenes</h2><p>Nichts.</p>"
            if name.endswith(".html") else f"## 1. Solarpark\n\nEva Roth berichtet.\n\n{table}\n\n## 2. Verschiedenes\n\nNichts.\n")
    got = [d.model_dump(exclude={"spans"}) for d in extract_text(text, file=name, model=None).decisions]
    assert [(d["label"], d["text"], d["votes"], d["assignees"]) for d in got] == [
        ("Beschluss", "Der Vorstand beauftragt Eva Roth, drei Angebote einzuholen.",
         {"yes": 4, "no": 0, "abstain": 1}, ["Eva Roth"])]


def test_result_label_under_a_resolution_that_opens_a_list() -> None:
    """"Die Bezirksvertretung beschließt, …:" over a list, then "Abstimmungsergebnis: einstimmig": the
    resolution with its list is what was decided (not the TOP heading)."""
    got = decisions("# Niederschrift\n\n## 4. Mittel\n\nDie Bezirksvertretung beschließt, folgende Zuschüsse zu "
                    "gewähren:\n\n- Förderverein: 2.500 Euro\n- Heimatverein: 1.200 Euro\n\n**Abstimmungsergebnis:** "
                    "einstimmig\n")
    assert [(d["text"], d["vote"]) for d in got] == [
        ("Die Bezirksvertretung beschließt, folgende Zuschüsse zu gewähren: - Förderverein: 2.500 Euro "
         "- Heimatverein: 1.200 Euro", "einstimmig")]


def test_a_proposal_under_a_bare_result_or_a_differing_resolution_is_one_decision() -> None:
    """"Beschlussvorschlag:" over its wording, then "Beschluss: einstimmig": one decision whose text is the
    wording (not twice, not with the label); a resolution that departs from the proposal keeps its own text."""
    got = decisions("# Niederschrift\n\n## 1. Bebauungsplan\n\nBeschlussvorschlag:\nDer Rat beschließt den Plan.\n\n"
                    "Beschluss: einstimmig\n\n## 2. Straße\n\nBeschlussvorschlag: Die Straße wird saniert.\n\n"
                    "Beschluss:\nDer Rat beschließt abweichend vom Beschlussvorschlag, erst 2026 zu sanieren.\n")
    assert [(d["section"], d["text"], d["vote"]) for d in got] == [
        ("1", "Der Rat beschließt den Plan.", "einstimmig"),
        ("2", "Der Rat beschließt abweichend vom Beschlussvorschlag, erst 2026 zu sanieren.", None)]


def test_the_body_electing_someone_to_an_office_is_a_decision() -> None:
    got = decisions("## 1. Wahlen\n\nDie Versammlung wählt Tom Kurz mit 18 von 20 Stimmen zum Kassenwart.\n\n"
                    "## 2. Ausflug\n\nAnna wählt das Ziel des Ausflugs aus.\n")
    assert [(d["section"], d["text"]) for d in got] == [
        ("1", "Die Versammlung wählt Tom Kurz mit 18 von 20 Stimmen zum Kassenwart.")]


def test_task_list_lines_name_their_assignee_before_a_colon_and_a_poll_tallies_options() -> None:
    got = decisions("Anwesend: Anna Berg, Tom Kurz\n\n## 1. Sommerfest\n\nDiskussion.\n\n**Aufgaben:**\n"
                    "- Anna Berg: Getränke bis 30.6.\n- Tom Kurz: Zelt\n\n**Meinungsbild:** Samstag 6 / Sonntag 3\n")
    assert [d["assignees"] for d in got if d["kind"] == "todo"] == [["Anna Berg"], ["Tom Kurz"]]
    poll = [d for d in got if d["kind"] == "beschluss"]
    assert [(d["vote"], d["votes"]) for d in poll] == [("Samstag 6 / Sonntag 3", None)]
