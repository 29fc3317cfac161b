"""Full-text search over the sections and decisions of minutes.sqlite (SQLite FTS5, ranked by bm25).

German needs more than word tokens: a query for a compound's part must find the compound
("datenbank" in "Musterdatenbank"). The texts are indexed by words, and the index's distinct words
by their trigrams (a small second index): a query word becomes the words that contain it, which
the word index ranks. A trigram index of all the texts found the same rows but cost five times as
much to build, and the corpus is rebuilt on every run. Titles and texts are indexed folded (lower
case, ä → ae, ö → oe, ü → ue, ß → ss, other accents dropped), and so is the query, so "Maerz" finds
"März" and "Strasse" finds "Straße". A query is words only: quotes, operators and SQL are taken as
text, never as FTS5 syntax; every word must occur. Snippets are cut from the original text, the
match marked with ``**``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from math import isqrt
from pathlib import Path
from typing import Annotated, Any

import typer

from .fold import WORD, spelling_fold

DATABASE = Path("corpus", "minutes.sqlite")
KINDS = ("section", "decision")
TITLE_WEIGHT = 2.0  # a match in a title counts twice a match in the text
_CONTEXT = 70  # characters of snippet around the match

RANKED_POSTINGS = 1_000_000
"""A query word is looked up in the word index while the indexed words containing it, times the
rows holding them, stay under this (ranking costs ~20 ns for each, and FTS5 merges an OR of many
words slowly); a fragment beyond it ("ung": hundreds of words in most rows) is matched as a
substring of the texts, unranked, and leaves the order to the other words, or to the date."""
_MOST_WORDS = isqrt(RANKED_POSTINGS) + 1  # more words than this exceed the budget whatever their rows

INDEX = """
CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED, ref UNINDEXED, meeting UNINDEXED, title, text, tokenize = 'unicode61'
);
CREATE VIRTUAL TABLE search_words USING fts5(word, row_count UNINDEXED, tokenize = 'trigram');
"""
WORDS = """
CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, search, 'row');
INSERT INTO search_words SELECT term, doc FROM temp.search_vocabulary;
"""


class SearchError(ValueError):
    """A query or a folder that cannot be searched; the message is one line for the user."""


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return spelling_fold(char)


def _mapped_fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original one."""
    parts, origin = [], []
    for i, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        origin += [i] * len(folded)
    return "".join(parts), origin


