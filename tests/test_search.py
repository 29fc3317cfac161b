"""Search: compound parts, German spellings, filters, JSON, and queries that try to break it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from om_extract.corpus import build_corpus
from om_extract.corpus import search as search_module
from om_extract.corpus.search import Hit, SearchError, register, search
from test_corpus import decision, protocol, section

GOLDEN = Path(__file__).resolve().parent / "golden"
HOSTILE = [
    '"', '""', "'", "AND", "a AND b", "OR NOT", "NEAR(", "NEAR(a b, 2)", "*", "datenbank*", "^bank", "col:x",
    "'; DROP TABLE meetings; --", "1=1) OR (1=1", "%", "_", "\\", "\x00", "(", ")", "{}", "-", "--", "ä",
    "x" * 2000, "🙂", " ", "\t\n",
]  # fmt: skip


def cli(*args: str) -> tuple[int, str, str]:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """om-extract"""

    register(app)
    result = CliRunner().invoke(app, ["search", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    for path in GOLDEN.glob("*.json"):
        shutil.copy(path, out)
    build_corpus(out)
    return out


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two invented meetings that spell the same words in both German ways."""
    out = tmp_path_factory.mktemp("town")
    docs = [
        protocol(
            "fest.txt", "2023-03-02", "Festausschuss",
            sections=[section("1", "Straßenfest im März"), section("2", "Kassenbericht")],
            decisions=[decision("1", "Beschluss", "Das Straßenfest findet am Marktplatz statt.",
                                votes={"yes": 5, "no": 1, "abstain": 0})],
        ),
        protocol(
            "rat.txt", "2024-05-06", "Ortsrat",
            sections=[section("1", "Strassenfest und Gruenflaechen"), section("2", "Maerzmarkt")],
        ),
    ]  # fmt: skip
    for doc in docs:
        (out / doc["source"]["file"].replace(".txt", ".json")).write_text(json.dumps(doc), encoding="utf-8")
    build_corpus(out)
    return out


