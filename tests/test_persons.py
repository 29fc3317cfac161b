"""Persons by their shape and their place: lone first names, offices and titles, handles paired with
real names, "Name (Verein)" conventions, role words resolved to the person who holds the role."""

from __future__ import annotations

from om_extract import extract_text
from om_extract.names import find_names, is_common_given


def _names(text: str) -> list[tuple[str | None, str | None, str, bool]]:
    return [(n.title, n.first, n.last, n.given_only) for n in find_names(text)]


def test_lone_first_names_where_only_a_person_can_stand() -> None:
    text = ("Die Schlüssel haben wir von Gisela und Hartmut bekommen. Mit Wiebke fehlt noch der Beleg. "
            "Ottilie hat den Saal reserviert. Danke an Bernhard, der die Plakate gemalt hat.")
    assert [n[2] for n in _names(text)] == ["Gisela", "Hartmut", "Wiebke", "Ottilie", "Bernhard"]


def test_words_the_lexicon_lists_as_rare_names_elsewhere_are_no_persons() -> None:
    assert not is_common_given("Burg") and not is_common_given("Even") and is_common_given("Hauke")
    text = "Ein Angebot, Burg Falkenfels, ist günstig. Er wäre eine\nArt) Kassenwart.\nBasel\n: Hackerspace Basel (Otto)"
    assert [n[2] for n in _names(text)] == []


def test_offices_and_titles_stay_out_of_the_name() -> None:
    text = "Vzbgm. Mag. Ilse Brandl trägt vor. GR DI Kurt Haslauer fragt nach. GV Wahl der Prüfer."
    assert _names(text) == [("Mag.", "Ilse", "Brandl", False), ("DI", "Kurt", "Haslauer", False)]


def test_role_word_before_a_first_name_is_no_part_of_it() -> None:
    assert _names("Kassenprüferin Roswitha berichtet von der Prüfung.") == [(None, None, "Roswitha", True)]


def test_a_role_word_in_a_list_is_no_person() -> None:
    from om_extract.names import listed_name

    assert listed_name("Kassierin") is None and listed_name("Präsident") is None
    assert listed_name("Gundula")[0].last == "Gundula"


def test_role_on_the_line_above_is_no_salutation() -> None:
    assert _names("Wahl Vorstand\n\nEgon (Ortsgruppe Süd) stellt sich vor.") == [(None, None, "Egon", True)]


def test_handle_paired_with_a_real_name_is_that_person() -> None:
    text = ("Protokoll der Mitgliederversammlung\n\n1. Berichte\n\nquirin gibt einen Überblick über das Jahr.\n\n"
            "2. Wahlen\n\nVorsitz: quirin (Quirin Baumhauer), nimmt die Wahl an.\n")
    p = extract_text(text, model=None)
    person = next(x for x in p.persons if x.name == "Quirin Baumhauer")
    assert "quirin" in person.variants
    assert [x.name for x in p.sections[0].presenters] == ["Quirin Baumhauer"]


def test_single_words_before_the_documents_affiliation_labels_are_persons() -> None:
    text = ("Protokoll\n\nAnwesend: Ottokar (Makerspace Nord), Wiebke (Makerspace Nord), Hartmut (Funkclub)\n\n"
            "1. Wahl\n\nzaphod42 (Funkclub) kandidiert nicht. Die Wahl von zaphod42 entfällt.\n\n2. Ende\n\nSchluss.\n")
    p = extract_text(text, model=None)
    person = next(x for x in p.persons if x.name == "zaphod42")
    assert person.organizations == ["Funkclub"]
    assert next(x for x in p.persons if x.name == "Ottokar").organizations == ["Makerspace Nord"]


def test_member_of_names_the_organization_and_a_first_name_shared_by_two_is_nobody() -> None:
    text = ("Protokoll\n\nAnwesend: Jonas Eberle, Jonas Pfeil, Magda Wirz\n\n1. Bericht\n\n"
            "- Magda: Rupert (Mitglied der Jugendfeuerwehr) hilft beim Fest.\n- Jonas: Gut.\n\n2. Ende\n\nSchluss.\n")
    p = extract_text(text, model=None)
    assert next(x for x in p.persons if x.name == "Rupert").organizations == ["Jugendfeuerwehr"]
    assert "Jonas" not in [x.name for x in p.persons]


def _presenters(text: str) -> list[list[str]]:
    return [[x.name for x in s.presenters] for s in extract_text(text, model=None).sections]


