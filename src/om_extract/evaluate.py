"""Score om-extract output against golden annotations, field by field.

The project's own evaluator, so tests and ``om-extract eval`` work in a clone without the shared
tree. It follows the matching rules of ``shared/tools/score.py`` and must report the same numbers:
items are paired greedily one-to-one by similarity, counts are micro-averaged over documents, an
attribute of a missed item counts as missed too (leaving a field empty never pays), and the overall
score is the mean F1 of the fields that have anything to count. Grounding (does each span read what
its item says) is reported apart from the overall score.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rapidfuzz import fuzz

from .reader import spanned_text

Json = dict[str, Any]
Sim = Callable[[Any, Any], float | None]

FIELDS = (
    "meeting", "participants", "agenda", "agenda.time", "agenda.presenters", "sections",
    "sections.boundaries", "sections.attachments", "sections.postponed", "sections.presenters",
    "decisions", "decisions.attributes", "decisions.assignees", "persons", "persons.details",
    "organizations", "organizations.details", "dates", "next_meetings", "links",
)
GROUNDING = "grounding"

# --- normalization -------------------------------------------------------------------------------

_UNIFY = str.maketrans({"„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "–": "-", "—": "-",
                        "\u00ad": "", "\u00a0": " "})
_NAME_PREFIXES = (r"herrn?", "frau", r"hr\.?", r"fr\.?", r"dr\.?", r"prof\.?", r"dipl\.-\w+\.?",
                  r"ing\.?", r"med\.?", r"phil\.?", r"rer\.?", r"nat\.?")
_SALUTATION = re.compile(rf"^(?:(?:{'|'.join(_NAME_PREFIXES)})\s+)+", re.IGNORECASE)
_PARENTHESES = re.compile(r"\(.*?\)")
_SPACES = re.compile(r"\s+")
_EDGE = " .,:;"


def norm(value: object) -> str:
    """Text as compared: Unicode form, case, quote and dash style, ß/ss and spacing do not count."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_UNIFY).lower().replace("ß", "ss")
    return _SPACES.sub(" ", text).strip(_EDGE)


def norm_name(value: object) -> str:
    """A name without "(Org)" additions, salutations or academic titles, which vary per mention."""
    text = _SALUTATION.sub("", _PARENTHESES.sub(" ", norm(value)).strip())
    return _SPACES.sub(" ", text).strip(_EDGE)


def norm_number(value: object) -> str:
    """An item number as printed, so that "TOP 3." and 3 agree."""
    return re.sub(r"^(?:top|tagesordnungspunkt)\s*", "", norm(value)).strip(" .:")


def norm_link(value: object) -> str:
    """An address without scheme, trailing slash or the blanks of a line break inside it."""
    compact = _SPACES.sub("", norm(value))
    return re.sub(r"^(?:https?://|mailto:)", "", compact).rstrip("/")


# --- similarity ----------------------------------------------------------------------------------


def _text_sim(a: str, b: str) -> float:
    """Word-order-insensitive similarity of normalized texts; a plain ratio when one has less than
    half the other's words, so that a fragment cannot match a long text it happens to share."""
    words_a, words_b = len(a.split()), len(b.split())
    if min(words_a, words_b) / max(words_a, words_b) < 0.5:
        return fuzz.ratio(a, b)
    return fuzz.token_set_ratio(a, b)


def title_sim(a: object, b: object) -> float:
    a_norm, b_norm = norm(a), norm(b)
    return _text_sim(a_norm, b_norm) if a_norm and b_norm else 0.0


def similar_text(a: object, b: object) -> bool:
    """Same text up to small differences in spelling, word order or added words."""
    return title_sim(a, b) >= 90


def item_sim(gold: Json, pred: Json) -> float | None:
    """Agenda items and sections: the same number and a fairly similar title beat any title alone."""
    sim = title_sim(gold.get("title"), pred.get("title"))
    number = norm_number(gold.get("number"))
    if number and number == norm_number(pred.get("number")) and sim >= 60:
        return 100 + sim
    return sim if sim >= 88 else None


