"""The spaCy stage: one pipeline per process, an EntityRuler fed from ``rules/``, and the
PER/ORG entities it (and de_core_news_sm, when installed) finds.

Cost: with a trained model the whole text goes through spaCy, in pieces of at most ``CHUNK``
characters cut at paragraph breaks (memory stays flat and no text is too long for spaCy). In rules
mode (``spacy.blank("de")`` + the ruler) only the lines that hold a salutation are tokenized: the
ruler's PER patterns start with a salutation token and, like every token pattern, never cross a
line break ("\n" is a token of its own), and its ORG matches carry an id and are not reported, so
the entities are the same as from the whole text at a fraction of the cost.
"""

from __future__ import annotations

import re
import warnings as _warnings
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Span as SpacySpan

from .model_name import DEFAULT_MODEL
from .names import NameMatch, parse_name
from .rules import RULES
from .text import Span

RULER = "om_rules"
CHUNK = 100_000  # characters per spaCy call; shorter texts go in whole
# components the entities do not need (the NER of de_core_news_sm has its own tok2vec)
EXCLUDE = ["lemmatizer", "parser", "morphologizer", "attribute_ruler", "tagger", "senter"]


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    warning: str | None  # set when the trained model could not be loaded


def ruler_patterns() -> list[dict]:
    """ORG phrase patterns for every register form; PER token patterns for "Herr/Frau X"."""
    patterns: list[dict] = [
        {"label": "ORG", "pattern": form, "id": e.name} for e in RULES.register for form in e.forms
    ]
    not_names = sorted(RULES.not_names | set(RULES.data["salutations"]))
    for sal in RULES.data["salutations"]:
        patterns.append({"label": "PER", "pattern": [
            {"TEXT": sal}, {"IS_TITLE": True, "IS_STOP": False, "TEXT": {"NOT_IN": not_names}}]})
    return patterns


def build(nlp: Language) -> Language:
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=RULER, config={"overwrite_ents": True}, **before)
    ruler.add_patterns(ruler_patterns())
    return nlp


@cache
def load(model: str | None = DEFAULT_MODEL) -> Pipeline:
    """Load ``model`` (name or path) once; fall back to a blank German pipeline with a warning."""
    warning = None
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            nlp = spacy.load(model, exclude=EXCLUDE) if model else spacy.blank("de")
    except OSError:
        nlp = spacy.blank("de")
        warning = f"spaCy model {model!r} is not installed: NER ran on rules only (spacy.blank('de') + EntityRuler)"
    return Pipeline(build(nlp), warning)


def entities(nlp: Language, text: str) -> tuple[list[tuple[Span, NameMatch]], list[tuple[Span, str]]]:
    """PER entities as name matches and ORG entities as written, with their offsets in ``text``."""
    pieces = _salutation_lines(text) if nlp.pipe_names == [RULER] else _chunks(text, CHUNK)
    people: list[tuple[Span, NameMatch]] = []
    orgs: list[tuple[Span, str]] = []
    for (offset, _), doc in zip(pieces, nlp.pipe(text[s:e] for s, e in pieces), strict=True):
        for ent in doc.ents:
            _add(people, orgs, ent, offset)
    return people, orgs


def _add(people: list[tuple[Span, NameMatch]], orgs: list[tuple[Span, str]], ent: SpacySpan, offset: int) -> None:
    span = (offset + ent.start_char, offset + ent.end_char)
    if ent.label_ == "PER":
        n = parse_name(ent.text) or _tokens_name(ent.text)
        if n is not None and (n.first or n.salutation or n.title):
            people.append((span, NameMatch(span[0] + n.start, span[0] + n.end, span[0] + n.name_start,
                                           n.salutation, n.title, n.first, n.last)))
    elif ent.label_ == "ORG" and not ent.ent_id_:
        orgs.append((span, ent.text))


@cache
def _salutation() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s) for s in sorted(RULES.data["salutations"], key=len, reverse=True)))


def _salutation_lines(text: str) -> list[Span]:
    """The lines (without their "\n") that contain a salutation anywhere, in text order."""
    out: list[Span] = []
    for m in _salutation().finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        out.extend(_chunks(text, CHUNK, start, len(text) if end < 0 else end))
    return out


def _chunks(text: str, limit: int, start: int = 0, end: int | None = None) -> list[Span]:
    """``text[start:end]`` in pieces of at most ``limit`` characters, cut after a blank line, else
    after a line break, else after a blank (a piece that long is no prose anyway)."""
    end = len(text) if end is None else end
    out: list[Span] = []
    while end - start > limit:
        cut = text.rfind("\n\n", start + limit // 2, start + limit) + 2
        if cut <= start + 1:
            cut = text.rfind("\n", start, start + limit) + 1
        if cut <= start:
            cut = text.rfind(" ", start, start + limit) + 1
        if cut <= start:
            cut = start + limit
        out.append((start, cut))
        start = cut
    if end > start:
        out.append((start, end))
    return out


def _tokens_name(text: str) -> NameMatch | None:
    """A model's PER entity the rules do not parse: title-case words, the last is the surname."""
    words = text.split()
    if len(words) < 2 or len(words) > 4 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return None
    first = " ".join(words[:-1])
    return NameMatch(0, len(text), 0, None, None, first, words[-1])
