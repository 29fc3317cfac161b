"""Quick tests that spare a long pattern where it cannot match must never hide a match of it."""

from __future__ import annotations

import re
from pathlib import Path

from om_extract import extract_text
from om_extract.gates import first_letters, line_matches, trie_alternation
from om_extract.layouts import build_layout
from om_extract.names import find_names
from om_extract.orgs import (
    _actor_patterns,
    _definitions,
    _line_gates,
    _text_gates,
    find_orgs,
    ground,
    register_pattern,
    shape_patterns,
)
from om_extract.rules import RULES
from om_extract.stages.card import _ELECTION_LABEL, _election_fields
from om_extract.stages.dates import _masked, _month_years, _patterns, find_dates
from om_extract.stages.decisions import _label
from om_extract.stages.header import fields
from om_extract.stages.links import _masked as _link_masked
from om_extract.stages.links import _pattern as _link_pattern
from om_extract.stages.links import find_links
from om_extract.stages.next_meetings import _cue
from om_extract.stages.sections import postponed
from om_extract.stages.votes import vote_of, vote_phrase
from om_extract.text import MappedText


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern's source (escapes, classes and groups respected)."""
    parts, cur, depth, in_class, i = [], "", 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur, i = cur + pattern[i : i + 2], i + 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts, cur, i = [*parts, cur], "", i + 1
            continue
        cur, i = cur + c, i + 1
    return [*parts, cur]


def _required(alternative: str) -> str:
    """What an alternative's matches always hold, case folded: optional groups dropped, "[Ee]" read as "e"."""
    text = re.sub(r"\[(\w)(\w)\]", lambda m: m[1] if m[1].casefold() == m[2].casefold() else m[0], alternative)
    while True:
        shorter = re.sub(r"\((?:\?:)?[^()]*\)[?*]", "", text)
        if shorter == text:
            return text.casefold()
        text = shorter


def test_every_vote_part_holds_a_vote_word() -> None:
    """Every vote phrase holds a side word or key (its tally), "against", "triple", "support" or a consent."""
    words = RULES.data["vote_words"]
    parts = RULES.data["vote_parts"]
    keys = ("yes", "no", "abstain", "yes_key", "no_key", "against", "triple", "support", "consent")
    alternatives = [a for k in keys for a in _alternatives(parts[k])]
    assert len(alternatives) >= 30
    assert [a for a in alternatives if not any(w in _required(a) for w in words)] == []


def test_every_consent_holds_a_consent_word_and_every_other_part_a_number() -> None:
    """A consent is searched only beside a consent word, the counted parts only beside a digit or number word."""
    words = RULES.data["vote_consent_words"]
    parts = RULES.data["vote_parts"]
    consents = _alternatives(parts["consent"])
    assert len(consents) >= 15
    assert [a for a in consents if not any(w in _required(a) for w in words)] == []
    assert "{n}" in _required(parts["against"]) and "{n}" in _required(parts["support"])
    assert all(_required(t).count("\\d") == 3 for t in _alternatives(parts["triple"]))
    counted = re.compile(RULES.data["vote_counted_words"], re.I)
    assert counted.search(_required(parts["against"])) and counted.search(_required(parts["support"]))


def test_counted_votes_without_a_digit_through_the_gate() -> None:
    assert vote_of("Gegen: zwei. Dafür: neun.") == "Gegen: zwei"
    assert vote_of("Bei drei gegen neun Stimmen abgelehnt.") == "Bei drei gegen neun Stimmen abgelehnt"
    assert vote_of("Nur vier Mitglieder befürworten den Vorschlag.") == "Nur vier Mitglieder befürworten"
    assert vote_of("Mit zwei Ja-Stimmen und einer Enthaltung angenommen.") == "Mit zwei Ja-Stimmen und einer Enthaltung angenommen"
    assert vote_phrase("Ein Mitglied ist für eine andere Lösung, die zwei Jahre hält.") is None