def decision_sim(gold: Json, pred: Json) -> float | None:
    """Decision texts: close overall, or (at comparable lengths) one mostly contained in the other."""
    a, b = norm(gold.get("text")), norm(pred.get("text"))
    if not a or not b:
        return None
    if min(len(a), len(b)) > 0.5 * max(len(a), len(b)):
        sim = min(fuzz.ratio(a, b) + 15, fuzz.partial_ratio(a, b))
    else:
        sim = fuzz.ratio(a, b)
    return sim if sim >= 80 else None


def org_sim(gold: Json, pred: Json) -> float | None:
    """An organization: the predicted name or abbreviation against every gold form; short forms
    ("OM", "BMAS") must match exactly, as one letter off is another organization."""
    forms = [gold.get("name"), gold.get("abbreviation"), *_list(gold, "variants")]
    gold_forms = [norm(f) for f in forms if f]
    pred_forms = [norm(pred.get("name")), norm(pred.get("abbreviation"))]

    def form_sim(a: str, b: str) -> float:
        if a == b:
            return 100.0
        return fuzz.ratio(a, b) if min(len(a), len(b)) > 4 else 0.0

    best = max((form_sim(a, b) for a in gold_forms for b in pred_forms if a and b), default=0.0)
    return best if best >= 90 else None


def boundary_ok(want: str, title: str, body: str, end: str) -> bool:
    """The gold's first (last) words stand at the start (end) of the predicted body; at the start,
    a body that still begins with its heading is fine too."""
    want = norm(want)
    if end == "first":
        windows = [norm(c)[: len(want) + 60] for c in (body, f"{title} {body}")]
    else:
        windows = [norm(body)[-(len(want) + 60):]]
    return any(len(w) >= 0.9 * len(want) and fuzz.partial_ratio(want, w) >= 90 for w in windows)


# --- counting ------------------------------------------------------------------------------------


