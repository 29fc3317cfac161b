"""Hand-written minutes of other bodies and layouts (tests/fixtures/) against what a careful human reads.

Each input ``tests/fixtures/<name>.<txt|md|html|tex>`` has an expectation file
``tests/fixtures/<name>.expected.yaml``. Only the keys written there are checked; a key that is
absent means "not checked", a key with ``null``/``[]`` means "must be empty". Conventions:

- ``meeting.location``: the expected value must be a substring of the output; other meeting
  fields must be equal. A list means "any one of these" (e.g. body names).
- agenda / sections: numbers and titles are compared as exact lists; ``time``, ``presenters``
  (names only, in order), ``attachments`` and ``postponed`` per item where given.
- decisions: exact count; per decision ``section``, ``kind``, ``label`` (equal, or one of a list),
  ``text`` (substring of the output text), ``vote`` (``null`` = must be null, else a substring of the
  output vote, or one of a list of substrings), ``votes`` (equal), ``assignees`` (equal as sets).
- persons: expected names ⊆ output names, and at most one name more than expected.
- ``pending``: expectations a later issue closes, each with its reason (``decisions: "why"``,
  ``meeting.organization: "why"``, ``sections.presenters: "why"``): skipped with that reason.
- dates: equal as sets of ISO dates; next_meetings: equal as a list of dates; links: equal as sets
  (e-mail and URL compared without "mailto:", scheme and trailing slash).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from om_extract import Protocol, extract_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUFFIXES = {".txt", ".md", ".html", ".tex", ".ms"}
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in SUFFIXES)


def _expected_path(name: str) -> Path:
    return FIXTURES / f"{Path(name).stem}.expected.yaml"


@functools.cache
def _run(name: str) -> Protocol:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return extract_text(text, file=name, model=None)


@functools.cache
def _expected(name: str) -> dict[str, Any]:
    return yaml.safe_load(_expected_path(name).read_text(encoding="utf-8"))


def _pending(name: str) -> dict[str, str]:
    """Expectations a later issue closes, each with its reason: ``{"decisions": "why"}``."""
    return _expected(name).get("pending") or {}


def _case(name: str, key: str) -> tuple[Protocol, Any]:
    exp = _expected(name)
    if key not in exp:
        pytest.skip(f"{name}: no '{key}' expectation")
    if key in _pending(name):
        pytest.skip(f"{name}: '{key}' pending: {_pending(name)[key]}")
    return _run(name), exp[key]


def _fail(name: str, field: str, problems: list[str]) -> None:
    if problems:
        pytest.fail(f"{name} [{field}]:\n  " + "\n  ".join(problems), pytrace=False)


def _one_of(expected: Any) -> list[Any]:
    return expected if isinstance(expected, list) else [expected]


def _names(refs) -> list[str]:
    return [r.name for r in refs]


def test_every_fixture_has_an_expectation() -> None:
    assert len(CASES) >= 12, f"only {len(CASES)} fixtures"
    missing = [n for n in CASES if not _expected_path(n).exists()]
    assert not missing, f"fixtures without .expected.yaml: {missing}"


@pytest.mark.parametrize("name", CASES)
def test_format(name: str) -> None:
    p, exp = _case(name, "format")
    assert p.source.format == exp, f"{name} [format]: expected {exp!r}, got {p.source.format!r}"


@pytest.mark.parametrize("name", CASES)
def test_meeting(name: str) -> None:
    p, exp = _case(name, "meeting")
    got = p.meeting.model_dump()
    problems = []
    for key, want in exp.items():
        have = got[key]
        if f"meeting.{key}" in _pending(name):  # a known gap, named with its reason
            continue
        if key == "location" and want is not None:
            ok = have is not None and any(w in have for w in _one_of(want))
        else:
            ok = have in _one_of(want) if isinstance(want, list) else have == want
        if not ok:
            problems.append(f"meeting.{key}: expected {want!r}, got {have!r}")
    _fail(name, "meeting", problems)


def _compare_items(name: str, field: str, got_items, exp_items: list[dict], extra: tuple[str, ...]) -> None:
    problems = []
    got_numbers = [g.number for g in got_items]
    exp_numbers = [e.get("number") for e in exp_items]
    if got_numbers != exp_numbers:
        problems.append(f"{field} numbers: expected {exp_numbers}, got {got_numbers}")
    got_titles = [g.title for g in got_items]
    exp_titles = [e["title"] for e in exp_items]
    if got_titles != exp_titles:
        problems.append(f"{field} titles: expected {exp_titles}, got {got_titles}")
    if len(got_items) == len(exp_items):
        for g, e in zip(got_items, exp_items, strict=True):
            where = f"{field} {e.get('number')!s} {e['title']!r}"
            for key in extra:
                if key not in e or f"{field}.{key}" in _pending(name):
                    continue
                have = _names(g.presenters) if key == "presenters" else getattr(g, key)
                if have != e[key]:
                    problems.append(f"{where}: {key} expected {e[key]!r}, got {have!r}")
    _fail(name, field, problems)


@pytest.mark.parametrize("name", CASES)
def test_agenda(name: str) -> None:
    p, exp = _case(name, "agenda")
    _compare_items(name, "agenda", p.agenda, exp, ("time", "presenters"))


@pytest.mark.parametrize("name", CASES)
def test_sections(name: str) -> None:
    p, exp = _case(name, "sections")
    _compare_items(name, "sections", p.sections, exp, ("presenters", "attachments", "postponed"))


def _decision_summary(d) -> str:
    votes = d.votes.model_dump() if d.votes else None
    return f"[{d.section}] {d.kind} {d.label!r} vote={d.vote!r} votes={votes} assignees={d.assignees} text={d.text[:70]!r}"


def _decision_problems(i: int, d, e: dict) -> list[str]:
    problems = []
    where = f"decision #{i} (section {e.get('section')})"
    for key in ("section", "kind"):
        if key in e and getattr(d, key) != e[key]:
            problems.append(f"{where}: {key} expected {e[key]!r}, got {getattr(d, key)!r}")
    if "label" in e and d.label not in _one_of(e["label"]):
        problems.append(f"{where}: label expected {e['label']!r}, got {d.label!r}")
    if "text" in e and e["text"] not in d.text:
        problems.append(f"{where}: text should contain {e['text']!r}, got {d.text!r}")
    if "vote" in e:
        want = e["vote"]
        matches = d.vote is not None and any(w in d.vote for w in _one_of(want or []))
        ok = d.vote is None if want is None else matches
        if not ok:
            problems.append(f"{where}: vote expected {'null' if want is None else 'to contain ' + repr(want)}, got {d.vote!r}")
    if "votes" in e:
        have = d.votes.model_dump() if d.votes else None
        if have != e["votes"]:
            problems.append(f"{where}: votes expected {e['votes']!r}, got {have!r}")
    if "assignees" in e and set(d.assignees) != set(e["assignees"]):
        problems.append(f"{where}: assignees expected {e['assignees']!r}, got {d.assignees!r}")
    return problems


def _pair(exp: list[dict], got: list) -> list[int | None]:
    """For each expected decision, the index of the output decision it is compared with (or None).

    A decision is recognised by its distinctive text (and section); without text, by section and kind."""
    used: set[int] = set()
    pairs: list[int | None] = []
    for e in exp:
        tests = []
        if "text" in e:
            tests.append(lambda d, e=e: e["text"] in d.text and d.section == e.get("section", d.section))
            tests.append(lambda d, e=e: e["text"] in d.text)
        else:
            tests.append(lambda d, e=e: d.section == e.get("section") and d.kind == e.get("kind"))
            tests.append(lambda d, e=e: d.section == e.get("section"))
        found = None
        for test in tests:
            found = next((i for i, d in enumerate(got) if i not in used and test(d)), None)
            if found is not None:
                break
        if found is not None:
            used.add(found)
        pairs.append(found)
    return pairs


@pytest.mark.parametrize("name", CASES)
def test_decisions(name: str) -> None:
    p, exp = _case(name, "decisions")
    problems = []
    if len(p.decisions) != len(exp):
        problems.append(f"expected {len(exp)} decisions, got {len(p.decisions)}")
    pairs = _pair(exp, p.decisions)
    for i, (e, j) in enumerate(zip(exp, pairs, strict=True)):
        if j is None:
            problems.append(
                f"decision #{i} missing: [{e.get('section')}] {e.get('kind')} {e.get('label')!r} text~{e.get('text')!r}"
            )
        else:
            problems += _decision_problems(i, p.decisions[j], e)
    for j, d in enumerate(p.decisions):
        if j not in pairs:
            problems.append(f"unexpected decision: {_decision_summary(d)}")
    _fail(name, "decisions", problems)


@pytest.mark.parametrize("name", CASES)
def test_persons(name: str) -> None:
    p, exp = _case(name, "persons")
    got = [person.name for person in p.persons]
    problems = []
    missing = [n for n in exp if n not in got]
    if missing:
        problems.append(f"missing persons {missing}; got {got}")
    if len(got) > len(exp) + 1:
        extra = [n for n in got if n not in exp]
        problems.append(f"too many persons: expected at most {len(exp) + 1}, got {len(got)}; extra {extra}")
    _fail(name, "persons", problems)


@pytest.mark.parametrize("name", CASES)
def test_dates(name: str) -> None:
    p, exp = _case(name, "dates")
    got = {d.date for d in p.dates}
    want = set(exp)
    problems = []
    if got != want:
        problems.append(f"missing {sorted(want - got)}, unexpected {sorted(got - want)}")
    _fail(name, "dates", problems)


@pytest.mark.parametrize("name", CASES)
def test_next_meetings(name: str) -> None:
    p, exp = _case(name, "next_meetings")
    got = [m.date for m in p.next_meetings]
    assert got == exp, f"{name} [next_meetings]: expected {exp}, got {got}"


def _norm_link(url: str) -> str:
    url = re.sub(r"^(mailto:|https?://)", "", url.strip(), flags=re.I)
    return url.rstrip("/").lower()


@pytest.mark.parametrize("name", CASES)
def test_links(name: str) -> None:
    p, exp = _case(name, "links")
    got = {_norm_link(link.url) for link in p.links}
    want = {_norm_link(u) for u in exp}
    problems = []
    if got != want:
        problems.append(f"missing {sorted(want - got)}, unexpected {sorted(got - want)} (raw: {[link.url for link in p.links]})")
    _fail(name, "links", problems)