def test_vote_phrases_through_the_gate() -> None:
    assert vote_of("Der Antrag wird mit 12 Ja-Stimmen, 2 Nein-Stimmen und 1 Enthaltung angenommen.") is not None
    assert vote_of("Ergebnis (7/1/2) – so beschlossen.") == "(7/1/2) – so beschlossen"
    assert vote_of("Niemand ist dagegen.") == "Niemand ist dagegen"
    assert vote_of("Die Versammlung ist RUNDUM EINIG.") == "RUNDUM EINIG"
    assert vote_phrase("Der Kassenwart stellt den Haushaltsplan für das Jahr vor.") is None
    assert vote_phrase("Wir treffen uns im Vereinsheim zum Grillen.") is None
    assert vote_of("Beschlossen mit zwei Ja-Stimmen und einer Enthaltung.") == "Beschlossen mit zwei Ja-Stimmen und einer Enthaltung"
    assert vote_of("Der Vorschlag findet allgemeine Zustimmung, mit Zustimmung aller angenommen.") == "mit Zustimmung aller angenommen"
    assert vote_of("Dafür: 12, dagegen: 3 – angenommen.") == "Dafür: 12, dagegen: 3 – angenommen"
    assert vote_phrase("Der Kassenwart ist für die Anschaffung, ohne Frage.") is None


def test_every_postponed_alternative_holds_a_gate_word() -> None:
    gate = re.compile(RULES.data["postponed_words"], re.I)
    alternatives = _alternatives(RULES.data["postponed"])
    assert len(alternatives) >= 5
    assert [a for a in alternatives if not gate.search(a)] == []


def test_postponed_through_the_gate() -> None:
    assert postponed("Der Punkt Kassenbericht wird auf die nächste Sitzung vertagt.")
    assert postponed("Vertagt.")
    assert postponed("Die Beratung des Haushalts wird zurückgestellt.")
    assert postponed("TOP 4 wird auf eine spätere Sitzung zu verschieben sein, wir verschieben ihn.")
    assert not postponed("Der Kassenbericht wird vorgetragen und zur Kenntnis genommen.")


def test_capital_first_org_patterns_open_with_a_capital() -> None:
    """A capital tested first must not hide a match: each such pattern still finds its example."""
    text = ("Das Schreiben vom Finanzamt Talheim ging an die Brunnhuber Bau GmbH und den Verein für Heimatpflege, "
            "wir danken der Open Data Foundation, dem Ost-FSR, der SPD-Fraktion und der AG Radverkehr.")
    found = [[m["org"] for m in rx.finditer(text)] for _, rx in shape_patterns() if rx.pattern.startswith("(?=[A-Z")]
    assert found == [["Finanzamt Talheim"], ["Brunnhuber Bau GmbH"], ["Verein für Heimatpflege"], ["SPD-Fraktion"],
                     ["Open Data Foundation"], ["Ost-FSR"], ["AG Radverkehr"]]


_DATE_TEXT = ("Ende   März 2020 x; xEnde Mai 2021; Mitte Juni 20201; Anfang  Sept\t1999 und Oktober 2000 "
              "Dezember\n\n  2001, Stand 2019-03-12, Ablage 2024.1.5, 14.-16.06.2013, 3. bis 5. Mai 2022, "
              "Datei a12.05.2020.pdf, 9.März, 1. 2. 23, v1.12.2020")


def test_month_years_read_only_before_years_as_the_whole_text() -> None:
    """The month-and-year matches, searched only before a year, are those over the whole text."""
    scan = _masked(_DATE_TEXT)
    whole = [(m.span(), m.groups()) for m in _patterns()["month"].finditer(scan)]
    assert [(m.span(), m.groups()) for m in _month_years(scan)] == whole
    assert [m[1] for m in whole] == [("März", "2020"), ("Mai", "2021"), ("Sept", "1999"), ("Oktober", "2000"),
                                     ("Dezember", "2001"), ("Mai", "2022")]


def test_digit_first_date_patterns_keep_their_look_behinds() -> None:
    """Digits tested before the look-behind ("no word character or dot before") still refuse "v1.12.2020"."""
    isos = [d.iso for d in find_dates(_DATE_TEXT, 2022)]
    assert isos == ["2020-03", "2021-05", "1999-09", "2000-10", "2001-12", "2019-03-12", "2024-01-05",
                    "2013-06-14", "2013-06-16", "2022-05-03", "2022-05-05", "2022-02-01"]