@dataclass
class FieldScore:
    """Counts of one field over all documents, with a note for every miss, extra or wrong value."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def judge(self, ok: bool, note: str) -> None:
        """One attribute: right counts once; wrong counts as a false claim and as a miss."""
        if ok:
            self.add(tp=1)
        else:
            self.add(fp=1, fn=1)
            self.notes.append(note)

    def compare_optional(self, gold: object, pred: object, note: str) -> None:
        """A value either side may leave out: equal is a hit, otherwise each side that states it errs."""
        if gold == pred:
            self.add(tp=1)
        else:
            self.add(fp=int(bool(pred)), fn=int(bool(gold)))
            self.notes.append(note)

    def compare_sets(self, gold: set[Any], pred: set[Any], what: str) -> None:
        self.add(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))
        self.notes.extend(f"{what}: missed {v}" for v in sorted(gold - pred))
        self.notes.extend(f"{what}: extra {v}" for v in sorted(pred - gold))

    @property
    def counted(self) -> bool:
        return bool(self.tp + self.fp + self.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Matching:
    """Index pairs (gold, predicted), and the gold and predicted items left without a partner."""

    pairs: list[tuple[int, int]]
    missed: list[int]
    extra: list[int]


def match(golds: Sequence[Any], preds: Sequence[Any], sim: Sim) -> Matching:
    """Greedy one-to-one matching, most similar pair first; ties go to document order."""
    candidates = []
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            score = sim(gold, pred)
            if score is not None:
                candidates.append((-score, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return Matching(
        pairs=pairs,
        missed=[i for i in range(len(golds)) if i not in used_gold],
        extra=[i for i in range(len(preds)) if i not in used_pred],
    )


def _tally(score: FieldScore, m: Matching, what: str, gold_label: Callable[[int], str],
           pred_label: Callable[[int], str]) -> None:
    """Pairs are hits, gold items without a partner misses, predictions without one extras."""
    score.add(tp=len(m.pairs), fp=len(m.extra), fn=len(m.missed))
    score.notes.extend(f"{what}: missed {gold_label(i)}" for i in m.missed)
    score.notes.extend(f"{what}: extra {pred_label(i)}" for i in m.extra)


# --- documents -----------------------------------------------------------------------------------


def _list(obj: Json, key: str) -> list[Any]:
    return list(obj.get(key) or [])


def _items(obj: Json, key: str) -> list[Json]:
    """The objects of a list field; anything else in it cannot be scored."""
    return [x for x in _list(obj, key) if isinstance(x, dict)]


def _blank(value: object) -> bool:
    return value is None or value == ""


@dataclass
class NameForms:
    """Every form the gold gives a person or organization, so that output may use any of them."""

    forms: dict[str, list[str]]

    @classmethod
    def from_gold(cls, gold: Json) -> NameForms:
        forms: dict[str, list[str]] = {}
        for person in _items(gold, "persons"):
            names = [person.get("name"), *_list(person, "variants")]
            forms[norm_name(person.get("name"))] = [n for n in names if n]
        for org in _items(gold, "organizations"):
            names = [org.get("name"), org.get("abbreviation"), *_list(org, "variants")]
            forms.setdefault(norm_name(org.get("name")), [n for n in names if n])
        return cls(forms)

    def of(self, name: object) -> list[Any]:
        return self.forms.get(norm_name(name), [name] if name else [])

    def sim(self, gold_name: object, pred_name: object) -> float | None:
        pred = norm_name(pred_name)
        if not pred:
            return None
        best = max((fuzz.ratio(norm_name(f), pred) for f in self.of(gold_name)), default=0.0)
        return best if best >= 90 else None


@dataclass
class _Doc:
    """One gold/output pair being scored into the shared per-field counts."""

    stem: str
    gold: Json
    out: Json
    names: NameForms
    scores: dict[str, FieldScore]


def _person_name(ref: object) -> object:
    """Presenters and participants are {name, organization}; assignees are plain names."""
    return ref.get("name") if isinstance(ref, dict) else ref


def _score_people(doc: _Doc, score: FieldScore, gold_refs: Iterable[object], pred_refs: Iterable[object],
                  what: str) -> None:
    golds = [_person_name(r) for r in gold_refs]
    preds = [_person_name(r) for r in pred_refs]
    m = match(golds, preds, doc.names.sim)
    _tally(score, m, what, lambda i: repr(golds[i]), lambda i: repr(preds[i]))


def _meeting_value_ok(doc: _Doc, key: str, gold: object, pred: object) -> bool:
    if key in ("number", "participant_count"):
        return norm_number(gold) == norm_number(pred)
    if key in ("date", "start_time", "end_time"):
        return norm(gold) == norm(pred)
    if key in ("moderator", "minute_taker"):
        return doc.names.sim(gold, pred) is not None
    return similar_text(gold, pred)


_MEETING_KEYS = ("title", "organization", "body", "number", "date", "start_time", "end_time",
                 "location", "participant_count", "moderator", "minute_taker")


def _score_meeting(doc: _Doc) -> None:
    score = doc.scores["meeting"]
    gold_meeting, pred_meeting = doc.gold.get("meeting") or {}, doc.out.get("meeting") or {}
    for key in _MEETING_KEYS:
        gold, pred = gold_meeting.get(key), pred_meeting.get(key)
        note = f"{doc.stem} meeting.{key}: gold {gold!r} got {pred!r}"
        if _blank(gold) and _blank(pred):
            continue
        if _blank(gold) or _blank(pred):
            score.add(fp=int(not _blank(pred)), fn=int(not _blank(gold)))
            score.notes.append(note)
        else:
            score.judge(_meeting_value_ok(doc, key, gold, pred), note)


def _score_participants(doc: _Doc) -> None:
    _score_people(doc, doc.scores["participants"], _list(doc.gold, "participants"),
                  _list(doc.out, "participants"), f"{doc.stem} participants")


def _item_label(item: Json) -> str:
    return f"{item.get('number')} {item.get('title')!r}"


def _score_agenda(doc: _Doc) -> None:
    golds, preds = _items(doc.gold, "agenda"), _items(doc.out, "agenda")
    m = match(golds, preds, item_sim)
    _tally(doc.scores["agenda"], m, f"{doc.stem} agenda", lambda i: _item_label(golds[i]),
           lambda i: _item_label(preds[i]))
    times, presenters = doc.scores["agenda.time"], doc.scores["agenda.presenters"]
    for i in m.missed:
        times.add(fn=int(bool(golds[i].get("time"))))
        presenters.add(fn=len(_list(golds[i], "presenters")))
    for gi, pi in m.pairs:
        gold, pred = golds[gi], preds[pi]
        where = f"{doc.stem} agenda {gold.get('number')}"
        if gold.get("time") or pred.get("time"):
            gold_time, pred_time = norm(gold.get("time")), norm(pred.get("time"))
            times.compare_optional(gold_time, pred_time, f"{where}: time gold {gold_time} got {pred_time}")
        _score_people(doc, presenters, _list(gold, "presenters"), _list(pred, "presenters"), where)


def _score_sections(doc: _Doc) -> None:
    golds, preds = _items(doc.gold, "sections"), _items(doc.out, "sections")
    m = match(golds, preds, item_sim)
    _tally(doc.scores["sections"], m, f"{doc.stem} sections", lambda i: _item_label(golds[i]),
           lambda i: _item_label(preds[i]))
    boundaries, attachments = doc.scores["sections.boundaries"], doc.scores["sections.attachments"]
    postponed, presenters = doc.scores["sections.postponed"], doc.scores["sections.presenters"]
    for i in m.missed:
        gold = golds[i]
        boundaries.add(fn=int(bool(gold.get("first_words"))) + int(bool(gold.get("last_words"))))
        attachments.add(fn=len(_list(gold, "attachments")))
        postponed.add(fn=int(bool(gold.get("postponed"))))
        presenters.add(fn=len(_list(gold, "presenters")))
    for gi, pi in m.pairs:
        gold, pred = golds[gi], preds[pi]
        where = f"{doc.stem} section {gold.get('number')}"
        for key, end in (("first_words", "first"), ("last_words", "last")):
            if gold.get(key):
                ok = boundary_ok(gold[key], pred.get("title") or "", pred.get("text") or "", end)
                boundaries.judge(ok, f"{where}: {key} {gold[key]!r} not at that end")
        gold_att, pred_att = set(_list(gold, "attachments")), set(_list(pred, "attachments"))
        attachments.compare_sets(gold_att, pred_att, f"{where}: Anlage")
        gold_post, pred_post = bool(gold.get("postponed")), bool(pred.get("postponed"))
        if gold_post or pred_post:
            postponed.compare_optional(gold_post, pred_post,
                                       f"{where}: postponed gold {gold_post} got {pred_post}")
        _score_people(doc, presenters, _list(gold, "presenters"), _list(pred, "presenters"), where)


_DECISION_ATTRS = ("section", "kind", "vote", "label", "votes")


def _stated_attrs(decision: Json) -> list[str]:
    return [k for k in _DECISION_ATTRS if not (_blank(decision.get(k)) or decision.get(k) == {})]


def _decision_attr_ok(key: str, gold: object, pred: object) -> bool:
    if key == "section":
        return norm_number(gold) == norm_number(pred)
    if key == "label":
        return title_sim(gold, pred) >= 85
    if key == "votes":
        return (gold or None) == (pred or None)
    return norm(gold) == norm(pred) or similar_text(gold, pred)


def _decision_label(decision: Json) -> str:
    return f"[{decision.get('section')}] {str(decision.get('text', ''))[:70]!r}"


def _score_decisions(doc: _Doc) -> None:
    golds, preds = _items(doc.gold, "decisions"), _items(doc.out, "decisions")
    m = match(golds, preds, decision_sim)
    _tally(doc.scores["decisions"], m, f"{doc.stem} decisions", lambda i: _decision_label(golds[i]),
           lambda i: _decision_label(preds[i]))
    attributes, assignees = doc.scores["decisions.attributes"], doc.scores["decisions.assignees"]
    for i in m.missed:
        attributes.add(fn=len(_stated_attrs(golds[i])))
        assignees.add(fn=len(_list(golds[i], "assignees")))
    for gi, pi in m.pairs:
        gold, pred = golds[gi], preds[pi]
        where = f"{doc.stem} decision [{gold.get('section')}]"
        stated = set(_stated_attrs(gold)) | set(_stated_attrs(pred))
        for key in (k for k in _DECISION_ATTRS if k in stated):
            gold_value, pred_value = gold.get(key), pred.get(key)
            attributes.judge(_decision_attr_ok(key, gold_value, pred_value),
                             f"{where} {key}: gold {gold_value!r} got {pred_value!r}")
        _score_people(doc, assignees, _list(gold, "assignees"), _list(pred, "assignees"),
                      f"{where} assignees")


def _score_persons(doc: _Doc) -> None:
    golds, preds = _items(doc.gold, "persons"), _items(doc.out, "persons")
    m = match(golds, preds, lambda g, p: doc.names.sim(g.get("name"), p.get("name")))

    def pred_label(i: int) -> str:
        name = preds[i].get("name")
        duplicate = any(doc.names.sim(g.get("name"), name) is not None for g in golds)
        return f"{name!r} (duplicate)" if duplicate else repr(name)

    _tally(doc.scores["persons"], m, f"{doc.stem} persons", lambda i: repr(golds[i].get("name")), pred_label)
    details = doc.scores["persons.details"]
    for i in m.missed:
        details.add(fn=len(_list(golds[i], "organizations")) + int(bool(golds[i].get("title"))))
    for gi, pi in m.pairs:
        gold, pred = golds[gi], preds[pi]
        where = f"{doc.stem} {gold.get('name')}"
        if gold.get("title") or pred.get("title"):
            details.judge(norm(gold.get("title")) == norm(pred.get("title")),
                          f"{where}: title gold {gold.get('title')!r} got {pred.get('title')!r}")
        gold_orgs, pred_orgs = _list(gold, "organizations"), _list(pred, "organizations")
        orgs = match(gold_orgs, pred_orgs, lambda g, p: 100.0 if _names_org(doc, g, p) else None)
        details.add(tp=len(orgs.pairs), fp=len(orgs.extra), fn=len(orgs.missed))
        if orgs.missed or orgs.extra:
            details.notes.append(f"{where}: orgs gold {gold_orgs} got {pred_orgs}")


def _names_org(doc: _Doc, gold_org: object, pred_org: object) -> bool:
    """A person's organization, given by any form of it; very short forms only exactly."""
    pred = norm(pred_org)
    return any(norm(form) == pred or (len(norm(form)) > 3 and similar_text(form, pred_org))
               for form in doc.names.of(gold_org))


