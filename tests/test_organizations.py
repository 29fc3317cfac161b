"""Organizations by their shape, acronyms the text defines or uses as actors, and the organization
that holds the meeting (issue 15, section 3): snippets of our own."""

from __future__ import annotations

from om_extract import extract_text
from om_extract.orgs import find_orgs


def _names(text: str) -> dict[str, str | None]:
    return {o.canonical.name: o.canonical.abbreviation for o in find_orgs(text)}


def _orgs(text: str) -> dict[str, tuple[str | None, str]]:
    return {o.name: (o.abbreviation, o.kind) for o in extract_text(text, model=None).organizations}


def test_legal_forms_name_companies_and_clubs() -> None:
    names = _names("Gespendet haben die Brunnhuber GmbH (Werkzeug), Brandauer Logistik AG und der "
                   "Obst- und Gartenbauverein Talheim e.V.")
    assert {"Brunnhuber GmbH", "Brandauer Logistik AG", "Obst- und Gartenbauverein Talheim e.V."} <= set(names)


def test_heads_with_a_name() -> None:
    names = _names("Die Stadt Ebershausen und das Amtsgericht Lindenfels schrieben an den Chaostreff Oberwald, "
                   "die Piratenpartei Tirol und den Kanu-Clubs Unterau.")
    assert {"Stadt Ebershausen", "Amtsgericht Lindenfels", "Chaostreff Oberwald", "Piratenpartei Tirol"} <= set(names)


def test_english_heads_without_german_nouns_before_them() -> None:
    names = _names("Der Förderantrag Alpine Mesh Association wurde von der Open Hardware Foundation geprüft.")
    assert "Open Hardware Foundation" in names
    assert "Alpine Mesh Association" in names and "Förderantrag Alpine Mesh Association" not in names


def test_defined_acronym_gives_the_abbreviation_and_a_plain_term_is_no_organization() -> None:
    names = _names("Der Verkehrsclub Deutschland (VCD) lädt ein. Vergeben wird nach First In First Out (FIFO); "
                   "die FIFO gilt für alle.")
    assert names.get("Verkehrsclub Deutschland") == "VCD"
    assert "FIFO" not in names


def test_acronyms_used_as_actors_but_not_in_compounds_or_addresses() -> None:
    names = _names("Wir fragen beim RVKL nach, ob die FHKB und TUW mitmachen. Die RVKL-Tour startet um 10 Uhr, "
                   "siehe www.rvkl.de oder info@pkbw.org. Das PDF liegt bei.")
    assert {"RVKL", "FHKB", "TUW"} <= set(names)
    assert "PDF" not in names and "PKBW" not in names


def test_a_capitalised_line_is_shouting_not_a_name() -> None:
    assert _names("ANNA WILL DEN SAAL RESERVIEREN.") == {}


def test_camel_case_names_after_a_preposition_but_not_products() -> None:
    names = _names("Der Server steht bei NetzWerkstatt, die Gruppe chattet bei WhatsApp.")
    assert "NetzWerkstatt" in names and "WhatsApp" not in names


def test_plural_head_before_a_list() -> None:
    names = _names("Zusammenarbeit mit den Fachschaften Physik, Chemie und Geo")
    assert {"Fachschaft Physik", "Fachschaft Chemie", "Fachschaft Geo"} <= set(names)


def test_register_bodies_only_where_their_umbrella_is_named() -> None:
    assert "Plenum" not in _names("Das Plenum beschließt den Haushalt.")


def test_meeting_organization_from_the_title_in_the_nominative() -> None:
    text = ("# Protokoll der 12. ordentlichen Mitgliederversammlung des Segelclubs Seewinkel\n\n"
            "Datum: 14.03.2025\n\n## 1. Begrüßung\n\nDer Präsident begrüßt die Mitglieder.\n")
    p = extract_text(text, model=None)
    assert p.meeting.organization == "Segelclub Seewinkel"
    assert _orgs(text)["Segelclub Seewinkel"] == (None, "internal")


def test_a_date_in_the_title_names_no_organization() -> None:
    """Month and weekday are no name: "am 3. Mai 2024", "vom Montag, 7. Juli"."""
    for title in ("Protokoll der Sitzung des Vorstands am 3. Mai 2024", "Niederschrift der Sitzung vom Montag, 7. Juli 2025",
                  "Protokoll der Mitgliederversammlung des Segelclubs Seewinkel am 14. März 2025"):
        p = extract_text(f"# {title}\n\n## 1. Begrüßung\n\nDer Vorstand begrüßt die Mitglieder.\n", model=None)
        expected = "Segelclub Seewinkel" if "Segelclub" in title else None
        assert p.meeting.organization == expected, title
        assert {o.name for o in p.organizations} <= {"Segelclub Seewinkel"}, title