def index_rows(sections: list[tuple[Any, ...]], decisions: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows of the search index from the database's section and decision rows."""
    rows = [("section", s[0], s[1], spelling_fold(s[4]), spelling_fold(s[5])) for s in sections]
    rows += [("decision", d[0], d[1], spelling_fold(d[6] or ""), spelling_fold(d[7])) for d in decisions]
    return rows


@dataclass(frozen=True)
class Hit:
    file: str
    date: str | None
    body: str | None
    kind: str
    section: str | None
    title: str
    snippet: str
    score: float

    def row(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        where = " ".join(x for x in [self.date or "undated", self.body or "", self.file] if x)
        number = f"TOP {self.section}" if self.section else ""
        head = " · ".join(x for x in [where, self.kind, number, self.title] if x)
        return f"{head}\n    {self.snippet}"


def snippet(text: str, words: list[str]) -> str | None:
    """The text around the first match of any query word, the match marked with ``**``; None
    when no word occurs in the text."""
    folded, origin = _mapped_fold(text)
    found = [(at, len(w)) for w in words if (at := folded.find(w)) >= 0]
    if not found:
        return None
    at, size = min(found)
    start, end = origin[at], origin[at + size - 1] + 1
    left, right = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    marked = f"{text[left:start]}**{text[start:end]}**{text[end:right]}"
    return ("…" if left else "") + " ".join(marked.split()) + ("…" if right < len(text) else "")


def _opening(text: str) -> str:
    cut = " ".join(text[: 2 * _CONTEXT].split())
    return cut + ("…" if len(text) > 2 * _CONTEXT else "")


def _words(query: str) -> list[str]:
    words = list(dict.fromkeys(WORD.findall(spelling_fold(query))))
    if not query.strip():
        raise SearchError("empty query")
    if not words:
        raise SearchError(f"no words to search for in {query!r}")
    return words


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise SearchError(f"--since wants a date as YYYY-MM-DD, not {value!r}") from None


def _open(out_dir: Path) -> sqlite3.Connection:
    path = out_dir / DATABASE
    if not path.is_file():
        raise SearchError(f"no {DATABASE.as_posix()} in {out_dir}; run om-extract INPUT... {out_dir} first")
    db = None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        indexed = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'search'").fetchone()
    except sqlite3.Error as exc:  # a damaged or foreign file: "file is not a database"
        if db is not None:
            db.close()
        raise SearchError(f"{path} cannot be read ({exc}); rebuild it with om-extract corpus {out_dir}") from None
    if not indexed:
        db.close()
        raise SearchError(f"{path} has no search index; rebuild it with om-extract corpus {out_dir}")
    return db


def _phrase(words: list[str]) -> str:
    """An FTS5 expression that any of ``words`` satisfies (each quoted: never parsed as syntax)."""
    return "(" + " OR ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"


def _contained(db: sqlite3.Connection, word: str) -> list[str] | None:
    """The indexed words that contain ``word`` (none: no row holds it), or None when they are too
    many to look up and rank (RANKED_POSTINGS)."""
    found = db.execute(
        "SELECT word, row_count FROM search_words WHERE search_words MATCH ? LIMIT ?", (f'"{word}"', _MOST_WORDS)
    ).fetchall()
    if len(found) >= _MOST_WORDS or len(found) * sum(n for _, n in found) > RANKED_POSTINGS:
        return None
    return [w for w, _ in found]


def search(
    out_dir: Path,
    query: str,
    limit: int = 10,
    body: str | None = None,
    since: str | None = None,
    kind: str | None = None,
) -> list[Hit]:
    """The best ``limit`` sections and decisions for ``query`` in OUT_DIR's corpus, best first."""
    words = _words(query)
    if kind is not None and kind not in KINDS:
        raise SearchError(f"--kind is one of {', '.join(KINDS)}, not {kind!r}")
    since = _since(since)
    db = _open(out_dir)
    try:
        sql, args = _query(db, words, body, since, kind)
        if sql is None:
            return []
        return [_hit(db, row, words) for row in db.execute(sql, [*args, limit]).fetchall()]
    except sqlite3.Error as exc:
        raise SearchError(f"search failed ({exc})") from None
    finally:
        db.close()


def _query(
    db: sqlite3.Connection, words: list[str], body: str | None, since: str | None, kind: str | None
) -> tuple[str | None, list[Any]]:
    """The SQL of the search and its arguments (the limit last); no SQL when a word of three letters
    or more occurs in no indexed word."""
    ranked, where, args = [], [], []
    for w in words:
        if len(w) >= 3 and (contained := _contained(db, w)) is not None:
            if not contained:
                return None, []
            ranked.append(_phrase(contained))
        else:  # under three letters the trigram index cannot help, nor with too many words: a substring test
            where.append("instr(search.title || ' ' || search.text, ?) > 0")
            args.append(w)
    score = "0.0"
    if ranked:
        where.append("search MATCH ?")
        args.append(" AND ".join(ranked))
        score = f"-bm25(search, 0, 0, 0, {TITLE_WEIGHT}, 1.0)"
    for clause, value in [("search.kind = ?", kind), ("m.date >= ?", since), ("m.body = ? COLLATE NOCASE", body)]:
        if value is not None:
            where.append(clause)
            args.append(value)
    sql = (
        f"SELECT search.kind, search.ref, {score} AS score, m.file, m.date, m.body "
        f"FROM search JOIN meetings m ON m.id = search.meeting WHERE {' AND '.join(where)} "
        "ORDER BY score DESC, m.date, search.kind, search.ref LIMIT ?"
    )
    return sql, args


def _hit(db: sqlite3.Connection, row: tuple[Any, ...], words: list[str]) -> Hit:
    kind, ref, score, file, day, body = row
    if kind == "section":
        number, title, text = db.execute("SELECT number, title, text FROM sections WHERE id = ?", (ref,)).fetchone()
    else:
        number, label, text, section_title = db.execute(
            "SELECT d.section, d.label, d.text, s.title FROM decisions d "
            "LEFT JOIN sections s ON s.id = d.section_id WHERE d.id = ?",
            (ref,),
        ).fetchone()
        title = " – ".join(x for x in [label, section_title] if x)
    shown = snippet(text, words) or snippet(title, words) or _opening(text)
    return Hit(file, day, body, kind, number, title, shown, round(score, 3))


def register(app: typer.Typer) -> None:
    """Add ``search OUT_DIR QUERY`` to the main CLI."""

    @app.command("search", context_settings={"ignore_unknown_options": True})  # a query may start with "-"
    def command(
        out_dir: Annotated[Path, typer.Argument(metavar="OUT_DIR", help="Output folder with corpus/minutes.sqlite.")],
        query: Annotated[str, typer.Argument(metavar="QUERY", help="Words to find (parts of compounds too).")],
        as_json: Annotated[bool, typer.Option("--json", help='Print {"hits": [...]} as JSON.')] = False,
        limit: Annotated[int, typer.Option(min=1, help="At most this many hits.")] = 10,
        body: Annotated[str | None, typer.Option(help="Only meetings of this body (e.g. Plenum).")] = None,
        since: Annotated[str | None, typer.Option(help="Only meetings on or after this date (YYYY-MM-DD).")] = None,
        kind: Annotated[str | None, typer.Option(help="Only sections or only decisions.")] = None,
    ) -> None:
        """Full-text search over the sections and decisions of the corpus, best first."""
        try:
            hits = search(out_dir, query, limit, body, since, kind)
        except SearchError as exc:
            typer.echo(f"om-extract search: {' '.join(str(exc).split())}", err=True)
            raise typer.Exit(2) from None
        if as_json:
            typer.echo(json.dumps({"hits": [hit.row() for hit in hits]}, ensure_ascii=False, indent=2))
        elif hits:
            typer.echo("\n".join(hit.line() for hit in hits))
        else:
            typer.echo(f"no hits for {query!r}")