def _score_organizations(doc: _Doc) -> None:
    golds, preds = _items(doc.gold, "organizations"), _items(doc.out, "organizations")
    m = match(golds, preds, org_sim)
    _tally(doc.scores["organizations"], m, f"{doc.stem} organizations", lambda i: repr(golds[i].get("name")),
           lambda i: repr(preds[i].get("name")))
    details = doc.scores["organizations.details"]
    for i in m.missed:
        details.add(fn=int(bool(golds[i].get("kind"))) + int(bool(golds[i].get("abbreviation"))))
    for gi, pi in m.pairs:
        gold, pred = golds[gi], preds[pi]
        where = f"{doc.stem} {gold.get('name')}"
        if gold.get("kind") or pred.get("kind"):
            details.judge(norm(gold.get("kind")) == norm(pred.get("kind")),
                          f"{where}: kind gold {gold.get('kind')} got {pred.get('kind')}")
        if gold.get("abbreviation") or pred.get("abbreviation"):
            ok = _compact(gold.get("abbreviation")) == _compact(pred.get("abbreviation"))
            details.judge(ok, f"{where}: abbreviation gold {gold.get('abbreviation')!r} "
                              f"got {pred.get('abbreviation')!r}")


def _compact(value: object) -> str:
    """Abbreviations compare without blanks: "IG BCE" and "IGBCE" are one abbreviation."""
    return norm(value).replace(" ", "")