def test_a_compound_part_finds_the_compounds(seeds: Path) -> None:
    with sqlite3.connect(seeds / "corpus" / "minutes.sqlite") as db:
        texts = db.execute("SELECT m.file, s.number, s.title || ' ' || s.text FROM sections s "
                           "JOIN meetings m ON m.id = s.meeting_id").fetchall()  # fmt: skip
    hits = search(seeds, "datenbank", limit=100, kind="section")
    found = {(hit.file, hit.section) for hit in hits}
    for compound in ("Lieferantendatenbank", "Beraterdatenbanken"):
        holding = {(file, number) for file, number, text in texts if compound in text}
        assert holding and holding <= found, compound
    assert any("Lieferanten**datenbank**" in hit.snippet for hit in hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


@pytest.mark.parametrize("query", ["Straßenfest", "strassenfest", "STRASSENFEST", "März", "maerz", "MAERZ"])
def test_case_and_umlaut_spellings_fold(town: Path, query: str) -> None:
    files = {hit.file for hit in search(town, query)}
    assert files == {"fest.txt", "rat.txt"}


def test_filters_and_the_json_shape(town: Path) -> None:
    code, out, _ = cli(str(town), "fest", "--json", "--kind", "decision")
    assert code == 0
    hits = json.loads(out)["hits"]
    assert [(h["file"], h["kind"], h["section"]) for h in hits] == [("fest.txt", "decision", "1")]
    assert set(hits[0]) == {"file", "date", "body", "kind", "section", "title", "snippet", "score"}
    assert hits[0]["snippet"] == "Das Straßen**fest** findet am Marktplatz statt."
    assert {h.file for h in search(town, "fest", since="2024-01-01")} == {"rat.txt"}
    assert {h.file for h in search(town, "fest", body="festausschuss")} == {"fest.txt"}
    assert search(town, "fest", limit=1)[0].kind == "section"  # a title match weighs more


def test_plain_output_is_a_readable_list(town: Path) -> None:
    code, out, _ = cli(str(town), "kassenbericht")
    assert code == 0
    assert out.splitlines() == ["2023-03-02 Festausschuss fest.txt · section · TOP 2 · Kassenbericht",
                                "    Zu **Kassenbericht** wurde berichtet."]  # fmt: skip
    assert cli(str(town), "Zeltlager") == (0, "no hits for 'Zeltlager'\n", "")


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_hits_no_hits_or_one_error_line(town: Path, query: str) -> None:
    code, out, err = cli(str(town), "--", query)
    assert code in (0, 2) and "Traceback" not in out + err
    if code == 2:
        assert len(err.splitlines()) == 1 and err.startswith("om-extract search: ")
    else:
        assert err == "" and out
    try:
        search(town, query)
    except SearchError as exc:
        assert "\n" not in str(exc)


def test_a_query_may_start_with_a_dash(town: Path) -> None:
    """No "--" needed before "-Straßenfest"; an option still counts as one."""
    code, out, err = cli(str(town), "-Straßenfest", "--limit", "1")
    assert (code, err) == (0, "") and out.count("**Straßenfest**") == 1


def test_bad_options_and_folders_are_one_line(town: Path, tmp_path: Path) -> None:
    for args in [(str(tmp_path), "fest"), (str(town), "fest", "--since", "März"), (str(town), "fest", "--kind", "x")]:
        code, _, err = cli(*args)
        assert code == 2 and len(err.splitlines()) == 1, err


def test_a_damaged_database_is_one_line_and_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A minutes.sqlite that is no database (cut off, overwritten) is an error line, not a traceback,
    and the connection opened on it is closed."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "minutes.sqlite").write_bytes(b"Protokoll der Sitzung, kein SQLite\n" * 200)
    opened: list[sqlite3.Connection] = []
    connect = sqlite3.connect

    def tracked(*args: object, **kwargs: object) -> sqlite3.Connection:
        opened.append(connect(*args, **kwargs))  # type: ignore[arg-type]
        return opened[-1]

    monkeypatch.setattr(sqlite3, "connect", tracked)
    code, _, err = cli(str(tmp_path), "fest")
    assert code == 2 and len(err.splitlines()) == 1 and "minutes.sqlite" in err, err
    assert "Traceback" not in err
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        opened[0].execute("SELECT 1")
    with pytest.raises(SearchError):
        search(tmp_path, "fest")


def test_the_search_fold_lives_with_the_other_folds() -> None:
    """One fold module: the index's spelling fold spells umlauts out, where the name fold drops
    their dots, and both split words by the same pattern."""
    from om_extract import text
    from om_extract.corpus import fold

    assert fold.spelling_fold("Straße, Ärger; Café") == "strasse, aerger; cafe"
    assert fold.fold("Ärger") == "arger"
    assert fold.WORD.findall(fold.spelling_fold("Ärger-Café_Nr.5")) == ["aerger", "cafe", "nr", "5"]
    assert fold.words("Ärger-Café_Nr.5") == ["arger", "cafe", "nr", "5"]
    assert fold.fold is text.fold  # extraction and corpus compare names under one fold


@pytest.mark.parametrize("query", ["ung", "datenbank", "und der", "beratung ung"])
def test_words_over_the_ranking_budget_find_the_same_rows(
    seeds: Path, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word too common to rank only filters: the rows found stay those that hold every word."""
    def found(hits: list[Hit]) -> list[tuple[str, str, str | None, str, str]]:
        return sorted((h.file, h.kind, h.section, h.title, h.snippet) for h in hits)

    ranked = found(search(seeds, query, limit=10_000))
    monkeypatch.setattr(search_module, "RANKED_POSTINGS", 0)
    filtered = search(seeds, query, limit=10_000)
    assert ranked and found(filtered) == ranked
    assert all(h.score == 0.0 for h in filtered)
    with sqlite3.connect(seeds / "corpus" / "minutes.sqlite") as db:
        rows = db.execute("SELECT title || ' ' || text FROM search").fetchall()
    words = search_module._words(query)
    assert len(ranked) == sum(all(w in text for w in words) for (text,) in rows)  # every holder, no other


def test_a_ranked_word_and_a_filtering_word_together(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"beratung" ranked, "ung" (more words, more rows) only filtering: the same rows as both ranked."""
    with sqlite3.connect(seeds / "corpus" / "minutes.sqlite") as db:
        words, rows = db.execute(
            "SELECT count(*), sum(row_count) FROM search_words WHERE search_words MATCH '\"beratung\"'"
        ).fetchone()
    both = search(seeds, "beratung ung", limit=10_000)
    monkeypatch.setattr(search_module, "RANKED_POSTINGS", words * rows)
    mixed = search(seeds, "beratung ung", limit=10_000)
    assert mixed and len(mixed) == len(both)
    assert {(h.file, h.section, h.snippet) for h in mixed} == {(h.file, h.section, h.snippet) for h in both}
    assert all(h.score > 0 for h in mixed)  # ranked by "beratung"