def test_meeting_organization_from_a_letterhead_in_capitals() -> None:
    text = ("GEMEINDE BERGHEIM, Landkreis Auental\n\nNIEDERSCHRIFT\n\nüber die Sitzung des Gemeinderates\n\n"
            "Sitzungstag: 02.10.2025\n\nTOP 1 Eröffnung\n\nDer Bürgermeister eröffnet die Sitzung.\n")
    assert extract_text(text, model=None).meeting.organization == "Gemeinde Bergheim"


def test_meeting_organization_from_a_title_without_a_head_word() -> None:
    text = ("# Protokoll netzwerk\\kollektiv Plenum 2024-11-05\n\n## Kasse\n\n"
            "Die Kasse des netzwerk\\kollektiv ist geprüft.\n")
    assert extract_text(text, model=None).meeting.organization == "netzwerk\\kollektiv"


def test_meeting_organization_from_the_own_web_domain() -> None:
    text = ("# 3. Mitgliederversammlung\n\n## 1. Bericht\n\nDer Bericht liegt unter https://werkraum9.org/bericht "
            "und https://werkraum9.org/kasse. Die Werkstatt des Werkraum 9 ist renoviert.\n")
    p = extract_text(text, model=None)
    assert p.meeting.organization == "Werkraum 9"
    assert _orgs(text)["Werkraum 9"][1] == "internal"


def test_bare_organ_title_leaves_the_organization_open() -> None:
    text = "# Protokoll der 5. Sitzung des Studierendenparlaments\n\n## TOP 1 Begrüßung\n\nEs geht los.\n"
    assert extract_text(text, model=None).meeting.organization is None


def test_own_named_bodies_are_internal_and_members_external() -> None:
    text = ("Title: Vollversammlung Fachschaft Geologie\n\n## Bericht\n\nDer FSR Geologie berichtet. Die Fachschaft "
            "Mineralogie und der VSGeo sind eingeladen; der VSGeo hat zugesagt.\n")
    orgs = _orgs(text)
    assert orgs["Fachschaft Geologie"] == (None, "internal")
    assert orgs["Fachschaftsrat Geologie"] == ("FSR Geologie", "internal")
    assert orgs["Fachschaft Mineralogie"][1] == "external"
    assert orgs["VSGeo"][1] == "external"


def test_an_abbreviated_head_and_a_bare_name_join_their_long_forms() -> None:
    text = ("# Protokoll der Vorstandssitzung des Vereins Lichtblick\n\n## 1. Finanzen\n\nDas Amtsgericht Talheim "
            "hat geschrieben; das AG Talheim will die Satzung. Der Verein Lichtblick zahlt, Lichtblick dankt.\n")
    orgs = _orgs(text)
    assert orgs["Amtsgericht Talheim"] == ("AG Talheim", "external")
    assert "AG Talheim" not in orgs


def test_council_factions_with_party_names_of_digits_slashes_and_capitals() -> None:
    names = _names("Die SPD-Fraktion und die CDU/CSU-Kreistagsfraktion stimmen zu; die Fraktion Bündnis 90/Die "
                   "Grünen und die Fraktion DIE LINKE enthalten sich, die Mehrheitsfraktion schweigt.")
    assert {"SPD-Fraktion", "CDU/CSU-Kreistagsfraktion", "Fraktion Bündnis 90/Die Grünen",
            "Fraktion DIE LINKE"} <= set(names)
    assert "Fraktion Bündnis" not in names and not any("Mehrheit" in n for n in names)


def test_a_town_s_companies_court_and_bank_are_not_its_bodies() -> None:
    orgs = _orgs("Protokoll der Sitzung des Gemeinderats der Gemeinde Lindenfels\n\nDatum: 12.03.2024\n\n"
                 "TOP 1 Bericht\n\nDie Stadtwerke Lindenfels GmbH, die Sparkasse Lindenfels und das Amtsgericht "
                 "Lindenfels berichten. Das Bauamt Lindenfels prüft.\n")
    assert orgs["Gemeinde Lindenfels"][1] == "internal"
    assert orgs["Stadtwerke Lindenfels GmbH"][1] == "external"
    assert orgs["Sparkasse Lindenfels"][1] == "external"
    assert orgs["Amtsgericht Lindenfels"][1] == "external"
    assert orgs["Bauamt Lindenfels"][1] == "internal"  # its office, though the place ends in "s"