def _crosses_lines(pattern: str) -> bool:
    """Whether a pattern's source holds something that can match a line break (a blank class, a
    negated class, a dot outside a class)."""
    bare = re.sub(r"\\[^sSWD]", "", pattern)  # escapes other than blank / non-word / non-digit classes
    return bool(re.search(r"\\[sSWD]|\[\^", bare)) or "." in re.sub(r"\[[^\]]*\]", "", bare)


def test_line_gated_org_patterns_stay_within_a_line() -> None:
    gated = [rx.pattern for (_, rx), gate in zip(shape_patterns(), _line_gates(), strict=True) if gate]
    assert len(gated) == 3
    assert [p for p in gated if _crosses_lines(p)] == []


def test_line_gated_org_patterns_find_what_they_find_over_the_whole_text() -> None:
    text = ("Brunnhuber Bau GmbH\nDruckerei Lenz e.K und Heimat- und Geschichtsverein Wolfsgrund e. V. sowie Nord KGaA,\n"
            "Ost UG, Süd OHG, Kasse eG, Zeta SE, Omega mbH, Gemeinnützig gGmbH, Alpha Beta AG und die AG Radverkehr.\n"
            "Kanu-Clubs Aarefeld, Tierschutzpartei Talheim und Bürgerverein Nordstadt; Volksbank Talheim.\n"
            "Die Kreissparkasse Ebersfelden, der Stiftung Heimatpflege-Gesellschaft Wolfsgrund.\n"
            "Alpine Heritage Foundation, Regional Mapping Working Group und Python User Group Talheim.")
    for (_, rx), gate in zip(shape_patterns(), _line_gates(), strict=True):
        assert [m.span() for m in line_matches(rx, gate, text)] == [m.span() for m in rx.finditer(text)]
    found = [m["org"] for (_, rx), gate in zip(shape_patterns(), _line_gates(), strict=True) if gate
             for m in line_matches(rx, gate, text)]
    assert found == ["Brunnhuber Bau GmbH", "Druckerei Lenz e.K", "Heimat- und Geschichtsverein Wolfsgrund e. V.",
                     "Nord KGaA", "Ost UG", "Süd OHG", "Kasse eG", "Zeta SE", "Omega mbH", "Gemeinnützig gGmbH",
                     "Alpha Beta AG", "Geschichtsverein Wolfsgrund", "Kanu-Clubs Aarefeld", "Tierschutzpartei Talheim", "Bürgerverein Nordstadt",
                     "Volksbank Talheim", "Kreissparkasse Ebersfelden", "Alpine Heritage Foundation",
                     "Regional Mapping Working Group", "Python User Group"]


def test_each_cue_alternative_holds_its_gate_alternative() -> None:
    """The gate of a card cue is, alternative by alternative, a piece of the cue: no cue match without a gate match."""
    for key in ("moderator_cue", "minute_taker_cue"):
        cue, gate = _alternatives(RULES.data[key]), _alternatives(RULES.data[f"{key}_gate"])
        assert len(gate) == len(cue) >= 2
        assert [g for g, c in zip(gate, cue, strict=True) if g not in c] == []


def test_card_cues_through_their_gates() -> None:
    lines = {"moderator_cue": ["Jana Roth wird einstimmig als Versammlungsleiterin gewählt.",
                               "Als Sitzungsleitung wird Tom Weber bestimmt.",
                               "Eröffnet durch den Präsidenten Ueli Huber um 19:05.",
                               "Die Vorsitzende Petra Lang eröffnet die Sitzung.",
                               "Karl Maier (Kassier) als Versammlungsleiter."],
             "minute_taker_cue": ["Mia Stern wurde zur Protokollführerin bestimmt.", "Als Protokollant wird Leo Brandt gewählt."]}
    for key, examples in lines.items():
        cue, gate = RULES.rx(key), RULES.rx(f"{key}_gate")
        assert [bool(cue.search(t) and gate.search(t)) for t in examples] == [True] * len(examples)
        assert gate.search("Die Sitzung wird um 19:00 eröffnet; das Protokoll wird verlesen.") is None