def test_item_owner_in_the_heading_resolved_through_the_attendance_list() -> None:
    text = ("# Protokoll der Vorstandssitzung\n\nAnwesend:\n\n* Gudrun Hellwig\n* Tobias Brandl\n\n"
            "## 1. Kassenbuch (#12) - [GH]\n\nDas Kassenbuch ist vollständig.\n\n"
            "## 2. Sommerfest mit Tobias\n\nDer Termin steht.\n\n## 3. Flyer - [XY]\n\nNoch offen.\n")
    assert _presenters(text) == [["Gudrun Hellwig"], ["Tobias Brandl"], []]


def test_role_word_resolved_to_the_person_who_holds_it() -> None:
    text = ("Protokoll\n\nAnwesend: Bgm. Ing. Alois Grubinger (Vorsitz), GR Herta Lindner\n\n"
            "Punkt 1: Bericht\nDer Bürgermeister berichtet über den Winterdienst.\n\n"
            "Punkt 2: Kasse\nKurze Präsentation der Jahresrechnung durch Kassierin Herta Lindner.\n\n"
            "Punkt 3: Satzung\nDie Satzungsänderung wird von der Kassierin vorgetragen und angenommen.\n")
    assert _presenters(text) == [["Alois Grubinger"], ["Herta Lindner"], ["Herta Lindner"]]


def test_imagining_a_task_a_candidacy_and_a_greeting_are_no_presenting() -> None:
    text = ("# Protokoll\n\n## Wahl\n\nOttmar (Ortsgruppe Nord) stellt sich vor, die Kasse zu\n"
            "übernehmen. Gerlinde (Ortsgruppe Süd) stellt sich kurz vor: Sie ist seit 2010 dabei.\n"
            "Wiebke (Ortsgruppe Nord) stellt sich zur Wahl.\n\n## Bericht\n\n"
            "Hartmut gibt anschließend einen Rückblick auf das Jahr. Der Beschluss wurde präsentiert.\n")
    assert _presenters(text) == [["Gerlinde"], ["Hartmut"]]


def test_candidate_between_the_verbs_parts_and_the_chair_explaining_a_motion() -> None:
    text = ("Niederschrift\n\nVorsitzender:     Erster Bürgermeister Korbinian Seidl\n\n"
            "§ 1 Bericht\nDer Vorsitzende berichtet über den Bauhof.\n\n"
            "§ 2 Gebühren\nDer Vorsitzende erläutert die Kalkulation. Beschluss: einstimmig.\n\n"
            "§ 3 Wahl\nAls Kassenwart stellt sich Linus Obermaier vor, der seit 2019 dabei ist.\n\n"
            "Korbinian Seidl                         Theresa Holzner\n"
            "Erster Bürgermeister                    Schriftführerin\n")
    p = extract_text(text, model=None)
    assert [[x.name for x in s.presenters] for s in p.sections] == [["Korbinian Seidl"], [], ["Linus Obermaier"]]
    assert "Schriftführerin" not in [x.name for x in p.persons]


def test_an_organization_in_parentheses_after_a_name_is_no_handle() -> None:
    from om_extract.names import NameMatch
    from om_extract.resolve import People
    from om_extract.stages.entities import _handle_mentions

    text = "Wiebke Sandmann (kjr), Hartmut Oltrogge (tkdv). Der kjr lädt ein, tkdv kommt."
    people = People()
    for first, last in (("Wiebke", "Sandmann"), ("Hartmut", "Oltrogge")):
        a = text.index(first)
        b = text.index(last) + len(last)
        people.add(NameMatch(a, b, a, None, None, first, last), (a, b), text[a:b])
    _handle_mentions(text, people, {"kjr"})  # "kjr" names an organization elsewhere in the document
    assert [e.variants for e in people.entries] == [["Wiebke Sandmann"], ["Hartmut Oltrogge", "tkdv"]]
    assert len(people.entries[1].mentions) == 3  # the pairing's own and the later "tkdv"


def test_an_abstract_noun_after_a_role_word_is_no_surname() -> None:
    assert find_names("Die Jahresrechnung wird genehmigt und dem Vorstand Entlastung erteilt.") == []
    assert find_names("Der Kassier Hartung verliest den Bericht.")[0].last == "Hartung"


def test_people_found_by_surname_after_a_fuller_form_and_a_removal() -> None:
    """The surname index follows an entry to a fuller surname, keeps the order of arrival, and
    forgets a removed entry."""
    from om_extract.names import NameMatch
    from om_extract.resolve import People

    people = People()

    def add(first: str | None, last: str) -> object:
        return people.add(NameMatch(0, 1, 0, None, None, first, last), (0, 1), f"{first or ''} {last}".strip())

    albers = add(None, "Albers")
    assert add("Anna", "Albers") is albers and albers.first == "Anna"
    kuehn = add("Bernd", "Kühn")
    assert add("Anna Maria", "Albers-Kühn") is albers and albers.last == "Albers-Kühn"
    assert people.find("Anna", "Albers-Kühn") is albers
    assert people.find(None, "Kühn") is kuehn  # the exact surname first, though the double name came earlier
    people.remove(albers)
    assert people.find("Anna", "Albers") is None and people.entries == [kuehn]