def test_register_names_well_known_organizations_by_their_full_name() -> None:
    """Parties, unions, welfare and student bodies of the register get their official name and the
    acronym as abbreviation; words and abbreviations that only look like one stay no organization."""
    text = ("Protokoll der Sitzung des Ortschaftsrates Kleinwelsbach am 4. Februar 2025\n\n"
            "Anwesend: Jana Ebert (CDU), Ole Brink (Grüne), Timo Rausch (SPD)\n\n"
            "TOP 1 Radwege\nWir fragen beim ADFC nach; das DRK und ver.di haben geantwortet, die ÖH auch. "
            "Das BMI prüft. Die Spannung beträgt 230 Volt, die Hilfe läuft nach SGB VIII.\n")
    orgs = _orgs(text)
    assert orgs["Christlich Demokratische Union Deutschlands"] == ("CDU", "external")
    assert orgs["Sozialdemokratische Partei Deutschlands"] == ("SPD", "external")
    assert orgs["Bündnis 90/Die Grünen"] == (None, "external")
    assert orgs["Allgemeiner Deutscher Fahrrad-Club"] == ("ADFC", "external")
    assert orgs["Deutsches Rotes Kreuz"] == ("DRK", "external")
    assert orgs["Vereinte Dienstleistungsgewerkschaft"] == ("ver.di", "external")
    assert orgs["Österreichische Hochschüler_innenschaft"] == ("ÖH", "external")
    assert orgs["Bundesministerium des Innern"] == ("BMI", "external")  # the current German one, not an older or Austrian one
    assert not any("Volt" in name or "SGB" in name for name in orgs)


def test_a_party_name_that_is_a_plain_word_in_an_idiom_is_none() -> None:
    names = _names("Die Grünen sind dafür; das Sommerfest findet im Grünen statt, danach geht es ins Grüne.")
    assert list(names) == ["Bündnis 90/Die Grünen"]
    assert [o.text for o in find_orgs("Sommerfest im Grünen, Ausflug ins Grüne.")] == []


def test_a_club_of_the_municipalitys_place_is_no_body_of_it_and_a_plus_joins_a_firm_name() -> None:
    text = ("Protokoll der Sitzung des Gemeinderates\n\nGemeinde Talwil\n\n1. Gesuche\n\n"
            "Der Turnverein Talwil ersucht um einen Beitrag. Die Baukommission Talwil prüft das Gesuch. "
            "Den Auftrag erhält die Keller + Partner AG.\n\n2. Verschiedenes\n\nKeine.\n")
    orgs = _orgs(text)
    assert orgs["Gemeinde Talwil"][1] == "internal" and orgs["Turnverein Talwil"][1] == "external"
    assert "Keller + Partner AG" in orgs and "Partner AG" not in orgs


def test_a_named_group_of_a_named_parent_meets_for_the_parent() -> None:
    p = extract_text("Protokoll der AG Öffentlichkeit im Netzwerk Saubere Flüsse Oberland\n\nDatum: 3. Juni 2025\n\n"
                     "TOP 1: Flyer\nDer Flyer wird gedruckt.\n", model=None)
    assert p.meeting.organization == "Netzwerk Saubere Flüsse Oberland"
    assert p.meeting.body == "AG Öffentlichkeit"
    q = extract_text("Protokoll der AG Öffentlichkeit vom 3. Juni 2025\n\nTOP 1: Flyer\nDer Flyer wird gedruckt.\n",
                     model=None)
    assert q.meeting.organization == "AG Öffentlichkeit"  # no parent named: the standing group itself


def test_a_letterhead_column_a_faction_and_the_word_firma_stay_out_of_the_names() -> None:
    """"Stadt Talheim      Sitzungsdienst": a wide gap ends the name; a faction carrying the city's name is
    external; "Firma" before a company's name is no part of it."""
    text = ("Stadt Talheim                                   Sitzungsdienst\n\nNiederschrift der Sitzung des Stadtrates\n\n"
            "1. Antrag der Fraktion Bürger für Talheim\n\nDen Auftrag erhält die Firma Holzbau Berg GmbH.\n\n"
            "2. Verschiedenes\n\nKeine.\n")
    orgs = _orgs(text)
    assert orgs["Stadt Talheim"][1] == "internal" and orgs["Fraktion Bürger für Talheim"][1] == "external"
    assert "Holzbau Berg GmbH" in orgs and not any(n.startswith(("Firma", "Stadt Talheim ")) for n in orgs)


def test_an_organ_acronym_after_a_preposition_is_no_organization() -> None:
    orgs = _names("Bericht des StuRa und des AStA. Der FSR lädt ein; Gast von der SoLaWi Talheim.")
    assert "StuRa" not in orgs and "FSR" not in orgs


def test_a_founding_year_is_part_of_a_club_name() -> None:
    names = _names("Protokoll der Mitgliederversammlung des TSV Grünwiesen 1921 e.V.; zu Gast: Turnverein 1860 Lindach "
                   "e.V. und der SV Blau-Weiß Hohenau 1910 e. V. Vertrag vom Mai 2025 Brunnhuber GmbH.")
    assert {"TSV Grünwiesen 1921 e.V.", "Turnverein 1860 Lindach e.V.", "SV Blau-Weiß Hohenau 1910 e. V.",
            "Brunnhuber GmbH"} == set(names)
    p = extract_text("Jahreshauptversammlung 2025 – Schützenverein Tell 1898 Oberau e.V.\n\nTOP 1: Begrüßung\nHallo.\n",
                     model=None)
    assert p.meeting.organization == "Schützenverein Tell 1898 Oberau e.V."