def _score_dates(doc: _Doc) -> None:
    def iso(obj: Json) -> set[str]:
        return {norm(x.get("date")) for x in _items(obj, "dates") if x.get("date")}

    doc.scores["dates"].compare_sets(iso(doc.gold), iso(doc.out), f"{doc.stem} dates")


def _score_next_meetings(doc: _Doc) -> None:
    golds, preds = _items(doc.gold, "next_meetings"), _items(doc.out, "next_meetings")
    m = match(golds, preds, lambda g, p: 100.0 if norm(g.get("date")) == norm(p.get("date")) else None)
    score = doc.scores["next_meetings"]
    _tally(score, m, f"{doc.stem} next_meetings", lambda i: str(golds[i].get("date")),
           lambda i: str(preds[i].get("date")))
    for gi, pi in m.pairs:
        gold, pred = golds[gi], preds[pi]
        for key in ("start_time", "end_time"):
            if gold.get(key) or pred.get(key):
                score.judge(norm(gold.get(key)) == norm(pred.get(key)),
                            f"{doc.stem} next meeting {gold.get('date')}: {key} gold {gold.get(key)} "
                            f"got {pred.get(key)}")


def _score_links(doc: _Doc) -> None:
    def addresses(obj: Json) -> set[tuple[str, str]]:
        return {(norm_link(x.get("url")), norm(x.get("kind"))) for x in _items(obj, "links") if x.get("url")}

    doc.scores["links"].compare_sets(addresses(doc.gold), addresses(doc.out), f"{doc.stem} links")