def test_every_role_noun_opens_with_a_capital() -> None:
    """The role pattern tests a capital before its look-behind."""
    starts = [a for a in _alternatives(RULES.data["role_nouns"]) if not re.match(r"\(\?:[A-ZÄÖÜ]|\[A-ZÄÖÜ\]|[A-ZÄÖÜ]", a)]
    assert starts == []


def test_names_through_the_capital_tests_and_the_cited_year() -> None:
    text = "Frau Dr. Ute Kranich und Lisa Brenner; Kassier Albers; vgl. Huber, Maier (2019)."
    assert [(n.first, n.last) for n in find_names(text)] == [
        ("Ute", "Kranich"), ("Lisa", "Brenner"), (None, "Albers"), (None, "Huber"), (None, "Maier")]
    assert [n.last for n in find_names("vgl. Huber, Maier 2019.")] == []


def test_ground_tests_the_first_letters_of_its_forms() -> None:
    text = "Der KCA und der Kanu-Club Aarefeld; KCA-Tour, www.kca.de, #KCA, das 3D-Team und (3D-Team) grüßen."
    assert [text[a:b] for a, b in ground(text, ["KCA", "Kanu-Club Aarefeld", "3D-Team"])] == [
        "KCA", "Kanu-Club Aarefeld", "3D-Team", "3D-Team"]


def test_affiliated_handles_found_on_the_lines_with_a_shared_label() -> None:
    """A handle before a "(Space)" that people of the document share is searched only on lines holding such a label."""
    text = ("Protokoll der Sitzung vom 12.03.2024\n\n1. Begrüßung\n\nOttokar Brandt (Funkclub Moosbach) und Lisa Krämer "
            "(Bastelkeller) eröffnen.\nSpäter kommt kr4ken (Bastelkeller) dazu, und kr4ken zeigt den Lötkurs.\n")
    persons = extract_text(text, file="handles.txt", model=None).persons
    assert [(p.name, p.organizations, p.spans) for p in persons][2] == ("kr4ken", ["Bastelkeller"], [(141, 147), (173, 179)])


def test_masked_token_is_its_url_alternative_or_a_file_name_ending_in_the_gate() -> None:
    """The date mask without its file alternative is its URL alternative: the file one ends with the gate."""
    token, url, gate = (RULES.data[k] for k in ("date_masked_token", "date_masked_url", "date_masked_file_gate"))
    assert token.startswith(f"{url}|") and token.endswith(gate) and len(_alternatives(token)) == 2
    assert _masked("Siehe www.verein-2019.de/05.06.2020 am 3.4.") == "Siehe " + " " * 29 + " am 3.4."
    assert _masked("Datei a12.05.2020.PDF am 3.4.") == "Datei " + " " * 15 + " am 3.4."


def test_first_letters_of_word_alternations() -> None:
    assert first_letters("(?:der|die|beim)", "(?:von|Bei)") == "(?=[Bbdv])"


def test_trie_alternation_prefers_the_longer_word_and_backtracks() -> None:
    rx = re.compile(rf"(?:{trie_alternation(['AG', 'AGS', 'AG Nord', 'BA'])})(?![\w])")
    assert [m.group() for m in rx.finditer("AG Nord, AGS, AG Nordost, AGSX, BA")] == ["AG Nord", "AGS", "AG", "BA"]


def test_register_trie_finds_what_the_longest_first_alternation_finds() -> None:
    """The register's forms as a trie of prefixes match exactly what their plain alternation, longest
    first, matches (with the register's genitive and word-end tail): on every form, its genitive, a
    cut-off form, a compound and a longer name."""
    forms = sorted({f for e in RULES.register for f in e.forms}, key=len, reverse=True)
    trie, plain = (re.compile(rf"(?<![\w-])(?:{alt})(?:s|es)?(?![\w]|-\w)")
                   for alt in (trie_alternation(forms), "|".join(map(re.escape, forms))))
    text = " ".join(f"{f}, {f}s; {f[:-1]} {f}-Tour x{f} {f} Nord ({f}es)" for f in forms)
    found = [m.span() for m in trie.finditer(text)]
    assert len(found) > 4 * len(forms) and found == [m.span() for m in plain.finditer(text)]
    assert trie_alternation(forms) in register_pattern().pattern


