"""Joining a wrapped line to a paragraph gives what squashing the whole paragraph gives."""

from hypothesis import given, settings
from hypothesis import strategies as st

from om_extract.text import squash, squash_append

PIECES = ["x", "Ab", "ü", "1", "_", "-", "–", " ", "\t", "\u00a0", "@", "www.", "://", "und", "bis", "a-b", "y" * 999, "z" * 500]
TEXT = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(TEXT, TEXT)
def test_squash_append_is_squash_of_the_joined_lines(done: str, line: str) -> None:
    done = squash(done)
    assert squash_append(done, line) == squash(f"{done}\n{line}")


def test_hyphen_joins_stop_at_a_thousand_characters() -> None:
    assert squash_append("x" * 1000 + "-", "x") == "x" * 1001 == squash("x" * 1000 + "-\nx")
    assert squash_append("x" * 1001 + "-", "x") == "x" * 1001 + "- x" == squash("x" * 1001 + "-\nx")


def test_a_paragraph_of_wrapped_hyphens_grows_one_word() -> None:
    done = "x-"
    for _ in range(50):
        done = squash_append(done, "x-")
    assert done == "x" * 51 + "-"


def test_a_line_end_hyphen_stays_after_an_acronym_and_inside_an_address() -> None:
    assert squash("die Mitarbei-\ntenden") == "die Mitarbeitenden"
    assert squash("der KMU-\nberatenden") == "der KMU-beratenden"
    assert squash("https://example.org/initiative-\nund-partner/") == "https://example.org/initiative-und-partner/"
    assert squash("Arbeits-\nund Gesundheitsschutz") == "Arbeits- und Gesundheitsschutz"