def test_office_before_a_surname_and_a_role_set_off_before_the_presenter() -> None:
    """"Vbgm. Hinterberger berichtet": an office only persons hold names a person by surname, as a salutation
    does ("GV 2024" or "BM Inneres" do not); "Der Obmann des Ausschusses, GR Kreuzhuber, berichtet" presents."""
    text = ("Verhandlungsschrift\n\nAnwesend: Bgm. Ing. Reinhold Aigner, Vbgm. Christa Hinterberger, "
            "GR Johann Kreuzhuber\n\nZu Punkt 1: Prüfung\n"
            "Der Obmann des Prüfungsausschusses, GR Kreuzhuber, berichtet über die Prüfung.\n\n"
            "Zu Punkt 2: Ankauf\nVbgm. Hinterberger berichtet über die Angebote.\n\n"
            "Zu Punkt 3: Allfälliges\nDie GR Sitzung im Mai entfällt.\n")
    assert _presenters(text) == [["Johann Kreuzhuber"], ["Christa Hinterberger"], []]
    assert [(n.first, n.last) for n in find_names("Vbgm. Hinterberger berichtet, GR Moser fragt")] == [
        (None, "Hinterberger"), (None, "Moser")]
    assert find_names("Die GR Sitzung und die GV Huber-Stiftung") == []


def test_a_surname_that_is_also_a_first_name_joins_its_one_full_person() -> None:
    """"Bezirksbürgermeisterin Arslan-Heller" ("Arslan" is a first name too) is the listed Sevgi Arslan-Heller."""
    p = extract_text("Anwesend: Sevgi Arslan-Heller, Paul Huber\n\n1. Bericht\n\nBezirksbürgermeisterin Arslan-Heller "
                     "eröffnet die Sitzung.\n\n2. Ende\n\nNichts.\n", file="x.txt", model=None)
    assert [(x.name, x.variants) for x in p.persons] == [
        ("Sevgi Arslan-Heller", ["Sevgi Arslan-Heller", "Arslan-Heller"]), ("Paul Huber", ["Paul Huber"])]


def test_reporter_lines_under_austrian_item_headings() -> None:
    """"Punkt 1 der Tagesordnung: Haushalt" is item 1 titled "Haushalt"; "Berichterstatterin: Kämmerin X",
    "Berichterstatter: Bürgermeister Y", "Sachvortrag: GR Z" name the presenters; "Kämmerin" is no first name."""
    p = extract_text("Niederschrift über die Sitzung des Gemeinderates\n\nAnwesend: Bürgermeister Karl Brenner, "
                     "Kämmerin Eva Schachner, GR Paul Huber\n\nPunkt 1 der Tagesordnung: Haushalt 2025\n"
                     "Berichterstatterin: Kämmerin Eva Schachner\nDie Kämmerin erläutert den Entwurf.\n\n"
                     "Punkt 2 der Tagesordnung: Feuerwehr\nBerichterstatter: Bürgermeister Brenner\nKenntnisnahme.\n\n"
                     "Punkt 3 der Tagesordnung: Allfälliges\nSachvortrag: GR Paul Huber\nKeine Beschlüsse.\n",
                     file="x.txt", model=None)
    assert [(s.title, [x.name for x in s.presenters]) for s in p.sections] == [
        ("Haushalt 2025", ["Eva Schachner"]), ("Feuerwehr", ["Karl Brenner"]), ("Allfälliges", ["Paul Huber"])]
    assert [x.name for x in p.persons] == ["Karl Brenner", "Eva Schachner", "Paul Huber"]


def test_a_pad_handle_with_a_dot_is_the_paired_person() -> None:
    p = extract_text("# Plenum 12.06.2025\n\n**Anwesend:** Hannah Kröger (@hannah.k), Ole Matthiesen (@ole)\n\n"
                     "## TOP 1: Sache\n\n@hannah.k berichtet.\n", file="t.md", model=None)
    assert (p.persons[0].name, p.persons[0].variants) == ("Hannah Kröger", ["Hannah Kröger", "@hannah.k"])
    assert [x.name for x in p.sections[0].presenters] == ["Hannah Kröger"]