def test_actor_patterns_find_the_same_without_their_look_ahead() -> None:
    """The first-letter look-ahead before the actor patterns spares work only: without it they find the same."""
    text = ("Die Anfrage beim ADFC läuft.\nVSHSW bleibt Partner. Wir treffen uns mit der HSW und FHT.\n"
            "Bei JuFo gibt es Neues; Vom KlangRaum kam Post. Über ABCD wurde gesprochen, des KlangRaums wegen.\n"
            "- KGS organisiert das Fest. Im BUND wird diskutiert, am Ende auch für ÖGB.")
    for rx in _actor_patterns():
        plain = re.compile(re.sub(r"^\(\?=\[[^]]+\]\)", "", rx.pattern), rx.flags)
        assert plain.pattern != rx.pattern
        found = [(m.span(), m.groupdict()) for m in rx.finditer(text)]
        assert found and found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_every_text_gated_org_pattern_holds_its_gate() -> None:
    """A shape pattern is skipped on a text without its gate: every match (with what its look-ahead reads)
    holds a gate match, and every word of the gate is one the pattern requires."""
    gated = [(re.compile(p["pattern"]), p["text_gate"]) for p in RULES.data["org_patterns"] if "text_gate" in p]
    assert len(gated) >= 5 and len([g for g in _text_gates() if g]) == len(gated)
    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "fixtures").rglob("*.txt"))]
    texts.append("Die Nord-Akademie, die Sommer Akademie, vom Medienkollektiv, der Leitungskreis der Stiftung, "
                 "PHYS-FSR, AG Finanzen, Fachgruppe Technik")
    for rx, gate in gated:
        words = re.sub(r"^-\(\?:|\)$", "", gate).split("|")
        assert all(w.casefold() in _required(rx.pattern) for w in words)
        found = [m for t in texts for m in rx.finditer(t)]
        assert found and all(re.search(gate, m.string[m.start() : m.end() + 40]) for m in found)


def test_text_gated_org_patterns_still_find() -> None:
    names = {o.text for o in find_orgs("Der Bericht kam vom Medienkollektiv. Die AG Finanzen und das PHYS-FSR tagen.")}
    assert {"Medienkollektiv", "AG Finanzen", "PHYS-FSR"} <= names


def test_definitions_read_acronyms_in_parentheses_only() -> None:
    text = "Die Regional Mapping Working Group (RMWG) und Last-In-First-Out (LIFO); RMWG) ohne Klammer, (ZDH)."
    found, not_org = _definitions(text)
    assert [(o.text, text[o.start : o.end]) for o in found] == [("Regional Mapping Working Group",) * 2, ("RMWG",) * 2]
    assert not_org == {"LIFO"}


def test_presenter_agent_finds_the_same_without_its_look_ahead() -> None:
    source = RULES.data["presenter_agent"].replace("{role}", RULES.data["role_nouns"])
    rx, plain = re.compile(source), re.compile(re.sub(r"^\(\?=\[[^]]+\]\)", "", source))
    assert plain.pattern != rx.pattern
    text = ("Bericht: Kassierin Anna Muster. Präsentation der Jahresrechnung durch den Präsidenten Reto Meier; "
            "Impuls:Jonas, Vortrag von Frau Graf, vom Vorstand erläutert, Input : Referentin Lea.")
    found = [(m.span(), m.groupdict()) for m in rx.finditer(text)]
    assert len(found) >= 5 and found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_next_meeting_quick_test_finds_the_same_without_its_look_ahead() -> None:
    rx = _cue()[1]
    plain = re.compile(re.sub(r"^\(\?=\[[^]]+\]\)", "", rx.pattern), re.I)
    assert plain.pattern != rx.pattern
    text = ("Die NÄCHSTE Sitzung findet am 3. März statt. Übernächstes Mal tagt der Vorstand; kommende Woche "
            "treffen wir uns, Folgender Termin: 4.5. Tritt zusammen. Nächster Termin: TBD, übernächstes Treffen.")
    found = [m.span() for m in rx.finditer(text)]
    assert len(found) >= 8 and found == [m.span() for m in plain.finditer(text)]