_FIELD_SCORERS: tuple[Callable[[_Doc], None], ...] = (
    _score_meeting, _score_participants, _score_agenda, _score_sections, _score_decisions,
    _score_persons, _score_organizations, _score_dates, _score_next_meetings, _score_links,
)


# --- grounding -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _GroundingRule:
    """What a span of a list's items must read; a block (title, decision) need only begin alike."""

    values: Callable[[Json], list[Any]]
    block: bool


_GROUNDING_RULES = {
    "persons": _GroundingRule(lambda x: norm_name(x.get("name")).split(" ")[-1:], block=False),
    "organizations": _GroundingRule(
        lambda x: [x.get("name"), x.get("abbreviation"), *_list(x, "variants")], block=False),
    "links": _GroundingRule(lambda x: [x.get("url"), norm_link(x.get("url"))], block=False),
    "dates": _GroundingRule(lambda x: [x.get("text")], block=False),
    "agenda": _GroundingRule(lambda x: [x.get("title")], block=True),
    "sections": _GroundingRule(lambda x: [x.get("title")], block=True),
    "decisions": _GroundingRule(lambda x: [x.get("text"), x.get("label")], block=True),
}


def _says(value: object, span_text: str, block: bool) -> bool:
    """The span reads the value; a name-like span may not bury it in much more text."""
    want, got = norm(value), norm(span_text)
    if not want or not got:
        return False
    if block:
        want = want[:40]
    elif len(got) > 3 * len(want) + 40:
        return False
    return len(got) >= 0.8 * len(want) and fuzz.partial_ratio(want, got) >= 85


def _span_ok(span: Sequence[Any], text: str, values: list[Any], listname: str,
             block: bool) -> tuple[bool, str]:
    start, end = span
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return False, ""
    raw = text[start:end]
    if listname == "links":
        raw = _SPACES.sub("", raw)
    return (not values or any(_says(v, raw, block) for v in values)), raw


def _score_grounding(doc: _Doc, text: str) -> None:
    """Each span must point at text that says what its item says."""
    score = doc.scores[GROUNDING]
    for listname, rule in _GROUNDING_RULES.items():
        for item in _items(doc.out, listname):
            spans = [s for s in _list(item, "spans") if isinstance(s, (list, tuple)) and len(s) == 2]
            if not spans:
                label = item.get("name") or item.get("title") or item.get("text") or item.get("url")
                score.add(fn=1)
                score.notes.append(f"{doc.stem} {listname} item has no span: {str(label)[:50]!r}")
                continue
            values = [v for v in rule.values(item) if v]
            for span in spans:
                ok, raw = _span_ok(span, text, values, listname, rule.block)
                score.add(tp=int(ok), fp=int(not ok))
                if not ok:
                    score.notes.append(f"{doc.stem} {listname} span {span[0]}:{span[1]} reads {raw[:50]!r} "
                                       f"for {values[:1]!r}")


def decode(raw: bytes, encoding: object) -> str:
    """Decode an input as the extractor did (its recorded encoding; an office document's extracted
    text), so that span offsets line up."""
    for candidate in (encoding, "utf-8"):
        if isinstance(candidate, str) and candidate:
            try:
                return spanned_text(raw, candidate, errors="strict")
            except (LookupError, UnicodeDecodeError):
                continue
    return raw.decode("utf-8", errors="replace")


# --- evaluation ----------------------------------------------------------------------------------


class NoGoldFilesError(FileNotFoundError):
    """The gold directory holds no <stem>.json: nothing to evaluate against."""


