"""The NER stage with a tiny spaCy pipeline built here: its PER entities reach the output."""

from pathlib import Path

import spacy

from om_extract import extract_text
from om_extract.ner import load

TEXT = "Protokoll\n\n1. Bericht\n\nDer Bericht kam von Zorvat Quellmann aus dem Team.\n\n2. Ende\n\nNichts.\n"


def test_model_entities_are_merged(tmp_path: Path) -> None:
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": [{"TEXT": "Zorvat"}, {"TEXT": "Quellmann"}]}])
    model_dir = tmp_path / "tiny"
    nlp.to_disk(model_dir)
    without = extract_text(TEXT, model=None)
    assert "Zorvat Quellmann" not in [p.name for p in without.persons]  # rules alone do not know him
    with_model = extract_text(TEXT, model=str(model_dir))
    person = next(p for p in with_model.persons if p.name == "Zorvat Quellmann")
    s, e = person.spans[0]
    assert TEXT[s:e] == "Zorvat Quellmann"
    assert not with_model.warnings or "not installed" not in with_model.warnings[0]


def test_missing_model_falls_back_with_warning() -> None:
    p = extract_text(TEXT, model="no_such_model_xyz")
    assert p.warnings[0].startswith("spaCy model 'no_such_model_xyz' is not installed")
    assert load("no_such_model_xyz").nlp.lang == "de"