def test_election_fields_read_the_same_as_all_fields() -> None:
    text = ("Protokoll der Mitgliederversammlung\n\nOrt: Vereinsheim\n\nWahl der Versammlungsleitung:\n"
            ": Lea Sommer\n\nProtokollführung\n: Tim Berg\n\nSchriftführer: Max Roth · Beginn: 19 Uhr\n\n"
            "TOP 1 Bericht\n\nSitzungsleitung: Eva Graf\n\nModeration: Jo Keller\n")
    lay = build_layout("plain", MappedText.identity(text))
    every = [f for f in fields(lay, list(range(len(lay.blocks))))
             if f.key in ("moderator", "minute_taker") and _ELECTION_LABEL.match(f.label)]
    assert len(every) >= 4 and _election_fields(lay) == every


def test_links_without_an_at_sign_are_found_without_the_address_alternative() -> None:
    text = ("Infos auf www.verein-beispiel.ch/termine und https://example.org/a?b=1, Folien: netz.de.\n"
            "Siehe <a href=\"https://foo.at\">Seite</a> und ![Bild](https://img.de/x.png) sowie info-\nverein.ch")
    assert "@" not in text and _link_masked(text) != text
    found = [(m.span(), m.lastgroup) for m in _link_pattern(False).finditer(text)]
    assert len(found) >= 4 and found == [(m.span(), m.lastgroup) for m in _link_pattern().finditer(text)]
    assert _link_masked("kein Link hier.") == "kein Link hier."
    hits = find_links("Kontakt: vorstand@verein.ch, Web: verein.ch")
    assert [(h.url, h.kind) for h in hits] == [("vorstand@verein.ch", "email"), ("verein.ch", "url")]


def test_a_label_after_a_sentence_needs_its_colon() -> None:
    lay = build_layout("plain", MappedText.identity("Wir prüfen das. Beschluss: Der Haushalt wird genehmigt.\n"))
    found = _label(lay, lay.blocks[0], standalone=False)
    assert found is not None and (found.kind, found.label, found.start) == ("beschluss", "Beschluss", 16)
    lay = build_layout("plain", MappedText.identity("Wir prüfen das. Beschluss folgt später.\n"))
    assert _label(lay, lay.blocks[0], standalone=False) is None


def test_every_text_markup_evidence_match_holds_its_gate() -> None:
    """An evidence pattern is tried only on a text that holds one of its gate strings: every match of it
    (in the markup fixtures, the other fixtures and the text below) holds one, lower-cased."""
    fixtures = Path(__file__).parent / "fixtures"
    texts = [p.read_text(encoding="utf-8") for p in sorted(fixtures.rglob("*"))
             if p.suffix not in (".yaml", ".json", ".py", ".docx", ".odt", ".pdf") and p.is_file()]
    texts.append("= Titel\n== Abschnitt ==\n====== H ======\n=== x ===\n|===\n** a\n* TODO x\n#+title x\n"
                 "Titel\n~~~~~\n.. note::\n==== ====\n+---+---+\n`Seite <https://x.example>`_\n{|\n|-\n|}\n"
                 "'''fett''' [[Seite]] {{Vorlage}} ^ Kopf ^\nlink:https://x.example[x] ~~NOTOC~~\n:PROPERTIES:\n:END:\n")
    evidence = [(re.compile(e["pattern"], re.M), e["gate"]) for m in RULES.data["text_markups"].values()
                for e in m["evidence"] if "gate" in e]
    assert len(evidence) >= 20
    for rx, gate in evidence:
        assert all(g == g.lower() for g in gate)
        found = [m.group().lower() for t in texts for m in rx.finditer(t)]
        assert found, rx.pattern
        assert [f for f in found if not any(g in f for g in gate)] == [], rx.pattern
