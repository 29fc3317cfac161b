"""Issue 4, properties: for any text, any bytes and any mutation of a seed, extraction either
raises InputError (not text) or returns a protocol whose spans lie inside the decoded text and
whose JSON validates against the models."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from om_extract.models import Protocol
from om_extract.pipeline import extract_bytes
from om_extract.reader import InputError, read_bytes
from om_extract.writer import dump

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]

FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# What converters and editors put into minutes, and what the rules react to.
PIECES = [
    "\f", "\r\n", "\r", "\t", "\u00a0", "\u00ad", "\u200b", "\ufeff", "\ufb01", "\ufb02", "\uf0b7 ", "\u2011", "u\u0308",
    "<p>", "</p>", "<b>", "</b>", "<td>", "<li>", "&auml;", "&nbsp;", "&#x2013;", "&bogus;", "**", "## ", "# ", "- ", "| a |",
    "[x](http://a.de)", "1. ", "2.\t", "TOP 3 ", "Tagesordnung\n", "Beschluss:", "Vereinbarung:", "To Do:", "Anlage 5",
    "vertagt", "Herr Dr. ", "Frau Prof. ", "Müller", "(BMAS)", "Offensive Mittelstand", "am 3. Mai 2021", "12.03.2024",
    "09:00 - 13:00 Uhr", "www.", "@", "https://", "-\n", "\n\n", "(", ")", "„", "“", "–", "\\section{", "}", "\x00", "\x0b",
]


def check(raw: bytes) -> None:
    try:
        protocol = extract_bytes(raw, "x.txt", model=None)
    except InputError:
        return
    size = len(read_bytes(raw).raw_text)
    data = json.loads(dump(protocol))
    Protocol.model_validate(data)
    for s, e in _spans(data):
        assert 0 <= s < e <= size, (s, e, size)


def _spans(node: object):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "spans":
                yield from (tuple(x) for x in v)
            else:
                yield from _spans(v)
    elif isinstance(node, list):
        for v in node:
            yield from _spans(v)


@FAST
@given(st.text(max_size=3000))
def test_any_text(text: str) -> None:
    check(text.encode("utf-8"))


@FAST
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=200))
def test_any_text_made_of_minutes_pieces(parts: list[str]) -> None:
    check("".join(parts).encode("utf-8"))


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.binary(max_size=3000))
def test_any_bytes(raw: bytes) -> None:
    check(raw)


_EDIT = st.tuples(st.sampled_from(["insert", "delete", "duplicate", "upper", "swap"]),
                  st.floats(0, 1), st.floats(0, 1), st.sampled_from(PIECES))


def mutate(text: str, edits: list[tuple[str, float, float, str]]) -> str:
    for op, a, b, piece in edits:
        i, j = sorted((int(a * len(text)), int(b * len(text))))
        j = min(j, i + 2000)
        if op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "upper":
            text = text[:i] + text[i:j].upper() + text[j:]
        else:
            text = text[:i] + text[j:] + text[i:j]
    return text


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252"]


@settings(max_examples=50, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(range(len(SEEDS))), st.lists(_EDIT, min_size=1, max_size=12), st.sampled_from(ENCODINGS))
def test_mutated_seeds(seed: int, edits: list, encoding: str) -> None:
    text = mutate(SEEDS[seed], edits)
    check(text.encode(encoding, errors="replace"))
