"""The spaCy stage: one pipeline per process, an EntityRuler fed from ``rules/``, and the
PER/ORG entities it (and de_core_news_sm, when installed) finds."""

from __future__ import annotations

import warnings as _warnings
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language

from .names import NameMatch, parse_name
from .rules import RULES
from .text import Span

DEFAULT_MODEL = "de_core_news_sm"


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    warning: str | None  # set when the trained model could not be loaded


def ruler_patterns() -> list[dict]:
    """ORG phrase patterns for every register form; PER token patterns for "Herr/Frau X"."""
    patterns: list[dict] = [
        {"label": "ORG", "pattern": form, "id": e.name} for e in RULES.register for form in e.forms
    ]
    for sal in RULES.data["salutations"]:
        patterns.append({"label": "PER", "pattern": [{"TEXT": sal}, {"IS_TITLE": True, "IS_STOP": False}]})
    return patterns


def build(nlp: Language) -> Language:
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="om_rules", config={"overwrite_ents": True}, **before)
    ruler.add_patterns(ruler_patterns())
    return nlp


@cache
def load(model: str | None = DEFAULT_MODEL) -> Pipeline:
    """Load ``model`` (name or path) once; fall back to a blank German pipeline with a warning."""
    warning = None
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            nlp = spacy.load(model, exclude=["lemmatizer", "parser", "morphologizer", "attribute_ruler"]) \
                if model else spacy.blank("de")
    except OSError:
        nlp = spacy.blank("de")
        warning = f"spaCy model {model!r} is not installed: NER ran on rules only (spacy.blank('de') + EntityRuler)"
    return Pipeline(build(nlp), warning)


def entities(nlp: Language, text: str) -> tuple[list[tuple[Span, NameMatch]], list[tuple[Span, str]]]:
    """PER entities as name matches and ORG entities as written, with their offsets in ``text``."""
    doc = nlp(text)
    people: list[tuple[Span, NameMatch]] = []
    orgs: list[tuple[Span, str]] = []
    for ent in doc.ents:
        span = (ent.start_char, ent.end_char)
        if ent.label_ == "PER":
            n = parse_name(ent.text) or _tokens_name(ent.text)
            if n is not None and (n.first or n.salutation or n.title):
                people.append((span, NameMatch(span[0] + n.start, span[0] + n.end, span[0] + n.name_start,
                                               n.salutation, n.title, n.first, n.last)))
        elif ent.label_ == "ORG" and not ent.ent_id_:
            orgs.append((span, ent.text))
    return people, orgs


def _tokens_name(text: str) -> NameMatch | None:
    """A model's PER entity the rules do not parse: title-case words, the last is the surname."""
    words = text.split()
    if len(words) < 2 or len(words) > 4 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return None
    first = " ".join(words[:-1])
    return NameMatch(0, len(text), 0, None, None, first, words[-1])