@dataclass
class Report:
    """Per-field counts over all documents, and the outputs that were missing or unreadable."""

    fields: dict[str, FieldScore]
    missing: list[str]
    grounded: bool = False

    @property
    def counted(self) -> list[str]:
        """The fields with anything to count: only these enter the overall score."""
        return [k for k in FIELDS if self.fields[k].counted]

    @property
    def overall(self) -> float:
        counted = self.counted
        return sum(self.fields[k].f1 for k in counted) / len(counted) if counted else 0.0

    @property
    def shown(self) -> list[str]:
        """The rows to print: counted fields, then grounding when inputs were checked."""
        grounding = [GROUNDING] if self.grounded and self.fields[GROUNDING].counted else []
        return self.counted + grounding


def _load_output(path: Path) -> tuple[Json, str | None]:
    """The output for one document, or {} and why it could not be used (scored as all misses)."""
    if not path.exists():
        return {}, path.name
    try:
        out = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        return {}, f"{path.name} (unreadable: {exc})"
    if not isinstance(out, dict):
        return {}, f"{path.name} (unreadable: not a JSON object)"
    return out, None


def _read_input(inputs: Path, stem: str, gold: Json, out: Json) -> str | None:
    source_file = (gold.get("source") or {}).get("file") or f"{stem}.txt"
    path = inputs / source_file
    if not path.exists():
        return None
    return decode(path.read_bytes(), (out.get("source") or {}).get("encoding"))


def evaluate(gold_dir: Path, out_dir: Path, inputs: Path | None = None) -> Report:
    """Score every gold/<stem>.json against out/<stem>.json; with inputs, check spans against the texts."""
    gold_paths = sorted(Path(gold_dir).glob("*.json"))
    if not gold_paths:
        raise NoGoldFilesError(f"no golden files in {gold_dir}")
    report = Report(fields={k: FieldScore() for k in (*FIELDS, GROUNDING)}, missing=[],
                    grounded=inputs is not None)
    for gold_path in gold_paths:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out, problem = _load_output(Path(out_dir) / gold_path.name)
        if problem:
            report.missing.append(problem)
        doc = _Doc(gold_path.stem, gold, out, NameForms.from_gold(gold), report.fields)
        for scorer in _FIELD_SCORERS:
            scorer(doc)
        text = _read_input(Path(inputs), gold_path.stem, gold, out) if inputs is not None else None
        if text is not None:
            _score_grounding(doc, text)
    return report


def format_table(report: Report, verbose: bool = False) -> str:
    """The shared scorer's table, so both read the same: a row per field, then `overall F1`."""
    lines = [f"missing or unreadable outputs: {', '.join(report.missing)}"] if report.missing else []
    lines.append(f"{'field':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for name in report.shown:
        s = report.fields[name]
        lines.append(f"{name:24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                     f"{s.tp:5d} {s.fp:5d} {s.fn:5d}")
        if verbose:
            lines.extend(f"    {note}" for note in s.notes)
    lines.append(f"overall F1 {report.overall:.3f}")
    return "\n".join(lines)


def report_json(report: Report) -> dict[str, Any]:
    """The shared scorer's --json shape, so tools can read either."""
    return {
        "overall_f1": round(report.overall, 4),
        "missing": list(report.missing),
        "fields": {name: _field_json(report.fields[name]) for name in report.shown},
    }


def _field_json(s: FieldScore) -> dict[str, float | int]:
    return {"p": round(s.precision, 4), "r": round(s.recall, 4), "f1": round(s.f1, 4),
            "tp": s.tp, "fp": s.fp, "fn": s.fn}


# --- command line --------------------------------------------------------------------------------


def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="directory of golden <stem>.json files")],
    out_dir: Annotated[Path, typer.Argument(help="directory of the extractor's <stem>.json files")],
    inputs: Annotated[Path | None, typer.Option(help="directory of the input texts, to check spans")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list every miss and extra")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
) -> None:
    """Score extractor output against golden annotations: P/R/F1 per field and overall F1."""
    try:
        report = evaluate(gold_dir, out_dir, inputs)
    except NoGoldFilesError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    typer.echo(json.dumps(report_json(report), indent=2) if as_json else format_table(report, verbose))


def register(app: typer.Typer) -> None:
    """Add `eval` to the project's CLI; the CLI module stays a thin list of commands."""
    app.command("eval")(eval_command)
